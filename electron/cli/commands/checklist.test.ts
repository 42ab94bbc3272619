import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ChecklistDiff, ChecklistResult } from '../../../shared/api/checklist.js';
import { cli, tempCore, tempDir } from '../../../test/support/temp.js';
import { fillSampleYear, SAMPLE } from '../../../test/support/archive-data.js';
import { runPython } from '../../../test/support/readers.js';

const SET_NOTE = String.raw`
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb['自查表']
col = next(c.column for c in ws[4] if c.value == '备注')
ws.cell(5, col).value = sys.argv[3]
wb.save(sys.argv[2])
print('null')
`;

describe('taizhang export checklist / checklist diff / checklist apply', () => {
  it('exports, shows the diff, applies only with --yes', async () => {
    const core = await tempCore();
    fillSampleYear(core.archive.db);
    const dir = tempDir();
    const a = ['--archive', core.dir];
    const out = path.join(dir, '自查表.xlsx');

    const exported = await cli('export', 'checklist', ...a, '--year', String(SAMPLE.year), '--out', out);
    expect(exported.stderr).toBe('');
    expect(exported.code).toBe(0);
    expect(exported.stdout).toContain('已导出自查表');
    expect(exported.stdout).toContain('没有找到本年度的装订报告');
    const json = await cli('export', 'checklist', ...a, '--json', '--year', String(SAMPLE.year), '--out', out);
    expect(json.json<ChecklistResult>()).toMatchObject({ path: out, rows: 21, records: 5, sheets: ['自查表', '汇总', '材料索引', '整改台账'] });

    const edited = path.join(dir, 'edited.xlsx');
    runPython(SET_NOTE, out, edited, '请补充活动照片');
    // The year comes from the file.
    const diff = await cli('checklist', 'diff', edited, ...a);
    expect(diff.code).toBe(0);
    expect(diff.stdout).toContain('修改 1 处');
    expect(diff.stdout).toMatch(/自查表 第 5 行 1\.1\.1 实践站“七有”建设\n\s+备注：（空） → 请补充活动照片/);

    const unconfirmed = await cli('checklist', 'apply', edited, ...a);
    expect(unconfirmed.code).toBe(0);
    expect(unconfirmed.stdout).toContain('备注：（空） → 请补充活动照片');
    expect(unconfirmed.stdout).toContain('加 --yes');
    expect(core.archive.db.prepare('SELECT count(*) FROM checklist_notes').pluck().get()).toBe(0);

    const confirmed = await cli('checklist', 'apply', edited, ...a, '--year', String(SAMPLE.year), '--yes', '--json');
    expect(confirmed.code).toBe(0);
    expect(confirmed.json<ChecklistDiff & { applied: number }>()).toMatchObject({ applied: 1, changes: [{ code: '1.1.1', after: '请补充活动照片' }] });
    expect(core.archive.db.prepare('SELECT note FROM checklist_notes').pluck().all()).toEqual(['请补充活动照片']);
    const nothing = await cli('checklist', 'apply', edited, ...a, '--year', String(SAMPLE.year), '--yes');
    expect(nothing.stdout).toContain('没有可导入的修改');

    // A second copy of the first export, edited in the same cell: a numbered conflict the clerk resolves.
    const rival = path.join(dir, 'rival.xlsx');
    runPython(SET_NOTE, out, rival, '照片已补齐');
    const conflict = await cli('checklist', 'diff', rival, ...a);
    expect(conflict.stdout).toContain('冲突 1 处');
    expect(conflict.stdout).toContain('[1] 自查表 第 5 行 1.1.1 实践站“七有”建设 备注：导出时 （空）；档案 请补充活动照片；文件 照片已补齐');
    const kept = await cli('checklist', 'apply', rival, ...a, '--yes');
    expect(kept.stdout).toContain('默认保留档案的值');
    expect(core.archive.db.prepare('SELECT note FROM checklist_notes').pluck().all()).toEqual(['请补充活动照片']);
    expect((await cli('checklist', 'apply', rival, ...a, '--yes', '--use-file', '2')).stderr).toMatch(/--use-file 的编号应为 1–1/);
    const taken = await cli('checklist', 'apply', rival, ...a, '--yes', '--use-file', '1');
    expect(taken.code).toBe(0);
    expect(taken.stdout).toContain('已写入 1 处');
    expect(core.archive.db.prepare('SELECT note FROM checklist_notes').pluck().all()).toEqual(['照片已补齐']);
  });

  it('gives clear errors for a bad file, a bad year and missing options', async () => {
    const core = await tempCore();
    fillSampleYear(core.archive.db);
    const a = ['--archive', core.dir];
    const dir = tempDir();
    const notXlsx = await cli('checklist', 'diff', path.join(dir, 'missing.xlsx'), ...a, '--year', '2024');
    expect(notXlsx.code).toBe(1);
    expect(notXlsx.stderr).toMatch(/找不到文件/);
    expect((await cli('export', 'checklist', ...a, '--year', '24', '--out', path.join(dir, 'x.xlsx'))).stderr).toMatch(/四位数字/);
    expect((await cli('export', 'checklist', ...a, '--year', '2024')).code).toBe(2);
    expect((await cli('checklist', 'apply', ...a, '--year', '2024')).code).toBe(2);
    expect((await cli('checklist', 'diff', path.join(dir, 'missing.xlsx'), ...a, '--year', '24')).stderr).toMatch(/四位数字/);
    expect(existsSync(path.join(dir, 'x.xlsx'))).toBe(false);
  });
});
