import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ItemStatus } from '../../../shared/api/status.js';
import type { RecordType } from '../../../shared/domain/record.js';
import type { Core } from '../api/core.js';
import { archiveState } from '../../../test/support/archive-state.js';
import { makeJpeg, makePdf } from '../../../test/support/sample-files.js';
import { tempCore, tempDir } from '../../../test/support/temp.js';

const YEAR = 2024;

/** Files materials through the real API; every file has its own content, so none is taken for a duplicate. */
function filer(core: Core) {
  const dir = tempDir();
  let n = 0;
  const unique = (): number => (n += 1);
  return {
    async doc(type: RecordType, item: string, activity?: string): Promise<number> {
      const k = unique();
      const file = await makePdf(path.join(dir, `${k}-${type}.pdf`), { text: `Taizhang material ${k}` });
      const result = await core.api['records.add']({
        files: [file], year: YEAR, items: [item], type, ...(activity ? { activity } : {}),
      });
      expect(result.errors).toEqual([]);
      return result.records[0]!.id;
    },
    async photos(count: number, item: string, activity?: string): Promise<number> {
      const files = [];
      for (let i = 0; i < count; i += 1) {
        const k = unique();
        files.push(await makeJpeg(path.join(dir, `${k}.jpg`), { width: 40, height: 30, colour: `#${(k * 2654435).toString(16).padStart(6, '0').slice(-6)}` }));
      }
      const result = await core.api['records.add']({
        files, year: YEAR, items: [item], type: '照片', single: true, ...(activity ? { activity } : {}),
      });
      expect(result.errors).toEqual([]);
      return result.records[0]!.id;
    },
  };
}

async function statusOf(core: Core, code: string, year = YEAR): Promise<ItemStatus> {
  const all = await core.api['status.get']({ year, item: code });
  const found = all.find((s) => s.code === code);
  if (!found) throw new Error(`no status for ${code}`);
  return found;
}

/** A complete activity: 方案, 签到表, photos and 记录 — what "有方案、有签到、有照片、有记录" asks for. */
async function completeActivity(f: ReturnType<typeof filer>, item: string, name: string, photos = 1): Promise<void> {
  await f.doc('方案', item, name);
  await f.doc('签到表', item, name);
  await f.photos(photos, item, name);
  await f.doc('记录', item, name);
}

describe('completeness of a leaf item', () => {
  it('goes from 缺失 to 部分 to 齐全 as quantities, types and activities are met', async () => {
    const core = await tempCore();
    await core.api['archive.setYear']({ year: YEAR });
    const f = filer(core);
    // 1.2.2: 每年不少于4次活动，活动照片不少于5张，有活动记录
    expect(await statusOf(core, '1.2.2')).toMatchObject({
      status: '缺失', leaf: true, records: 0, reason: '还缺：记录；照片 0/5；活动 0/4', missing: ['记录', '照片 0/5', '活动 0/4'],
    });

    await completeActivity(f, '1.2.2', '3月学雷锋活动', 3);
    const partial = await statusOf(core, '1.2.2');
    expect(partial).toMatchObject({ status: '部分', reason: '还缺：照片 3/5；活动 1/4', records: 4, activities: 1, photos: 3 });
    expect(partial.byType).toEqual({ 方案: 1, 签到表: 1, 照片: 1, 记录: 1 });
    expect(partial.incompleteActivities).toEqual([]);

    // Photos are counted as image files, not records; an activity with photos only is incomplete.
    await f.photos(2, '1.2.2', '4月学雷锋活动');
    const withPhotos = await statusOf(core, '1.2.2');
    expect(withPhotos).toMatchObject({ status: '部分', photos: 5, activities: 2, reason: '还缺：活动 2/4；1 个活动不完整' });
    expect(withPhotos.incompleteActivities).toEqual([
      { id: expect.any(Number), name: '4月学雷锋活动', missing: ['方案/通知', '签到表', '总结/记录'] },
    ]);

    // 通知 stands in for 方案 and 总结 for 记录.
    await f.doc('通知', '1.2.2', '4月学雷锋活动');
    await f.doc('签到表', '1.2.2', '4月学雷锋活动');
    await f.doc('总结', '1.2.2', '4月学雷锋活动');
    await completeActivity(f, '1.2.2', '5月学雷锋活动');
    await completeActivity(f, '1.2.2', '6月学雷锋活动');
    expect(await statusOf(core, '1.2.2')).toMatchObject({
      status: '齐全', reason: '符合具体要求', missing: [], activities: 4, photos: 7, incompleteActivities: [],
    });
  });

  it('asks for the types a requirement names, and counts 报告/总结 as 报道', async () => {
    const core = await tempCore();
    const f = filer(core);
    // 4.2.2: 开展垃圾分类宣传活动，有宣传方案和照片，至少2篇报道
    await f.doc('报告', '4.2.2');
    expect(await statusOf(core, '4.2.2')).toMatchObject({ status: '部分', reason: '还缺：方案；照片；报道 1/2' });
    await f.doc('通知', '4.2.2');
    await f.photos(1, '4.2.2');
    await f.doc('总结', '4.2.2');
    expect(await statusOf(core, '4.2.2')).toMatchObject({ status: '齐全', records: 4, byType: { 报告: 1, 通知: 1, 照片: 1, 总结: 1 } });
  });

  it('judges an activity on all its records, whichever items they are filed under', async () => {
    const core = await tempCore();
    const f = filer(core);
    await f.doc('方案', '1.3.2', '道德讲堂第一讲');
    await f.doc('签到表', '1.3.2', '道德讲堂第一讲');
    await f.photos(1, '1.3.2', '道德讲堂第一讲');
    // The minutes went under another item, but belong to the same activity.
    await f.doc('记录', '1.1.2', '道德讲堂第一讲');
    const status = await statusOf(core, '1.3.2');
    expect(status.incompleteActivities).toEqual([]);
    expect(status.reason).toBe('还缺：记录；活动 1/4');
  });

  it('follows the activity rule configured on the item', async () => {
    const core = await tempCore();
    const f = filer(core);
    await core.api['index.updateItem']({ code: '3.1.2', requirement: '' });
    await f.photos(2, '3.1.2', '广场舞展演');
    expect((await statusOf(core, '3.1.2')).incompleteActivities[0]?.missing).toEqual(['方案/通知', '签到表', '总结/记录']);

    await core.api['index.updateItem']({ code: '3.1.2', activityRule: ['照片'] });
    expect(await statusOf(core, '3.1.2')).toMatchObject({ status: '齐全', reason: '已有材料', incompleteActivities: [] });

    await core.api['index.updateItem']({ code: '3.1.2', activityRule: ['照片', '报告'] });
    expect(await statusOf(core, '3.1.2')).toMatchObject({
      status: '部分', incompleteActivities: [{ name: '广场舞展演', missing: ['报告'] }],
    });
  });

  it('says 尚无材料 for an item with no requirement and no records', async () => {
    const core = await tempCore();
    await core.api['archive.setYear']({ year: YEAR });
    await core.api['index.updateItem']({ code: '5.1.3', requirement: '' });
    expect(await statusOf(core, '5.1.3')).toMatchObject({ status: '缺失', reason: '尚无材料', missing: [] });
  });
});

