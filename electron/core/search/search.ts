import type { ParsedArgs } from '../../../shared/api/contract.js';
import type { SearchHit, SearchResult } from '../../../shared/api/search.js';
import type { RecordType } from '../../../shared/domain/record.js';
import { TaizhangError } from '../../../shared/errors.js';
import { anyOfExpression, isEmptyQuery, matchExpression, parseQuery, type ParsedQuery } from '../../../shared/text/search-query.js';
import { itemCondition, type ItemCondition } from '../index/holdings.js';
import { itemPaths } from '../index/tree.js';
import type { Db } from '../store/database.js';
import { all, idList, value } from '../store/sql.js';
import { readRecordTexts } from './indexer.js';
import { snippetFor, snippetPatterns } from './snippet.js';

export type SearchArgs = ParsedArgs<'search.query'>;

/**
 * How many of the newest matches are ranked. FTS5's bm25() first counts the documents
 * matching every phrase, which for a common character ('党', '活动') re-reads the whole index: hundreds of
 * milliseconds at 100,000 records. So the search walks the matches newest first and stops at a window, then ranks
 * inside it: title matches first, then newer years, which is what a clerk looks for. A second walk over titles alone
 * (to reach old records titled with a word that newer ones only mention) cost as much as bm25 for such words, so the
 * way to reach further back is a year or item filter, which narrows the walk itself, or the next pages. Reading the
 * window's rows is the main remaining cost. The window does not depend on the page asked for, so every page is a slice
 * of one order.
 */
const RANKED_WINDOW = 500;

interface Conditions {
  sql: string[];
  params: unknown[];
}

function yearRanges(args: SearchArgs, query: ParsedQuery): [number, number][] {
  const ranges: [number, number][] = [];
  if (args.year !== undefined) ranges.push([args.year, args.year]);
  if (args.years) ranges.push(args.years[0] <= args.years[1] ? args.years : [args.years[1], args.years[0]]);
  if (query.years) ranges.push(query.years);
  return ranges;
}

/**
 * The item filter, by the index's own rule: for a single year that year's holdings; over several years the items
 * equivalent to it, its code looked up in the edition of the latest year allowed, or the newest.
 */
function itemFilter(db: Db, code: string, ranges: [number, number][]): ItemCondition {
  const from = ranges.length > 0 ? Math.max(...ranges.map(([a]) => a)) : undefined;
  const to = ranges.length > 0 ? Math.min(...ranges.map(([, b]) => b)) : undefined;
  return itemCondition(db, code, from !== undefined && from === to ? { year: from } : { lookupYear: to });
}

/** Filters as SQL over `records r`; every one narrows, so a shortcut and an option both apply. */
function conditions(args: SearchArgs, query: ParsedQuery, item: ItemCondition | null): Conditions {
  const sql: string[] = [];
  const params: unknown[] = [];
  for (const [a, b] of yearRanges(args, query)) {
    sql.push('r.year BETWEEN ? AND ?');
    params.push(a, b);
  }
  for (const type of [args.type, query.type].filter((t): t is RecordType => t !== undefined)) {
    sql.push('r.type = ?');
    params.push(type);
  }
  for (const tag of [args.tag, ...query.tags].filter((t): t is string => t !== undefined)) {
    sql.push('EXISTS (SELECT 1 FROM record_tags t WHERE t.record_id = r.id AND t.tag = ?)');
    params.push(tag.trim());
  }
  if (args.from !== undefined) {
    sql.push('r.date >= ?');
    params.push(args.from);
  }
  if (args.to !== undefined) {
    sql.push('r.date <= ?');
    params.push(args.to);
  }
  if (args.activityId !== undefined) {
    sql.push('r.activity_id = ?');
    params.push(args.activityId);
  }
  if (item) {
    sql.push(item.sql);
    params.push(...item.params);
  }
  return { sql, params };
}

interface HitRow {
  id: number;
  title: string;
  year: number;
  date: string | null;
  type: RecordType;
}

const HIT_COLUMNS = 'r.id, r.title, r.year, r.date, r.type';

/**
 * Record ids the filters allow lie between these bounds. Passed to FTS5 as a rowid range, so that a year or an item
 * narrows the walk through the index instead of filtering it afterwards. Null when nothing can match.
 */
