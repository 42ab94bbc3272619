import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Db } from '../../electron/core/store/database.js';

/**
 * Everything an archive holds, reduced to something comparable: each table's row count and a hash of its rows, and
 * every file on disk (path and size) outside the database itself. Equal fingerprints mean nothing was changed.
 */
export interface Fingerprint {
  tables: Record<string, { rows: number; hash: string }>;
  files: string[];
}

export function fingerprint(db: Db, dir: string): Fingerprint {
  const tables: Fingerprint['tables'] = {};
  const names = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string; sql: string | null }[];
  for (const { name, sql } of names) {
    // The contentless full-text table exposes only its rowids; its shadow tables hold the rest and are hashed too.
    const virtual = /^CREATE VIRTUAL TABLE/i.test(sql ?? '');
    // Some shadow tables have no rowid, so rows are put in order here rather than by the query.
    const rows = (db.prepare(virtual ? `SELECT rowid FROM "${name}"` : `SELECT * FROM "${name}"`).raw().all() as unknown[]).map((r) => JSON.stringify(r)).sort();
    tables[name] = { rows: rows.length, hash: createHash('sha256').update(rows.join('\n')).digest('hex') };
  }
  return { tables, files: listFiles(dir, dir) };
}

/** For an archive whose database cannot be opened: every file on disk, and the database's exact bytes. */
export function folderPrint(dir: string): Fingerprint {
  const db = path.join(dir, 'archive.db');
  const bytes = existsSync(db) ? createHash('sha256').update(readFileSync(db)).digest('hex') : 'none';
  return { tables: { 'archive.db': { rows: -1, hash: bytes } }, files: listFiles(dir, dir) };
}

function listFiles(root: string, dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const abs = path.join(dir, entry.name);
    const rel = path.relative(root, abs);
    // The database files change with every checkpoint; their content is compared through the tables above.
    if (/^archive\.db(-wal|-shm|-journal)?$/.test(rel)) continue;
    if (entry.isDirectory()) out.push(`${rel}/`, ...listFiles(root, abs));
    else out.push(`${rel} ${statSync(abs).size}`);
  }
  return out.sort();
}
