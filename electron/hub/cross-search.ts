import { sql } from 'kysely';
import type { HubSearchResult } from '../../shared/api/hub.js';
import { parseQuery } from '../../shared/text/search-query.js';
import type { Scope } from './accounts.js';
import type { HubDb, Dialect } from './db.js';
import { matchCondition } from './search-index.js';

export interface HubSearchOptions {
  year?: number | undefined;
  offset?: number;
  limit?: number;
}

/**
 * Cross-community search with the desktop's query syntax (any Chinese substring, "phrases", -exclusions, type: and
 * year:), over every community's current package the scope may see. Newest year first, then the newest records.
 */
export async function hubSearch(db: HubDb, dialect: Dialect, query: string, scope: Scope, options: HubSearchOptions = {}): Promise<HubSearchResult> {
  const parsed = parseQuery(query);
  const match = matchCondition(dialect, parsed);
  if (match === null && parsed.excluded.length === 0 && !parsed.type && !parsed.years) return { total: 0, results: [] };
  let q = db
    .selectFrom('records')
    .innerJoin('communities', 'communities.id', 'records.community_id')
    .where('records.current', '=', 1);
  if (match) q = q.where(match);
  if (!scope.all) q = q.where('communities.street_id', '=', scope.streetId ?? -1);
  if (options.year !== undefined) q = q.where('records.year', '=', options.year);
  if (parsed.years) q = q.where('records.year', '>=', parsed.years[0]).where('records.year', '<=', parsed.years[1]);
  if (parsed.type) q = q.where('records.type', '=', parsed.type);
  const [count, rows] = await Promise.all([
    q.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow(),
    q
      .select(['records.id', 'records.community_id', 'communities.unit', 'records.title', 'records.year', 'records.type', 'records.date', 'records.archival_code'])
      .orderBy('records.year', 'desc')
      .orderBy('records.id', 'desc')
      .limit(options.limit ?? 50)
      .offset(options.offset ?? 0)
      .execute(),
  ]);
  return {
    total: Number(count.n),
    results: rows.map((r) => ({ id: r.id, communityId: r.community_id, unit: r.unit, title: r.title, year: r.year, type: r.type, date: r.date, archivalCode: r.archival_code })),
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
