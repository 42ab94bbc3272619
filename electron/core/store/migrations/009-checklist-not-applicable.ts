import { all, run } from '../sql.js';
import type { Migration } from './migration.js';

/**
 * One truth for 不适用. A 不适用 accepted from a returned 自查表 used to live only in checklist_notes, where the status
 * view never looked; it becomes the item's 不适用 mark (the note, or 自查表认定不适用, as its reason), which every view
 * reads. A mark the clerk set already is kept as it is. Notes left with nothing in them are removed.
 */
export const migration009: Migration = {
  version: 9,
  name: 'checklist-not-applicable',
  up: (db) => {
    const rows = all<{ year: number; item_id: number; note: string }>(db, "SELECT year, item_id, note FROM checklist_notes WHERE status = '不适用'");
    for (const r of rows) {
      run(db, 'INSERT INTO not_applicable(year, item_id, reason) VALUES (?, ?, ?) ON CONFLICT(year, item_id) DO NOTHING', r.year, r.item_id, r.note.trim() || '自查表认定不适用');
    }
    db.exec(`
UPDATE checklist_notes SET status = NULL WHERE status = '不适用';
DELETE FROM checklist_notes WHERE status IS NULL AND responsible IS NULL AND note = '';
`);
  },
};
