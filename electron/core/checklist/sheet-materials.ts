import type ExcelJS from 'exceljs';
import { lockedHeaders, writeBaselines } from './cells.js';
import type { ChecklistData, LeafRow, MaterialRow } from './data.js';
import { HEADER, MATERIALS_HEADER, TRACKED } from './layout.js';
import {
  applyColumns, FILLS, finishListSheet, fitToBudget, planPageBreaks, printScale, rowHeight, setDate, setNumber, setText, 
  STYLES, unlocked, withFill, writeTitle, type ColumnSpec,
} from './sheet-kit.js';

/** One printed row: a 件 under a 测评标准, or what the 测评标准 still lacks. */
export interface MaterialsLine {
  item: string;
  record: MaterialRow | null;
  /** "还缺：签到表；照片 3/5" on an item's last line, or why it needs nothing. */
  lack: string;
}

interface Column extends ColumnSpec {
  editable?: boolean;
  write: (cell: ExcelJS.Cell, line: MaterialsLine, index: number) => void;
  /** Wrapped text, for the row height. */
  shown?: (line: MaterialsLine) => string;
}

export const MATERIALS_HEAD_ROW = 3;
const OTHER_GROUP = '其他（未关联测评项）';
const UPPER_MARK = '（上级测评项）';

function lackText(leaf: LeafRow): string {
  if (leaf.status === '不适用') return `不适用${leaf.reason ? `：${leaf.reason}` : ''}`;
  if (leaf.missing.length > 0) return `还缺：${leaf.missing.join('；')}`;
  return leaf.recordIds.length === 0 ? '尚无材料' : '';
}

/**
 * The lines of the 材料索引 in order: per 测评标准 its 件 (one 件 filed under two items shows under both), then a line
 * for what it still lacks; 件 filed only under upper items come last. Also the first sheet row of each item.
 */
export function planMaterials(data: ChecklistData): { lines: MaterialsLine[]; firstRow: Map<string, number> } {
  const byId = new Map(data.materials.map((m) => [m.id, m]));
  const lines: MaterialsLine[] = [];
  const firstRow = new Map<string, number>();
  const shown = new Set<number>();
  for (const leaf of data.leaves) {
    firstRow.set(leaf.item.code, MATERIALS_HEAD_ROW + 1 + lines.length);
    const item = `${leaf.item.code} ${leaf.item.title}`;
    for (const id of leaf.recordIds) {
      const record = byId.get(id);
      if (!record) continue;
      shown.add(id);
      lines.push({ item, record, lack: '' });
    }
    const lack = lackText(leaf);
    if (lack) lines.push({ item, record: null, lack });
  }
  // A 件 filed only under an upper item is listed under that item, so the index still says where it counts.
  const upper = data.materials
    .filter((m) => !shown.has(m.id))
    .flatMap((m) => (m.items ? m.items.split('\n') : [OTHER_GROUP]).map((item) => ({ item: item === OTHER_GROUP ? item : `${item}${UPPER_MARK}`, record: m, lack: '' })));
  upper.sort((a, b) => (a.item < b.item ? -1 : a.item > b.item ? 1 : 0));
  lines.push(...upper);
  return { lines, firstRow };
}

/**
 * The evaluation's 待审材料索引表, grouped by 测评标准: each 件 with its stored 档号 and 卷号 and its 页号 from the
 * binder, and a line per item for what is still missing. 备注 is the clerk's to edit (it becomes the record's note).
 */
