import type ExcelJS from 'exceljs';
import { itemText } from '../../../shared/domain/item-text.js';
import { COMPLETENESS, type Completeness } from '../../../shared/api/status.js';
import { REPORT_TYPES } from '../../../shared/domain/completeness.js';
import { RECORD_TYPES } from '../../../shared/domain/record.js';
import { lockedHeaders, writeBaselines } from './cells.js';
import type { ChecklistData, LeafRow } from './data.js';
import {
  HEADER, levelHeader, MATERIALS_SHEET, SELF_CHECK_FIRST_DATA_ROW, SELF_CHECK_HEADER_ROW, SELF_CHECK_SHEET, TRACKED,
} from './layout.js';
import {
  applyColumns, FILLS, finishListSheet, fitToBudget, printScale, formulaString, heightFor, mergeStyled, planPageBreaks, rowHeight, setFormula,
  setNumber, setText, STYLES, unlocked, writeTitle, type ColumnSpec,
} from './sheet-kit.js';
import { wrappedLines } from './text-width.js';

/** Types always counted, so an empty year still shows what is expected ("有方案、有签到、有照片、有总结"). */
const ALWAYS_SHOWN_TYPES = ['方案', '签到表', '照片', '记录', '总结'];


/** exceljs validates whole ranges through `dataValidations.add`, which its type declarations omit. */
type WithRangeValidations = ExcelJS.Worksheet & { dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void } };

export const STATUS_FILLS: Record<Completeness, string> = {
  齐全: FILLS.complete,
  部分: FILLS.partial,
  缺失: FILLS.missing,
  不适用: FILLS.notApplicable,
};

interface Column extends ColumnSpec {
  /** Header above this one spanning its neighbours (单位自查, 检查组). */
  group?: string;
  /** A clerk or inspector types here: the cell stays unlocked on the protected sheet. */
  editable?: boolean;
  write: (cell: ExcelJS.Cell, row: LeafRow, index: number) => void;
  /** The text a data cell shows, for row heights; undefined for cells that never wrap. */
  shown?: (row: LeafRow) => string;
}

/** "方案1 签到表1 照片3张 总结0 活动1次": the counts of the row, in the order clerks collect them. */
export function materialsText(data: ChecklistData, row: LeafRow): string {
  const used = new Set([...ALWAYS_SHOWN_TYPES, ...Object.keys(row.byType)]);
  const parts = RECORD_TYPES.filter((t) => used.has(t)).map((t) => (t === '照片' ? `照片${row.photos}张` : `${t}${row.byType[t] ?? 0}`));
  // A requirement counting 报道 gets its count too: "还缺：报道 1/2" then has a number beside it to read.
  if (row.item.quantities.some((q) => q.kind === 'reports')) {
    parts.push(`报道${REPORT_TYPES.reduce((n, t) => n + (row.byType[t] ?? 0), 0)}篇`);
  }
  if (row.activities > 0 || data.items.length > 0) parts.push(`活动${row.activities}次`);
  return parts.join(' ');
}