describe('completeness of parents', () => {
  it('aggregates children: 缺失 when all are missing, 部分 when mixed, 齐全 when all applicable are', async () => {
    const core = await tempCore();
    const f = filer(core);
    await f.doc('制度', '1.3.3');
    const all = await core.api['status.get']({ year: YEAR });
    expect(all[0]).toMatchObject({ code: '1', leaf: false, level: 1, parent: null });
    const byCode = new Map(all.map((s) => [s.code, s]));
    expect(byCode.get('2')).toMatchObject({ status: '缺失', reason: '齐全 0/2 项；缺失：2.1、2.2' });
    expect(byCode.get('1.3')).toMatchObject({ status: '部分', reason: '齐全 0/3 项；部分：1.3.3；缺失：1.3.1、1.3.2' });

    // 4.1: 居民公约 (制定居民公约并公示，提供公约文本和公示照片) and 红黑榜 (发布记录及照片不少于2张).
    await f.doc('制度', '4.1.1');
    await f.photos(1, '4.1.1');
    await f.doc('记录', '4.1.2');
    await f.photos(2, '4.1.2');
    expect(await statusOf(core, '4.1')).toMatchObject({ status: '齐全', reason: '齐全 2/2 项', records: 4, photos: 3 });
    expect((await statusOf(core, '4')).status).toBe('部分');
  });

  it('counts records filed under a parent for that parent only', async () => {
    const core = await tempCore();
    const f = filer(core);
    await f.doc('总结', '1.2');
    const [parent, ...children] = await core.api['status.get']({ year: YEAR, item: '1.2' });
    expect(parent).toMatchObject({ code: '1.2', records: 1, byType: { 总结: 1 }, status: '缺失' });
    expect(children.map((c) => [c.code, c.records])).toEqual([['1.2.1', 0], ['1.2.2', 0]]);
  });

  it('treats 不适用 items as out of the count, and a parent whose children are all 不适用 as 不适用', async () => {
    const core = await tempCore();
    const f = filer(core);
    await f.doc('报告', '1.2.1');
    await f.doc('台账', '1.2.1');
    await f.photos(3, '1.2.1');
    expect(await statusOf(core, '1.2.1')).toMatchObject({ status: '齐全' });
    expect((await statusOf(core, '1.2')).status).toBe('部分');

    await core.api['status.setNotApplicable']({ year: YEAR, item: '1.2.2', notApplicable: true, reason: '本社区无志愿服务站点' });
    expect(await statusOf(core, '1.2.2')).toMatchObject({ status: '不适用', reason: '本社区无志愿服务站点', missing: [] });
    expect(await statusOf(core, '1.2')).toMatchObject({ status: '齐全', reason: '齐全 1/1 项' });

    // Marking a parent covers everything below it.
    await core.api['status.setNotApplicable']({ year: YEAR, item: '2', notApplicable: true, reason: '辖区内没有此类单位' });
    const two = await core.api['status.get']({ year: YEAR, item: '2' });
    expect(two.map((s) => s.status)).toEqual(Array(two.length).fill('不适用'));
    expect(two.map((s) => s.reason)).toEqual(Array(two.length).fill('辖区内没有此类单位'));

    await core.api['status.setNotApplicable']({ year: YEAR, item: '2.1.1', notApplicable: true, reason: '无' });
    await core.api['status.setNotApplicable']({ year: YEAR, item: '2.1.2', notApplicable: true, reason: '无' });
    await core.api['status.setNotApplicable']({ year: YEAR, item: '2', notApplicable: false });
    expect(await statusOf(core, '2.1')).toMatchObject({ status: '不适用', reason: '下级项目均不适用' });
    expect((await statusOf(core, '2')).status).toBe('缺失');

    // The mark belongs to one year only.
    await core.api['archive.setYear']({ year: 2023 });
    expect((await statusOf(core, '1.2.2', 2023)).status).toBe('缺失');
  });

  it('says so when a mark made before reasons were required has none', async () => {
    const core = await tempCore();
    await core.api['archive.setYear']({ year: YEAR });
    const item = core.archive.db.prepare("SELECT i.id FROM items i JOIN years y ON y.edition_id = i.edition_id WHERE y.year = ? AND i.code = '1.2.2'").pluck().get(YEAR);
    core.archive.db.prepare("INSERT INTO not_applicable(year, item_id, reason) VALUES (?, ?, '')").run(YEAR, item);
    expect(await statusOf(core, '1.2.2')).toMatchObject({ status: '不适用', reason: '已标记为不适用（未填写原因）' });
  });

  it('ignores records in the trash and records of other years', async () => {
    const core = await tempCore();
    const f = filer(core);
    const id = await f.doc('制度', '2.1.1');
    expect((await statusOf(core, '2.1.1')).records).toBe(1);
    await core.api['records.delete']({ ids: [id] });
    expect(await statusOf(core, '2.1.1')).toMatchObject({ records: 0, status: '缺失' });
    await core.api['archive.setYear']({ year: 2023 });
    await core.api['records.restore']({ ids: [id] });
    expect((await statusOf(core, '2.1.1', 2023)).records).toBe(0);
  });
});

