import { copyFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempCore, tempDir } from '../../../test/support/temp.js';
import { fillSampleYear, SAMPLE } from '../../../test/support/archive-data.js';
import { convertWithLibreOffice } from '../../../test/support/readers.js';
import { pageTexts, pageWords } from '../../../test/support/pdf-inspect.js';
import { cachedValues, editWorkbook, locateSheet } from '../../../test/support/workbook-edit.js';
import { HEADER, LEDGER_HEADER, LEDGER_SHEET, MATERIALS_HEADER, MATERIALS_SHEET, SELF_CHECK_SHEET, SUMMARY_SHEET } from './layout.js';

/** The sample year exported, with where its rows and columns are. */
async function exported() {
  const core = await tempCore();
  const sample = fillSampleYear(core.archive.db);
  const dir = tempDir();
  const out = path.join(dir, 'checklist.xlsx');
  await core.api['checklist.export']({ year: SAMPLE.year, out });
  const self = await locateSheet(out, SELF_CHECK_SHEET, [3, 4], HEADER.code);
  const status = async () => new Map((await core.api['status.get']({ year: SAMPLE.year })).map((s) => [s.code, s]));
  return { core, sample, dir, out, self, status };
}

/** The row of 合计 in the 汇总 and its column of a status. */
function totalCell(status: '齐全' | '部分' | '缺失' | '不适用', leafTops: number): string {
  const column = { 齐全: 'C', 部分: 'D', 缺失: 'E', 不适用: 'F' }[status];
  return `${column}${5 + leafTops}`;
}

