import type ExcelJS from 'exceljs';
import { escapeCell } from '../../../shared/text/spreadsheet.js';
import { fitColumnWidth, wrappedLines } from './text-width.js';

/**
 * Building blocks shared by the four sheets: one set of style objects (exceljs reuses a style id per object, which keeps
 * a 10,000-row sheet fast), text and date cells that cannot turn into formulas or shift a day, and the print setup
 * auditors expect (A4 landscape, fit to width, header rows on every page, 第 N 页 共 M 页).
 */

export const FONT_NAME = '宋体';
const FONT: Partial<ExcelJS.Font> = { name: FONT_NAME, size: 10 };
const THIN: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FF808080' } };
const BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };
/** Points per wrapped line of 10-point 宋体, and the cell's own padding. */
const LINE_HEIGHT = 13.5;
const ROW_PADDING = 6;

export const FILLS = {
  header: 'FFDDEBF7',
  complete: 'FFC6EFCE',
  partial: 'FFFFEB9C',
  missing: 'FFFFC7CE',
  notApplicable: 'FFE7E6E6',
  overdue: 'FFFFC7CE',
  total: 'FFF2F2F2',
} as const;

function solid(argb: string): ExcelJS.Fill {
  return { type: 'pattern', pattern: 'solid', fgColor: { argb }, bgColor: { argb } };
}

/** Text columns are formatted as Text (@): what an auditor types there stays text too, even "=…". */
const text: Partial<ExcelJS.Style> = {
  font: FONT,
  border: BORDER,
  numFmt: '@',
  alignment: { vertical: 'middle', horizontal: 'left', wrapText: true },
};

export const STYLES = {
  title: { font: { name: FONT_NAME, size: 16, bold: true }, alignment: { vertical: 'middle', horizontal: 'center' } },
  subtitle: { font: FONT, alignment: { vertical: 'middle', horizontal: 'left' } },
  header: {
    font: { ...FONT, bold: true },
    border: BORDER,
    fill: solid(FILLS.header),
    alignment: { vertical: 'middle', horizontal: 'center', wrapText: true },
  },
  text,
  center: { ...text, alignment: { vertical: 'middle', horizontal: 'center', wrapText: true } },
  count: { font: FONT, border: BORDER, numFmt: '0', alignment: { vertical: 'middle', horizontal: 'center' } },
  date: { font: FONT, border: BORDER, numFmt: 'yyyy-mm-dd', alignment: { vertical: 'middle', horizontal: 'center' } },
  percent: { font: FONT, border: BORDER, numFmt: '0%', alignment: { vertical: 'middle', horizontal: 'center' } },
  /** A 测评标准 that opens its rows in the 材料索引. */
  link: { ...text, font: { ...FONT, color: { argb: 'FF0563C1' }, underline: true } },
  signOff: { font: { ...FONT, size: 11 }, alignment: { vertical: 'bottom', horizontal: 'left' } },
} satisfies Record<string, Partial<ExcelJS.Style>>;

export type StyleName = keyof typeof STYLES;

/** The same style with its cell left unlocked, for the columns a clerk edits on a protected sheet. */
const open = new Map<Partial<ExcelJS.Style>, Partial<ExcelJS.Style>>();
export function unlocked(style: Partial<ExcelJS.Style>): Partial<ExcelJS.Style> {
  let u = open.get(style);
  if (!u) {
    u = { ...style, protection: { locked: false } };
    open.set(style, u);
  }
  return u;
}

const filled = new Map<string, Partial<ExcelJS.Style>>();
/** The same style with a solid fill (one object per pair, so styles stay shared). */
export function withFill(name: StyleName, argb: string, bold = false): Partial<ExcelJS.Style> {
  const key = `${name}|${argb}|${bold ? 'b' : ''}`;
  let style = filled.get(key);
  if (!style) {
    const base = STYLES[name];
    style = { ...base, fill: solid(argb), ...(bold ? { font: { ...base.font, bold: true } } : {}) };
    filled.set(key, style);
  }
  return style;
}

/** Writes text as a plain string cell (never a formula); empty text leaves the cell empty but styled. */
export function setText(cell: ExcelJS.Cell, value: string | null | undefined, style: Partial<ExcelJS.Style> = STYLES.text): void {
  const t = escapeCell(value);
  cell.value = t === '' ? null : t;
  cell.style = style;
}

/**
 * A formula with its result written too: Excel, WPS and LibreOffice recalculate it, and a reader that only sees cached
 * values (openpyxl's data_only, a preview) still reads the right number.
 */
export function setFormula(cell: ExcelJS.Cell, formula: string, result: number | string | null, style: Partial<ExcelJS.Style> = STYLES.count): void {
  cell.value = { formula, result: result ?? '' } as ExcelJS.CellFormulaValue;
  cell.style = style;
}

