import { symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FolderPlan } from '../../../shared/api/records.js';
import { folderOfOddEntries } from '../../../test/hostile/inputs.js';
import { cli, tempCore, tempDir } from '../../../test/support/temp.js';
import { archiveState } from '../../../test/support/archive-state.js';
import { makeDocx, makeJpeg, makePdf } from '../../../test/support/sample-files.js';

/** A clerk's folder: years, items by code or by title, activity folders with and without dates, and strays. */
async function clerkFolder(): Promise<string> {
  const root = tempDir();
  const p = (...parts: string[]): string => path.join(root, ...parts);
  await makePdf(p('2024', '1.2 志愿服务', '2024-03-05 学雷锋活动', '活动方案.pdf'), { text: 'plan' });
  await makeJpeg(p('2024', '1.2 志愿服务', '2024-03-05 学雷锋活动', 'IMG_001.jpg'), { colour: '#111111' });
  await makeJpeg(p('2024', '1.2 志愿服务', '2024-03-05 学雷锋活动', 'IMG_002.jpg'), { colour: '#222222', taken: '2024:03:06 08:00:00' });
  await makePdf(p('2024', '1.2 志愿服务', '2024-03-05 学雷锋活动', '签到表.pdf'), { text: 'sign' });
  await makeDocx(p('2024', '1.2 志愿服务', '敬老院慰问', '20240412 慰问纪实.docx'), ['慰问纪实']);
  await makePdf(p('2024', '道德讲堂', '道德讲堂制度.pdf'), { text: 'rules' });
  await makePdf(p('2024', '9.9 不存在的项目', '说明.pdf'), { text: 'stray' });
  await makePdf(p('没有年度', '1.2 志愿服务', '总结.pdf'), { text: 'no year' });
  writeFileSync(p('2024', '1.2 志愿服务', 'Thumbs.db'), 'x');
  writeFileSync(p('2024', '.hidden.pdf'), 'x');
  return root;
}

