import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Activity, AddResult, FolderPlan, RecordDetail, RecordSummary } from '../../../shared/api/records.js';
import { makeJpeg, makePdf } from '../../../test/support/sample-files.js';
import { runPython } from '../../../test/support/readers.js';
import { cli, tempDir } from '../../../test/support/temp.js';
import { parseIds } from './records.js';

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
    expect(result.records.map((r) => [r.title, r.files])).toEqual([['学雷锋活动方案', 1], ['学雷锋活动照片（1）', 1]]);

    const list = await cli('list', '--archive', archive, '--year', '2024', '--item', '1.2', '--json');
    const rows = list.json<RecordSummary[]>();
    expect(rows.map((r) => [r.type, r.date, r.activity])).toEqual([['方案', '2024-03-05', '学雷锋活动'], ['照片', '2024-03-05', '学雷锋活动']]);

    const human = await cli('list', '--archive', archive, '--year', '2024');
    expect(human.stdout).toMatch(/#\d+\s+未归档\s+2024-03-05\s+方案/);
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

describe('CLI import / edit / bulk / trash / undo / carry-over / activities', () => {
  it('dry-runs and imports a folder tree', async () => {
    const archive = await newArchive();
    const root = tempDir();
    await makePdf(path.join(root, '2024', '1.2.2 学雷锋志愿服务活动', '2024-03-05 学雷锋', '活动方案.pdf'));
    await makePdf(path.join(root, '杂项', '说明.pdf'), { text: 'x' });
    const dry = await cli('import', root, '--dry-run', '--archive', archive);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/✓ 2024\/1\.2\.2 学雷锋志愿服务活动\/2024-03-05 学雷锋\/活动方案\.pdf\n\s+2024 年度　项目 1\.2\.2　方案　2024-03-05　活动「学雷锋」　题名「活动方案」/);
    expect(dry.stdout).toMatch(/→ 杂项\/说明\.pdf\n\s+\d{4} 年度　待归类.*\n\s+路径中没有年度文件夹.*放入待归类/);
    expect(dry.stdout).toContain('归入项目 1 个，放入待归类 1 个');
    expect((await cli('list', '--archive', archive, '--json')).json<RecordSummary[]>()).toEqual([]);

    const run = await cli('import', root, '--archive', archive, '--json');
    const result = run.json<AddResult & { plan: FolderPlan }>();
    expect(result.records).toHaveLength(2);
    expect([result.inbox, result.plan.inbox]).toEqual([1, 1]);
  });

  it('edits metadata and captions, shows a supplied title in [ ], and undoes', async () => {
    const archive = await newArchive();
    const photo = await makeJpeg(path.join(tempDir(), '合影.jpg'));
    const id = (await cli('add', photo, '--archive', archive, '--year', '2024', '--json')).json<AddResult>().records[0]!.id;
    const edit = await cli('edit', String(id), '--archive', archive, '--title', '志愿者合影', '--supplied-title', '--caption-subject', '学雷锋',
      '--caption-people', '王芳、李明', '--caption-photographer', '张敏', '--tags', '学雷锋,合影', '--item', '1.2.2', '--retention', '定期30年',
      '--secrecy', '秘密');
    expect(edit.code).toBe(0);
    expect(edit.stdout).toContain(`#${id} [志愿者合影]`);
    expect(edit.stdout).toContain('说明：事由：学雷锋；人物：王芳、李明；摄影者：张敏');
    const shown = (await cli('show', String(id), '--archive', archive, '--json')).json<RecordDetail>();
    expect(shown).toMatchObject({ titleSupplied: true, tags: ['合影', '学雷锋'], retention: '定期30年', secrecy: '秘密', caption: { subject: '学雷锋' } });
    expect(edit.stdout).toContain('密级：秘密');
    const secret = await cli('edit', String(id), '--archive', archive, '--secrecy', '绝密');
    expect(secret.code).toBe(1);
    expect(secret.stderr).toMatch(/密级应为 秘密、机密 或留空/);
    expect((await cli('list', '--archive', archive, '--year', '2024')).stdout).toContain('[志愿者合影]');

    const bad = await cli('edit', String(id), '--archive', archive, '--retention', '五年');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/保管期限应为 永久\/定期30年\/定期10年/);

    const undo = await cli('undo', '--archive', archive);
    expect(undo.stdout).toContain(`已撤销：修改第 ${id} 件`);
    expect((await cli('show', String(id), '--archive', archive, '--json')).json<RecordDetail>()).toMatchObject({ title: '合影', titleSupplied: false, tags: [] });
  });

  it('bulk-edits, deletes to the trash, restores, and lists activities', async () => {
    const archive = await newArchive();
    const dir = tempDir();
    const files = [await makePdf(path.join(dir, '方案.pdf')), await makeJpeg(path.join(dir, 'a.jpg')), await makeJpeg(path.join(dir, 'b.jpg'), { colour: '#00ff00' })];
    const ids = (await cli('add', ...files, '--archive', archive, '--year', '2024', '--json')).json<AddResult>().records.map((r) => r.id);
    const range = `${ids[0]}-${ids[2]}`;
    expect((await cli('bulk', range, '--archive', archive, '--add-item', '1.2.2', '--activity', '学雷锋', '--date', '2024-03-05')).stdout).toContain('已修改 3 件');
    expect((await cli('bulk', range, '--archive', archive)).code).toBe(1);

    const activities = await cli('activities', '--archive', archive, '--year', '2024');
    expect(activities.stdout).toMatch(/「学雷锋」3 件　方案有 签到缺 照片有 总结缺/);
    const activityId = (await cli('activities', '--archive', archive, '--year', '2024', '--json')).json<Activity[]>()[0]!.id;
    const captioned = await cli('activity', String(activityId), '--archive', archive, '--caption-place', '社区广场', '--caption-background', '横幅');
    expect(captioned.stdout).toContain('总说明：地点：社区广场；背景：横幅');

    expect((await cli('delete', `${ids[1]},${ids[2]}`, '--archive', archive)).stdout).toContain('已移入回收站 2 件');
    const trash = await cli('trash', '--archive', archive, '--year', '2024', '--json');
    expect(trash.json<RecordSummary[]>().map((r) => r.id)).toEqual([ids[1], ids[2]]);
    expect((await cli('trash', 'restore', String(ids[1]), '--archive', archive)).stdout).toContain('已恢复 1 件');
    expect((await cli('list', '--archive', archive, '--year', '2024', '--json')).json<RecordSummary[]>()).toHaveLength(2);
    expect((await cli('delete', '99', '--archive', archive)).stderr).toMatch(/找不到这些记录：#99/);
  });

  it('carries standing records over to the next year', async () => {
    const archive = await newArchive();
    const rules = await makePdf(path.join(tempDir(), '志愿服务管理制度.pdf'));
    await cli('add', rules, '--archive', archive, '--year', '2024', '--item', '1.2.1');
    const carry = await cli('carry-over', '--from', '2024', '--to', '2025', '--archive', archive);
    expect(carry.code).toBe(0);
    expect(carry.stdout).toContain('已结转 1 件到 2025 年度');
    const next = (await cli('list', '--archive', archive, '--year', '2025', '--json')).json<RecordSummary[]>();
    expect(next.map((r) => [r.title, r.type, r.items[0]?.code])).toEqual([['志愿服务管理制度', '制度', '1.2.1']]);
  });

  it('parses id lists and ranges', () => {
    expect(parseIds('3,5，8-10')).toEqual([3, 5, 8, 9, 10]);
    expect(() => parseIds('5-3')).toThrow(/编号范围有误/);
    expect(() => parseIds('a')).toThrow(/正整数/);
  });
});

