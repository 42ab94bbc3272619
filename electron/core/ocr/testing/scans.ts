import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { subsetFonts } from '../../binder/fonts.js';
import { FIXED_TEXT, renderSampleDocuments } from '../../demo/sample-pdf.js';
import { activityDocument, documentText, standaloneDocument, type SampleDocument } from '../../demo/sample-text.js';
import { DEMO_MARK, demoScenario } from '../../demo/scenario.js';

/**
 * Generated scans for the OCR tests and the bench: the demo's own documents (a notice, a sign-in sheet with names),
 * typeset by the demo's PDF generator with the CJK fonts, then rasterised as a scanner would (pdftoppm, a test
 * tool), photographed (tilted, low resolution, blurred, JPEG), or packed into a PDF without a text layer.
 */

export interface Scan {
  /** What the page says, line by line as typeset (the reference for the character error rate). */
  truth: string;
  png: Buffer;
}

const scenario = demoScenario(2025);

/**
 * A printed document of the demo: its standalone ones first, then each activity's 方案 or 通知, so that no two
 * variants scan to the same file (a duplicate would be filed once).
 */
export function noticeDocument(variant = 0): SampleDocument {
  const docs = scenario.thisYear.documents;
  if (variant < docs.length) return standaloneDocument(docs[variant]!, '2025-03-01');
  const acts = scenario.thisYear.activities;
  const activity = acts[(variant - docs.length) % acts.length]!;
  const kind = activity.documents.find((d) => d === '方案' || d === '通知') ?? '方案';
  return activityDocument(kind, { activity, date: '2025-03-01', year: 2025, salt: variant, docNo: '' });
}

export function signInDocument(variant = 0): SampleDocument {
  const acts = scenario.thisYear.activities.filter((a) => a.documents.includes('签到表'));
  const activity = acts[variant % acts.length]!;
  return activityDocument('签到表', { activity, date: '2025-03-05', year: 2025, salt: variant + 7, docNo: '' });
}

/** The first page of a document as a 150 dpi greyscale scan. */
export async function scanOf(doc: SampleDocument, dpi = 150): Promise<Scan> {
  const fonts = await subsetFonts(documentText(doc) + FIXED_TEXT);
  const [pdf] = await renderSampleDocuments([doc], fonts);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'taizhang-scan-'));
  try {
    writeFileSync(path.join(dir, 'doc.pdf'), pdf!);
    execFileSync('pdftoppm', ['-r', String(dpi), '-f', '1', '-l', '1', '-gray', '-png', path.join(dir, 'doc.pdf'), path.join(dir, 'page')]);
    const png = readFileSync(path.join(dir, 'page-1.png'));
    const truth = execFileSync('pdftotext', ['-f', '1', '-l', '1', '-layout', path.join(dir, 'doc.pdf'), '-'], { encoding: 'utf8' });
    return { truth, png };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A phone photo of a page: tilted a few degrees, 1400 px on its long side, a little blurred, a grey cast, JPEG. */
export async function photographed(scan: Scan, degrees = 3): Promise<Buffer> {
  return sharp(scan.png)
    .rotate(degrees, { background: '#d8d4cc' })
    .resize({ width: 1400, height: 1400, fit: 'inside' })
    .blur(0.6)
    .modulate({ brightness: 0.92 })
    .tint('#f2ead8')
    .jpeg({ quality: 70 })
    .toBuffer();
}

/** A PDF of A4 pages that are only images, as a scanner writes it: no text layer at all. */
export async function scannedPdf(pages: readonly Buffer[]): Promise<Uint8Array> {
  return partlyScannedPdf(pages);
}

/**
 * A typed document with scanned pages bound in, as a clerk makes one by inserting a signed or stamped sheet: each
 * SampleDocument gives its first page as the demo's PDF generator typesets it (with a text layer), each image an A4
 * page that is only that image.
 */
export async function partlyScannedPdf(pages: readonly (SampleDocument | Buffer)[]): Promise<Uint8Array> {
  const typed = pages.filter((p): p is SampleDocument => !Buffer.isBuffer(p));
  const rendered = typed.length > 0 ? await renderSampleDocuments(typed, await subsetFonts(typed.map(documentText).join('') + FIXED_TEXT)) : [];
  const doc = await PDFDocument.create();
  let next = 0;
  for (const part of pages) {
    if (Buffer.isBuffer(part)) {
      const image = part[0] === 0xff ? await doc.embedJpg(part) : await doc.embedPng(part);
      const page = doc.addPage([595.28, 841.89]);
      page.drawImage(image, { x: 0, y: 0, width: 595.28, height: 841.89 });
    } else {
      const [page] = await doc.copyPages(await PDFDocument.load(rendered[next]!), [0]);
      doc.addPage(page);
      next += 1;
    }
  }
  return doc.save();
}

/** The reference text without what OCR is not asked to read: spacing, the demo watermark and page furniture. */
export function comparable(text: string): string {
  return text.replace(new RegExp(DEMO_MARK, 'g'), '').replace(/[\s\u3000]+/g, '');
}

/** Character error rate: edit distance between the texts (spacing ignored) over the reference's length. */
export function characterErrorRate(truth: string, read: string): number {
  const a = [...comparable(truth)];
  const b = [...comparable(read)];
  if (a.length === 0) return b.length === 0 ? 0 : 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const cur = [i];
    for (let j = 1; j <= b.length; j += 1) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]! / a.length;
}

/** A small scan of a few printed lines (quick to read): black Noto Sans SC on white, 150 dpi. */
export async function lineScan(lines: readonly string[], pointSize = 16): Promise<Buffer> {
  const { locateFont } = await import('../../binder/fonts.js');
  const escape = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const text = await sharp({
    text: { text: lines.map(escape).join('\n'), fontfile: locateFont('sans'), font: `Noto Sans SC ${pointSize}`, dpi: 150, rgba: true, spacing: 12 },
  })
    .png()
    .toBuffer();
  const meta = await sharp(text).metadata();
  return sharp({ create: { width: meta.width! + 120, height: meta.height! + 120, channels: 3, background: '#ffffff' } })
    .composite([{ input: text, left: 60, top: 60 }])
    .png()
    .toBuffer();
}
