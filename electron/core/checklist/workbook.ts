import type ExcelJS from 'exceljs';
import { loadExcelJS, type ExcelJS as ExcelJSModule } from '../lazy-modules.js';
import type { ChecklistData } from './data.js';
import { deflateStoredZip } from './deflate.js';
import { LEDGER_SHEET, MATERIALS_SHEET, META_KIND, META_SHEET, SELF_CHECK_SHEET, SUMMARY_SHEET, TRACKED } from './layout.js';
import { setText } from './sheet-kit.js';
import { writeLedgerSheet } from './sheet-ledger.js';
import { planMaterials, writeMaterialsSheet } from './sheet-materials.js';
import { writeSelfCheckSheet } from './sheet-self-check.js';
import { writeSummarySheet } from './sheet-summary.js';

/** The hidden marks a re-import checks: this is a Taizhang checklist, of this year and edition. */
export interface ChecklistMeta {
  kind: string;
  year: number;
  edition: number;
}

/** Meta key naming the locked columns of a tracked sheet, in the order of its rows' fingerprints. */
export function lockedKey(sheet: string): string {
  return `locked:${sheet}`;
}

function writeMeta(ws: ExcelJS.Worksheet, data: ChecklistData, locked: ReadonlyMap<string, readonly string[]>): void {
  const entries: [string, string | number][] = [
    ['kind', META_KIND],
    ['year', data.year],
    ['edition', data.edition.id],
    ['exported', data.exportedOn],
    ['archive', data.archiveId],
    ['unit', data.unit.name],
    ['fonds', data.unit.fonds],
    ...[...locked].map(([sheet, headers]): [string, string] => [lockedKey(sheet), JSON.stringify(headers)]),
  ];
  entries.forEach(([k, v], i) => {
    setText(ws.getCell(i + 1, 1), k);
    if (typeof v === 'number') ws.getCell(i + 1, 2).value = v;
    else setText(ws.getCell(i + 1, 2), v);
  });
}

export async function buildChecklistWorkbook(excel: ExcelJSModule, data: ChecklistData): Promise<ExcelJS.Workbook> {
  const wb = new excel.Workbook();
  wb.creator = 'Taizhang 台账';
  wb.title = `${data.year} 年度创建文明城市软件资料自查表`;
  wb.company = data.unit.name;
  const created = new Date();
  wb.created = created;
  wb.modified = created;
  // Sheets in reading order; written in the order their formulas and links need.
  const selfCheck = wb.addWorksheet(SELF_CHECK_SHEET, { properties: { tabColor: { argb: 'FF2F5597' } } });
  const summary = wb.addWorksheet(SUMMARY_SHEET, { properties: { tabColor: { argb: 'FF548235' } } });
  const materials = wb.addWorksheet(MATERIALS_SHEET, { properties: { tabColor: { argb: 'FFBF8F00' } } });
  const ledger = wb.addWorksheet(LEDGER_SHEET, { properties: { tabColor: { argb: 'FFC00000' } } });
  const meta = wb.addWorksheet(META_SHEET, { state: 'veryHidden' });
  const plan = planMaterials(data);
  const materialsLocked = await writeMaterialsSheet(materials, data, plan.lines);
  const self = await writeSelfCheckSheet(selfCheck, data, plan.firstRow);
  const rectifications = await writeLedgerSheet(ledger, data);
  await writeSummarySheet(summary, data, self.refs, rectifications.refs);
  writeMeta(meta, data, new Map([[TRACKED.selfCheck.sheet, self.locked], [TRACKED.materials.sheet, materialsLocked], [TRACKED.ledger.sheet, rectifications.locked]]));
  // Formulas are recalculated when the file opens, whatever a program did to their stored results.
  wb.calcProperties = { ...wb.calcProperties, fullCalcOnLoad: true };
  wb.views = [{ x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, activeTab: 0, visibility: 'visible' }];
  return wb;
}

export async function checklistBytes(data: ChecklistData): Promise<Uint8Array> {
  const stored = await (await buildChecklistWorkbook(await loadExcelJS(), data)).xlsx.writeBuffer({ zip: { compression: 'STORE' } } as Partial<ExcelJS.XlsxWriteOptions>);
  return deflateStoredZip(new Uint8Array(stored));
}
