import { readFileSync } from 'node:fs';
import { rgb, type PDFImage, type PDFPage } from 'pdf-lib';
import { captionValues } from '../../../../shared/domain/caption.js';
import { CAPTION_FIELDS, CAPTION_LABELS } from '../../../../shared/domain/record.js';
import { A4, A4_LANDSCAPE, CONTENT_WIDTH, MARGIN, mm, STAMP, STAMP_BAND } from '../geometry.js';
import type { PageBlock, PlanPiece } from '../plan.js';
import { GREY, RULE, type TextStyle } from '../typeset.js';
import { plainFrame } from '../frame.js';
import { strokeSegments, type Segment } from '../strokes.js';
import { drawTextLayer, type ContentBox } from '../text-layer.js';
import type { OcrLine } from '../../ocr/engine.js';
import type { VolumeDocument } from '../volume-document.js';

/** What OCR read on a picture (page 1 of its file), by SHA-256: drawn as invisible text over the printed image. */
export type RecognisedLines = (sha256: string) => readonly OcrLine[] | undefined;

const TITLE: TextStyle = { font: 'serifBold', size: 11.5 };
const LABEL: TextStyle = { font: 'sans', size: 9.5 };
const VALUE: TextStyle = { font: 'serif', size: 10.5 };
const LINE = 15;
const LABEL_WIDTH = mm(17);
const CELL_PAD = 3;
const LABEL_FILL = rgb(0.94, 0.94, 0.94);
const GAP = mm(4);

type PhotoBlock = Extract<PageBlock, { kind: 'photos' }>;

/** A photo the renderer could not read; the page still prints, with a note in its place. */
export interface ImageFailure {
  file: string;
  message: string;
}

/**
 * One A4 page of photos, one or two to the page, each with its 说明 beneath: 题名 and the six elements 事由, 时间,
 * 地点, 人物, 背景, 摄影者 (GB/T 11821); empty elements are left out.
 */
export async function drawPhotoPage(
  vd: VolumeDocument,
  piece: PlanPiece,
  block: PhotoBlock,
  perPage: 1 | 2,
  totalPhotos: number,
  recognised: RecognisedLines = () => undefined,
): Promise<{ page: PDFPage; failures: ImageFailure[]; guests: { piece: PlanPiece; fromTop: number }[] }> {
  const page = vd.addPage();
  const failures: ImageFailure[] = [];
  const guests: { piece: PlanPiece; fromTop: number }[] = [];
  const top = A4[1] - STAMP_BAND - mm(2);
  const bottom = MARGIN.bottom + mm(4);
  const slotHeight = (top - bottom - (perPage - 1) * mm(8)) / perPage;
  for (const [i, photo] of block.files.entries()) {
    let slotTop = top - i * (slotHeight + mm(8));
    const owner = photo.owner ?? piece;
    if (photo.owner) {
      // Another 件 on this page: its stamp goes above its own photo, in a band kept free like the page's top one.
      guests.push({ piece: photo.owner, fromTop: A4[1] - slotTop - mm(2) });
      slotTop -= STAMP_BAND - STAMP.fromTop;
    }
    const ownPhotos = photo.owner ? 1 : totalPhotos;
    const title = ownPhotos > 1 ? `${owner.title}（${photo.index}/${ownPhotos}）` : owner.title;
    // Long captions are cut so the photo keeps most of its slot.
    const caption = layoutCaption(vd, title, captionRows(owner, photo.file.exifDate), perPage === 1 ? 4 : 2);
    const room = slotHeight - (photo.owner ? STAMP_BAND - STAMP.fromTop : 0);
    const photoBox = { x: MARGIN.left, top: slotTop, width: CONTENT_WIDTH, height: Math.max(mm(40), room - caption.height - GAP) };
    const image = await embed(vd, photo.path);
    let drawnBottom: number;
    if (image) {
      const drawn = drawFitted(page, image, photoBox);
      overlayText(vd, page, drawn, recognised(photo.file.sha256));
      drawnBottom = drawn.y;
    } else {
      failures.push({ file: photo.file.name, message: '照片无法读取 / The photo cannot be read' });
      drawnBottom = missingBox(vd, page, photoBox, photo.file.name);
    }
    drawCaption(vd, page, caption, drawnBottom - GAP);
  }
  return { page, failures, guests };
}

/** A scanned page (sign-in sheet, document photo): the image alone, as large as the page allows. */
export async function drawScanPage(vd: VolumeDocument, path: string, name: string, lines?: readonly OcrLine[]): Promise<{ page: PDFPage; failures: ImageFailure[] }> {
  const image = await embed(vd, path);
  const landscape = image !== null && image.width > image.height * 1.05;
  const [W, H] = landscape ? A4_LANDSCAPE : A4;
  const page = vd.addPage(landscape ? A4_LANDSCAPE : A4);
  // Landscape pages are bound on their short side too: the stamp band stays on top, the binding margin on the left.
  const box = { x: MARGIN.left, top: H - STAMP_BAND, width: W - MARGIN.left - MARGIN.right, height: H - STAMP_BAND - MARGIN.bottom - mm(4) };
  if (image) {
    overlayText(vd, page, drawFitted(page, image, box), lines);
    return { page, failures: [] };
  }
  missingBox(vd, page, box, name);
  return { page, failures: [{ file: name, message: '图片无法读取 / The image cannot be read' }] };
}

