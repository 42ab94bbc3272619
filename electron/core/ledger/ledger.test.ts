import { describe, expect, it } from 'vitest';
import { tempCore } from '../../../test/support/temp.js';
import { insertFixtureRecords, ensureFixtureYear } from '../../../test/support/archive-data.js';
import { localIsoDate } from '../../../shared/text/dates.js';
import { listRectifications } from './ledger.js';

async function coreWithRecords() {
  const core = await tempCore();
  ensureFixtureYear(core.archive.db, 2024);
  const [photo, summary] = insertFixtureRecords(core.archive.db, 2024, [
    { title: '宣传栏更新后照片', type: '照片', items: ['1.3.1'], date: '2024-05-02' },
    { title: '整改情况说明', type: '报告', items: ['1.3.1'], date: '2024-05-03', titleSupplied: true },
  ]) as [number, number];
  return { core, photo, summary };
}

function rowCount(core: Awaited<ReturnType<typeof tempCore>>): number {
  return (core.archive.db.prepare('SELECT count(*) FROM rectifications').pluck().get() as number) +
    (core.archive.db.prepare('SELECT count(*) FROM rectification_items').pluck().get() as number) +
    (core.archive.db.prepare('SELECT count(*) FROM rectification_evidence').pluck().get() as number);
}

describe('ledger (整改台账)', () => {
  it('adds a row with items and evidence and lists it back', async () => {
    const { core, photo } = await coreWithRecords();
    const added = await core.api['ledger.add']({
      year: 2024, problem: '宣传栏公益广告破损', site: '幸福路宣传栏', items: ['1.3.1', '2.2.2'], unit: '社区居委会',
      leader: '王主任', deadline: '2024-05-10', raisedOn: '2024-04-28', evidence: [photo],
    });
    expect(added).toMatchObject({
      year: 2024, problem: '宣传栏公益广告破损', site: '幸福路宣传栏', unit: '社区居委会', leader: '王主任',
      deadline: '2024-05-10', raisedOn: '2024-04-28', state: '待整改', closedOn: null,
    });
    expect(added.items.map((i) => i.code)).toEqual(['1.3.1', '2.2.2']);
    expect(added.items[0]?.title).toBe('公益广告宣传');
    expect(added.evidence).toEqual([{ id: photo, title: '宣传栏更新后照片' }]);
    expect(await core.api['ledger.list']({ year: 2024 })).toEqual([added]);
    expect(await core.api['ledger.list']({ year: 2023 })).toEqual([]);
  });

  it('rejects unknown item codes and unknown or deleted evidence, writing nothing', async () => {
    const { core, summary } = await coreWithRecords();
    await expect(core.api['ledger.add']({ year: 2024, problem: '问题', items: ['1.3.1', '9.9.9', '8.8'] })).rejects.toThrow(/9\.9\.9、8\.8/);
    await expect(core.api['ledger.add']({ year: 2024, problem: '问题', evidence: [summary, 4242] })).rejects.toThrow(/#4242/);
    core.archive.db.prepare("UPDATE records SET deleted_at = '2024-06-01' WHERE id = ?").run(summary);
    await expect(core.api['ledger.add']({ year: 2024, problem: '问题', evidence: [summary] })).rejects.toThrow(/不存在或已删除/);
    await expect(core.api['ledger.add']({ year: 2024, problem: '  ' })).rejects.toThrow(/问题描述不能为空/);
    await expect(core.api['ledger.add']({ year: 2024, problem: '问题', deadline: '2024-02-30' })).rejects.toThrow(/日期不存在/);
    await expect(core.api['ledger.add']({ year: 2024, problem: '问题', raisedOn: '2024-05-01', deadline: '2024-04-01' })).rejects.toThrow(/早于提出日期/);
    expect(rowCount(core)).toBe(0);

    const row = await core.api['ledger.add']({ year: 2024, problem: '问题', items: ['1.3.1'] });
    const before = rowCount(core);
    await expect(core.api['ledger.update']({ id: row.id, items: ['1.3.1', 'X'], problem: '改过的问题' })).rejects.toThrow(/X/);
    await expect(core.api['ledger.close']({ id: row.id, evidence: [999] })).rejects.toThrow(/#999/);
    expect(rowCount(core)).toBe(before);
    expect((await core.api['ledger.list']({}))[0]).toMatchObject({ problem: '问题', state: '待整改' });
    await expect(core.api['ledger.update']({ id: 777, problem: 'x' })).rejects.toThrow(/没有编号为 777/);
  });

  it('updates fields, replaces evidence, closes with a date and reopens', async () => {
    const { core, photo, summary } = await coreWithRecords();
    const row = await core.api['ledger.add']({ year: 2024, problem: '楼道堆物', deadline: '2024-06-30', evidence: [photo] });
    const updated = await core.api['ledger.update']({ id: row.id, state: '整改中', progress: '已通知物业', evidence: [summary], items: ['4.2.1'] });
    expect(updated).toMatchObject({ state: '整改中', progress: '已通知物业', closedOn: null });
    expect(updated.evidence.map((e) => e.id)).toEqual([summary]);
    expect(updated.evidence[0]?.title).toBe('[整改情况说明]');
    const closed = await core.api['ledger.close']({ id: row.id, closedOn: '2024-06-20', progress: '已清理', evidence: [photo] });
    expect(closed).toMatchObject({ state: '已整改', closedOn: '2024-06-20', progress: '已清理', overdue: false });
    expect(closed.evidence.map((e) => e.id).sort()).toEqual([photo, summary].sort());
    const reopened = await core.api['ledger.update']({ id: row.id, state: '待整改' });
    expect(reopened).toMatchObject({ state: '待整改', closedOn: null });
    const viaUpdate = await core.api['ledger.update']({ id: row.id, state: '已整改' });
    expect(viaUpdate.closedOn).toBe(localIsoDate());
    const cleared = await core.api['ledger.update']({ id: row.id, deadline: null, items: [] });
    expect(cleared).toMatchObject({ deadline: null, items: [] });
  });

  it('marks rows overdue when the deadline has passed and they are not 已整改', async () => {
    const { core } = await coreWithRecords();
    const late = await core.api['ledger.add']({ year: 2024, problem: '逾期问题', deadline: '2024-03-01' });
    await core.api['ledger.add']({ year: 2024, problem: '未到期问题', deadline: '2999-12-31' });
    const done = await core.api['ledger.add']({ year: 2024, problem: '已整改问题', deadline: '2024-03-01' });
    await core.api['ledger.close']({ id: done.id, closedOn: '2024-02-28' });
    const db = core.archive.db;
    expect(listRectifications(db, { overdue: true }).map((r) => r.id)).toEqual([late.id]);
    expect(listRectifications(db, { open: true }).map((r) => r.problem).sort()).toEqual(['未到期问题', '逾期问题'].sort());
    // The deadline day itself is not overdue yet.
    expect(listRectifications(db, { ids: [late.id] }, '2024-03-01')[0]?.overdue).toBe(false);
    expect(listRectifications(db, { ids: [late.id] }, '2024-03-02')[0]?.overdue).toBe(true);
  });
});
