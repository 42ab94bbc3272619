import type ExcelJS from 'exceljs';
import { cellFingerprint, encodeBaseline, HEADER, untracked, type TrackedSheet } from './layout.js';

/** A value read from a cell: its text, or why it cannot be taken as text. */
export interface CellText {
  text: string;
  /** The cell holds a formula or an error value, not text someone typed. */
  formula: boolean;
}

/** Number formats that show a date: a program that rewrites the file may keep the serial number and drop the Date. */
const DATE_FORMAT = /(^|[^"\\])(y{2,4}|d{1,2})/i;
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

export function cellText(value: ExcelJS.CellValue, numFmt?: string): CellText {
  if (value === null || value === undefined) return { text: '', formula: false };
  if (typeof value === 'string') return { text: value.trim(), formula: false };
  if (typeof value === 'number' && numFmt && DATE_FORMAT.test(numFmt) && value > 0 && value < 2_958_466) {
    return { text: new Date(EXCEL_EPOCH + Math.round(value) * 86_400_000).toISOString().slice(0, 10), formula: false };
  }
  if (typeof value === 'number' || typeof value === 'boolean') return { text: String(value), formula: false };
  if (value instanceof Date) return { text: value.toISOString().slice(0, 10), formula: false };
  if ('richText' in value) return { text: value.richText.map((r) => r.text).join('').trim(), formula: false };
  if ('formula' in value || 'sharedFormula' in value) return { text: '', formula: true };
  if ('error' in value) return { text: '', formula: true };
  if ('text' in value) return cellText(value.text);
  return { text: '', formula: false };
}

export function textOf(cell: ExcelJS.Cell): CellText {
  return cellText(cell.value, cell.numFmt);
}

export function fingerprint(text: string): string {
  return cellFingerprint(text);
}

/** Header text as matched on re-import: spaces and line breaks an editor adds do not count. */
export function headerKey(text: string): string {
  return text.normalize('NFKC').replace(/\s+/gu, '');
}

/**
 * The locked (generated) headers of a tracked sheet, in column order: the order of every row's fingerprints. `layout`
 * names locked columns checked otherwise, whose cells move with a sort (序号, merged level labels).
 */
export function lockedHeaders(sheet: TrackedSheet, headers: readonly string[], layout: readonly string[] = []): string[] {
  const skip = new Set([...untracked(sheet), ...layout]);
  return headers.filter((h) => h !== '' && !skip.has(h));
}

/**
 * Writes the hidden baseline of each data row once the sheet is complete (merged labels included): the editable values
 * as exported and one fingerprint per locked cell, read back from the cells the way the re-import reads them.
 */
export function writeBaselines(
  ws: ExcelJS.Worksheet,
  columns: ReadonlyMap<string, number>,
  locked: readonly string[],
  rows: readonly { row: number; values: readonly string[] }[],
  style: Partial<ExcelJS.Style>,
): void {
  const baselineColumn = columns.get(HEADER.baseline) as number;
  for (const { row, values } of rows) {
    const r = ws.getRow(row);
    const fingerprints = locked.map((h) => fingerprint(textOf(r.getCell(columns.get(h) as number)).text)).join('');
    const cell = r.getCell(baselineColumn);
    cell.value = encodeBaseline({ values: [...values], fingerprints });
    cell.style = style;
  }
}
