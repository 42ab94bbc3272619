import { execFileSync } from 'node:child_process';
import { existsSync, promises as fs, writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { tempCore, tempDir } from '../../../test/support/temp.js';
import { archiveState } from '../../../test/support/archive-state.js';
import { makeDocx, makeJpeg, makePdf } from '../../../test/support/sample-files.js';
import { toIndexText } from '../../../shared/text/tokens.js';

describe('records.add', () => {
  it('files a PDF and a photo as two records with page count, dimensions, links and search', async () => {
    const core = await tempCore();
    const dir = tempDir();
    const pdf = await makePdf(path.join(dir, '2024-03-05 学雷锋活动方案.pdf'), { pages: 3, text: 'Lei Feng volunteers' });
    const jpg = await makeJpeg(path.join(dir, '活动现场.jpg'), { width: 400, height: 200, taken: '2024:03:06 10:00:00', camera: { make: 'Canon', model: 'EOS R6' } });

    const result = await core.api['records.add']({ files: [pdf, jpg], year: 2024, items: ['1.2.2'] });

    expect(result.errors).toEqual([]);
    expect(result.records.map((r) => r.title)).toEqual(['学雷锋活动方案', '活动现场']);
    const [planId, photoId] = result.records.map((r) => r.id);
    const plan = await core.api['records.get']({ id: planId! });
    expect(plan).toMatchObject({ year: 2024, type: '方案', date: '2024-03-05', pages: 3, files: 1, thumb: plan.fileList[0]?.sha256 });
    expect(plan.items.map((i) => i.path)).toEqual(['1 思想道德建设 › 1.2 志愿服务 › 1.2.2 学雷锋志愿服务活动']);
    expect(plan.fileList[0]).toMatchObject({ kind: 'pdf', pages: 3, name: '2024-03-05 学雷锋活动方案.pdf', binderNote: null });

    const photo = await core.api['records.get']({ id: photoId! });
    expect(photo).toMatchObject({ type: '照片', date: '2024-03-06', pages: 1 });
    expect(photo.fileList[0]).toMatchObject({ kind: 'image', width: 400, height: 200, exifDate: '2024-03-06T10:00:00', camera: 'Canon EOS R6' });
    const sha = photo.fileList[0]!.sha256;
    const thumb = await sharp(core.archive.files.derivativePath(sha, 'thumb')).metadata();
    expect([thumb.width, thumb.height, thumb.format]).toEqual([320, 160, 'jpeg']);

    const text = core.archive.db.prepare('SELECT text FROM blobs WHERE kind = ?').pluck().get('pdf') as string;
    expect(text).toContain('Lei Feng volunteers page 3');
    const hits = core.archive.db.prepare("SELECT rowid FROM search_index WHERE search_index MATCH '\"Feng volunteers\"'").pluck().all();
    expect(hits).toEqual([planId]);

    const listed = await core.api['records.list']({ year: 2024, item: '1.2' });
    expect(listed.map((r) => r.id)).toEqual([planId, photoId]);
    expect(await core.api['records.list']({ year: 2024, item: '1.2', subtree: false })).toEqual([]);
    expect((await core.api['records.list']({ year: 2024, type: '照片' })).map((r) => r.id)).toEqual([photoId]);
  });

  it('files several scans as one record with --single and extracts DOCX text', async () => {
    const core = await tempCore();
    const dir = tempDir();
    const a = await makeJpeg(path.join(dir, '签到表1.jpg'), { colour: '#ffffff' });
    const b = await makeJpeg(path.join(dir, '签到表2.jpg'), { colour: '#eeeeee' });
    const single = await core.api['records.add']({ files: [a, b], year: 2024, items: ['1.2.2'], single: true, title: '三月志愿服务签到表' });
    expect(single.records).toEqual([{ id: expect.any(Number), title: '三月志愿服务签到表', year: 2024, files: 2, inbox: false }]);
    const detail = await core.api['records.get']({ id: single.records[0]!.id });
    expect(detail).toMatchObject({ type: '签到表', pages: 2, files: 2 });

    const docx = await makeDocx(path.join(dir, '20240310_志愿服务总结.docx'), ['三月份志愿服务总结', '共开展活动五次'], 2);
    const added = await core.api['records.add']({ files: [docx], year: 2024 });
    const summary = await core.api['records.get']({ id: added.records[0]!.id });
    // The document's first heading line is its own title, before the file name.
    expect(summary).toMatchObject({ title: '三月份志愿服务总结', titleSupplied: false, type: '总结', date: '2024-03-10', pages: 2, items: [], inbox: true });
    expect(summary.fileList[0]).toMatchObject({ kind: 'docx', binderNote: null });
    expect(core.archive.db.prepare("SELECT text FROM blobs WHERE kind = 'docx'").pluck().get()).toContain('共开展活动五次');
  });

  it('refuses an unknown item code before writing anything', async () => {
    const core = await tempCore();
    const pdf = await makePdf(path.join(tempDir(), 'a.pdf'));
    const before = archiveState(core);
    await expect(core.api['records.add']({ files: [pdf], year: 2024, items: ['9.9.9'] })).rejects.toThrow(/没有编码为「9.9.9」的项目/);
    expect(archiveState(core)).toEqual(before);
    expect(core.archive.db.prepare('SELECT count(*) FROM years').pluck().get()).toBe(0);
  });

  it('re-adding the same file to the same year is a no-op that names the existing record once', async () => {
    const core = await tempCore();
    const dir = tempDir();
    const pdf = await makePdf(path.join(dir, '方案.pdf'));
    const first = await core.api['records.add']({ files: [pdf], year: 2024 });
    const before = archiveState(core);
    const again = await core.api['records.add']({ files: [pdf], year: 2024 });
    expect(again.records).toEqual([]);
    expect(again.duplicates).toEqual([{ file: pdf, id: first.records[0]!.id, title: '方案' }]);
    expect(again.warnings).toEqual([]);
    expect(archiveState(core)).toEqual(before);
    // The same file twice in one batch: one record, the second copy listed once as a duplicate.
    const copy = path.join(dir, 'copy', '方案副本.pdf');
    await fs.mkdir(path.dirname(copy), { recursive: true });
    await fs.copyFile(pdf, copy);
    const twice = await core.api['records.add']({ files: [pdf, copy, copy], year: 2026 });
    expect(twice.records).toHaveLength(1);
    expect(twice.duplicates.map((d) => [path.basename(d.file), d.id])).toEqual([['方案副本.pdf', twice.records[0]!.id], ['方案副本.pdf', twice.records[0]!.id]]);
    await core.api['records.delete']({ ids: [twice.records[0]!.id] });

    // Same name, other content: a new file and a new record; the same content in another year: a new record, one blob.
    const other = await makePdf(path.join(dir, 'other', '方案.pdf'), { pages: 2 });
    const changed = await core.api['records.add']({ files: [other], year: 2024 });
    expect([changed.records.length, changed.duplicates]).toEqual([1, []]);
    const nextYear = await core.api['records.add']({ files: [pdf], year: 2025 });
    expect([nextYear.records.length, nextYear.duplicates]).toEqual([1, []]);

    // A record in the trash does not block re-adding its content, but the clerk is told it is there.
    await core.api['records.delete']({ ids: [nextYear.records[0]!.id] });
    const readded = await core.api['records.add']({ files: [pdf], year: 2025 });
    expect([readded.records.length, readded.duplicates]).toEqual([1, []]);
    expect(readded.warnings[0]?.message).toMatch(new RegExp(`回收站中有相同内容的第 ${nextYear.records[0]!.id} 件`));
    expect(archiveState(core)).toMatchObject({ records: 5, blobs: 2, filesOnDisk: 2 });
    expect(existsSync(core.archive.files.blobPath(core.archive.db.prepare('SELECT sha256 FROM blobs LIMIT 1').pluck().get() as string))).toBe(true);
  });

  it('indexes the Chinese text layer of a PDF made by LibreOffice, found by a two-character query', async () => {
    const core = await tempCore();
    const dir = tempDir();
    const txt = path.join(dir, '2024-04-02 文明实践活动记录.txt');
    writeFileSync(txt, '新时代文明实践站开展读书分享会\n参加人员签到共三十人\n');
    execFileSync('soffice', ['--headless', '--convert-to', 'pdf', '--outdir', dir, txt], { stdio: 'ignore', timeout: 120_000 });
    const pdf = txt.replace(/\.txt$/, '.pdf');
    const { records } = await core.api['records.add']({ files: [pdf], year: 2024, items: ['1.1.2'] });
    const text = core.archive.db.prepare("SELECT text FROM blobs WHERE kind = 'pdf'").pluck().get() as string;
    expect(text).toContain('读书分享会');
    const match = (q: string): unknown[] =>
      core.archive.db.prepare('SELECT rowid FROM search_index WHERE search_index MATCH ?').pluck().all(`"${toIndexText(q)}"`);
    expect(match('签到')).toEqual([records[0]!.id]);
    expect(match('分享')).toEqual([records[0]!.id]);
    expect(await core.api['records.get']({ id: records[0]!.id })).toMatchObject({ type: '记录', date: '2024-04-02', pages: 1 });
  });
});
