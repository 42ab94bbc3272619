import type ExcelJS from 'exceljs';
import type { ChecklistData, MaterialRow } from './data.js';
import { MATERIALS_SHEET } from './layout.js';
import {
  applyColumns, freezeBelow, rowHeight, setDate, setNumber, setText, setupPrint, STYLES, writeTitle, type ColumnSpec,
} from './sheet-kit.js';

interface Column extends ColumnSpec {
  write: (cell: ExcelJS.Cell, row: MaterialRow, index: number) => void;
  /** Wrapped text, for the row height. */
  shown?: (row: MaterialRow) => string;
}

/** The evaluation's 待审材料索引表: one row per 件, with where it is bound. */
export function writeMaterialsSheet(wb: ExcelJS.Workbook, data: ChecklistData): void {
  const ws = wb.addWorksheet(MATERIALS_SHEET, { properties: { tabColor: { argb: 'FFBF8F00' } } });
  const rows = data.materials;
  const text = (header: string, min: number, max: number, pick: (r: MaterialRow) => string, centered = false): Column => ({
    header, min, max, texts: rows.map(pick), shown: pick,
    write: (cell, row) => setText(cell, pick(row), centered ? STYLES.center : STYLES.text),
  });
  const cols: Column[] = [
    { header: '序号', min: 5, max: 6, write: (cell, _r, i) => setNumber(cell, i + 1) },
    text('档号', 10, 24, (r) => r.reference, true),
    text('题名', 24, 44, (r) => r.title),
    text('文号', 8, 22, (r) => r.docNo, true),
    text('责任者', 8, 16, (r) => r.author, true),
    { header: '日期', min: 11, max: 11, write: (cell, r) => setDate(cell, r.date) },
    { header: '页数', min: 5, max: 6, write: (cell, r) => setNumber(cell, r.pages) },
    text('类型', 6, 7, (r) => r.type, true),
    text('关联测评项', 16, 32, (r) => r.items),
    text('卷/页号', 12, 20, (r) => r.location, true),
    text('备注', 8, 20, (r) => r.note),
  ];
  const widths = applyColumns(ws, cols);
  const title = `${data.year} 年度待审材料索引表`;
  writeTitle(ws, 1, cols.length, `${data.unit.name ? `${data.unit.name} ` : ''}${title}`, STYLES.title, 30);
  writeTitle(
    ws, 2, cols.length,
    `共 ${rows.length} 件　　［ ］内为整理人拟写的题名　　${rows.some((r) => r.location) ? '卷/页号按装订报告' : '尚未装订：档号和卷/页号在导出案卷后生成'}`,
    STYLES.subtitle, 20,
  );
  const head = 3;
  cols.forEach((c, i) => setText(ws.getCell(head, i + 1), c.header, STYLES.header));
  ws.getRow(head).height = rowHeight([]);
  rows.forEach((r, i) => {
    const row = ws.getRow(head + 1 + i);
    cols.forEach((c, k) => c.write(row.getCell(k + 1), r, i));
    row.height = rowHeight(cols.flatMap((c, k): [string, number][] => (c.shown ? [[c.shown(r), widths[k] ?? 10]] : [])));
  });
  ws.autoFilter = { from: { row: head, column: 1 }, to: { row: head + Math.max(rows.length, 1), column: cols.length } };
  freezeBelow(ws, head);
  setupPrint(ws, { title, unit: data.unit.name, repeatRows: `${head}:${head}` });
}
