import type ExcelJS from 'exceljs';
import { COMPLETENESS } from '../../../shared/api/status.js';
import { RECORD_TYPES } from '../../../shared/domain/record.js';
import type { ChecklistData, LeafRow } from './data.js';
import { itemText } from '../../../shared/domain/item-text.js';
import type { LedgerRefs } from './sheet-ledger.js';
import {
  applyColumns, FILLS, formulaString, heightFor, protectSheet, setFormula, setNumber, setText, setupPrint, STYLES, withFill, writeTitle,
} from './sheet-kit.js';
import { STATUS_FILLS, topKey, type SelfCheckRefs } from './sheet-self-check.js';

export interface ProgressRow {
  label: string;
  /** The 自查表's hidden key of the 测评项目; null for the whole year. */
  key: string | null;
  total: number;
  counts: Record<(typeof COMPLETENESS)[number], number>;
  /** 齐全 ÷ (total − 不适用); null when nothing applies. */
  rate: number | null;
}

function progress(label: string, key: string | null, leaves: readonly LeafRow[]): ProgressRow {
  const counts = Object.fromEntries(COMPLETENESS.map((s) => [s, leaves.filter((l) => l.status === s).length])) as ProgressRow['counts'];
  const applicable = leaves.length - counts.不适用;
  return { label, key, total: leaves.length, counts, rate: applicable > 0 ? counts.齐全 / applicable : null };
}

/** One row per top-level item (测评项目), then the whole year. */
export function progressRows(data: ChecklistData): ProgressRow[] {
  const tops = data.items.filter((i) => i.level === 1);
  const rows = tops.map((top) => {
    const leaves = data.leaves.filter((l) => l.item.code === top.code || l.ancestors[0]?.code === top.code);
    return progress(itemText(top), leaves[0] ? topKey(data, leaves[0]) : null, leaves);
  });
  return [...rows, progress('合计', null, data.leaves)];
}

function rateFill(rate: number | null): string {
  if (rate === null) return FILLS.notApplicable;
  if (rate >= 0.9) return FILLS.complete;
  return rate >= 0.6 ? FILLS.partial : FILLS.missing;
}

const PROGRESS_HEADERS = ['测评项目', '测评标准数', ...COMPLETENESS, '完成率'];
/** The materials table sits right of the progress table with one empty column between them. */
const MATERIALS_COLUMN = PROGRESS_HEADERS.length + 2;

/**
 * A table a leader reads in ten seconds: progress per 测评项目 on the left, materials and rectifications on the right.
 * Every count that an edit of the 自查表 or the 整改台账 can change is a formula over that sheet (COUNTIFS over its
 * status column and hidden keys), written with its result, so the summary never contradicts the table.
 */