function columns(data: ChecklistData, links: ReadonlyMap<string, number>): Column[] {
  const levels: Column[] = levelHeaders(data).map((header, i): Column => {
    const level = i + 1;
    const leafLevel = level === data.levels;
    const texts = data.items.filter((it) => it.level === level).map(itemText);
    return {
      header,
      min: 8,
      max: leafLevel ? 24 : 14,
      texts,
      // Ancestors are written once per printed block by writeLevels; only the leaf cell belongs to the row.
      write: (cell, row) => {
        if (row.item.level === level) setText(cell, itemText(row.item), STYLES.text);
      },
    };
  });
  const text = (header: string, min: number, max: number, pick: (r: LeafRow) => string, centered = false, editable = false): Column => {
    const style = centered ? STYLES.center : STYLES.text;
    return {
      header,
      min,
      max,
      texts: data.leaves.map(pick),
      editable,
      write: (cell, row) => setText(cell, pick(row), editable ? unlocked(style) : style),
      shown: pick,
    };
  };
  const hidden = (header: string, pick: (r: LeafRow) => string): Column => ({ ...text(header, 8, 8, pick), hidden: true, shown: undefined });
  const blank = (header: string, min: number): Column => ({
    header, min, max: min, group: '检查组', editable: true, write: (cell) => setText(cell, '', unlocked(STYLES.text)),
  });
  return [
    {
      header: HEADER.seq, min: 4, max: 5,
      // Each 测评标准 row opens its rows in the 材料索引 from its 序号 (LibreOffice does not wrap a linked cell's text).
      write: (cell, row, index) => {
        const target = links.get(row.item.code);
        if (target === undefined) return setNumber(cell, index + 1);
        cell.value = { text: String(index + 1), hyperlink: `#'${MATERIALS_SHEET}'!A${target}` };
        cell.style = STYLES.link;
      },
    },
    ...levels,
    // 9 units hold "材料审核、" on one line and "实地考察" on the next, instead of breaking inside a word.
    text(HEADER.method, 6, 9, (r) => r.item.method, true),
    text(HEADER.requirement, 14, 28, (r) => r.item.requirement),
    text(HEADER.responsible, 8, 12, (r) => r.responsible, true, true),
    text(HEADER.materials, 10, 16, (r) => materialsText(data, r)),
    { ...text(HEADER.status, 7, 7, (r) => r.status, true, true), group: '单位自查' },
    { ...text(HEADER.reason, 10, 20, reasonText), group: '单位自查' },
    { ...text(HEADER.location, 8, 14, (r) => r.location, true), group: '单位自查' },
    { ...text(HEADER.note, 8, 16, (r) => r.note, false, true), group: '单位自查' },
    blank(HEADER.opinion, 10),
    blank(HEADER.grade, 5),
    hidden(HEADER.code, (r) => r.item.code),
    hidden(HEADER.top, (r) => topKey(data, r)),
    hidden(HEADER.baseline, () => ''),
  ];
}

/** The headers of the level columns (测评项目, 测评内容, 测评标准, or 第N级). */
export function levelHeaders(data: Pick<ChecklistData, 'levels' | 'edition'>): string[] {
  return Array.from({ length: data.levels }, (_, i) => levelHeader(data.edition.levelNames, i + 1));
}

/** The hidden key of a row's 测评项目 ("T1", "T2"…): plain text, so COUNTIFS matches it exactly whatever the codes look like. */
const topKeys = new WeakMap<ChecklistData, Map<string, string>>();
export function topKey(data: ChecklistData, row: LeafRow): string {
  let keys = topKeys.get(data);
  if (!keys) {
    keys = new Map(data.items.filter((i) => i.level === 1).map((i, n) => [i.code, `T${n + 1}`]));
    topKeys.set(data, keys);
  }
  return keys.get((row.ancestors[0] ?? row.item).code) ?? 'T0';
}

/** The computed reason, and a word on a self-assessment that differs from what the archive computes. */
function reasonText(row: LeafRow): string {
  if (row.status === row.computed) return row.reason;
  const computed = `系统判定：${row.computed}${row.reason ? `（${row.reason}）` : ''}`;
  return `${computed}；自查认定：${row.status}`;
}

function writeHeader(ws: ExcelJS.Worksheet, cols: readonly Column[]): void {
  const top = SELF_CHECK_HEADER_ROW;
  const bottom = top + 1;
  for (let c = 0; c < cols.length; c++) {
    const col = cols[c] as Column;
    if (col.group) {
      let end = c;
      while (cols[end + 1]?.group === col.group) end++;
      mergeStyled(ws, top, c + 1, top, end + 1, STYLES.header);
      setText(ws.getCell(top, c + 1), col.group, STYLES.header);
      for (let k = c; k <= end; k++) setText(ws.getCell(bottom, k + 1), (cols[k] as Column).header, STYLES.header);
      c = end;
    } else {
      mergeStyled(ws, top, c + 1, bottom, c + 1, STYLES.header);
      setText(ws.getCell(top, c + 1), col.header, STYLES.header);
    }
  }
  ws.getRow(top).height = heightFor(1);
  ws.getRow(bottom).height = heightFor(1);
}

/**
 * Upper levels in vertically merged cells over the rows of their 测评标准, as the city's own tables look. A block that
 * runs over a page break is split there and its label printed again ("（续）"), so every page names its 测评项目.
 */
