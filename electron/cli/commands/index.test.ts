import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Edition, ItemMapping } from '../../../shared/api/index.js';
import { cli, tempDir } from '../../../test/support/temp.js';
import { CITY_TABLE, writeTable } from '../../core/index/testing/tables.js';

async function archive(): Promise<string> {
  const dir = path.join(tempDir(), 'archive');
  expect((await cli('init', '--archive', dir)).code).toBe(0);
  return dir;
}

describe('taizhang index', () => {
  it('imports a table, assigns it to a year, and reports what it skipped', async () => {
    const dir = await archive();
    const file = await writeTable(path.join(tempDir(), 'city.xlsx'), [CITY_TABLE]);
    const r = await cli('index', 'import', file, '--name', '本市细则', '--year', '2024', '--archive', dir, '--json');
    expect(r.code).toBe(0);
    const out = r.json<{ edition: number; items: number; levels: number; warnings: string[] }>();
    expect(out).toMatchObject({ edition: 2, items: 10, levels: 3 });
    expect(out.warnings.join()).toMatch(/表格说明/);

    const human = await cli('index', 'import', file, '--archive', dir);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/已导入测评体系 #3：10 个项目，3 级/);
    expect(human.stderr).toMatch(/提示 \/ Note: 第 8 行起为表格说明/);

    const editions = (await cli('index', 'editions', '--archive', dir, '--json')).json<Edition[]>();
    expect(editions.map((e) => [e.id, e.name, e.years])).toEqual([
      [1, expect.stringContaining('示例'), []],
      [2, '本市细则', [2024]],
      [3, 'XX市2024年社区文明创建测评细则', []],
    ]);
    const text = await cli('index', 'editions', '--archive', dir);
    expect(text.stdout).toMatch(/#1 {2}示例.*\[示例\] {2}\d+ 项，3 级/);
    expect(text.stdout).toMatch(/#2 {2}本市细则 {2}10 项，3 级 {2}年度：2024/);
  });

  it('lists items as JSON with the documented fields, and as an indented tree', async () => {
    const dir = await archive();
    const file = await writeTable(path.join(tempDir(), 'city.xlsx'), [CITY_TABLE]);
    await cli('index', 'import', file, '--year', '2025', '--archive', dir);

    const r = await cli('index', 'list', '--year', '2025', '--archive', dir, '--json');
    const items = r.json<Record<string, unknown>[]>();
    expect(items).toHaveLength(10);
    expect(Object.keys(items[0] ?? {})).toEqual(['code', 'label', 'title', 'level', 'parent', 'method', 'requirement', 'unit']);
    expect(items[2]).toEqual({
      code: '1.1.1',
      label: '1.',
      title: '志愿服务站规范运行',
      level: 3,
      parent: '1.1',
      method: '材料审核、实地考察',
      requirement: '有志愿者名册和服务记录台账；照片不少于5张',
      unit: '社区志愿服务站',
    });

    const tree = await cli('index', 'list', '--edition', '1', '--archive', dir);
    const lines = tree.stdout.split('\n');
    expect(lines[0]).toBe('1  一、思想道德建设');
    expect(lines[1]).toBe('  1.1  （一）新时代文明实践站');
    expect(lines[2]).toMatch(/^ {4}1\.1\.1 {2}1\.实践站“七有”建设 {2}〔材料审核、实地考察〕$/);
  });

  it('exports an edition to .xlsx that imports back the same', async () => {
    const dir = await archive();
    const out = path.join(tempDir(), '导出.xlsx');
    const r = await cli('index', 'export', '--edition', '1', '--out', out, '--archive', dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/已导出 \d+ 个项目/);
    expect(existsSync(out)).toBe(true);
    await cli('index', 'import', out, '--archive', dir);
    const a = (await cli('index', 'list', '--edition', '1', '--archive', dir, '--json')).stdout;
    const b = (await cli('index', 'list', '--edition', '2', '--archive', dir, '--json')).stdout;
    expect(b).toBe(a);
  });

  it('maps items between editions and lists the mappings', async () => {
    const dir = await archive();
    const file = await writeTable(path.join(tempDir(), 'city.xlsx'), [CITY_TABLE]);
    await cli('index', 'import', file, '--archive', dir);
    const r = await cli('index', 'map', '--from', '1:1.2.2', '--to', '2:1.1.2', '--kind', 'renamed', '--archive', dir, '--json');
    expect(r.code).toBe(0);
    expect(r.json<ItemMapping>()).toMatchObject({ from: { editionId: 1, code: '1.2.2' }, to: { editionId: 2, code: '1.1.2' }, kind: 'renamed' });
    const list = await cli('index', 'mappings', '--archive', dir);
    expect(list.stdout.trim()).toBe('#1 1.2.2 学雷锋志愿服务活动  →  #2 1.1.2 学雷锋志愿服务活动  （更名）');
  });

  it('edits an item', async () => {
    const dir = await archive();
    const r = await cli('index', 'edit', '1.2.2', '--title', '学雷锋活动', '--requirement', '每季度1次活动，照片不少于5张', '--activity-rule', '方案,签到表', '--archive', dir, '--json');
    expect(r.code).toBe(0);
    const item = r.json<{ title: string; requirement: string; activityRule: string[]; quantities: { kind: string; min: number }[] }>();
    expect(item).toMatchObject({ title: '学雷锋活动', activityRule: ['方案', '签到表'] });
    expect(item.quantities).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'activities', min: 4 })]));
    const reset = await cli('index', 'edit', '1.2.2', '--activity-rule', '默认', '--archive', dir, '--json');
    expect(reset.json<{ activityRule: null }>().activityRule).toBeNull();
  });

  it('gives clear errors: exit 1 for bad input (archive unchanged), exit 2 for usage', async () => {
    const dir = await archive();
    const bad = path.join(tempDir(), 'bad.xlsx');
    writeFileSync(bad, 'not a workbook');
    const before = (await cli('index', 'editions', '--archive', dir, '--json')).stdout;

    const r = await cli('index', 'import', bad, '--archive', dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/不是 Excel（\.xlsx）文件.*Not an \.xlsx file/);
    const headerless = await writeTable(path.join(tempDir(), 'h.xlsx'), [{ rows: [['社区台账'], ['学雷锋', '3月']] }]);
    const j = await cli('index', 'import', headerless, '--archive', dir, '--json');
    expect(j.code).toBe(1);
    expect(j.json<{ error: { code: string; message: string } }>().error).toMatchObject({ code: 'bad_table', message: expect.stringMatching(/找不到表头/) });
    expect((await cli('index', 'editions', '--archive', dir, '--json')).stdout).toBe(before);

    expect((await cli('index', 'map', '--from', '1-1.2', '--to', '1:1.1', '--archive', dir)).stderr).toMatch(/版本编号:项目编码/);
    expect((await cli('index', 'edit', '1.1.1', '--archive', dir)).stderr).toMatch(/至少给出一项/);
    expect((await cli('index', 'edit', '7.7', '--title', 'x', '--archive', dir)).code).toBe(1);
    expect((await cli('index', 'map', '--from', '1:1.1', '--to', '1:1.2', '--kind', 'moved', '--archive', dir)).code).toBe(2);
    expect((await cli('index', 'export', '--archive', dir)).code).toBe(2);
    expect((await cli('index', 'import', '--archive', dir)).code).toBe(2);
  });
});
