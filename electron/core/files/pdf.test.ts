import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fingerprint } from '../../../test/hostile/fingerprint.js';
import { makeLongPdf } from '../../../test/support/sample-files.js';
import { cli, tempCore, tempDir } from '../../../test/support/temp.js';
import { lineScan, noticeDocument, partlyScannedPdf, scannedPdf } from '../ocr/testing/scans.js';
import { MAX_PDF_PAGES, readPdf } from './pdf.js';

describe('big PDFs: read in time linear in their pages, refused over the page limit', () => {
  it('imports a 10,000-page PDF, stores its page count and makes every page searchable', async () => {
    const core = await tempCore();
    const file = await makeLongPdf(path.join(tempDir(), '全年台账汇编.pdf'), MAX_PDF_PAGES);
    expect(execFileSync('qpdf', ['--show-npages', file], { encoding: 'utf8' }).trim()).toBe('10000');
    const started = performance.now();
    const result = await core.api['records.add']({ files: [file], year: 2025 });
    const seconds = (performance.now() - started) / 1000;
    expect(result.errors).toEqual([]);
    const record = await core.api['records.get']({ id: result.records[0]!.id });
    expect(record.fileList[0]!.pages).toBe(10_000);
    expect(record.pages).toBe(10_000);
    // Read in page order to the last page: its text is the last in the stored text.
    const stored = core.archive.db.prepare('SELECT text FROM blobs WHERE sha256 = ?').pluck().get(record.fileList[0]!.sha256) as string;
    expect(stored.trim().endsWith('Long document page 100')).toBe(true);
    expect(stored.split('Long document page').length - 1).toBe(10_000);
    // Every page has its text: nothing for OCR.
    expect(core.archive.db.prepare('SELECT textless_pages FROM blobs WHERE sha256 = ?').pluck().get(record.fileList[0]!.sha256)).toBe('[]');
    // Quadratic reading took 25 s here for these pages; linear takes a few even on a loaded machine.
    expect(seconds).toBeLessThan(60);
    core.close();
  }, 180_000);

  it('refuses a PDF of one page more than the limit, through the API and the CLI, and changes nothing', async () => {
    const core = await tempCore();
    const file = await makeLongPdf(path.join(tempDir(), '超长扫描件.pdf'), MAX_PDF_PAGES + 1);
    const before = fingerprint(core.archive.db, core.archive.dir);
    const result = await core.api['records.add']({ files: [file], year: 2025 });
    expect(result.records).toEqual([]);
    expect(result.errors[0]!.message).toBe(
      'PDF 共 10001 页，超过单个文件 10000 页的上限；请拆分成几个文件后再添加 / The PDF has 10001 pages, more than the limit of 10000 per file; split it first',
    );
    expect(fingerprint(core.archive.db, core.archive.dir)).toEqual(before);

    const run = await cli('add', file, '--year', '2025', '--archive', core.archive.dir);
    const printed = `${run.stdout}${run.stderr}`;
    expect(run.code).toBe(1);
    expect(printed).toContain('超过单个文件 10000 页的上限');
    expect(printed).toContain('split it first');
    expect(printed).not.toMatch(/\bat .*\.(ts|js):\d+/);
    expect(fingerprint(core.archive.db, core.archive.dir)).toEqual(before);
    core.close();
  }, 180_000);
});

describe('the pages without a text layer', () => {
  it('lists the scanned pages of a typed document, every page of a scan and none of a typed document', async () => {
    const scan = await lineScan(['楼道消防通道清理登记']);
    const mixed = await readPdf(await partlyScannedPdf([noticeDocument(0), scan, noticeDocument(1)]));
    expect(mixed.pages).toBe(3);
    expect(mixed.textless).toEqual([2]);
    expect((await readPdf(await partlyScannedPdf([noticeDocument(0), noticeDocument(1)]))).textless).toEqual([]);
    expect((await readPdf(await scannedPdf([scan, scan]))).textless).toEqual([1, 2]);
  }, 60_000);
});
