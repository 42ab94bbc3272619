import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { itemText } from '../../../shared/domain/item-text.js';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { CHECKLIST_SHEETS } from '../../../shared/api/checklist.js';
import type { IndexItem } from '../../../shared/api/index.js';
import { tempCore, tempDir } from '../../../test/support/temp.js';
import { insertEdition } from '../index/editions.js';
import { ensureFixtureYear, fillSampleYear, insertFixtureRecords, SAMPLE } from '../../../test/support/archive-data.js';
import { HEADER } from './layout.js';
import { displayWidth } from './text-width.js';
import { runPython } from '../../../test/support/readers.js';

async function readBack(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

function sheet(wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const ws = wb.getWorksheet(name);
  if (!ws) throw new Error(`no sheet ${name}`);
  return ws;
}

/** Column number of a header text in the given header rows. */
function columnOf(ws: ExcelJS.Worksheet, header: string, rows: number[]): number {
  for (const r of rows) {
    let found = 0;
    ws.getRow(r).eachCell((cell, c) => {
      if (!found && cell.value === header && !cell.isMerged) found = c;
      if (!found && cell.value === header && cell.master.address === cell.address) found = c;
    });
    if (found) return found;
  }
  throw new Error(`no column ${header}`);
}

function protectionOf(ws: ExcelJS.Worksheet): Record<string, unknown> {
  return (ws as unknown as { sheetProtection: Record<string, unknown> }).sheetProtection;
}

function fillOf(cell: ExcelJS.Cell): string | undefined {
  const fill = cell.fill as ExcelJS.FillPattern | undefined;
  return fill?.type === 'pattern' ? fill.fgColor?.argb : undefined;
}

async function exportSample(withReport = true) {
  const core = await tempCore();
  const sample = fillSampleYear(core.archive.db);
  const dir = tempDir();
  const reportPath = path.join(dir, 'report.json');
  if (withReport) writeFileSync(reportPath, JSON.stringify(sample.report));
  const out = path.join(dir, '2024 自查表.xlsx');
  const result = await core.api['checklist.export']({ year: SAMPLE.year, out, ...(withReport ? { binderReport: reportPath } : {}) });
  const statuses = await core.api['status.get']({ year: SAMPLE.year });
  const items = await core.api['index.list']({ year: SAMPLE.year });
  return { core, sample, dir, out, result, wb: await readBack(out), statuses, items };
}

/** Sheet rows after which a page breaks, as openpyxl reads them (exceljs does not read them back). */
function breaksOf(file: string, sheetName: string): Set<number> {
  return new Set(
    runPython<number[]>(
      'import json, sys, openpyxl\nws = openpyxl.load_workbook(sys.argv[1])[sys.argv[2]]\nprint(json.dumps([b.id for b in ws.row_breaks.brk]))',
      file,
      sheetName,
    ),
  );
}

/**
 * Expected vertical merges of the level columns: each parent over the rows of its leaves, in tree order, split where a
 * page breaks (the label is printed again there).
 */
function expectedLevelMerges(items: IndexItem[], firstRow: number, breaks: ReadonlySet<number>): string[] {
  const parents = new Set(items.map((i) => i.parent));
  const leaves = items.filter((i) => !parents.has(i.code));
  const ranges: string[] = [];
  for (const item of items.filter((i) => parents.has(i.code))) {
    const rows = leaves.map((l, i) => [l, i] as const).filter(([l]) => l.code.startsWith(`${item.code}.`)).map(([, i]) => firstRow + i);
    const col = String.fromCharCode('A'.charCodeAt(0) + item.level);
    let start = rows[0] as number;
    rows.forEach((r, k) => {
      const end = k === rows.length - 1 || breaks.has(r);
      if (!end) return;
      if (r > start) ranges.push(`${col}${start}:${col}${r}`);
      start = (rows[k + 1] ?? 0);
    });
  }
  return ranges;
}

describe('checklist export: 自查表', () => {
  it('has one row per 测评标准 with levels in merged cells, statuses, counts and binder locations', async () => {
    const { wb, items, statuses, result, out } = await exportSample();
    expect(wb.worksheets.map((w) => w.name)).toEqual([...CHECKLIST_SHEETS, '_taizhang']);
    expect(wb.worksheets.map((w) => w.state)).toEqual(['visible', 'visible', 'visible', 'visible', 'veryHidden']);
    const ws = sheet(wb, '自查表');
    const parents = new Set(items.map((i) => i.parent));
    const leaves = items.filter((i) => !parents.has(i.code));
    expect(result.rows).toBe(leaves.length);
    expect(ws.getCell('A1').value).toBe(`示例街道文明社区居委会 ${SAMPLE.year} 年度创建文明城市软件资料自查表`);
    expect([2, 3, 4].map((c) => ws.getCell(3, c).value)).toEqual(['测评项目', '测评内容', '测评标准']);

    const merges = ws.model.merges;
    const breaks = breaksOf(out, '自查表');
    expect(breaks.size).toBeGreaterThan(0);
    for (const range of expectedLevelMerges(items, 5, breaks)) expect(merges).toContain(range);
    const firstBreak = Math.min(...breaks);
    expect(firstBreak).toBeLessThan(11);
    expect(merges).toContain(`B5:B${firstBreak}`);
    expect(ws.getCell('B5').value).toBe('一、思想道德建设');
    expect(ws.getCell(`B${firstBreak + 1}`).value).toBe('一、思想道德建设（续）');
    expect(ws.getCell('B6').isMerged).toBe(true);

    const code = columnOf(ws, HEADER.code, [3]);
    const status = columnOf(ws, HEADER.status, [4]);
    const location = columnOf(ws, HEADER.location, [4]);
    const materials = columnOf(ws, HEADER.materials, [3]);
    expect(columnOf(ws, HEADER.top, [3])).toBeGreaterThan(code);
    expect(ws.getColumn(code).hidden).toBe(true);
    const byCode = new Map(statuses.map((s) => [s.code, s]));
    leaves.forEach((leaf, i) => {
      const row = ws.getRow(5 + i);
      expect(row.getCell(code).value).toBe(leaf.code);
      expect(row.getCell(4).value).toBe(itemText(leaf));
      expect(row.getCell(status).value).toBe(byCode.get(leaf.code)?.status);
      expect(row.getCell(materials).value).toContain(`照片${byCode.get(leaf.code)?.photos}张`);
    });
    const rowOf = (c: string) => ws.getRow(5 + leaves.findIndex((l) => l.code === c));
    // The nine count columns are one text: 方案1 签到表1 照片3张…, and 报道 is counted where a requirement asks for it.
    expect(rowOf('1.2.2').getCell(materials).value).toBe('方案0 签到表1 照片3张 记录0 总结0 报告1 活动1次');
    expect(rowOf('5.1.2').getCell(materials).value).toMatch(/报道\d+篇/);
    expect(rowOf('1.1.1').getCell(location).value).toBe('第1卷 第1–3页');
    expect(rowOf('1.2.2').getCell(location).value).toBe('第2卷 第1–5页');
    expect(rowOf('5.1.3').getCell(location).value).toBe('第2卷 第5页');
    expect(rowOf('2.1.1').getCell(location).value).toBeNull();
    expect(rowOf('1.2.2').height).toBeGreaterThan(15);
  });

  it('gives 完成情况 a dropdown and conditional fills, and prints A4 landscape with repeated headers and page numbers', async () => {
    const { wb, items } = await exportSample();
    const ws = sheet(wb, '自查表');
    const leaves = items.filter((i) => !items.some((c) => c.parent === i.code)).length;
    const status = ws.getColumn(columnOf(ws, HEADER.status, [4])).letter;
    const range = `${status}5:${status}${4 + leaves}`;
    for (const r of [5, 4 + leaves]) {
      expect(ws.getCell(`${status}${r}`).dataValidation).toMatchObject({ type: 'list', formulae: ['"齐全,部分,缺失,不适用"'], showErrorMessage: true });
    }
    expect(ws.getCell(`${status}${5 + leaves}`).dataValidation).toBeUndefined();
    const cf = (ws as unknown as { conditionalFormattings: { ref: string; rules: { formulae: string[]; style: { fill: { bgColor: { argb: string } } } }[] }[] })
      .conditionalFormattings;
    expect(cf.map((c) => c.ref)).toEqual([range]);
    expect(cf[0]?.rules.map((r) => [r.formulae[0], r.style.fill.bgColor.argb])).toEqual([
      ['"齐全"', 'FFC6EFCE'], ['"部分"', 'FFFFEB9C'], ['"缺失"', 'FFFFC7CE'], ['"不适用"', 'FFE7E6E6'],
    ]);

    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 4 });
    const lastVisible = ws.getColumn(columnOf(ws, HEADER.grade, [4])).letter;
    expect(ws.autoFilter).toBe(`A4:${lastVisible}${4 + leaves}`);
    expect(ws.pageSetup).toMatchObject({
      paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '3:4', horizontalCentered: true,
      // The hidden marks stay right of the print area; the sign-off block is inside it.
      printArea: `A1:${lastVisible}${6 + leaves}`,
    });
    expect(ws.getCell(`A${6 + leaves}`).value).toBe('填表人（立卷人）：张敏');
    // Passwordless protection: the clerk's columns open, the generated ones locked.
    expect(protectionOf(ws)).toMatchObject({ sheet: true, autoFilter: true, sort: true });
    expect(protectionOf(ws)).not.toHaveProperty('hashValue');
    expect(ws.getCell(`${status}5`).protection).toMatchObject({ locked: false });
    expect(ws.getCell(`${ws.getColumn(columnOf(ws, HEADER.requirement, [3])).letter}5`).protection).toBeUndefined();
    expect(ws.headerFooter.oddHeader).toBe(`&L示例街道文明社区居委会&C${SAMPLE.year} 年度创建文明城市软件资料自查表`);
    expect(ws.headerFooter.oddFooter).toBe('&C第 &P 页 共 &N 页');
    for (const name of CHECKLIST_SHEETS) {
      const s = sheet(wb, name);
      expect(s.pageSetup, name).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1 });
      expect(s.headerFooter.oddFooter, name).toContain('第 &P 页 共 &N 页');
      expect(s.pageSetup.printTitlesRow, name).toMatch(/^\d+:\d+$/);
    }
  });

  it('handles an edition whose 测评标准 sit at different depths and that names no levels', async () => {
    const core = await tempCore();
    const db = core.archive.db;
    const edition = insertEdition(db, {
      name: '某市点位标准',
      items: [
        { code: 'A', title: '组织领导', children: [{ code: 'A1', title: '领导小组' }, { code: 'A2', title: '工作机制', children: [{ code: 'A21', title: '例会制度' }, { code: 'A22', title: '督查制度' }] }] },
        { code: 'B', title: '单独一项' },
      ],
    }).edition;
    ensureFixtureYear(db, 2025, edition);
    insertFixtureRecords(db, 2025, [{ title: '例会记录', type: '记录', items: ['A21'], date: '2025-02-03' }]);
    const out = path.join(tempDir(), 'c.xlsx');
    await core.api['checklist.export']({ year: 2025, out });
    const ws = sheet(await readBack(out), '自查表');
    expect([2, 3, 4].map((c) => ws.getCell(3, c).value)).toEqual(['第1级', '第2级', '第3级']);
    expect(ws.model.merges).toEqual(expect.arrayContaining(['B5:B7', 'C5:D5', 'C6:C7', 'B8:D8']));
    expect(ws.getCell('C5').value).toBe('领导小组');
    expect(ws.getCell('B8').value).toBe('单独一项');
    expect(ws.getCell('D6').value).toBe('例会制度');
  });
});

