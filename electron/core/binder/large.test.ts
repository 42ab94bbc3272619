import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { BinderReport } from '../../../shared/api/binder.js';
import { tempCore, tempDir } from '../../../test/support/temp.js';
import { insertFixtureRecords } from '../../../test/support/archive-data.js';
import { makePdf } from '../../../test/support/sample-files.js';
import { agreementProblems } from './testing/agreement.js';
import { ink, links, outline, pageText, qpdfCheck, renderPage, tokens } from '../../../test/support/pdf-inspect.js';
import { addRecord, YEAR } from './testing/sample-archive.js';

const LEAVES = ['1.1.1', '1.1.2', '1.2.1', '1.2.2', '1.3.1', '1.3.2', '1.3.3'];
const THEMES = ['学雷锋志愿服务', '新时代文明实践', '道德讲堂', '文明家庭评选', '公益广告巡查', '核心价值观宣讲', '邻里节'];

/** Distinct small photos (the same bytes twice would be one file). */
async function photo(file: string, n: number): Promise<string> {
  const hue = (n * 47) % 360;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="480" height="360"><rect width="100%" height="100%" fill="hsl(${hue},60%,55%)"/>` +
    `<circle cx="${120 + (n % 5) * 50}" cy="180" r="70" fill="hsl(${(hue + 180) % 360},70%,40%)"/></svg>`;
  await sharp(Buffer.from(svg)).jpeg({ quality: 80 }).toFile(file);
  return file;
}

describe('a 300-page binder', () => {
  it('keeps contents, stamps, page numbers and bookmarks in agreement for every 件', async () => {
    const core = await tempCore();
    const src = tempDir();
    let photoNo = 0;
    for (const [i, item] of LEAVES.entries()) {
      const theme = THEMES[i]!;
      mkdirSync(path.join(src, item), { recursive: true });
      // Each file different: the archive keeps one record per distinct content.
      const pdfs: string[] = [];
      for (let k = 0; k < 9; k += 1) {
        const name = `2024-${String(k + 1).padStart(2, '0')}-10 ${theme}活动记录（第${k + 1}次）.pdf`;
        pdfs.push(await makePdf(path.join(src, item, name), { pages: 3, text: `Activity record ${item} #${k + 1}` }));
      }
      await core.api['records.add']({ files: pdfs, year: YEAR, items: [item], type: '记录', author: '文明社区居委会' });
      for (let k = 0; k < 4; k += 1) {
        const month = String(k + 2).padStart(2, '0');
        const signin = await photo(path.join(src, item, `签到-${k}.jpg`), 1000 + photoNo++);
        await addRecord(core, { files: [signin], items: [item], type: '签到表', title: `${theme}活动签到表（${month}月）`, date: `2024-${month}-10` });
      }
      for (let k = 0; k < 3; k += 1) {
        const files = [];
        for (let p = 0; p < 4; p += 1) files.push(await photo(path.join(src, item, `photo-${k}-${p}.jpg`), photoNo++));
        await addRecord(core, {
          files, single: true, items: [item], type: '照片', title: `${theme}活动照片（第${k + 1}组）`, date: `2024-0${k + 3}-10`,
          caption: { place: '文明社区', people: '社区工作人员及志愿者', photographer: '张敏', background: `${theme}活动现场` },
        });
      }
    }

    const out = tempDir();
    // The export offers 归档 first, so every 件 prints with the 件号 it keeps for good.
    const report = (await core.api['binder.export']({ year: YEAR, out, number: true })) as BinderReport;
    expect(report.volumes).toHaveLength(1);
    const volume = report.volumes[0]!;
    expect(volume.documents).toHaveLength(7 * (9 + 4 + 3));
    expect(volume.documents.map((d) => d.piece)).toEqual(volume.documents.map((_, i) => i + 1));
    expect(volume).toMatchObject({ volumeNo: 1, retention: '定期10年', archivalCode: 'Z001-WS·2024-D10-01-001' });
    expect(volume.numberedPages).toBe(7 * (9 * 3 + 4 + 3 * 4));
    expect(volume.pages).toBeGreaterThanOrEqual(300);
    expect(qpdfCheck(volume.path).ok).toBe(true);
    expect(await agreementProblems(volume, YEAR)).toEqual([]);
    expect(outline(volume.path).filter((m) => /^第\d+件 /.test(m.title))).toHaveLength(volume.documents.length);

    // Cover, a contents page and a photo page render with ink where their text is.
    const keep = process.env.TAIZHANG_TEST_ARTIFACTS;
    const keepAs = (name: string): string | undefined => {
      if (!keep) return undefined;
      mkdirSync(keep, { recursive: true });
      return path.join(keep, name);
    };
    const cover = await renderPage(volume.path, 1, keepAs('binder-cover.png'));
    expect(ink(cover, { left: 0.2, top: 0.32, width: 0.6, height: 0.1 }).share).toBeGreaterThan(0.03);
    const contents = await renderPage(volume.path, 2, keepAs('binder-contents.png'));
    expect(ink(contents, { left: 0.3, top: 0.2, width: 0.4, height: 0.6 }).share).toBeGreaterThan(0.02);
    const photos = volume.documents.find((d) => d.title.includes('照片'))!;
    const photoPage = await renderPage(volume.path, photos.startPage, keepAs('binder-photo.png'));
    expect(ink(photoPage, { left: 0.15, top: 0.15, width: 0.7, height: 0.3 }).share).toBeGreaterThan(0.9);
    expect(ink(photoPage, { left: 0.15, top: 0.55, width: 0.3, height: 0.1 }).share).toBeGreaterThan(0.01);
  }, 120_000);

  it('lists 500 件 of one item over as many contents pages as it takes, each row linked to its 件', async () => {
    const core = await tempCore();
    const long = '关于社区新时代文明实践站开展“我们的节日”主题志愿服务活动的情况报告及佐证材料';
    const ids = insertFixtureRecords(
      core.archive.db,
      YEAR,
      Array.from({ length: 500 }, (_, i) => ({
        title: i % 7 === 0 ? `${long}（第${i + 1}份）` : `活动记录第${i + 1}份`, type: '记录' as const, items: ['1.1.2'],
        date: `2024-${String((i % 12) + 1).padStart(2, '0')}-15`, docNo: i % 5 === 0 ? `文明社区〔2024〕${i + 1}号` : '',
      })),
    );
    // The fixture rows point at store paths with no bytes; give each the same one-page PDF.
    const onePage = readFileSync(await makePdf(path.join(tempDir(), 'one.pdf'), { text: 'Record' }));
    const shas = core.archive.db.prepare('SELECT sha256 FROM record_files').pluck().all() as string[];
    for (const sha of shas) {
      const file = core.archive.files.blobPath(sha);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, onePage);
    }
    expect((await core.api['archival.number']({ year: YEAR })).numbered).toHaveLength(500);
    const report = (await core.api['binder.export']({ year: YEAR, out: tempDir() })) as BinderReport;
    const volume = report.volumes[0]!;
    expect(volume.documents.map((d) => d.recordId).sort((a, b) => a - b)).toEqual(ids);
    expect(volume.documents.map((d) => d.archivalCode)).toEqual(ids.map((_, i) => `Z001-WS·2024-D10-01-${String(i + 1).padStart(4, '0')}`));
    expect(volume.numberedPages).toBe(500);
    expect(report.warnings.filter((w) => w.recordId !== null)).toEqual([]);
    expect(qpdfCheck(volume.path).ok).toBe(true);
    // The contents run over many pages, one linked row per 件 (agreement 件 by 件 is proven on the 300-page binder).
    const contentsLinks = (await links(volume.path)).filter((l) => l.page < volume.documents[0]!.startPage);
    expect(new Set(contentsLinks.map((l) => l.page)).size).toBeGreaterThan(12);
    const starts = new Set(volume.documents.map((d) => d.startPage));
    expect(contentsLinks.filter((l) => starts.has(l.target))).toHaveLength(500);
    for (const d of [volume.documents[0]!, volume.documents[249]!, volume.documents[499]!]) {
      const text = tokens(pageText(volume.path, d.startPage));
      expect(text).toEqual(expect.arrayContaining(['件号', String(d.piece), String(d.firstPageNo)]));
    }
  }, 120_000);
});
