import type { ArchivalVolume } from '../../../shared/api/archival.js';
import type { Db } from '../store/database.js';
import { numbersOfYear, volumesOfYear } from './repository.js';

/** The year's volumes with their live 件数 and the numbers withdrawn from each. */
export function listVolumes(db: Db, year: number): ArchivalVolume[] {
  const numbers = numbersOfYear(db, year);
  return volumesOfYear(db, year).map((v) => {
    const own = numbers.filter((n) => n.volume_id === v.id);
    return {
      year: v.year,
      volumeNo: v.volume_no,
      archivalCode: v.archival_code,
      retention: v.retention,
      problem: v.problem,
      item: { code: v.item_code, title: v.item_title },
      archivedOn: v.archived_on,
      pieces: own.filter((n) => n.withdrawn_on === null).length,
      withdrawn: own
        .filter((n) => n.withdrawn_on !== null)
        .map((n) => ({ piece: n.piece, archivalCode: n.archival_code, reason: n.withdraw_reason ?? '', on: n.withdrawn_on ?? '' })),
    };
  });
}
