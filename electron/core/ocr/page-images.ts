import { promises as fs } from 'node:fs';
import sharp from 'sharp';
import { ensureDerivatives } from '../files/derivatives.js';
import { isTextLayerEmpty, openPdfDocument, pageText, type PdfJsDocument } from '../files/pdf.js';
import type { FileStore } from '../store/file-store.js';

/**
 * The page images OCR reads, found without rendering anything: a photo is its own page (the print derivative,
 * already upright, HEIC already decoded, at most 1600 px); a scanned PDF page is the scan it carries, which pdf.js
 * decodes from whatever filter the scanner used (JPEG, Flate, CCITT, JBIG2, JPX). Only the pages whose text layer
 * is empty are read (the import lists them, `blobs.textless_pages`), and a page that has neither text nor an image
 * (vector drawings only) is skipped: Taizhang ships no page renderer.
 */

/** Where the image lies on its page, as fractions of the page from the top left (for the binder's text layer). */
export interface Placement {
  left: number;
  top: number;
  width: number;
  height: number;
}

export type PageImage =
  | { page: number; kind: 'image'; png: Buffer; placement: Placement }
  | { page: number; kind: 'text' }
  | { page: number; kind: 'none' };

/** Long side of a page image handed to the engine: enough for 5 mm characters on A4, small enough to be quick. */
export const OCR_LONG_SIDE = 2000;
const FULL: Placement = { left: 0, top: 0, width: 1, height: 1 };

export async function photoPage(store: FileStore, sha256: string, mime: string): Promise<PageImage> {
  await ensureDerivatives(store, sha256, mime);
  const png = await sharp(await fs.readFile(store.derivativePath(sha256, 'print'))).png().toBuffer();
  return { page: 1, kind: 'image', png, placement: FULL };
}

/**
 * Opens a stored PDF and yields the pages asked for one at a time, so a long scan never sits in memory whole; the
 * pages of a typed document between its scanned ones are not opened at all.
 */
export async function* pdfPages(store: FileStore, sha256: string, pages: readonly number[]): AsyncGenerator<PageImage> {
  const doc = await openPdfDocument(await fs.readFile(store.blobPath(sha256)));
  try {
    for (const n of pages) if (n >= 1 && n <= doc.numPages) yield await pdfPage(doc, n);
  } finally {
    await doc.destroy();
  }
}

type Matrix = [number, number, number, number, number, number];
const multiply = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[2] * n[1],
  m[1] * n[0] + m[3] * n[1],
  m[0] * n[2] + m[2] * n[3],
  m[1] * n[2] + m[3] * n[3],
  m[0] * n[4] + m[2] * n[5] + m[4],
  m[1] * n[4] + m[3] * n[5] + m[5],
];

interface DecodedImage {
  width: number;
  height: number;
  kind: number;
  data: Uint8Array | Uint8ClampedArray;
}

async function pdfPage(doc: PdfJsDocument, n: number): Promise<PageImage> {
  const { OPS } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const page = await doc.getPage(n);
  try {
    if (!isTextLayerEmpty(await pageText(page))) return { page: n, kind: 'text' };
    const ops = await page.getOperatorList();
    const [x0, y0, x1, y1] = page.view as [number, number, number, number];
    const pageW = x1 - x0;
    const pageH = y1 - y0;
    // The largest image drawn on the page is the scan; its placement is the unit square under the current matrix.
    let best: { name: string; area: number; ctm: Matrix } | null = null;
    const stack: Matrix[] = [];
    let ctm: Matrix = [1, 0, 0, 1, 0, 0];
    for (let i = 0; i < ops.fnArray.length; i += 1) {
      const fn = ops.fnArray[i];
      const args = ops.argsArray[i] as unknown[];
      if (fn === OPS.save) stack.push(ctm);
      else if (fn === OPS.restore) ctm = stack.pop() ?? ctm;
      else if (fn === OPS.transform) ctm = multiply(ctm, args as Matrix);
      else if (fn === OPS.paintImageXObject) {
        const area = Math.abs(ctm[0] * ctm[3] - ctm[1] * ctm[2]);
        if (!best || area > best.area) best = { name: String(args[0]), area, ctm };
      }
    }
    if (!best || best.area < pageW * pageH * 0.05) return { page: n, kind: 'none' };
    const image = await new Promise<DecodedImage | null>((resolve) => {
      page.objs.get(best.name, (obj: unknown) => resolve((obj as DecodedImage | null) ?? null));
    });
    if (!image?.data) return { page: n, kind: 'none' };
    const m = best.ctm;
    const xs = [m[4], m[4] + m[0], m[4] + m[2], m[4] + m[0] + m[2]];
    const ys = [m[5], m[5] + m[1], m[5] + m[3], m[5] + m[1] + m[3]];
    const placement: Placement = {
      left: (Math.min(...xs) - x0) / pageW,
      top: (y1 - Math.max(...ys)) / pageH,
      width: (Math.max(...xs) - Math.min(...xs)) / pageW,
      height: (Math.max(...ys) - Math.min(...ys)) / pageH,
    };
    return { page: n, kind: 'image', png: await toPng(image), placement };
  } finally {
    page.cleanup();
  }
}

/** pdf.js image kinds: 1 one bit per pixel (grey), 2 RGB, 3 RGBA. */
async function toPng(image: DecodedImage): Promise<Buffer> {
  const { width, height } = image;
  let raw: Buffer;
  let channels: 1 | 3 | 4;
  if (image.kind === 1) {
    const rowBytes = (width + 7) >> 3;
    raw = Buffer.alloc(width * height);
    for (let y = 0; y < height; y += 1) {
      for (let x = 0; x < width; x += 1) {
        const bit = (image.data[y * rowBytes + (x >> 3)]! >> (7 - (x & 7))) & 1;
        raw[y * width + x] = bit ? 255 : 0;
      }
    }
    channels = 1;
  } else {
    raw = Buffer.from(image.data.buffer, image.data.byteOffset, image.data.byteLength);
    channels = image.kind === 3 ? 4 : 3;
  }
  return sharp(raw, { raw: { width, height, channels } })
    .resize({ width: OCR_LONG_SIDE, height: OCR_LONG_SIDE, fit: 'inside', withoutEnlargement: true })
    .png()
    .toBuffer();
}
