/**
 * Takes the cells of a city's .xlsx index table out as text, one grid per visible sheet. Formulas are never evaluated:
 * a formula cell gives the result Excel saved with it, and a text cell that starts with = + - @ is just text.
 */
import { open, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type ExcelJS from 'exceljs';
import { loadExcelJS, type ExcelJS as ExcelJSModule } from '../lazy-modules.js';
import { TaizhangError } from '../../../shared/errors.js';
import { guardZip } from '../files/zip-guard.js';
import type { CellRange, SheetGrid } from './parse-table.js';

/** City index tables are a few hundred rows; anything near these limits is not one. */
const MAX_FILE_BYTES = 30 * 1024 * 1024;
const MAX_ROWS = 20_000;
const MAX_COLUMNS = 200;

const badFile = (message: string): TaizhangError => new TaizhangError('bad_file', message);

const OTHER_FORMATS: Record<string, string> = {
  '.xls': '这是旧版 Excel（.xls）文件，请在 Excel 或 WPS 中“另存为”.xlsx 后再导入 / Old .xls format: save it as .xlsx first',
  '.et': '这是 WPS 表格（.et）文件，请在 WPS 中“另存为”.xlsx 后再导入 / WPS .et format: save it as .xlsx first',
  '.csv': '这是 CSV 文本文件，请在 Excel 或 WPS 中打开并“另存为”.xlsx 后再导入 / CSV file: save it as .xlsx first',
  '.ods': '这是 ODS 表格（.ods），请另存为 .xlsx 后再导入 / ODS file: save it as .xlsx first',
  '.doc': '这是 Word 文档，测评体系需要 Excel 表格（.xlsx） / A Word document is not an index table',
  '.docx': '这是 Word 文档，测评体系需要 Excel 表格（.xlsx）；可把 Word 中的表格复制到 Excel 后另存为 .xlsx / A Word document is not an index table',
  '.wps': '这是 WPS 文字文档，测评体系需要 Excel 表格（.xlsx） / A WPS document is not an index table',
  '.pdf': '这是 PDF 文件，测评体系需要 Excel 表格（.xlsx） / A PDF is not an index table',
};

async function readHead(file: string): Promise<Buffer> {
  const handle = await open(file, 'r');
  try {
    const head = Buffer.alloc(8);
    const { bytesRead } = await handle.read(head, 0, 8, 0);
    return head.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** Refuses what is not a readable .xlsx before exceljs sees it, with the reason a clerk can act on. */
async function checkContainer(file: string): Promise<void> {
  const info = await stat(file).catch(() => undefined);
  if (!info?.isFile()) throw new TaizhangError('not_found', `找不到文件：${file} / File not found`);
  if (info.size === 0) throw badFile(`文件是空的：${path.basename(file)} / The file is empty`);
  if (info.size > MAX_FILE_BYTES) throw badFile(`文件过大（超过 30 MB），不像是测评体系表格 / File too large for an index table`);
  const ext = path.extname(file).toLowerCase();
  const head = await readHead(file);
  const isZip = head.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
  const isOle = head.equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]));
  if (isOle) {
    // Excel saves a password-protected .xlsx inside an OLE container with an "EncryptedPackage" stream.
    const whole = await readFile(file);
    if (whole.includes(Buffer.from('EncryptedPackage', 'utf16le'))) {
      throw badFile('表格设置了打开密码，请在 Excel 或 WPS 中取消密码后再导入 / The workbook is password-protected');
    }
    throw badFile(OTHER_FORMATS['.xls'] as string);
  }
  if (!isZip) {
    throw badFile(
      OTHER_FORMATS[ext] ??
        `不是 Excel（.xlsx）文件，可能是文本文件或编码不对：${path.basename(file)} / Not an .xlsx file (wrong format or encoding)`,
    );
  }
  if (ext !== '.xlsx' && ext !== '.xlsm' && OTHER_FORMATS[ext]) throw badFile(OTHER_FORMATS[ext]);
  // Inflated and counted here, merges and rows bounded, before exceljs expands anything.
  await guardZip(file, '表格', { workbook: true });
}

type CellValue = ExcelJS.CellValue;

/** A cell's text, or the reason it has none that can be used. */
function cellText(value: CellValue): { text: string } | { unreadable: string } {
  if (value === null || value === undefined) return { text: '' };
  if (typeof value === 'string') return { text: value };
  if (typeof value === 'number') return { text: String(value) };
  if (typeof value === 'boolean') return { text: value ? 'TRUE' : 'FALSE' };
  // exceljs gives date cells as UTC instants; the calendar day is read in UTC so no time zone shifts it.
  if (value instanceof Date) return { text: Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10) };
  if ('error' in value) return { unreadable: `单元格是错误值 ${value.error}` };
  if ('richText' in value) return { text: value.richText.map((run) => run.text).join('') };
  if ('hyperlink' in value) return cellText(value.text as CellValue);
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as { result?: unknown }).result;
    if (result === undefined || result === null) return { unreadable: '公式没有保存计算结果，请在 Excel 中打开并保存后再导入' };
    if (typeof result === 'object' && !(result instanceof Date) && !('error' in result)) return { text: '' };
    return cellText(result as CellValue);
  }
  return { text: '' };
}

/** "B3:D7" → 0-based inclusive range. */
export function parseRange(range: string): CellRange | undefined {
  const m = /^\$?([A-Z]+)\$?(\d+):\$?([A-Z]+)\$?(\d+)$/.exec(range);
  if (!m) return undefined;
  const col = (letters: string): number => [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  return { top: Number(m[2]) - 1, left: col(m[1] ?? 'A'), bottom: Number(m[4]) - 1, right: col(m[3] ?? 'A') };
}

function toGrid(excel: ExcelJSModule, sheet: ExcelJS.Worksheet): SheetGrid {
  const rows: string[][] = [];
  const unreadable = new Map<string, string>();
  let count = 0;
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    count++;
    if (count > MAX_ROWS) return;
    const r = rowNumber - 1;
    const cells: string[] = [];
    row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
      if (colNumber > MAX_COLUMNS) return;
      // Cells covered by a merge read as empty; the merge's first cell holds the text.
      if (cell.type === excel.ValueType.Merge) return;
      const read = cellText(cell.value);
      if ('unreadable' in read) unreadable.set(`${r}:${colNumber - 1}`, read.unreadable);
      else cells[colNumber - 1] = read.text;
    });
    rows[r] = Array.from(cells, (t) => t ?? '');
  });
  if (count > MAX_ROWS) {
    throw badFile(`工作表「${sheet.name}」超过 ${MAX_ROWS} 行，不像是测评体系表格 / Sheet too large for an index table`);
  }
  const merges = sheet.model.merges.map(parseRange).filter((m): m is CellRange => m !== undefined);
  return { name: sheet.name, rows: Array.from(rows, (r) => r ?? []), merges, unreadable };
}

/** The visible sheets of a workbook as text grids. */
export async function readWorkbookGrids(file: string): Promise<SheetGrid[]> {
  await checkContainer(file);
  const excel = await loadExcelJS();
  const workbook = new excel.Workbook();
  try {
    await workbook.xlsx.readFile(file);
  } catch {
    throw badFile(`表格文件已损坏或不是 Excel 表格，无法读取：${path.basename(file)} / The workbook cannot be read`);
  }
  const grids: SheetGrid[] = [];
  workbook.eachSheet((sheet) => {
    if (sheet.state === 'visible') grids.push(toGrid(excel, sheet));
  });
  if (grids.length === 0) throw badFile('表格中没有可见的工作表 / The workbook has no visible sheet');
  return grids;
}
