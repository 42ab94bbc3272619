import { execFileSync } from 'node:child_process';
import { copyFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { ChecklistDiff } from '../../../shared/api/checklist.js';
import { tempCore, tempDir } from '../../../test/support/temp.js';
import { fillSampleYear, insertFixtureRecords, SAMPLE } from '../../../test/support/archive-data.js';
import { HEADER, SELF_CHECK_SHEET } from './layout.js';
import { PYTHON } from '../../../test/support/readers.js';
import { editWorkbook, locateSheet } from '../../../test/support/workbook-edit.js';

/** Where things are in an exported 自查表: the row of each code and the column letter of each header. */
const locate = (file: string) => locateSheet(file, SELF_CHECK_SHEET, [3, 4], HEADER.code);

async function exported() {
  const core = await tempCore();
  fillSampleYear(core.archive.db);
  const dir = tempDir();
  const out = path.join(dir, 'checklist.xlsx');
  await core.api['checklist.export']({ year: SAMPLE.year, out });
  const at = await locate(out);
  const statusOf = async (code: string) => (await core.api['status.get']({ year: SAMPLE.year })).find((s) => s.code === code)?.status;
  const notes = () => core.archive.db.prepare('SELECT count(*) FROM checklist_notes').pluck().get() as number;
  return { core, dir, out, at, statusOf, notes };
}

describe('checklist re-import', () => {
  it('shows an auditor\'s edits as a diff, stores them on apply, and a re-export shows them', async () => {
    const { core, dir, out, at, statusOf, notes } = await exported();
    const before211 = await statusOf('2.1.1');
    expect(before211).not.toBe('不适用');
    // Rows 1.1.1 and 1.1.2 swapped (as a sort would), then three edits.
    const [first, last] = [at.colNo(HEADER.method) - 1, at.colNo(HEADER.baseline)];
    const r111 = at.row('1.1.1');
    const r112 = at.row('1.1.2');
    const edited = editWorkbook(out, path.join(dir, 'edited.xlsx'), [
      ['swap', SELF_CHECK_SHEET, r111, r112, first, last],
      ['set', SELF_CHECK_SHEET, `${at.col(HEADER.status)}${at.row('2.1.1')}`, '不适用'],
      ['set', SELF_CHECK_SHEET, `${at.col(HEADER.responsible)}${r112}`, '张敏（社区党委）'],
      ['set', SELF_CHECK_SHEET, `${at.col(HEADER.note)}${at.row('1.2.2')}`, '现场查看了原件'],
    ]);
    const diff = await core.api['checklist.diff']({ year: SAMPLE.year, file: edited });
    expect(diff.problems).toEqual([]);
    expect(diff.changes).toEqual([
      { sheet: SELF_CHECK_SHEET, row: r112, code: '1.1.1', title: '实践站“七有”建设', field: '责任单位/责任人', before: '社区党委', after: '张敏（社区党委）' },
      { sheet: SELF_CHECK_SHEET, row: at.row('1.2.2'), code: '1.2.2', title: '学雷锋志愿服务活动', field: '备注', before: '', after: '现场查看了原件' },
      { sheet: SELF_CHECK_SHEET, row: at.row('2.1.1'), code: '2.1.1', title: '未成年人活动室和少儿图书室', field: '完成情况', before: before211, after: '不适用' },
    ]);
    expect(notes()).toBe(0);

    const applied = await core.api['checklist.apply']({ year: SAMPLE.year, file: edited, token: diff.token });
    expect(applied.applied).toBe(3);
    // 不适用 is stored as the item's 不适用 mark, which the status view shows too; the other two as notes.
    expect(notes()).toBe(2);
    expect(await statusOf('2.1.1')).toBe('不适用');
    expect((await core.api['checklist.diff']({ year: SAMPLE.year, file: edited })).changes).toEqual([]);

    const again = path.join(dir, 'again.xlsx');
    await core.api['checklist.export']({ year: SAMPLE.year, out: again });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(again);
    const ws = wb.getWorksheet(SELF_CHECK_SHEET) as ExcelJS.Worksheet;
    const at2 = await locate(again);
    expect(ws.getCell(`${at2.col(HEADER.status)}${at2.row('2.1.1')}`).value).toBe('不适用');
    expect(ws.getCell(`${at2.col(HEADER.reason)}${at2.row('2.1.1')}`).value).toBe('自查表认定不适用');
    expect(ws.getCell(`${at2.col(HEADER.responsible)}${at2.row('1.1.1')}`).value).toBe('张敏（社区党委）');
    expect(ws.getCell(`${at2.col(HEADER.note)}${at2.row('1.2.2')}`).value).toBe('现场查看了原件');
    const summary = wb.getWorksheet('汇总') as ExcelJS.Worksheet;
    let notApplicable = 0;
    summary.eachRow((row) => { if (row.getCell(1).value === '合计') notApplicable = Number((row.getCell(6).value as ExcelJS.CellFormulaValue).result ?? 0); });
    const statuses = await core.api['status.get']({ year: SAMPLE.year });
    expect(notApplicable).toBe(statuses.filter((s) => s.leaf && s.status === '不适用').length);

    // Setting a status back to what the archive computes removes the override.
    const back = editWorkbook(again, path.join(dir, 'back.xlsx'), [['set', SELF_CHECK_SHEET, `${at2.col(HEADER.status)}${at2.row('2.1.1')}`, before211 as string]]);
    expect((await core.api['checklist.apply']({ year: SAMPLE.year, file: back })).applied).toBe(1);
    expect(core.archive.db.prepare('SELECT status FROM checklist_notes WHERE status IS NOT NULL').all()).toEqual([]);
  });

  it('does not take what the archive recomputed since the export for an edit', async () => {
    const { core, out, statusOf } = await exported();
    const before = await statusOf('2.1.1');
    insertFixtureRecords(core.archive.db, SAMPLE.year, [
      { title: '少儿图书室管理制度', type: '制度', items: ['2.1.1'], date: '2024-02-01' },
      { title: '图书借阅登记台账', type: '台账', items: ['2.1.1'], date: '2024-06-01' },
    ]);
    expect(await statusOf('2.1.1')).not.toBe(before);
    const diff = await core.api['checklist.diff']({ year: SAMPLE.year, file: out });
    expect(diff).toMatchObject({ changes: [], problems: [] });
  });

  it('reports unknown, moved, duplicate, invalid and missing rows without guessing, and applies the rest', async () => {
    const { core, dir, out, at, notes } = await exported();
    const code = at.col(HEADER.code);
    const edited = editWorkbook(out, path.join(dir, 'messy.xlsx'), [
      ['set', SELF_CHECK_SHEET, `${code}${at.row('1.2.1')}`, '9.9.9'],
      ['set', SELF_CHECK_SHEET, `${at.col(HEADER.note)}${at.row('1.2.1')}`, '未知行的备注'],
      ['set', SELF_CHECK_SHEET, `D${at.row('1.3.1')}`, '1. 公益广告宣传（已改名）'],
      ['set', SELF_CHECK_SHEET, `${at.col(HEADER.status)}${at.row('1.3.1')}`, '齐全'],
      ['set', SELF_CHECK_SHEET, `${code}${at.row('1.3.3')}`, '1.3.2'],
      ['set', SELF_CHECK_SHEET, `${at.col(HEADER.status)}${at.row('2.2.1')}`, '已完成'],
      ['set', SELF_CHECK_SHEET, `${at.col(HEADER.note)}${at.row('2.2.1')}`, '活动照片请补齐'],
      ['set', SELF_CHECK_SHEET, `${at.col(HEADER.note)}${at.row('3.1.1')}`, '=1+1'],
      ['set', SELF_CHECK_SHEET, `${at.col(HEADER.responsible)}${at.row('3.1.1')}`, "'=社区"],
      ['delete_rows', SELF_CHECK_SHEET, at.row('5.1.3')],
    ]);
    const diff = await core.api['checklist.diff']({ year: SAMPLE.year, file: edited });
    const kinds = diff.problems.map((p) => [p.kind, p.code]);
    expect(kinds).toEqual([
      ['missing', null],
      ['unknown', '9.9.9'],
      ['moved', '1.3.1'],
      ['duplicate', '1.3.2'],
      ['duplicate', '1.3.2'],
      ['invalid', '2.2.1'],
      ['invalid', '3.1.1'],
    ]);
    expect(diff.problems[0]?.message).toContain('表中没有这些测评标准的行：1.2.1、1.3.3、5.1.3');
    expect(diff.problems.find((p) => p.kind === 'moved')?.message).toContain('公益广告宣传（已改名）');
    expect(diff.problems.find((p) => p.kind === 'invalid' && p.code === '2.2.1')?.message).toContain('已完成');
    expect(diff.problems.find((p) => p.code === '3.1.1')?.message).toContain('公式');
    expect(diff.changes.map((c) => [c.code, c.field, c.after])).toEqual([
      ['2.2.1', '备注', '活动照片请补齐'],
      ['3.1.1', '责任单位/责任人', "'=社区"],
    ]);
    const applied = await core.api['checklist.apply']({ year: SAMPLE.year, file: edited });
    expect(applied.applied).toBe(2);
    expect(notes()).toBe(2);
  });

  it('compares with the archive when the hidden marks are gone', async () => {
    const { core, dir, out, at } = await exported();
    const edited = editWorkbook(out, path.join(dir, 'plain.xlsx'), [
      ['delete_sheet', '_taizhang'],
      ['set', SELF_CHECK_SHEET, `${at.col(HEADER.baseline)}5`, 'garbage'],
      ['set', SELF_CHECK_SHEET, `${at.col(HEADER.note)}5`, '补充说明'],
    ]);
    const diff = await core.api['checklist.diff']({ year: SAMPLE.year, file: edited });
    // Without its export record the edit cannot be told from an archive change: a conflict, with the warnings.
    expect(diff.problems.map((p) => p.kind)).toEqual(['unmarked', 'unmarked']);
    expect(diff.changes).toEqual([]);
    expect(diff.conflicts).toMatchObject([{ row: 5, field: '备注', exported: null, file: '补充说明' }]);
  });

  it('refuses a file that is not an edited checklist with a clear error and changes nothing', async () => {
    const { core, dir, out, at, notes } = await exported();
    const bad = (name: string, content: string | Buffer) => {
      const file = path.join(dir, name);
      writeFileSync(file, content);
      return file;
    };
    const diff = (file: string, year: number = SAMPLE.year) => core.api['checklist.diff']({ year, file });
    const apply = (file: string) => core.api['checklist.apply']({ year: SAMPLE.year, file });
    await expect(diff(path.join(dir, 'none.xlsx'))).rejects.toThrow(/找不到文件/);
    await expect(apply(bad('text.xlsx', '这不是表格'))).rejects.toThrow(/不是有效的 Excel/);
    await expect(diff(bad('half.xlsx', Buffer.from('PK\u0003\u0004garbage')))).rejects.toThrow(/不是有效的 Excel/);
    const zip = path.join(dir, 'other.zip');
    execFileSync(PYTHON, ['-c', `import zipfile; zipfile.ZipFile('${zip}', 'w').writestr('a.txt', 'x')`]);
    copyFileSync(zip, path.join(dir, 'zip.xlsx'));
    await expect(diff(path.join(dir, 'zip.xlsx'))).rejects.toThrow(/不是有效的 Excel/);
    const renamed = editWorkbook(out, path.join(dir, 'renamed.xlsx'), [['rename_sheet', SELF_CHECK_SHEET, 'Sheet1']]);
    await expect(apply(renamed)).rejects.toThrow(/没有「自查表」工作表（现有：Sheet1、汇总/);
    const noCode = editWorkbook(out, path.join(dir, 'nocode.xlsx'), [['delete_cols', SELF_CHECK_SHEET, at.colNo(HEADER.code), 3]]);
    await expect(apply(noCode)).rejects.toThrow(/找不到「编码」列/);
    await expect(diff(out, 2023)).rejects.toThrow(/2024 年度的，不是 2023 年度/);
    const index = path.join(dir, 'index.xlsx');
    await core.api['index.export']({ out: index });
    await expect(diff(index)).rejects.toThrow(/自查表/);
    expect(notes()).toBe(0);
  });

  it('applies only the diff that was previewed', async () => {
    const { core, dir, out, at, notes } = await exported();
    const edited = editWorkbook(out, path.join(dir, 'e.xlsx'), [['set', SELF_CHECK_SHEET, `${at.col(HEADER.note)}${at.row('1.1.1')}`, '甲']]);
    const preview: ChecklistDiff = await core.api['checklist.diff']({ year: SAMPLE.year, file: edited });
    editWorkbook(edited, edited, [['set', SELF_CHECK_SHEET, `${at.col(HEADER.note)}${at.row('1.1.2')}`, '乙']]);
    await expect(core.api['checklist.apply']({ year: SAMPLE.year, file: edited, token: preview.token })).rejects.toThrow(/预览之后有了变化/);
    expect(notes()).toBe(0);
  });
});
