import type ExcelJS from 'exceljs';
import { RECTIFICATION_STATES, type Rectification } from '../../../shared/api/ledger.js';
import { lockedHeaders, writeBaselines } from './cells.js';
import type { ChecklistData } from './data.js';
import { HEADER, LEDGER_HEADER, LEDGER_SHEET, TRACKED } from './layout.js';
import {
  applyColumns, FILLS, finishListSheet, fitToBudget, planPageBreaks, printScale, rowHeight, setDate, setNumber, setText, 
  STYLES, unlocked, withFill, writeTitle, type ColumnSpec, type StyleName,
} from './sheet-kit.js';

type Styler = (name: StyleName) => Partial<ExcelJS.Style>;

interface Column extends ColumnSpec {
  editable?: boolean;
  write: (cell: ExcelJS.Cell, row: Rectification, index: number, style: Styler) => void;
  shown?: (row: Rectification) => string;
}

/** exceljs validates whole ranges through `dataValidations.add`, which its type declarations omit. */
type WithRangeValidations = ExcelJS.Worksheet & { dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void } };

function daysLate(deadline: string, today: string): number {
  return Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${deadline}T00:00:00Z`)) / 86_400_000);
}

/** "#12 题名" per line: the clerk adds or removes proof by its record number. */
export function evidenceText(r: Rectification): string {
  return r.evidence.map((e) => `#${e.id} ${e.title}`).join('\n');
}

/** The record numbers of the proof, sorted: what is compared across export, archive and file. */
export function evidenceKey(ids: readonly number[]): string {
  return [...new Set(ids)].sort((a, b) => a - b).join(',');
}

export const LEDGER_HEAD_ROW = 3;

/** Where the 汇总 finds the ledger's columns. */
export interface LedgerRefs {
  id: string;
  state: string;
  deadline: string;
}

/**
 * The 督查限时整改一览表; rows past their deadline and not 已整改 are filled red. 状态, 完成日期, 整改情况 and 佐证材料
 * are the clerk's to edit (they come back through checklist apply); the rest is locked.
 */
export async function writeLedgerSheet(ws: ExcelJS.Worksheet, data: ChecklistData): Promise<{ refs: LedgerRefs; locked: string[] }> {
  const rows = data.ledger;
  const overdueText = (r: Rectification): string => (r.overdue && r.deadline ? `逾期 ${daysLate(r.deadline, data.exportedOn)} 天` : '');
  const text = (header: string, min: number, max: number, pick: (r: Rectification) => string, centered = false, editable = false): Column => ({
    header, min, max, texts: rows.map(pick), shown: pick, editable,
    write: (cell, row, _i, style) => {
      const s = style(centered ? 'center' : 'text');
      setText(cell, pick(row), editable ? unlocked(s) : s);
    },
  });
  const date = (header: string, pick: (r: Rectification) => string | null, editable = false): Column => ({
    header, min: 11, max: 11, editable,
    write: (cell, row, _i, style) => setDate(cell, pick(row), editable ? unlocked(style('date')) : style('date')),
  });
  const cols: Column[] = [
    { header: '序号', min: 4, max: 5, write: (cell, _r, i, style) => setNumber(cell, i + 1, style('count')) },
    text('问题描述', 16, 30, (r) => r.problem),
    text('点位', 8, 14, (r) => r.site, true),
    text('关联测评项', 12, 20, (r) => r.items.map((i) => `${i.code} ${i.title}`).join('\n')),
    text('责任单位', 8, 14, (r) => r.unit, true),
    text('分管领导', 7, 10, (r) => r.leader, true),
    date('提出日期', (r) => r.raisedOn),
    date('整改时限', (r) => r.deadline),
    text(LEDGER_HEADER.progress, 14, 28, (r) => r.progress, false, true),
    text(LEDGER_HEADER.state, 7, 8, (r) => r.state, true, true),
    date(LEDGER_HEADER.closedOn, (r) => r.closedOn, true),
    text(LEDGER_HEADER.evidence, 12, 24, evidenceText, false, true),
    text('逾期', 7, 9, overdueText, true),
    { ...text(LEDGER_HEADER.id, 8, 8, (r) => String(r.id)), hidden: true, shown: undefined },
    { ...text(HEADER.baseline, 8, 8, () => ''), hidden: true, shown: undefined },
  ];
  const widths = fitToBudget(ws, cols, applyColumns(ws, cols));
  const visible = cols.filter((c) => !c.hidden).length;
  const title = `${data.year} 年度督查限时整改一览表（整改台账）`;
  const overdue = rows.filter((r) => r.overdue).length;
  writeTitle(ws, 1, visible, `${data.unit.name ? `${data.unit.name} ` : ''}${title}`, STYLES.title, 30);
  writeTitle(
    ws, 2, visible,
    rows.length === 0
      ? '本年度没有登记督查问题'
      : `共 ${rows.length} 条，未完成 ${rows.filter((r) => r.state !== '已整改').length} 条，逾期 ${overdue} 条（红色）　　统计日期：${data.exportedOn}` +
        '　　状态、完成日期、整改情况、佐证材料（#记录号）可直接修改，经“读回自查表”写入台账',
    STYLES.subtitle, 20,
  );
  const head = LEDGER_HEAD_ROW;
  cols.forEach((c, i) => setText(ws.getCell(head, i + 1), c.header, STYLES.header));
  ws.getRow(head).height = rowHeight([]);
  const plain: Styler = (name) => STYLES[name];
  const late: Styler = (name) => withFill(name, FILLS.overdue);
  const heights = rows.map((r, i) => {
    const row = ws.getRow(head + 1 + i);
    cols.forEach((c, k) => c.write(row.getCell(k + 1), r, i, r.overdue ? late : plain));
    row.height = rowHeight(cols.flatMap((c, k): [string, number][] => (c.shown ? [[c.shown(r), widths[k] ?? 10]] : [])));
    return row.height;
  });
  const last = head + Math.max(rows.length, 1);
  if (rows.length > 0) {
    const letter = ws.getColumn(cols.findIndex((c) => c.header === LEDGER_HEADER.state) + 1).letter;
    (ws as WithRangeValidations).dataValidations.add(`${letter}${head + 1}:${letter}${last}`, {
      type: 'list',
      allowBlank: false,
      formulae: [`"${RECTIFICATION_STATES.join(',')}"`],
      showErrorMessage: true,
      errorStyle: 'stop',
      errorTitle: LEDGER_HEADER.state,
      error: `请从列表中选择：${RECTIFICATION_STATES.join('、')}`,
    });
  }
  const headers = cols.map((c) => c.header);
  const locked = lockedHeaders(TRACKED.ledger, headers, ['序号']);
  writeBaselines(
    ws,
    new Map(headers.map((h, i) => [h, i + 1])),
    locked,
    rows.map((r, i) => ({ row: head + 1 + i, values: [r.state, r.closedOn ?? '', r.progress, evidenceKey(r.evidence.map((e) => e.id))] })),
    STYLES.text,
  );
  await finishListSheet(ws, {
    headerRows: [head, head], lastRow: last, printTo: last, columns: visible, title, unit: data.unit.name,
    breaksAfter: planPageBreaks(heights, 50, rowHeight([]), printScale(widths, cols)).map((i) => head + i),
  });
  const range = (header: string): string => {
    const letter = ws.getColumn(headers.indexOf(header) + 1).letter;
    return `'${LEDGER_SHEET}'!$${letter}$${head + 1}:$${letter}$${last}`;
  };
  return { refs: { id: range(LEDGER_HEADER.id), state: range(LEDGER_HEADER.state), deadline: range('整改时限') }, locked };
}
