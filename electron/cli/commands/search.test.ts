import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SearchResult } from '../../../shared/api/search.js';
import type { ItemStatus } from '../../../shared/api/status.js';
import { makePdf } from '../../../test/support/sample-files.js';
import { cli, tempDir } from '../../../test/support/temp.js';

async function archiveWithRecords(): Promise<string> {
  const archive = path.join(tempDir(), 'archive');
  expect((await cli('init', '--archive', archive)).code).toBe(0);
  const dir = tempDir();
  let n = 0;
  const add = async (year: string, item: string, type: string, title: string): Promise<void> => {
    n += 1;
    // Each file its own content: the same bytes twice would be one file.
    const file = await makePdf(path.join(dir, `${title}.pdf`), { text: `material ${n}` });
    const run = await cli('add', file, '--archive', archive, '--year', year, '--item', item, '--type', type, '--title', title);
    expect(run.code).toBe(0);
  };
  await add('2023', '1.2.2', '签到表', '学雷锋志愿服务活动签到表');
  await add('2024', '1.2.2', '签到表', '学雷锋活动签到表');
  await add('2024', '4.2.2', '方案', '垃圾分类宣传方案');
  return archive;
}

describe('CLI search', () => {
  it('prints { total, results: [{id, title, year, date, type, items, snippet, score}] } with --json and a readable list otherwise', async () => {
    const archive = await archiveWithRecords();
    const json = await cli('search', '签到', '--archive', archive, '--json');
    expect(json.code).toBe(0);
    expect(Object.keys(json.json<object>()).sort()).toEqual(['results', 'total']);
    const { total, results: hits } = json.json<SearchResult>();
    expect(total).toBe(2);
    expect(hits.map((h) => [h.title, h.year])).toEqual([['学雷锋活动签到表', 2024], ['学雷锋志愿服务活动签到表', 2023]]);
    expect(Object.keys(hits[0]!).sort()).toEqual(['archivalCode', 'date', 'id', 'items', 'score', 'snippet', 'thumb', 'title', 'type', 'year']);
    expect(hits[0]).toMatchObject({ type: '签到表', items: ['1 思想道德建设 › 1.2 志愿服务 › 1.2.2 学雷锋志愿服务活动'], snippet: '学雷锋活动【签到】表' });

    const human = await cli('search', '签到', '--archive', archive);
    expect(human.stdout).toContain('1. 学雷锋活动签到表');
    expect(human.stdout).toContain('   1 思想道德建设 › 1.2 志愿服务 › 1.2.2 学雷锋志愿服务活动');
    expect(human.stdout).toContain('学雷锋活动【签到】表');
    expect(human.stdout).toContain('共 2 条，显示第 1–2 条');
  });

  it('pages with --offset and --limit, and says how many are left', async () => {
    const archive = await archiveWithRecords();
    const page = async (...args: string[]): Promise<SearchResult> => (await cli('search', '学雷锋', ...args, '--archive', archive, '--json')).json<SearchResult>();
    const all = await page();
    expect(all.total).toBe(2);
    const first = await page('--limit', '1');
    const second = await page('--limit', '1', '--offset', '1');
    expect([first.total, second.total]).toEqual([2, 2]);
    expect([...first.results, ...second.results].map((h) => h.id)).toEqual(all.results.map((h) => h.id));
    expect((await page('--offset', '5')).results).toEqual([]);
    const human = await cli('search', '学雷锋', '--limit', '1', '--archive', archive);
    expect(human.stdout).toContain('共 2 条，显示第 1–1 条；后面还有 1 条，可加 --offset 1 查看');
    expect((await cli('search', '学雷锋', '--offset', 'x', '--archive', archive)).code).toBe(1);
  });

  it('applies --year, --years, --item, --type and --limit', async () => {
    const archive = await archiveWithRecords();
    const titles = async (...args: string[]): Promise<string[]> => {
      const run = await cli('search', ...args, '--archive', archive, '--json');
      expect(run.code).toBe(0);
      return run.json<SearchResult>().results.map((h) => h.title);
    };
    expect(await titles('学雷锋', '--year', '2023')).toEqual(['学雷锋志愿服务活动签到表']);
    expect(await titles('学雷锋', '--years', '2024-2025')).toEqual(['学雷锋活动签到表']);
    expect(await titles('宣传', '--item', '4')).toEqual(['垃圾分类宣传方案']);
    expect(await titles('宣传', '--item', '1')).toEqual([]);
    expect(await titles('type:方案')).toEqual(['垃圾分类宣传方案']);
    expect(await titles('学雷锋', '--type', '签到表', '--limit', '1')).toEqual(['学雷锋活动签到表']);
    expect((await cli('search', '没有的词', '--archive', archive)).stdout).toContain('没有找到');
  });

  it('exits 1 with a clear message for bad input, 2 for a usage error', async () => {
    const archive = await archiveWithRecords();
    const both = await cli('search', '学雷锋', '--year', '2024', '--years', '2022-2024', '--archive', archive);
    expect(both.code).toBe(1);
    expect(both.stderr).toContain('--year 与 --years 只能用一个');
    const item = await cli('search', '学雷锋', '--item', '9.9', '--archive', archive, '--json');
    expect(item.code).toBe(1);
    expect(item.json<{ error: { code: string } }>().error.code).toBe('not_found');
    const type = await cli('search', '学雷锋', '--type', '文件', '--archive', archive);
    expect(type.code).toBe(1);
    expect(type.stderr).toContain('类型应为');
    expect((await cli('search', '学雷锋', '--from', '2024-13-01', '--archive', archive)).stderr).toContain('日期');
    expect((await cli('search', '学雷锋', '--limit', 'ten', '--archive', archive)).code).toBe(1);
    expect((await cli('search', '--archive', archive)).code).toBe(2);
  });
});

