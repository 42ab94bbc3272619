import { createWriteStream, readFileSync, writeFileSync } from 'node:fs';
import yauzl from 'yauzl';
import yazl from 'yazl';

/** Tools for making broken and hostile backups out of a good one. */

export interface ZipItem {
  name: string;
  data: Buffer;
}

export async function readZip(file: string): Promise<ZipItem[]> {
  const zip = await yauzl.openPromise(file, { lazyEntries: true });
  const items: ZipItem[] = [];
  for await (const entry of zip.eachEntry()) {
    const chunks: Buffer[] = [];
    for await (const chunk of await zip.openReadStreamPromise(entry)) chunks.push(chunk as Buffer);
    items.push({ name: entry.fileName, data: Buffer.concat(chunks) });
  }
  return items;
}

/** Writes items uncompressed (unless asked), so their bytes can be found and altered in the file afterwards. */
export async function writeZip(file: string, items: ZipItem[], options: { compress?: boolean } = {}): Promise<string> {
  const zip = new yazl.ZipFile();
  for (const item of items) if (!item.name.endsWith('/')) zip.addBuffer(item.data, item.name, { compress: options.compress === true });
  zip.end();
  await new Promise<void>((resolve, reject) => {
    const out = createWriteStream(file);
    out.on('close', () => resolve());
    out.on('error', reject);
    zip.outputStream.pipe(out);
  });
  return file;
}

/** Rewrites a zip through `change`, which may alter, drop (null) or keep each item, then appends `extra`. */
export async function rewriteZip(from: string, to: string, change: (item: ZipItem) => ZipItem | null, extra: ZipItem[] = []): Promise<string> {
  const items = (await readZip(from)).map(change).filter((i): i is ZipItem => i !== null);
  return writeZip(to, [...items, ...extra]);
}

/**
 * Replaces every occurrence of an entry name inside the raw zip bytes by another of the same length. This is how a
 * zip-slip archive is made: zip writers refuse names like "../x", so a harmless name is written and swapped after.
 */
export function patchEntryName(file: string, from: string, to: string): void {
  const a = Buffer.from(from);
  const b = Buffer.from(to);
  if (a.length !== b.length) throw new Error('names must have the same length');
  const bytes = readFileSync(file);
  let at = bytes.indexOf(a);
  let n = 0;
  while (at !== -1) {
    b.copy(bytes, at);
    n += 1;
    at = bytes.indexOf(a, at + 1);
  }
  if (n === 0) throw new Error(`name not found: ${from}`);
  writeFileSync(file, bytes);
}

/** Flips one byte in the middle of `needle` where it appears in the file (an entry stored without compression). */
export function flipByteOf(file: string, needle: Buffer): void {
  const bytes = readFileSync(file);
  const at = bytes.indexOf(needle);
  if (at === -1) throw new Error('content not found in zip');
  const mid = at + Math.floor(needle.length / 2);
  bytes[mid] = (bytes[mid] ?? 0) ^ 0xff;
  writeFileSync(file, bytes);
}

/**
 * Makes the central directory declare `size` as an entry's uncompressed size (a lying header): the entry's real
 * data stays as it is.
 */
export function patchDeclaredSize(file: string, name: string, size: number): void {
  const bytes = readFileSync(file);
  const want = Buffer.from(name);
  let patched = 0;
  for (let at = bytes.indexOf(CENTRAL); at !== -1; at = bytes.indexOf(CENTRAL, at + 4)) {
    const nameLength = bytes.readUInt16LE(at + 28);
    if (!bytes.subarray(at + 46, at + 46 + nameLength).equals(want)) continue;
    bytes.writeUInt32LE(size, at + 24);
    patched += 1;
  }
  if (patched === 0) throw new Error(`entry not found: ${name}`);
  writeFileSync(file, bytes);
}
const CENTRAL = Buffer.from([0x50, 0x4b, 0x01, 0x02]);