function idBounds(db: Db, ranges: [number, number][], item: ItemCondition | null): [number, number] | null {
  let low = 1;
  let high = Number.MAX_SAFE_INTEGER;
  const narrow = (row: { low: number | null; high: number | null }): boolean => {
    if (row.low === null || row.high === null) return false;
    low = Math.max(low, row.low);
    high = Math.min(high, row.high);
    return low <= high;
  };
  if (ranges.length > 0) {
    const from = Math.max(...ranges.map(([a]) => a));
    const to = Math.min(...ranges.map(([, b]) => b));
    if (from > to) return null;
    const row = db
      .prepare('SELECT min(id) AS low, max(id) AS high FROM live_records WHERE year BETWEEN ? AND ?')
      .get(from, to) as { low: number | null; high: number | null };
    if (!narrow(row)) return null;
  }
  if (item?.recordIds) {
    if (!narrow({ low: item.recordIds[0] ?? null, high: item.recordIds.at(-1) ?? null })) return null;
  } else if (item?.itemIds) {
    const row = db
      .prepare('SELECT min(record_id) AS low, max(record_id) AS high FROM record_items JOIN json_each(?) j ON item_id = j.value')
      .get(JSON.stringify(item.itemIds)) as { low: number | null; high: number | null };
    if (!narrow(row)) return null;
  }
  return [low, high];
}

const MATCHES_FROM = `FROM search_index JOIN live_records r ON r.id = search_index.rowid
       WHERE search_index MATCH ? AND search_index.rowid BETWEEN ? AND ?`;

/** The matches of an FTS5 expression that pass the filters, newest first, from `skip` on. */
function newestMatches(db: Db, match: string, where: Conditions, bounds: [number, number], take: number, skip = 0): HitRow[] {
  return db
    .prepare(`SELECT ${HIT_COLUMNS} ${MATCHES_FROM} ${where.sql.map((c) => `AND ${c}`).join(' ')} ORDER BY search_index.rowid DESC LIMIT ? OFFSET ?`)
    .all(match, ...bounds, ...where.params, take, skip) as HitRow[];
}

/**
 * How many records match. Without filters the index alone answers: records in the trash are not in it (indexer.ts),
 * and joining every match to its record row cost several times the count itself for a common character.
 */