describe('folder plan and import', () => {
  it('plans where each file goes and which go to the inbox, writing nothing', async () => {
    const core = await tempCore();
    const root = await clerkFolder();
    const before = archiveState(core);
    const plan = await core.api['records.planFolder']({ dir: root });
    expect(archiveState(core)).toEqual(before);
    const byFile = Object.fromEntries(plan.entries.map((e) => [e.file, e]));
    expect(Object.keys(byFile)).toHaveLength(8);
    expect(byFile['2024/1.2 志愿服务/2024-03-05 学雷锋活动/活动方案.pdf']).toMatchObject({
      year: 2024, items: ['1.2'], activity: '学雷锋活动', date: '2024-03-05', type: '方案', title: '活动方案', problem: null,
    });
    expect(byFile['2024/1.2 志愿服务/2024-03-05 学雷锋活动/IMG_001.jpg']).toMatchObject({ type: '照片', activity: '学雷锋活动', title: '学雷锋活动照片' });
    expect(byFile['2024/1.2 志愿服务/2024-03-05 学雷锋活动/签到表.pdf']).toMatchObject({ type: '签到表' });
    expect(byFile['2024/1.2 志愿服务/敬老院慰问/20240412 慰问纪实.docx']).toMatchObject({
      items: ['1.2'], activity: '敬老院慰问', date: '2024-04-12', type: '记录', title: '慰问纪实',
    });
    expect(byFile['2024/道德讲堂/道德讲堂制度.pdf']).toMatchObject({ items: ['1.3.2'], type: '制度', activity: null });
    expect(byFile['2024/9.9 不存在的项目/说明.pdf']).toMatchObject({ year: 2024, items: [], inbox: true });
    expect(byFile['2024/9.9 不存在的项目/说明.pdf']?.problem).toMatch(/无法确定测评项目.*9\.9 不在 2024 年度.*放入待归类/);
    expect(byFile['没有年度/1.2 志愿服务/总结.pdf']).toMatchObject({ year: new Date().getFullYear(), items: [], inbox: true });
    expect(byFile['没有年度/1.2 志愿服务/总结.pdf']?.problem).toMatch(/没有年度文件夹.*暂归当前的 \d{4} 年度.*放入待归类/);
    expect(plan.inbox).toBe(2);
    expect(plan.entries.filter((e) => !e.inbox).every((e) => e.problem === null && e.items.length > 0)).toBe(true);
    expect(plan.activities).toEqual([
      { year: 2024, name: '学雷锋活动', date: '2024-03-05', files: 4 },
      { year: 2024, name: '敬老院慰问', date: null, files: 1 },
    ]);
  });

  it('imports the placed files under their items, activities and dates, and the rest into the inbox', async () => {
    const core = await tempCore();
    const root = await clerkFolder();
    const progress: number[] = [];
    const result = await core.invoke('records.importFolder', { dir: root }, { onProgress: (p) => progress.push(p.done) });
    expect(result.errors).toEqual([]);
    expect(result.records).toHaveLength(8);
    expect(progress).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(result.inbox).toBe(2);
    expect(result.records.filter((r) => r.inbox).map((r) => r.title).sort()).toEqual(['总结', '说明']);
    const inbox = await core.api['records.list']({ inbox: true });
    expect(inbox.map((r) => [r.title, r.items])).toEqual([['说明', []], ['总结', []]]);
    expect(await core.api['records.inbox']({})).toEqual({ total: 2, years: [{ year: 2024, records: 1 }, { year: new Date().getFullYear(), records: 1 }].sort((a, b) => a.year - b.year) });

    const [leiFeng, visit] = await core.api['records.activities']({ year: 2024 });
    expect(leiFeng).toMatchObject({ name: '学雷锋活动', date: '2024-03-05', records: 4 });
    expect(leiFeng!.types.sort()).toEqual(['方案', '照片', '签到表']);
    expect(visit).toMatchObject({ name: '敬老院慰问', records: 1, types: ['记录'] });
    const photos = await core.api['records.list']({ year: 2024, type: '照片' });
    expect(photos.map((r) => [r.title, r.titleSupplied, r.date])).toEqual([
      ['学雷锋活动照片（1）', true, '2024-03-05'],
      ['学雷锋活动照片（2）', true, '2024-03-05'],
    ]);
    expect((await core.api['records.list']({ year: 2024, item: '1.3' })).map((r) => r.title)).toEqual(['道德讲堂制度']);

    // Importing the same folder again adds nothing and says so.
    const before = archiveState(core);
    const again = await core.api['records.importFolder']({ dir: root });
    expect([again.records, again.duplicates.length]).toEqual([[], 8]);
    expect(archiveState(core)).toEqual(before);
  });

  it('uses a default year and item for files whose folders name none', async () => {
    const core = await tempCore();
    const root = tempDir();
    await makePdf(path.join(root, '会议记录.pdf'));
    await makePdf(path.join(root, '5.1.3 创建工作总结', '年度总结.pdf'), { text: 'x' });
    const plan = await core.api['records.planFolder']({ dir: root });
    expect(plan.entries.map((e) => e.problem === null)).toEqual([false, false]);
    const result = await core.api['records.importFolder']({ dir: root, year: 2023, items: ['5.1.1'] });
    expect(result.records).toHaveLength(2);
    const listed = await core.api['records.list']({ year: 2023 });
    expect(listed.map((r) => [r.title, r.items.map((i) => i.code)]).sort()).toEqual([['会议记录', ['5.1.1']], ['年度总结', ['5.1.3']]]);
  });

  it('dates a photo named by its number by its camera, in the plan as at the import, so it waits in that year', async () => {
    const core = await tempCore();
    const root = tempDir();
    await makeJpeg(path.join(root, '手机相册', 'IMG_0412.jpg'), { colour: '#445566', taken: '2024:06:01 09:30:00' });
    await makeJpeg(path.join(root, '手机相册', 'IMG_0413.jpg'), { colour: '#556677' });
    const plan = await core.api['records.planFolder']({ dir: root, year: 2025 });
    expect(plan.entries.map((e) => [e.file, e.year, e.date, e.inbox])).toEqual([
      ['手机相册/IMG_0412.jpg', 2024, '2024-06-01', true],
      ['手机相册/IMG_0413.jpg', 2025, null, true],
    ]);
    const result = await core.api['records.importFolder']({ dir: root, year: 2025 });
    expect(result.records.map((r) => [r.year, r.inbox])).toEqual([[2024, true], [2025, true]]);
    expect(result.warnings.map((w) => w.message), 'no "outside the year" note: the plan already put it in its year').toEqual([]);
  });

  it('refuses a missing folder clearly', async () => {
    const core = await tempCore();
    await expect(core.api['records.planFolder']({ dir: path.join(tempDir(), 'nope') })).rejects.toThrow(/找不到文件夹/);
  });

  it('stops between files when cancelled, keeping only complete records', async () => {
    const core = await tempCore();
    const root = await clerkFolder();
    const controller = new AbortController();
    const result = await core.invoke('records.importFolder', { dir: root }, {
      onProgress: (p) => p.done === 2 && controller.abort(),
      signal: controller.signal,
    });
    expect(result.records).toHaveLength(2);
    expect(result.warnings.at(-1)?.message).toMatch(/已取消，其余 6 个文件未导入/);
    expect(archiveState(core)).toMatchObject({ records: 2, blobs: 2, filesOnDisk: 2, tmpOnDisk: 0 });
  });
});

