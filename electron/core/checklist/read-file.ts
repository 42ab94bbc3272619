import { stat } from 'node:fs/promises';
import type ExcelJS from 'exceljs';
import { guardZip, looksLikeZip } from '../files/zip-guard.js';
import { loadExcelJS } from '../lazy-modules.js';
import type { ChecklistProblem } from '../../../shared/api/checklist.js';
import { TaizhangError } from '../../../shared/errors.js';
import { cellText, fingerprint, headerKey, textOf, type CellText } from './cells.js';
import { AUDITOR_HEADERS, decodeBaseline, HEADER, META_KIND, META_SHEET, SELF_CHECK_SHEET, TRACKED, type Baseline, type TrackedSheet } from './layout.js';

export { cellText, headerKey, type CellText } from './cells.js';

/** One data row of a tracked sheet, as found. */
export interface FileRow {
  row: number;
  /** The hidden key: item code, record number or ledger number. */
  key: string;
  /** Text of every headed column by header key. */
  cells: Map<string, CellText>;
  baseline: Baseline | null;
}

export interface TrackedRows {
  /** Null when the sheet is not in the file. */
  rows: FileRow[] | null;
  /** Columns found, by header key. */
  columns: Map<string, number>;
}

export interface ChecklistFile {
  year: number;
  edition: number | null;
  /** The archive it was exported from (id, 单位, 全宗号); null in a file without Taizhang's marks. */
  source: { archive: string; unit: string; fonds: string } | null;
  /** The marks sheet is there but no longer very hidden (LibreOffice saved the file): apply hides it again. */
  marksUnhidden: boolean;
  selfCheck: TrackedRows;
  materials: TrackedRows;
  ledger: TrackedRows;
  problems: ChecklistProblem[];
}

/** Header rows are searched within the first rows only: a title and a note line may sit above the table. */
const HEADER_SEARCH_ROWS = 12;
/** An edited checklist is far below this; a larger file is not one. */
const MAX_FILE_BYTES = 100 * 1024 * 1024;
/** Locked-column edits are listed one by one up to this many per sheet, then counted. */
const LOCKED_LIST_LIMIT = 50;

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

interface Meta {
  year: number | null;
  edition: number | null;
  source: ChecklistFile['source'];
  marked: boolean;
  unhidden: boolean;
  /** Locked headers per sheet, in fingerprint order. */
  locked: Map<string, string[]>;
}

function readMeta(wb: ExcelJS.Workbook, problems: ChecklistProblem[]): Meta {
  const ws = wb.getWorksheet(META_SHEET);
  const locked = new Map<string, string[]>();
  if (!ws) return { year: null, edition: null, source: null, marked: false, unhidden: false, locked };
  const values = new Map<string, ExcelJS.CellValue>();
  ws.eachRow((row) => values.set(cellText(row.getCell(1).value).text, row.getCell(2).value));
  const kind = cellText(values.get('kind') ?? null).text;
  if (kind !== META_KIND) {
    throw new TaizhangError('bad_table', '这个文件不是台账导出的自查表 / Not a checklist exported by Taizhang');
  }
  // LibreOffice saves a very hidden sheet as merely hidden: the marks still hold, and a re-export hides them again.
  if (ws.state !== 'veryHidden') {
    problems.push({
      row: 0, code: null, kind: 'notice', sheet: META_SHEET,
      message: '文件另存时台账的标记工作表由“深度隐藏”变成了普通隐藏（LibreOffice 会这样保存），标记仍然有效；读入后会在文件中恢复为深度隐藏 / The marks sheet is merely hidden after another program saved the file; applying hides it again',
    });
  }
  const num = (k: string): number | null => {
    const v = values.get(k);
    if (typeof v === 'number' && Number.isInteger(v)) return v;
    const t = cellText(v ?? null).text;
    return /^\d+$/.test(t) ? Number(t) : null;
  };
  for (const t of Object.values(TRACKED)) {
    try {
      const list = JSON.parse(cellText(values.get(`locked:${t.sheet}`) ?? null).text) as unknown;
      if (Array.isArray(list) && list.every((h) => typeof h === 'string')) locked.set(t.sheet, list as string[]);
    } catch {
      // No list: locked columns of this sheet are not checked.
    }
  }
  const text = (k: string): string => cellText(values.get(k) ?? null).text;
  // Files exported before the archive id was written carry none; they are not refused for it.
  const source = text('archive') ? { archive: text('archive'), unit: text('unit'), fonds: text('fonds') } : null;
  return { year: num('year'), edition: num('edition'), source, marked: true, unhidden: ws.state !== 'veryHidden', locked };
}

