import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Args } from '../../../shared/api/contract.js';
import type { Core } from '../api/core.js';
import { archiveState } from '../../../test/support/archive-state.js';
import { makeJpeg, makePdf } from '../../../test/support/sample-files.js';
import { insertEdition } from '../index/editions.js';
import { tempCore, tempDir } from '../../../test/support/temp.js';

type AddArgs = Omit<Args<'records.add'>, 'files'>;

/** Files one record through the real API: a PDF (with Latin text, as pdf-lib writes it) or, for 照片, a JPEG. */
function filer(core: Core) {
  const dir = tempDir();
  let n = 0;
  return async (args: AddArgs & { pdfText?: string }): Promise<number> => {
    n += 1;
    const { pdfText, ...meta } = args;
    const file =
      meta.type === '照片'
        ? await makeJpeg(path.join(dir, `${n}.jpg`), { width: 40, height: 30, colour: `#${(n * 1234567).toString(16).slice(-6).padStart(6, '0')}` })
        : await makePdf(path.join(dir, `${n}.pdf`), { text: pdfText ?? `material ${n}` });
    const result = await core.api['records.add']({ files: [file], ...meta });
    expect(result.errors).toEqual([]);
    return result.records[0]!.id;
  };
}

async function ids(core: Core, args: Args<'search.query'>): Promise<number[]> {
  return (await core.api['search.query'](args)).results.map((h) => h.id);
}

const sorted = (list: number[]): number[] => [...list].sort((a, b) => a - b);

