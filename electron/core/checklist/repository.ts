import type { Db } from '../store/database.js';
import { all } from '../store/sql.js';

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
