import { promises as fs } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import type { Core } from '../../electron/core/api/core.js';
import { PRINT_LONG_SIDE } from '../../electron/core/files/image.js';
import { roundStat, summarise, timed, type Stat } from '../stats.js';

/**
 * Import throughput in files per second, batch by batch (each batch is distinct files, so nothing is deduplicated),
 * through records.add: hashing, atomic copy with fsync, text extraction, EXIF and derivatives, database and search
 * index. Beside it, per batch: a plain copy of the same files, and for photos sharp making the print-size image alone.
 */

export interface ImportResult {
  files: number;
  bytes: number;
  batches: number;
  taizhang: Stat;
  copy: Stat;
  /** Photos only. */
  sharpResize?: Stat;
  /** Photos only: Taizhang's time per photo over sharp's, minus one, as a percentage. */
  overheadPct?: number;
  /** Bytes the store grew by (originals and derivatives) per 1,000 files. */
  storeBytesPer1000: number;
}

function batchesOf<T>(items: readonly T[], count: number): T[][] {
  const size = Math.ceil(items.length / count);
  return Array.from({ length: count }, (_, i) => items.slice(i * size, (i + 1) * size)).filter((b) => b.length > 0);
}

export async function directorySize(dir: string): Promise<number> {
  let total = 0;
  let entries;
  try {
    entries = await fs.readdir(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    total += entry.isDirectory() ? await directorySize(full) : (await fs.stat(full)).size;
  }
  return total;
}

/** Originals and derivatives. */
export async function storeSize(archiveDir: string): Promise<number> {
  return (await directorySize(path.join(archiveDir, 'files'))) + (await directorySize(path.join(archiveDir, 'derived')));
}

async function plainCopy(files: readonly string[], scratch: string): Promise<void> {
  await fs.mkdir(scratch, { recursive: true });
  for (const [i, file] of files.entries()) await fs.copyFile(file, path.join(scratch, `${i}${path.extname(file)}`));
  await fs.rm(scratch, { recursive: true, force: true });
}

async function sharpResizeAlone(files: readonly string[]): Promise<void> {
  for (const file of files) {
    await sharp(file).rotate().resize({ width: PRINT_LONG_SIDE, height: PRINT_LONG_SIDE, fit: 'inside', withoutEnlargement: true }).jpeg({ quality: 88 }).toBuffer();
  }
}

export async function measureImport(
  core: Core,
  files: readonly string[],
  options: { year: number; item: string; batches: number; photos: boolean; scratch: string },
): Promise<ImportResult> {
  const ours: number[] = [];
  const copies: number[] = [];
  const resizes: number[] = [];
  const storeBefore = await storeSize(core.archive.dir);
  let bytes = 0;
  for (const file of files) bytes += (await fs.stat(file)).size;
  const batches = batchesOf(files, options.batches);
  for (const batch of batches) {
    // Baselines first: they read the same files from the same page cache the import then reads.
    copies.push(batch.length / ((await timed(() => plainCopy(batch, options.scratch))).ms / 1000));
    if (options.photos) resizes.push(batch.length / ((await timed(() => sharpResizeAlone(batch))).ms / 1000));
    const { ms, value } = await timed(() => core.api['records.add']({ files: [...batch], year: options.year, items: [options.item] }));
    if (value.errors.length > 0) throw new Error(`导入出错 / import failed: ${value.errors[0]!.file}: ${value.errors[0]!.message}`);
    ours.push(batch.length / (ms / 1000));
  }
  const storeAfter = await storeSize(core.archive.dir);
  const taizhang = summarise(ours);
  const result: ImportResult = {
    files: files.length,
    bytes,
    batches: batches.length,
    taizhang: roundStat(taizhang),
    copy: roundStat(summarise(copies)),
    storeBytesPer1000: Math.round(((storeAfter - storeBefore) / files.length) * 1000),
  };
  if (options.photos) {
    const resize = summarise(resizes);
    result.sharpResize = roundStat(resize);
    // Throughputs: time per file is the reciprocal, so overhead = sharp's rate ÷ ours − 1.
    result.overheadPct = Math.round((resize.median / taizhang.median - 1) * 1000) / 10;
  }
  return result;
}
