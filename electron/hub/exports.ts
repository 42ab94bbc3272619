import type { HubMatrix } from '../../shared/api/hub.js';
import { escapeCell } from '../../shared/text/spreadsheet.js';
import { toCsv } from '../core/integrity/csv.js';
import { loadExcelJS } from '../core/lazy-modules.js';

const FILL: Record<string, string> = { 齐全: 'FFC6EFCE', 部分: 'FFFFEB9C', 缺失: 'FFFFC7CE', 不适用: 'FFE7E6E6' };

function columnName(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

/**
 * The 街道/区 汇总 workbook: communities × 测评标准 with each cell's status, and live formulas for the totals, so a
 * cell an officer corrects by hand updates every count: per community 齐全/部分/缺失 and 完成率 (COUNTIF), per item
 * the same down the columns. A second sheet lists each community's gaps. Every text cell is escaped.
 */
export async function summaryWorkbook(matrix: HubMatrix, scopeName: string): Promise<Buffer> {
  const ExcelJS = await loadExcelJS();
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Taizhang';
  const ws = wb.addWorksheet('汇总', { views: [{ state: 'frozen', xSplit: 3, ySplit: 3 }] });
  const items = matrix.items;
  const first = 4;
  const last = first + items.length - 1;
  const L = columnName(last);
  const F = columnName(first);
  ws.getCell(1, 1).value = escapeCell(`${scopeName}${matrix.year}年度创建文明城市软件资料汇总（${matrix.edition?.name ?? ''}）`);
  ws.getCell(1, 1).font = { bold: true, size: 14 };
  ['街道', '社区', '全宗号'].forEach((h, i) => (ws.getCell(2, i + 1).value = h));
  items.forEach((item, i) => {
    ws.getCell(2, first + i).value = escapeCell(item.code);
    ws.getCell(3, first + i).value = escapeCell(item.title);
    ws.getCell(3, first + i).alignment = { wrapText: true, vertical: 'top' };
    ws.getColumn(first + i).width = 10;
  });
  const totals = ['齐全', '部分', '缺失', '不适用', '完成率'];
  totals.forEach((h, i) => (ws.getCell(2, last + 1 + i).value = h));
  const status = new Map(matrix.cells.map((c) => [`${c.communityId}|${c.code}`, c.status]));
  matrix.communities.forEach((c, r) => {
    const row = 4 + r;
    ws.getCell(row, 1).value = escapeCell(c.street);
    ws.getCell(row, 2).value = escapeCell(c.unit);
    ws.getCell(row, 3).value = escapeCell(c.fonds);
    items.forEach((item, i) => {
      const s = status.get(`${c.id}|${item.code}`) ?? '';
      const cell = ws.getCell(row, first + i);
      cell.value = s;
      if (FILL[s]) cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: FILL[s] } };
    });
    const range = `${F}${row}:${L}${row}`;
    ['齐全', '部分', '缺失', '不适用'].forEach((s, i) => (ws.getCell(row, last + 1 + i).value = { formula: `COUNTIF(${range},"${s}")` }));
    const done = columnName(last + 1);
    const na = columnName(last + 4);
    ws.getCell(row, last + 5).value = { formula: `IF(COUNTA(${range})-${na}${row}=0,0,${done}${row}/(COUNTA(${range})-${na}${row}))` };
    ws.getCell(row, last + 5).numFmt = '0%';
  });
  const lastRow = 3 + matrix.communities.length;
  totals.slice(0, 4).forEach((s, i) => {
    const row = lastRow + 1 + i;
    ws.getCell(row, 2).value = `${s}（社区数）`;
    for (let col = first; col <= last; col += 1) {
      const c = columnName(col);
      ws.getCell(row, col).value = { formula: `COUNTIF(${c}4:${c}${Math.max(4, lastRow)},"${s}")` };
    }
  });
  ws.getColumn(2).width = 24;

  const gaps = wb.addWorksheet('缺项清单');
  gaps.addRow(['街道', '社区', '测评标准编码', '测评标准', '状态']);
  for (const row of gapRows(matrix)) gaps.addRow(row.map((v) => escapeCell(v)));
  gaps.getColumn(2).width = 24;
  gaps.getColumn(4).width = 50;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function gapRows(matrix: HubMatrix): string[][] {
  const items = new Map(matrix.items.map((i) => [i.code, i]));
  const gaps = new Map(matrix.communities.map((c) => [c.id, [] as HubMatrix['cells']]));
  for (const cell of matrix.cells) if (cell.status === '缺失' || cell.status === '部分') gaps.get(cell.communityId)?.push(cell);
  return matrix.communities.flatMap((c) => gaps.get(c.id)!.map((cell) => [c.street, c.unit, cell.code, items.get(cell.code)?.title ?? '', cell.status]));
}

/** The gaps of every community as CSV (缺失 and 部分 cells). */
export function gapsCsv(matrix: HubMatrix): string {
  return toCsv([['街道', '社区', '测评标准编码', '测评标准', '状态'], ...gapRows(matrix)]);
}