export function columnLetter(n: number): string {
  let s = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
  return s;
}

/** Finds the header by the hidden key column, then reads every keyed row, checking its locked cells against their fingerprints. */
function readTracked(ws: ExcelJS.Worksheet, spec: TrackedSheet, meta: Meta, problems: ChecklistProblem[]): TrackedRows {
  const columns = new Map<string, number>();
  let headerRow = 0;
  for (let r = 1; r <= Math.min(HEADER_SEARCH_ROWS, ws.rowCount); r++) {
    const found = new Map<string, number>();
    ws.getRow(r).eachCell({ includeEmpty: false }, (cell, col) => {
      const key = headerKey(textOf(cell).text);
      if (key && !found.has(key)) found.set(key, col);
    });
    if (!found.has(headerKey(spec.key))) continue;
    // A two-row header: the row below names the columns under a group (单位自查 → 完成情况…).
    if (spec.headerRows.length > 1) {
      ws.getRow(r + 1).eachCell({ includeEmpty: false }, (cell, col) => {
        const key = headerKey(textOf(cell).text);
        if (key) found.set(key, col);
      });
    }
    for (const [k, v] of found) columns.set(k, v);
    headerRow = r + spec.headerRows.length - 1;
    break;
  }
  if (headerRow === 0) {
    problems.push({
      row: 0, code: null, kind: 'unmarked', sheet: spec.sheet,
      message: `「${spec.sheet}」中找不到隐藏的「${spec.key}」列，此表的修改未读取 / The hidden key column of ${spec.sheet} is missing`,
    });
    return { rows: null, columns };
  }
  for (const field of spec.fields) {
    if (!columns.has(headerKey(field))) {
      problems.push({ row: 0, code: null, kind: 'invalid', sheet: spec.sheet, message: `「${spec.sheet}」找不到「${field}」列，此列的修改未读取 / Column ${field} not found` });
    }
  }
  const baselineColumn = columns.get(headerKey(HEADER.baseline));
  if (baselineColumn === undefined && meta.marked) {
    problems.push({
      row: 0, code: null, kind: 'unmarked', sheet: spec.sheet,
      message: `「${spec.sheet}」找不到导出时的原值列：与档案不同的单元格都按冲突列出 / Baseline column of ${spec.sheet} not found`,
    });
  }
  const locked = meta.locked.get(spec.sheet) ?? [];
  const lockedColumns = locked.map((h) => columns.get(headerKey(h)));
  const gone = locked.filter((_, i) => lockedColumns[i] === undefined);
  if (gone.length > 0) {
    problems.push({ row: 0, code: null, kind: 'locked', sheet: spec.sheet, message: `「${spec.sheet}」中这些列被删除或改了列名：${gone.join('、')}（此列由台账生成） / Generated columns removed` });
  }
  const auditorColumns = AUDITOR_HEADERS.map((h) => [h, columns.get(headerKey(h))] as const).filter((e): e is readonly [string, number] => e[1] !== undefined);

  const rows: FileRow[] = [];
  const lockedEdits: string[] = [];
  let unmarkedRows = 0;
  const auditorCells: string[] = [];
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    if (r <= headerRow) return;
    const key = textOf(row.getCell(columns.get(headerKey(spec.key)) as number)).text;
    if (key === '' || headerKey(key) === headerKey(spec.key)) return;
    const cells = new Map<string, CellText>();
    for (const [k, col] of columns) cells.set(k, textOf(row.getCell(col)));
    const baselineText = baselineColumn === undefined ? '' : textOf(row.getCell(baselineColumn)).text;
    const baseline = baselineText ? decodeBaseline(baselineText, spec.fields.length) : null;
    if (!baseline) unmarkedRows++;
    else if (baseline.fingerprints.length === locked.length * 4) {
      locked.forEach((header, i) => {
        const col = lockedColumns[i];
        if (col === undefined) return;
        if (fingerprint(textOf(row.getCell(col)).text) !== baseline.fingerprints.slice(i * 4, i * 4 + 4)) {
          lockedEdits.push(`${columnLetter(col)}${r}`);
          if (lockedEdits.length <= LOCKED_LIST_LIMIT) {
            problems.push({
              row: r, code: key, kind: 'locked', sheet: spec.sheet, cell: `${columnLetter(col)}${r}`,
              message: `${spec.sheet} ${columnLetter(col)}${r}（${header}）：未导入（此列由台账生成） / Not imported: Taizhang generates this column`,
            });
          }
        }
      });
    }
    for (const [header, col] of auditorColumns) {
      if (textOf(row.getCell(col)).text !== '') auditorCells.push(`${columnLetter(col)}${r}（${header}）`);
    }
    rows.push({ row: r, key, cells, baseline });
  });
  if (lockedEdits.length > LOCKED_LIST_LIMIT) {
    problems.push({
      row: 0, code: null, kind: 'locked', sheet: spec.sheet,
      message: `「${spec.sheet}」另有 ${lockedEdits.length - LOCKED_LIST_LIMIT} 个由台账生成的单元格被改动，未导入 / More edits in generated columns`,
    });
  }
  if (auditorCells.length > 0) {
    problems.push({
      row: 0, code: null, kind: 'ignored', sheet: spec.sheet,
      message: `检查组填写的 ${auditorCells.slice(0, 10).join('、')}${auditorCells.length > 10 ? ` 等 ${auditorCells.length} 格` : ''} 只供打印，台账不保存 / Inspection columns are not stored`,
    });
  }
  if (unmarkedRows > 0 && baselineColumn !== undefined) {
    problems.push({
      row: 0, code: null, kind: 'unmarked', sheet: spec.sheet,
      message: `「${spec.sheet}」有 ${unmarkedRows} 行的导出时原值缺失或被清除：这些行与档案不同的单元格按冲突列出，需逐个选择 / Rows without their export record: differences are conflicts`,
    });
  }
  return { rows, columns };
}

