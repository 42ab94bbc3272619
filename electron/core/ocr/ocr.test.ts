import { execFileSync, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { cli, tempCore, tempDir } from '../../../test/support/temp.js';
import { lineScan, noticeDocument, partlyScannedPdf, scannedPdf } from './testing/scans.js';

const SLOW = 15 * 60_000;

async function file(name: string, bytes: Uint8Array): Promise<string> {
  const f = path.join(tempDir(), name);
  writeFileSync(f, bytes);
  return f;
}

describe('OCR of scans', () => {
  it('finds the words of a scanned photo with a two-character search, marked as recognised, and keeps corrections', async () => {
    const core = await tempCore();
    const scan = await file('扫描件.png', await lineScan(['关于开展垃圾分类宣传活动的通知', '请各楼栋长于周五前上报名单']));
    const added = await core.api['records.add']({ files: [scan], year: 2025, items: ['1.2.2'], title: '宣传通知扫描件' });
    const id = added.records[0]!.id;
    // Import never waits for OCR: nothing is found before the queue has run.
    expect((await core.api['search.query']({ query: '垃圾' })).total).toBe(0);
    expect((await core.api['ocr.status']({})).waitingFiles).toBe(1);

    expect(await core.api['ocr.run']({ year: 2025 })).toEqual({ pages: 1, records: 1 });
    const hits = await core.api['search.query']({ query: '垃圾' });
    expect(hits.results.map((h) => h.id)).toEqual([id]);
    expect(hits.results[0]!.snippet).toMatch(/^（识别）.*【垃圾】分类/);
    expect((await core.api['ocr.status']({})).waitingFiles).toBe(0);

    // The clerk corrects the page: the correction is kept, shown and searched; the engine's words are not.
    const text = await core.api['ocr.text']({ recordId: id });
    expect(text.pages).toHaveLength(1);
    expect(text.pages[0]!.text).toContain('楼栋长');
    const corrected = await core.api['ocr.correct']({ recordId: id, sha256: text.pages[0]!.sha256, page: 1, text: '关于开展厨余回收宣传活动的通知' });
    expect(corrected.effective).toBe('关于开展厨余回收宣传活动的通知');
    expect(corrected.text).toContain('垃圾');
    expect((await core.api['search.query']({ query: '厨余' })).results.map((h) => h.id)).toEqual([id]);
    expect((await core.api['search.query']({ query: '楼栋' })).total).toBe(0);
    // Reading the file again keeps the correction.
    expect((await core.api['ocr.run']({ recordIds: [id] })).pages).toBe(1);
    expect((await core.api['ocr.text']({ recordId: id })).pages[0]!.effective).toBe('关于开展厨余回收宣传活动的通知');
  }, SLOW);

  it('reads nothing cancelled, and answers an unknown record in Chinese', async () => {
    const core = await tempCore();
    expect((await core.api['ocr.setEnabled']({ enabled: false })).enabled).toBe(false);
    const scan = await file('照片.png', await lineScan(['社区议事会']));
    await core.api['records.add']({ files: [scan], year: 2025, items: ['1.2.2'] });
    expect(await core.api['ocr.cancel']({ year: 2025 })).toEqual({ files: 1 });
    expect(await core.api['ocr.run']({ year: 2025 })).toEqual({ pages: 0, records: 0 });
    expect((await core.api['ocr.status']({})).waitingFiles).toBe(0);
    await expect(core.api['ocr.text']({ recordId: 999 })).rejects.toThrow('没有第 999 件');
  }, SLOW);

  it('resumes after its process is killed, without reading a page twice', async () => {
    const core = await tempCore();
    const pages = await Promise.all(['第一页：学雷锋志愿服务', '第二页：文明实践站活动', '第三页：道德讲堂开讲', '第四页：市民学校课程'].map((l) => lineScan([l])));
    const pdf = await file('扫描.pdf', await scannedPdf(pages));
    const added = await core.api['records.add']({ files: [pdf], year: 2025, items: ['1.2.2'] });
    expect(added.errors).toEqual([]);
    const dbFile = path.join(core.dir, 'archive.db');
    const cli = path.resolve('electron/cli/cli.ts');
    const child = spawn(process.execPath, ['--import', 'tsx', cli, 'ocr', 'run', '--archive', core.dir, '--json'], { stdio: 'ignore' });
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    const watch = new Database(dbFile, { readonly: true });
    const kept = (): number => watch.prepare("SELECT count(*) FROM ocr_pages WHERE state = 'done'").pluck().get() as number;
    const deadline = Date.now() + SLOW / 2;
    while (kept() < 1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    child.kill('SIGKILL');
    await exited;
    const before = kept();
    expect(before).toBeGreaterThanOrEqual(1);
    expect(before).toBeLessThan(4);
    watch.close();

    const run = await core.api['ocr.run']({});
    expect(run.pages).toBe(4 - before);
    const text = await core.api['ocr.text']({ recordId: added.records[0]!.id });
    expect(text.pages.map((p) => p.page)).toEqual([1, 2, 3, 4]);
    expect(text.pages[2]!.effective).toContain('道德讲堂');
    expect((await core.api['search.query']({ query: '讲堂' })).total).toBe(1);
    // pdftotext agrees the PDF itself has no text: the words came from the pixels.
    expect(execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).trim()).toBe('');
  }, SLOW);

  it('reads only the scanned page of a partly scanned PDF: searched as recognised, printed with its text layer on that page', async () => {
    const core = await tempCore();
    const scanned = ['楼道消防通道清理登记', '责任人签字确认'];
    const pdf = await file('宣传通知（含签字页）.pdf', await partlyScannedPdf([noticeDocument(0), await lineScan(scanned), noticeDocument(1)]));
    const typed = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    // The typed pages say nothing of what is on the scan: what search finds of it came from the pixels.
    expect(typed).not.toContain('消防');
    expect(typed).not.toContain('签字');
    const added = await core.api['records.add']({ files: [pdf], year: 2025, items: ['1.3.2'], title: '宣传通知（含签字页）' });
    const id = added.records[0]!.id;
    const sha256 = (await core.api['records.get']({ id })).fileList[0]!.sha256;
    expect((await core.api['ocr.status']({})).waitingFiles).toBe(1);

    expect(await core.api['ocr.run']({})).toEqual({ pages: 1, records: 1 });
    const hits = await core.api['search.query']({ query: '消防' });
    expect(hits.results.map((h) => h.id)).toEqual([id]);
    expect(hits.results[0]!.snippet).toMatch(/^（识别）.*【消防】/);
    // The typed pages are searched from their own text layer, as before, and were never handed to the engine.
    const typedWord = [...typed.matchAll(/[\u4e00-\u9fff]{2}/g)].map((m) => m[0]).find((w) => w !== '示例')!;
    const typedHits = await core.api['search.query']({ query: typedWord });
    expect(typedHits.results.map((h) => h.id)).toContain(id);
    expect(typedHits.results.find((h) => h.id === id)!.snippet.startsWith('（识别）')).toBe(false);
    expect(core.archive.db.prepare('SELECT page, state FROM ocr_pages WHERE sha256 = ?').all(sha256)).toEqual([{ page: 2, state: 'done' }]);
    expect((await core.api['ocr.text']({ recordId: id })).pages.map((p) => p.page)).toEqual([2]);
    expect((await core.api['ocr.status']({})).waitingFiles).toBe(0);

    // In the binder, pdftotext finds the scan's words on the printed page where the scan is, and only there.
    const report = await core.api['binder.export']({ year: 2025, item: '1.3.2', out: tempDir() });
    const volume = report.volumes[0]!;
    const first = report.volumes.flatMap((v) => v.documents).find((d) => d.title === '宣传通知（含签字页）')!.startPage;
    const text = (p: number): string => execFileSync('pdftotext', ['-f', String(p), '-l', String(p), volume.path, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    expect(text(first + 1)).toContain('楼道消防通道清理登记');
    expect(text(first)).not.toContain('消防');
    expect(text(first + 2)).not.toContain('消防');
    expect(text(first)).toContain(typedWord);
    execFileSync('qpdf', ['--check', volume.path]);
  }, SLOW);

  it('looks at the pages of a PDF filed before they were listed, and reads only the scanned ones', async () => {
    const core = await tempCore();
    const mixed = await file('议事记录.pdf', await partlyScannedPdf([noticeDocument(0), await lineScan(['居民议事会签到：十二人'])]));
    const typed = await file('通知.pdf', await partlyScannedPdf([noticeDocument(1)]));
    await core.api['records.add']({ files: [mixed, typed], year: 2025, items: ['1.3.2'] });
    // As an archive written before the list existed (schema 9) holds them: nobody has looked at their pages.
    core.archive.db.exec('UPDATE blobs SET textless_pages = NULL');
    expect((await core.api['ocr.status']({})).waitingFiles).toBe(2);

    // Read through the CLI's contract: `ocr run --json` prints exactly { pages, records }.
    const run = await cli('ocr', 'run', '--year', '2025', '--archive', core.dir, '--json');
    expect(run.code).toBe(0);
    expect(run.json()).toEqual({ pages: 1, records: 1 });
    const listed = core.archive.db.prepare("SELECT textless_pages FROM blobs WHERE kind = 'pdf' ORDER BY pages").pluck().all();
    expect(listed).toEqual(['[]', '[2]']);
    expect(core.archive.db.prepare('SELECT page FROM ocr_pages').pluck().all()).toEqual([2]);
    expect((await core.api['search.query']({ query: '议事' })).results[0]!.snippet).toMatch(/^（识别）/);
    expect((await core.api['ocr.status']({})).waitingFiles).toBe(0);
  }, SLOW);
});
