import { rgb, type PDFPage } from 'pdf-lib';
import type { FontRole } from './fonts.js';
import { strokeSegments, type Segment } from './strokes.js';
import { clampLines, RULE, type Align, type TextStyle, type Typesetter } from './typeset.js';
import type { VolumeDocument } from './volume-document.js';

export interface TableColumn {
  title: string;
  /**
   * Points. A `fit` column is made as wide as its widest cell (at least this), so numbers and dates never wrap;
   * a column of width 0 takes what the table width leaves.
   */
  width: number;
  fit?: boolean;
  /** Points: a `fit` column grows to its widest cell up to this, then wraps. */
  maxWidth?: number;
  align: Align;
  font?: FontRole;
}

export interface TableRow {
  cells: string[];
  /** Named destination the row links to. */
  dest?: string;
  /** A heading row spanning the table (e.g. the item a run of 件 is filed under). */
  group?: boolean;
}

/** Where a table may go on a page that the caller has prepared (title drawn). */
export interface TableArea {
  page: PDFPage;
  top: number;
  bottom: number;
  left: number;
}

const BODY: TextStyle = { font: 'serif', size: 9.5 };
const HEAD: TextStyle = { font: 'sansBold', size: 9.5 };
const GROUP: TextStyle = { font: 'sansBold', size: 9 };
const LINE_HEIGHT = 13.5;
const PAD_X = 3.5;
const PAD_Y = 4.5;
const HEAD_HEIGHT = 26;
const HEAD_FILL = rgb(0.9, 0.9, 0.9);
const GROUP_FILL = rgb(0.96, 0.96, 0.96);
const OUTER = 0.9;
const INNER = 0.45;

interface LaidRow {
  row: TableRow;
  lines: string[][];
  height: number;
}

/**
 * Draws a ruled table over as many pages as it needs. Rows are never split across pages; cells wrap their text, and a
 * row taller than a whole page (a title of hundreds of characters) is cut with an ellipsis so it still fits.
 * Returns the number of pages used.
 */
export function drawTable(vd: VolumeDocument, spec: TableColumn[], rows: TableRow[], totalWidth: number, newArea: () => TableArea): number {
  const type = vd.type;
  const columns = resolveWidths(type, spec, rows, totalWidth);
  let area = newArea();
  let pages = 1;
  const maxRowHeight = area.top - area.bottom - HEAD_HEIGHT;
  let y = drawHeader(type, area, columns);
  let pageTop = area.top;
  for (const row of rows) {
    const laid = layoutRow(type, columns, row, maxRowHeight);
    if (y - laid.height < area.bottom) {
      drawVerticals(area, columns, pageTop, y);
      area = newArea();
      pages += 1;
      pageTop = area.top;
      y = drawHeader(type, area, columns);
    }
    drawRow(vd, area, columns, laid, y);
    y -= laid.height;
  }
  drawVerticals(area, columns, pageTop, y);
  return pages;
}

function resolveWidths(type: Typesetter, spec: TableColumn[], rows: TableRow[], totalWidth: number): TableColumn[] {
  const sized = spec.map((c, i) => {
    if (!c.fit) return c;
    const cells = rows.filter((r) => !r.group).flatMap((r) => (r.cells[i] ?? '').split('\n').map((l) => type.width(l, styleOf(c))));
    const widest = Math.max(c.width, type.width(c.title, HEAD), ...cells) + 2 * PAD_X + 1;
    return { ...c, width: c.maxWidth !== undefined ? Math.min(widest, c.maxWidth) : widest };
  });
  const rest = totalWidth - tableWidth(sized);
  return sized.map((c) => (c.width === 0 ? { ...c, width: rest } : c));
}

function tableWidth(columns: TableColumn[]): number {
  return columns.reduce((w, c) => w + c.width, 0);
}

