import { stat } from 'node:fs/promises';
import type ExcelJS from 'exceljs';
import { guardZip, looksLikeZip } from '../files/zip-guard.js';
import { loadExcelJS } from '../lazy-modules.js';
import type { ChecklistField, ChecklistProblem } from '../../../shared/api/checklist.js';
import { TaizhangError } from '../../../shared/errors.js';
import { decodeBaseline, HEADER, META_KIND, META_SHEET, SELF_CHECK_SHEET, type Baseline } from './layout.js';

/** A value read from a cell: its text, or why it cannot be taken as text. */
export interface CellText {
  text: string;
  /** The cell holds a formula or an error value, not text someone typed. */
  formula: boolean;
}

/** One data row of an edited 自查表, as found. */
export interface FileRow {
  row: number;
  code: string;
  /** Text of every headed column by header key (the level columns show whether a row was moved or retitled). */
  cells: Map<string, string>;
  fields: Partial<Record<ChecklistField, CellText>>;
  baseline: Baseline | null;
}

export interface ChecklistFile {
  edition: number | null;
  rows: FileRow[];
  problems: ChecklistProblem[];
}

const FIELD_HEADERS: Record<ChecklistField, string> = {
  完成情况: HEADER.status,
  '责任单位/责任人': HEADER.responsible,
  备注: HEADER.note,
};

/** Header rows are searched within the first rows only: a title and a note line may sit above the table. */
const HEADER_SEARCH_ROWS = 12;
/** An edited checklist is far below this; a larger file is not one. */
const MAX_FILE_BYTES = 100 * 1024 * 1024;

export function cellText(value: ExcelJS.CellValue): CellText {
  if (value === null || value === undefined) return { text: '', formula: false };
  if (typeof value === 'string') return { text: value.trim(), formula: false };
  if (typeof value === 'number' || typeof value === 'boolean') return { text: String(value), formula: false };
  if (value instanceof Date) return { text: value.toISOString().slice(0, 10), formula: false };
  if ('richText' in value) return { text: value.richText.map((r) => r.text).join('').trim(), formula: false };
  if ('formula' in value || 'sharedFormula' in value) return { text: '', formula: true };
  if ('error' in value) return { text: '', formula: true };
  if ('text' in value) return cellText(value.text);
  return { text: '', formula: false };
}

export function headerKey(text: string): string {
  return text.normalize('NFKC').replace(/\s+/gu, '');
}

async function loadWorkbook(file: string): Promise<ExcelJS.Workbook> {
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) throw new TaizhangError('bad_file', `找不到文件：${file} / File not found`);
  if (info.size > MAX_FILE_BYTES) throw new TaizhangError('bad_file', `文件过大，不是台账导出的自查表：${file} / File too large for a checklist`);
  const unreadable = new TaizhangError('bad_file', `无法读取，不是有效的 Excel（.xlsx）文件：${file} / Not a readable .xlsx file`);
  if (!(await looksLikeZip(file))) throw unreadable;
  // Inflated and counted here, merges and rows bounded, before exceljs expands anything.
  await guardZip(file, '自查表', { workbook: true, damaged: unreadable });
  const excel = await loadExcelJS();
  const wb = new excel.Workbook();
  try {
    await wb.xlsx.readFile(file);
  } catch {
    throw unreadable;
  }
  // exceljs opens any zip; one without a single sheet is not a workbook.
  if (wb.worksheets.length === 0) throw unreadable;
  return wb;
}

function readMeta(wb: ExcelJS.Workbook): { year: number | null; edition: number | null; marked: boolean } {
  const ws = wb.getWorksheet(META_SHEET);
  if (!ws) return { year: null, edition: null, marked: false };
  const values = new Map<string, ExcelJS.CellValue>();
  ws.eachRow((row) => values.set(cellText(row.getCell(1).value).text, row.getCell(2).value));
  const kind = cellText(values.get('kind') ?? null).text;
  if (kind !== META_KIND) {
    throw new TaizhangError('bad_table', '这个文件不是台账导出的自查表 / Not a checklist exported by Taizhang');
  }
  const num = (k: string): number | null => {
    const v = values.get(k);
    return typeof v === 'number' && Number.isInteger(v) ? v : null;
  };
  return { year: num('year'), edition: num('edition'), marked: true };
}

