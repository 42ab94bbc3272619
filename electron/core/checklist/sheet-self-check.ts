import type ExcelJS from 'exceljs';
import { COMPLETENESS, type Completeness } from '../../../shared/api/status.js';
import { RECORD_TYPES } from '../../../shared/domain/record.js';
import type { ChecklistData, LeafRow } from './data.js';
import { encodeBaseline, HEADER, itemText, levelHeader, SELF_CHECK_FIRST_DATA_ROW, SELF_CHECK_HEADER_ROW, SELF_CHECK_SHEET } from './layout.js';
import {
  applyColumns, FILLS, freezeBelow, heightFor, rowHeight, setNumber, setText, setupPrint, STYLES, writeTitle, type ColumnSpec,
} from './sheet-kit.js';
import { wrappedLines } from './text-width.js';

/** Types always given a column, so an empty year still shows what is expected ("有方案、有签到、有照片、有总结"). */
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
  /** Header above this one spanning its neighbours (材料数量). */
  group?: string;
  write: (cell: ExcelJS.Cell, row: LeafRow, index: number) => void;
  /** The text a data cell shows, for row heights; undefined for cells that never wrap. */
  shown?: (row: LeafRow) => string;
}

function typeColumns(data: ChecklistData): Column[] {
  const used = new Set([...ALWAYS_SHOWN_TYPES, ...Object.keys(data.totals.byType)]);
  const types = RECORD_TYPES.filter((t) => used.has(t));
  return types.map((type): Column => {
    const photos = type === '照片';
    return {
      header: photos ? HEADER.photos : type,
      group: HEADER.materials,
      min: 6,
      max: 8,
      write: (cell, row) => setNumber(cell, photos ? row.photos : (row.byType[type] ?? 0)),
    };
  });
}

function columns(data: ChecklistData): Column[] {
  const levels: Column[] = Array.from({ length: data.levels }, (_, i): Column => {
    const level = i + 1;
    const leafLevel = level === data.levels;
    const texts = data.items.filter((it) => it.level === level).map(itemText);
    return {
      header: levelHeader(data.edition.levelNames, level),
      min: 10,
      max: leafLevel ? 30 : 18,
      texts,
      // Ancestors are written once per merged block by writeLevels; only the leaf cell belongs to the row.
      write: (cell, row) => {
        if (row.item.level === level) setText(cell, itemText(row.item));
      },
    };
  });
  const text = (header: string, min: number, max: number, pick: (r: LeafRow) => string, centered = false): Column => ({
    header,
    min,
    max,
    texts: data.leaves.map(pick),
    write: (cell, row) => setText(cell, pick(row), centered ? STYLES.center : STYLES.text),
    shown: pick,
  });
  return [
    { header: HEADER.seq, min: 5, max: 6, write: (cell, _row, index) => setNumber(cell, index + 1) },
    ...levels,
    // 11 units hold "材料审核、" on one line and "实地考察" on the next, instead of breaking inside a word.
    text(HEADER.method, 8, 11, (r) => r.item.method, true),
    text(HEADER.requirement, 20, 40, (r) => r.item.requirement),
    text(HEADER.responsible, 10, 16, (r) => r.responsible, true),
    ...typeColumns(data),
    { header: HEADER.activities, group: HEADER.materials, min: 6, max: 8, write: (cell, row) => setNumber(cell, row.activities) },
    text(HEADER.status, 9, 9, (r) => r.status, true),
    text(HEADER.reason, 14, 28, reasonText),
    text(HEADER.location, 12, 20, (r) => r.location, true),
    text(HEADER.note, 14, 28, (r) => r.note),
    { ...text(HEADER.code, 8, 8, (r) => r.item.code), hidden: true, shown: undefined },
    {
      ...text(HEADER.baseline, 8, 8, (r) => encodeBaseline({ status: r.status, responsible: r.responsible, note: r.note })),
      hidden: true,
      shown: undefined,
    },
  ];
}

