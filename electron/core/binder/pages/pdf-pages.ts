import { readFileSync } from 'node:fs';
import { ParseSpeeds, PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, PDFRef, type PDFContext, type PDFObject, type PDFPage } from 'pdf-lib';
import { frameOf, pageBox, plainFrame, uprightMatrix, type PageBox, type PageFrame } from '../frame.js';
import { A4, A4_LANDSCAPE, BINDING_MARGIN, isA4, STAMP_BAND } from '../geometry.js';
import { stripActiveContent } from '../pdf-sanitize.js';
import type { VolumeDocument } from '../volume-document.js';

export interface MergeOptions {
  /** Landscape, A3 and other sizes are scaled onto A4 (same orientation) instead of kept at their own size. */
  fitA4: boolean;
  /** The first page gets the 归档章: its content is shrunk to free the band the stamp sits in. */
  stampFirst: boolean;
  /** Printed on both sides: the back of a sheet (an odd 0-based page index) is bound on its right edge. */
  duplex: boolean;
}

export interface MergedPage {
  page: PDFPage;
  frame: PageFrame;
  /** Where the source page's content lies on the new page (scaled clear of the binding strip and the stamp band). */
  content: { x: number; y: number; width: number; height: number };
}

export interface AppendedPdf {
  pages: MergedPage[];
  /** Active content taken out of the copied pages (scripts, actions, attachments…), in words; empty when none. */
  removed: string[];
}

type Matrix = [number, number, number, number, number, number];

const OTHER_BOXES = ['CropBox', 'BleedBox', 'TrimBox', 'ArtBox'].map((n) => PDFName.of(n));

/**
 * Appends the pages of a PDF, page for page, without their active content (pdf-sanitize.ts). Each page is copied with
 * its streams as they are (its own fonts, images and content bytes) and its content placed by a transformation, clear
 * of the 25 mm binding strip (left on a front, right on a back) and, on a 件's first page, of the stamp's band; with
 * `fitA4`, pages of other sizes go onto A4. Never enlarged. Returns null when the file cannot be read (the caller puts
 * placeholders).
 */
export async function appendPdf(vd: VolumeDocument, file: string, pages: number, options: MergeOptions): Promise<AppendedPdf | null> {
  let src: PDFDocument;
  try {
    // Read synchronously, as the print images (pages/images.ts), and parsed without pdf-lib's pauses every 100 objects.
    src = await PDFDocument.load(readFileSync(file), { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest });
  } catch {
    return null;
  }
  const srcPages = src.getPages().slice(0, pages);
  const removed = stripActiveContent(src, srcPages);
  const boxes = srcPages.map(pageBox);
  const copied = boxes.length > 0 ? await vd.doc.copyPages(src, boxes.map((_, i) => i)) : [];
  const out = copied.map((page, i) => {
    const back = options.duplex && vd.pageCount % 2 === 1;
    const placed = placeOnSheet(vd.doc.context, page, boxes[i]!, { fit: options.fitA4, stamped: i === 0 && options.stampFirst, back });
    vd.adopt(page);
    return placed;
  });
  return { pages: out, removed };
}

/**
 * Turns a copied page into a plain upright page of the sheet size and draws its original content (clipped to its
 * box) scaled into the area left free, by two small streams around the untouched original ones.
 */
function placeOnSheet(context: PDFContext, page: PDFPage, box: PageBox, how: { fit: boolean; stamped: boolean; back: boolean }): MergedPage {
  const visual = frameOf(box);
  const landscape = visual.width > visual.height;
  const [W, H] = how.fit && !isA4(visual.width, visual.height) ? (landscape ? A4_LANDSCAPE : A4) : [visual.width, visual.height];
  const band = how.stamped ? STAMP_BAND : 0;
  const free = { x: how.back ? 0 : BINDING_MARGIN, width: W - BINDING_MARGIN, height: H - band };
  const scale = Math.min(free.width / visual.width, free.height / visual.height, 1);
  const content = {
    x: free.x + (free.width - visual.width * scale) / 2,
    y: (free.height - visual.height * scale) / 2,
    width: visual.width * scale,
    height: visual.height * scale,
  };
  const matrix = uprightMatrix(box, scale, content.x, content.y);

  const node = page.node;
  const before = context.register(context.stream(`q ${matrix.map(num).join(' ')} cm ${[box.x, box.y, box.width, box.height].map(num).join(' ')} re W n\n`));
  const after = context.register(context.stream('\nQ\n'));
  const original = node.get(PDFName.of('Contents'));
  const streams = original instanceof PDFArray ? original.asArray() : original instanceof PDFRef ? [original] : [];
  node.set(PDFName.of('Contents'), context.obj([before, ...streams, after]));
  node.set(PDFName.of('MediaBox'), context.obj([0, 0, W, H]));
  for (const name of OTHER_BOXES) node.delete(name);
  node.delete(PDFName.of('Rotate'));
  moveAnnotations(context, node, matrix);
  return { page, frame: plainFrame(page), content };
}

/** Annotations keep their place on the moved content: their rectangles (and highlight quads) take the same matrix. */
function moveAnnotations(context: PDFContext, node: PDFDict, m: Matrix): void {
  const annots = node.lookup(PDFName.of('Annots'));
  if (!(annots instanceof PDFArray)) return;
  for (const item of annots.asArray()) {
    const dict = context.lookup(item);
    if (!(dict instanceof PDFDict)) continue;
    const rect = numbersOf(dict.lookup(PDFName.of('Rect')));
    if (rect.length === 4) {
      const corners = [transform(m, rect[0]!, rect[1]!), transform(m, rect[2]!, rect[3]!), transform(m, rect[0]!, rect[3]!), transform(m, rect[2]!, rect[1]!)];
      const xs = corners.map((c) => c[0]);
      const ys = corners.map((c) => c[1]);
      dict.set(PDFName.of('Rect'), context.obj([Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)]));
    }
    const quads = numbersOf(dict.lookup(PDFName.of('QuadPoints')));
    if (quads.length > 0 && quads.length % 2 === 0) {
      const moved: number[] = [];
      for (let k = 0; k < quads.length; k += 2) moved.push(...transform(m, quads[k]!, quads[k + 1]!));
      dict.set(PDFName.of('QuadPoints'), context.obj(moved));
    }
  }
}

function numbersOf(obj: PDFObject | undefined): number[] {
  if (!(obj instanceof PDFArray)) return [];
  const values = obj.asArray().map((v) => (v instanceof PDFNumber ? v.asNumber() : Number.NaN));
  return values.every(Number.isFinite) ? values : [];
}

function transform(m: Matrix, x: number, y: number): [number, number] {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
}

/** A number as a content stream writes it: plain decimals, never exponents. */
function num(n: number): string {
  return Number(n.toFixed(5)).toString();
}
