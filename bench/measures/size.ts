import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Core } from '../../electron/core/api/core.js';
import { DB_FILE } from '../../electron/core/store/archive-folder.js';

/** How big the database is per 1,000 records, and which tables take the room. */

export interface SizeResult {
  records: number;
  dbBytes: number;
  dbBytesPer1000: number;
  /** Bytes by table or index, largest first (SQLite's dbstat). */
  tables: { name: string; bytes: number }[];
}

export async function measureSize(core: Core): Promise<SizeResult> {
  const db = core.archive.db;
  db.pragma('wal_checkpoint(TRUNCATE)');
  const records = (db.prepare('SELECT count(*) AS n FROM records').get() as { n: number }).n;
  const dbBytes = (await fs.stat(path.join(core.archive.dir, DB_FILE))).size;
  // The FTS5 table keeps its data in shadow tables (search_index_data, _idx…); they are grouped under its name.
  const tables = (
    db.prepare(`SELECT CASE WHEN name LIKE 'search_index%' THEN 'search_index' ELSE name END AS name, sum(pgsize) AS bytes
                FROM dbstat GROUP BY 1 ORDER BY bytes DESC LIMIT 8`).all() as { name: string; bytes: number }[]
  );
  return { records, dbBytes, dbBytesPer1000: Math.round((dbBytes / records) * 1000), tables };
}
