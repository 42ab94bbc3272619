import { promises as fs } from 'node:fs';
import {
  concatTransformationMatrix, drawObject, PDFDocument, popGraphicsState, pushGraphicsState, type PDFEmbeddedPage, type PDFPage,
} from 'pdf-lib';
import { frameOf, pageBox, plainFrame, uprightMatrix, type PageBox, type PageFrame } from '../frame.js';
import { A4, A4_LANDSCAPE, isA4, STAMP_BAND } from '../geometry.js';
import { stripActiveContent } from '../pdf-sanitize.js';
import type { VolumeDocument } from '../volume-document.js';

export interface MergeOptions {
  /** Landscape, A3 and other sizes are scaled onto A4 (same orientation) instead of kept as they are. */
  fitA4: boolean;
  /** The first page gets the 归档章: its content is shrunk to free the band the stamp sits in. */
  stampFirst: boolean;
}

export interface MergedPage {
  page: PDFPage;
  frame: PageFrame;
  /** Where the source page's content lies, in the frame's visual coordinates (shrunk for the stamp, or whole). */
  content: { x: number; y: number; width: number; height: number };
  /** A page meant to be shrunk for the stamp that had to be kept as it was (its content could not be redrawn). */
  notShrunk?: boolean;
}

export interface AppendedPdf {
  pages: MergedPage[];
  /** Active content taken out of the copied pages (scripts, actions, attachments…), in words; empty when none. */
  removed: string[];
}

/**
 * Appends the pages of a PDF, page for page, without their active content (pdf-sanitize.ts). Pages are copied as they are (keeping their own fonts and
 * annotations), except the first page of a 件, whose content is scaled down a little so the stamp never covers it, and,
 * with `fitA4`, pages of other sizes. Returns null when the file cannot be read (the caller puts placeholders).
 */
export async function appendPdf(vd: VolumeDocument, file: string, pages: number, options: MergeOptions): Promise<AppendedPdf | null> {
  let src: PDFDocument;
  try {
    src = await PDFDocument.load(await fs.readFile(file), { updateMetadata: false });
  } catch {
    return null;
  }
  const srcPages = src.getPages().slice(0, pages);
  const removed = stripActiveContent(src, srcPages);
  const boxes = srcPages.map(pageBox);
  const redraw = boxes.map((box, i) => (i === 0 && options.stampFirst) || (options.fitA4 && !isA4(frameOf(box).width, frameOf(box).height)));
  const copyIndices = redraw.flatMap((r, i) => (r ? [] : [i]));
  const copied = copyIndices.length > 0 ? await vd.doc.copyPages(src, copyIndices) : [];
  const out: MergedPage[] = [];
  for (const [i, box] of boxes.entries()) {
    if (!redraw[i]) {
      const page = vd.adopt(copied.shift()!);
      const frame = frameOf(box);
      out.push({ page, frame, content: whole(frame) });
      continue;
    }
    const stamped = i === 0 && options.stampFirst;
    const embedded = await embedPage(vd, srcPages[i]!, box);
    if (!embedded) {
      // No content to redraw (an empty page) or a content encoding pdf-lib cannot read: keep the page as it is.
      const [page] = await vd.doc.copyPages(src, [i]);
      vd.adopt(page!);
      out.push({ page: page!, frame: frameOf(box), content: whole(frameOf(box)), notShrunk: stamped });
      continue;
    }
    out.push(drawEmbedded(vd, embedded, box, { fit: options.fitA4, stamped }));
  }
  return { pages: out, removed };
}

async function embedPage(vd: VolumeDocument, page: PDFPage, box: PageBox): Promise<PDFEmbeddedPage | null> {
  try {
    const [embedded] = await vd.doc.embedPages([page], [{ left: box.x, bottom: box.y, right: box.x + box.width, top: box.y + box.height }]);
    await embedded!.embed();
    return embedded!;
  } catch {
    return null;
  }
}

function drawEmbedded(vd: VolumeDocument, embedded: PDFEmbeddedPage, box: PageBox, how: { fit: boolean; stamped: boolean }): MergedPage {
  const visual = frameOf(box);
  const landscape = visual.width > visual.height;
  const [W, H] = how.fit ? (landscape ? A4_LANDSCAPE : A4) : [visual.width, visual.height];
  const band = how.stamped ? STAMP_BAND : 0;
  const scale = Math.min(W / visual.width, (H - band) / visual.height, 1);
  const dx = (W - visual.width * scale) / 2;
  const dy = (H - band - visual.height * scale) / 2;
  const page = vd.addPage([W, H]);
  const name = page.node.newXObject('TzSource', embedded.ref);
  page.pushOperators(pushGraphicsState(), concatTransformationMatrix(...uprightMatrix(box, scale, dx, dy)), drawObject(name), popGraphicsState());
  return { page, frame: plainFrame(page), content: { x: dx, y: dy, width: visual.width * scale, height: visual.height * scale } };
}

function whole(frame: PageFrame): MergedPage['content'] {
  return { x: 0, y: 0, width: frame.width, height: frame.height };
}
