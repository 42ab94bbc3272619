import { createHash, randomBytes } from 'node:crypto';
import { closeSync, createReadStream, existsSync, mkdirSync, openSync, promises as fs, renameSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';

export type DerivativeKind = 'thumb' | 'print';

const SHA256 = /^[0-9a-f]{64}$/;
/** Files synced at once by install. */
const SYNC_BATCH = 64;

/**
 * Content-addressed store under <archive>/files. The same bytes are kept once. Writes go to a temporary name,
 * are synced and renamed into place, so a crash leaves either the whole file or nothing under its final name.
 */
export class FileStore {
  readonly root: string;
  readonly derivedRoot: string;
  readonly tmpRoot: string;

  /** Set when the archive must not be written (a read-only folder, a network share): writes inside it are refused. */
  refusal: Error | null = null;
  private readonly archiveDir: string;

  constructor(archiveDir: string) {
    this.archiveDir = archiveDir;
    this.root = path.join(archiveDir, 'files');
    this.derivedRoot = path.join(archiveDir, 'derived');
    this.tmpRoot = path.join(archiveDir, 'tmp');
  }

  async ensureLayout(): Promise<void> {
    await Promise.all([this.root, this.derivedRoot, this.tmpRoot].map((d) => fs.mkdir(d, { recursive: true })));
  }

  blobPath(sha256: string): string {
    assertSha(sha256);
    return path.join(this.root, sha256.slice(0, 2), sha256);
  }

  derivativePath(sha256: string, kind: DerivativeKind): string {
    assertSha(sha256);
    return path.join(this.derivedRoot, sha256.slice(0, 2), `${sha256}.${kind}.jpg`);
  }

  async has(sha256: string): Promise<boolean> {
    return exists(this.blobPath(sha256));
  }

  /** `has` without a round trip through the thread pool, for checks by the thousand (a hub import). */
  hasNow(sha256: string): boolean {
    return existsSync(this.blobPath(sha256));
  }

  /** A folder under tmp/ for staging many files at once (see Staging). */
  async staging(): Promise<Staging> {
    const dir = await this.tempFile();
    await fs.mkdir(dir);
    return new Staging(this, dir);
  }

  /** Copies a file into the store; returns its hash and size. Existing content is not written again. */
  async put(source: string): Promise<{ sha256: string; size: number; added: boolean }> {
    const staged = await this.stage(source);
    const [added] = await this.install([{ tmp: staged.tmp, target: this.blobPath(staged.sha256) }]);
    return { sha256: staged.sha256, size: staged.size, added: added! };
  }

  /**
   * Copies a file to a temporary name in the store, hashing it on the way: the one read of the source an import
   * makes (what is analysed afterwards is this copy, so the hash is always of the bytes stored). Not yet synced or in
   * place: `install` does both, `discard` drops it.
   */
  async stage(source: string): Promise<StagedFile> {
    const tmp = await this.tempFile();
    const hash = createHash('sha256');
    let size = 0;
    try {
      const handle = await fs.open(tmp, 'wx');
      try {
        for await (const chunk of createReadStream(source) as AsyncIterable<Buffer>) {
          hash.update(chunk);
          size += chunk.length;
          await handle.write(chunk);
        }
      } finally {
        await handle.close();
      }
    } catch (err) {
      await this.discard(tmp);
      throw err;
    }
    return { tmp, sha256: hash.digest('hex'), size };
  }

  /** Writes bytes to a temporary name in the store, for `install` (derivatives made during an import). */
  async stageBytes(data: Uint8Array): Promise<string> {
    const tmp = await this.tempFile('.part');
    try {
      await fs.writeFile(tmp, data, { flag: 'wx' });
    } catch (err) {
      await this.discard(tmp);
      throw err;
    }
    return tmp;
  }

  /**
   * Puts staged files in place: all synced together first (one wait for the disk per call, so a record's original
   * and derivatives cost one flush, not three in a row), then each renamed to its final name, so a crash leaves
   * either the whole file or nothing under that name. A target that already exists holds the same content (names
   * are hashes) and is kept; its staged copy is dropped. With `syncFolders` the folders renamed into are synced
   * too, once each. Returns, per file, whether it was new.
   */
  async install(files: readonly { tmp: string; target: string }[], options: { syncFolders?: boolean } = {}): Promise<boolean[]> {
    const added: boolean[] = [];
    try {
      if (this.refusal) throw this.refusal;
      // Many at a time (the disk gathers them into few flushes), but never so many open at once that descriptors run out.
      for (let i = 0; i < files.length; i += SYNC_BATCH) await Promise.all(files.slice(i, i + SYNC_BATCH).map((f) => syncFile(f.tmp)));
      // Renames only touch names: direct calls, microseconds each, where a thousand round trips through the thread
      // pool would cost more than the renames themselves.
      const folders = new Set<string>();
      for (const { tmp, target } of files) {
        if (existsSync(target)) {
          rmSync(tmp, { force: true });
          added.push(false);
        } else {
          if (!folders.has(path.dirname(target))) mkdirSync(path.dirname(target), { recursive: true });
          folders.add(path.dirname(target));
          renameSync(tmp, target);
          added.push(true);
        }
      }
      // The renames themselves made durable (a hub records the files in its database right after).
      if (options.syncFolders) {
        const renamedInto = [...folders];
        for (let i = 0; i < renamedInto.length; i += SYNC_BATCH) await Promise.all(renamedInto.slice(i, i + SYNC_BATCH).map(syncFolder));
      }
      return added;
    } catch (err) {
      // All or none: what this call already put in place was new, so nothing else refers to it.
      await Promise.all(files.map((f, i) => (added[i] ? fs.rm(f.target, { force: true }) : this.discard(f.tmp))));
      throw err;
    }
  }

  /** Drops a staged file (a duplicate, a file refused after copying, a failed install). */
  async discard(tmp: string): Promise<void> {
    await fs.rm(tmp, { force: true });
  }

  /** Writes bytes to a final path atomically (derivatives, exports). */
  async writeAtomic(target: string, data: Uint8Array): Promise<void> {
    if (this.refusal && !path.relative(this.archiveDir, target).startsWith('..')) throw this.refusal;
    await fs.mkdir(path.dirname(target), { recursive: true });
    const tmp = `${target}.${randomBytes(6).toString('hex')}.part`;
    try {
      const handle = await fs.open(tmp, 'wx');
      try {
        await handle.writeFile(data);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await fs.rename(tmp, target);
    } catch (err) {
      await fs.rm(tmp, { force: true });
      throw err;
    }
  }

  async tempFile(suffix = ''): Promise<string> {
    if (this.refusal) throw this.refusal;
    await fs.mkdir(this.tmpRoot, { recursive: true });
    return path.join(this.tmpRoot, `${Date.now()}-${randomBytes(8).toString('hex')}${suffix}`);
  }

  /** Removes a blob that no record references any more (called after the database says so). */
  async remove(sha256: string): Promise<void> {
    await fs.rm(this.blobPath(sha256), { force: true });
    await Promise.all((['thumb', 'print'] as const).map((k) => fs.rm(this.derivativePath(sha256, k), { force: true })));
  }

  /** Every sha256 present on disk, for integrity checks. */
  async list(): Promise<string[]> {
    const out: string[] = [];
    for (const dir of await readdirSafe(this.root)) {
      for (const name of await readdirSafe(path.join(this.root, dir))) if (SHA256.test(name)) out.push(name);
    }
    return out;
  }
}

/**
 * Many files staged at once (a hub import): each written with direct calls into one folder under tmp/ (a small file
 * takes microseconds that way, where each round trip through the thread pool costs more than the write; syncing while
 * reading would take the pool's threads from the reads). `install` syncs them together and puts them in place;
 * `discard` drops what is left.
 */
export class Staging {
  private readonly files = new Map<string, { tmp: string; target: string }>();

  constructor(
    private readonly store: FileStore,
    readonly dir: string,
  ) {}

  /** True when the store or this staging already holds the content. */
  holds(sha256: string): boolean {
    return this.files.has(sha256) || this.store.hasNow(sha256);
  }

  /** Starts the staged copy of `sha256`: its bytes are written as they come (the caller checks their hash). */
  create(sha256: string): { write(chunk: Buffer): void; end(): void } {
    const tmp = path.join(this.dir, sha256);
    const fd = openSync(tmp, 'wx');
    this.files.set(sha256, { tmp, target: this.store.blobPath(sha256) });
    let open = true;
    return {
      write: (chunk) => {
        for (let at = 0; at < chunk.length; ) at += writeSync(fd, chunk, at);
      },
      end: () => {
        if (open) closeSync(fd);
        open = false;
      },
    };
  }

  /** Syncs every staged file, renames each into place and syncs the folders renamed into. */
  async install(): Promise<void> {
    const files = [...this.files.values()];
    this.files.clear();
    await this.store.install(files, { syncFolders: true });
  }

  async discard(): Promise<void> {
    this.files.clear();
    await fs.rm(this.dir, { recursive: true, force: true });
  }
}

/** A source copied into the store's tmp/ and hashed, waiting for `install`. */
export interface StagedFile {
  tmp: string;
  sha256: string;
  size: number;
}

/** Flushes a written file's data to the disk (its size included), so a rename after it never names a torn file. */
async function syncFile(file: string): Promise<void> {
  const handle = await fs.open(file, 'r+');
  try {
    await handle.datasync();
  } finally {
    await handle.close();
  }
}

/** Flushes a folder's entries (the names renamed into it); a no-op where folders cannot be opened (Windows). */
async function syncFolder(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await fs.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export async function hashFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(file), hash);
  return hash.digest('hex');
}

async function exists(p: string): Promise<boolean> {
  try {
    await fs.access(p);
    return true;
  } catch {
    return false;
  }
}

async function readdirSafe(dir: string): Promise<string[]> {
  try {
    return await fs.readdir(dir);
  } catch {
    return [];
  }
}

function assertSha(sha256: string): void {
  if (!SHA256.test(sha256)) throw new Error(`not a sha256: ${sha256}`);
}