describe('folder entries that are not files', () => {
  it('lists every link, pipe and device it leaves out, with the reason, and never follows a link out of the folder', async () => {
    const core = await tempCore();
    const root = tempDir();
    const { device } = await folderOfOddEntries(path.join(root, '2024', '1.2 志愿服务'), tempDir());
    const inside = await makePdf(path.join(root, '2024', '1.2 志愿服务', '签到表.pdf'), { text: 'sign' });
    symlinkSync(inside, path.join(root, '2024', '签到表的链接.pdf'));
    writeFileSync(path.join(root, '2024', '~$会议记录.docx'), 'lock');

    const plan = await core.api['records.planFolder']({ dir: root });
    expect(plan.entries.map((e) => e.file)).toEqual(['2024/1.2 志愿服务/签到表.pdf']);
    const reasons = Object.fromEntries(plan.skipped.map((s) => [s.path, s.reason]));
    const item = '2024/1.2 志愿服务';
    expect(reasons).toMatchObject({
      [`${item}/指向外部的链接.pdf`]: expect.stringMatching(/^符号链接（快捷方式），指向所选文件夹以外，不读取 \/ Symbolic link leading outside/),
      [`${item}/指向外部的文件夹`]: expect.stringMatching(/指向所选文件夹以外/),
      [`${item}/断开的链接.pdf`]: expect.stringMatching(/^符号链接（快捷方式），指向的目标不存在 \/ /),
      [`${item}/指回自己`]: expect.stringMatching(/不跟随；它指向本文件夹之内，那里的文件按原位置导入/),
      [`${item}/管道.pdf`]: expect.stringMatching(/^命名管道（FIFO），不是文件 \/ Named pipe/),
      '2024/签到表的链接.pdf': expect.stringMatching(/不跟随；它指向本文件夹之内/),
      '2024/~$会议记录.docx': expect.stringMatching(/Office 打开文档时留下的临时文件/),
    });
    // mknod needs root; where it is refused the device case alone is left out, the rest still runs.
    if (device) expect(reasons[`${item}/设备.pdf`]).toMatch(/^设备文件，不是资料 \/ Device file/);
    expect(plan.skipped).toHaveLength(device ? 8 : 7);

    const result = await core.api['records.importFolder']({ dir: root });
    expect(result.records.map((r) => r.title)).toEqual(['签到表']);
    expect(result.plan.skipped).toEqual(plan.skipped);
    expect(archiveState(core)).toMatchObject({ records: 1, blobs: 1 });

    const dry = await cli('import', root, '--dry-run', '--archive', core.dir);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('跳过 / skipped：\n✗ ');
    expect(dry.stdout).toMatch(/\n✗ 2024\/1\.2 志愿服务\/指向外部的链接\.pdf\n {4}符号链接（快捷方式），指向所选文件夹以外，不读取 \/ Symbolic link/);
    expect(dry.stdout).toMatch(new RegExp(`跳过 ${device ? 8 : 7} 项（见上，未导入）`));
    const json = await cli('import', root, '--dry-run', '--json', '--archive', core.dir);
    expect((json.json() as FolderPlan).skipped).toEqual(plan.skipped);
  });
});
