import { createWriteStream, promises as fs } from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import { TaizhangError } from '../../shared/errors.js';
import { safeFileName } from '../core/files/safe-name.js';
import type { Archive } from '../core/store/archive-folder.js';

/**
 * Files dropped into a browser window have no path on this machine, so the bridge receives their bytes and stages
 * them under <archive>/tmp/uploads/<batch>/…, keeping a dropped folder's structure (the folder import reads item
 * codes and dates from folder names). The staged paths are then passed to records.add / records.planFolder like
 * any path from a native dialog. Names are cleaned so that nothing can land outside the batch folder.
 */

const BATCH_ID = /^[A-Za-z0-9_-]{8,64}$/;
export const MAX_UPLOAD_BYTES = 2 * 1024 ** 3;

/** What staging needs of an archive: its folders, not its database (it runs on the window's thread). */
export type StagingArchive = Pick<Archive, 'dir' | 'files'>;

export function stagingRoot(archive: StagingArchive): string {
  return path.join(archive.files.tmpRoot, 'uploads');
}

/** Splits a browser-supplied relative path into safe segments; empty, "." and ".." segments are dropped. */
export function safeRelativePath(raw: string): string[] {
  const segments = raw
    .split(/[\\/]+/)
    .map(safeSegment)
    .filter((s): s is string => s !== null);
  return segments.length > 0 ? segments : ['文件'];
}

function safeSegment(raw: string): string | null {
  // "." and ".." are dropped, never followed; every other part gets the one rule for stored names.
  if (/^[.\s]*$/.test(raw)) return null;
  return safeFileName(raw).name;
}

export interface StagedFile {
  /** Where the file now is. */
  path: string;
  /** The staged top-level entry it belongs to (the dropped folder itself, or the file). */
  top: string;
}

export async function stageUpload(archive: StagingArchive, batch: string, relativePath: string, body: Readable): Promise<StagedFile> {
  if (!BATCH_ID.test(batch)) throw new TaizhangError('invalid_input', '上传批次编号无效 / Invalid upload batch');
  const batchDir = path.join(stagingRoot(archive), batch);
  const segments = safeRelativePath(relativePath);
  const target = await freeName(path.join(batchDir, ...segments));
  if (!target.startsWith(batchDir + path.sep)) throw new TaizhangError('invalid_input', '文件名无效 / Invalid file name');
  await fs.mkdir(path.dirname(target), { recursive: true });
  let bytes = 0;
  const limit = new Transform({
    transform(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      if (bytes > MAX_UPLOAD_BYTES) done(new TaizhangError('bad_file', '文件超过 2 GB，不能上传 / File larger than 2 GB'));
      else done(null, chunk);
    },
  });
  try {
    await pipeline(body, limit, createWriteStream(target, { flags: 'wx' }));
  } catch (err) {
    await fs.rm(target, { force: true });
    throw err;
  }
  return { path: target, top: path.join(batchDir, segments[0] as string) };
}

/** Removes every staged upload (after opening or closing an archive: the records hold their own copies). */
export async function clearStaging(archive: StagingArchive): Promise<void> {
  await fs.rm(stagingRoot(archive), { recursive: true, force: true });
}

async function freeName(target: string): Promise<string> {
  const ext = path.extname(target);
  const stem = target.slice(0, target.length - ext.length);
  for (let n = 1; ; n += 1) {
    const candidate = n === 1 ? target : `${stem} (${n})${ext}`;
    try {
      await fs.access(candidate);
    } catch {
      return candidate;
    }
  }
}
