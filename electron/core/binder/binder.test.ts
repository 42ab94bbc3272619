import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BinderReport } from '../../../shared/api/binder.js';
import { TaizhangError } from '../../../shared/errors.js';
import { cli, TEST_UNIT } from '../../../test/support/temp.js';
import { createCore, type Core } from '../api/core.js';
import { initArchive } from '../archive/init.js';
import { readBinderReport } from '../checklist/locations.js';
import { agreementProblems } from './testing/agreement.js';
import { ink, outline, pageSizes, pageTexts, pageWords, qpdfCheck, renderPage, tokens } from '../../../test/support/pdf-inspect.js';
import { buildSampleArchive, YEAR, type SampleArchive } from './testing/sample-archive.js';

let root: string;
let core: Core;
let archiveDir: string;
let sample: SampleArchive;

beforeAll(async () => {
  root = mkdtempSync(path.join(os.tmpdir(), 'taizhang-binder-'));
  archiveDir = path.join(root, 'archive');
  core = createCore(await initArchive(archiveDir, TEST_UNIT));
  sample = await buildSampleArchive(core, path.join(root, 'sources'));
  await core.api['archival.number']({ year: YEAR });
});

afterAll(() => {
  core?.close();
  rmSync(root, { recursive: true, force: true });
});

const out = (name: string): string => path.join(root, 'out', name);

async function exportJson(...args: string[]): Promise<BinderReport> {
  const run = await cli('--archive', archiveDir, 'export', 'binder', '--year', String(YEAR), ...args, '--json');
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return run.json<BinderReport>();
}

/** Runs with LibreOffice hidden, as on a machine without it. */
async function withoutLibreOffice<T>(fn: () => Promise<T>): Promise<T> {
  const before = process.env.TAIZHANG_SOFFICE;
  process.env.TAIZHANG_SOFFICE = 'none';
  try {
    return await fn();
  } finally {
    if (before === undefined) delete process.env.TAIZHANG_SOFFICE;
    else process.env.TAIZHANG_SOFFICE = before;
  }
}