describe('bad input', () => {
  it('refuses an unknown item code and a year without an edition, changing nothing', async () => {
    const core = await tempCore();
    const f = filer(core);
    await f.doc('方案', '1.1.2');
    const before = archiveState(core);
    const marks = (): unknown[] => core.archive.db.prepare('SELECT * FROM not_applicable').all();

    await expect(core.api['status.get']({ year: YEAR, item: '9.9.9' })).rejects.toMatchObject({
      code: 'not_found', message: expect.stringContaining('9.9.9'),
    });
    await expect(core.api['status.get']({ year: 2031 })).rejects.toMatchObject({
      code: 'not_found', message: expect.stringContaining('2031 年度还没有设定测评体系版本'),
    });
    await expect(
      core.api['status.setNotApplicable']({ year: YEAR, item: '9.9.9', notApplicable: true, reason: '无' }),
    ).rejects.toMatchObject({ code: 'not_found' });
    await expect(core.api['status.setNotApplicable']({ year: 2031, item: '1.1.2', notApplicable: true, reason: '无' })).rejects.toMatchObject({
      code: 'not_found',
    });
    // 不适用 needs its reason; clearing the mark does not.
    for (const reason of [undefined, '', '   ']) {
      await expect(core.invoke('status.setNotApplicable', { year: YEAR, item: '1.1.2', notApplicable: true, reason })).rejects.toMatchObject({
        code: 'invalid_input', message: expect.stringContaining('请写明不适用的原因'),
      });
    }
    await core.api['status.setNotApplicable']({ year: YEAR, item: '1.1.2', notApplicable: false });
    await expect(core.invoke('status.get', { year: 1800 })).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(core.invoke('status.get', { year: '2024' })).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(core.invoke('status.setNotApplicable', { year: YEAR, item: '', notApplicable: true, reason: '无' })).rejects.toMatchObject({
      code: 'invalid_input',
    });

    expect(archiveState(core)).toEqual(before);
    expect(marks()).toEqual([]);
  });
});