interface CaptionLayout {
  title: string[];
  rows: { label: string; lines: string[] }[];
  height: number;
}

function layoutCaption(vd: VolumeDocument, title: string, rows: [string, string][], maxLines: number): CaptionLayout {
  const valueWidth = CONTENT_WIDTH - LABEL_WIDTH - 2 * CELL_PAD;
  const laid = {
    title: vd.type.wrapAtMost(title, TITLE, CONTENT_WIDTH - 2 * CELL_PAD, 2),
    rows: rows.map(([label, value]) => ({ label, lines: vd.type.wrapAtMost(value, VALUE, valueWidth, maxLines) })),
  };
  const height = laid.title.length * LINE + 2 * CELL_PAD + laid.rows.reduce((h, r) => h + r.lines.length * LINE + 2 * CELL_PAD, 0);
  return { ...laid, height };
}

/** The 说明 as a small ruled table under the photo: the 题名 across, then one row per element. */
function drawCaption(vd: VolumeDocument, page: PDFPage, c: CaptionLayout, top: number): void {
  const left = MARGIN.left;
  let y = top;
  const rowTops: number[] = [];
  y -= vd.type.lines(page, c.title, left + CELL_PAD, y - CELL_PAD, CONTENT_WIDTH - 2 * CELL_PAD, TITLE, LINE) + 2 * CELL_PAD;
  for (const row of c.rows) {
    rowTops.push(y);
    const h = row.lines.length * LINE + 2 * CELL_PAD;
    page.drawRectangle({ x: left, y: y - h, width: LABEL_WIDTH, height: h, color: LABEL_FILL });
    vd.type.lines(page, [row.label], left, y - CELL_PAD, LABEL_WIDTH, LABEL, LINE, 'center');
    vd.type.lines(page, row.lines, left + LABEL_WIDTH + CELL_PAD, y - CELL_PAD, CONTENT_WIDTH - LABEL_WIDTH - 2 * CELL_PAD, VALUE, LINE);
    y -= h;
  }
  strokeSegments(page, rowTops.map((t): Segment => [{ x: left, y: t }, { x: left + CONTENT_WIDTH, y: t }]), 0.4, RULE);
  if (rowTops.length > 0) {
    const x = left + LABEL_WIDTH;
    page.drawLine({ start: { x, y: rowTops[0]! }, end: { x, y: top - c.height }, thickness: 0.4, color: RULE });
  }
  // The frame last, over the label shading, so every edge shows.
  page.drawRectangle({ x: left, y: top - c.height, width: CONTENT_WIDTH, height: c.height, borderColor: RULE, borderWidth: 0.6 });
}

function captionRows(piece: PlanPiece, exifDate: string | null): [string, string][] {
  const values = captionValues(piece.caption, { activity: piece.activity, exifDate, date: piece.date });
  return CAPTION_FIELDS.map((f): [string, string] => [CAPTION_LABELS[f], values[f]]).filter(([, v]) => v !== '');
}

async function embed(vd: VolumeDocument, path: string): Promise<PDFImage | null> {
  try {
    // Read synchronously: a print image comes from the page cache in a fraction of a millisecond, less than the
    // thread-pool round trips of an asynchronous read. pdf-lib reads a JPEG's header through a DataView of the whole
    // ArrayBuffer, so a small file (which Node reads into its shared pool, at an offset) gets a buffer of its own.
    const bytes = readFileSync(path);
    const image = await vd.doc.embedJpg(bytes.byteOffset === 0 ? bytes : new Uint8Array(bytes));
    await image.embed();
    return image;
  } catch {
    return null;
  }
}

/** Draws the image as large as fits the box, centred across and at the top; returns where it lies. */
function drawFitted(page: PDFPage, image: PDFImage, box: { x: number; top: number; width: number; height: number }): ContentBox {
  const scale = Math.min(box.width / image.width, box.height / image.height);
  const w = image.width * scale;
  const h = image.height * scale;
  const x = box.x + (box.width - w) / 2;
  const y = box.top - h;
  page.drawImage(image, { x, y, width: w, height: h });
  page.drawRectangle({ x, y, width: w, height: h, borderColor: RULE, borderWidth: 0.4 });
  return { x, y, width: w, height: h };
}

/** A photographed page (minutes, a notice, a banner) stays a picture on paper and becomes searchable in the PDF. */
function overlayText(vd: VolumeDocument, page: PDFPage, drawn: ContentBox, lines: readonly OcrLine[] | undefined): void {
  if (lines && lines.length > 0) drawTextLayer(vd.type, page, plainFrame(page), drawn, lines);
}

function missingBox(vd: VolumeDocument, page: PDFPage, box: { x: number; top: number; width: number; height: number }, name: string): number {
  const h = Math.min(box.height, mm(60));
  page.drawRectangle({ x: box.x, y: box.top - h, width: box.width, height: h, borderColor: GREY, borderWidth: 0.8, borderDashArray: [5, 3], color: rgb(0.96, 0.96, 0.96) });
  vd.type.paragraph(page, `图片无法读取：${name}`, box.x + mm(6), box.top - h / 2 + 8, box.width - mm(12), { font: 'sans', size: 11, color: GREY }, 16, 'center');
  return box.top - h;
}
