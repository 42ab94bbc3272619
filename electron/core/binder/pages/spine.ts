import type { PDFPage } from 'pdf-lib';
import { A4, mm } from '../geometry.js';
import type { BinderPlan, PlanVolume } from '../plan.js';
import { planPieces } from '../plan.js';
import { GREY, RULE, type TextStyle, type Typesetter } from '../typeset.js';
import type { VolumeDocument } from '../volume-document.js';

/** Spine widths of the standard boxes (DA/T 22), in mm. */
export const SPINE_WIDTHS = [20, 30, 40, 50] as const;
export type SpineWidth = (typeof SPINE_WIDTHS)[number];

const SPINE_HEIGHT = mm(250);
/** About a tenth of a millimetre a sheet of office paper. */
const SHEET_THICKNESS_MM = 0.1;

/** The narrowest standard box that holds this many sheets; a box fuller than 50 mm still gets the 50 mm label. */
export function spineWidthFor(sheets: number): SpineWidth {
  const needed = Math.ceil(sheets * SHEET_THICKNESS_MM);
  return SPINE_WIDTHS.find((w) => w >= needed) ?? 50;
}

/** 起止件号: "1—10", or the one 件号 of a box holding one. */
export function pieceRange(first: number | null, last: number): string {
  if (first === null) return '—';
  return first === last ? String(first) : `${first}—${last}`;
}

/** What a spine shows (DA/T 22): 全宗号, 年度, 保管期限, 起止件号, 盒号, then the box's title set vertically. */
export interface SpineFields {
  fonds: string;
  year: number;
  retention: string;
  pieces: string;
  box: string;
  title: string;
}

export function spineFields(plan: BinderPlan, volume: PlanVolume): SpineFields {
  const numbers = planPieces(volume).filter((p) => !p.copyOf && p.pieceNo !== null).map((p) => p.pieceNo!);
  return {
    fonds: plan.unit.fonds || '—',
    year: plan.options.year,
    retention: volume.retention ?? '—',
    pieces: pieceRange(numbers.length === 0 ? null : Math.min(...numbers), Math.max(...numbers)),
    box: volume.volumeNo !== null ? String(volume.volumeNo) : '—',
    title: volume.item ? volume.item.title : `${plan.options.year}年度创建文明城市软件资料`,
  };
}

/**
 * One 脊背 label of `width` mm, its dashed outline the line to cut along, its top at `top`. Type shrinks with the
 * width so the narrowest box still reads.
 */
export function drawSpineLabel(type: Typesetter, page: PDFPage, x: number, top: number, width: SpineWidth, f: SpineFields): void {
  const w = mm(width);
  const scale = width >= 40 ? 1 : width === 30 ? 0.85 : 0.7;
  const label: TextStyle = { font: 'sans', size: 9 * scale, color: GREY };
  const value: TextStyle = { font: 'serifBold', size: 13 * scale };
  const titleStyle: TextStyle = { font: 'serifBold', size: 17 * scale };
  page.drawRectangle({ x, y: top - SPINE_HEIGHT, width: w, height: SPINE_HEIGHT, borderColor: RULE, borderWidth: 0.7, borderDashArray: [4, 3] });
  const rows: [string, string][] = [
    ['全宗号', f.fonds], ['年度', String(f.year)], ['保管期限', f.retention], ['起止件号', f.pieces], ['盒号', f.box],
  ];
  let y = top - mm(6);
  for (const [name, text] of rows) {
    type.line(page, name, x, y, w, label, 'center');
    const fitted: TextStyle = { ...value, size: Math.min(value.size, (value.size * (w - mm(3))) / Math.max(1, type.width(text, value))) };
    type.line(page, text, x, y - mm(5), w, fitted, 'center');
    y -= mm(14);
    page.drawLine({ start: { x: x + mm(3), y: y + mm(2.5) }, end: { x: x + w - mm(3), y: y + mm(2.5) }, thickness: 0.4, color: RULE });
  }
  const chars = [...f.title];
  const step = titleStyle.size * 1.3;
  const room = Math.floor((y - (top - SPINE_HEIGHT) - mm(8)) / step);
  const shown = chars.length > room ? [...chars.slice(0, room - 1), '…'] : chars;
  y -= mm(3);
  for (const ch of shown) {
    type.line(page, ch, x, y, w, titleStyle, 'center');
    y -= step;
  }
}

/** The label on a page of its own at the end of a volume. */
export function drawSpine(vd: VolumeDocument, plan: BinderPlan, volume: PlanVolume, width: SpineWidth): void {
  const page = vd.addPage();
  vd.nameDestination('spine');
  const [W, H] = A4;
  const top = (H + SPINE_HEIGHT) / 2;
  vd.type.line(page, `档案盒脊背标签（${width} 毫米）：沿虚线剪下，贴于盒脊`, 0, top + mm(10), W, { font: 'sans', size: 9, color: GREY }, 'center');
  drawSpineLabel(vd.type, page, (W - mm(width)) / 2, top, width, spineFields(plan, volume));
}

/**
 * Labels side by side on A4 sheets, as many as fit across, with cut marks at the corners of each: one sheet serves
 * a shelf of boxes.
 */
export function drawSpineSheets(vd: VolumeDocument, labels: { width: SpineWidth; fields: SpineFields }[]): number {
  const [W, H] = A4;
  const margin = mm(12);
  const gap = mm(6);
  const top = (H + SPINE_HEIGHT) / 2;
  let page: PDFPage | null = null;
  let x = margin;
  let sheets = 0;
  for (const label of labels) {
    const w = mm(label.width);
    if (!page || x + w > W - margin) {
      page = vd.addPage();
      sheets += 1;
      vd.type.line(page, '档案盒脊背标签：沿虚线剪下，贴于盒脊', 0, top + mm(10), W, { font: 'sans', size: 9, color: GREY }, 'center');
      x = margin;
    }
    drawSpineLabel(vd.type, page, x, top, label.width, label.fields);
    cutMarks(page, x, top - SPINE_HEIGHT, w, SPINE_HEIGHT);
    x += w + gap;
  }
  return sheets;
}

/** Short lines outside each corner, in line with its edges, to cut by. */
function cutMarks(page: PDFPage, x: number, y: number, w: number, h: number): void {
  const len = mm(4);
  const off = mm(1.5);
  const line = (x1: number, y1: number, x2: number, y2: number): void =>
    page.drawLine({ start: { x: x1, y: y1 }, end: { x: x2, y: y2 }, thickness: 0.5, color: RULE });
  for (const [cx, cy, dx, dy] of [[x, y, -1, -1], [x + w, y, 1, -1], [x, y + h, -1, 1], [x + w, y + h, 1, 1]] as const) {
    line(cx + dx * off, cy, cx + dx * (off + len), cy);
    line(cx, cy + dy * off, cx, cy + dy * (off + len));
  }
}
