import { createWriteStream, promises as fs } from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';
import { TaizhangError } from '../../../shared/errors.js';
import { hashingTransform } from './hashing.js';
import { syncFile } from './paths.js';

export interface OpenedZip {
  zip: yauzl.ZipFile;
  entries: Map<string, yauzl.Entry>;
}

/**
 * Opens a zip and reads its central directory. Names that would escape the target folder (zip-slip: "..",
 * absolute paths, backslashes) and duplicate names are refused here, before anything is written.
 */
export async function openZip(file: string, label: string): Promise<OpenedZip> {
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.openPromise(file, { lazyEntries: true, autoClose: false, strictFileNames: true, validateEntrySizes: true });
  } catch (err) {
    throw describeOpenError(err, file, label);
  }
  const entries = new Map<string, yauzl.Entry>();
  try {
    for await (const entry of zip.eachEntry()) {
      if (entries.has(entry.fileName)) {
        throw new TaizhangError('bad_file', `${label}中有重名条目「${entry.fileName}」，疑被改动 / duplicate entry in the zip`);
      }
      entries.set(entry.fileName, entry);
    }
  } catch (err) {
    zip.close();
    if (err instanceof TaizhangError) throw err;
    throw describeEntryError(err, label);
  }
  return { zip, entries };
}

/** Streams one entry into `dest` (created, never overwritten), hashing it on the way; returns hash and size. */
export async function extractEntry(zip: yauzl.ZipFile, entry: yauzl.Entry, dest: string): Promise<{ sha256: string; size: number }> {
  let result = { sha256: '', size: 0 };
  const through = hashingTransform((sha256, size) => (result = { sha256, size }));
  await fs.mkdir(path.dirname(dest), { recursive: true });
  const input = await zip.openReadStreamPromise(entry);
  await pipeline(input, through, createWriteStream(dest, { flags: 'wx' }));
  await syncFile(dest);
  return result;
}

/** Reads a small entry (the manifest) into memory, refusing anything implausibly large. */
export async function readSmallEntry(zip: yauzl.ZipFile, entry: yauzl.Entry, limit: number): Promise<Buffer> {
  if (entry.uncompressedSize > limit) throw new Error(`entry too large: ${entry.uncompressedSize}`);
  const chunks: Buffer[] = [];
  for await (const chunk of await zip.openReadStreamPromise(entry)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function describeOpenError(err: unknown, file: string, label: string): TaizhangError {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return new TaizhangError('not_found', `找不到${label}：${file} / File not found`);
  if (code === 'EISDIR') return new TaizhangError('bad_file', `这是文件夹，不是${label}：${file} / Not a file`);
  if (code === 'EACCES' || code === 'EPERM') return new TaizhangError('bad_file', `没有权限读取${label}：${file} / Permission denied`);
  return new TaizhangError('bad_file', `${label}不是完整的 zip 文件（可能已被截断或不是 zip）：${file} / Not a complete zip file (truncated?)`);
}

function describeEntryError(err: unknown, label: string): TaizhangError {
  const text = err instanceof Error ? err.message : String(err);
  if (/absolute path|invalid relative path|invalid characters in fileName/.test(text)) {
    return new TaizhangError('bad_file', `${label}中有指向文件夹以外的条目名（${text.replace(/^.*?: /, '')}），已拒绝 / Zip entry escapes the target folder (zip-slip)`);
  }
  if (/encryption/.test(text)) return new TaizhangError('bad_file', `${label}已加密，无法读取 / The zip is encrypted`);
  return new TaizhangError('bad_file', `${label}的目录已损坏（可能被截断） / The zip directory is damaged or truncated`);
}