describe('checklist export: 汇总, 材料索引, 整改台账', () => {
  it('sums progress per 测评项目 and materials per type, as formulas with their results', async () => {
    const { wb, statuses, items } = await exportSample();
    const ws = sheet(wb, '汇总');
    const tops = items.filter((i) => i.level === 1);
    expect(ws.getCell('A4').value).toBe('测评项目');
    expect(tops.map((_, i) => ws.getCell(5 + i, 1).value)).toEqual(tops.map(itemText));
    const total = ws.getRow(5 + tops.length);
    const leaves = statuses.filter((s) => s.leaf);
    const count = (s: string) => leaves.filter((l) => l.status === s).length;
    // exceljs reads a cached 0 back as no result.
    const result = (cell: ExcelJS.Cell) => (cell.value as ExcelJS.CellFormulaValue).result ?? 0;
    expect(total.getCell(1).value).toBe('合计');
    expect([2, 3, 4, 5, 6].map((c) => result(total.getCell(c)))).toEqual([leaves.length, count('齐全'), count('部分'), count('缺失'), count('不适用')]);
    expect((total.getCell(3).value as ExcelJS.CellFormulaValue).formula).toMatch(/^COUNTIFS\('自查表'!\$[A-Z]+\$5:\$[A-Z]+\$\d+,"齐全"\)$/);
    expect((ws.getCell('C5').value as ExcelJS.CellFormulaValue).formula).toMatch(/,"T1"\)$/);
    expect(result(total.getCell(7))).toBeCloseTo(count('齐全') / (leaves.length - count('不适用')), 10);
    expect(total.getCell(7).numFmt).toBe('0%');
    const right = new Map<string, unknown>();
    ws.eachRow((row) => {
      const label = row.getCell(9).value;
      const v = row.getCell(10).value;
      if (typeof label === 'string') right.set(label, v !== null && typeof v === 'object' && 'result' in v ? v.result : v);
    });
    // 照片 once: its 件 and its 张 on one line.
    expect([...right.keys()].filter((k) => k.startsWith('照片'))).toEqual(['照片（张，共 1 件）']);
    expect(Object.fromEntries(right)).toMatchObject({
      '方案（件）': 1, '签到表（件）': 1, '照片（张，共 1 件）': 3, '记录（件）': 1, '报告（件）': 1, '材料合计（件）': 5,
      '活动（次）': 1, '督查问题（条）': 3, 已整改: 1, 未完成: 2,
    });
    expect([...right.entries()].find(([k]) => k.startsWith('其中逾期'))?.[1]).toBe(1);
    expect(ws.pageSetup).toMatchObject({ fitToWidth: 1, fitToHeight: 1 });
    expect(protectionOf(ws)).toMatchObject({ sheet: true });
  });

  it('lists every 件 under its 测评标准 with stored 档号 and 卷号, page numbers, and what each item still lacks', async () => {
    const { wb, result, sample } = await exportSample();
    const ws = sheet(wb, '材料索引');
    expect(result.records).toBe(5);
    expect(ws.getRow(3).values).toEqual([
      undefined, '序号', '测评标准', '档号', '卷号', '页号', '题名', '文号', '责任者', '日期', '页数', '类型', '备注', '记录号', '导出时的值',
    ]);
    const all = Array.from({ length: ws.rowCount - 3 }, (_, i) => ws.getRow(4 + i));
    const rows = all.filter((r) => r.getCell(13).value !== null);
    expect(rows.map((r) => [r.getCell(2).value, r.getCell(13).value])).toEqual([
      ['1.1.1 实践站“七有”建设', String(sample.records.plan)],
      ['1.1.2 常态化开展文明实践活动', String(sample.records.formula)],
      ['1.2.2 学雷锋志愿服务活动', String(sample.records.signIn)],
      ['1.2.2 学雷锋志愿服务活动', String(sample.records.photos)],
      ['1.2.2 学雷锋志愿服务活动', String(sample.records.report)],
      ['5.1.3 创建工作总结', String(sample.records.report)],
    ]);
    expect(rows.map((r) => r.getCell(3).value)).toEqual([
      'Z001-WS·2024-D10-0101-0001', 'Z001-WS·2024-D10-0101-0002', 'Z001-WS·2024-D10-0102-0001', 'Z001-WS·2024-D10-0102-0002',
      'Z001-WS·2024-D10-0102-0003', 'Z001-WS·2024-D10-0102-0003',
    ]);
    expect(rows.map((r) => r.getCell(4).value)).toEqual([1, 1, 2, 2, 2, 2]);
    expect(rows.map((r) => r.getCell(5).value)).toEqual(['1–3', '4–5', '1', '2–4', '5', '5']);
    expect(rows.map((r) => r.getCell(6).value)).toEqual([
      '2024年新时代文明实践站工作方案', SAMPLE.formulaTitle, '[学雷锋志愿服务活动签到表]', '学雷锋志愿服务活动照片', SAMPLE.minusTitle, SAMPLE.minusTitle,
    ]);
    const dates = rows.map((r) => r.getCell(9).value);
    expect(dates.slice(0, 4).map((d) => (d as Date).toISOString())).toEqual([
      '2024-03-05T00:00:00.000Z', '2024-12-31T00:00:00.000Z', '2024-03-05T00:00:00.000Z', '2024-01-01T00:00:00.000Z',
    ]);
    expect(dates[4]).toBeNull();
    expect(rows[0]?.getCell(9).numFmt).toBe('yyyy-mm-dd');
    expect(rows.map((r) => r.getCell(10).value)).toEqual([3, 2, 1, 3, 1, 1]);
    expect(rows[4]?.getCell(12).value).toBe(SAMPLE.atNote);
    // A line per item for what it still lacks, right after its 件.
    const lack = all.find((r) => r.getCell(2).value === '1.2.2 学雷锋志愿服务活动' && r.getCell(13).value === null);
    expect(lack?.getCell(6).value).toMatch(/^还缺：/);
    expect(all.some((r) => r.getCell(2).value === '2.1.1 未成年人活动室和少儿图书室' && r.getCell(6).value === '尚无材料' || String(r.getCell(6).value).startsWith('还缺'))).toBe(true);
    // CJK characters count double: "+86 社区居委会" needs 4 + 5×2 units plus padding.
    expect(ws.getColumn(8).width).toBe(displayWidth(SAMPLE.plusAuthor) + 2);
    // Each 测评标准 of the 自查表 links to its first row here, from its 序号.
    const self = sheet(wb, '自查表');
    const firstRowOf122 = 4 + all.findIndex((r) => r.getCell(2).value === '1.2.2 学雷锋志愿服务活动');
    const seq = Array.from({ length: self.rowCount }, (_, i) => self.getRow(i + 1)).find((r) => r.getCell(4).value === '2. 学雷锋志愿服务活动')?.getCell(1);
    expect((seq?.value as ExcelJS.CellHyperlinkValue).hyperlink).toBe(`#'材料索引'!A${firstRowOf122}`);
  });

  it('without a binder report prints the stored 档号 and 卷号, leaves 页号 empty and counts pages from the files', async () => {
    const { wb, result } = await exportSample(false);
    expect(result.binderReport).toBeNull();
    const ws = sheet(wb, '材料索引');
    const rows = Array.from({ length: ws.rowCount - 3 }, (_, i) => ws.getRow(4 + i)).filter((r) => r.getCell(13).value !== null);
    expect(rows.map((r) => r.getCell(3).value).slice(0, 2)).toEqual(['Z001-WS·2024-D10-0101-0001', 'Z001-WS·2024-D10-0101-0002']);
    expect(rows.map((r) => r.getCell(4).value)).toEqual([1, 1, 2, 2, 2, 2]);
    expect(rows.map((r) => r.getCell(5).value)).toEqual([null, null, null, null, null, null]);
    expect(rows[0]?.getCell(10).value).toBe(3);
  });

  it('lists records not yet archived after the archived ones of their item, by date, with no 档号', async () => {
    const core = await tempCore();
    fillSampleYear(core.archive.db);
    insertFixtureRecords(core.archive.db, SAMPLE.year, [
      { title: '未归档的活动记录', type: '记录', items: ['1.1.2'], date: '2024-02-01', pages: 1 },
      { title: '未归档的照片', type: '照片', items: ['1.2.2'], date: '2024-01-15', images: 1 },
    ]);
    const out = path.join(tempDir(), '自查表.xlsx');
    await core.api['checklist.export']({ year: SAMPLE.year, out });
    const ws = sheet(await readBack(out), '材料索引');
    const rows = Array.from({ length: ws.rowCount - 3 }, (_, i) => ws.getRow(4 + i)).filter((r) => r.getCell(13).value !== null);
    const of = (item: string) => rows.filter((r) => r.getCell(2).value === item).map((r) => [r.getCell(3).value, r.getCell(6).value]);
    expect(of('1.1.2 常态化开展文明实践活动')).toEqual([['Z001-WS·2024-D10-0101-0002', SAMPLE.formulaTitle], [null, '未归档的活动记录']]);
    expect(of('1.2.2 学雷锋志愿服务活动').at(-1)).toEqual([null, '未归档的照片']);
  });

  it('highlights overdue ledger rows, writes ledger dates as dates, and gives 状态 its dropdown', async () => {
    const { wb } = await exportSample();
    const ws = sheet(wb, '整改台账');
    expect(ws.getRow(3).values).toEqual([
      undefined, '序号', '问题描述', '点位', '关联测评项', '责任单位', '分管领导', '提出日期', '整改时限', '整改情况', '状态', '完成日期', '佐证材料', '逾期',
      '问题编号', '导出时的值',
    ]);
    const byProblem = new Map<string, ExcelJS.Row>();
    for (const r of [4, 5, 6]) byProblem.set(String(ws.getRow(r).getCell(2).value), ws.getRow(r));
    const late = byProblem.get('宣传栏公益广告破损') as ExcelJS.Row;
    const closed = byProblem.get('=楼道堆物未清理') as ExcelJS.Row;
    const future = byProblem.get('垃圾分类亭标识缺失') as ExcelJS.Row;
    for (const c of [1, 2, 5, 8, 10, 13]) expect(fillOf(late.getCell(c)), `column ${c}`).toBe('FFFFC7CE');
    expect(late.getCell(13).value).toMatch(/^逾期 \d+ 天$/);
    expect(late.getCell(4).value).toBe('1.3.1 公益广告宣传');
    expect((late.getCell(8).value as Date).toISOString()).toBe('2024-05-10T00:00:00.000Z');
    expect(late.getCell(8).numFmt).toBe('yyyy-mm-dd');
    for (const row of [closed, future]) {
      expect(fillOf(row.getCell(2))).toBeUndefined();
      expect(row.getCell(13).value).toBeNull();
    }
    expect((closed.getCell(11).value as Date).toISOString()).toBe('2024-05-08T00:00:00.000Z');
    expect(closed.getCell(12).value).toMatch(/^#\d+ 学雷锋志愿服务活动照片$/);
    expect(late.getCell(10).dataValidation).toMatchObject({ type: 'list', formulae: ['"待整改,整改中,已整改"'] });
    for (const c of [9, 10, 11, 12]) expect(late.getCell(c).protection, `column ${c}`).toMatchObject({ locked: false });
    expect(late.getCell(2).protection).toBeUndefined();
    expect(ws.getColumn(15).hidden).toBe(true);
  });
});