/** The computed reason, and a word on an auditor's status when it differs from what the archive computes. */
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
      ws.mergeCells(top, c + 1, top, end + 1);
      setText(ws.getCell(top, c + 1), col.group, STYLES.header);
      for (let k = c; k <= end; k++) setText(ws.getCell(bottom, k + 1), (cols[k] as Column).header, STYLES.header);
      c = end;
    } else {
      ws.mergeCells(top, c + 1, bottom, c + 1);
      setText(ws.getCell(top, c + 1), col.header, STYLES.header);
    }
  }
  ws.getRow(top).height = heightFor(1);
  ws.getRow(bottom).height = heightFor(1);
}

/** Upper levels in vertically merged cells over the rows of their 测评标准, as the city's own tables look. */
function writeLevels(ws: ExcelJS.Worksheet, data: ChecklistData, firstLevelColumn: number, widths: readonly number[]): void {
  const first = SELF_CHECK_FIRST_DATA_ROW;
  const spans = new Map<string, { start: number; end: number; level: number; text: string }>();
  data.leaves.forEach((leaf, i) => {
    for (const a of leaf.ancestors) {
      const span = spans.get(a.code);
      if (span) span.end = i;
      else spans.set(a.code, { start: i, end: i, level: a.level, text: itemText(a) });
    }
    // A 测评标准 above the deepest level fills the level columns to its right.
    if (leaf.item.level < data.levels) {
      ws.mergeCells(first + i, firstLevelColumn + leaf.item.level - 1, first + i, firstLevelColumn + data.levels - 1);
    }
  });
  for (const span of spans.values()) {
    const column = firstLevelColumn + span.level - 1;
    if (span.end > span.start) ws.mergeCells(first + span.start, column, first + span.end, column);
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

export function writeSelfCheckSheet(wb: ExcelJS.Workbook, data: ChecklistData): void {
  const ws = wb.addWorksheet(SELF_CHECK_SHEET, { properties: { tabColor: { argb: 'FF2F5597' } } });
  const cols = columns(data);
  const widths = applyColumns(ws, cols);
  const visible = cols.filter((c) => !c.hidden).length;
  const firstLevelColumn = 2;
  const statusColumn = cols.findIndex((c) => c.header === HEADER.status) + 1;

  const counts = Object.fromEntries(COMPLETENESS.map((s) => [s, data.leaves.filter((l) => l.status === s).length]));
  const title = `${data.year} 年度创建文明城市软件资料自查表`;
  writeTitle(ws, 1, visible, `${data.unit.name ? `${data.unit.name} ` : ''}${title}`, STYLES.title, 30);
  writeTitle(
    ws, 2, visible,
    `测评体系：${data.edition.name}${data.edition.isExample && !data.edition.name.includes('示例') ? '（示例）' : ''}　　导出日期：${data.exportedOn}　　` +
      `共 ${data.leaves.length} 项：${COMPLETENESS.map((s) => `${s} ${counts[s]}`).join('，')}`,
    STYLES.subtitle, 20,
  );
  writeHeader(ws, cols);

  data.leaves.forEach((leaf, i) => {
    const row = ws.getRow(SELF_CHECK_FIRST_DATA_ROW + i);
    cols.forEach((col, c) => col.write(row.getCell(c + 1), leaf, i));
    const wrapped = cols.flatMap((col, c): [string, number][] => {
      if (col.hidden) return [];
      if (col.shown) return [[col.shown(leaf), widths[c] ?? 10]];
      return leaf.item.level === c && c >= firstLevelColumn - 1 ? [[itemText(leaf.item), widths[c] ?? 10]] : [];
    });
    row.height = rowHeight(wrapped);
  });
  writeLevels(ws, data, firstLevelColumn, widths);

  const last = SELF_CHECK_FIRST_DATA_ROW + Math.max(data.leaves.length, 1) - 1;
  const statusRange = `${ws.getColumn(statusColumn).letter}${SELF_CHECK_FIRST_DATA_ROW}:${ws.getColumn(statusColumn).letter}${last}`;
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

  ws.autoFilter = { from: { row: SELF_CHECK_HEADER_ROW + 1, column: 1 }, to: { row: last, column: visible } };
  freezeBelow(ws, SELF_CHECK_HEADER_ROW + 1);
  setupPrint(ws, { title, unit: data.unit.name, repeatRows: `${SELF_CHECK_HEADER_ROW}:${SELF_CHECK_HEADER_ROW + 1}` });
}
