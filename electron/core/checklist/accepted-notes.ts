import type { Completeness } from '../../../shared/api/status.js';
import { nowIso } from '../store/archive-folder.js';
import type { Db } from '../store/database.js';

/** An auditor's accepted edits to one 测评标准 row; null fields fall back to the computed status and the index. */
export interface ChecklistNote {
  status: Completeness | null;
  responsible: string | null;
  note: string;
}

/** The year's notes by item id. */
export function readNotes(db: Db, year: number): Map<number, ChecklistNote> {
  const rows = db.prepare('SELECT item_id, status, responsible, note FROM checklist_notes WHERE year = ?').all(year) as {
    item_id: number;
    status: Completeness | null;
    responsible: string | null;
    note: string;
  }[];
  return new Map(rows.map((r) => [r.item_id, { status: r.status, responsible: r.responsible, note: r.note }]));
}

/** Stores notes (a note with nothing left in it is removed). The caller holds the transaction. */
export function writeNotes(db: Db, year: number, notes: ReadonlyMap<number, ChecklistNote>): void {
  const upsert = db.prepare(
    `INSERT INTO checklist_notes(year, item_id, status, responsible, note, updated_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT(year, item_id) DO UPDATE SET status = excluded.status, responsible = excluded.responsible, note = excluded.note,
       updated_at = excluded.updated_at`,
  );
  const remove = db.prepare('DELETE FROM checklist_notes WHERE year = ? AND item_id = ?');
  const now = nowIso();
  for (const [itemId, n] of notes) {
    if (n.status === null && n.responsible === null && n.note === '') remove.run(year, itemId);
    else upsert.run(year, itemId, n.status, n.responsible, n.note, now);
  }
}