describe('the filing contract of the CLI', () => {
  it('add without --item files into the inbox; list --inbox --json lists it; titles and dates follow the rules', async () => {
    const archive = await newArchive();
    const dir = tempDir();
    const photo = await makeJpeg(path.join(dir, 'mmexport1741138212345.jpg'));
    const named = await makePdf(path.join(dir, '2025-03-01 学雷锋活动方案.pdf'), { text: 'plan' });
    const add = await cli('add', photo, named, '--archive', archive, '--year', '2025', '--activity', '学雷锋志愿服务', '--json');
    expect(add.code).toBe(0);
    const result = add.json<AddResult>();
    expect(result.inbox).toBe(2);
    expect(result.records.map((r) => [r.title, r.inbox])).toEqual([['学雷锋志愿服务活动照片（1）', true], ['学雷锋活动方案', true]]);
    const inbox = (await cli('list', '--inbox', '--archive', archive, '--json')).json<RecordSummary[]>();
    expect(inbox.map((r) => [r.title, r.date, r.inbox, r.items])).toEqual([
      ['学雷锋活动方案', '2025-03-01', true, []],
      ['学雷锋志愿服务活动照片（1）', '2025-03-05', true, []],
    ]);
    const human = await cli('add', await makeJpeg(path.join(dir, 'IMG_20250306_101500.jpg'), { colour: '#010203' }), '--archive', archive, '--year', '2025');
    expect(human.stdout).toMatch(/已添加 #\d+ 2025年3月6日照片（1）（1 个文件）　→ 待归类/);
    expect(human.stdout).toContain('其中 1 件放入待归类');
    expect((await cli('list', '--inbox', '--archive', archive)).stdout).toContain('[待归类]');

    // Given --title and --date win.
    const given = await cli('add', await makeJpeg(path.join(dir, 'IMG_0009.jpg'), { colour: '#040506' }), '--archive', archive, '--year', '2025',
      '--title', '志愿者合影', '--date', '2025-03-08', '--item', '1.2.2', '--json');
    const detail = (await cli('show', String(given.json<AddResult>().records[0]!.id), '--archive', archive, '--json')).json<RecordDetail>();
    expect(detail).toMatchObject({ title: '志愿者合影', titleSupplied: false, date: '2025-03-08', inbox: false });

    // Filing from the inbox is an ordinary edit.
    const id = inbox[0]!.id;
    expect((await cli('edit', String(id), '--item', '1.2.2', '--archive', archive)).code).toBe(0);
    expect((await cli('list', '--inbox', '--archive', archive, '--json')).json<RecordSummary[]>().map((r) => r.id)).not.toContain(id);
  });

  it('import DIR [--item CODE] puts what it cannot place in the inbox and counts it as "inbox"', async () => {
    const archive = await newArchive();
    const root = tempDir();
    await makeJpeg(path.join(root, '2025', 'IMG_20250305_093012.jpg'));
    await makeJpeg(path.join(root, '2025', '微信图片_20250306101500.jpg'), { colour: '#00ff00' });
    await makePdf(path.join(root, '2025', '1.2.2 学雷锋志愿服务活动', '签到表.pdf'), { text: 'sign' });
    const loose = await cli('import', root, '--archive', archive, '--json');
    expect(loose.code).toBe(0);
    const result = loose.json<AddResult & { plan: FolderPlan }>();
    expect(result.inbox).toBe(2);
    expect(result.records).toHaveLength(3);
    expect(result.plan.inbox).toBe(2);

    const other = await newArchive();
    const placed = (await cli('import', root, '--item', '1.2.1', '--archive', other, '--json')).json<AddResult & { plan: FolderPlan }>();
    expect(placed.inbox).toBe(0);
    const listed = (await cli('list', '--archive', other, '--json')).json<RecordSummary[]>();
    expect(listed.map((r) => [r.title, r.items.map((i) => i.code)]).sort()).toEqual([
      ['2025年3月5日照片（1）', ['1.2.1']],
      ['2025年3月6日照片（1）', ['1.2.1']],
      ['签到表', ['1.2.2']],
    ]);
  });

  it('renames by a pattern with a preview, and captions many photos at once', async () => {
    const archive = await newArchive();
    const dir = tempDir();
    const files = [await makeJpeg(path.join(dir, 'IMG_1.jpg')), await makeJpeg(path.join(dir, 'IMG_2.jpg'), { colour: '#0000ff' })];
    const ids = (await cli('add', ...files, '--archive', archive, '--year', '2025', '--activity', '义诊', '--json')).json<AddResult>().records.map((r) => r.id);
    const list = ids.join(',');
    const dry = await cli('rename', list, '--pattern', '{活动}现场照片（{序号}）', '--dry-run', '--archive', archive);
    expect(dry.stdout).toMatch(/#\d+　义诊活动照片（1）　→　义诊现场照片（1）/);
    expect(dry.stdout).toContain('未改动');
    expect((await cli('rename', list, '--pattern', '{活动}现场照片（{序号}）', '--archive', archive)).stdout).toContain('已改名 2 件');
    expect((await cli('list', '--archive', archive, '--json')).json<RecordSummary[]>().map((r) => r.title)).toEqual(['义诊现场照片（1）', '义诊现场照片（2）']);
    const bad = await cli('rename', list, '--pattern', '{事由}', '--archive', archive);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('全部未改');

    expect((await cli('bulk', list, '--caption-place', '社区卫生服务站', '--caption-photographer', '张敏', '--archive', archive)).code).toBe(0);
    for (const id of ids) {
      expect((await cli('show', String(id), '--archive', archive, '--json')).json<RecordDetail>().caption).toMatchObject({ place: '社区卫生服务站', photographer: '张敏' });
    }
  });

  it('needs a reason for 不适用, and the 自查表 prints it', async () => {
    const archive = await newArchive();
    await cli('add', await makePdf(path.join(tempDir(), '方案.pdf')), '--archive', archive, '--year', '2025', '--item', '1.2.2');
    const missing = await cli('status', 'na', '--year', '2025', '--item', '1.3.3', '--archive', archive);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/请用 --reason 写明不适用的原因/);
    const blank = await cli('status', 'na', '--year', '2025', '--item', '1.3.3', '--reason', '  ', '--archive', archive);
    expect(blank.code).toBe(1);
    expect((await cli('status', 'na', '--year', '2025', '--item', '1.3.3', '--reason', '本社区没有道德讲堂点位', '--archive', archive)).code).toBe(0);
    const out = path.join(tempDir(), '自查表.xlsx');
    expect((await cli('export', 'checklist', '--year', '2025', '--out', out, '--archive', archive)).code).toBe(0);
    const row = runPython<string[]>(
      String.raw`
import sys, json, openpyxl
ws = openpyxl.load_workbook(sys.argv[1])['自查表']
print(json.dumps([str(c.value) for r in ws.iter_rows() for c in r if r[0].value is not None and any(str(x.value).startswith('1.3.3') for x in r if x.value)]))`,
      out,
    );
    expect(row.join(' ')).toContain('本社区没有道德讲堂点位');
    expect(row).toContain('不适用');
  });
});
