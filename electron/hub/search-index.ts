import { sql, type Kysely, type SqlBool } from 'kysely';
import { BOUNDARY, phraseTokens, toIndexText } from '../../shared/text/tokens.js';
import type { ParsedQuery } from '../../shared/text/search-query.js';
import { matchExpression } from '../../shared/text/search-query.js';
import type { Dialect, HubDb } from './db.js';
import type { HubTables } from './schema.js';

/**
 * The hub's full-text index, the one place where the two databases differ. Both index one token per CJK character
 * (shared/text/tokens.ts, as the desktop does) and match a term as a phrase of adjacent tokens, so any Chinese
 * substring is found, one or two characters too:
 * - SQLite: an FTS5 table (unicode61), queried with the desktop's own MATCH expression;
 * - PostgreSQL: a tsvector per record (the 'simple' configuration, which neither stems nor drops words) under a GIN
 *   index, queried with `<->` (followed by) between the tokens of a term.
 */

/** PostgreSQL's parser drops private-use characters, so a punctuation boundary is indexed as this word instead. */
const PG_BOUNDARY = 'qqbnd';

export async function createSearchIndex(db: Kysely<HubTables>, dialect: Dialect): Promise<void> {
  if (dialect === 'sqlite') {
    await sql`CREATE VIRTUAL TABLE record_search USING fts5(title, body, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2')`.execute(db);
  } else {
    await sql`CREATE TABLE record_search (record_id integer PRIMARY KEY REFERENCES records(id), tsv tsvector NOT NULL)`.execute(db);
    // Kept uncompressed: a record's tsvector (a few KB) was compressed on every insert and decompressed for every
    // phrase check; measured three times faster to insert and about twice as fast to check, for a little more disk.
    await sql`ALTER TABLE record_search ALTER COLUMN tsv SET STORAGE EXTERNAL`.execute(db);
    await sql`CREATE INDEX record_search_tsv ON record_search USING gin (tsv)`.execute(db);
  }
}

export interface IndexedText {
  id: number;
  title: string;
  text: string;
}

function pgText(text: string): string {
  return toIndexText(text).replaceAll(BOUNDARY, PG_BOUNDARY);
}

export async function indexRecords(db: Kysely<HubTables>, dialect: Dialect, rows: readonly IndexedText[]): Promise<void> {
  if (rows.length === 0) return;
  if (dialect === 'sqlite') {
    const values = rows.map((r) => sql`(${r.id}, ${toIndexText(r.title)}, ${toIndexText(r.text)})`);
    await sql`INSERT INTO record_search(rowid, title, body) VALUES ${sql.join(values)}`.execute(db);
  } else {
    // Title tokens weigh A, body tokens D; the title is set apart from the body so a phrase never runs across both.
    const values = rows.map((r) => sql`(${r.id}, setweight(to_tsvector('simple', ${pgText(r.title)}), 'A') || setweight(to_tsvector('simple', ${pgText(r.text)}), 'D'))`);
    await sql`INSERT INTO record_search(record_id, tsv) VALUES ${sql.join(values)}`.execute(db);
  }
}

/** A tsquery for the terms: each term a phrase of its tokens (`a <-> b`), all required, excluded ones negated. */
export function tsQuery(query: ParsedQuery): string | null {
  const phrase = (term: string): string | null => {
    const tokens = phraseTokens(term).map((t) => (t === BOUNDARY ? PG_BOUNDARY : t.toLowerCase()));
    return tokens.length > 0 ? `(${tokens.map((t) => `'${t}'`).join(' <-> ')})` : null;
  };
  const required = query.terms.map(phrase).filter((p): p is string => p !== null);
  if (required.length === 0) return null;
  const excluded = query.excluded.map(phrase).filter((p): p is string => p !== null);
  return [...required, ...excluded.map((p) => `!${p}`)].join(' & ');
}

/**
 * The records whose text matches the query, joined to the index so that matches come newest first in the index's own
 * order and a LIMIT stops reading early (no count or sort over every match): SQLite reads the FTS5 table backwards by
 * rowid, outermost (a CROSS JOIN keeps that join order); PostgreSQL's planner either walks `records` newest first and
 * checks each tsvector, or reads the GIN index for rarer terms. With `after`, only records with a greater id (the
 * newest; hubSearch). Null when the query has no text to match.
 */
export function matchedRecords(db: HubDb, dialect: Dialect, query: ParsedQuery, after = 0) {
  if (dialect === 'sqlite') {
    const match = matchExpression(query);
    if (match === null) return null;
    return db
      .selectFrom('record_search')
      .crossJoin('records')
      .whereRef('records.id', '=', 'record_search.rowid')
      .where(sql<SqlBool>`record_search MATCH ${match}`)
      .where('record_search.rowid', '>', after)
      .orderBy('record_search.rowid', 'desc');
  }
  const ts = tsQuery(query);
  if (ts === null) return null;
  return db
    .selectFrom('record_search')
    .innerJoin('records', 'records.id', 'record_search.record_id')
    .where(sql<SqlBool>`record_search.tsv @@ to_tsquery('simple', ${ts})`)
    .where('record_search.record_id', '>', after)
    .orderBy('records.id', 'desc');
}