describe('search', () => {
  it('finds any Chinese substring, Latin words and 文号 in titles, metadata, captions and file text', async () => {
    const core = await tempCore();
    const add = filer(core);
    const signIn = await add({
      year: 2024, items: ['1.2.2'], type: '签到表', title: '2024年学雷锋志愿服务活动签到表', activity: '3月学雷锋活动',
      note: '社区党委组织，共42人参加',
    });
    const notice = await add({
      year: 2022, items: ['1.1.2'], type: '通知', title: '关于开展文明实践活动的通知', docNo: '鼓委文明办〔2011〕1号', author: '鼓楼区文明办',
    });
    const other = await add({ year: 2022, items: ['1.1.2'], type: '通知', title: '关于表彰的决定', docNo: '鼓委文明办〔2011〕12号' });
    const photo = await add({
      year: 2023, items: ['4.1.1'], type: '照片', title: '邻里节合影', tags: ['重点'],
      caption: { subject: '邻里节', place: '文明社区广场', people: '社区书记王建国' },
    });
    const minutes = await add({ year: 2024, items: ['1.2.2'], type: '记录', title: '活动记录', pdfText: 'Lei Feng volunteers' });

    expect(await ids(core, { query: '党' })).toEqual([signIn]);
    expect(await ids(core, { query: '签到' })).toEqual([signIn]);
    expect(await ids(core, { query: '鼓委文明办〔2011〕1号' })).toEqual([notice]);
    expect(await ids(core, { query: '〔2011〕1号' })).toEqual([notice]);
    expect(sorted(await ids(core, { query: '2011' }))).toEqual(sorted([notice, other]));
    expect(await ids(core, { query: '王建国' })).toEqual([photo]);
    expect(await ids(core, { query: '文明社区广场' })).toEqual([photo]);
    expect(await ids(core, { query: '重点' })).toEqual([photo]);
    expect(await ids(core, { query: '3月学雷锋活动' })).toEqual([signIn]);
    expect(await ids(core, { query: '鼓楼区' })).toEqual([notice]);
    expect(await ids(core, { query: 'VOLUNTEERS' })).toEqual([minutes]);
    // Characters split by punctuation are not side by side.
    expect(await ids(core, { query: '织共' })).toEqual([]);

    const [hit] = (await core.api['search.query']({ query: '党' })).results;
    expect(hit).toEqual({
      id: signIn, title: '2024年学雷锋志愿服务活动签到表', year: 2024, date: null, type: '签到表',
      items: ['1 思想道德建设 › 1.2 志愿服务 › 1.2.2 学雷锋志愿服务活动'], archivalCode: null, snippet: '社区【党】委组织，共42人参加', thumb: null, score: 0,
    });
    expect((await core.api['search.query']({ query: 'volunteers' })).results[0]?.snippet).toBe('Lei Feng 【volunteers】 page 1');
    expect((await core.api['search.query']({ query: '〔2011〕1号' })).results[0]?.snippet).toBe('鼓委文明办〔【2011〕1号】');
  });

  it("gives a photo hit its first photo as thumbnail, and a document none", async () => {
    const core = await tempCore();
    const dir = tempDir();
    const pdf = await makePdf(path.join(dir, 'plan.pdf'), { text: 'plan' });
    const first = await makeJpeg(path.join(dir, 'a.jpg'), { width: 40, height: 30, colour: '#102030' });
    const second = await makeJpeg(path.join(dir, 'b.jpg'), { width: 40, height: 30, colour: '#405060' });
    const photos = await core.api['records.add']({ files: [pdf, first, second], year: 2024, items: ['1.2.2'], type: '照片', title: '邻里节照片', single: true });
    const plan = await makePdf(path.join(dir, 'plan2.pdf'), { text: 'another plan' });
    await core.api['records.add']({ files: [plan], year: 2024, items: ['1.2.2'], type: '方案', title: '邻里节方案' });
    const detail = await core.api['records.get']({ id: photos.records[0]!.id });
    const firstPhoto = detail.fileList.find((f) => f.kind === 'image');
    const { results } = await core.api['search.query']({ query: '邻里节' });
    const byTitle = new Map(results.map((h) => [h.title, h.thumb]));
    expect(firstPhoto).toBeDefined();
    expect(byTitle.get('邻里节照片')).toBe(firstPhoto?.sha256);
    expect(byTitle.get('邻里节方案')).toBeNull();
  });

  it('cuts a snippet from the original text around the first match and marks every match in it', async () => {
    const core = await tempCore();
    const add = filer(core);
    const note = `${'社区开展环境卫生整治，'.repeat(6)}重点清理楼道堆物。随后开展垃圾分类宣传，发放垃圾分类手册。${'居民积极参与。'.repeat(10)}`;
    await add({ year: 2024, items: ['4.2.1'], type: '记录', title: '环境整治记录', note });
    const [hit] = (await core.api['search.query']({ query: '垃圾分类' })).results;
    expect(hit?.snippet).toMatch(/^…/);
    expect(hit?.snippet).toMatch(/…$/);
    expect(hit?.snippet).toContain('随后开展【垃圾分类】宣传，发放【垃圾分类】手册');
    expect(hit?.snippet.length).toBeLessThan(100);
  });

  it('ranks records whose title holds the query first, then newer years', async () => {
    const core = await tempCore();
    const add = filer(core);
    const oldTitle = await add({ year: 2022, items: ['4.2.2'], type: '方案', title: '垃圾分类宣传方案' });
    const newBody = await add({ year: 2024, items: ['4.2.2'], type: '记录', title: '社区宣传记录', note: '开展垃圾分类宣传' });
    const newTitle = await add({ year: 2024, items: ['4.2.2'], type: '总结', title: '垃圾分类工作总结' });
    const midTitle = await add({ year: 2023, items: ['4.2.2'], type: '总结', title: '垃圾分类工作总结' });
    const hits = (await core.api['search.query']({ query: '垃圾分类' })).results;
    expect(hits.map((h) => h.id)).toEqual([newTitle, midTitle, oldTitle, newBody]);
    expect(hits.map((h) => h.score)).toEqual([1, 1, 1, 0]);
    // Two terms: both in the title beats one.
    const two = (await core.api['search.query']({ query: '垃圾分类 总结' })).results;
    expect(two.map((h) => [h.id, h.score])).toEqual([[newTitle, 1], [midTitle, 1]]);
  });

  it('filters by year, years, type, tag, dates, activity and item subtree, also written in the query', async () => {
    const core = await tempCore();
    const add = filer(core);
    const a = await add({ year: 2022, items: ['1.2.2'], type: '方案', title: '学雷锋活动方案', date: '2022-03-01', tags: ['迎检'] });
    const b = await add({ year: 2023, items: ['1.2.2'], type: '照片', title: '学雷锋活动照片', date: '2023-03-05', activity: '学雷锋日' });
    const c = await add({ year: 2024, items: ['1.3.2'], type: '记录', title: '道德讲堂学雷锋专题记录', date: '2024-03-05' });
    const d = await add({ year: 2024, items: ['2.2.1'], type: '方案', title: '暑期学雷锋小队方案', date: '2024-07-01', tags: ['迎检'] });
    const q = '学雷锋';
    expect(sorted(await ids(core, { query: q }))).toEqual(sorted([a, b, c, d]));
    expect(sorted(await ids(core, { query: q, year: 2024 }))).toEqual(sorted([c, d]));
    expect(sorted(await ids(core, { query: q, years: [2022, 2023] }))).toEqual(sorted([a, b]));
    expect(sorted(await ids(core, { query: q, type: '方案' }))).toEqual(sorted([a, d]));
    expect(sorted(await ids(core, { query: q, tag: '迎检' }))).toEqual(sorted([a, d]));
    expect(await ids(core, { query: q, from: '2023-01-01', to: '2024-06-30' })).toEqual([c, b]);
    const activity = (await core.api['records.activities']({ year: 2023 }))[0]!.id;
    expect(await ids(core, { query: q, activityId: activity })).toEqual([b]);
    expect(sorted(await ids(core, { query: q, item: '1' }))).toEqual(sorted([a, b, c]));
    expect(sorted(await ids(core, { query: q, item: '1.2' }))).toEqual(sorted([a, b]));
    expect(await ids(core, { query: q, item: '1.3.2', year: 2022 })).toEqual([]);

    // Shortcuts in the query narrow like options, and both apply together.
    expect(sorted(await ids(core, { query: `${q} type:方案 year:2024` }))).toEqual([d]);
    expect(sorted(await ids(core, { query: `${q} 年度:2022-2023 标签:迎检` }))).toEqual([a]);
    expect(await ids(core, { query: `${q} year:2022`, year: 2024 })).toEqual([]);
    expect(sorted(await ids(core, { query: `${q} -照片 -道德` }))).toEqual(sorted([a, d]));
    // Filters alone list records, newest first; exclusions alone drop what they name.
    expect(await ids(core, { query: 'type:方案' })).toEqual([d, a]);
    expect(await ids(core, { query: '-学雷锋 type:方案' })).toEqual([]);
    expect(await ids(core, { query: '-暑期', type: '方案' })).toEqual([a]);
  });

  it('finds records filed under an item of an earlier edition mapped to the current one', async () => {
    const core = await tempCore();
    const add = filer(core);
    const old = await add({ year: 2024, items: ['1.2.2'], type: '记录', title: '学雷锋活动记录' });
    const { edition } = insertEdition(core.archive.db, {
      name: '2025 新版',
      items: [{ code: 'A', title: '志愿服务', children: [{ code: 'A.1', title: '学雷锋志愿服务' }, { code: 'A.2', title: '志愿者招募' }] }],
    });
    const example = (await core.api['index.editions']({})).find((e) => e.isExample)!.id;
    await core.api['archive.setYear']({ year: 2025, editionId: edition });
    await core.api['index.map']({ fromEdition: example, fromCode: '1.2.2', toEdition: edition, toCode: 'A.1', kind: 'renamed' });
    const current = await add({ year: 2025, items: ['A.1'], type: '记录', title: '学雷锋活动记录（新）' });
    const unrelated = await add({ year: 2025, items: ['A.2'], type: '记录', title: '学雷锋志愿者招募记录' });

    expect(sorted(await ids(core, { query: '学雷锋', item: 'A.1' }))).toEqual(sorted([old, current]));
    expect(sorted(await ids(core, { query: '学雷锋', item: 'A' }))).toEqual(sorted([old, current, unrelated]));
    const [hit] = (await core.api['search.query']({ query: '学雷锋活动记录（新）' })).results;
    expect(hit?.items).toEqual(['A 志愿服务 › A.1 学雷锋志愿服务']);
  });

  it('stays in step with edits: the trash hides a record, restore and title changes show at once', async () => {
    const core = await tempCore();
    const add = filer(core);
    const id = await add({ year: 2024, items: ['3.2.1'], type: '记录', title: '市民学校授课记录' });
    await core.api['records.delete']({ ids: [id] });
    expect(await ids(core, { query: '授课' })).toEqual([]);
    expect(await ids(core, { query: 'type:记录' })).toEqual([]);
    await core.api['records.restore']({ ids: [id] });
    expect(await ids(core, { query: '授课' })).toEqual([id]);
    await core.api['records.update']({ id, title: '文明礼仪讲座记录' });
    expect(await ids(core, { query: '授课' })).toEqual([]);
    expect(await ids(core, { query: '礼仪' })).toEqual([id]);
  });

  it('refuses bad input with a clear message and changes nothing', async () => {
    const core = await tempCore();
    const add = filer(core);
    await add({ year: 2024, items: ['1.2.2'], type: '记录', title: '学雷锋活动记录' });
    const before = archiveState(core);
    await expect(core.invoke('search.query', { query: '   ' })).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringContaining('请输入要搜索的内容') });
    await expect(core.invoke('search.query', { query: '，。！“”' })).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringContaining('没有可查找的文字') });
    await expect(core.invoke('search.query', { query: '学雷锋', from: '2024-05-01', to: '2024-01-01' })).rejects.toMatchObject({
      code: 'invalid_input', message: expect.stringContaining('起始日期晚于结束日期'),
    });
    await expect(core.invoke('search.query', { query: '学雷锋', from: '2024-02-30' })).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(core.invoke('search.query', { query: '学雷锋', item: '9.9' })).rejects.toMatchObject({ code: 'not_found', message: expect.stringContaining('9.9') });
    await expect(core.invoke('search.query', { query: '学雷锋', limit: 0 })).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(core.invoke('search.query', { query: '学雷锋', type: '文件' })).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(core.invoke('search.query', { query: '学雷锋', sql: 'DROP TABLE records' })).rejects.toMatchObject({ code: 'invalid_input' });
    // FTS5 syntax in the query is searched for as words, never run.
    expect(await core.api['search.query']({ query: 'NEAR(学雷锋 记录) OR * "' })).toEqual({ total: 0, results: [] });
    expect(archiveState(core)).toEqual(before);
  });
});
