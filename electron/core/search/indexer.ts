import { BOUNDARY, toIndexText } from '../../../shared/text/tokens.js';
import { type Db, writeTransaction } from '../store/database.js';
import {
  addToIndex,
  clearIndex,
  liveRecords,
  recordFileTexts,
  recordRecognisedTexts,
  recordTextRow,
  removeFromIndex,
  type FileTextRow,
  type RecordTextRow,
} from './repository.js';

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

/** The record's searchable text, or undefined in the trash or absent. */
function readRecordText(db: Db, id: number): RecordText | undefined {
  const row = recordTextRow(db, id);
  return row ? toRecordText(row, recordFileTexts(db, id), recordRecognisedTexts(db, id)) : undefined;
}

/** Searchable text of the given records that are not in the trash; others are absent from the map. */
export function readRecordTexts(db: Db, ids: Iterable<number>): Map<number, RecordText> {
  const out = new Map<number, RecordText>();
  for (const id of ids) {
    const text = readRecordText(db, id);
    if (text) out.set(id, text);
  }
  return out;
}

/**
 * Keeps search_index in step with records. Call inside the same transaction as the edit, so the index can never
 * disagree with the records it describes. The FTS rowid is the record id; records in the trash are left out.
 */
export function reindexRecords(db: Db, ids: Iterable<number>): void {
  for (const id of ids) {
    removeFromIndex(db, id);
    const text = readRecordText(db, id);
    if (!text) continue;
    // Fields are kept apart by a boundary so that a phrase never matches across two of them.
    const body = [...text.fields, ...text.recognised, ...text.fileNames].map(toIndexText).join(` ${BOUNDARY} `);
    addToIndex(db, id, toIndexText(text.title), body);
  }
}

/** Rebuilds the whole index (check --repair, after a restore). */
export function rebuildSearchIndex(db: Db): number {
  const ids = liveRecords(db).map((r) => r.id);
  writeTransaction(db, () => {
    clearIndex(db);
    reindexRecords(db, ids);
  });
  return ids.length;
}
