import { parseCaption } from '../../../shared/domain/caption.js';
import type { CarryOverResult } from '../../../shared/api/records.js';
import { STANDING_TYPES } from '../../../shared/domain/record.js';
import { TaizhangError } from '../../../shared/errors.js';
import { declareYear } from '../index/declare-year.js';
import { resolveEdition } from '../index/editions.js';
import { reindexRecords } from '../search/indexer.js';
import type { Archive } from '../store/archive-folder.js';
import { addRecordItems, insertRecord, setRecordTags, type RecordTableRow } from './repository.js';
import { pushUndo } from './undo.js';
import { writeTransaction } from '../store/database.js';
import { all, statement, value, values } from '../store/sql.js';

/**
 * Starts year `to` from year `from`: each standing record (制度, 台账) gets a record in the new year that points at
 * the same files (no copy) and links to the items of the new year's edition with the same codes. Nothing else
 * carries; a record already carried is not carried twice.
 */
export function carryOver(archive: Archive, from: number, to: number): CarryOverResult {
  if (to <= from) throw new TaizhangError('invalid_input', `结转应从早的年度到晚的年度（${from} → ${to}） / Carry over forward in time`);
  const db = archive.db;
  if (value<number>(db, 'SELECT 1 FROM years WHERE year = ?', from) === undefined) {
    throw new TaizhangError('not_found', `档案中没有 ${from} 年度 / No year ${from}`);
  }
  return writeTransaction(db, () => {
    declareYear(archive.db, to);
    const edition = resolveEdition(db, { year: to });
    const standing = all<RecordTableRow>(
      db,
      `SELECT r.* FROM live_records r WHERE r.year = ? AND r.type IN (SELECT value FROM json_each(?)) ORDER BY r.id`,
      from,
      JSON.stringify(STANDING_TYPES),
    );
    const copyFile = statement(db, 'INSERT INTO record_files(record_id, sha256, name, position) VALUES (?, ?, ?, ?)');
    const created: number[] = [];
    const warnings: string[] = [];
    let alreadyCarried = 0;
    for (const r of standing) {
      const sourceId = r.id;
      // The copy points at the original document, even when carried from a copy: its identity is the original's.
      const origin = r.carried_from ?? r.id;
      if (value<number>(db, 'SELECT 1 FROM records WHERE year = ? AND carried_from = ?', to, origin) !== undefined) {
        alreadyCarried += 1;
        continue;
      }
      const id = insertRecord(db, {
        year: to,
        title: r.title,
        titleSupplied: r.title_supplied === 1,
        docNo: r.doc_no,
        author: r.author,
        date: r.date,
        type: r.type,
        retention: r.retention,
        secrecy: r.secrecy,
        note: r.note,
        caption: parseCaption(r.caption),
        activityId: null,
        carriedFrom: origin,
        attachmentConfirmed: r.attachment_confirmed === 1,
      });
      const files = all<{ sha256: string; name: string; position: number }>(
        db,
        'SELECT sha256, name, position FROM record_files WHERE record_id = ? ORDER BY position',
        sourceId,
      );
      for (const f of files) copyFile.run(id, f.sha256, f.name, f.position);
      setRecordTags(db, id, values<string>(db, 'SELECT tag FROM record_tags WHERE record_id = ?', sourceId));
      const itemIds: number[] = [];
      for (const code of values<string>(db, 'SELECT i.code FROM record_items ri JOIN items i ON i.id = ri.item_id WHERE ri.record_id = ? ORDER BY i.code', sourceId)) {
        const item = value<number>(db, 'SELECT id FROM items WHERE edition_id = ? AND code = ?', edition, code);
        if (item === undefined) warnings.push(`「${r.title}」关联的项目 ${code} 在 ${to} 年度的测评体系中不存在，未关联 / Item ${code} not in the new edition`);
        else itemIds.push(item);
      }
      addRecordItems(db, id, itemIds);
      created.push(id);
    }
    if (created.length > 0) {
      pushUndo(db, `${from} → ${to} 年度结转 ${created.length} 件`, { kind: 'created', ids: created });
      reindexRecords(db, created);
    }
    return { carried: created.length, year: to, alreadyCarried, warnings };
  });
}
