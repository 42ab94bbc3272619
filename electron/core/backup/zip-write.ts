import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, promises as fs } from 'node:fs';
import path from 'node:path';
import { Readable, type Transform } from 'node:stream';
import yazl from 'yazl';
import { TaizhangError } from '../../../shared/errors.js';
import { hashingTransform } from './hashing.js';
import { syncFile } from './paths.js';

export interface ZipSource {
  /** Name inside the zip. */
  name: string;
  /** A file on disk, read when its turn comes (so thousands of files never hold thousands of descriptors). */
  file: string;
  compress: boolean;
}

export interface ZippedEntry {
  name: string;
  sha256: string;
  size: number;
}

export interface ZipWriteOptions {
  /** The last entry, built from what was written before it (the manifest with every hash). */
  trailer: { name: string; build: (written: ZippedEntry[]) => Buffer };
  onEntry?: (done: number, total: number) => void;
  signal?: AbortSignal | undefined;
}

/**
 * Writes a zip to a temporary name beside `target`, hashing every entry as it streams, syncs it and renames it into
 * place. A crash or an error leaves nothing under the target name.
 */
export async function writeZipAtomically(target: string, sources: ZipSource[], options: ZipWriteOptions): Promise<{ entries: ZippedEntry[]; bytes: number }> {
  const part = path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString('hex')}.part`);
  const written: ZippedEntry[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      const zip = new yazl.ZipFile();
      const output = createWriteStream(part, { flags: 'wx' });
      const fail = (err: unknown): void => {
        output.destroy();
        reject(err instanceof Error ? err : new Error(String(err)));
      };
      zip.on('error', fail);
      output.on('error', fail);
      output.on('close', () => resolve());
      const onAbort = (): void => fail(new TaizhangError('cancelled', '已取消备份 / Backup cancelled'));
      if (options.signal?.aborted) return onAbort();
      options.signal?.addEventListener('abort', onAbort, { once: true });
      zip.outputStream.pipe(output);
      for (const source of sources) {
        zip.addReadStreamLazy(source.name, { compress: source.compress }, (cb) => {
          const stream = hashingStream(source.file, (sha256, size) => {
            written.push({ name: source.name, sha256, size });
            options.onEntry?.(written.length, sources.length);
          });
          stream.on('error', (err) => zip.emit('error', err));
          cb(null, stream);
        });
      }
      zip.addReadStreamLazy(options.trailer.name, { compress: true }, (cb) => {
        cb(null, Readable.from([options.trailer.build(written)]));
      });
      zip.end();
    });
    await syncFile(part);
    await fs.rename(part, target);
    const { size } = await fs.stat(target);
    return { entries: written, bytes: size };
  } catch (err) {
    await fs.rm(part, { force: true });
    throw err;
  }
}

function hashingStream(file: string, onDone: (sha256: string, size: number) => void): Transform {
  const through = hashingTransform(onDone);
  const input = createReadStream(file);
  input.on('error', (err) => through.destroy(err));
  return input.pipe(through);
}
