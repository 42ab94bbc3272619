import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AddResult, RecordDetail, RecordSummary } from '../../../shared/api/records.js';
import { makeJpeg, makePdf } from '../../core/files/testing/fixtures.js';
import { cli, tempDir } from '../../../test/support/temp.js';

async function newArchive(): Promise<string> {
  const dir = path.join(tempDir(), 'archive');
  expect((await cli('init', '--archive', dir)).code).toBe(0);
  return dir;
}

describe('CLI add / list / show', () => {
  it('adds files and prints {records, warnings, errors}, then lists and shows them', async () => {
    const archive = await newArchive();
    const dir = tempDir();
    const pdf = await makePdf(path.join(dir, '2024年3月5日 学雷锋活动方案.pdf'), { pages: 2 });
    const jpg = await makeJpeg(path.join(dir, 'IMG_0001.jpg'), { taken: '2024:03:05 09:00:00' });
    const add = await cli('add', pdf, jpg, '--archive', archive, '--year', '2024', '--item', '1.2.2', '--activity', '学雷锋活动', '--json');
    expect(add.code).toBe(0);
    const result = add.json<AddResult>();
    expect(result.errors).toEqual([]);
    expect(result.records.map((r) => [r.title, r.files])).toEqual([['学雷锋活动方案', 1], ['IMG_0001', 1]]);

    const list = await cli('list', '--archive', archive, '--year', '2024', '--item', '1.2', '--json');
    const rows = list.json<RecordSummary[]>();
    expect(rows.map((r) => [r.type, r.date, r.activity])).toEqual([['方案', '2024-03-05', '学雷锋活动'], ['照片', '2024-03-05', '学雷锋活动']]);

    const human = await cli('list', '--archive', archive, '--year', '2024');
    expect(human.stdout).toMatch(/#\d+\s+2024-03-05\s+方案/);
    expect(human.stdout).toContain('共 2 件，3 页');

    const show = await cli('show', String(rows[0]!.id), '--archive', archive, '--json');
    expect(show.json<RecordDetail>().fileList[0]).toMatchObject({ kind: 'pdf', pages: 2 });
    expect((await cli('show', String(rows[0]!.id), '--archive', archive)).stdout).toContain('1.2.2 学雷锋志愿服务活动');
  });

  it('exits 1 when every file failed, with a per-file message; 0 when some succeed', async () => {
    const archive = await newArchive();
    const dir = tempDir();
    const missing = path.join(dir, 'nope.pdf');
    const bad = await cli('add', missing, '--archive', archive, '--year', '2024', '--json');
    expect(bad.code).toBe(1);
    expect(bad.json<AddResult>().errors).toEqual([{ file: missing, message: expect.stringMatching(/找不到文件/) }]);

    const good = await makePdf(path.join(dir, 'ok.pdf'));
    const mixed = await cli('add', missing, good, '--archive', archive, '--year', '2024');
    expect(mixed.code).toBe(0);
    expect(mixed.stdout).toMatch(/失败 .*nope\.pdf：找不到文件/);
    expect(mixed.stdout).toContain('共添加 1 件');
  });

  it('refuses an unknown item code with exit 1 and a clear message', async () => {
    const archive = await newArchive();
    const pdf = await makePdf(path.join(tempDir(), 'a.pdf'));
    const r = await cli('add', pdf, '--archive', archive, '--year', '2024', '--item', '7.7');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/没有编码为「7.7」的项目/);
  });
});