function writeLevels(ws: ExcelJS.Worksheet, data: ChecklistData, firstLevelColumn: number, widths: readonly number[], pageStarts: ReadonlySet<number>): void {
  const first = SELF_CHECK_FIRST_DATA_ROW;
  const spans: { start: number; end: number; level: number; text: string }[] = [];
  const open = new Map<string, (typeof spans)[number]>();
  data.leaves.forEach((leaf, i) => {
    for (const a of leaf.ancestors) {
      const span = open.get(a.code);
      if (span && !pageStarts.has(i)) span.end = i;
      else {
        const next = { start: i, end: i, level: a.level, text: span ? `${itemText(a)}（续）` : itemText(a) };
        spans.push(next);
        open.set(a.code, next);
      }
    }
    // A 测评标准 above the deepest level fills the level columns to its right.
    if (leaf.item.level < data.levels) {
      const cell = ws.getCell(first + i, firstLevelColumn + leaf.item.level - 1);
      const style = cell.style;
      const value = cell.value;
      mergeStyled(ws, first + i, firstLevelColumn + leaf.item.level - 1, first + i, firstLevelColumn + data.levels - 1, style);
      cell.value = value;
    }
  });
  for (const span of spans) {
    const column = firstLevelColumn + span.level - 1;
    mergeStyled(ws, first + span.start, column, first + span.end, column, STYLES.center);
    setText(ws.getCell(first + span.start, column), span.text, STYLES.center);
    // A long title in a short block: give the block's last row what the text still needs.
    const width = widths[column - 1] ?? 10;
    let total = 0;
    for (let r = span.start; r <= span.end; r++) total += ws.getRow(first + r).height ?? heightFor(1);
    const need = heightFor(wrappedLines(span.text, width));
    if (need > total) {
      const last = ws.getRow(first + span.end);
      last.height = (last.height ?? heightFor(1)) + need - total;
    }
  }
}

/** Where the 汇总 finds the 自查表's columns. */
export interface SelfCheckRefs {
  status: string;
  top: string;
  code: string;
}

function columnRange(ws: ExcelJS.Worksheet, column: number, from: number, to: number): string {
  const letter = ws.getColumn(column).letter;
  return `'${SELF_CHECK_SHEET}'!$${letter}$${from}:$${letter}$${to}`;
}

/** "共 N 项：齐全 a，部分 b，缺失 c，不适用 d" as a formula over the status column, so it follows every edit. */
function countLine(prefix: string, refs: SelfCheckRefs, data: ChecklistData): { formula: string; result: string } {
  const counts = Object.fromEntries(COMPLETENESS.map((s) => [s, data.leaves.filter((l) => l.status === s).length]));
  const parts = COMPLETENESS.map((s, i) => `${formulaString(`${i === 0 ? ' 项：' : '，'}${s} `)}&COUNTIF(${refs.status},${formulaString(s)})`);
  return {
    formula: `${formulaString(`${prefix}共 `)}&COUNTA(${refs.code})&${parts.join('&')}`,
    result: `${prefix}共 ${data.leaves.length} 项：${COMPLETENESS.map((s) => `${s} ${counts[s]}`).join('，')}`,
  };
}

/** 填表人（立卷人）, 审核人（检查人）and 日期 under the table, for signatures. */
function writeSignOff(ws: ExcelJS.Worksheet, row: number, visible: number, data: ChecklistData): void {
  const thirds = [1, Math.floor(visible / 3) + 1, Math.floor((2 * visible) / 3) + 1, visible + 1];
  const texts = [
    `填表人（立卷人）：${data.unit.filer || '　　　　　　'}`,
    `审核人（检查人）：${data.unit.checker || '　　　　　　'}`,
    '日期：　　　　年　　月　　日',
  ];
  texts.forEach((t, i) => {
    const from = thirds[i] as number;
    const to = (thirds[i + 1] as number) - 1;
    mergeStyled(ws, row, from, row, to, STYLES.signOff);
    setText(ws.getCell(row, from), t, STYLES.signOff);
  });
  ws.getRow(row).height = SIGN_OFF_HEIGHT;
}

const SIGN_OFF_HEIGHT = 36;
const TITLE_HEIGHTS = [30, 20] as const;

/**
 * The 自查表: one row per 测评标准. `links` gives the 材料索引 row of each item's materials. Returns where its status,
 * top-level code and code columns are, for the 汇总's formulas.
 */
