import type { Completeness } from '../../../shared/api/status.js';
import type { RecordTableRow } from '../records/repository.js';
import { nowIso } from '../store/archive-folder.js';
import type { Db } from '../store/database.js';
import { all, one, run } from '../store/sql.js';

/** An auditor's accepted edits to one 测评标准 row; null fields fall back to the computed status and the index. */
export interface ChecklistNote {
  status: Completeness | null;
  responsible: string | null;
  note: string;
}

/** The year's notes by item id. */
export function readNotes(db: Db, year: number): Map<number, ChecklistNote> {
  const rows = all<{ item_id: number } & ChecklistNote>(db, 'SELECT item_id, status, responsible, note FROM checklist_notes WHERE year = ?', year);
  return new Map(rows.map((r) => [r.item_id, { status: r.status, responsible: r.responsible, note: r.note }]));
}

/** Stores notes (a note with nothing left in it is removed). The caller holds the transaction. */
export function writeNotes(db: Db, year: number, notes: ReadonlyMap<number, ChecklistNote>): void {
  const now = nowIso();
  for (const [itemId, n] of notes) {
    if (n.status === null && n.responsible === null && n.note === '') run(db, 'DELETE FROM checklist_notes WHERE year = ? AND item_id = ?', year, itemId);
    else {
      run(
        db,
        `INSERT INTO checklist_notes(year, item_id, status, responsible, note, updated_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT(year, item_id) DO UPDATE SET status = excluded.status, responsible = excluded.responsible, note = excluded.note,
           updated_at = excluded.updated_at`,
        year, itemId, n.status, n.responsible, n.note, now,
      );
    }
  }
}

/** What the workbook prints about the index edition: its name, whether it is the built-in example, its level names. */
export interface EditionHeading {
  id: number;
  name: string;
  isExample: boolean;
  levelNames: string[];
}

export function editionInfo(db: Db, id: number): EditionHeading {
  const row = one<{ id: number; name: string; is_example: number; level_names: string }>(
    db,
    'SELECT id, name, is_example, level_names FROM editions WHERE id = ?',
    id,
  );
  const names = row ? (JSON.parse(row.level_names) as unknown) : [];
  return {
    id,
    name: row?.name ?? '',
    isExample: row?.is_example === 1,
    levelNames: Array.isArray(names) ? names.filter((n): n is string => typeof n === 'string') : [],
  };
}

/** A 件 of the year as the 材料索引 lists it: its fields, stored identity, page count and number of photos. */
export type RecordRow = Pick<RecordTableRow, 'id' | 'title' | 'title_supplied' | 'doc_no' | 'author' | 'date' | 'type' | 'note' | 'activity_id'> & {
  archival_code: string | null;
  volume_no: number | null;
  piece: number | null;
  pages: number | null;
  unknown_pages: number;
  images: number;
};

/** The year's live records in date order, in one query whatever the size of the year. */
export function yearRecordRows(db: Db, year: number): RecordRow[] {
  return all<RecordRow>(
    db,
    `SELECT r.id, r.title, r.title_supplied, r.doc_no, r.author, r.date, r.type, r.note, r.activity_id, ident.archival_code,
            ident.volume_no, ident.piece,
            p.pages, coalesce(p.unknown_pages, 0) AS unknown_pages,
            (SELECT count(*) FROM record_files rf JOIN blobs b ON b.sha256 = rf.sha256 WHERE rf.record_id = r.id AND b.kind = 'image') AS images
     FROM live_records r LEFT JOIN record_pages p ON p.record_id = r.id LEFT JOIN record_identity ident ON ident.record_id = r.id
     WHERE r.year = ?
     ORDER BY r.date IS NULL, r.date, r.id`,
    year,
  );
}

/** The year's live records among these ids (an IN over json_each: a join makes SQLite scan the list per record), with their title and note (what the 材料索引's 备注 is compared with). */
export function recordNotes(db: Db, year: number, ids: readonly number[]): Map<number, { id: number; title: string; note: string }> {
  const rows = all<{ id: number; title: string; note: string }>(
    db,
    'SELECT r.id, r.title, r.note FROM live_records r WHERE r.id IN (SELECT value FROM json_each(?)) AND r.year = ?',
    JSON.stringify(ids),
    year,
  );
  return new Map(rows.map((r) => [r.id, r]));
}

/** Which of these record ids exist and are not in the trash (proof a ledger row may link to). */
export function liveRecordIds(db: Db, ids: readonly number[]): Set<number> {
  return new Set(all<{ id: number }>(db, 'SELECT r.id FROM live_records r WHERE r.id IN (SELECT value FROM json_each(?))', JSON.stringify(ids)).map((x) => x.id));
}
