import type { Db } from '../store/database.js';
import { all, idList, one } from '../store/sql.js';

export interface PackageRecordRow {
  id: number;
  title: string;
  title_supplied: number;
  type: string;
  date: string | null;
  doc_no: string;
  author: string;
  retention: string;
  secrecy: string;
  archival_code: string | null;
  piece: number | null;
  activity: string | null;
}

export function packageRecordRows(db: Db, ids: readonly number[]): PackageRecordRow[] {
  return all<PackageRecordRow>(
    db,
    `SELECT r.id, r.title, r.title_supplied, r.type, r.date, r.doc_no, r.author, r.retention, r.secrecy,
            ident.archival_code, ident.piece, a.name AS activity
     FROM live_records r LEFT JOIN record_identity ident ON ident.record_id = r.id LEFT JOIN activities a ON a.id = r.activity_id
     WHERE r.id IN (SELECT value FROM json_each(?)) ORDER BY r.id`,
    idList(ids),
  );
}

export interface PackageFileRow {
  record_id: number;
  name: string;
  sha256: string;
  size: number;
  mime: string;
}

export function packageFileRows(db: Db, ids: readonly number[]): PackageFileRow[] {
  return all<PackageFileRow>(
    db,
    `SELECT f.record_id, f.name, f.sha256, b.size, b.mime FROM record_files f JOIN blobs b ON b.sha256 = f.sha256
     WHERE f.record_id IN (SELECT value FROM json_each(?)) ORDER BY f.record_id, f.position, f.id`,
    idList(ids),
  );
}

/** Editions linked to the given one by a mapping, directly or through others. */
export function mappedEditions(db: Db, edition: number): number[] {
  return all<{ id: number }>(
    db,
    `WITH RECURSIVE e(id) AS (
       SELECT ?
       UNION
       SELECT t.edition_id FROM e JOIN items f ON f.edition_id = e.id JOIN item_map m ON m.from_item = f.id JOIN items t ON t.id = m.to_item
       UNION
       SELECT f.edition_id FROM e JOIN items t ON t.edition_id = e.id JOIN item_map m ON m.to_item = t.id JOIN items f ON f.id = m.from_item
     )
     SELECT id FROM e ORDER BY id`,
    edition,
  ).map((r) => r.id);
}

export function editionName(db: Db, edition: number): string {
  return one<{ name: string }>(db, 'SELECT name FROM editions WHERE id = ?', edition)?.name ?? '';
}
