import type Database from 'better-sqlite3';
import type { Db } from './database.js';

/**
 * Prepared statements, cached per database connection: the same SQL text is compiled once for the connection's
 * life instead of on every call. The typed helpers say what a statement returns, so callers do not cast.
 */
const caches = new WeakMap<Db, Map<string, Database.Statement>>();

export function statement(db: Db, sql: string): Database.Statement {
  return cached(db, sql, false);
}

/** Rows as arrays of values, for the single-column helpers; a statement of its own, so no mode is toggled. */
function rawStatement(db: Db, sql: string): Database.Statement {
  return cached(db, sql, true);
}

function cached(db: Db, sql: string, raw: boolean): Database.Statement {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  const key = raw ? `raw\u0000${sql}` : sql;
  let stmt = cache.get(key);
  if (!stmt) {
    stmt = db.prepare(sql);
    if (raw) stmt.raw(true);
    cache.set(key, stmt);
  }
  return stmt;
}

/** The first row, or undefined. */
export function one<T>(db: Db, sql: string, ...params: unknown[]): T | undefined {
  return statement(db, sql).get(...params) as T | undefined;
}

export function all<T>(db: Db, sql: string, ...params: unknown[]): T[] {
  return statement(db, sql).all(...params) as T[];
}

/** The first column of the first row, or undefined. */
export function value<T>(db: Db, sql: string, ...params: unknown[]): T | undefined {
  const row = rawStatement(db, sql).get(...params) as unknown[] | undefined;
  return row?.[0] as T | undefined;
}

/** The first column of every row. */
export function values<T>(db: Db, sql: string, ...params: unknown[]): T[] {
  return (rawStatement(db, sql).all(...params) as unknown[][]).map((r) => r[0] as T);
}

export function run(db: Db, sql: string, ...params: unknown[]): Database.RunResult {
  return statement(db, sql).run(...params);
}

/** A JSON array parameter for `IN (SELECT value FROM json_each(?))`. */
export function idList(ids: Iterable<number>): string {
  return JSON.stringify([...ids]);
}
