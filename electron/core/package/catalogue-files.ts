import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { CatalogueRow } from '../../../shared/api/archival.js';
import { applyColumns, setNumber, setText, STYLES, writeTitle } from '../checklist/sheet-kit.js';
import { toCsv } from '../integrity/csv.js';
import { loadExcelJS } from '../lazy-modules.js';

/** The nine columns of the 归档文件目录 (DA/T 22). */
export const CATALOGUE_HEADERS = ['序号', '档号', '文号', '责任者', '题名', '日期', '密级', '页数', '备注'] as const;

function cells(r: CatalogueRow): (string | number | null)[] {
  return [r.seq, r.archivalCode, r.docNo, r.author, r.title, r.date, r.secrecy, r.pages, r.note];
}

/**
 * The 归档文件目录 of the package as a workbook and as CSV (UTF-8 with BOM, for Excel and WPS). Every text cell is
 * written as text, so a title starting with "=" stays a title. Returns the entry names written under `dir`.
 */
export async function writeCatalogueFiles(dir: string, unit: string, year: number, rows: readonly CatalogueRow[]): Promise<string[]> {
  const xlsx = `${year}年度归档文件目录.xlsx`;
  const csv = `${year}年度归档文件目录.csv`;
  const ExcelJS = await loadExcelJS();
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Taizhang';
  const ws = wb.addWorksheet('归档文件目录', { pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  writeTitle(ws, 1, CATALOGUE_HEADERS.length, `${unit}${year}年度归档文件目录`, STYLES.title, 28);
  CATALOGUE_HEADERS.forEach((h, i) => setText(ws.getCell(2, i + 1), h, STYLES.header));
  rows.forEach((r, n) => {
    cells(r).forEach((v, i) => {
      const cell = ws.getCell(n + 3, i + 1);
      if (typeof v === 'number' || v === null) setNumber(cell, v);
      else setText(cell, v, i === 4 || i === 8 ? STYLES.text : STYLES.center);
    });
  });
  applyColumns(ws, CATALOGUE_HEADERS.map((header, i) => ({ header, min: 6, max: i === 4 ? 60 : 24, texts: rows.map((r) => String(cells(r)[i] ?? '')) })));
  ws.views = [{ state: 'frozen', ySplit: 2 }];
  await fs.writeFile(path.join(dir, xlsx), Buffer.from(await wb.xlsx.writeBuffer()));
  await fs.writeFile(path.join(dir, csv), toCsv([[...CATALOGUE_HEADERS], ...rows.map(cells)]));
  return [xlsx, csv];
}