export async function writeSummarySheet(ws: ExcelJS.Worksheet, data: ChecklistData, refs: SelfCheckRefs, ledgerRefs: LedgerRefs): Promise<void> {
  const rows = progressRows(data);
  const last = MATERIALS_COLUMN + 1;
  applyColumns(ws, [
    { header: '测评项目', min: 16, max: 30, texts: rows.map((r) => r.label) },
    ...PROGRESS_HEADERS.slice(1).map((header) => ({ header, min: 8, max: 11 })),
    { header: '', min: 3, max: 3 },
    { header: '材料', min: 22, max: 22 },
    { header: '数量', min: 9, max: 9 },
  ]);

  const head = 4;
  const totalRow = head + rows.length;
  const col = (k: number): string => String.fromCharCode(65 + k);
  const title = `${data.year} 年度创建文明城市软件资料汇总`;
  writeTitle(ws, 1, last, `${data.unit.name ? `${data.unit.name} ` : ''}${title}`, STYLES.title, 30);
  const total = rows[rows.length - 1] as ProgressRow;
  const rateText = total.rate === null ? '—' : `${Math.round(total.rate * 100)}%`;
  const [B, C, F] = [`B${totalRow}`, `C${totalRow}`, `F${totalRow}`];
  const tail = `　　完成率 = 齐全 ÷（总数 − 不适用）　　导出日期：${data.exportedOn}`;
  ws.mergeCells(2, 1, 2, last);
  setFormula(
    ws.getCell(2, 1),
    `${formulaString('共 ')}&${B}&${formulaString(' 项测评标准，齐全 ')}&${C}&${formulaString(' 项，完成率 ')}&IF(${B}-${F}>0,TEXT(${C}/(${B}-${F}),"0%"),"—")&${formulaString(tail)}`,
    `共 ${total.total} 项测评标准，齐全 ${total.counts.齐全} 项，完成率 ${rateText}${tail}`,
    STYLES.subtitle,
  );
  ws.getRow(2).height = 20;

  PROGRESS_HEADERS.forEach((h, i) => setText(ws.getCell(head, i + 1), h, STYLES.header));
  rows.forEach((r, i) => {
    const rowNo = head + 1 + i;
    const isTotal = i === rows.length - 1;
    const bold = (name: 'text' | 'count' | 'percent') => (isTotal ? withFill(name, FILLS.total, true) : STYLES[name]);
    const where = r.key === null ? '' : `,${refs.top},${formulaString(r.key)}`;
    setText(ws.getCell(rowNo, 1), r.label, bold('text'));
    setFormula(ws.getCell(rowNo, 2), r.key === null ? `COUNTA(${refs.code})` : `COUNTIFS(${refs.top},${formulaString(r.key)})`, r.total, bold('count'));
    COMPLETENESS.forEach((s, k) =>
      setFormula(
        ws.getCell(rowNo, 3 + k),
        `COUNTIFS(${refs.status},${formulaString(s)}${where})`,
        r.counts[s],
        r.counts[s] > 0 ? withFill('count', STATUS_FILLS[s], isTotal) : bold('count'),
      ),
    );
    const [b, c, f] = [`B${rowNo}`, `C${rowNo}`, `${col(2 + COMPLETENESS.indexOf('不适用'))}${rowNo}`];
    setFormula(ws.getCell(rowNo, 3 + COMPLETENESS.length), `IF(${b}-${f}>0,${c}/(${b}-${f}),"—")`, r.rate ?? '—', withFill('percent', rateFill(r.rate), isTotal));
    ws.getRow(rowNo).height = heightFor(1) + 4;
  });

  // A photo set is one 件 of many 张: one line says both, instead of 照片 twice.
  const photoRecords = data.totals.byType['照片'] ?? 0;
  const materialRows: [string, number][] = [
    ...RECORD_TYPES.filter((t) => t !== '照片' && (data.totals.byType[t] ?? 0) > 0).map((t): [string, number] => [`${t}（件）`, data.totals.byType[t] ?? 0]),
    [`照片（张，共 ${photoRecords} 件）`, data.totals.photos],
    ['材料合计（件）', data.totals.records],
    ['活动（次）', data.totals.activities],
  ];
  const ledger = data.ledger;
  const closed = ledger.filter((r) => r.state === '已整改').length;
  const cutoff = `DATE(${data.exportedOn.slice(0, 4)},${Number(data.exportedOn.slice(5, 7))},${Number(data.exportedOn.slice(8, 10))})`;
  const ledgerRows: [string, number, string][] = [
    ['督查问题（条）', ledger.length, `COUNTA(${ledgerRefs.id})`],
    ['已整改', closed, `COUNTIF(${ledgerRefs.state},"已整改")`],
    ['未完成', ledger.length - closed, `COUNTA(${ledgerRefs.id})-COUNTIF(${ledgerRefs.state},"已整改")`],
    [`其中逾期（至 ${data.exportedOn}）`, ledger.filter((r) => r.overdue).length, `COUNTIFS(${ledgerRefs.state},"<>已整改",${ledgerRefs.deadline},"<"&${cutoff})`],
  ];
  let rowNo = head;
  const table = (label: string, entries: readonly (readonly [string, number, string?])[], highlightLast: boolean): void => {
    setText(ws.getCell(rowNo, MATERIALS_COLUMN), label, STYLES.header);
    setText(ws.getCell(rowNo, MATERIALS_COLUMN + 1), '数量', STYLES.header);
    rowNo++;
    entries.forEach(([name, n, formula], i) => {
      const alarm = highlightLast && i === entries.length - 1 && n > 0;
      setText(ws.getCell(rowNo, MATERIALS_COLUMN), name, alarm ? withFill('text', FILLS.overdue) : STYLES.text);
      const style = alarm ? withFill('count', FILLS.overdue, true) : STYLES.count;
      if (formula) setFormula(ws.getCell(rowNo, MATERIALS_COLUMN + 1), formula, n, style);
      else setNumber(ws.getCell(rowNo, MATERIALS_COLUMN + 1), n, style);
      if (!ws.getRow(rowNo).height) ws.getRow(rowNo).height = heightFor(1) + 4;
      rowNo++;
    });
    rowNo++;
  };
  table('材料', materialRows, false);
  table('整改台账', ledgerRows, true);

  setupPrint(ws, { title, unit: data.unit.name, repeatRows: `${head}:${head}`, onePage: true });
  await protectSheet(ws);
}
