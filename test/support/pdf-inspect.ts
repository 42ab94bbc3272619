/**
 * Reading a binder back the way a reader does, for the tests: text per page (pdftotext), words with positions, the
 * outline (mutool), the links of the contents pages with where they lead (pdf-lib), and ink on rendered pages
 * (pdftoppm + sharp).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRef } from 'pdf-lib';
import sharp from 'sharp';

/** qpdf's verdict: exit 0 (clean) or 3 (warnings only) count as valid; the output is returned for the message. */
export function qpdfCheck(file: string): { ok: boolean; output: string } {
  try {
    return { ok: true, output: execFileSync('qpdf', ['--check', file], { encoding: 'utf8' }) };
  } catch (err) {
    const e = err as { status?: number; stdout?: string; stderr?: string };
    return { ok: false, output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

/** The text of every page (index 0 = page 1). */
export function pageTexts(file: string): string[] {
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  return text.split('\f').slice(0, -1);
}

/** The text of one page (1-based). */
export function pageText(file: string, page: number): string {
  return execFileSync('pdftotext', ['-enc', 'UTF-8', '-f', String(page), '-l', String(page), file, '-'], { encoding: 'utf8' });
}

/** Tokens of a page's text, for exact matches of numbers ("12" must not match "2012"). */
export function tokens(text: string): string[] {
  return text.split(/\s+/).filter(Boolean);
}

export interface Word {
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

/** Words of one page (1-based) with their boxes, y measured from the top as pdftotext gives it. */
export function pageWords(file: string, page: number): { width: number; height: number; words: Word[] } {
  const html = execFileSync('pdftotext', ['-bbox', '-enc', 'UTF-8', '-f', String(page), '-l', String(page), file, '-'], { encoding: 'utf8' });
  const size = /<page width="([\d.]+)" height="([\d.]+)"/.exec(html);
  const words = [...html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({
    xMin: Number(m[1]), yMin: Number(m[2]), xMax: Number(m[3]), yMax: Number(m[4]), text: decode(m[5]!),
  }));
  return { width: Number(size?.[1] ?? 0), height: Number(size?.[2] ?? 0), words };
}

function decode(s: string): string {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
}

export interface OutlineEntry {
  depth: number;
  title: string;
  page: number;
}

/** The bookmarks as mutool lists them. */
export function outline(file: string): OutlineEntry[] {
  const text = execFileSync('mutool', ['show', file, 'outline'], { encoding: 'utf8' });
  return text
    .split('\n')
    .filter((l) => l.includes('#page='))
    .map((line) => {
      // mutool marks each entry with one of - + | and then a tab per level.
      const depth = (/^[-+|]?(\t*)/.exec(line)?.[1] ?? '').length - 1;
      const title = /"(.*)"/.exec(line)?.[1] ?? '';
      const page = Number(/#page=(\d+)/.exec(line)?.[1] ?? NaN);
      return { depth, title, page };
    });
}

export interface PageLink {
  /** 1-based page the link is on. */
  page: number;
  /** [x1, y1, x2, y2] in PDF space (origin bottom-left). */
  rect: number[];
  /** 1-based page it opens. */
  target: number;
}

/** Every link annotation of the document and the page its named destination opens. */
export async function links(file: string): Promise<PageLink[]> {
  const doc = await PDFDocument.load(readFileSync(file), { updateMetadata: false });
  const pageIndex = new Map(doc.getPages().map((p, i) => [p.ref.toString(), i + 1]));
  const dests = doc.catalog.lookupMaybe(PDFName.of('Dests'), PDFDict);
  const out: PageLink[] = [];
  doc.getPages().forEach((page, i) => {
    const annots = page.node.lookupMaybe(PDFName.of('Annots'), PDFArray);
    if (!annots) return;
    for (let k = 0; k < annots.size(); k += 1) {
      const annot = annots.lookup(k, PDFDict);
      const dest = annot.get(PDFName.of('Dest'));
      if (!(dest instanceof PDFName) || !dests) continue;
      const target = dests.lookup(dest, PDFArray).get(0);
      const rect = annot.lookup(PDFName.of('Rect'), PDFArray).asArray().map((n) => Number(n.toString()));
      out.push({ page: i + 1, rect, target: target instanceof PDFRef ? (pageIndex.get(target.toString()) ?? -1) : -1 });
    }
  });
  return out;
}

/** Page sizes in points, as displayed (rotation applied). */
export async function pageSizes(file: string): Promise<{ width: number; height: number }[]> {
  const doc = await PDFDocument.load(readFileSync(file), { updateMetadata: false });
  return doc.getPages().map((p) => {
    const { width, height } = p.getSize();
    return p.getRotation().angle % 180 === 0 ? { width, height } : { width: height, height: width };
  });
}

/** A page rendered to PNG at 60 dpi (kept in `keepAs` when given, for looking at). */
export async function renderPage(file: string, page: number, keepAs?: string): Promise<{ data: Buffer; width: number; height: number; channels: number }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'taizhang-render-'));
  try {
    const prefix = path.join(dir, 'p');
    execFileSync('pdftoppm', ['-r', '60', '-png', '-singlefile', '-f', String(page), '-l', String(page), file, prefix]);
    const png = readFileSync(`${prefix}.png`);
    if (keepAs) await sharp(png).toFile(keepAs);
    const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    return { data, width: info.width, height: info.height, channels: info.channels };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface Region {
  /** Fractions of the page width and height, from the top-left corner. */
  left: number;
  top: number;
  width: number;
  height: number;
}

/** Share of pixels in the region that are not near-white, and their mean colour. */
export function ink(image: { data: Buffer; width: number; height: number; channels: number }, r: Region): { share: number; mean: [number, number, number] } {
  const x0 = Math.floor(r.left * image.width);
  const y0 = Math.floor(r.top * image.height);
  const x1 = Math.ceil((r.left + r.width) * image.width);
  const y1 = Math.ceil((r.top + r.height) * image.height);
  let dark = 0;
  let total = 0;
  const sum: [number, number, number] = [0, 0, 0];
  for (let y = y0; y < y1; y += 1) {
    for (let x = x0; x < x1; x += 1) {
      const i = (y * image.width + x) * image.channels;
      const [red, green, blue] = [image.data[i]!, image.data[i + 1]!, image.data[i + 2]!];
      total += 1;
      sum[0] += red;
      sum[1] += green;
      sum[2] += blue;
      if (red < 200 || green < 200 || blue < 200) dark += 1;
    }
  }
  const n = Math.max(1, total);
  return { share: total === 0 ? 0 : dark / total, mean: [sum[0] / n, sum[1] / n, sum[2] / n] };
}

/** How many images a PDF draws, as `pdfimages -list` counts them (one line per image after two header lines). */
export function imageCount(file: string): number {
  const list = execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' });
  return list.trim().split('\n').length - 2;
}
