import { execFile } from 'node:child_process';
import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { A4 } from '../../electron/core/binder/geometry.js';
import { PRINT_LONG_SIDE } from '../../electron/core/files/image.js';
import { roundStat, summarise, timed, type Stat } from '../stats.js';

const run = promisify(execFile);
const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..', '..');

/**
 * Binder export of one volume (PDF documents and photos, one photo per page) in a child process, reading its peak RSS,
 * against qpdf merging the same PDFs and the photos already rendered as one-page PDFs. qpdf does no layout, no
 * contents list, no page numbers and no image work, so it is the floor a merge can reach.
 */

export interface BinderResult {
  /** Pages of the volume PDF, and of them the numbered document pages. */
  pages: number;
  numberedPages: number;
  documents: number;
  photos: number;
  pdfs: number;
  taizhangSeconds: Stat;
  peakRssMB: Stat;
  qpdfSeconds: Stat;
  /** Taizhang median ÷ qpdf median. */
  ratio: number;
}

interface ChildReport {
  ms: number;
  maxRssMB: number;
  volumes: { path: string; pages: number; numberedPages: number; documents: number }[];
}

async function exportInChild(archive: string, year: number, item: string, out: string): Promise<ChildReport> {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', path.join(here, '..', 'binder-child.ts'), archive, String(year), item, out], {
    cwd: repoRoot,
    maxBuffer: 16 * 1024 * 1024,
  });
  const line = stdout.trim().split('\n').pop() ?? '';
  return JSON.parse(line) as ChildReport;
}

/** Each photo as a one-page A4 PDF holding its print-size image, made once and kept with the inputs. */
export async function photoPages(photos: readonly string[], dir: string): Promise<string[]> {
  await fs.mkdir(dir, { recursive: true });
  const out: string[] = [];
  for (const [i, photo] of photos.entries()) {
    const file = path.join(dir, `${String(i).padStart(4, '0')}.pdf`);
    out.push(file);
    if (existsSync(file)) continue;
    const jpeg = await sharp(photo).rotate().resize({ width: PRINT_LONG_SIDE, height: PRINT_LONG_SIDE, fit: 'inside' }).jpeg({ quality: 88 }).toBuffer();
    const doc = await PDFDocument.create();
    const image = await doc.embedJpg(jpeg);
    const page = doc.addPage(A4);
    const scale = Math.min((A4[0] - 80) / image.width, (A4[1] - 200) / image.height);
    page.drawImage(image, { x: (A4[0] - image.width * scale) / 2, y: A4[1] - 80 - image.height * scale, width: image.width * scale, height: image.height * scale });
    await fs.writeFile(file, await doc.save());
  }
  return out;
}

export async function measureBinder(
  archive: string,
  options: { year: number; item: string; runs: number; pdfs: readonly string[]; photoPdfs: readonly string[]; photos: number; scratch: string },
): Promise<BinderResult> {
  const seconds: number[] = [];
  const rss: number[] = [];
  const merges: number[] = [];
  let last: ChildReport | null = null;
  for (let r = 0; r < options.runs; r += 1) {
    const out = path.join(options.scratch, `binder-${r}`);
    await fs.rm(out, { recursive: true, force: true });
    last = await exportInChild(archive, options.year, options.item, out);
    seconds.push(last.ms / 1000);
    rss.push(last.maxRssMB);
    await fs.rm(out, { recursive: true, force: true });

    const merged = path.join(options.scratch, `qpdf-${r}.pdf`);
    const { ms } = await timed(() => run('qpdf', ['--empty', '--pages', ...options.pdfs, ...options.photoPdfs, '--', merged], { maxBuffer: 16 * 1024 * 1024 }));
    merges.push(ms / 1000);
    await fs.rm(merged, { force: true });
  }
  const volume = last?.volumes[0];
  if (!volume) throw new Error('装订没有输出案卷 / the binder wrote no volume');
  const ours = summarise(seconds);
  const qpdf = summarise(merges);
  return {
    pages: volume.pages,
    numberedPages: volume.numberedPages,
    documents: volume.documents,
    photos: options.photos,
    pdfs: options.pdfs.length,
    taizhangSeconds: roundStat(ours),
    peakRssMB: roundStat(summarise(rss)),
    qpdfSeconds: roundStat(qpdf),
    ratio: Math.round((ours.median / qpdf.median) * 10) / 10,
  };
}
