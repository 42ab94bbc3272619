import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { localStamp } from '../backup/paths.js';

export const QUARANTINE_DIR = 'quarantine';

/** Files modified more recently than this may belong to an import running in another process; they are left alone. */
export const QUARANTINE_GRACE_MS = 10 * 60 * 1000;

/** A repair that would move more files than this stops and asks (`force`): it is more likely the database is wrong. */
export const QUARANTINE_ASK_ABOVE = 5;

/**
 * Moves unexplained files out of the store into quarantine/<time>/, keeping their relative paths so that anything
 * can be put back by hand. Nothing is ever deleted.
 */
export class Quarantine {
  private folder: string | null = null;
  readonly moved: string[] = [];

  constructor(private readonly archiveDir: string) {}

  async isSettled(file: string, now = Date.now()): Promise<boolean> {
    try {
      return now - (await fs.stat(file)).mtimeMs >= QUARANTINE_GRACE_MS;
    } catch {
      return false;
    }
  }

  /** Moves one file (given by its path inside the archive); returns where it went, or null if it had vanished. */
  async move(relative: string): Promise<string | null> {
    const from = path.join(this.archiveDir, relative);
    if (!existsSync(from)) return null;
    const to = path.join(this.target(), relative);
    await fs.mkdir(path.dirname(to), { recursive: true });
    await fs.rename(from, to);
    this.moved.push(relative);
    return path.relative(this.archiveDir, to);
  }

  /** The folder this run moves into, relative to the archive ("quarantine/20240305-143000"). */
  get location(): string {
    return path.relative(this.archiveDir, this.target());
  }

  private target(): string {
    if (!this.folder) {
      const stamp = localStamp();
      let folder = path.join(this.archiveDir, QUARANTINE_DIR, stamp);
      for (let n = 2; existsSync(folder); n++) folder = path.join(this.archiveDir, QUARANTINE_DIR, `${stamp}-${n}`);
      this.folder = folder;
    }
    return this.folder;
  }
}