function countMatches(db: Db, match: string, where: Conditions, bounds: [number, number]): number {
  const sql =
    where.sql.length === 0
      ? 'SELECT count(*) FROM search_index WHERE search_index MATCH ? AND rowid BETWEEN ? AND ?'
      : `SELECT count(*) ${MATCHES_FROM} ${where.sql.map((c) => `AND ${c}`).join(' ')}`;
  return value<number>(db, sql, match, ...bounds, ...where.params) ?? 0;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function byRecency(a: HitRow, b: HitRow): number {
  return b.year - a.year || compareText(b.date ?? '', a.date ?? '') || b.id - a.id;
}

interface Ranked extends HitRow {
  score: number;
}

interface Page {
  offset: number;
  limit: number;
}

/**
 * One page of the matches in a fixed order, so that pages follow on without gaps or repeats: the newest window of
 * matches ranked (the share of terms found in the title first, then newer years, dates and filings), then every
 * older match, newest first.
 */
function rankedHits(db: Db, patterns: RegExp[], match: string, where: Conditions, bounds: [number, number], page: Page): Ranked[] {
  const window = RANKED_WINDOW;
  const end = page.offset + page.limit;
  const head =
    page.offset < window
      ? newestMatches(db, match, where, bounds, window)
          .map((row) => ({ ...row, score: patterns.filter((p) => row.title.search(p) !== -1).length / Math.max(1, patterns.length) }))
          .sort((a, b) => b.score - a.score || byRecency(a, b))
          .slice(page.offset, end)
      : [];
  if (end <= window) return head;
  const tailFrom = Math.max(page.offset, window);
  const tail = newestMatches(db, match, where, bounds, end - tailFrom, tailFrom).map((row) => ({ ...row, score: 0 }));
  return [...head, ...tail];
}

/** Without text to match (shortcuts or exclusions only): newest first. */
function filteredHits(db: Db, exclude: string | null, where: Conditions, bounds: [number, number], page: Page): { total: number; rows: Ranked[] } {
  const sql = [...where.sql, 'r.id BETWEEN ? AND ?'];
  const params = [...where.params, ...bounds];
  if (exclude) {
    sql.push('r.id NOT IN (SELECT rowid FROM search_index WHERE search_index MATCH ?)');
    params.push(exclude);
  }
  const total = db.prepare(`SELECT count(*) FROM live_records r WHERE ${sql.join(' AND ')}`).pluck().get(...params) as number;
  const rows = db
    .prepare(
      `SELECT ${HIT_COLUMNS}, 0 AS score FROM live_records r WHERE ${sql.join(' AND ')}
       ORDER BY r.year DESC, r.date DESC NULLS LAST, r.id DESC LIMIT ? OFFSET ?`,
    )
    .all(...params, page.limit, page.offset) as Ranked[];
  return { total, rows };
}

/** The first photo of each record, by file position: what a hit shows as its thumbnail. */
function firstPhotos(db: Db, ids: number[]): Map<number, string> {
  const rows = all<{ record_id: number; sha256: string }>(
    db,
    `SELECT f.record_id, f.sha256 FROM record_files f JOIN blobs b ON b.sha256 = f.sha256
      WHERE f.record_id IN (SELECT value FROM json_each(?)) AND b.kind = 'image' ORDER BY f.record_id, f.position DESC`,
    idList(ids),
  );
  // Later positions come first, so the first photo is the one left in the map.
  return new Map(rows.map((r) => [r.record_id, r.sha256]));
}

function pathsOf(db: Db, ids: number[]): Map<number, string[]> {
  const links = db
    .prepare('SELECT ri.record_id, ri.item_id FROM record_items ri JOIN json_each(?) j ON ri.record_id = j.value')
    .all(JSON.stringify(ids)) as { record_id: number; item_id: number }[];
  const paths = itemPaths(db, links.map((l) => l.item_id));
  const out = new Map<number, string[]>();
  for (const link of links) {
    const path = paths.get(link.item_id);
    if (path === undefined) continue;
    out.set(link.record_id, [...(out.get(link.record_id) ?? []), path]);
  }
  for (const list of out.values()) list.sort();
  return out;
}

/** Full-text search across years with filters: records whose title holds the query first, then newer years; one page and the total. */
export function searchRecords(db: Db, args: SearchArgs): SearchResult {
  const query = parseQuery(args.query);
  if (isEmptyQuery(query)) {
    throw new TaizhangError('invalid_input', `搜索内容中没有可查找的文字：${args.query} / Nothing to search for`);
  }
  if (args.from !== undefined && args.to !== undefined && args.from > args.to) {
    throw new TaizhangError('invalid_input', `起始日期晚于结束日期：${args.from} > ${args.to} / The start date is after the end date`);
  }
  const ranges = yearRanges(args, query);
  const item = args.item !== undefined ? itemFilter(db, args.item, ranges) : null;
  const where = conditions(args, query, item);
  const bounds = idBounds(db, ranges, item);
  if (!bounds) return { total: 0, results: [] };
  const match = matchExpression(query);
  const patterns = snippetPatterns(query.terms);
  const page = { offset: args.offset, limit: args.limit };
  const { total, rows } = match
    ? { total: countMatches(db, match, where, bounds), rows: rankedHits(db, patterns, match, where, bounds, page) }
    : filteredHits(db, anyOfExpression(query.excluded), where, bounds, page);

  const ids = rows.map((r) => r.id);
  const texts = readRecordTexts(db, ids);
  const paths = pathsOf(db, ids);
  const photos = firstPhotos(db, ids);
  const codes = new Map(
    all<{ record_id: number; archival_code: string }>(
      db,
      'SELECT record_id, archival_code FROM record_identity WHERE record_id IN (SELECT value FROM json_each(?))',
      idList(ids),
    ).map((c) => [c.record_id, c.archival_code]),
  );
  const results = rows.map((r): SearchHit => {
    const text = texts.get(r.id);
    return {
      id: r.id,
      title: r.title,
      year: r.year,
      date: r.date,
      type: r.type,
      items: paths.get(r.id) ?? [],
      archivalCode: codes.get(r.id) ?? null,
      snippet: text ? snippetFor(text, patterns) : '',
      thumb: photos.get(r.id) ?? null,
      score: Math.round(r.score * 1000) / 1000,
    };
  });
  return { total, results };
}
