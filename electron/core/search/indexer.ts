import { BOUNDARY, toIndexText } from '../../../shared/text/tokens.js';
import { type Db, writeTransaction } from '../store/database.js';

/** The searchable text of one record, field by field, as the clerk wrote it or the file held it. */
export interface RecordText {
  id: number;
  title: string;
  /**
   * Everything else but file names, in the order a snippet prefers: file text first (it shows the most context),
   * then notes, captions, activity, 文号, 责任者 and tags.
   */
  fields: string[];
  fileNames: string[];
  /** Text recognised from scans and photos (OCR), the clerk's correction where there is one: shown as （识别）. */
  recognised: string[];
}

interface RecordTextRow {
  id: number;
  title: string;
  doc_no: string;
  author: string;
  note: string;
  caption: string;
  activity: string | null;
  activity_caption: string | null;
  tags: string;
}

interface FileTextRow {
  name: string;
  text: string;
}

const READ_SQL = `
  SELECT r.id, r.title, r.doc_no, r.author, r.note, r.caption, a.name AS activity, a.caption AS activity_caption,
         (SELECT json_group_array(tag) FROM (SELECT tag FROM record_tags WHERE record_id = r.id ORDER BY tag)) AS tags
  FROM live_records r LEFT JOIN activities a ON a.id = r.activity_id
  WHERE r.id = ?`;
// Recognised text of the record's scans: the clerk's correction replaces what the engine read.
const RECOGNISED_SQL = `
  SELECT coalesce(p.corrected, p.text) FROM record_files f JOIN ocr_pages p ON p.sha256 = f.sha256
  WHERE f.record_id = ? AND (p.state = 'done' OR p.corrected IS NOT NULL) ORDER BY f.position, p.page`;
// File text is read apart: it can be long, and quoting it into JSON would copy it twice.
const FILES_SQL = `
  SELECT f.name, b.text FROM record_files f JOIN blobs b ON b.sha256 = f.sha256 WHERE f.record_id = ? ORDER BY f.position`;

function captionValues(json: string | null): string[] {
  if (!json) return [];
  const parsed = JSON.parse(json) as Record<string, unknown>;
  return Object.values(parsed).filter((v): v is string => typeof v === 'string');
}

function toRecordText(row: RecordTextRow, files: FileTextRow[], recognised: string[]): RecordText {
  const fields = [
    ...files.map((f) => f.text),
    row.note,
    ...captionValues(row.caption),
    ...captionValues(row.activity_caption),
    row.activity ?? '',
    row.doc_no,
    row.author,
    ...(JSON.parse(row.tags) as string[]),
  ].filter((f) => f.trim().length > 0);
  return { id: row.id, title: row.title, fields, fileNames: files.map((f) => f.name), recognised: recognised.filter((t) => t.trim().length > 0) };
}

/** Reads records' searchable text with statements prepared once. */
function textReader(db: Db): (id: number) => RecordText | undefined {
  const read = db.prepare(READ_SQL);
  const files = db.prepare(FILES_SQL);
  const recognised = db.prepare(RECOGNISED_SQL).pluck();
  return (id) => {
    const row = read.get(id) as RecordTextRow | undefined;
    return row ? toRecordText(row, files.all(id) as FileTextRow[], recognised.all(id) as string[]) : undefined;
  };
}

/** Searchable text of the given records that are not in the trash; others are absent from the map. */
export function readRecordTexts(db: Db, ids: Iterable<number>): Map<number, RecordText> {
  const read = textReader(db);
  const out = new Map<number, RecordText>();
  for (const id of ids) {
    const text = read(id);
    if (text) out.set(id, text);
  }
  return out;
}

/**
 * Keeps search_index in step with records. Call inside the same transaction as the edit, so the index can never
 * disagree with the records it describes. The FTS rowid is the record id; records in the trash are left out.
 */
export function reindexRecords(db: Db, ids: Iterable<number>): void {
  const read = textReader(db);
  const remove = db.prepare('DELETE FROM search_index WHERE rowid = ?');
  const insert = db.prepare('INSERT INTO search_index(rowid, title, body) VALUES (?, ?, ?)');
  for (const id of ids) {
    remove.run(id);
    const text = read(id);
    if (!text) continue;
    // Fields are kept apart by a boundary so that a phrase never matches across two of them.
    const body = [...text.fields, ...text.recognised, ...text.fileNames].map(toIndexText).join(` ${BOUNDARY} `);
    insert.run(id, toIndexText(text.title), body);
  }
}

/** Rebuilds the whole index (check --repair, after a restore). */
export function rebuildSearchIndex(db: Db): number {
  const ids = db.prepare('SELECT id FROM live_records').pluck().all() as number[];
  writeTransaction(db, () => {
    db.exec("INSERT INTO search_index(search_index) VALUES ('delete-all')");
    reindexRecords(db, ids);
  });
  return ids.length;
}
