import { execFileSync } from 'node:child_process';
import { promises as fs, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { archiveState } from '../../../test/support/archive-state.js';
import { makeDocx, makeJpeg, makeOleFile, makePdf } from '../../../test/support/sample-files.js';
import { tempCore, tempDir } from '../../../test/support/temp.js';

// Chat apps' millisecond timestamps are read in the machine's zone; clerks' machines are on China time.
process.env.TZ = 'Asia/Shanghai';

/** Photos named as phones and WeChat name them, without EXIF (WeChat strips it), each its own content. */
async function phonePhotos(dir: string, count: number): Promise<{ file: string; date: string }[]> {
  const names = [
    (i: number) => [`IMG_20250305_0930${String(i % 60).padStart(2, '0')}.jpg`, '2025-03-05'],
    (i: number) => [`mmexport${1741138212345 + i * 1000}.jpg`, '2025-03-05'],
    (i: number) => [`wx_camera_${1741224612345 + i * 1000}.jpg`, '2025-03-06'],
    (i: number) => [`微信图片_202503071000${String(i % 60).padStart(2, '0')}.jpg`, '2025-03-07'],
    (i: number) => [`Screenshot_20250308-1100${String(i % 60).padStart(2, '0')}.png`, '2025-03-08'],
    (i: number) => [`PXL_20250309_1200${String(i % 60).padStart(2, '0')}123.jpg`, '2025-03-09'],
    (i: number) => [`DSC_${String(1000 + i).padStart(4, '0')}.JPG`, ''],
    (i: number) => [`${String(i).padStart(4, '0')}.jpg`, ''],
  ];
  const out: { file: string; date: string }[] = [];
  for (let i = 0; i < count; i += 1) {
    const [name = '', date = ''] = names[i % names.length]!(i);
    const colour = `#${(0x100000 + i * 977).toString(16).slice(-6)}`;
    out.push({ file: await makeJpeg(path.join(dir, name), { width: 64, height: 48, colour }), date });
  }
  return out;
}

describe('filing phone photos', () => {
  it('titles them by activity and number, never by the machine name, and dates them from the name', async () => {
    const core = await tempCore();
    const photos = await phonePhotos(tempDir(), 40);
    const result = await core.api['records.add']({ files: photos.map((p) => p.file), year: 2025, items: ['1.2.2'], activity: '学雷锋志愿服务' });
    expect(result.errors).toEqual([]);
    expect(result.records).toHaveLength(40);
    expect(result.records.map((r) => r.title)).toEqual(photos.map((_p, i) => `学雷锋志愿服务活动照片（${i + 1}）`));
    const listed = await core.api['records.list']({ year: 2025 });
    for (const r of listed) {
      expect(r.title).not.toMatch(/IMG|mmexport|wx_camera|微信图片|Screenshot|PXL|DSC|^\d+$/);
      expect(r.titleSupplied).toBe(true);
      expect(r.type).toBe('照片');
    }
    const byId = new Map(listed.map((r) => [r.id, r]));
    result.records.forEach((r, i) => {
      // A counter name has no date; the activity gives it the day the activity is first filed (here, none: so null).
      expect(byId.get(r.id)?.date ?? '').toBe(photos[i]!.date);
    });
    const shot = await core.api['records.get']({ id: result.records[0]!.id });
    expect(shot.caption).toEqual({ time: '2025年3月5日 09:30' });
    const wechat = await core.api['records.get']({ id: result.records[1]!.id });
    expect(wechat.caption.time).toBe('2025年3月5日 09:30');

    // Numbers go on from the highest the year has, also for a later batch.
    const more = await phonePhotos(path.join(tempDir(), 'more'), 41);
    const next = await core.api['records.add']({ files: [more[40]!.file], year: 2025, activity: '学雷锋志愿服务' });
    expect(next.records[0]?.title).toBe('学雷锋志愿服务活动照片（41）');
  });

  it('prefers EXIF over a machine name, keeps a date a person wrote, and takes 摄影者 from EXIF Artist', async () => {
    const core = await tempCore();
    const dir = tempDir();
    const exif = await makeJpeg(path.join(dir, 'IMG_20250305_093012.jpg'), { taken: '2025:03:04 18:05:00', artist: '张敏' });
    const written = await makeJpeg(path.join(dir, '2025-03-01 社区合影.jpg'), { taken: '2025:03:04 18:05:00', colour: '#123456' });
    const dated = await makeJpeg(path.join(dir, '微信图片_20250306101500.jpg'), { colour: '#654321' });
    const undated = await makeJpeg(path.join(dir, 'DSC_0007.JPG'), { colour: '#abcdef' });
    const result = await core.api['records.add']({ files: [exif, written, dated, undated], year: 2025 });
    const details = await Promise.all(result.records.map((r) => core.api['records.get']({ id: r.id })));
    expect(details.map((d) => [d.title, d.titleSupplied, d.date])).toEqual([
      ['2025年3月4日照片（1）', true, '2025-03-04'],
      ['社区合影', false, '2025-03-01'],
      ['2025年3月6日照片（1）', true, '2025-03-06'],
      ['2025年度照片（1）', true, null],
    ]);
    expect(details[0]?.caption).toEqual({ time: '2025年3月4日 18:05', photographer: '张敏' });
    expect(details[1]?.caption).toEqual({ time: '2025年3月4日 18:05' });
    expect(details[2]?.caption).toEqual({ time: '2025年3月6日 10:15' });
    expect(details[3]?.caption).toEqual({});
    // What the clerk gives is never overwritten.
    const given = await makeJpeg(path.join(dir, 'IMG_20250310_080000.jpg'), { artist: '王芳', colour: '#0f0f0f' });
    const own = await core.api['records.add']({ files: [given], year: 2025, title: '清扫楼道', date: '2025-03-11', caption: { photographer: '李强' } });
    expect(await core.api['records.get']({ id: own.records[0]!.id })).toMatchObject({
      title: '清扫楼道', date: '2025-03-11', caption: { time: '2025年3月10日 08:00', photographer: '李强' },
    });
  });

  it('files a real HEIC photo made by heif-enc, with its title and date', async () => {
    const core = await tempCore();
    const dir = tempDir();
    const jpeg = await makeJpeg(path.join(dir, 'source.jpg'), { width: 320, height: 240, colour: '#2e86c1' });
    const heic = path.join(dir, 'IMG_20250305_093012.HEIC');
    execFileSync('heif-enc', [jpeg, '-o', heic], { stdio: 'ignore' });
    const result = await core.api['records.add']({ files: [heic], year: 2025, activity: '垃圾分类宣传' });
    expect(result.errors).toEqual([]);
    const detail = await core.api['records.get']({ id: result.records[0]!.id });
    expect(detail).toMatchObject({ title: '垃圾分类宣传活动照片（1）', type: '照片', date: '2025-03-05', caption: { time: '2025年3月5日 09:30' } });
    expect(detail.fileList[0]).toMatchObject({ kind: 'image', mime: 'image/heic', width: 320, height: 240, binderNote: null });
    expect(detail.thumb).toBe(detail.fileList[0]?.sha256);
  });
});

describe("a document's title", () => {
  it('comes from PDF metadata, DOCX core properties or the first heading, then the cleaned file name', async () => {
    const core = await tempCore();
    const dir = tempDir();
    const files = [
      await makePdf(path.join(dir, 'mmexport1741138212345.pdf'), { title: '关于开展学雷锋志愿服务活动的通知' }),
      await makePdf(path.join(dir, '2025-03-01 学雷锋活动方案.pdf'), { title: 'Microsoft Word - 文档1.docx', text: 'Activity plan' }),
      await makeDocx(path.join(dir, '新建 Microsoft Word 文档.docx'), ['和平社区居民委员会文件', '和社〔2025〕3号', '关于印发文明创建工作方案的通知', '各科室：'], 1),
      await makeDocx(path.join(dir, '01_志愿服务站管理制度.docx'), ['第一条 为规范管理，制定本制度。'], 1, '志愿服务站管理制度（2025 年修订）'),
      await makePdf(path.join(dir, '0001.pdf'), { text: 'scan' }),
    ];
    const result = await core.api['records.add']({ files, year: 2025, items: ['1.2.2'] });
    expect(result.errors).toEqual([]);
    const details = await Promise.all(result.records.map((r) => core.api['records.get']({ id: r.id })));
    expect(details.map((d) => [d.title, d.titleSupplied, d.type])).toEqual([
      ['关于开展学雷锋志愿服务活动的通知', false, '通知'],
      ['学雷锋活动方案', false, '方案'],
      ['关于印发文明创建工作方案的通知', false, '通知'],
      ['志愿服务站管理制度（2025 年修订）', false, '制度'],
      ['2025年度文件（1）', true, '其他'],
    ]);
  });

  it('keeps a file\'s own title with its content, for a second filing in another year', async () => {
    const core = await tempCore();
    const pdf = await makePdf(path.join(tempDir(), 'x.pdf'), { title: '文明公约' });
    await core.api['records.add']({ files: [pdf], year: 2024 });
    const again = await core.api['records.add']({ files: [pdf], year: 2025 });
    expect(again.records[0]?.title).toBe('文明公约');
  });
});

describe('batch rename', () => {
  it('previews, then renames a selection wholly, numbered in the order given, and undoes in one step', async () => {
    const core = await tempCore();
    const photos = await phonePhotos(tempDir(), 5);
    const added = await core.api['records.add']({ files: photos.map((p) => p.file), year: 2025, activity: '道德讲堂' });
    const ids = added.records.map((r) => r.id).reverse();
    const before = archiveState(core);
    const preview = await core.api['records.rename']({ ids, pattern: '{活动}照片（{序号:2}）', preview: true });
    expect(preview.applied).toBe(false);
    expect(preview.problems).toEqual([]);
    expect(preview.rows.map((r) => [r.id, r.to])).toEqual(ids.map((id, i) => [id, `道德讲堂照片（0${i + 1}）`]));
    expect(archiveState(core)).toEqual(before);

    const done = await core.api['records.rename']({ ids, pattern: '{活动}照片（{序号:2}）', start: 1 });
    expect(done.applied).toBe(true);
    const titles = new Map((await core.api['records.list']({ year: 2025 })).map((r) => [r.id, r.title]));
    expect(ids.map((id) => titles.get(id))).toEqual(['道德讲堂照片（01）', '道德讲堂照片（02）', '道德讲堂照片（03）', '道德讲堂照片（04）', '道德讲堂照片（05）']);
    expect(await core.api['records.undo']({})).toEqual({ undone: '按规则改名 5 件' });
    expect((await core.api['records.list']({ year: 2025 })).map((r) => r.title)).toEqual(added.records.map((r) => r.title));
  });

  it('renames none when one record lacks a field, and refuses an unknown field in words', async () => {
    const core = await tempCore();
    const photos = await phonePhotos(tempDir(), 3);
    const inActivity = await core.api['records.add']({ files: [photos[0]!.file, photos[1]!.file], year: 2025, activity: '义诊' });
    const alone = await core.api['records.add']({ files: [photos[2]!.file], year: 2025 });
    const ids = [...inActivity.records, ...alone.records].map((r) => r.id);
    const before = archiveState(core);
    const result = await core.api['records.rename']({ ids, pattern: '{活动}（{序号}）' });
    expect(result.applied).toBe(false);
    expect(result.problems).toEqual([{ id: ids[2], message: expect.stringMatching(/^第 \d+ 件「.*」没有活动，不能按 \{活动\} 命名 \/ /) }]);
    expect(archiveState(core)).toEqual(before);
    await expect(core.invoke('records.rename', { ids, pattern: '{地址}照片' })).rejects.toMatchObject({
      code: 'invalid_input', zh: expect.stringMatching(/命名规则中的「\{地址\}」无法识别，可用：\{活动\}/),
    });
    await expect(core.invoke('records.rename', { ids, pattern: '照片{序号' })).rejects.toMatchObject({ code: 'invalid_input', zh: expect.stringContaining('不成对') });
    await expect(core.invoke('records.rename', { ids: [...ids, 9999], pattern: '{年度}' })).rejects.toMatchObject({ code: 'not_found' });
    expect(archiveState(core)).toEqual(before);
  });
});

describe('captions in batch', () => {
  it('applies the fields given to every selected photo, keeps the blank ones, and shows the activity 总说明 as inherited', async () => {
    const core = await tempCore();
    const photos = await phonePhotos(tempDir(), 30);
    const added = await core.api['records.add']({ files: photos.map((p) => p.file), year: 2025, items: ['1.2.2'], activity: '学雷锋志愿服务' });
    const ids = added.records.map((r) => r.id);
    const firstTime = (await core.api['records.get']({ id: ids[0]! })).caption.time;
    expect(firstTime).toBe('2025年3月5日 09:30');

    await core.api['records.bulkUpdate']({ ids, caption: { subject: '学雷锋志愿服务', place: '社区党群服务中心', time: '', people: '  ' } });
    for (const id of ids) {
      const d = await core.api['records.get']({ id });
      expect(d.caption).toMatchObject({ subject: '学雷锋志愿服务', place: '社区党群服务中心' });
      expect(d.caption.people).toBeUndefined();
    }
    expect((await core.api['records.get']({ id: ids[0]! })).caption.time).toBe(firstTime);

    const [activity] = await core.api['records.activities']({ year: 2025 });
    await core.api['records.updateActivity']({ id: activity!.id, caption: { people: '社区志愿者12人', place: '社区广场', photographer: '张敏' } });
    const d = await core.api['records.get']({ id: ids[3]! });
    // The photo's own 地点 overrides the 总说明's; the others are inherited.
    expect(d.inheritedCaption).toEqual({ people: '社区志愿者12人', photographer: '张敏' });
    expect(d.caption.place).toBe('社区党群服务中心');
  });

  it('is applied wholly or not at all', async () => {
    const core = await tempCore();
    const photos = await phonePhotos(tempDir(), 4);
    const added = await core.api['records.add']({ files: photos.map((p) => p.file), year: 2025 });
    const ids = added.records.map((r) => r.id);
    await core.api['records.delete']({ ids: [ids[3]!] });
    const before = archiveState(core);
    await expect(core.api['records.bulkUpdate']({ ids, caption: { place: '社区广场' } })).rejects.toThrow(/找不到这些记录/);
    expect(archiveState(core)).toEqual(before);
    for (const id of ids.slice(0, 3)) expect((await core.api['records.get']({ id })).caption.place).toBeUndefined();
  });
});

describe('the inbox', () => {
  it('holds what was filed without an item, outside completeness, until an ordinary update files it', async () => {
    const core = await tempCore();
    const dir = tempDir();
    const plan = await makePdf(path.join(dir, '学雷锋活动签到表.pdf'), { text: 'sign' });
    const photo = await makeJpeg(path.join(dir, 'IMG_20250305_093012.jpg'));
    await core.api['archive.setYear']({ year: 2025 });
    const statusBefore = await core.api['status.get']({ year: 2025, item: '1.2.2' });
    const added = await core.api['records.add']({ files: [plan, photo], year: 2025 });
    expect([added.inbox, added.records.map((r) => r.inbox)]).toEqual([2, [true, true]]);
    expect((await core.api['records.list']({ inbox: true })).map((r) => r.id).sort()).toEqual(added.records.map((r) => r.id).sort());
    expect(await core.api['records.list']({ inbox: false })).toEqual([]);
    expect(await core.api['records.inbox']({})).toEqual({ total: 2, years: [{ year: 2025, records: 2 }] });
    expect(await core.api['status.get']({ year: 2025, item: '1.2.2' })).toEqual(statusBefore);
    await expect(core.invoke('records.list', { inbox: true, item: '1.2' })).rejects.toMatchObject({ code: 'invalid_input' });

    const filed = await core.api['records.update']({ id: added.records[0]!.id, items: ['1.2.2'] });
    expect(filed.inbox).toBe(false);
    await core.api['records.bulkUpdate']({ ids: [added.records[1]!.id], items: ['1.2.2'] });
    expect(await core.api['records.inbox']({})).toEqual({ total: 0, years: [] });
    const [status] = await core.api['status.get']({ year: 2025, item: '1.2.2' });
    expect(status?.records).toBe(2);
    // A record whose every item link is taken away goes back to the inbox.
    await core.api['records.update']({ id: added.records[0]!.id, items: [] });
    expect((await core.api['records.list']({ inbox: true })).map((r) => r.id)).toEqual([added.records[0]!.id]);
  });
});

describe('bad files told as they are', () => {
  it('refuses content that does not match its extension, saying what it looks like, and keeps nothing', async () => {
    const core = await tempCore();
    const dir = tempDir();
    const fakePdf = path.join(dir, '活动方案.pdf');
    writeFileSync(fakePdf, '这不是 PDF，是一段文字。\n第二行\n');
    const page = path.join(dir, '照片.jpg');
    writeFileSync(page, '<!DOCTYPE html><html><body>404</body></html>');
    const zip = path.join(dir, '总结.docx');
    await makeDocx(zip, ['x']);
    // A zip holding no Word parts is no Word document.
    const plainZip = path.join(dir, '台账.xlsx');
    execFileSync('python3', ['-c', `import zipfile; z = zipfile.ZipFile(${JSON.stringify(plainZip)}, 'w'); z.writestr('a.txt', 'x'); z.close()`]);
    const gbk = path.join(dir, '通知.pdf');
    writeFileSync(gbk, Buffer.from([0xb9, 0xd8, 0xd3, 0xda, 0xbf, 0xaa, 0xd5, 0xb9, 0x0d, 0x0a]));
    await core.api['archive.setYear']({ year: 2025 });
    const before = archiveState(core);
    const result = await core.api['records.add']({ files: [fakePdf, page, plainZip, gbk], year: 2025, items: ['1.2.2'] });
    expect(result.records).toEqual([]);
    expect(result.errors.map((e) => [path.basename(e.file), e.message])).toEqual([
      ['活动方案.pdf', '扩展名是 .pdf，但内容不是 PDF（看起来是纯文本） / The extension is .pdf but the content is not a PDF (it looks like plain text)'],
      ['照片.jpg', expect.stringMatching(/^扩展名是 \.jpg，但内容不是 JPEG 图片（看起来是网页） \//)],
      ['台账.xlsx', expect.stringMatching(/^扩展名是 \.xlsx，但内容不是 Excel 表格（看起来是 ZIP 压缩包） \//)],
      ['通知.pdf', expect.stringMatching(/^扩展名是 \.pdf，但内容不是 PDF（看起来是纯文本）/)],
    ]);
    expect(archiveState(core)).toEqual(before);
    const status = await core.api['status.get']({ year: 2025, item: '1.2.2' });
    expect(status[0]?.status).toBe('缺失');
    // The real Word document files as one.
    expect((await core.api['records.add']({ files: [zip], year: 2025 })).errors).toEqual([]);
  });

  it('files another material under the wrong extension as what it is', async () => {
    const core = await tempCore();
    const jpegAsPdf = path.join(tempDir(), '合影.pdf');
    await makeJpeg(`${jpegAsPdf}.jpg`);
    await fs.rename(`${jpegAsPdf}.jpg`, jpegAsPdf);
    const result = await core.api['records.add']({ files: [jpegAsPdf], year: 2025 });
    expect(result.errors).toEqual([]);
    expect((await core.api['records.get']({ id: result.records[0]!.id })).fileList[0]).toMatchObject({ name: '合影.jpg', kind: 'image' });
  });

  it('marks a record of attachments only, which counts as material once the clerk confirms it', async () => {
    const core = await tempCore();
    const dir = tempDir();
    const doc = makeOleFile(path.join(dir, '活动记录.doc'));
    const txt = path.join(dir, '签到名单.txt');
    writeFileSync(txt, '张三\n李四\n');
    const added = await core.api['records.add']({ files: [doc, txt], year: 2025, items: ['1.2.2'] });
    expect(added.errors).toEqual([]);
    const listed = await core.api['records.list']({ year: 2025 });
    expect(listed.map((r) => [r.attachmentOnly, r.attachmentConfirmed])).toEqual([[true, false], [true, false]]);
    const [before] = await core.api['status.get']({ year: 2025, item: '1.2.2' });
    expect([before?.status, before?.records]).toEqual(['缺失', 0]);

    await core.api['records.update']({ id: added.records[1]!.id, attachmentConfirmed: true });
    const [after] = await core.api['status.get']({ year: 2025, item: '1.2.2' });
    expect(after?.records).toBe(1);
    expect((await core.api['records.get']({ id: added.records[1]!.id })).attachmentConfirmed).toBe(true);
    await core.api['records.bulkUpdate']({ ids: [added.records[0]!.id], attachmentConfirmed: true });
    expect((await core.api['status.get']({ year: 2025, item: '1.2.2' }))[0]?.records).toBe(2);
    // A record with one printable file is material as it is.
    const pdf = await makePdf(path.join(dir, '方案.pdf'));
    const mixed = await core.api['records.add']({ files: [pdf, makeOleFile(path.join(dir, '附件.doc'))], year: 2025, single: true });
    expect((await core.api['records.get']({ id: mixed.records[0]!.id })).attachmentOnly).toBe(false);
  });
});

describe('years do not mix', () => {
  it('files a record for 待归类 under its own date\'s year (from its name or its EXIF), saying so; one filed under an item stays, with a warning', async () => {
    const core = await tempCore();
    const dir = tempDir();
    const wechat = await makeJpeg(path.join(dir, `mmexport${Date.parse('2024-03-05T10:00:00+08:00')}.jpg`), { colour: '#102030' });
    const camera = await makeJpeg(path.join(dir, '现场.jpg'), { colour: '#203040', taken: '2024:06:01 09:30:00' });
    const plain = await makeJpeg(path.join(dir, '现场照片.jpg'), { colour: '#304050' });
    const added = await core.api['records.add']({ files: [wechat, camera, plain], year: 2025 });
    expect(added.records.map((r) => [r.year, r.inbox])).toEqual([[2024, true], [2024, true], [2025, true]]);
    expect(added.warnings.map((w) => [path.basename(w.file), w.message.split(' / ')[0]])).toEqual([
      [path.basename(wechat), '日期 2024-03-05 在 2024 年，已放入 2024 年度的“待归类”（不与 2025 年度的资料混放）'],
      ['现场.jpg', '日期 2024-06-01 在 2024 年，已放入 2024 年度的“待归类”（不与 2025 年度的资料混放）'],
    ]);
    expect(added.warnings.map((w) => w.otherYear)).toEqual([2024, 2024]);
    expect(await core.api['records.inbox']({})).toEqual({ total: 3, years: [{ year: 2024, records: 2 }, { year: 2025, records: 1 }] });
    expect((await core.api['records.get']({ id: added.records[0]!.id })).year).toBe(2024);

    // Filed under an item of 2025 by the clerk: that choice stands, and the date is pointed out.
    const chosen = await core.api['records.add']({ files: [await makeJpeg(path.join(dir, '2024-12-30 慰问.jpg'), { colour: '#405060' })], year: 2025, items: ['1.2.2'] });
    expect(chosen.records.map((r) => [r.year, r.inbox])).toEqual([[2025, false]]);
    expect(chosen.warnings[0]!.message).toMatch(/^日期 2024-12-30 不在 2025 年度内/);

    // Dropped again while 2025 is shown: already filed in its own year, so a duplicate there, not a second record.
    const again = await core.api['records.add']({ files: [wechat, camera], year: 2025 });
    expect(again.records).toEqual([]);
    expect(again.duplicates.map((d) => [path.basename(d.file), d.id])).toEqual([
      [path.basename(wechat), added.records[0]!.id], ['现场.jpg', added.records[1]!.id],
    ]);
    expect(await core.api['records.inbox']({})).toEqual({ total: 3, years: [{ year: 2024, records: 2 }, { year: 2025, records: 1 }] });
    const { problems } = await core.api['integrity.check']({});
    expect(problems).toEqual([]);
  });

  it('plans a folder the same way: a file without a year folder or an item goes to its own date\'s year; a year folder wins', async () => {
    const core = await tempCore();
    const dir = tempDir();
    await makeJpeg(path.join(dir, '照片', '2024-03-05 活动.jpg'), { colour: '#102030' });
    await makeJpeg(path.join(dir, '2025年', '2024-12-30 慰问.jpg'), { colour: '#203040' });
    await makeJpeg(path.join(dir, '照片', '现场.jpg'), { colour: '#304050' });
    const plan = await core.api['records.planFolder']({ dir, year: 2025 });
    expect(plan.entries.map((e) => [e.file, e.year, e.inbox]).sort()).toEqual([
      ['2025年/2024-12-30 慰问.jpg', 2025, true], ['照片/2024-03-05 活动.jpg', 2024, true], ['照片/现场.jpg', 2025, true],
    ]);
    const imported = await core.api['records.importFolder']({ dir, year: 2025 });
    expect(imported.records.map((r) => r.year).sort()).toEqual([2024, 2025, 2025]);
  });
});