/** A string as a formula literal: "a""b". */
export function formulaString(s: string): string {
  return `"${s.replaceAll('"', '""')}"`;
}

/** Merges a block and styles every cell of it, so each printed edge of the block has its border. */
export function mergeStyled(ws: ExcelJS.Worksheet, top: number, left: number, bottom: number, right: number, style: Partial<ExcelJS.Style>): void {
  if (bottom > top || right > left) ws.mergeCells(top, left, bottom, right);
  for (let r = top; r <= bottom; r++) for (let c = left; c <= right; c++) ws.getCell(r, c).style = style;
}

/**
 * Sheet protection without a password: a guard against slips, lifted with 撤销工作表保护 by anyone. Filtering, sorting
 * and resizing stay allowed; only the cells styled `unlocked` take typing.
 */
export async function protectSheet(ws: ExcelJS.Worksheet): Promise<void> {
  await ws.protect('', {
    selectLockedCells: true,
    selectUnlockedCells: true,
    formatColumns: true,
    formatRows: true,
    autoFilter: true,
    sort: true,
  });
}

/** Printable width of an A4 landscape page inside the margins setupPrint gives, in points. */
const PAGE_WIDTH = (297 / 25.4 - 0.4 - 0.4) * 72;

/**
 * The scale fit-to-width prints at, from the column widths: the smallest any reader gives, so that page breaks
 * planned with it come before any of the program's own.
 */
export function printScale(widths: readonly number[], specs: readonly ColumnSpec[]): number {
  const points = widths.reduce((sum, w, i) => (specs[i]?.hidden ? sum : sum + w * POINTS_PER_UNIT), 0);
  return Math.min(1, PAGE_WIDTH / Math.max(points, 1));
}

/** Printable height of an A4 landscape page inside the margins setupPrint gives, in points. */
const PAGE_BODY = (210 / 25.4 - 0.7 - 0.6) * 72;
/** Kept free on every page: what a program rounds in row heights, and a line of slack. */
const PAGE_SLACK = 30;

/**
 * Where pages break: the data rows that start a new page. The first page also holds `firstPage` points of title rows,
 * every page the repeated header. A row taller than a page gets a page of its own.
 */
export function planPageBreaks(heights: readonly number[], firstPage: number, header: number, scale = 1): number[] {
  const capacity = (PAGE_BODY - header * scale - PAGE_SLACK) / scale;
  const starts: number[] = [];
  let used = firstPage;
  heights.forEach((h, i) => {
    if (used + h > capacity && i > 0 && used > 0) {
      starts.push(i);
      used = 0;
    }
    used += h;
  });
  return starts;
}

export function setNumber(cell: ExcelJS.Cell, value: number | null, style: Partial<ExcelJS.Style> = STYLES.count): void {
  cell.value = value;
  cell.style = style;
}

/**
 * A real Excel date from "YYYY-MM-DD". Built at UTC midnight because exceljs converts with UTC arithmetic: a local
 * midnight would land on the previous day east of Greenwich (Asia/Shanghai).
 */
export function excelDate(iso: string | null): Date | null {
  const m = iso ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso) : null;
  return m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
}

export function setDate(cell: ExcelJS.Cell, iso: string | null, style: Partial<ExcelJS.Style> = STYLES.date): void {
  cell.value = excelDate(iso);
  cell.style = style;
}

export interface ColumnSpec {
  header: string;
  min: number;
  max: number;
  /** Texts the width is fitted to (the header always counts). */
  texts?: Iterable<string>;
  wrap?: boolean;
  hidden?: boolean;
  /** Keeps its fitted width when a wide sheet is narrowed (a name that must not break before its last character). */
  keep?: boolean;
}

/** Fits each column to its text and returns the widths, for the row heights. */
export function applyColumns(ws: ExcelJS.Worksheet, specs: readonly ColumnSpec[]): number[] {
  return specs.map((spec, i) => {
    const width = spec.hidden ? 12 : fitColumnWidth([spec.header, ...(spec.texts ?? [])], spec.min, spec.max);
    const column = ws.getColumn(i + 1);
    column.width = width;
    if (spec.hidden) column.hidden = true;
    return width;
  });
}

/**
 * Points one column unit takes in print. Excel gives 7 px of the default font and 5 px of padding per column (about
 * 5.6 pt); LibreOffice, measured on its PDFs, about 7.06 pt. The larger one plans the page, so no reader prints
 * smaller or breaks pages earlier than planned.
 */
const POINTS_PER_UNIT = 7.1;

/**
 * Column units the visible columns of a sheet may take: about 920 pt, so A4 landscape prints at 85% or more and
 * 10-point body text at 8.5 pt or more, whichever program prints it.
 */
export const WIDTH_BUDGET = 130;

