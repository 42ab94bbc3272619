import type { WithdrawResult } from '../../../shared/api/archival.js';
import { localIsoDate } from '../../../shared/text/dates.js';
import { TaizhangError } from '../../../shared/errors.js';
import { type Db, writeTransaction } from '../store/database.js';
import { one } from '../store/sql.js';
import { markWithdrawn, ownNumber } from './repository.js';

/**
 * 撤销归档: takes one record out of its numbered set, with the reason. The number stays taken (never given again);
 * the volume's 备考表 states the gap. The record can then be moved, trashed or archived again under a new number.
 */
export function withdrawRecord(db: Db, id: number, reason: string, today = localIsoDate()): WithdrawResult {
  return writeTransaction(db, () => {
    const record = one<{ title: string; carried_from: number | null; year: number }>(db, 'SELECT title, carried_from, year FROM records WHERE id = ?', id);
    if (!record) throw new TaizhangError('not_found', `没有第 ${id} 件记录 / No record ${id}`);
    const number = ownNumber(db, id);
    if (!number) {
      if (record.carried_from !== null) {
        const origin = one<{ year: number }>(db, 'SELECT year FROM records WHERE id = ?', record.carried_from);
        throw new TaizhangError(
          'conflict',
          `「${record.title}」是从 ${origin?.year ?? '往'} 年度结转来的，档号属于原件；要撤销请对原件（#${record.carried_from}）操作 / This is a carried-over copy; withdraw the original`,
        );
      }
      throw new TaizhangError('conflict', `「${record.title}」还没有归档，不需要撤销 / Record ${id} is not archived`);
    }
    markWithdrawn(db, number.id, reason.trim(), today);
    return { recordId: id, piece: number.piece, archivalCode: number.archival_code, volumeNo: number.volume_no, reason: reason.trim(), withdrawnOn: today };
  });
}
