import type { ParsedArgs } from '../../../shared/api/contract.js';
import type { SearchHit, SearchResult } from '../../../shared/api/search.js';
import type { RecordType } from '../../../shared/domain/record.js';
import { TaizhangError } from '../../../shared/errors.js';
import { anyOfExpression, isEmptyQuery, matchExpression, parseQuery, type ParsedQuery } from '../../../shared/text/search-query.js';
import { itemCondition, type ItemCondition } from '../index/holdings.js';
import { itemPaths } from '../index/tree.js';
import type { Db } from '../store/database.js';
import { readRecordTexts } from './indexer.js';
import {
  archivalCodes,
  countMatches,
  firstPhotos,
  filteredRecords,
  itemLinks,
  itemsIdRange,
  newestMatches,
  yearIdRange,
  type HitRow,
  type SearchFilters,
} from './repository.js';
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
  const [from, to] = ranges.length > 0 ? intersection(ranges) : [undefined, undefined];
  return itemCondition(db, code, from !== undefined && from === to ? { year: from } : { lookupYear: to });
}

/** The filters of the options and of the query's shortcuts; every one narrows, so a shortcut and an option both apply. */
function filtersOf(args: SearchArgs, query: ParsedQuery, ranges: [number, number][], item: ItemCondition | null): SearchFilters {
  return {
    years: ranges.length > 0 ? intersection(ranges) : null,
    types: [...new Set([args.type, query.type].filter((t): t is RecordType => t !== undefined))],
    tags: [...new Set([args.tag, ...query.tags].filter((t): t is string => t !== undefined).map((t) => t.trim()))],
    from: args.from ?? null,
    to: args.to ?? null,
    activityId: args.activityId ?? null,
    recordIds: item?.recordIds ?? null,
    itemIds: item?.itemIds ?? null,
  };
}

/** The years every range allows (from after to when they do not meet). */
function intersection(ranges: [number, number][]): [number, number] {
  return [Math.max(...ranges.map(([a]) => a)), Math.min(...ranges.map(([, b]) => b))];
}

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
    const [from, to] = intersection(ranges);
    if (from > to || !narrow(yearIdRange(db, from, to))) return null;
  }
  if (item?.recordIds) {
    if (!narrow({ low: item.recordIds[0] ?? null, high: item.recordIds.at(-1) ?? null })) return null;
  } else if (item?.itemIds) {
    if (!narrow(itemsIdRange(db, item.itemIds))) return null;
  }
  return [low, high];
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
function rankedHits(db: Db, patterns: RegExp[], match: string, filters: SearchFilters, bounds: [number, number], page: Page): Ranked[] {
  const window = RANKED_WINDOW;
  const end = page.offset + page.limit;
  const head =
    page.offset < window
      ? newestMatches(db, match, filters, bounds, window)
          .map((row) => ({ ...row, score: patterns.filter((p) => row.title.search(p) !== -1).length / Math.max(1, patterns.length) }))
          .sort((a, b) => b.score - a.score || byRecency(a, b))
          .slice(page.offset, end)
      : [];
  if (end <= window) return head;
  const tailFrom = Math.max(page.offset, window);
  const tail = newestMatches(db, match, filters, bounds, end - tailFrom, tailFrom).map((row) => ({ ...row, score: 0 }));
  return [...head, ...tail];
}

/** Without text to match (shortcuts or exclusions only): newest first. */
function filteredHits(db: Db, exclude: string | null, filters: SearchFilters, bounds: [number, number], page: Page): { total: number; rows: Ranked[] } {
  const { total, rows } = filteredRecords(db, exclude, filters, bounds, page);
  return { total, rows: rows.map((row) => ({ ...row, score: 0 })) };
}

function pathsOf(db: Db, ids: number[]): Map<number, string[]> {
  const links = itemLinks(db, ids);
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
  const filters = filtersOf(args, query, ranges, item);
  const bounds = idBounds(db, ranges, item);
  if (!bounds) return { total: 0, results: [] };
  const match = matchExpression(query);
  const patterns = snippetPatterns(query.terms);
  const page = { offset: args.offset, limit: args.limit };
  const { total, rows } = match
    ? { total: countMatches(db, match, filters, bounds), rows: rankedHits(db, patterns, match, filters, bounds, page) }
    : filteredHits(db, anyOfExpression(query.excluded), filters, bounds, page);

  const ids = rows.map((r) => r.id);
  const texts = readRecordTexts(db, ids);
  const paths = pathsOf(db, ids);
  const photos = firstPhotos(db, ids);
  const codes = archivalCodes(db, ids);
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