/**
 * Reads the tracked sheets of a checklist workbook. Columns are found by their header text, rows by the hidden key
 * columns, so sorting, filtering and inserted columns do not matter. A file that is not such a workbook is refused.
 * The year comes from the file's marks when not given; given, it must agree with them.
 */
export async function readChecklistFile(file: string, year?: number): Promise<ChecklistFile> {
  const wb = await loadWorkbook(file);
  const problems: ChecklistProblem[] = [];
  const meta = readMeta(wb, problems);
  if (meta.year !== null && year !== undefined && meta.year !== year) {
    throw new TaizhangError('bad_table', `这份自查表是 ${meta.year} 年度的，不是 ${year} 年度 / The checklist is for another year`);
  }
  const fileYear = year ?? meta.year;
  if (fileYear === null) {
    throw new TaizhangError('invalid_input', '文件中没有记录年度，请指定年度 / The file does not record its year; give --year');
  }
  const ws = wb.getWorksheet(SELF_CHECK_SHEET);
  if (!ws) {
    const names = wb.worksheets.filter((w) => w.state === 'visible').map((w) => w.name).join('、') || '无';
    throw new TaizhangError('bad_table', `文件中没有「${SELF_CHECK_SHEET}」工作表（现有：${names}） / The workbook has no self-check sheet`);
  }
  if (!meta.marked) {
    problems.push({ row: 0, code: null, kind: 'unmarked', message: '文件中没有台账的隐藏标记（年度、版本）：与档案不同的单元格都按冲突列出 / File lacks Taizhang marks' });
  }
  const selfCheck = readTracked(ws, TRACKED.selfCheck, meta, problems);
  if (selfCheck.rows === null) {
    throw new TaizhangError(
      'bad_table',
      `「${SELF_CHECK_SHEET}」中找不到「${HEADER.code}」列，无法逐行对应；请使用台账导出的自查表 / The hidden code column is missing`,
    );
  }
  if (!TRACKED.selfCheck.fields.some((f) => selfCheck.columns.has(headerKey(f)))) {
    throw new TaizhangError('bad_table', '自查表中没有可导入的列（完成情况、责任单位/责任人、备注） / No editable columns found');
  }
  const other = (spec: TrackedSheet): TrackedRows => {
    const sheet = wb.getWorksheet(spec.sheet);
    if (sheet) return readTracked(sheet, spec, meta, problems);
    problems.push({ row: 0, code: null, kind: 'missing', sheet: spec.sheet, message: `文件中没有「${spec.sheet}」工作表，其中的修改未读取 / Sheet ${spec.sheet} is missing` });
    return { rows: null, columns: new Map() };
  };
  return { year: fileYear, edition: meta.edition, source: meta.source, marksUnhidden: meta.unhidden, selfCheck, materials: other(TRACKED.materials), ledger: other(TRACKED.ledger), problems };
}