describe('export binder', () => {
  it('makes one valid volume per top-level item, with bookmarks, agreeing numbers and a report for the checklist', async () => {
    const report = await exportJson('--out', out('default'), '--spine');
    // Boxes never mix 保管期限: the 永久 台账 of item 1 has a volume of its own, numbered first.
    expect(report.volumes.map((v) => [v.item, v.retention, v.volumeNo])).toEqual([['1', '永久', 1], ['1', '定期10年', 2], ['4', '定期10年', 3]]);
    for (const v of report.volumes) {
      expect(Object.keys(v)).toEqual(expect.arrayContaining(['path', 'item', 'title', 'pages', 'numberedPages', 'documents', 'archivalCode', 'retention', 'volumeNo']));
      expect(qpdfCheck(v.path).ok, qpdfCheck(v.path).output).toBe(true);
      expect(await agreementProblems(v, YEAR)).toEqual([]);
      for (const d of v.documents) {
        expect(Object.keys(d)).toEqual(expect.arrayContaining(['piece', 'recordId', 'title', 'startPage', 'firstPageNo', 'pages', 'archivalCode', 'retention', 'year']));
        expect(d.retention).toBe(v.retention);
      }
    }
    const [permanent, first, second] = report.volumes;
    expect(permanent!.documents.map((d) => d.recordId)).toEqual([sample.ids.a3]);
    // Archival order in 1.1.2: 方案, 签到表, 照片, 总结 of the activity; the unfiled record is left out with a warning.
    expect(first!.documents.slice(0, 4).map((d) => d.recordId)).toEqual([sample.ids.plan, sample.ids.signin, sample.ids.photos, sample.ids.summary]);
    expect(report.volumes.flatMap((v) => v.documents).some((d) => d.recordId === sample.ids.unfiled)).toBe(false);
    expect(report.warnings.find((w) => w.recordId === sample.ids.unfiled)?.message).toMatch(/未编入案卷/);
    expect(report.warnings.some((w) => w.recordId === null && /2 未成年人思想道德建设.*没有材料/.test(w.message))).toBe(true);

    // Bookmarks nest volume → index tree → 件, and the document opens with them shown.
    const marks = outline(first!.path);
    expect(marks[0]).toMatchObject({ depth: 0, page: 1 });
    expect(marks.map((m) => m.title)).toEqual(expect.arrayContaining(['卷内目录', '1 思想道德建设', '1.1.2 常态化开展文明实践活动', '卷内备考表', '脊背标签']));
    const item = marks.find((m) => m.title.startsWith('1.1.2'))!;
    const piece = marks.find((m) => m.title.startsWith('第1件 '))!;
    expect(piece.depth).toBe(item.depth + 1);
    expect(readFileSync(first!.path, 'latin1')).toContain('/PageMode /UseOutlines');

    // Word and Excel went through LibreOffice; the files that cannot be printed got placeholders, and nothing aborted.
    const texts = pageTexts(first!.path);
    const docOf = (id: number) => first!.documents.find((d) => d.recordId === id)!;
    for (const id of [sample.ids.docx, sample.ids.xlsx]) expect(report.warnings.some((w) => w.recordId === id)).toBe(false);
    expect(texts[docOf(sample.ids.xlsx).startPage - 1]).toContain('志愿者1');
    for (const [id, why] of [[sample.ids.encrypted, /加密/], [sample.ids.corrupt, /不完整|损坏/], [sample.ids.missing, /缺少/]] as const) {
      expect(report.warnings.find((w) => w.recordId === id)?.message).toMatch(why);
      // Not a page of the 件: an unnumbered, unstamped note sheet, 页数 0, and the contents row says so.
      const doc = docOf(id);
      expect(doc).toMatchObject({ printed: false, pages: 0 });
      const sheet = texts[doc.startPage - 1]!;
      expect(sheet).toContain('电子文件未能打印');
      expect(tokens(sheet)).not.toContain('件号');
      expect(tokens(sheet)).not.toContain(String(doc.firstPageNo));
    }
    // The 备考表 explains them; the spine label closes the volume.
    expect(texts.at(-2)).toContain('本卷情况说明');
    expect(texts.at(-2)).toContain('encrypted.pdf');
    // Each with its real reason, in Chinese only.
    const notes = texts.at(-2)!.replace(/\s+/g, '');
    for (const reason of ['PDF已加密，需要密码', '文件不完整，无法读取', '档案库中缺少这个文件']) expect(notes).toContain(reason);
    expect(notes).not.toMatch(/isencrypted|istruncated|ismissing|password/i);
    expect(tokens(texts.at(-1)!)).toEqual(expect.arrayContaining(['全宗号', TEST_UNIT.fonds, '盒号']));
    expect(second!.documents.map((d) => d.recordId)).toEqual([sample.ids.rotated, sample.ids.cleanupPhotos]);

    // The checklist finds 卷 and 页号 in the report written beside the volumes.
    const saved = await readBinderReport(path.join(out('default'), 'binder-report.json'), YEAR);
    expect(saved.volumes.map((v) => v.documents.length)).toEqual(report.volumes.map((v) => v.documents.length));
  });

  it('prints dividers for inspectors: the 测评标准 and its 件, no self-check gaps unless asked for a review copy', async () => {
    const plain = await withoutLibreOffice(() => exportJson('--out', out('dividers'), '--item', '1.3.2'));
    const review = await withoutLibreOffice(() => exportJson('--out', out('review'), '--item', '1.3.2', '--with-status'));
    const dividerOf = (report: BinderReport): string => {
      const v = report.volumes[0]!;
      return pageTexts(v.path)[v.documents[0]!.startPage - 2]!.replace(/\s+/g, '');
    };
    expect(dividerOf(plain)).toContain('测评方法');
    expect(dividerOf(plain)).toContain('本项材料');
    expect(dividerOf(plain)).not.toMatch(/完成情况|还缺|齐全|部分|缺失/);
    expect(dividerOf(review)).toMatch(/完成情况(齐全|部分|缺失)/);
  });

  it('draws Chinese glyphs that render with ink, not blanks', async () => {
    const report = await withoutLibreOffice(() => exportJson('--out', out('ink'), '--item', '1.1.2'));
    const volume = report.volumes[0]!;
    const cover = await renderPage(volume.path, 1);
    // The 案卷题名 and the field labels on the cover, the heading and first rows of the contents.
    expect(ink(cover, { left: 0.2, top: 0.32, width: 0.6, height: 0.1 }).share).toBeGreaterThan(0.03);
    expect(ink(cover, { left: 0.15, top: 0.5, width: 0.12, height: 0.25 }).share).toBeGreaterThan(0.03);
    const contents = await renderPage(volume.path, 2);
    expect(ink(contents, { left: 0.35, top: 0.06, width: 0.3, height: 0.05 }).share).toBeGreaterThan(0.05);
    expect(ink(contents, { left: 0.4, top: 0.2, width: 0.25, height: 0.05 }).share).toBeGreaterThan(0.02);
    // A blank band of the same cover for comparison: the measure does see white as white.
    expect(ink(cover, { left: 0.2, top: 0.9, width: 0.6, height: 0.03 }).share).toBe(0);
  });

  it('prints photos upright from their EXIF orientation, CMYK and transparent images with true colours', async () => {
    const report = await withoutLibreOffice(() => exportJson('--out', out('photos'), '--item', '1.1.2'));
    const volume = report.volumes[0]!;
    const photos = volume.documents.find((d) => d.recordId === sample.ids.photos)!;
    expect(photos.pages).toBe(3);
    const [rotated, cmyk, alpha] = await Promise.all([0, 1, 2].map((k) => renderPage(volume.path, photos.startPage + k)));
    // Upright, the sideways photo has its red band on top and blue below.
    const top = ink(rotated!, { left: 0.3, top: 0.12, width: 0.4, height: 0.03 }).mean;
    const below = ink(rotated!, { left: 0.3, top: 0.3, width: 0.4, height: 0.05 }).mean;
    expect(top[0]).toBeGreaterThan(180);
    expect(top[2]).toBeLessThan(80);
    expect(below[2]).toBeGreaterThan(150);
    // The CMYK photo stays green (not inverted), the transparent PNG is white with its black square.
    const green = ink(cmyk!, { left: 0.3, top: 0.2, width: 0.4, height: 0.1 }).mean;
    expect(green[1]).toBeGreaterThan(green[0] + 60);
    const edge = ink(alpha!, { left: 0.2, top: 0.14, width: 0.08, height: 0.05 });
    const middle = ink(alpha!, { left: 0.47, top: 0.33, width: 0.06, height: 0.04 });
    expect(edge.share).toBe(0);
    expect(middle.mean[0]).toBeLessThan(60);
    // Each photo carries its caption; empty elements are left out.
    const text = pageTexts(volume.path)[photos.startPage - 1]!;
    expect(text).toContain('学雷锋志愿服务活动照片（1/3）');
    expect(tokens(text)).toEqual(expect.arrayContaining(['地点', '文明社区广场', '摄影者', '张敏', '事由']));
    expect(text).not.toContain('背景');
  });

  it('puts two photos on a page when asked', async () => {
    const report = await withoutLibreOffice(() => exportJson('--out', out('two'), '--item', '1.1.2', '--photos-per-page', '2'));
    const photos = report.volumes[0]!.documents.find((d) => d.recordId === sample.ids.photos)!;
    expect(photos.pages).toBe(2);
    const text = pageTexts(report.volumes[0]!.path)[photos.startPage - 1]!;
    expect(text).toContain('（1/3）');
    expect(text).toContain('（2/3）');
    expect(await agreementProblems(report.volumes[0]!, YEAR)).toEqual([]);
  });

  it('keeps landscape and A3 pages, or fits them to A4 with --fit-a4', async () => {
    // Item 1 has a 永久 and a 定期10年 volume: the folder gets both.
    const kept = await withoutLibreOffice(() => exportJson('--out', out('kept'), '--item', '1'));
    const fitted = await withoutLibreOffice(() => exportJson('--out', out('fitted'), '--item', '1', '--fit-a4'));
    expect(kept.volumes.map((v) => v.retention)).toEqual(['永久', '定期10年']);
    const volumeOf = (report: BinderReport, id: number) => report.volumes.find((v) => v.documents.some((d) => d.recordId === id))!;
    const sizeOf = async (report: BinderReport, id: number): Promise<{ width: number; height: number }> => {
      const volume = volumeOf(report, id);
      const d = volume.documents.find((x) => x.recordId === id)!;
      return (await pageSizes(volume.path))[d.startPage - 1]!;
    };
    expect(await sizeOf(kept, sample.ids.summary)).toEqual({ width: 841.89, height: 595.28 });
    expect(await sizeOf(kept, sample.ids.a3)).toEqual({ width: 841.89, height: 1190.55 });
    expect(await sizeOf(fitted, sample.ids.summary)).toEqual({ width: 841.89, height: 595.28 });
    expect(await sizeOf(fitted, sample.ids.a3)).toEqual({ width: 595.28, height: 841.89 });
    for (const r of [kept, fitted]) for (const v of r.volumes) expect(qpdfCheck(v.path).ok).toBe(true);
    // The first page was shrunk to free the stamp's band: the source's blue header starts below the stamp.
    const a3 = volumeOf(fitted, sample.ids.a3).documents.find((d) => d.recordId === sample.ids.a3)!;
    const page = await renderPage(volumeOf(fitted, sample.ids.a3).path, a3.startPage);
    expect(ink(page, { left: 0.2, top: 0.02, width: 0.4, height: 0.05 }).share).toBe(0);
    expect(ink(page, { left: 0.2, top: 0.12, width: 0.4, height: 0.03 }).mean[2]).toBeGreaterThan(100);
  });

  it('numbers rotated source pages upright in the corner', async () => {
    const report = await withoutLibreOffice(() => exportJson('--out', out('rotated.pdf'), '--item', '4'));
    const volume = report.volumes[0]!;
    const rotated = volume.documents.find((d) => d.recordId === sample.ids.rotated)!;
    // The second page is copied as it is (with /Rotate 90); its number reads upright at the bottom right.
    // pdftotext gives word boxes as displayed, but the unrotated page size.
    const { words } = pageWords(volume.path, rotated.startPage + 1);
    const { width, height } = (await pageSizes(volume.path))[rotated.startPage]!;
    expect(width).toBeGreaterThan(height);
    const number = words.find((w) => w.text === String(rotated.firstPageNo + 1))!;
    expect(number.xMin).toBeGreaterThan(width * 0.8);
    expect(number.yMin).toBeGreaterThan(height * 0.9);
    expect(await agreementProblems(volume, YEAR)).toEqual([]);
  });

  it('makes the whole year one volume with a 总目录, for double-sided printing', async () => {
    const report = await withoutLibreOffice(() => exportJson('--out', out('year.pdf'), '--single', '--duplex', '--overview'));
    expect(report.volumes).toHaveLength(1);
    const volume = report.volumes[0]!;
    expect(volume.path).toBe(out('year.pdf'));
    expect(volume.item).toBeNull();
    expect(report.overview && existsSync(report.overview)).toBeTruthy();
    expect(report.report).toBe(out('year.report.json'));
    expect(qpdfCheck(volume.path).ok).toBe(true);
    expect(await agreementProblems(volume, YEAR)).toEqual([]);
    const marks = outline(volume.path);
    const texts = pageTexts(volume.path);
    // Cover with a blank back; 总目录, 卷内目录 and each divider start on the front of a sheet (odd page).
    expect(texts[1]!.trim()).toBe('（本页空白）');
    expect(volume.blankPages).toContain(2);
    // Every 件 starts on the front of a sheet, and the blank backs carry no 页号.
    for (const d of volume.documents) expect(d.startPage % 2, `第${d.piece}件`).toBe(1);
    for (const b of volume.blankPages) expect(tokens(texts[b - 1]!)).toEqual(['（本页空白）']);
    for (const title of ['总目录', '卷内目录', '1.1.2 常态化开展文明实践活动', '4.2.1 环境卫生整治活动', '卷内备考表']) {
      const mark = marks.find((m) => m.title === title);
      expect(mark, title).toBeDefined();
      expect(mark!.page % 2, title).toBe(1);
    }
    expect(texts[marks.find((m) => m.title === '总目录')!.page - 1]).toContain('1.3.2 道德讲堂');
    // On the back of a sheet the 页号 sits bottom left.
    const back = volume.documents.find((d) => d.pages >= 2)!;
    const { width, words } = pageWords(volume.path, back.startPage + 1);
    expect(words.find((w) => w.text === String(back.firstPageNo + 1))!.xMax).toBeLessThan(width * 0.2);
    // The same 件号 and 档号 as the volumes print; each box's 件 under its 卷号.
    const boxes = await core.api['archival.volumes']({ year: YEAR });
    expect(volume.documents.map((d) => d.volumeNo)).toEqual([...volume.documents.map((d) => d.volumeNo)].sort());
    for (const d of volume.documents) expect(d.archivalCode?.startsWith(boxes.find((b) => b.volumeNo === d.volumeNo)!.archivalCode.slice(0, -4))).toBe(true);
    const overviewText = pageTexts(report.overview!).join('');
    expect(overviewText).toMatch(/案\s*卷\s*总\s*目\s*录/);
    for (const b of boxes) expect(overviewText).toContain(b.archivalCode);
  });

  it('refuses what it cannot do, with clear messages, and writes nothing', async () => {
    const noYear = await cli('--archive', archiveDir, 'export', 'binder', '--year', '2019', '--out', out('none'));
    expect(noYear.code).toBe(1);
    expect(noYear.stderr).toMatch(/2019 年度还没有可编入案卷的材料/);
    const unknown = await cli('--archive', archiveDir, 'export', 'binder', '--year', String(YEAR), '--item', '9.9', '--out', out('none'));
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/没有编码为「9\.9」/);
    const emptyItem = await cli('--archive', archiveDir, 'export', 'binder', '--year', String(YEAR), '--item', '2', '--out', out('none'));
    expect(emptyItem.code).toBe(1);
    expect(emptyItem.stderr).toMatch(/没有材料/);
    const pdfForMany = await cli('--archive', archiveDir, 'export', 'binder', '--year', String(YEAR), '--out', out('many.pdf'));
    expect(pdfForMany.code).toBe(1);
    expect(pdfForMany.stderr).toMatch(/应为文件夹/);
    const badCount = await cli('--archive', archiveDir, 'export', 'binder', '--year', String(YEAR), '--photos-per-page', '3', '--out', out('none'));
    expect(badCount.code).not.toBe(0);
    expect(existsSync(out('none'))).toBe(false);
    expect(existsSync(out('many.pdf'))).toBe(false);
  });

  it('reports progress and, when cancelled, leaves no file under the target name', async () => {
    const stages = new Set<string>();
    const controller = new AbortController();
    const target = out('cancelled');
    await withoutLibreOffice(async () => {
      const run = core.invoke('binder.export', { year: YEAR, out: target }, {
        signal: controller.signal,
        onProgress: (p) => {
          stages.add(p.stage);
          expect(p.done).toBeLessThanOrEqual(p.total);
          if (p.stage.startsWith('排版') && p.done === 2) controller.abort();
        },
      });
      await expect(run).rejects.toSatisfy((e: unknown) => e instanceof TaizhangError && e.code === 'cancelled');
    });
    expect([...stages]).toEqual(expect.arrayContaining(['检查文件 / checking files', '排版 / typesetting']));
    expect(readdirSync(target)).toEqual([]);
  });
});
