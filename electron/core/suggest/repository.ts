import type { Db } from '../store/database.js';
import { all, one } from '../store/sql.js';

/** What suggestions read: the record's own words and the earlier years' filings. */

export interface RecordWords {
  year: number;
  title: string;
  note: string;
  activity: string | null;
  text: string;
}

export function recordWords(db: Db, recordId: number): RecordWords | undefined {
  return one<RecordWords>(
    db,
    `SELECT r.year, r.title, r.note, a.name AS activity,
            coalesce((SELECT group_concat(substr(b.text, 1, 3000), char(10)) FROM record_files f JOIN blobs b ON b.sha256 = f.sha256 WHERE f.record_id = r.id), '') AS text
     FROM live_records r LEFT JOIN activities a ON a.id = r.activity_id WHERE r.id = ?`,
    recordId,
  );
}

export interface EarlierFiling {
  year: number;
  title: string;
  activity: string | null;
  itemId: number;
}

/** Every link of a live record of an earlier year to an item (of whatever edition that year used). */
export function earlierFilings(db: Db, year: number): EarlierFiling[] {
  return all<EarlierFiling>(
    db,
    `SELECT r.year, r.title, a.name AS activity, ri.item_id AS itemId
     FROM live_records r JOIN record_items ri ON ri.record_id = r.id LEFT JOIN activities a ON a.id = r.activity_id
     WHERE r.year < ? ORDER BY r.year DESC, r.id`,
    year,
  );
}