export async function writeMaterialsSheet(ws: ExcelJS.Worksheet, data: ChecklistData, lines: readonly MaterialsLine[]): Promise<string[]> {
  const seq = new Map(lines.filter((l) => l.record).map((l, i) => [l, i + 1]));
  const rec = <T>(pick: (r: MaterialRow) => T, empty: T) => (l: MaterialsLine): T => (l.record ? pick(l.record) : empty);
  const text = (header: string, min: number, max: number, pick: (l: MaterialsLine) => string, centered = false, editable = false): Column => {
    const style = centered ? STYLES.center : STYLES.text;
    return {
      header, min, max, texts: lines.map(pick), shown: pick, editable,
      write: (cell, line) => {
        const s = line.record ? style : withFill(centered ? 'center' : 'text', FILLS.partial);
        setText(cell, pick(line), editable && line.record ? unlocked(s) : s);
      },
    };
  };
  const cols: Column[] = [
    { header: '序号', min: 4, max: 5, write: (cell, l) => setNumber(cell, l.record ? (seq.get(l) ?? null) : null, l.record ? STYLES.count : withFill('count', FILLS.partial)) },
    text('测评标准', 14, 24, (l) => l.item),
    text('档号', 10, 24, rec((r) => r.reference, ''), true),
    { header: '卷号', min: 5, max: 5, write: (cell, l) => setNumber(cell, l.record?.volumeNo ?? null, l.record ? STYLES.count : withFill('count', FILLS.partial)) },
    text('页号', 6, 10, rec((r) => r.pageNos, ''), true),
    text('题名', 20, 36, (l) => (l.record ? l.record.title : l.lack)),
    text('文号', 8, 18, rec((r) => r.docNo, ''), true),
    // Wide enough for a unit's name on one line ("示例街道文明社区居委会"), not broken before its last character.
    { ...text('责任者', 8, 18, rec((r) => r.author, ''), true), keep: true },
    { header: '日期', min: 11, max: 11, write: (cell, l) => setDate(cell, l.record?.date ?? null, l.record ? STYLES.date : withFill('date', FILLS.partial)) },
    { header: '页数', min: 4, max: 5, write: (cell, l) => setNumber(cell, l.record?.pages ?? null, l.record ? STYLES.count : withFill('count', FILLS.partial)) },
    text('类型', 5, 6, rec((r) => r.type, ''), true),
    text(MATERIALS_HEADER.note, 8, 20, rec((r) => r.note, ''), false, true),
    { ...text(MATERIALS_HEADER.id, 6, 6, rec((r) => String(r.id), '')), hidden: true, shown: undefined },
    { ...text(HEADER.baseline, 8, 8, () => ''), hidden: true, shown: undefined },
  ];
  const widths = fitToBudget(ws, cols, applyColumns(ws, cols));
  const visible = cols.filter((c) => !c.hidden).length;
  const title = `${data.year} 年度待审材料索引表`;
  writeTitle(ws, 1, visible, `${data.unit.name ? `${data.unit.name} ` : ''}${title}`, STYLES.title, 30);
  writeTitle(
    ws, 2, visible,
    `共 ${data.materials.length} 件　　［ ］内为整理人拟写的题名　　` +
      `${data.materials.some((r) => r.pageNos) ? '页号按装订报告' : '尚未装订：页号在导出案卷后生成'}　　黄色行为该项尚缺的材料`,
    STYLES.subtitle, 20,
  );
  const head = MATERIALS_HEAD_ROW;
  cols.forEach((c, i) => setText(ws.getCell(head, i + 1), c.header, STYLES.header));
  ws.getRow(head).height = rowHeight([]);
  const heights = lines.map((l, i) => {
    const row = ws.getRow(head + 1 + i);
    cols.forEach((c, k) => c.write(row.getCell(k + 1), l, i));
    row.height = rowHeight(cols.flatMap((c, k): [string, number][] => (c.shown ? [[c.shown(l), widths[k] ?? 10]] : [])));
    return row.height;
  });
  const headers = cols.map((c) => c.header);
  const locked = lockedHeaders(TRACKED.materials, headers, ['序号']);
  writeBaselines(
    ws,
    new Map(headers.map((h, i) => [h, i + 1])),
    locked,
    lines.flatMap((l, i) => (l.record ? [{ row: head + 1 + i, values: [l.record.note] }] : [])),
    STYLES.text,
  );
  const last = head + Math.max(lines.length, 1);
  await finishListSheet(ws, {
    headerRows: [head, head], lastRow: last, printTo: last, columns: visible, title, unit: data.unit.name,
    breaksAfter: planPageBreaks(heights, 50, rowHeight([]), printScale(widths, cols)).map((i) => head + i),
  });
  return locked;
}
