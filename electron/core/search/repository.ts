import type { RecordType } from '../../../shared/domain/record.js';
import type { Db } from '../store/database.js';
import { all, idList, one, run, value, values } from '../store/sql.js';

/*
 * The search index's SQL: what is indexed of a record, keeping search_index in step, and the search queries. Each
 * query keeps one text whatever the filters: a filter left out binds NULL instead of dropping its clause, so the
 * statement cache holds a fixed handful of statements.
 */

export interface RecordTextRow {
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

export interface FileTextRow {
  name: string;
  text: string;
}

/** The record's own searchable fields, its tags as a JSON array; undefined in the trash or absent. */
export function recordTextRow(db: Db, id: number): RecordTextRow | undefined {
  return one<RecordTextRow>(
    db,
    `SELECT r.id, r.title, r.doc_no, r.author, r.note, r.caption, a.name AS activity, a.caption AS activity_caption,
            (SELECT json_group_array(tag) FROM (SELECT tag FROM record_tags WHERE record_id = r.id ORDER BY tag)) AS tags
     FROM live_records r LEFT JOIN activities a ON a.id = r.activity_id
     WHERE r.id = ?`,
    id,
  );
}

/** File names and file text, read apart from the record: the text can be long, and quoting it into JSON would copy it twice. */
export function recordFileTexts(db: Db, id: number): FileTextRow[] {
  return all<FileTextRow>(db, 'SELECT f.name, b.text FROM record_files f JOIN blobs b ON b.sha256 = f.sha256 WHERE f.record_id = ? ORDER BY f.position', id);
}

/** Recognised text of the record's scans: the clerk's correction replaces what the engine read. */
export function recordRecognisedTexts(db: Db, id: number): string[] {
  return values<string>(
    db,
    `SELECT coalesce(p.corrected, p.text) FROM record_files f JOIN ocr_pages p ON p.sha256 = f.sha256
     WHERE f.record_id = ? AND (p.state = 'done' OR p.corrected IS NOT NULL) ORDER BY f.position, p.page`,
    id,
  );
}

export function removeFromIndex(db: Db, id: number): void {
  run(db, 'DELETE FROM search_index WHERE rowid = ?', id);
}

export function addToIndex(db: Db, id: number, title: string, body: string): void {
  run(db, 'INSERT INTO search_index(rowid, title, body) VALUES (?, ?, ?)', id, title, body);
}

export function clearIndex(db: Db): void {
  run(db, "INSERT INTO search_index(search_index) VALUES ('delete-all')");
}

/** Every record in use (not in the trash), by id. */
export function liveRecords(db: Db): { id: number; title: string }[] {
  return all(db, 'SELECT id, title FROM live_records ORDER BY id');
}

export function indexedRecordIds(db: Db): number[] {
  return values<number>(db, 'SELECT rowid FROM search_index');
}

/** Whether the index finds this record with this FTS5 expression (a spot check that its content is current). */
export function indexFinds(db: Db, match: string, id: number): boolean {
  return value<number>(db, 'SELECT 1 FROM search_index WHERE search_index MATCH ? AND rowid = ?', match, id) !== undefined;
}

/** The filters of a search. Absent ones bind NULL and pass every record. */
export interface SearchFilters {
  /** The intersection of every year range asked for; null for any year. */
  years: [number, number] | null;
  /** Types every match must have (two different ones match nothing). */
  types: RecordType[];
  /** Tags every match must carry. */
  tags: string[];
  from: string | null;
  to: string | null;
  activityId: number | null;
  /** The item filter for one year: these records. */
  recordIds: number[] | null;
  /** The item filter over years: records linked to any of these items. */
  itemIds: number[] | null;
}

/** Whether any filter narrows; without one, counting needs the index alone. */
function narrows(f: SearchFilters): boolean {
  return f.years !== null || f.types.length > 0 || f.tags.length > 0 || f.from !== null || f.to !== null || f.activityId !== null || f.recordIds !== null || f.itemIds !== null;
}

// Over `live_records r`, with named parameters (see filterParams).
const FILTERS = `(@yearFrom IS NULL OR r.year BETWEEN @yearFrom AND @yearTo)
  AND (@types IS NULL OR NOT EXISTS (SELECT 1 FROM json_each(@types) wanted WHERE wanted.value <> r.type))
  AND (@tags IS NULL OR NOT EXISTS (
    SELECT 1 FROM json_each(@tags) wanted WHERE NOT EXISTS (SELECT 1 FROM record_tags t WHERE t.record_id = r.id AND t.tag = wanted.value)))
  AND (@dateFrom IS NULL OR r.date >= @dateFrom) AND (@dateTo IS NULL OR r.date <= @dateTo)
  AND (@activity IS NULL OR r.activity_id = @activity)
  AND (@records IS NULL OR r.id IN (SELECT value FROM json_each(@records)))
  AND (@items IS NULL OR EXISTS (SELECT 1 FROM record_items ri WHERE ri.record_id = r.id AND ri.item_id IN (SELECT value FROM json_each(@items))))`;

function filterParams(f: SearchFilters, bounds: [number, number]): Record<string, unknown> {
  return {
    yearFrom: f.years?.[0] ?? null,
    yearTo: f.years?.[1] ?? null,
    types: f.types.length > 0 ? JSON.stringify(f.types) : null,
    tags: f.tags.length > 0 ? JSON.stringify(f.tags) : null,
    dateFrom: f.from,
    dateTo: f.to,
    activity: f.activityId,
    records: f.recordIds ? idList(f.recordIds) : null,
    items: f.itemIds ? idList(f.itemIds) : null,
    low: bounds[0],
    high: bounds[1],
  };
}

interface IdRange {
  low: number | null;
  high: number | null;
}

// An aggregate always gives its row; this only satisfies the type.
const NO_RANGE: IdRange = { low: null, high: null };

export function yearIdRange(db: Db, from: number, to: number): IdRange {
  return one<IdRange>(db, 'SELECT min(id) AS low, max(id) AS high FROM live_records WHERE year BETWEEN ? AND ?', from, to) ?? NO_RANGE;
}

export function itemsIdRange(db: Db, itemIds: readonly number[]): IdRange {
  return one<IdRange>(db, 'SELECT min(record_id) AS low, max(record_id) AS high FROM record_items JOIN json_each(?) j ON item_id = j.value', idList(itemIds)) ?? NO_RANGE;
}

export interface HitRow {
  id: number;
  title: string;
  year: number;
  date: string | null;
  type: RecordType;
}

const HIT_COLUMNS = 'r.id, r.title, r.year, r.date, r.type';

const MATCHES_FROM = `FROM search_index JOIN live_records r ON r.id = search_index.rowid
       WHERE search_index MATCH @match AND search_index.rowid BETWEEN @low AND @high`;

/** The matches of an FTS5 expression that pass the filters, newest first, from `skip` on. */
export function newestMatches(db: Db, match: string, filters: SearchFilters, bounds: [number, number], take: number, skip = 0): HitRow[] {
  return all<HitRow>(
    db,
    `SELECT ${HIT_COLUMNS} ${MATCHES_FROM} AND ${FILTERS} ORDER BY search_index.rowid DESC LIMIT @take OFFSET @skip`,
    { ...filterParams(filters, bounds), match, take, skip },
  );
}

/**
 * How many records match. Without filters the index alone answers: records in the trash are not in it (indexer.ts),
 * and joining every match to its record row cost several times the count itself for a common character.
 */
export function countMatches(db: Db, match: string, filters: SearchFilters, bounds: [number, number]): number {
  if (!narrows(filters)) {
    return value<number>(db, 'SELECT count(*) FROM search_index WHERE search_index MATCH ? AND rowid BETWEEN ? AND ?', match, ...bounds) ?? 0;
  }
  return value<number>(db, `SELECT count(*) ${MATCHES_FROM} AND ${FILTERS}`, { ...filterParams(filters, bounds), match }) ?? 0;
}

// Records passing the filters and the id bounds, and not matching @exclude (an FTS5 expression) unless it is NULL.
const FILTERED_FROM = `FROM live_records r WHERE ${FILTERS} AND r.id BETWEEN @low AND @high
  AND (@exclude IS NULL OR r.id NOT IN (SELECT rowid FROM search_index WHERE search_index MATCH @exclude))`;

/** Records passing the filters, newest first, and their total. */
export function filteredRecords(
  db: Db,
  exclude: string | null,
  filters: SearchFilters,
  bounds: [number, number],
  page: { offset: number; limit: number },
): { total: number; rows: HitRow[] } {
  const params = { ...filterParams(filters, bounds), exclude };
  const total = value<number>(db, `SELECT count(*) ${FILTERED_FROM}`, params) ?? 0;
  const rows = all<HitRow>(
    db,
    `SELECT ${HIT_COLUMNS} ${FILTERED_FROM} ORDER BY r.year DESC, r.date DESC NULLS LAST, r.id DESC LIMIT @limit OFFSET @offset`,
    { ...params, limit: page.limit, offset: page.offset },
  );
  return { total, rows };
}

/** The item links of these records. */
export function itemLinks(db: Db, ids: readonly number[]): { record_id: number; item_id: number }[] {
  return all(db, 'SELECT ri.record_id, ri.item_id FROM record_items ri JOIN json_each(?) j ON ri.record_id = j.value', idList(ids));
}

/** The stored 档号 of those of these records that were archived (归档). */
export function archivalCodes(db: Db, ids: readonly number[]): Map<number, string> {
  const rows = all<{ record_id: number; archival_code: string }>(
    db,
    'SELECT record_id, archival_code FROM record_identity WHERE record_id IN (SELECT value FROM json_each(?))',
    idList(ids),
  );
  return new Map(rows.map((c) => [c.record_id, c.archival_code]));
}

/** The first photo of each record, by file position: what a hit shows as its thumbnail. */
export function firstPhotos(db: Db, ids: number[]): Map<number, string> {
  const rows = all<{ record_id: number; sha256: string }>(
    db,
    `SELECT f.record_id, f.sha256 FROM record_files f JOIN blobs b ON b.sha256 = f.sha256
      WHERE f.record_id IN (SELECT value FROM json_each(?)) AND b.kind = 'image' ORDER BY f.record_id, f.position DESC`,
    idList(ids),
  );
  // Later positions come first, so the first photo is the one left in the map.
  return new Map(rows.map((r) => [r.record_id, r.sha256]));
}