function drawHeader(type: Typesetter, area: TableArea, columns: TableColumn[]): number {
  const { page, top, left } = area;
  const width = tableWidth(columns);
  page.drawRectangle({ x: left, y: top - HEAD_HEIGHT, width, height: HEAD_HEIGHT, color: HEAD_FILL });
  let x = left;
  for (const c of columns) {
    const lines = type.wrap(c.title, HEAD, c.width - 2 * PAD_X);
    const h = lines.length * (HEAD.size + 2);
    type.lines(page, lines, x + PAD_X, top - (HEAD_HEIGHT - h) / 2, c.width - 2 * PAD_X, HEAD, HEAD.size + 2, 'center');
    x += c.width;
  }
  innerVerticals(page, left, columns, top, top - HEAD_HEIGHT);
  hline(page, left, top, width, OUTER);
  hline(page, left, top - HEAD_HEIGHT, width, INNER * 1.6);
  return top - HEAD_HEIGHT;
}

function layoutRow(type: Typesetter, columns: TableColumn[], row: TableRow, maxHeight: number): LaidRow {
  const maxLines = Math.max(1, Math.floor((maxHeight - 2 * PAD_Y) / LINE_HEIGHT));
  const cellLines = row.group
    ? [type.wrap(row.cells[0] ?? '', GROUP, tableWidth(columns) - 2 * PAD_X)]
    : columns.map((c, i) => type.wrap(row.cells[i] ?? '', styleOf(c), c.width - 2 * PAD_X));
  const lines = cellLines.map((l) => clampLines(l, maxLines));
  const count = Math.max(1, ...lines.map((l) => l.length));
  return { row, lines, height: count * LINE_HEIGHT + 2 * PAD_Y - (row.group ? 2 : 0) };
}

function drawRow(vd: VolumeDocument, area: TableArea, columns: TableColumn[], laid: LaidRow, top: number): void {
  const { page, left } = area;
  const width = tableWidth(columns);
  const type = vd.type;
  if (laid.row.group) {
    page.drawRectangle({ x: left, y: top - laid.height, width, height: laid.height, color: GROUP_FILL });
    type.lines(page, laid.lines[0]!, left + PAD_X, top - PAD_Y + 1, width - 2 * PAD_X, GROUP, LINE_HEIGHT);
  } else {
    let x = left;
    columns.forEach((c, i) => {
      const lines = laid.lines[i]!;
      // Short cells sit in the middle of a tall row, as in a hand-ruled register.
      const offset = (laid.height - 2 * PAD_Y - lines.length * LINE_HEIGHT) / 2;
      type.lines(page, lines, x + PAD_X, top - PAD_Y - offset, c.width - 2 * PAD_X, styleOf(c), LINE_HEIGHT, c.align);
      x += c.width;
    });
    innerVerticals(page, left, columns, top, top - laid.height);
  }
  hline(page, left, top - laid.height, width, INNER);
  if (laid.row.dest) vd.link(page, [left, top - laid.height, left + width, top], laid.row.dest);
}

function innerVerticals(page: PDFPage, left: number, columns: TableColumn[], top: number, bottom: number): void {
  let x = left;
  const rules: Segment[] = [];
  for (const c of columns.slice(0, -1)) {
    x += c.width;
    rules.push([{ x, y: top }, { x, y: bottom }]);
  }
  strokeSegments(page, rules, INNER, RULE);
}

/** The outer frame of the table's part on one page. */
function drawVerticals(area: TableArea, columns: TableColumn[], top: number, bottom: number): void {
  const { page, left } = area;
  const width = tableWidth(columns);
  page.drawLine({ start: { x: left, y: top }, end: { x: left, y: bottom }, thickness: OUTER, color: RULE });
  page.drawLine({ start: { x: left + width, y: top }, end: { x: left + width, y: bottom }, thickness: OUTER, color: RULE });
  hline(page, left, bottom, width, OUTER);
}

function hline(page: PDFPage, x: number, y: number, width: number, thickness: number): void {
  page.drawLine({ start: { x: x - OUTER / 2, y }, end: { x: x + width + OUTER / 2, y }, thickness, color: RULE });
}

function styleOf(c: TableColumn): TextStyle {
  return c.font ? { ...BODY, font: c.font } : BODY;
}