describe('checklist export: safety', () => {
  it('writes every text as a text cell, formula-like values included, in text-formatted cells', async () => {
    const { wb } = await exportSample();
    let texts = 0;
    const risky: string[] = [];
    for (const ws of wb.worksheets) {
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          // Formulas only where Taizhang counts (the 汇总 and the 自查表's count line), never from a clerk's text.
          if (cell.type === ExcelJS.ValueType.Formula) {
            expect(ws.name === '汇总' || (ws.name === '自查表' && cell.address === 'A2'), `${ws.name}!${cell.address}`).toBe(true);
            expect((cell.value as ExcelJS.CellFormulaValue).formula).not.toContain('HYPERLINK');
          }
          if (typeof cell.value === 'string' && !cell.isMerged) {
            texts++;
            if (/^[=+\-@]/.test(cell.value)) {
              risky.push(cell.value);
              expect(cell.numFmt, `${ws.name}!${cell.address}`).toBe('@');
            }
          }
        }),
      );
    }
    expect(texts).toBeGreaterThan(250);
    expect(risky).toEqual(expect.arrayContaining([SAMPLE.formulaTitle, SAMPLE.plusAuthor, SAMPLE.minusTitle, SAMPLE.atNote, '=楼道堆物未清理']));
  });

  it('finds the binder report of the year beside the output, and ignores other years and other JSON', async () => {
    const core = await tempCore();
    const sample = fillSampleYear(core.archive.db);
    const dir = tempDir();
    mkdirSync(path.join(dir, '案卷'));
    writeFileSync(path.join(dir, '案卷', 'binder-report-2024.json'), JSON.stringify(sample.report));
    writeFileSync(path.join(dir, 'binder-report-2023.json'), JSON.stringify({ ...sample.report, year: 2023, volumes: [] }));
    writeFileSync(path.join(dir, 'notes.json'), '{"hello": 1}');
    writeFileSync(path.join(dir, 'broken.json'), '{');
    const result = await core.api['checklist.export']({ year: SAMPLE.year, out: path.join(dir, 'c.xlsx') });
    expect(result.binderReport).toBe(path.join(dir, '案卷', 'binder-report-2024.json'));
    expect(sheet(await readBack(result.path), '材料索引').getCell('E4').value).toBe('1–3');
  });

  it('refuses bad arguments clearly and writes nothing', async () => {
    const core = await tempCore();
    const sample = fillSampleYear(core.archive.db);
    const dir = tempDir();
    const out = path.join(dir, 'c.xlsx');
    const report = (name: string, content: string) => {
      writeFileSync(path.join(dir, name), content);
      return path.join(dir, name);
    };
    await expect(core.api['checklist.export']({ year: 2024, out: path.join(dir, 'c.csv') })).rejects.toThrow(/\.xlsx/);
    await expect(core.api['checklist.export']({ year: 2024, out, binderReport: path.join(dir, 'none.json') })).rejects.toThrow(/找不到或无法读取装订报告/);
    await expect(core.api['checklist.export']({ year: 2024, out, binderReport: report('a.json', 'not json') })).rejects.toThrow(/不是有效的 JSON/);
    await expect(core.api['checklist.export']({ year: 2024, out, binderReport: report('b.json', '{"volumes": 3}') })).rejects.toThrow(/不是台账的装订报告/);
    await expect(
      core.api['checklist.export']({ year: 2024, out, binderReport: report('c.json', JSON.stringify({ ...sample.report, year: 2022 })) }),
    ).rejects.toThrow(/2022 年度的/);
    await expect(core.api['checklist.export']({ year: 2031, out })).rejects.toThrow(/2031/);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir).filter((f) => f.endsWith('.xlsx') || f.endsWith('.part'))).toEqual([]);
  });

  it('keeps the printed page header within Excel\'s limits for any unit name', async () => {
    const core = await tempCore();
    fillSampleYear(core.archive.db);
    await core.api['archive.setUnit']({ name: `A&B${'很长的单位名称'.repeat(28)}` });
    const out = path.join(tempDir(), 'c.xlsx');
    await core.api['checklist.export']({ year: 2024, out });
    for (const ws of (await readBack(out)).worksheets.filter((w) => w.state === 'visible')) {
      const header = ws.headerFooter.oddHeader ?? '';
      expect(header.length, ws.name).toBeLessThanOrEqual(255);
      expect(header).toMatch(/^&LA&&B很长/);
    }
  });

  it('replaces an existing file in one step and leaves no temporary file', async () => {
    const core = await tempCore();
    fillSampleYear(core.archive.db);
    const dir = tempDir();
    const out = path.join(dir, 'c.xlsx');
    writeFileSync(out, 'old content');
    await core.api['checklist.export']({ year: 2024, out });
    expect(sheet(await readBack(out), '自查表').getCell('A1').value).toMatch(/自查表$/);
    expect(readdirSync(dir)).toEqual(['c.xlsx']);
  });
});
