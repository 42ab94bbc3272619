import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { RecentArchive } from '../../shared/api/app.js';
import { DB_FILE } from '../core/store/archive-folder.js';

const LIMIT = 8;

interface StoredEntry {
  path: string;
  name: string;
  openedAt: string;
}

/** The recent-archives list, kept as JSON in the shell's settings folder (one per user, not per archive). */
export class RecentList {
  constructor(private readonly file: string) {}

  list(): RecentArchive[] {
    return this.read().map((e) => ({ ...e, exists: existsSync(path.join(e.path, DB_FILE)) }));
  }

  /** Puts an archive at the top of the list. */
  touch(dir: string, name: string): RecentArchive[] {
    const entry: StoredEntry = { path: dir, name, openedAt: new Date().toISOString() };
    this.write([entry, ...this.read().filter((e) => !samePath(e.path, dir))].slice(0, LIMIT));
    return this.list();
  }

  forget(dir: string): RecentArchive[] {
    this.write(this.read().filter((e) => !samePath(e.path, dir)));
    return this.list();
  }

  private read(): StoredEntry[] {
    try {
      const parsed: unknown = JSON.parse(readFileSync(this.file, 'utf8'));
      return Array.isArray(parsed) ? parsed.filter(isEntry) : [];
    } catch {
      // A missing or damaged list only costs the clerk the shortcut; the archives themselves are untouched.
      return [];
    }
  }

  private write(entries: StoredEntry[]): void {
    mkdirSync(path.dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(entries, null, 2));
    renameSync(tmp, this.file);
  }
}

function isEntry(v: unknown): v is StoredEntry {
  const e = v as Partial<StoredEntry> | null;
  return !!e && typeof e.path === 'string' && typeof e.name === 'string' && typeof e.openedAt === 'string';
}

function samePath(a: string, b: string): boolean {
  const norm = (p: string) => (process.platform === 'win32' ? path.resolve(p).toLowerCase() : path.resolve(p));
  return norm(a) === norm(b);
}
