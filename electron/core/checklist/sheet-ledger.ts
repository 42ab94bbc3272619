import type ExcelJS from 'exceljs';
import type { Rectification } from '../../../shared/api/ledger.js';
import type { ChecklistData } from './data.js';
import { LEDGER_SHEET } from './layout.js';
import {
  applyColumns, FILLS, freezeBelow, rowHeight, setDate, setNumber, setText, setupPrint, STYLES, withFill, writeTitle,
  type ColumnSpec, type StyleName,
} from './sheet-kit.js';

type Styler = (name: StyleName) => Partial<ExcelJS.Style>;

interface Column extends ColumnSpec {
  write: (cell: ExcelJS.Cell, row: Rectification, index: number, style: Styler) => void;
  shown?: (row: Rectification) => string;
}

function daysLate(deadline: string, today: string): number {
  return Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${deadline}T00:00:00Z`)) / 86_400_000);
}

/** The 督查限时整改一览表; rows past their deadline and not 已整改 are filled red. */
export function writeLedgerSheet(wb: ExcelJS.Workbook, data: ChecklistData): void {
  const ws = wb.addWorksheet(LEDGER_SHEET, { properties: { tabColor: { argb: 'FFC00000' } } });
  const rows = data.ledger;
  const overdueText = (r: Rectification): string => (r.overdue && r.deadline ? `逾期 ${daysLate(r.deadline, data.exportedOn)} 天` : '');
  const text = (header: string, min: number, max: number, pick: (r: Rectification) => string, centered = false): Column => ({
    header, min, max, texts: rows.map(pick), shown: pick,
    write: (cell, row, _i, style) => setText(cell, pick(row), style(centered ? 'center' : 'text')),
  });
  const date = (header: string, pick: (r: Rectification) => string | null): Column => ({
    header, min: 11, max: 11, write: (cell, row, _i, style) => setDate(cell, pick(row), style('date')),
  });
  const cols: Column[] = [
    { header: '序号', min: 5, max: 6, write: (cell, _r, i, style) => setNumber(cell, i + 1, style('count')) },
    text('问题描述', 20, 40, (r) => r.problem),
    text('点位', 8, 18, (r) => r.site, true),
    text('关联测评项', 12, 26, (r) => r.items.map((i) => `${i.code} ${i.title}`).join('\n')),
    text('责任单位', 8, 16, (r) => r.unit, true),
    text('分管领导', 8, 12, (r) => r.leader, true),
    date('提出日期', (r) => r.raisedOn),
    date('整改时限', (r) => r.deadline),
    text('整改情况', 16, 36, (r) => r.progress),
    text('状态', 7, 8, (r) => r.state, true),
    date('完成日期', (r) => r.closedOn),
    text('佐证材料', 14, 30, (r) => r.evidence.map((e) => `#${e.id} ${e.title}`).join('\n')),
    text('逾期', 8, 10, overdueText, true),
  ];
  const widths = applyColumns(ws, cols);
  const title = `${data.year} 年度督查限时整改一览表（整改台账）`;
  const overdue = rows.filter((r) => r.overdue).length;
  writeTitle(ws, 1, cols.length, `${data.unit.name ? `${data.unit.name} ` : ''}${title}`, STYLES.title, 30);
  writeTitle(
    ws, 2, cols.length,
    rows.length === 0
      ? '本年度没有登记督查问题'
      : `共 ${rows.length} 条，未完成 ${rows.filter((r) => r.state !== '已整改').length} 条，逾期 ${overdue} 条（红色）　　统计日期：${data.exportedOn}`,
    STYLES.subtitle, 20,
  );
  const head = 3;
  cols.forEach((c, i) => setText(ws.getCell(head, i + 1), c.header, STYLES.header));
  const plain: Styler = (name) => STYLES[name];
  const late: Styler = (name) => withFill(name, FILLS.overdue);
  rows.forEach((r, i) => {
    const row = ws.getRow(head + 1 + i);
    cols.forEach((c, k) => c.write(row.getCell(k + 1), r, i, r.overdue ? late : plain));
    row.height = rowHeight(cols.flatMap((c, k): [string, number][] => (c.shown ? [[c.shown(r), widths[k] ?? 10]] : [])));
  });
  ws.autoFilter = { from: { row: head, column: 1 }, to: { row: head + Math.max(rows.length, 1), column: cols.length } };
  freezeBelow(ws, head);
  setupPrint(ws, { title, unit: data.unit.name, repeatRows: `${head}:${head}` });
}
