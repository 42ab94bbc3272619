import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pageText, qpdfCheck } from '../../../test/support/pdf-inspect.js';
import { makeLongPdf, makePdf, writeRawPdf } from '../../../test/support/sample-files.js';
import { tempDir } from '../../../test/support/temp.js';
import { withBalancedPageTree } from './pdf-page-tree.js';

/** A PDF whose pages inherit their size and rotation from the one /Pages node above them all. */
function inheritingPdf(file: string, pages: number): string {
  const objects: string[] = ['<< /Type /Catalog /Pages 2 0 R >>', ''];
  const kids: string[] = [];
  for (let n = 1; n <= pages; n += 1) {
    const pageNo = objects.length + 1;
    const stream = `BT /F1 12 Tf 20 20 Td (Inherited page ${n}) Tj ET`;
    objects.push(`<< /Type /Page /Parent 2 0 R /Contents ${pageNo + 1} 0 R >>`);
    objects.push(`<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`);
    kids.push(`${pageNo} 0 R`);
  }
  const font = objects.length + 1;
  objects.push('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>');
  objects[1] = `<< /Type /Pages /Kids [${kids.join(' ')}] /Count ${pages} /MediaBox [0 0 300 400] /Rotate 90 /Resources << /Font << /F1 ${font} 0 R >> >> >>`;
  return writeRawPdf(file, objects);
}

function kidsOf(file: string, object: string): number {
  return (execFileSync('mutool', ['show', file, object], { encoding: 'latin1' }).match(/\d+ 0 R/g) ?? []).length;
}

describe('withBalancedPageTree: a reading copy whose page tree pdf.js walks in log(n) steps', () => {
  it('keeps every page, in order, with what it inherits, under nodes of at most 32 kids', async () => {
    const dir = tempDir();
    const original = inheritingPdf(path.join(dir, 'flat.pdf'), 1500);
    const copy = path.join(dir, 'balanced.pdf');
    writeFileSync(copy, await withBalancedPageTree(readFileSync(original)));

    expect(qpdfCheck(copy).ok).toBe(true);
    expect(execFileSync('qpdf', ['--show-npages', copy], { encoding: 'utf8' }).trim()).toBe('1500');
    expect(kidsOf(original, 'trailer/Root/Pages/Kids')).toBe(1500);
    // 1500 pages → 47 nodes of up to 32 pages → 2 nodes (32 + 15) under the root. mutool counts kids from 1.
    expect(kidsOf(copy, 'trailer/Root/Pages/Kids')).toBe(2);
    expect(kidsOf(copy, 'trailer/Root/Pages/Kids/1/Kids')).toBe(32);
    expect(kidsOf(copy, 'trailer/Root/Pages/Kids/2/Kids')).toBe(15);
    expect(kidsOf(copy, 'trailer/Root/Pages/Kids/1/Kids/1/Kids')).toBe(32);
    for (const n of [1, 32, 33, 777, 1500]) expect(pageText(copy, n).trim()).toBe(`Inherited page ${n}`);
    const info = execFileSync('pdfinfo', ['-f', '1500', '-l', '1500', copy], { encoding: 'utf8' });
    expect(info).toMatch(/Page\s+1500 size:\s+300 x 400 pts/);
    expect(info).toMatch(/Page\s+1500 rot:\s+90/);
    // The original bytes are the copy's beginning: an update appended, nothing rewritten.
    expect(readFileSync(copy).subarray(0, readFileSync(original).length).equals(readFileSync(original))).toBe(true);
  });

  it('keeps a qpdf merge readable with its document information', async () => {
    const dir = tempDir();
    const titled = await makePdf(path.join(dir, 'titled.pdf'), { pages: 100, title: '会议记录' });
    const merged = path.join(dir, 'merged.pdf');
    execFileSync('qpdf', [titled, '--pages', ...Array.from({ length: 20 }, () => [titled, '1-z']).flat(), '--', merged]);
    const copy = path.join(dir, 'balanced.pdf');
    writeFileSync(copy, await withBalancedPageTree(readFileSync(merged)));
    expect(qpdfCheck(copy).ok).toBe(true);
    expect(execFileSync('pdfinfo', [copy], { encoding: 'utf8' })).toMatch(/Pages:\s+2000/);
    expect(execFileSync('pdfinfo', [copy], { encoding: 'utf8' })).toMatch(/Title:\s+会议记录/);
    expect(pageText(copy, 2000)).toContain('page 100');
  });

  it('leaves a shallow tree, and a file it cannot parse, as they are', async () => {
    const dir = tempDir();
    const small = readFileSync(await makePdf(path.join(dir, 'small.pdf'), { pages: 20 }));
    expect(await withBalancedPageTree(small)).toBe(small);
    const long = readFileSync(await makeLongPdf(path.join(dir, 'long.pdf'), 600));
    expect((await withBalancedPageTree(long)).length).toBeGreaterThan(long.length);
    const junk = Buffer.from('%PDF-1.7\nnot a pdf\nstartxref\n9\n%%EOF\n');
    expect(await withBalancedPageTree(junk)).toBe(junk);
  });
});
