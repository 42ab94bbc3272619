import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { Core } from '../../electron/core/api/core.js';

/** What an archive holds, to assert that a failed step changed nothing. */
export interface ArchiveState {
  records: number;
  blobs: number;
  links: number;
  filesOnDisk: number;
  derivedOnDisk: number;
  tmpOnDisk: number;
  searchRows: number;
}

function countFiles(dir: string): number {
  let n = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    n += entry.isDirectory() ? countFiles(path.join(dir, entry.name)) : 1;
  }
  return n;
}

export function archiveState(core: Core): ArchiveState {
  const db = core.archive.db;
  const count = (sql: string): number => db.prepare(sql).pluck().get() as number;
  return {
    records: count('SELECT count(*) FROM records'),
    blobs: count('SELECT count(*) FROM blobs'),
    links: count('SELECT count(*) FROM record_items'),
    filesOnDisk: countFiles(core.archive.files.root),
    derivedOnDisk: countFiles(core.archive.files.derivedRoot),
    tmpOnDisk: countFiles(core.archive.files.tmpRoot),
    searchRows: count('SELECT count(*) FROM search_index'),
  };
}
