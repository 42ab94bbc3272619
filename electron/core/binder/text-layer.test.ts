import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempCore, tempDir } from '../../../test/support/temp.js';
import { lineScan, scannedPdf } from '../ocr/testing/scans.js';

describe('the text layer over scanned pages', () => {
  it('lets pdftotext find the recognised words of a scanned PDF on the page where its image is printed', async () => {
    const core = await tempCore();
    const pages = [await lineScan(['社区道德讲堂活动记录', '主题：诚信友善']), await lineScan(['市民学校授课签到表'])];
    const pdf = path.join(tempDir(), '扫描记录.pdf');
    writeFileSync(pdf, await scannedPdf(pages));
    await core.api['records.add']({ files: [pdf], year: 2025, items: ['1.3.2'], title: '道德讲堂活动记录（扫描件）' });
    expect((await core.api['ocr.run']({})).pages).toBe(2);

    const out = tempDir();
    const report = await core.api['binder.export']({ year: 2025, item: '1.3.2', out });
    const volume = report.volumes[0]!;
    const doc = report.volumes.flatMap((v) => v.documents).find((d) => d.title.includes('道德讲堂活动记录'));
    expect(doc).toBeDefined();
    const first = doc!.startPage;
    const text = (p: number): string => execFileSync('pdftotext', ['-f', String(p), '-l', String(p), volume.path, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    expect(text(first)).toContain('道德讲堂活动记录');
    expect(text(first)).toContain('诚信友善');
    expect(text(first + 1)).toContain('市民学校授课签到表');
    expect(text(first + 1)).not.toContain('诚信友善');
    // The layer is invisible: the scan still shows as it was, and qpdf finds nothing wrong.
    execFileSync('qpdf', ['--check', volume.path]);
  }, 15 * 60_000);
});

describe('the text layer over photographed pages', () => {
  it('makes a photographed notice and an activity photo searchable on their printed pages, with the picture unchanged', async () => {
    const core = await tempCore();
    const dir = tempDir();
    const notice = path.join(dir, '会议记录照片.png');
    writeFileSync(notice, await lineScan(['社区议事会会议记录', '议题：楼道堆物清理']));
    const banner = path.join(dir, '活动现场.png');
    writeFileSync(banner, await lineScan(['文明交通劝导志愿服务']));
    await core.api['records.add']({ files: [notice], year: 2025, items: ['1.3.2'], type: '记录', title: '社区议事会会议记录' });
    await core.api['records.add']({ files: [banner], year: 2025, items: ['1.3.2'], type: '照片', title: '文明交通劝导活动照片' });
    expect((await core.api['ocr.run']({})).pages).toBe(2);

    const report = await core.api['binder.export']({ year: 2025, item: '1.3.2', out: tempDir() });
    const volume = report.volumes[0]!;
    const pageOf = (title: string): number => report.volumes.flatMap((v) => v.documents).find((d) => d.title === title)!.startPage;
    const text = (p: number): string => execFileSync('pdftotext', ['-f', String(p), '-l', String(p), volume.path, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    expect(text(pageOf('社区议事会会议记录'))).toContain('楼道堆物清理');
    const photoPage = text(pageOf('文明交通劝导活动照片'));
    expect(photoPage).toContain('文明交通劝导志愿服务');
    // The caption is drawn text of its own; the recognised words are extra, not in place of it.
    expect(photoPage).toContain('文明交通劝导活动照片');
    execFileSync('qpdf', ['--check', volume.path]);
  }, 15 * 60_000);
});