/** Wide columns give way, in proportion to what they have above their minimum, until the table fits the budget. */
export function fitToBudget(ws: ExcelJS.Worksheet, specs: readonly ColumnSpec[], widths: readonly number[], budget = WIDTH_BUDGET): number[] {
  const visible = specs.map((c, i) => (c.hidden ? -1 : i)).filter((i) => i >= 0);
  const total = visible.reduce((s, i) => s + (widths[i] ?? 0), 0);
  const floor = (i: number): number => ((specs[i] as ColumnSpec).keep ? (widths[i] ?? 0) : (specs[i] as ColumnSpec).min);
  const slack = visible.reduce((s, i) => s + (widths[i] ?? 0) - floor(i), 0);
  if (total <= budget || slack <= 0) return [...widths];
  const keep = Math.max(0, 1 - (total - budget) / slack);
  return widths.map((w, i) => {
    const spec = specs[i] as ColumnSpec;
    if (spec.hidden || spec.keep) return w;
    const fitted = Math.round((spec.min + (w - spec.min) * keep) * 10) / 10;
    ws.getColumn(i + 1).width = fitted;
    return fitted;
  });
}

/** The height of a row whose wrapped cells hold these texts in columns of these widths. */
export function rowHeight(cells: readonly (readonly [string, number])[]): number {
  const lines = Math.max(1, ...cells.map(([t, w]) => wrappedLines(t, w)));
  return lines * LINE_HEIGHT + ROW_PADDING;
}

export function heightFor(lines: number): number {
  return lines * LINE_HEIGHT + ROW_PADDING;
}

/** Title row merged across the table. */
export function writeTitle(ws: ExcelJS.Worksheet, row: number, lastColumn: number, value: string, style: Partial<ExcelJS.Style>, height: number): void {
  ws.mergeCells(row, 1, row, lastColumn);
  setText(ws.getCell(row, 1), value, style);
  ws.getRow(row).height = height;
}

/**
 * "&" starts a code in Excel's header and footer language, so a unit named "A&B" must be written "A&&B". Excel refuses
 * (and offers to repair) a header longer than 255 characters, so each part is kept well short of that.
 */
function headerText(s: string, max: number): string {
  const short = s.length > max ? `${s.slice(0, max - 1)}…` : s;
  return short.replaceAll('&', '&&');
}

export interface PrintOptions {
  title: string;
  unit: string;
  /** Rows repeated at the top of every printed page, e.g. "3:4". */
  repeatRows: string;
  /** One page tall as well as wide (a summary), instead of as many pages as needed. */
  onePage?: boolean;
  /** The printed range, e.g. "A1:P90": hidden marks to its right stay out of the print and its text layer. */
  printArea?: string;
  /** Sheet rows after which a page breaks. */
  breaksAfter?: readonly number[];
}

export function setupPrint(ws: ExcelJS.Worksheet, o: PrintOptions): void {
  ws.pageSetup = {
    ...ws.pageSetup,
    paperSize: 9,
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: o.onePage ? 1 : 0,
    horizontalCentered: true,
    printTitlesRow: o.repeatRows,
    ...(o.printArea ? { printArea: o.printArea } : {}),
    margins: { left: 0.4, right: 0.4, top: 0.7, bottom: 0.6, header: 0.3, footer: 0.3 },
  };
  ws.headerFooter = {
    // No font-size codes: "&9" followed by a title starting with "2024" would read as size 92024.
    oddHeader: `&L${headerText(o.unit, 60)}&C${headerText(o.title, 100)}`,
    oddFooter: '&C第 &P 页 共 &N 页',
  };
  for (const row of o.breaksAfter ?? []) ws.getRow(row).addPageBreak();
}

/**
 * How a list sheet ends: a filter on its last header row down to its last row, the rows below the headers scrolling
 * under them, printed with the header rows on every page (up to `printTo`, a sign-off below the list included), and
 * locked but for its entry columns.
 */
export async function finishListSheet(
  ws: ExcelJS.Worksheet,
  o: { headerRows: [number, number]; lastRow: number; printTo: number; columns: number; title: string; unit: string; breaksAfter: readonly number[] },
): Promise<void> {
  const [firstHeader, lastHeader] = o.headerRows;
  ws.autoFilter = { from: { row: lastHeader, column: 1 }, to: { row: o.lastRow, column: o.columns } };
  freezeBelow(ws, lastHeader);
  setupPrint(ws, {
    title: o.title,
    unit: o.unit,
    repeatRows: `${firstHeader}:${lastHeader}`,
    printArea: `A1:${ws.getColumn(o.columns).letter}${o.printTo}`,
    breaksAfter: o.breaksAfter,
  });
  await protectSheet(ws);
}

export function freezeBelow(ws: ExcelJS.Worksheet, lastHeaderRow: number): void {
  ws.views = [{ state: 'frozen', xSplit: 0, ySplit: lastHeaderRow, topLeftCell: `A${lastHeaderRow + 1}`, activeCell: `A${lastHeaderRow + 1}` }];
}
