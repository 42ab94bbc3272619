import { rgb } from 'pdf-lib';
import type { PDFPage } from 'pdf-lib';
import type { PageFrame } from '../frame.js';
import { BINDING_MARGIN, mm, PAGE_NUMBER, STAMP, STAMP_WIDTH } from '../geometry.js';
import { strokeSegments, type Segment } from '../strokes.js';
import { INK, type TextStyle, type Typesetter } from '../typeset.js';

/** The red of an archive stamp. */
const STAMP_RED = rgb(0.78, 0.12, 0.12);

export interface StampFields {
  fonds: string;
  /** 年度 of the 件's own 档号. */
  year: number;
  /** 件号; null for a draft, which shows 草稿 instead of a number that would look final. */
  piece: number | null;
  /** 机构（问题）: the 问题代码 of its class; null for a draft. */
  problem: string | null;
  retention: string;
  pages: number;
}

/**
 * The 归档章 (DA/T 22-2015) on a 件's first page, as real text: 全宗号 | 年度 | 件号 over 机构（问题）| 保管期限 | 页数,
 * each cell with a small label so it reads without the standard at hand. Drawn top right, in the band the page keeps free.
 */
export function drawStamp(type: Typesetter, page: PDFPage, frame: PageFrame, f: StampFields, fromTop: number = STAMP.fromTop): void {
  const cells: [string, string][] = [
    ['全宗号', f.fonds || '—'], ['年度', String(f.year)], ['件号', f.piece === null ? '草稿' : String(f.piece)],
    ['机构（问题）', f.problem ?? '—'], ['保管期限', f.retention], ['页数', String(f.pages)],
  ];
  const left = frame.width - STAMP.fromRight - STAMP_WIDTH;
  const top = frame.height - fromTop;
  const { cellWidth: cw, cellHeight: ch } = STAMP;
  const label: TextStyle = { font: 'sans', size: 5, color: STAMP_RED };
  const rules: Segment[] = [];
  cells.forEach(([name, value], i) => {
    const col = i % STAMP.columns;
    const row = Math.floor(i / STAMP.columns);
    const x = left + col * cw;
    const y = top - (row + 1) * ch;
    rules.push(...rectSegments(frame, x, y, cw, ch));
    const lw = type.width(name, label);
    put(type, page, frame, name, x + (cw - lw) / 2, y + ch - label.size - 1.2, label);
    const valueStyle: TextStyle = { font: 'serifBold', size: fitSize(type, value, 8.5, cw - 3), color: INK };
    const vw = type.width(value, valueStyle);
    put(type, page, frame, value, x + (cw - vw) / 2, y + 3, valueStyle);
  });
  strokeSegments(page, rules, 0.8, STAMP_RED);
}

/**
 * A mark at the top left of every page of a 件 that is not an original archived here: "草稿" for a record not yet
 * archived (its stamp has no 件号), "复制件" for a copy carried over from an earlier year (its stamp is the original's).
 */
export function drawCopyMark(type: Typesetter, page: PDFPage, frame: PageFrame, text: string, fromTop: number = STAMP.fromTop): void {
  const style: TextStyle = { font: 'sansBold', size: 9, color: STAMP_RED };
  const w = type.width(text, style) + mm(4);
  const h = mm(6.5);
  // Clear of the binding margin on the left, and of the stamp on the right.
  const u = BINDING_MARGIN + mm(2);
  const v = frame.height - fromTop - h;
  strokeSegments(page, rectSegments(frame, u, v, w, h), 0.8, STAMP_RED);
  put(type, page, frame, text, u + mm(2), v + mm(1.9), style);
}

/** 页号 at the bottom corner: right on the front of a sheet, left on its back. */
export function drawPageNumber(type: Typesetter, page: PDFPage, frame: PageFrame, pageNo: number, side: 'right' | 'left'): void {
  const style: TextStyle = { font: 'serif', size: PAGE_NUMBER.size };
  const label = String(pageNo);
  const w = type.width(label, style);
  const u = side === 'right' ? frame.width - PAGE_NUMBER.fromSide - w : PAGE_NUMBER.fromSide;
  put(type, page, frame, label, u, PAGE_NUMBER.fromBottom, style);
}

function fitSize(type: Typesetter, value: string, size: number, width: number): number {
  const w = type.width(value, { font: 'serifBold', size });
  return w <= width ? size : Math.max(4, (size * width) / w);
}

function put(type: Typesetter, page: PDFPage, frame: PageFrame, s: string, u: number, v: number, style: TextStyle): void {
  const p = frame.at(u, v);
  type.draw(page, s, p.x, p.y, style, frame.rotation);
}

/** The four sides of a box as separate lines (butt ends, as the stamp has always been ruled). */
function rectSegments(frame: PageFrame, u: number, v: number, w: number, h: number): Segment[] {
  const corners = [frame.at(u, v), frame.at(u + w, v), frame.at(u + w, v + h), frame.at(u, v + h)];
  return corners.map((a, i): Segment => [a, corners[(i + 1) % 4]!]);
}
