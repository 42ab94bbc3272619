import { sql } from 'kysely';
import type { HubSearchResult } from '../../shared/api/hub.js';
import { parseQuery } from '../../shared/text/search-query.js';
import type { Scope } from './accounts.js';
import type { HubDb, Dialect } from './db.js';
import { matchedRecords } from './search-index.js';

export interface HubSearchOptions {
  year?: number | undefined;
  offset?: number;
  limit?: number;
  /** Matches counted at most (SEARCH_COUNT_CAP). */
  cap?: number;
  /** Newest records searched first (PROBE). */
  probe?: number;
}

/** Matches counted at most: past this the total reads "1,000+" (totalCapped), and results come from the newest this many. */
export const SEARCH_COUNT_CAP = 1000;
/** Newest records searched first (hubSearch); checking this many tsvectors one by one takes tens of milliseconds. */
const PROBE = 10_000;

/**
 * Cross-community search with the desktop's query syntax (any Chinese substring, "phrases", -exclusions, type: and
 * year:), over every community's current package the scope may see. The newest cap + 1 matches are read
 * in the index's order (newest records first, so a term in every record costs no more than a rare one); they give the
 * total, or "more than the cap", and are shown newest year first, then newest records.
 */
export async function hubSearch(db: HubDb, dialect: Dialect, query: string, scope: Scope, options: HubSearchOptions = {}): Promise<HubSearchResult> {
  const parsed = parseQuery(query);
  if (matchedRecords(db, dialect, parsed) === null && parsed.excluded.length === 0 && !parsed.type && !parsed.years) return { total: 0, totalCapped: false, results: [] };
  const cap = options.cap ?? SEARCH_COUNT_CAP;
  const probe = options.probe ?? PROBE;
  const newestMatches = (after: number) => {
    let q = (matchedRecords(db, dialect, parsed, after) ?? db.selectFrom('records').where('records.id', '>', after).orderBy('records.id', 'desc'))
      .innerJoin('communities', 'communities.id', 'records.community_id')
      .where('records.current', '=', 1);
    if (!scope.all) q = q.where('communities.street_id', '=', scope.streetId ?? -1);
    if (options.year !== undefined) q = q.where('records.year', '=', options.year);
    if (parsed.years) q = q.where('records.year', '>=', parsed.years[0]).where('records.year', '<=', parsed.years[1]);
    if (parsed.type) q = q.where('records.type', '=', parsed.type);
    return q.select(['records.id', 'records.year']).limit(cap + 1).execute();
  };
  // The newest PROBE records first: when they hold more than the cap, those are the newest matches of all, found
  // without the index's list of every record holding the characters (PostgreSQL, which cannot tell how often a phrase
  // occurs, would otherwise check each of them). Otherwise every record is searched.
  const newest = Number((await db.selectFrom('records').select(sql<number>`max(id)`.as('n')).executeTakeFirst())?.n ?? 0);
  let window = newest > probe ? await newestMatches(newest - probe) : [];
  if (window.length <= cap) window = await newestMatches(0);
  const capped = window.length > cap;
  const offset = options.offset ?? 0;
  const page = window
    .slice(0, cap)
    .sort((a, b) => b.year - a.year || b.id - a.id)
    .slice(offset, offset + (options.limit ?? 50))
    .map((r) => r.id);
  const rows = page.length === 0 ? [] : await db
    .selectFrom('records')
    .innerJoin('communities', 'communities.id', 'records.community_id')
    .select(['records.id', 'records.community_id', 'communities.unit', 'records.title', 'records.year', 'records.type', 'records.date', 'records.archival_code'])
    .where('records.id', 'in', page)
    .execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return {
    total: Math.min(window.length, cap),
    totalCapped: capped,
    results: page.map((id) => byId.get(id)!).map((r) => ({ id: r.id, communityId: r.community_id, unit: r.unit, title: r.title, year: r.year, type: r.type, date: r.date, archivalCode: r.archival_code })),
  };
}

/** The same question as a plain substring scan over the stored text (the benchmark's baseline). */
export async function likeSearch(db: HubDb, term: string): Promise<number> {
  const pattern = `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const row = await db
    .selectFrom('records')
    .select(sql<number>`count(*)`.as('n'))
    .where('records.current', '=', 1)
    .where((eb) => eb.or([sql<boolean>`records.title LIKE ${pattern} ESCAPE '\\'`, sql<boolean>`records.text LIKE ${pattern} ESCAPE '\\'`]))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
