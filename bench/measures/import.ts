import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
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

export interface LongPdfRun {
  pages: number;
  /** records.add of the one file: reading, page count, text, store, search index; or the time to refuse it. */
  seconds: number;
  /** The page count stored at import, or null when the file was refused. */
  storedPages: number | null;
  refused: string | null;
  /** `qpdf --show-npages` on the same file, same run: the cheapest real reader's parse. */
  qpdfSeconds: number;
}

export interface LongPdfResult {
  runs: LongPdfRun[];
  /** Seconds per 1,000 pages of the largest accepted file over the smallest's: 1 is linear, the old reading gave ~2.4. */
  perPageGrowth: number | null;
}

/**
 * Long PDFs as qpdf merges them (one flat page tree, the shape that made reading quadratic), made from the bench's
 * own Chinese PDFs: each size imported once into its own year, beside qpdf counting the same file's pages.
 */
export async function measureLongPdf(core: Core, base: string, sizes: readonly number[], options: { firstYear: number; scratch: string }): Promise<LongPdfResult> {
  await fs.mkdir(options.scratch, { recursive: true });
  const runs: LongPdfRun[] = [];
  for (const [i, pages] of sizes.entries()) {
    const file = path.join(options.scratch, `长文件 ${pages} 页.pdf`);
    await longPdf(base, pages, file, options.scratch);
    const qpdf = await timed(() => run('qpdf', ['--show-npages', file]));
    const ours = await timed(() => core.api['records.add']({ files: [file], year: options.firstYear + i }));
    const added = ours.value.records[0];
    const storedPages = added ? (await core.api['records.get']({ id: added.id })).pages : null;
    runs.push({
      pages, seconds: round3(ours.ms / 1000), storedPages, refused: ours.value.errors[0]?.message ?? null, qpdfSeconds: round3(qpdf.ms / 1000),
    });
    if (Number(qpdf.value.stdout.trim()) !== pages) throw new Error(`长文件页数不对 / long PDF has ${qpdf.value.stdout.trim()} pages, not ${pages}`);
    await fs.rm(file, { force: true });
  }
  const accepted = runs.filter((r) => r.storedPages !== null);
  const [small, large] = [accepted[0], accepted.at(-1)];
  const perPageGrowth = small && large && large !== small ? Math.round((large.seconds / large.pages / (small.seconds / small.pages)) * 100) / 100 : null;
  return { runs, perPageGrowth };
}

const run = promisify(execFile);
const round3 = (n: number): number => Math.round(n * 1000) / 1000;

/** `pages` pages from repeating a PDF: a 100-page block first, so qpdf's command line stays short at 50,000 pages. */
async function longPdf(base: string, pages: number, out: string, scratch: string): Promise<void> {
  const basePages = Number((await run('qpdf', ['--show-npages', base])).stdout.trim());
  const block = path.join(scratch, 'block.pdf');
  const perBlock = Math.floor(100 / basePages) * basePages;
  await run('qpdf', ['--empty', '--pages', ...Array.from({ length: perBlock / basePages }, () => [base, '1-z']).flat(), '--', block]);
  const blocks = Math.floor(pages / perBlock);
  const rest = pages - blocks * perBlock;
  const ranges = [...Array.from({ length: blocks }, () => [block, '1-z']).flat(), ...(rest > 0 ? [block, `1-${rest}`] : [])];
  await run('qpdf', ['--empty', '--pages', ...ranges, '--', out], { maxBuffer: 64 * 1024 * 1024 });
}
