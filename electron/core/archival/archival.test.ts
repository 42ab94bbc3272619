import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BinderDocument, BinderReport } from '../../../shared/api/binder.js';
import { TaizhangError } from '../../../shared/errors.js';
import { pageText, pageTexts, tokens } from '../../../test/support/pdf-inspect.js';
import { makeJpeg, makePdf } from '../../../test/support/sample-files.js';
import { cli, tempCore, tempDir } from '../../../test/support/temp.js';
import type { Core } from '../api/core.js';

type TestCore = Core & { dir: string };

async function add(core: TestCore, year: number, item: string, type: string, title: string, extra: Record<string, unknown> = {}): Promise<number> {
  const dir = tempDir();
  const file = type === '照片'
    ? await makeJpeg(path.join(dir, `${title}.jpg`), { colour: `#${(title.length * 2654435761 >>> 0).toString(16).padStart(8, '0').slice(0, 6)}` })
    : await makePdf(path.join(dir, `${title}.pdf`), { text: `${year} ${item} ${title.length} ${Math.random()}` });
  const result = await core.api['records.add']({ files: [file], year, items: [item], type: type as never, title, date: `${year}-03-0${(title.length % 8) + 1}`, ...extra });
  const id = result.records[0]?.id;
  if (id === undefined) throw new Error(JSON.stringify(result.errors));
  return id;
}

/** A year with materials under two 测评项目, one 永久 台账, an activity's four 件 and a photo. */
async function sampleYear(core: TestCore, year = 2026): Promise<Record<string, number>> {
  return {
    plan: await add(core, year, '1.1.2', '方案', '学雷锋志愿服务活动方案', { activity: '学雷锋志愿服务' }),
    signin: await add(core, year, '1.1.2', '签到表', '学雷锋志愿服务活动签到表', { activity: '学雷锋志愿服务' }),
    photo: await add(core, year, '1.1.2', '照片', '学雷锋志愿服务活动照片', { activity: '学雷锋志愿服务' }),
    summary: await add(core, year, '1.1.2', '总结', '学雷锋志愿服务活动总结', { activity: '学雷锋志愿服务' }),
    register: await add(core, year, '1.2.1', '台账', '志愿者服务记录台账', { retention: '永久' }),
    rule: await add(core, year, '1.1.1', '制度', '实践站管理制度', { retention: '定期30年' }),
    cleanup: await add(core, year, '4.2.1', '记录', '环境卫生整治记录'),
  };
}

async function exportBinder(core: TestCore, year: number, extra: Record<string, unknown> = {}): Promise<BinderReport> {
  return core.api['binder.export']({ year, out: tempDir(), ...extra });
}

const documents = (r: BinderReport): BinderDocument[] => r.volumes.flatMap((v) => v.documents);
const identities = (r: BinderReport): Map<number, string> =>
  new Map(documents(r).map((d) => [d.recordId, `${d.piece}|${d.archivalCode}|${d.retention}|${d.year}`]));

