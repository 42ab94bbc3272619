import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempCore, tempDir } from '../../../test/support/temp.js';
import { archiveState } from '../../../test/support/archive-state.js';
import { makeJpeg, makePdf } from '../../../test/support/sample-files.js';
import type { Core } from '../api/core.js';
import { toIndexText } from '../../../shared/text/tokens.js';

function searchIds(core: Core, phrase: string): number[] {
  const tokens = toIndexText(phrase);
  return core.archive.db.prepare('SELECT rowid FROM search_index WHERE search_index MATCH ? ORDER BY rowid').pluck().all(`"${tokens}"`) as number[];
}

async function threeRecords(core: Core): Promise<number[]> {
  const dir = tempDir();
  const files = [
    await makePdf(path.join(dir, '活动方案.pdf'), { text: 'plan' }),
    await makeJpeg(path.join(dir, '照片1.jpg'), { colour: '#102030' }),
    await makeJpeg(path.join(dir, '照片2.jpg'), { colour: '#304050' }),
  ];
  const { records } = await core.api['records.add']({ files, year: 2024, items: ['1.2.2'] });
  return records.map((r) => r.id);
}

describe('record metadata', () => {
  it('updates fields, caption, tags and items, keeps search in step, and marks a supplied title', async () => {
    const core = await tempCore();
    const [plan, photo] = await threeRecords(core);
    const updated = await core.api['records.update']({
      id: plan!, title: '关于开展学雷锋活动的方案', titleSupplied: true, docNo: '文明办〔2024〕3号', author: '社区居委会',
      date: '2024-03-01', retention: '定期30年', note: '原件存档', tags: ['学雷锋', '重点'], items: ['1.2.2', '5.1.2'],
    });
    expect(updated).toMatchObject({
      title: '关于开展学雷锋活动的方案', titleSupplied: true, docNo: '文明办〔2024〕3号', author: '社区居委会', date: '2024-03-01',
      retention: '定期30年', note: '原件存档', tags: ['学雷锋', '重点'],
    });
    expect(updated.items.map((i) => i.code)).toEqual(['1.2.2', '5.1.2']);
    expect(searchIds(core, '文明办')).toEqual([plan]);
    expect(searchIds(core, '重点')).toEqual([plan]);

    const captioned = await core.api['records.update']({ id: photo!, caption: { subject: '学雷锋志愿服务', place: '社区广场', photographer: '张敏' } });
    expect(captioned.caption).toEqual({ subject: '学雷锋志愿服务', place: '社区广场', photographer: '张敏' });
    const recaptioned = await core.api['records.update']({ id: photo!, caption: { place: '', people: '志愿者王芳（左一）' } });
    expect(recaptioned.caption).toEqual({ subject: '学雷锋志愿服务', photographer: '张敏', people: '志愿者王芳（左一）' });
    expect(searchIds(core, '王芳')).toEqual([photo]);
    expect(searchIds(core, '社区广场')).toEqual([]);

    await expect(core.api['records.update']({ id: plan!, items: ['8.8'] })).rejects.toThrow(/没有编码为「8.8」/);
    expect((await core.api['records.get']({ id: plan! })).items.map((i) => i.code)).toEqual(['1.2.2', '5.1.2']);
    await expect(core.api['records.update']({ id: 9999, title: 'x' })).rejects.toThrow(/找不到这些记录.*#9999/);

    // An edit of one field leaves every other field as it was.
    const noted = await core.api['records.update']({ id: plan!, note: '复印件存档' });
    expect(noted).toMatchObject({
      title: '关于开展学雷锋活动的方案', titleSupplied: true, docNo: '文明办〔2024〕3号', author: '社区居委会', date: '2024-03-01',
      retention: '定期30年', note: '复印件存档', year: 2024, activityId: updated.activityId, caption: updated.caption,
    });
    expect(noted.updatedAt >= updated.updatedAt).toBe(true);
  });

  it('bulk-edits many records in one transaction, and refuses the whole batch on one bad id', async () => {
    const core = await tempCore();
    const ids = await threeRecords(core);
    const photos = ids.slice(1);
    expect(await core.api['records.bulkUpdate']({ ids: photos, addItems: ['5.1.2'], date: '2024-03-05', activity: '学雷锋活动' })).toEqual({ updated: 2 });
    const listed = await core.api['records.list']({ year: 2024, item: '5.1' });
    expect(listed.map((r) => [r.id, r.date, r.activity, r.items.map((i) => i.code)])).toEqual(
      photos.map((id) => [id, '2024-03-05', '学雷锋活动', ['1.2.2', '5.1.2']]),
    );
    const [activity] = await core.api['records.activities']({ year: 2024 });
    expect(activity).toMatchObject({ name: '学雷锋活动', date: '2024-03-05', records: 2, types: ['照片'] });

    await core.api['records.bulkUpdate']({ ids, items: ['3.2.1'], type: '记录' });
    expect((await core.api['records.list']({ year: 2024, item: '3.2.1' })).map((r) => r.type)).toEqual(['记录', '记录', '记录']);

    const before = archiveState(core);
    await expect(core.api['records.bulkUpdate']({ ids: [ids[0]!, 4242], type: '方案' })).rejects.toThrow(/#4242/);
    expect((await core.api['records.get']({ id: ids[0]! })).type).toBe('记录');
    expect(archiveState(core)).toEqual(before);
  });

  it('moves records to another year, carrying links by code and the activity by name', async () => {
    const core = await tempCore();
    const ids = await threeRecords(core);
    await core.api['records.bulkUpdate']({ ids: [ids[1]!], activity: '学雷锋活动' });
    await core.api['records.bulkUpdate']({ ids: [ids[1]!], year: 2023 });
    const moved = await core.api['records.get']({ id: ids[1]! });
    expect(moved).toMatchObject({ year: 2023, activity: '学雷锋活动' });
    expect(moved.items.map((i) => i.code)).toEqual(['1.2.2']);
    expect((await core.api['records.activities']({ year: 2023 })).map((a) => a.name)).toEqual(['学雷锋活动']);
  });

  it('trashes, restores and undoes edits, each step writing back exactly what was there', async () => {
    const core = await tempCore();
    const ids = await threeRecords(core);
    const original = await core.api['records.get']({ id: ids[0]! });

    expect(await core.api['records.delete']({ ids: [ids[0]!, ids[1]!] })).toEqual({ deleted: 2 });
    expect((await core.api['records.list']({ year: 2024 })).map((r) => r.id)).toEqual([ids[2]]);
    expect((await core.api['records.list']({ year: 2024, deleted: true })).map((r) => r.id)).toEqual([ids[0], ids[1]]);
    expect(searchIds(core, 'plan')).toEqual([]);
    expect((await core.api['records.get']({ id: ids[0]! })).deletedAt).not.toBeNull();
    await expect(core.api['records.update']({ id: ids[0]!, title: 'x' })).rejects.toThrow(/回收站/);

    expect(await core.api['records.restore']({ ids: [ids[0]!] })).toEqual({ restored: 1 });
    expect(searchIds(core, 'plan')).toEqual([ids[0]]);

    await core.api['records.update']({ id: ids[0]!, title: '改过的题名', tags: ['临时'], items: ['4.2.1'], caption: { subject: '事由' } });
    expect(await core.api['records.undo']({})).toEqual({ undone: `修改第 ${ids[0]} 件` });
    const back = await core.api['records.get']({ id: ids[0]! });
    expect({ ...back, updatedAt: '' }).toEqual({ ...original, updatedAt: '' });
    expect(searchIds(core, '改过')).toEqual([]);

    expect((await core.api['records.undo']({})).undone).toBe('恢复 1 件');
    expect((await core.api['records.undo']({})).undone).toBe('删除 2 件');
    expect((await core.api['records.list']({ year: 2024 })).map((r) => r.id)).toEqual(ids);
    expect(await core.api['records.undo']({})).toEqual({ undone: null });
  });

  it('edits an activity group caption, searchable through its records, and undoes it', async () => {
    const core = await tempCore();
    const ids = await threeRecords(core);
    await core.api['records.bulkUpdate']({ ids, activity: '三月学雷锋' });
    const [activity] = await core.api['records.activities']({ year: 2024 });
    expect(activity!.types.sort()).toEqual(['方案', '照片']);
    const updated = await core.api['records.updateActivity']({ id: activity!.id, date: '2024-03-05', caption: { subject: '学雷锋志愿服务', place: '文明广场' } });
    expect(updated).toMatchObject({ date: '2024-03-05', caption: { subject: '学雷锋志愿服务', place: '文明广场' }, records: 3 });
    expect(searchIds(core, '文明广场')).toEqual(ids);
    await core.api['records.undo']({});
    expect((await core.api['records.activities']({ year: 2024 }))[0]).toMatchObject({ caption: {}, date: null });
    expect(searchIds(core, '文明广场')).toEqual([]);
  });
});

describe('year carry-over', () => {
  it('links standing records into the new year without copying files, once', async () => {
    const core = await tempCore();
    const dir = tempDir();
    const files = [
      await makePdf(path.join(dir, '志愿服务站管理制度.pdf'), { text: 'rules' }),
      await makePdf(path.join(dir, '志愿者登记台账.pdf'), { text: 'ledger' }),
      await makePdf(path.join(dir, '2024年工作总结.pdf'), { text: 'summary' }),
    ];
    const { records } = await core.api['records.add']({ files, year: 2024, items: ['1.2.1'] });
    await core.api['records.update']({ id: records[0]!.id, tags: ['制度上墙'], retention: '永久' });
    const before = archiveState(core);

    const result = await core.api['records.carryOver']({ from: 2024, to: 2025 });
    expect(result).toEqual({ carried: 2, year: 2025, alreadyCarried: 0, warnings: [] });
    const carried = await core.api['records.list']({ year: 2025 });
    expect(carried.map((r) => [r.title, r.type, r.items.map((i) => i.code)])).toEqual([
      ['志愿服务站管理制度', '制度', ['1.2.1']],
      ['志愿者登记台账', '台账', ['1.2.1']],
    ]);
    const rules = await core.api['records.get']({ id: carried[0]!.id });
    expect(rules).toMatchObject({ carriedFrom: records[0]!.id, tags: ['制度上墙'], retention: '永久', pages: 1 });
    expect(archiveState(core)).toMatchObject({ records: before.records + 2, blobs: before.blobs, filesOnDisk: before.filesOnDisk });
    expect(searchIds(core, 'rules')).toEqual([records[0]!.id, carried[0]!.id]);

    expect(await core.api['records.carryOver']({ from: 2024, to: 2025 })).toEqual({ carried: 0, year: 2025, alreadyCarried: 2, warnings: [] });
    expect(await core.api['records.list']({ year: 2025 })).toHaveLength(2);
    expect((await core.api['records.undo']({})).undone).toBe('2024 → 2025 年度结转 2 件');
    expect(await core.api['records.list']({ year: 2025 })).toEqual([]);
    expect(archiveState(core)).toMatchObject({ records: before.records, blobs: before.blobs, filesOnDisk: before.filesOnDisk });
    await expect(core.api['records.carryOver']({ from: 2019, to: 2020 })).rejects.toThrow(/没有 2019 年度/);
    await expect(core.api['records.carryOver']({ from: 2025, to: 2024 })).rejects.toThrow(/早的年度到晚的年度/);
  });
});