/**
 * Reads the 自查表 of a checklist workbook. Columns are found by their header text, rows by the hidden 编码 column, so
 * sorting, filtering and inserted columns do not matter. A file that is not such a workbook is refused as a whole.
 */
export async function readChecklistFile(file: string, year: number): Promise<ChecklistFile> {
  const wb = await loadWorkbook(file);
  const meta = readMeta(wb);
  if (meta.year !== null && meta.year !== year) {
    throw new TaizhangError('bad_table', `这份自查表是 ${meta.year} 年度的，不是 ${year} 年度 / The checklist is for another year`);
  }
  const ws = wb.getWorksheet(SELF_CHECK_SHEET);
  if (!ws) {
    const names = wb.worksheets.filter((w) => w.state === 'visible').map((w) => w.name).join('、') || '无';
    throw new TaizhangError('bad_table', `文件中没有「${SELF_CHECK_SHEET}」工作表（现有：${names}） / The workbook has no self-check sheet`);
  }

  let headerRow = 0;
  const columns = new Map<string, number>();
  for (let r = 1; r <= Math.min(HEADER_SEARCH_ROWS, ws.rowCount); r++) {
    const row = ws.getRow(r);
    const found = new Map<string, number>();
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      const key = headerKey(cellText(cell.value).text);
      if (key && !found.has(key)) found.set(key, col);
    });
    if (found.has(headerKey(HEADER.code))) {
      headerRow = r;
      // A two-row header: the row below names the columns under a group (材料数量 → 方案, 签到表…).
      const below = ws.getRow(r + 1);
      below.eachCell({ includeEmpty: false }, (cell, col) => {
        const key = headerKey(cellText(cell.value).text);
        if (key && !found.has(key)) found.set(key, col);
      });
      for (const [k, v] of found) columns.set(k, v);
      break;
    }
  }
  if (headerRow === 0) {
    throw new TaizhangError(
      'bad_table',
      `「${SELF_CHECK_SHEET}」中找不到「${HEADER.code}」列，无法逐行对应；请使用台账导出的自查表 / The hidden code column is missing`,
    );
  }

  const problems: ChecklistProblem[] = [];
  if (!meta.marked) {
    problems.push({ row: 0, code: null, kind: 'unmarked', message: '文件中没有台账的隐藏标记（年度、版本），按当前档案比较 / File lacks Taizhang marks' });
  }
  const fieldColumns = new Map<ChecklistField, number>();
  for (const [field, header] of Object.entries(FIELD_HEADERS) as [ChecklistField, string][]) {
    const col = columns.get(headerKey(header));
    if (col) fieldColumns.set(field, col);
    else problems.push({ row: 0, code: null, kind: 'invalid', message: `找不到「${header}」列，此列的修改未读取 / Column ${header} not found` });
  }
  if (fieldColumns.size === 0) {
    throw new TaizhangError('bad_table', '自查表中没有可导入的列（完成情况、责任单位/责任人、备注） / No editable columns found');
  }
  const codeColumn = columns.get(headerKey(HEADER.code)) as number;
  const baselineColumn = columns.get(headerKey(HEADER.baseline));
  if (baselineColumn === undefined && meta.marked) {
    problems.push({ row: 0, code: null, kind: 'unmarked', message: '找不到导出时的原值列，按当前档案比较 / Baseline column not found' });
  }

  const rows: FileRow[] = [];
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    if (r <= headerRow) return;
    const code = cellText(row.getCell(codeColumn).value).text;
    if (code === '' || headerKey(code) === headerKey(HEADER.code)) return;
    const fields: FileRow['fields'] = {};
    for (const [field, col] of fieldColumns) fields[field] = cellText(row.getCell(col).value);
    const cells = new Map<string, string>();
    for (const [key, col] of columns) cells.set(key, cellText(row.getCell(col).value).text);
    const baselineText = baselineColumn === undefined ? '' : cellText(row.getCell(baselineColumn).value).text;
    rows.push({ row: r, code, cells, fields, baseline: baselineText ? decodeBaseline(baselineText) : null });
  });
  return { edition: meta.edition, rows, problems };
}