describe('归档: 件号 and 档号 given once and kept', () => {
  it('numbers each class in DA/T 22 order with the unit pattern, and stores it', async () => {
    const core = await tempCore();
    const ids = await sampleYear(core);
    const preview = await core.api['archival.number']({ year: 2026, dryRun: true });
    expect(preview.dryRun).toBe(true);
    expect((await core.api['records.get']({ id: ids.plan! })).identity).toBeNull();

    const result = await core.api['archival.number']({ year: 2026 });
    expect(result.numbered).toEqual(preview.numbered);
    const code = (id: number) => result.numbered.find((n) => n.recordId === id)!;
    // 方案 before 签到 before 照片 before 总结 within the activity; 4-digit 件号; 问题 01 is the first 测评项目.
    expect([ids.plan, ids.signin, ids.photo, ids.summary].map((id) => code(id!).archivalCode)).toEqual([
      'Z001-WS·2026-D10-01-0001', 'Z001-WS·2026-D10-01-0002', 'Z001-WS·2026-D10-01-0003', 'Z001-WS·2026-D10-01-0004',
    ]);
    expect(code(ids.register!)).toMatchObject({ archivalCode: 'Z001-WS·2026-Y-01-0001', retention: '永久', piece: 1 });
    expect(code(ids.rule!)).toMatchObject({ archivalCode: 'Z001-WS·2026-D30-01-0001', retention: '定期30年' });
    expect(code(ids.cleanup!)).toMatchObject({ archivalCode: 'Z001-WS·2026-D10-04-0001', problem: '04' });
    // Volumes: one per class, 永久 first within a 测评项目, each with its own 卷号 in its 档号.
    const volumes = await core.api['archival.volumes']({ year: 2026 });
    expect(volumes.map((v) => [v.volumeNo, v.archivalCode, v.retention, v.item?.code])).toEqual([
      [1, 'Z001-WS·2026-Y-01-001', '永久', '1'], [2, 'Z001-WS·2026-D30-01-002', '定期30年', '1'],
      [3, 'Z001-WS·2026-D10-01-003', '定期10年', '1'], [4, 'Z001-WS·2026-D10-04-004', '定期10年', '4'],
    ]);
    // Stored: the list, search and the detail show the same 档号; numbering again gives nothing new.
    const listed = await core.api['records.list']({ year: 2026 });
    expect(listed.find((r) => r.id === ids.plan)?.archivalCode).toBe('Z001-WS·2026-D10-01-0001');
    const [hit] = (await core.api['search.query']({ query: '签到' })).results.filter((h) => h.id === ids.signin);
    expect(hit?.archivalCode).toBe('Z001-WS·2026-D10-01-0002');
    expect((await core.api['records.get']({ id: ids.summary! })).identity).toMatchObject({ piece: 4, volumeNo: 3, carried: false });
    expect((await core.api['archival.number']({ year: 2026 })).numbered).toEqual([]);
  });

  it('prints the same 件号 and 档号 for a record in a full export, a one-item export and --single', async () => {
    const core = await tempCore();
    await sampleYear(core);
    await core.api['archival.number']({ year: 2026 });
    const full = identities(await exportBinder(core, 2026));
    const oneItem = await exportBinder(core, 2026, { item: '1.1.2' });
    const single = identities(await exportBinder(core, 2026, { single: true }));
    expect(oneItem.volumes).toHaveLength(1);
    for (const [id, identity] of identities(oneItem)) expect(full.get(id)).toBe(identity);
    expect(single).toEqual(full);
    // The one-item volume is the same box: its 卷号 and 档号, and the stamp of its first 件 says 件号 1.
    const [v] = oneItem.volumes;
    expect(v).toMatchObject({ volumeNo: 3, archivalCode: 'Z001-WS·2026-D10-01-003', retention: '定期10年' });
    expect(tokens(pageText(v!.path, v!.documents[0]!.startPage))).toEqual(expect.arrayContaining(['件号', '1', '01', '定期10年']));
  });

  it('gives a record added after 归档 the next number of its class, and moves no earlier one', async () => {
    const core = await tempCore();
    const ids = await sampleYear(core);
    const before = identities(await exportBinder(core, 2026, { number: true }));
    const late = await add(core, 2026, '1.1.2', '记录', '补充的活动记录');
    const draft = await exportBinder(core, 2026);
    const lateDoc = documents(draft).find((d) => d.recordId === late)!;
    // Not archived yet: printed as a draft with no 件号, never a number that looks final.
    expect(lateDoc).toMatchObject({ piece: null, archivalCode: null });
    const draftVolume = draft.volumes.find((v) => v.documents.includes(lateDoc))!;
    expect(tokens(pageText(draftVolume.path, lateDoc.startPage))).toEqual(expect.arrayContaining(['草稿（未归档）', '草稿']));
    const [numbered] = (await core.api['archival.number']({ year: 2026 })).numbered;
    expect(numbered).toMatchObject({ recordId: late, piece: 5, archivalCode: 'Z001-WS·2026-D10-01-0005' });
    const after = identities(await exportBinder(core, 2026));
    for (const [id, identity] of before) expect(after.get(id)).toBe(identity);
    expect(after.get(late)).toBe('5|Z001-WS·2026-D10-01-0005|定期10年|2026');
    expect(ids.plan).toBeDefined();
  });

  it('refuses to move, re-file or trash an archived record until 撤销归档, which leaves a stated gap', async () => {
    const core = await tempCore();
    const ids = await sampleYear(core);
    await core.api['archival.number']({ year: 2026 });
    const refused = async (fn: () => Promise<unknown>): Promise<string> => {
      const err = await fn().then(() => null, (e: unknown) => e);
      expect(err).toBeInstanceOf(TaizhangError);
      expect((err as TaizhangError).code).toBe('conflict');
      return (err as TaizhangError).message;
    };
    expect(await refused(() => core.api['records.update']({ id: ids.signin!, year: 2025 }))).toMatch(/已归档.*撤销归档/);
    expect(await refused(() => core.api['records.update']({ id: ids.signin!, retention: '永久' }))).toMatch(/改保管期限/);
    expect(await refused(() => core.api['records.update']({ id: ids.signin!, items: ['1.2.1'] }))).toMatch(/改归入的测评项目/);
    expect(await refused(() => core.api['records.delete']({ ids: [ids.signin!] }))).toMatch(/移到回收站/);
    // Words may change: a title is not part of the number.
    await core.api['records.update']({ id: ids.signin!, title: '学雷锋活动签到表（补签）', items: ['1.1.2', '1.2.2'] });
    expect((await core.api['records.get']({ id: ids.signin! })).identity?.archivalCode).toBe('Z001-WS·2026-D10-01-0002');

    await expect(core.api['archival.withdraw']({ id: ids.signin!, reason: '  ' })).rejects.toThrow(/原因/);
    const withdrawn = await core.api['archival.withdraw']({ id: ids.signin!, reason: '重复归档，原件已并入第 1 件' });
    expect(withdrawn).toMatchObject({ piece: 2, archivalCode: 'Z001-WS·2026-D10-01-0002', volumeNo: 3 });
    await core.api['records.delete']({ ids: [ids.signin!] });
    // The gap stays: the next record of the class takes 5, not 2, and the 备考表 states why 2 is missing.
    const next = await add(core, 2026, '1.1.2', '记录', '另一份活动记录');
    expect((await core.api['archival.number']({ year: 2026 })).numbered).toMatchObject([{ recordId: next, piece: 5 }]);
    const report = await exportBinder(core, 2026, { item: '1.1.2' });
    const volume = report.volumes[0]!;
    expect(volume.documents.map((d) => d.piece)).toEqual([1, 3, 4, 5]);
    const notes = pageTexts(volume.path).at(-1)!.replace(/\s+/g, '');
    expect(notes).toContain('第2件（原档号Z001-WS·2026-D10-01-0002）已于');
    expect(notes).toContain('撤销归档：重复归档，原件已并入第1件');
    expect((await core.api['archival.volumes']({ year: 2026 }))[2]!.withdrawn).toMatchObject([{ piece: 2, reason: '重复归档，原件已并入第 1 件' }]);
  });

  it('gives two volumes to a 测评项目 with two 保管期限, each with one 保管期限 on its cover, stamps and spine', async () => {
    const core = await tempCore();
    await sampleYear(core);
    await core.api['archival.number']({ year: 2026 });
    const report = await exportBinder(core, 2026, { item: '1', spine: true });
    expect(report.volumes.map((v) => v.retention)).toEqual(['永久', '定期30年', '定期10年']);
    for (const v of report.volumes) {
      const texts = pageTexts(v.path);
      const periods = (text: string) => [...text.matchAll(/永久|定期30年|定期10年/g)].map((m) => m[0]);
      expect(new Set(periods(texts[0]!)), 'cover').toEqual(new Set([v.retention]));
      expect(texts[0]).toContain(v.archivalCode!);
      for (const d of v.documents) expect(new Set(periods(texts[d.startPage - 1]!)), `stamp of ${d.archivalCode}`).toEqual(new Set([v.retention]));
      const spine = tokens(texts.at(-1)!);
      expect(spine).toEqual(expect.arrayContaining(['保管期限', v.retention!, '盒号', String(v.volumeNo)]));
    }
  });

  it('stamps a carried-over 制度 with its own year in the later year, marked as a copy with a reference', async () => {
    const core = await tempCore();
    const rule = await add(core, 2025, '1.1.1', '制度', '志愿服务管理制度', { retention: '永久' });
    await add(core, 2025, '1.1.2', '方案', '2025年活动方案');
    await core.api['archival.number']({ year: 2025 });
    const original = (await core.api['records.get']({ id: rule })).identity!;
    expect(original.archivalCode).toBe('Z001-WS·2025-Y-01-0001');
    await core.api['records.carryOver']({ from: 2025, to: 2026 });
    const copy = (await core.api['records.list']({ year: 2026 })).find((r) => r.title === '志愿服务管理制度')!;
    expect(copy.archivalCode).toBe(original.archivalCode);
    await add(core, 2026, '1.1.1', '记录', '2026年实践站工作记录', { retention: '永久' });
    const numbered = await core.api['archival.number']({ year: 2026 });
    expect(numbered.numbered.map((n) => n.recordId)).not.toContain(copy.id);
    // It counts for completeness in the later year.
    const status = (await core.api['status.get']({ year: 2026 })).find((s) => s.code === '1.1.1')!;
    expect(status.byType['制度']).toBe(1);

    const report = await exportBinder(core, 2026, { item: '1.1.1' });
    const volume = report.volumes[0]!;
    const doc = volume.documents.find((d) => d.recordId === copy.id)!;
    expect(doc).toMatchObject({ archivalCode: 'Z001-WS·2025-Y-01-0001', year: 2025, piece: 1 });
    const page = tokens(pageText(volume.path, doc.startPage));
    expect(page).toEqual(expect.arrayContaining(['2025', '复制件（原件见', '年度）']));
    expect(page).not.toContain('2026');
    // The 备注 cell wraps the code at a hyphen, which pdftotext drops when it joins the lines.
    const contents = pageTexts(volume.path)[1]!.replace(/[\s-]+/g, '');
    expect(contents).toContain('参见2025年度，档号Z001WS·2025Y010001');
  });

  it('keeps the 立卷日期 of a volume across exports, and the pattern the unit sets', async () => {
    const core = await tempCore();
    await core.api['archive.setUnit']({ pattern: '{全宗号}-{年度}-{保管期限}-{问题}-{件号}', category: 'WS' });
    await expect(core.api['archive.setUnit']({ pattern: '{全宗号}-{年度}-{件号}' })).rejects.toThrow(/保管期限/);
    await expect(core.api['archive.setUnit']({ pattern: '{年度}-{保管期限}-{问题}-{序号}' })).rejects.toThrow(/不认识/);
    await sampleYear(core);
    const result = await core.api['archival.number']({ year: 2026 });
    expect(result.numbered[0]?.archivalCode).toMatch(/^Z001-2026-(Y|D30|D10)-0[14]-000\d$/);
    const [v] = await core.api['archival.volumes']({ year: 2026 });
    core.archive.db.prepare('UPDATE volumes SET archived_on = ?').run('2026-01-15');
    for (let i = 0; i < 2; i += 1) {
      const report = await exportBinder(core, 2026, { item: '1.2.1' });
      const cover = pageTexts(report.volumes[0]!.path)[0]!.replace(/\s+/g, '');
      expect(cover).toContain('立卷日期：2026年1月15日');
    }
    expect(v!.archivalCode).toBe('Z001-2026-Y-01-001');
  });

  it('answers the CLI contract of number and withdraw', async () => {
    const core = await tempCore();
    const ids = await sampleYear(core);
    core.close();
    const dry = await cli('number', '--year', '2026', '--ids', `${ids.plan},${ids.signin}-${ids.photo}`, '--dry-run', '--archive', core.dir, '--json');
    expect(dry.code).toBe(0);
    expect(dry.json<{ numbered: unknown[] }>().numbered).toEqual([
      { recordId: ids.plan, title: expect.any(String), piece: 1, archivalCode: 'Z001-WS·2026-D10-01-0001', retention: '定期10年', year: 2026, problem: '01', volumeNo: 1 },
      { recordId: ids.signin, title: expect.any(String), piece: 2, archivalCode: 'Z001-WS·2026-D10-01-0002', retention: '定期10年', year: 2026, problem: '01', volumeNo: 1 },
      { recordId: ids.photo, title: expect.any(String), piece: 3, archivalCode: 'Z001-WS·2026-D10-01-0003', retention: '定期10年', year: 2026, problem: '01', volumeNo: 1 },
    ]);
    const run = await cli('number', '--year', '2026', '--archive', core.dir, '--json');
    expect(run.json<{ numbered: unknown[] }>().numbered).toHaveLength(7);
    const again = await cli('number', '--year', '2026', '--ids', String(ids.plan), '--archive', core.dir, '--json');
    expect(again.json()).toMatchObject({ numbered: [], skipped: [{ recordId: ids.plan, reason: expect.stringMatching(/已归档/) }] });
    const listed = await cli('list', '--year', '2026', '--archive', core.dir, '--json');
    expect(listed.json<{ id: number; archivalCode: string | null }[]>().every((r) => r.archivalCode !== null)).toBe(true);
    const noReason = await cli('withdraw', String(ids.plan), '--archive', core.dir, '--json');
    expect(noReason.code).toBe(2);
    const withdrawn = await cli('withdraw', String(ids.plan), '--reason', '题名有误，重新整理', '--archive', core.dir, '--json');
    expect(withdrawn.code).toBe(0);
    expect(withdrawn.json()).toMatchObject({ recordId: ids.plan, piece: 1, reason: '题名有误，重新整理' });
    const human = await cli('number', '--year', '2026', '--archive', core.dir);
    expect(human.stdout).toMatch(/归档 1 件/);
    expect(human.stdout).not.toMatch(/Internal|内部错误/);
  });
});
