import { parseCaption } from '../../../shared/domain/caption.js';
import type { ParsedArgs } from '../../../shared/api/contract.js';
import type { RenameResult } from '../../../shared/api/records.js';
import type { RecordType } from '../../../shared/domain/record.js';
import { joined, TaizhangError } from '../../../shared/errors.js';
import type { Archive } from '../store/archive-folder.js';
import { writeTransaction } from '../store/database.js';
import { all, idList } from '../store/sql.js';
import { applyChanges } from './edit.js';
import { parseRenamePattern, renamedTitle } from './naming.js';

interface Row {
  id: number;
  title: string;
  type: RecordType;
  year: number;
  date: string | null;
  caption: string;
  activity: string | null;
}

/**
 * records.rename: the titles a pattern gives a selection, numbered in the order given. A preview changes nothing;
 * otherwise every record is renamed in one transaction (with one undo entry), and if any record cannot take the
 * pattern none is.
 */
export function renameRecords(archive: Archive, args: ParsedArgs<'records.rename'>): RenameResult {
  const parts = parseRenamePattern(args.pattern);
  const ids = [...new Set(args.ids)];
  const db = archive.db;
  return writeTransaction(db, () => {
    const rows = all<Row>(
      db,
      `SELECT r.id, r.title, r.type, r.year, r.date, r.caption, a.name AS activity FROM records r LEFT JOIN activities a ON a.id = r.activity_id
       WHERE r.id IN (SELECT value FROM json_each(?)) AND r.deleted_at IS NULL`,
      idList(ids),
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    const missing = ids.filter((id) => !byId.has(id));
    if (missing.length > 0) {
      throw new TaizhangError('not_found', {
        zh: `找不到这些记录（或已在回收站）：${missing.map((id) => `#${id}`).join('、')}`,
        en: `No such records: ${missing.join(', ')}`,
      });
    }
    const result: RenameResult = { rows: [], problems: [], applied: false };
    for (const [index, id] of ids.entries()) {
      const row = byId.get(id)!;
      const renamed = renamedTitle(parts, { ...row, caption: parseCaption(row.caption) }, args.start + index);
      if ('title' in renamed) result.rows.push({ id, from: row.title, to: renamed.title });
      else {
        result.rows.push({ id, from: row.title, to: row.title });
        result.problems.push({ id, message: joined({ zh: `第 ${id} 件「${row.title}」${renamed.problem.zh}`, en: `Record ${id}: ${renamed.problem.en}` }) });
      }
    }
    if (args.preview || result.problems.length > 0) return result;
    // Titles written by a pattern are the archivist's ([题名] in the binder); one undo entry takes the whole rename back.
    applyChanges(archive, ids, { fields: { titleSupplied: true }, titles: new Map(result.rows.map((r) => [r.id, r.to])) }, `按规则改名 ${ids.length} 件`);
    return { ...result, applied: true };
  });
}
