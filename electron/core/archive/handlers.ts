import type { ArchiveInfo, YearInfo } from '../../../shared/api/archive.js';
import { TaizhangError } from '../../../shared/errors.js';
import type { DomainHandlers } from '../api/types.js';
import { resolveEdition } from '../index/editions.js';
import { getUnit, setUnit, type Archive } from '../store/archive.js';
import { schemaVersion } from '../store/database.js';
import { backupArchive } from '../backup/backup.js';
import { checkArchive } from '../backup/check.js';
import { exportFolder } from '../backup/export-folder.js';

export function listYears(archive: Archive): YearInfo[] {
  return archive.db
    .prepare(
      `SELECT y.year, y.edition_id AS editionId, e.name AS editionName,
              (SELECT count(*) FROM records r WHERE r.year = y.year AND r.deleted_at IS NULL) AS records
       FROM years y JOIN editions e ON e.id = y.edition_id ORDER BY y.year`,
    )
    .all() as YearInfo[];
}

/** Declares a year (if new) with the given edition, or the newest one. */
export function ensureYear(archive: Archive, year: number, editionId?: number): YearInfo {
  const existing = archive.db.prepare('SELECT edition_id FROM years WHERE year = ?').get(year) as { edition_id: number } | undefined;
  if (!existing || editionId !== undefined) {
    const edition = resolveEdition(archive.db, { edition: editionId });
    archive.db
      .prepare('INSERT INTO years(year, edition_id) VALUES (?, ?) ON CONFLICT(year) DO UPDATE SET edition_id = excluded.edition_id')
      .run(year, edition);
  }
  const info = listYears(archive).find((y) => y.year === year);
  if (!info) throw new TaizhangError('internal', `年度 ${year} 未能建立`);
  return info;
}

export const archiveHandlers: DomainHandlers<
  'archive.info' | 'unit.get' | 'unit.set' | 'years.list' | 'years.set' | 'archive.check' | 'archive.backup' | 'archive.exportFolder'
> = (archive) => ({
  'archive.info': (): ArchiveInfo => {
    const counts = archive.db
      .prepare(
        `SELECT (SELECT count(*) FROM records WHERE deleted_at IS NULL) AS records, (SELECT count(*) FROM blobs) AS files`,
      )
      .get() as { records: number; files: number };
    return {
      path: archive.dir,
      schemaVersion: schemaVersion(archive.db),
      unit: getUnit(archive.db),
      years: listYears(archive),
      ...counts,
    };
  },
  'unit.get': () => getUnit(archive.db),
  'unit.set': (patch) => setUnit(archive.db, patch),
  'years.list': () => listYears(archive),
  'years.set': ({ year, editionId }) => ensureYear(archive, year, editionId),
  'archive.check': (args, ctx) => checkArchive(archive, args, ctx),
  'archive.backup': (args, ctx) => backupArchive(archive, args.out, ctx),
  'archive.exportFolder': (args, ctx) => exportFolder(archive, args, ctx),
});
