import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempCore, tempDir } from '../../../test/support/temp.js';
import { archiveState } from '../../../test/support/archive-state.js';
import { makeEncryptedPdf, makeJpeg, makeOleFile, makePdf, makePngBomb, makeTruncatedPdf } from '../../../test/support/sample-files.js';

describe('records.add with bad input: a clear per-file error, the archive unchanged, the batch goes on', () => {
  it('rejects zero-byte, truncated, corrupt and bomb files one by one and files the good one', async () => {
    const core = await tempCore();
    const dir = tempDir();
    const empty = path.join(dir, '空文件.pdf');
    writeFileSync(empty, '');
    const truncated = await makeTruncatedPdf(path.join(dir, '截断.pdf'));
    const corrupt = path.join(dir, '损坏.pdf');
    writeFileSync(corrupt, '%PDF-1.7\nthis is not a pdf at all\n%%EOF\n');
    const bomb = makePngBomb(path.join(dir, '炸弹.png'));
    const garbageJpeg = path.join(dir, '坏照片.jpg');
    writeFileSync(garbageJpeg, Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(2000, 7)]));
    const folder = tempDir();
    const good = await makePdf(path.join(dir, '好文件.pdf'));

    const before = archiveState(core);
    const bad = [empty, truncated, corrupt, bomb, garbageJpeg, folder];
    const result = await core.api['records.add']({ files: bad, year: 2024 });
    expect(result.records).toEqual([]);
    expect(archiveState(core)).toEqual(before);
    const messages = Object.fromEntries(result.errors.map((e) => [path.basename(e.file), e.message]));
    expect(messages).toEqual({
      '空文件.pdf': expect.stringMatching(/空的（0 字节）/),
      '截断.pdf': expect.stringMatching(/PDF 文件不完整/),
      '损坏.pdf': expect.stringMatching(/PDF 文件已损坏/),
      '炸弹.png': expect.stringMatching(/图片尺寸过大（100000×100000）/),
      '坏照片.jpg': expect.stringMatching(/图片.*(损坏|无法)/),
      [path.basename(folder)]: expect.stringMatching(/文件夹/),
    });
    for (const message of Object.values(messages)) expect(message).not.toMatch(/\bat .*\.(ts|js):\d+/);

    const mixed = await core.api['records.add']({ files: [bomb, good, empty], year: 2024 });
    expect(mixed.records.map((r) => r.title)).toEqual(['好文件']);
    expect(mixed.errors.map((e) => path.basename(e.file))).toEqual(['炸弹.png', '空文件.pdf']);
    expect(archiveState(core)).toMatchObject({ records: 1, blobs: 1, filesOnDisk: 1, tmpOnDisk: 0 });
  });

  it('keeps an encrypted PDF with a binder note and a warning; qpdf agrees it is encrypted', async () => {
    const core = await tempCore();
    const enc = await makeEncryptedPdf(path.join(tempDir(), '加密.pdf'));
    expect(execFileSync('qpdf', ['--show-encryption', '--password=user-pw', enc]).toString()).toMatch(/R = 6/);
    const result = await core.api['records.add']({ files: [enc], year: 2024 });
    expect(result.errors).toEqual([]);
    expect(result.warnings.map((w) => w.message)).toEqual([expect.stringMatching(/PDF 已加密/)]);
    const detail = await core.api['records.get']({ id: result.records[0]!.id });
    expect(detail.fileList[0]).toMatchObject({ kind: 'pdf', pages: null, binderNote: expect.stringMatching(/^PDF 已加密，需要密码/) });
  });

  it('handles a wrong extension by content, with a warning and a corrected name', async () => {
    const core = await tempCore();
    const dir = tempDir();
    const pdfAsJpg = path.join(dir, '通知.jpg');
    await makePdf(pdfAsJpg, { pages: 2 });
    const jpgNoExt = await makeJpeg(path.join(dir, '现场照片'));
    const result = await core.api['records.add']({ files: [pdfAsJpg, jpgNoExt], year: 2024 });
    expect(result.errors).toEqual([]);
    expect(result.warnings.map((w) => w.message)).toEqual([
      expect.stringMatching(/扩展名「\.jpg」与实际内容（PDF）不符.*「通知\.pdf」/),
      expect.stringMatching(/「现场照片\.jpg」/),
    ]);
    const [notice, photo] = await core.api['records.list']({ year: 2024 });
    expect(notice).toMatchObject({ type: '通知', pages: 2 });
    expect(photo).toMatchObject({ type: '照片', pages: 1 });
  });

  it('keeps Word 97-2003 / WPS and unknown files as attachments that cannot go into a binder', async () => {
    const core = await tempCore();
    const dir = tempDir();
    const doc = makeOleFile(path.join(dir, '会议记录.doc'));
    const wps = makeOleFile(path.join(dir, '工作制度.wps'));
    const txt = path.join(dir, '说明.txt');
    writeFileSync(txt, '纯文本说明');
    const result = await core.api['records.add']({ files: [doc, wps, txt], year: 2024 });
    expect(result.errors).toEqual([]);
    const details = await Promise.all(result.records.map((r) => core.api['records.get']({ id: r.id })));
    expect(details.map((d) => [d.type, d.fileList[0]?.kind])).toEqual([['记录', 'office'], ['制度', 'office'], ['报告', 'other']]);
    expect(details[0]?.fileList[0]?.binderNote).toMatch(/Word 97-2003.*另存为 PDF/);
    expect(details[1]?.fileList[0]?.binderNote).toMatch(/WPS 文字/);
    expect(details[2]?.fileList[0]?.binderNote).toMatch(/附件/);
  });

  it('sanitises names unsafe on Windows and path parts, with a warning', async () => {
    const core = await tempCore();
    const dir = tempDir();
    const names = ['CON.pdf', 'a<b>c?.pdf', '尾部点. . .pdf', '..\\..\\evil.pdf', `${'long'.repeat(50)}.pdf`, 'tab\tname.pdf'];
    const files = [];
    for (const [n, name] of names.entries()) files.push(await makePdf(path.join(dir, name), { text: `doc ${n}` }));
    const result = await core.api['records.add']({ files, year: 2024 });
    expect(result.errors).toEqual([]);
    const stored = core.archive.db.prepare('SELECT name FROM record_files ORDER BY id').pluck().all() as string[];
    expect(stored.slice(0, 4)).toEqual(['CON_.pdf', 'a_b_c_.pdf', '尾部点. . .pdf', 'evil.pdf']);
    expect(stored[4]).toHaveLength(120);
    expect(stored[4]!.endsWith('.pdf')).toBe(true);
    expect(stored[5]).toBe('tabname.pdf');
    expect(result.warnings).toHaveLength(5);
    for (const name of stored) {
      expect(name).not.toMatch(/[<>:"|?*\\/\u0000-\u001f]|^(CON|NUL|PRN|AUX|COM\d|LPT\d)(\.|$)|[. ]$/i);
    }
  });

  it('leaves no orphan file when the database step fails, and the next add works', async () => {
    const core = await tempCore();
    const dir = tempDir();
    const photo = await makeJpeg(path.join(dir, 'p.jpg'), { orientation: 6 });
    const before = archiveState(core);
    core.archive.db.exec("CREATE TRIGGER fail_records BEFORE INSERT ON records BEGIN SELECT RAISE(ABORT, 'disk full'); END");
    const failed = await core.api['records.add']({ files: [photo], year: 2024, items: ['1.2.2'] });
    expect(failed.records).toEqual([]);
    expect(failed.errors[0]?.message).toMatch(/未能保存，档案未改动.*disk full/);
    expect(archiveState(core)).toEqual(before);
    expect(core.archive.db.prepare('SELECT count(*) FROM years').pluck().get()).toBe(0);

    core.archive.db.exec('DROP TRIGGER fail_records');
    const ok = await core.api['records.add']({ files: [photo], year: 2024, items: ['1.2.2'] });
    expect(ok.records).toHaveLength(1);
    const sha = core.archive.db.prepare('SELECT sha256 FROM blobs').pluck().get() as string;
    expect(existsSync(core.archive.files.blobPath(sha))).toBe(true);
    expect(existsSync(core.archive.files.derivativePath(sha, 'print'))).toBe(true);
  });
});