describe('the checklist as a living workbook', () => {
  it('keeps the 汇总 and count lines as formulas that follow a changed status, with right cached values too', async () => {
    const { core, dir, out, self, status } = await exported();
    const before = await status();
    const tops = (await core.api['status.get']({ year: SAMPLE.year })).filter((s) => s.level === 1).length;
    const leaves = [...before.values()].filter((s) => s.leaf);
    const count = (s: string) => leaves.filter((l) => l.status === s).length;
    // Cached results as exported, for readers that never calculate.
    expect(cachedValues(out, SUMMARY_SHEET, [totalCell('不适用', tops), totalCell('齐全', tops)])).toEqual([count('不适用'), count('齐全')]);
    expect(cachedValues(out, SELF_CHECK_SHEET, ['A2'])[0]).toContain(`共 ${leaves.length} 项：齐全 ${count('齐全')}，`);

    // Two statuses changed with openpyxl (which drops every cached result), then LibreOffice recalculates.
    const edited = editWorkbook(out, path.join(dir, 'edited.xlsx'), [
      ['set', SELF_CHECK_SHEET, `${self.col(HEADER.status)}${self.row('2.1.1')}`, '不适用'],
      ['set', SELF_CHECK_SHEET, `${self.col(HEADER.status)}${self.row('2.1.2')}`, '不适用'],
    ]);
    const lo = path.join(dir, 'lo');
    const recalculated = convertWithLibreOffice(edited, 'xlsx', lo);
    expect(cachedValues(recalculated, SUMMARY_SHEET, [totalCell('不适用', tops), totalCell('缺失', tops)])).toEqual([
      count('不适用') + 2,
      count('缺失') - 2,
    ]);
    expect(cachedValues(recalculated, SELF_CHECK_SHEET, ['A2'])[0]).toContain(`不适用 ${count('不适用') + 2}`);

    // The file LibreOffice saved reads back: its marks sheet is merely hidden now, which is said, and nothing else is off.
    const diff = await core.api['checklist.diff']({ file: recalculated });
    expect(diff.year).toBe(SAMPLE.year);
    expect(diff.problems.map((p) => p.kind)).toEqual(['notice']);
    expect(diff.changes.map((c) => [c.code, c.field, c.after])).toEqual([
      ['2.1.1', '完成情况', '不适用'],
      ['2.1.2', '完成情况', '不适用'],
    ]);
    await core.api['checklist.apply']({ file: recalculated, token: diff.token });
    // One truth: the status view shows the 不适用 the checklist brought, with its reason.
    const after = await status();
    expect(after.get('2.1.1')).toMatchObject({ status: '不适用', reason: '自查表认定不适用' });
    expect(after.get('2.1.2')?.status).toBe('不适用');
  }, 120_000);

  it('brings 整改台账 edits back into the ledger, also after a LibreOffice save', async () => {
    const { core, dir, out, sample } = await exported();
    const ledger = await locateSheet(out, LEDGER_SHEET, [3], LEDGER_HEADER.id);
    const [overdue] = (await core.api['ledger.list']({ year: SAMPLE.year })).filter((r) => r.overdue);
    const id = String(overdue?.id);
    const cell = (h: string) => `${ledger.col(h)}${ledger.row(id)}`;
    const edited = editWorkbook(out, path.join(dir, 'ledger.xlsx'), [
      ['set', LEDGER_SHEET, cell(LEDGER_HEADER.state), '已整改'],
      ['date', LEDGER_SHEET, cell(LEDGER_HEADER.closedOn), '2024-06-01'],
      ['set', LEDGER_SHEET, cell(LEDGER_HEADER.progress), '已更换宣传栏画面'],
      ['set', LEDGER_SHEET, cell(LEDGER_HEADER.evidence), `#${sample.records.photos} 学雷锋志愿服务活动照片\n#${sample.records.plan}`],
    ]);
    const saved = convertWithLibreOffice(edited, 'xlsx', path.join(dir, 'lo'));
    const diff = await core.api['checklist.diff']({ file: saved });
    expect(diff.problems.filter((p) => p.kind !== 'notice')).toEqual([]);
    expect(diff.changes.map((c) => [c.sheet, c.field, c.before, c.after])).toEqual([
      ['整改台账', '状态', '整改中', '已整改'],
      ['整改台账', '完成日期', '', '2024-06-01'],
      ['整改台账', '整改情况', '', '已更换宣传栏画面'],
      ['整改台账', '佐证材料', '', [sample.records.plan, sample.records.photos].sort((a, b) => a - b).map((n) => `#${n}`).join('、')],
    ]);
    expect((await core.api['checklist.apply']({ file: saved, token: diff.token })).applied).toBe(4);
    const stored = (await core.api['ledger.list']({ year: SAMPLE.year })).find((r) => r.id === overdue?.id);
    expect(stored).toMatchObject({ state: '已整改', closedOn: '2024-06-01', progress: '已更换宣传栏画面', overdue: false });
    expect(stored?.evidence.map((e) => e.id).sort()).toEqual([sample.records.plan, sample.records.photos].sort());
    // The ledger's dropdown is in the file.
    const bad = editWorkbook(out, path.join(dir, 'bad.xlsx'), [['set', LEDGER_SHEET, cell(LEDGER_HEADER.state), '搞定了']]);
    expect((await core.api['checklist.diff']({ file: bad })).problems.map((p) => p.kind)).toContain('invalid');
  }, 120_000);

  it('reports edits to generated columns by cell, stores 材料索引 备注 as the record note, and names the inspectors\' columns', async () => {
    const { core, dir, out, self, sample } = await exported();
    const materials = await locateSheet(out, MATERIALS_SHEET, [3], MATERIALS_HEADER.id);
    const requirement = `${self.col(HEADER.requirement)}${self.row('1.1.1')}`;
    const edited = editWorkbook(out, path.join(dir, 'locked.xlsx'), [
      ['set', SELF_CHECK_SHEET, requirement, '改过的具体要求'],
      ['set', SELF_CHECK_SHEET, `${self.col(HEADER.reason)}${self.row('1.2.2')}`, '缺项说明也改了'],
      ['set', SELF_CHECK_SHEET, `${self.col(HEADER.opinion)}${self.row('1.2.2')}`, '材料较全'],
      ['set', MATERIALS_SHEET, `${materials.col(MATERIALS_HEADER.note)}${materials.row(String(sample.records.plan))}`, '原件在党委办公室'],
      ['set', MATERIALS_SHEET, `${materials.col('页数')}${materials.row(String(sample.records.plan))}`, 99],
    ]);
    const diff = await core.api['checklist.diff']({ file: edited });
    const locked = diff.problems.filter((p) => p.kind === 'locked');
    expect(locked.map((p) => [p.sheet, p.cell])).toEqual([
      [SELF_CHECK_SHEET, requirement],
      [SELF_CHECK_SHEET, `${self.col(HEADER.reason)}${self.row('1.2.2')}`],
      [MATERIALS_SHEET, `${materials.col('页数')}${materials.row(String(sample.records.plan))}`],
    ]);
    expect(locked[0]?.message).toContain('未导入（此列由台账生成）');
    expect(diff.problems.find((p) => p.kind === 'ignored')?.message).toContain(`${self.col(HEADER.opinion)}${self.row('1.2.2')}（检查组意见）`);
    expect(diff.changes.map((c) => [c.sheet, c.code, c.field, c.after])).toEqual([[MATERIALS_SHEET, `#${sample.records.plan}`, '备注', '原件在党委办公室']]);
    await core.api['checklist.apply']({ file: edited });
    expect((await core.api['records.get']({ id: sample.records.plan })).note).toBe('原件在党委办公室');
  }, 60_000);

  it('finds a conflict after someone else applied the same cell, and lets the clerk choose', async () => {
    const { core, dir, out, self } = await exported();
    const note = `${self.col(HEADER.note)}${self.row('1.2.2')}`;
    const other = path.join(dir, 'copy.xlsx');
    copyFileSync(out, other);
    const first = editWorkbook(out, path.join(dir, 'first.xlsx'), [['set', SELF_CHECK_SHEET, note, '甲：已核对']]);
    await core.api['checklist.apply']({ file: first });
    const second = editWorkbook(other, path.join(dir, 'second.xlsx'), [
      ['set', SELF_CHECK_SHEET, note, '乙：还缺签到表'],
      ['set', SELF_CHECK_SHEET, `${self.col(HEADER.note)}${self.row('1.1.1')}`, '乙：另一格'],
    ]);
    const diff = await core.api['checklist.diff']({ file: second });
    expect(diff.changes.map((c) => [c.code, c.after])).toEqual([['1.1.1', '乙：另一格']]);
    expect(diff.conflicts).toEqual([
      expect.objectContaining({ id: `${SELF_CHECK_SHEET}!1.2.2!备注`, exported: '', archive: '甲：已核对', file: '乙：还缺签到表' }),
    ]);
    // Unresolved, the archive's value stays; resolved for the file, the file's value is stored.
    expect((await core.api['checklist.apply']({ file: second, token: diff.token })).applied).toBe(1);
    const noteOf = (code: string) => notes(core, code);
    expect(noteOf('1.2.2')).toBe('甲：已核对');
    const again = await core.api['checklist.diff']({ file: second });
    await core.api['checklist.apply']({ file: second, token: again.token, resolutions: { [`${SELF_CHECK_SHEET}!1.2.2!备注`]: 'file' } });
    expect(noteOf('1.2.2')).toBe('乙：还缺签到表');
  }, 60_000);

  it('counts cells whose export record was cleared as conflicts, with a warning, never as changes', async () => {
    const { core, dir, out, self } = await exported();
    const row = self.row('1.2.2');
    const cleared = editWorkbook(out, path.join(dir, 'cleared.xlsx'), [
      ['set', SELF_CHECK_SHEET, `${self.col(HEADER.baseline)}${row}`, ''],
      ['set', SELF_CHECK_SHEET, `${self.col(HEADER.note)}${row}`, '清除原值后改的备注'],
    ]);
    const diff = await core.api['checklist.diff']({ file: cleared });
    expect(diff.changes).toEqual([]);
    expect(diff.conflicts).toEqual([expect.objectContaining({ code: '1.2.2', field: '备注', exported: null, file: '清除原值后改的备注' })]);
    expect(diff.problems.find((p) => p.kind === 'unmarked')?.message).toContain('1 行的导出时原值缺失或被清除');
  }, 60_000);

  it('flags 齐全 claimed over the system\'s 部分 and needs its reason in 备注', async () => {
    const { core, dir, out, self, status } = await exported();
    expect((await status()).get('1.2.2')?.status).toBe('部分');
    const claim = `${self.col(HEADER.status)}${self.row('1.2.2')}`;
    const bare = editWorkbook(out, path.join(dir, 'bare.xlsx'), [['set', SELF_CHECK_SHEET, claim, '齐全']]);
    const refused = await core.api['checklist.diff']({ file: bare });
    expect(refused.changes).toEqual([]);
    expect(refused.problems.map((p) => p.kind)).toEqual(['claim']);
    const reasoned = editWorkbook(bare, path.join(dir, 'reasoned.xlsx'), [['set', SELF_CHECK_SHEET, `${self.col(HEADER.note)}${self.row('1.2.2')}`, '签到表原件在街道']]);
    const diff = await core.api['checklist.diff']({ file: reasoned });
    expect(diff.changes.find((c) => c.field === '完成情况')).toMatchObject({ after: '齐全', claim: { system: '部分', reason: '签到表原件在街道' } });
    // Applied, the status view shows both: the archive's 部分 and the clerk's 齐全 with its reason.
    await core.api['checklist.apply']({ file: reasoned, token: diff.token });
    expect((await status()).get('1.2.2')).toMatchObject({ status: '部分', selfCheck: { status: '齐全', reason: '签到表原件在街道' } });
    const { statusText } = await import('../../cli/commands/status.js');
    const text = statusText(SAMPLE.year, await core.api['status.get']({ year: SAMPLE.year }));
    expect(text).toContain('1.2.2 学雷锋志愿服务活动');
    expect(text).toMatch(/自查认定：齐全，理由：签到表原件在街道/);
    expect(text).toMatch(/按自查认定：齐全 \d+/);
  }, 60_000);

  it('prints the 自查表 at 8 pt or more with its 测评项目 on every page and no hidden marks', async () => {
    const { dir, out, core } = await exported();
    const pdf = convertWithLibreOffice(out, 'pdf', path.join(dir, 'pdf'));
    const texts = pageTexts(pdf);
    const pages = texts.map((t, i) => [t, i + 1] as const).filter(([t]) => t.includes('软件资料自查表') && !t.includes('汇总'));
    expect(pages.length).toBeGreaterThan(1);
    const tops = (await core.api['status.get']({ year: SAMPLE.year })).filter((s) => s.level === 1).map((s) => s.title);
    for (const [text, page] of pages) {
      const flat = text.replace(/\s+/g, '');
      // The 测评项目 column of the page, read top to bottom, holds a 测评项目's name.
      const { words } = pageWords(pdf, page);
      const header = words.find((w) => w.text === '测评项目') as (typeof words)[number];
      const column = words
        .filter((w) => w.yMin > header.yMax && (w.xMin + w.xMax) / 2 > header.xMin - 20 && (w.xMin + w.xMax) / 2 < header.xMax + 20)
        .map((w) => w.text)
        .join('');
      expect(tops.some((t) => column.includes(t)), `page ${page} names its 测评项目: ${column}`).toBe(true);
      // Hidden columns stay outside the print area: neither the codes nor the marks reach the text layer.
      expect(flat).not.toMatch(/导出时的值|\["|T\d+/);
      // A Chinese character is one em wide: the advance of a word of Han characters is its font size.
      const han = words.filter((w) => /^\p{Script=Han}{2,}$/u.test(w.text));
      const sizes = han.map((w) => (w.xMax - w.xMin) / [...w.text].length);
      expect(han.length, `page ${page}`).toBeGreaterThan(20);
      expect(Math.min(...sizes), `page ${page}`).toBeGreaterThanOrEqual(8);
    }
    expect(texts.join('').replace(/\s+/g, '')).toContain('填表人（立卷人）：张敏');
  }, 120_000);
});

function notes(core: Awaited<ReturnType<typeof tempCore>>, code: string): string | undefined {
  return core.archive.db
    .prepare('SELECT n.note FROM checklist_notes n JOIN items i ON i.id = n.item_id WHERE i.code = ? AND n.year = ?')
    .pluck()
    .get(code, SAMPLE.year) as string | undefined;
}