describe('CLI status', () => {
  it('prints the completeness tree with badges and reasons, and JSON with --json', async () => {
    const archive = await archiveWithRecords();
    const json = await cli('status', '--year', '2024', '--archive', archive, '--json');
    expect(json.code).toBe(0);
    const statuses = json.json<ItemStatus[]>();
    expect(statuses.find((s) => s.code === '1.2.2')).toMatchObject({ status: '部分', records: 1, byType: { 签到表: 1 } });

    const human = await cli('status', '--year', '2024', '--archive', archive);
    expect(human.code).toBe(0);
    const lines = human.stdout.split('\n');
    expect(lines[0]).toMatch(/^2024 年度材料完成情况（测评标准 \d+ 项：齐全 0，部分 2，缺失 \d+，不适用 0）$/);
    expect(lines).toContain('[部分] 1 思想道德建设（1 件） — 齐全 0/3 项；部分：1.2；缺失：1.1、1.3');
    expect(lines).toContain('    [部分] 1.2.2 学雷锋志愿服务活动（1 件） — 还缺：记录；照片 0/5；活动 0/4');
    expect(lines).toContain('    [缺失] 1.1.1 实践站“七有”建设 — 还缺：制度；台账；照片 0/5');

    const one = await cli('status', '--year', '2024', '--item', '4.2', '--archive', archive, '--json');
    expect(one.json<ItemStatus[]>().map((s) => s.code)).toEqual(['4.2', '4.2.1', '4.2.2']);
  });

  it('marks and clears 不适用 with status na', async () => {
    const archive = await archiveWithRecords();
    const mark = await cli('status', 'na', '--year', '2024', '--item', '1.2.1', '--reason', '本社区无志愿服务站', '--archive', archive);
    expect(mark.code).toBe(0);
    expect(mark.stdout).toContain('已将 1.2.1 标记为 2024 年度不适用');
    const after = await cli('status', '--year', '2024', '--item', '1.2', '--archive', archive);
    expect(after.stdout).toContain('[不适用] 1.2.1 志愿服务站规范运行 — 本社区无志愿服务站');

    const clear = await cli('status', 'na', '--year', '2024', '--item', '1.2.1', '--clear', '--archive', archive, '--json');
    expect(clear.json()).toEqual({ code: '1.2.1', notApplicable: false });
    expect((await cli('status', '--year', '2024', '--item', '1.2.1', '--archive', archive)).stdout).toContain('[缺失] 1.2.1');
  });

  it('refuses unknown items and years without an edition; a missing --year is a usage error', async () => {
    const archive = await archiveWithRecords();
    const item = await cli('status', '--year', '2024', '--item', '8.8', '--archive', archive);
    expect(item.code).toBe(1);
    expect(item.stderr).toContain('8.8');
    const year = await cli('status', '--year', '2030', '--archive', archive);
    expect(year.code).toBe(1);
    expect(year.stderr).toContain('2030 年度还没有设定测评体系版本');
    expect((await cli('status', 'na', '--year', '2024', '--item', '8.8', '--archive', archive)).code).toBe(1);
    expect((await cli('status', '--archive', archive)).code).toBe(2);
    expect((await cli('status', '--year', '24', '--archive', archive)).code).toBe(1);
  });
});
