import type ExcelJS from 'exceljs';
import { loadExcelJS, type ExcelJS as ExcelJSModule } from '../lazy-modules.js';
import type { ChecklistData } from './data.js';
import { deflateStoredZip } from './deflate.js';
import { META_KIND, META_SHEET } from './layout.js';
import { setText } from './sheet-kit.js';
import { writeLedgerSheet } from './sheet-ledger.js';
import { writeMaterialsSheet } from './sheet-materials.js';
import { writeSelfCheckSheet } from './sheet-self-check.js';
import { writeSummarySheet } from './sheet-summary.js';

/** The hidden marks a re-import checks: this is a Taizhang checklist, of this year and edition. */
export interface ChecklistMeta {
  kind: string;
  year: number;
  edition: number;
}

function writeMeta(wb: ExcelJS.Workbook, data: ChecklistData): void {
  const ws = wb.addWorksheet(META_SHEET, { state: 'veryHidden' });
  const entries: [string, string | number][] = [
    ['kind', META_KIND],
    ['year', data.year],
    ['edition', data.edition.id],
    ['exported', data.exportedOn],
  ];
  entries.forEach(([k, v], i) => {
    setText(ws.getCell(i + 1, 1), k);
    if (typeof v === 'number') ws.getCell(i + 1, 2).value = v;
    else setText(ws.getCell(i + 1, 2), v);
  });
}

export function buildChecklistWorkbook(excel: ExcelJSModule, data: ChecklistData): ExcelJS.Workbook {
  const wb = new excel.Workbook();
  wb.creator = 'Taizhang 台账';
  wb.title = `${data.year} 年度创建文明城市软件资料自查表`;
  wb.company = data.unit.name;
  const created = new Date();
  wb.created = created;
  wb.modified = created;
  writeSelfCheckSheet(wb, data);
  writeSummarySheet(wb, data);
  writeMaterialsSheet(wb, data);
  writeLedgerSheet(wb, data);
  writeMeta(wb, data);
  wb.views = [{ x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, activeTab: 0, visibility: 'visible' }];
  return wb;
}

export async function checklistBytes(data: ChecklistData): Promise<Uint8Array> {
  const stored = await buildChecklistWorkbook(await loadExcelJS(), data).xlsx.writeBuffer({ zip: { compression: 'STORE' } } as Partial<ExcelJS.XlsxWriteOptions>);
  return deflateStoredZip(new Uint8Array(stored));
}
