import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { subsetFonts } from '../electron/core/binder/fonts.js';
import { encodePhoto, labelImage, renderScene, type RawScene } from '../electron/core/demo/sample-photo.js';
import { FIXED_TEXT, renderSampleDocuments } from '../electron/core/demo/sample-pdf.js';
import { isoDate } from '../electron/core/records/naming.js';
import { documentText, markedTitle, type Block, type SampleDocument } from '../electron/core/demo/sample-text.js';
import { demoScenario, type SceneStyle } from '../electron/core/demo/scenario.js';
import type { Scale } from './scale.js';

/**
 * The real files the import and binder runs use: camera-size JPEGs with grain (so they weigh and decode like phone
 * photos, 2–3 MB at 4000×3000) and multi-page Chinese PDFs. They are made once per scale and kept between runs in the
 * work folder, because making 300 camera-size photos takes minutes and is not what is measured.
 */

export interface BenchInputs {
  photos: string[];
  pdfs: string[];
  pdfPages: number;
  photoBytes: number;
  pdfBytes: number;
}

const STYLES: SceneStyle[] = ['square', 'hall', 'street', 'garden', 'classroom'];
const MANIFEST = 'inputs.json';

async function cached(dir: string, scale: Scale): Promise<BenchInputs | null> {
  try {
    const inputs = JSON.parse(await fs.readFile(path.join(dir, MANIFEST), 'utf8')) as BenchInputs & { scale: Scale };
    const same = JSON.stringify(inputs.scale) === JSON.stringify(scale);
    return same && [...inputs.photos, ...inputs.pdfs].every((f) => existsSync(f)) ? inputs : null;
  } catch {
    return null;
  }
}

export async function prepareInputs(dir: string, scale: Scale, year: number, log: (line: string) => void): Promise<BenchInputs> {
  const known = await cached(dir, scale);
  if (known) return known;
  await fs.rm(dir, { recursive: true, force: true });
  await fs.mkdir(path.join(dir, 'photos'), { recursive: true });
  await fs.mkdir(path.join(dir, 'pdfs'), { recursive: true });
  const photos = await makePhotos(path.join(dir, 'photos'), scale, year, log);
  const { files: pdfs, pages } = await makePdfs(path.join(dir, 'pdfs'), scale, year);
  const size = async (files: string[]): Promise<number> => (await Promise.all(files.map((f) => fs.stat(f)))).reduce((n, s) => n + s.size, 0);
  const inputs: BenchInputs = { photos, pdfs, pdfPages: pages, photoBytes: await size(photos), pdfBytes: await size(pdfs) };
  await fs.writeFile(path.join(dir, MANIFEST), JSON.stringify({ ...inputs, scale }, null, 2));
  return inputs;
}

async function makePhotos(dir: string, scale: Scale, year: number, log: (line: string) => void): Promise<string[]> {
  const scenes: RawScene[] = [];
  for (const [i, style] of STYLES.entries()) {
    scenes.push(
      await renderScene({
        style, banner: '台账基准测试（示例）', takenAt: `${year}-05-01T10:00:00`, variant: i, width: scale.photoWidth, height: scale.photoHeight, grain: 14,
      }),
    );
  }
  const files: string[] = [];
  const labelSize = Math.round(scale.photoWidth / 40);
  // Two at a time: libvips encodes on its own threads, and the machine has two cores.
  for (let i = 0; i < scale.photos; i += 2) {
    const batch = [i, i + 1].filter((n) => n < scale.photos);
    await Promise.all(
      batch.map(async (n) => {
        const month = 1 + (n % 12);
        const takenAt = `${isoDate(year, month, 1 + (n % 28))}T09:${String(n % 60).padStart(2, '0')}:00`;
        const label = await labelImage(`基准照片 No.${String(n + 1).padStart(4, '0')}`, labelSize);
        const bytes = await encodePhoto(scenes[n % scenes.length]!, { takenAt, quality: 90, sideways: n % 3 === 2 }, [
          { input: label, left: Math.round(scale.photoWidth * 0.05), top: Math.round(scale.photoHeight * 0.86) },
        ]);
        const file = path.join(dir, `${takenAt.slice(0, 10)} 基准照片${String(n + 1).padStart(4, '0')}.jpg`);
        await fs.writeFile(file, bytes);
        files.push(file);
      }),
    );
    if ((i + 2) % 50 === 0) log(`  照片 ${Math.min(i + 2, scale.photos)}/${scale.photos}`);
  }
  return files.sort();
}

/** Body text for one page: the scenario's words, rotated so that documents differ. */
function pageBlocks(n: number, page: number): Block[] {
  const activities = demoScenario(2000).thisYear.activities;
  const lines: string[] = [];
  for (let k = 0; lines.join('').length < 420; k += 1) {
    const a = activities[(n + page + k) % activities.length]!;
    lines.push(a.purpose, ...a.program, ...a.outcome);
  }
  return [
    { kind: 'heading', text: `${'一二三四五六七八九十'[page % 10]}、第${page + 1}部分` },
    ...lines.slice(0, 9).map((text): Block => ({ kind: 'paragraph', text, indent: true })),
  ];
}

async function makePdfs(dir: string, scale: Scale, year: number): Promise<{ files: string[]; pages: number }> {
  const samples: SampleDocument[] = Array.from({ length: scale.pdfs }, (_, n) => ({
    title: markedTitle(`基准测试文件第${n + 1}号`),
    docNo: `示例社〔${year}〕${n + 1}号`,
    blocks: Array.from({ length: scale.pagesPerPdf }, (_, p) => [...(p > 0 ? [{ kind: 'pageBreak' } as Block] : []), ...pageBlocks(n, p)]).flat(),
  }));
  const fonts = await subsetFonts(samples.map(documentText).join('') + FIXED_TEXT);
  const pdfs = await renderSampleDocuments(samples, fonts);
  const files: string[] = [];
  let pages = 0;
  for (const [n, bytes] of pdfs.entries()) {
    const file = path.join(dir, `${isoDate(year, 6, 1 + (n % 28))} 基准文件${String(n + 1).padStart(4, '0')}.pdf`);
    await fs.writeFile(file, bytes);
    pages += (await PDFDocument.load(bytes)).getPageCount();
    files.push(file);
  }
  return { files, pages };
}
