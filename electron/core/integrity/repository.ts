import type { RecordType } from '../../../shared/domain/record.js';
import type { Db } from '../store/database.js';
import { all, value } from '../store/sql.js';

/** Up to five records (in use or in the trash) holding this content, to name them in a problem. */
export function recordsUsingBlob(db: Db, sha256: string): { id: number; title: string }[] {
  return all(db, 'SELECT r.id, r.title FROM record_files f JOIN records r ON r.id = f.record_id WHERE f.sha256 = ? ORDER BY r.id LIMIT 5', sha256);
}

export function liveRecordCount(db: Db): number {
  return value<number>(db, 'SELECT count(*) FROM live_records') ?? 0;
}

/** Records, in the trash too, left without any file: a file was lost. */
export function recordsWithoutFiles(db: Db): { id: number; title: string }[] {
  return all(db, 'SELECT id, title FROM records r WHERE NOT EXISTS (SELECT 1 FROM record_files f WHERE f.record_id = r.id) ORDER BY id');
}

export interface ExportRecordRow {
  id: number;
  year: number;
  title: string;
  titleSupplied: number;
  docNo: string;
  author: string;
  date: string | null;
  type: RecordType;
  retention: string;
  note: string;
  activity: string | null;
  tags: string | null;
}

export interface ExportFileRow {
  recordId: number;
  sha256: string;
  name: string;
  ext: string;
  size: number;
}

/** The live records of the year (every year when null), in date order. */
export function exportRecords(db: Db, year: number | null): ExportRecordRow[] {
  return all<ExportRecordRow>(
    db,
    `SELECT r.id, r.year, r.title, r.title_supplied AS titleSupplied, r.doc_no AS docNo, r.author, r.date, r.type, r.retention, r.note,
            a.name AS activity, (SELECT group_concat(tag, '、') FROM record_tags t WHERE t.record_id = r.id) AS tags
     FROM live_records r LEFT JOIN activities a ON a.id = r.activity_id
     WHERE (@year IS NULL OR r.year = @year)
     ORDER BY r.year, r.date IS NULL, r.date, r.id`,
    { year },
  );
}

/** The files of those records, each record's in its own order. */
export function exportFiles(db: Db, year: number | null): ExportFileRow[] {
  return all<ExportFileRow>(
    db,
    `SELECT f.record_id AS recordId, f.sha256, f.name, b.ext, b.size FROM record_files f JOIN blobs b ON b.sha256 = f.sha256
     JOIN live_records r ON r.id = f.record_id WHERE (@year IS NULL OR r.year = @year) ORDER BY f.record_id, f.position`,
    { year },
  );
}

/** Which items those records are filed under, in index order. */
export function exportItemLinks(db: Db, year: number | null): { recordId: number; code: string; title: string }[] {
  return all(
    db,
    `SELECT ri.record_id AS recordId, i.code, i.title FROM record_items ri JOIN items i ON i.id = ri.item_id
     JOIN live_records r ON r.id = ri.record_id WHERE (@year IS NULL OR r.year = @year) ORDER BY i.position, i.code`,
    { year },
  );
}