export async function writeSelfCheckSheet(
  ws: ExcelJS.Worksheet,
  data: ChecklistData,
  links: ReadonlyMap<string, number>,
): Promise<{ refs: SelfCheckRefs; locked: string[] }> {
  const cols = columns(data, links);
  const widths = fitToBudget(ws, cols, applyColumns(ws, cols));
  const visible = cols.filter((c) => !c.hidden).length;
  const firstLevelColumn = 2;
  const columnOf = (header: string): number => cols.findIndex((c) => c.header === header) + 1;
  const first = SELF_CHECK_FIRST_DATA_ROW;
  const last = first + Math.max(data.leaves.length, 1) - 1;
  const refs: SelfCheckRefs = {
    status: columnRange(ws, columnOf(HEADER.status), first, last),
    top: columnRange(ws, columnOf(HEADER.top), first, last),
    code: columnRange(ws, columnOf(HEADER.code), first, last),
  };

  const title = `${data.year} 年度创建文明城市软件资料自查表`;
  writeTitle(ws, 1, visible, `${data.unit.name ? `${data.unit.name} ` : ''}${title}`, STYLES.title, TITLE_HEIGHTS[0]);
  const edition = `${data.edition.name}${data.edition.isExample && !data.edition.name.includes('示例') ? '（示例）' : ''}`;
  const line = countLine(`测评体系：${edition}　　导出日期：${data.exportedOn}　　点序号可转到该项在材料索引中的材料　　`, refs, data);
  ws.mergeCells(2, 1, 2, visible);
  setFormula(ws.getCell(2, 1), line.formula, line.result, STYLES.subtitle);
  ws.getRow(2).height = TITLE_HEIGHTS[1];
  writeHeader(ws, cols);

  const heights = data.leaves.map((leaf, i) => {
    const row = ws.getRow(first + i);
    cols.forEach((col, c) => col.write(row.getCell(c + 1), leaf, i));
    const wrapped = cols.flatMap((col, c): [string, number][] => {
      if (col.hidden) return [];
      if (col.shown) return [[col.shown(leaf), widths[c] ?? 10]];
      return leaf.item.level === c && c >= firstLevelColumn - 1 ? [[itemText(leaf.item), widths[c] ?? 10]] : [];
    });
    row.height = rowHeight(wrapped);
    return row.height;
  });
  const headerHeight = 2 * heightFor(1);
  const pageStarts = planPageBreaks([...heights, SIGN_OFF_HEIGHT + heightFor(1)], TITLE_HEIGHTS[0] + TITLE_HEIGHTS[1], headerHeight, printScale(widths, cols));
  writeLevels(ws, data, firstLevelColumn, widths, new Set(pageStarts));

  const statusColumn = ws.getColumn(columnOf(HEADER.status)).letter;
  const statusRange = `${statusColumn}${first}:${statusColumn}${last}`;
  (ws as WithRangeValidations).dataValidations.add(statusRange, {
    type: 'list',
    allowBlank: false,
    formulae: [`"${COMPLETENESS.join(',')}"`],
    showErrorMessage: true,
    errorStyle: 'stop',
    errorTitle: '完成情况',
    error: `请从列表中选择：${COMPLETENESS.join('、')}`,
    showInputMessage: true,
    promptTitle: '完成情况',
    prompt: COMPLETENESS.join(' / '),
  });
  ws.addConditionalFormatting({
    ref: statusRange,
    rules: COMPLETENESS.map((status, priority) => ({
      type: 'cellIs',
      operator: 'equal',
      priority: priority + 1,
      formulae: [`"${status}"`],
      style: { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: STATUS_FILLS[status] } } },
    })),
  });

  const signOff = last + 2;
  writeSignOff(ws, signOff, visible, data);
  const headers = cols.map((c) => c.header);
  const columnsByHeader = new Map(headers.map((h, i) => [h, i + 1]));
  // 序号 and the level labels move with a sort; the re-import checks the labels against each row's own items instead.
  const locked = lockedHeaders(TRACKED.selfCheck, headers, [HEADER.seq, ...levelHeaders(data)]);
  writeBaselines(
    ws,
    columnsByHeader,
    locked,
    data.leaves.map((leaf, i) => ({ row: first + i, values: [leaf.status, leaf.responsible, leaf.note] })),
    STYLES.text,
  );

  await finishListSheet(ws, {
    headerRows: [SELF_CHECK_HEADER_ROW, SELF_CHECK_HEADER_ROW + 1], lastRow: last, printTo: signOff, columns: visible, title, unit: data.unit.name,
    breaksAfter: pageStarts.map((i) => first + i - 1),
  });
  return { refs, locked };
}
