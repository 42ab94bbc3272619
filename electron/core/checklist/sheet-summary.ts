import type ExcelJS from 'exceljs';
import { COMPLETENESS } from '../../../shared/api/status.js';
import { RECORD_TYPES } from '../../../shared/domain/record.js';
import type { ChecklistData, LeafRow } from './data.js';
import { itemText, SUMMARY_SHEET } from './layout.js';
import { applyColumns, FILLS, heightFor, setNumber, setText, setupPrint, STYLES, withFill, writeTitle } from './sheet-kit.js';
import { STATUS_FILLS } from './sheet-self-check.js';

export interface ProgressRow {
  label: string;
  total: number;
  counts: Record<(typeof COMPLETENESS)[number], number>;
  /** 齐全 ÷ (total − 不适用); null when nothing applies. */
  rate: number | null;
}

function progress(label: string, leaves: readonly LeafRow[]): ProgressRow {
  const counts = Object.fromEntries(COMPLETENESS.map((s) => [s, leaves.filter((l) => l.status === s).length])) as ProgressRow['counts'];
  const applicable = leaves.length - counts.不适用;
  return { label, total: leaves.length, counts, rate: applicable > 0 ? counts.齐全 / applicable : null };
}

/** One row per top-level item (测评项目), then the whole year. */
export function progressRows(data: ChecklistData): ProgressRow[] {
  const tops = data.items.filter((i) => i.level === 1);
  const rows = tops.map((top) =>
    progress(itemText(top), data.leaves.filter((l) => l.item.code === top.code || l.ancestors[0]?.code === top.code)),
  );
  return [...rows, progress('合计', data.leaves)];
}

function rateFill(rate: number | null): string {
  if (rate === null) return FILLS.notApplicable;
  if (rate >= 0.9) return FILLS.complete;
  return rate >= 0.6 ? FILLS.partial : FILLS.missing;
}

const PROGRESS_HEADERS = ['测评项目', '测评标准数', ...COMPLETENESS, '完成率'];
/** The materials table sits right of the progress table with one empty column between them. */
const MATERIALS_COLUMN = PROGRESS_HEADERS.length + 2;

/** A table a leader reads in ten seconds: progress per 测评项目 on the left, materials and rectifications on the right. */
export function writeSummarySheet(wb: ExcelJS.Workbook, data: ChecklistData): void {
  const ws = wb.addWorksheet(SUMMARY_SHEET, { properties: { tabColor: { argb: 'FF548235' } } });
  const rows = progressRows(data);
  const last = MATERIALS_COLUMN + 1;
  applyColumns(ws, [
    { header: '测评项目', min: 16, max: 30, texts: rows.map((r) => r.label) },
    ...PROGRESS_HEADERS.slice(1).map((header) => ({ header, min: 8, max: 11 })),
    { header: '', min: 3, max: 3 },
    { header: '材料', min: 14, max: 16 },
    { header: '数量', min: 9, max: 9 },
  ]);

  const title = `${data.year} 年度创建文明城市软件资料汇总`;
  writeTitle(ws, 1, last, `${data.unit.name ? `${data.unit.name} ` : ''}${title}`, STYLES.title, 30);
  const total = rows[rows.length - 1] as ProgressRow;
  const rateText = total.rate === null ? '—' : `${Math.round(total.rate * 100)}%`;
  writeTitle(
    ws, 2, last,
    `共 ${total.total} 项测评标准，齐全 ${total.counts.齐全} 项，完成率 ${rateText}　　完成率 = 齐全 ÷（总数 − 不适用）　　导出日期：${data.exportedOn}`,
    STYLES.subtitle, 20,
  );

  const head = 4;
  PROGRESS_HEADERS.forEach((h, i) => setText(ws.getCell(head, i + 1), h, STYLES.header));
  rows.forEach((r, i) => {
    const rowNo = head + 1 + i;
    const isTotal = i === rows.length - 1;
    const bold = (name: 'text' | 'count' | 'percent') => (isTotal ? withFill(name, FILLS.total, true) : STYLES[name]);
    setText(ws.getCell(rowNo, 1), r.label, bold('text'));
    setNumber(ws.getCell(rowNo, 2), r.total, bold('count'));
    COMPLETENESS.forEach((s, k) => setNumber(ws.getCell(rowNo, 3 + k), r.counts[s], r.counts[s] > 0 ? withFill('count', STATUS_FILLS[s], isTotal) : bold('count')));
    setNumber(ws.getCell(rowNo, 3 + COMPLETENESS.length), r.rate, withFill('percent', rateFill(r.rate), isTotal));
    ws.getRow(rowNo).height = heightFor(1) + 4;
  });

  const materialRows: [string, number][] = [
    ...RECORD_TYPES.filter((t) => (data.totals.byType[t] ?? 0) > 0).map((t): [string, number] => [`${t}（件）`, data.totals.byType[t] ?? 0]),
    ['材料合计（件）', data.totals.records],
    ['活动（次）', data.totals.activities],
    ['照片（张）', data.totals.photos],
  ];
  const ledger = data.ledger;
  const ledgerRows: [string, number][] = [
    ['督查问题（条）', ledger.length],
    ['已整改', ledger.filter((r) => r.state === '已整改').length],
    ['未完成', ledger.filter((r) => r.state !== '已整改').length],
    ['其中逾期', ledger.filter((r) => r.overdue).length],
  ];
  let rowNo = head;
  const table = (label: string, entries: readonly [string, number][], highlightLast: boolean): void => {
    setText(ws.getCell(rowNo, MATERIALS_COLUMN), label, STYLES.header);
    setText(ws.getCell(rowNo, MATERIALS_COLUMN + 1), '数量', STYLES.header);
    rowNo++;
    entries.forEach(([name, n], i) => {
      const alarm = highlightLast && i === entries.length - 1 && n > 0;
      setText(ws.getCell(rowNo, MATERIALS_COLUMN), name, alarm ? withFill('text', FILLS.overdue) : STYLES.text);
      setNumber(ws.getCell(rowNo, MATERIALS_COLUMN + 1), n, alarm ? withFill('count', FILLS.overdue, true) : STYLES.count);
      if (!ws.getRow(rowNo).height) ws.getRow(rowNo).height = heightFor(1) + 4;
      rowNo++;
    });
    rowNo++;
  };
  table('材料', materialRows, false);
  table('整改台账', ledgerRows, true);

  setupPrint(ws, { title, unit: data.unit.name, repeatRows: `${head}:${head}`, onePage: true });
}
