import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BinderReport } from '../../../shared/api/binder.js';
import { pageSizes, pageTexts, qpdfCheck, tokens } from '../../../test/support/pdf-inspect.js';
import { makeDocx, makeEncryptedPdf, makeJpeg } from '../../../test/support/sample-files.js';
import { tempCore, tempDir } from '../../../test/support/temp.js';
import { spineWidthFor } from './pages/spine.js';
import { agreementProblems } from './testing/agreement.js';

const YEAR = 2025;
const MM = 72 / 25.4;

/**
 * An archive whose own files carry no Latin letters (digits only in the PDFs, Chinese in names and documents), so
 * every Latin word a binder page shows was put there by the binder.
 */
async function chineseArchive() {
  const core = await tempCore();
  const dir = tempDir();
  const add = async (files: string[], item: string, type: string, title: string, extra: Record<string, unknown> = {}) => {
    const r = await core.api['records.add']({ files, year: YEAR, items: [item], type: type as never, title, date: '2025-04-0' + (1 + (title.length % 8)), ...extra });
    return r.records[0]!.id;
  };
  const photo = (name: string, colour: string) => makeJpeg(path.join(dir, `${name}.jpg`), { width: 900, height: 600, colour });
  const ids = {
    plan: await add([await digitsPdf(path.join(dir, '活动方案.pdf'), 2, '2025 0301')], '1.1.2', '方案', '关于开展“我们的节日”主题活动的方案', { docNo: '示例社〔2026〕12号', activity: '我们的节日' }),
    p1: await add([await photo('现场一', '#a03030')], '1.1.2', '照片', '我们的节日活动照片（一）', { activity: '我们的节日', caption: { place: '社区广场', people: '社区志愿者' } }),
    p2: await add([await photo('现场二', '#30a030')], '1.1.2', '照片', '我们的节日活动照片（二）', { activity: '我们的节日', caption: { place: '社区广场', people: '社区志愿者' } }),
    p3: await add([await photo('现场三', '#3030a0')], '1.1.2', '照片', '我们的节日活动照片（三）', { activity: '我们的节日' }),
    notice: await add([await makeDocx(path.join(dir, '通知.docx'), ['关于举办道德讲堂的通知', '各居民小组：定于四月一日举办道德讲堂。'])], '1.3.2', '通知', '关于举办道德讲堂的通知'),
    locked: await add([await makeEncryptedPdf(path.join(dir, '加密方案.pdf'))], '1.3.2', '方案', '道德讲堂活动方案'),
    register: await add([await digitsPdf(path.join(dir, '台账.pdf'), 3, '2025 0630')], '1.2.1', '台账', '志愿者服务记录台账', { retention: '永久' }),
  };
  await core.api['archival.number']({ year: YEAR });
  return { core, ids };
}

/** A PDF whose pages hold only digits, like a scanned form's page numbers. */
async function digitsPdf(file: string, pages: number, digits: string): Promise<string> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let n = 1; n <= pages; n += 1) doc.addPage([595, 842]).drawText(`${digits} ${n}`, { x: 60, y: 760, size: 14, font });
  writeFileSync(file, await doc.save());
  return file;
}

/**
 * Latin words of two letters or more, which on our pages may only be codes (门类 WS; single letters and digits pass
 * anyway) and the names of file formats the 备考表 gives as reasons ("PDF 已加密，需要密码", "本机未安装 LibreOffice").
 */
function latinWords(text: string): string[] {
  return [...text.matchAll(/[A-Za-z]{2,}/g)].map((m) => m[0]).filter((w) => !['WS', 'PDF', 'Word', 'Excel', 'LibreOffice'].includes(w));
}

describe('the DA/T 22 print set and an archivist’s binder', () => {
  it('puts two one-photo 件 on one page with their own 说明 and stamps when asked for two photos a page', async () => {
    const { core, ids } = await chineseArchive();
    const report: BinderReport = await core.api['binder.export']({ year: YEAR, item: '1.1.2', out: tempDir(), photosPerPage: 2 });
    const volume = report.volumes[0]!;
    const doc = (id: number) => volume.documents.find((d) => d.recordId === id)!;
    expect(doc(ids.p1).startPage).toBe(doc(ids.p2).startPage);
    expect(doc(ids.p1).firstPageNo).toBe(doc(ids.p2).firstPageNo);
    expect(doc(ids.p3).startPage).toBe(doc(ids.p2).startPage + 1);
    const images = execFileSync('pdfimages', ['-list', '-f', String(doc(ids.p1).startPage), '-l', String(doc(ids.p1).startPage), volume.path], { encoding: 'utf8' });
    expect(images.split('\n').filter((l) => /^\s*\d+\s+\d+\s+image/.test(l))).toHaveLength(2);
    const page = pageTexts(volume.path)[doc(ids.p1).startPage - 1]!;
    expect(tokens(page).filter((t) => t === '件号')).toHaveLength(2);
    expect(page).toContain('我们的节日活动照片（一）');
    expect(page).toContain('我们的节日活动照片（二）');
    // Each is a 件 of one photo: no "(1/2)" numbering across the two.
    expect(page).not.toMatch(/（1\/2）/);
    expect(await agreementProblems(volume, YEAR)).toEqual([]);
    // The 备考表 tells the layout as it is.
    expect(pageTexts(volume.path).at(-1)!.replace(/\s+/g, '')).toContain('每页2张');
  });

  it('prints a file it cannot convert as an unnumbered note sheet, and gives the real reason in the 备考表', async () => {
    const { core, ids } = await chineseArchive();
    const saved = process.env.TAIZHANG_SOFFICE;
    process.env.TAIZHANG_SOFFICE = 'none';
    let report: BinderReport;
    try {
      report = await core.api['binder.export']({ year: YEAR, item: '1.3.2', out: tempDir() });
    } finally {
      if (saved === undefined) delete process.env.TAIZHANG_SOFFICE;
      else process.env.TAIZHANG_SOFFICE = saved;
    }
    const volume = report.volumes[0]!;
    const texts = pageTexts(volume.path);
    for (const id of [ids.notice, ids.locked]) expect(volume.documents.find((d) => d.recordId === id)).toMatchObject({ printed: false, pages: 0 });
    const notes = texts.find((t) => t.includes('本卷情况说明'))!.replace(/\s+/g, '');
    expect(notes).toContain('本机未安装LibreOffice，Word文件未能转换');
    expect(notes).toContain('PDF已加密，需要密码');
    expect(notes).not.toMatch(/installed|encrypted|password/i);
    // The report keeps the English half for the CLI.
    expect(report.warnings.find((w) => w.recordId === ids.notice)?.message).toMatch(/LibreOffice is not installed/);
  });

  it('writes the 归档文件目录 as an A4 landscape table of the nine DA/T 22 columns, numbered 第 N 页 共 M 页', async () => {
    const { core } = await chineseArchive();
    for (let i = 0; i < 40; i += 1) {
      await core.api['records.add']({
        files: [await digitsPdf(path.join(tempDir(), `记录${i}.pdf`), 1, `${9000 + i}`)], year: YEAR, items: ['1.2.2'], type: '记录',
        title: `学雷锋志愿服务活动记录（第${i + 1}次）`, date: '2025-05-01',
      });
    }
    await core.api['archival.number']({ year: YEAR });
    const out = path.join(tempDir(), '归档文件目录.pdf');
    const result = await core.api['binder.catalogue']({ year: YEAR, out });
    expect(result.rows).toBe(47);
    expect(qpdfCheck(out).ok).toBe(true);
    const sizes = await pageSizes(out);
    expect(sizes.length).toBeGreaterThan(1);
    for (const s of sizes) expect(s.width).toBeGreaterThan(s.height);
    const texts = pageTexts(out);
    texts.forEach((text, i) => {
      const words = tokens(text);
      for (const column of ['序号', '档号', '文号', '责任者', '题名', '日期', '密级', '页数', '备注']) expect(words, `page ${i + 1}`).toContain(column);
      expect(text.replace(/\s+/g, '')).toContain(`第${i + 1}页共${texts.length}页`);
    });
    const all = texts.join('\n');
    expect(all).toContain('示例社〔2026〕12号');
    expect(all).toMatch(/Z001-WS·2025-Y-01-0001/);
    expect(all).toMatch(/20250401|20250402|20250403|20250404|20250405|20250406|20250407|20250408/);
    // One box only.
    const box = await core.api['binder.catalogue']({ year: YEAR, volume: 1, out: path.join(tempDir(), '第1卷.pdf') });
    expect(box.rows).toBe(1);
    await expect(core.api['binder.catalogue']({ year: 2031, out: path.join(tempDir(), 'x.pdf') })).rejects.toThrow(/还没有归档的材料/);
    await expect(core.api['binder.catalogue']({ year: YEAR, out: path.join(tempDir(), 'x.txt') })).rejects.toThrow(/\.pdf/);
  });

  it('makes spines in the four DA/T 22 widths, several to a sheet with cut marks, and a 盒内备考表 for each box', async () => {
    expect([1, 150, 200, 201, 300, 301, 400, 401, 500, 900].map(spineWidthFor)).toEqual([20, 20, 20, 30, 30, 40, 40, 50, 50, 50]);
    const { core } = await chineseArchive();
    for (const width of [20, 30, 40, 50] as const) {
      const out = path.join(tempDir(), `盒脊${width}.pdf`);
      const result = await core.api['binder.boxes']({ year: YEAR, out, spineWidth: width });
      expect(result.boxes.every((b) => b.spineWidth === width)).toBe(true);
      // The label outlines drawn on the sheet, read back from its content stream.
      const qdf = path.join(tempDir(), 'qdf.pdf');
      execFileSync('qpdf', ['--qdf', '--object-streams=disable', '--pages', out, '1', '--', out, qdf]);
      // pdf-lib draws a dashed rectangle as a path from 0 0 up to (width, height) after a translation.
      const content = readFileSync(qdf, 'latin1');
      const widths = [...content.matchAll(/\[4 3\] 0 d[\s\S]*?0 0 m\s+0 ([\d.]+) l\s+([\d.]+) \1 l/g)].map((m) => Number(m[2]) / MM);
      expect(widths.some((w) => Math.abs(w - width) < 0.2), `${width} mm`).toBe(true);
      const texts = pageTexts(out);
      const sheet = tokens(texts[0]!);
      for (const field of ['全宗号', '年度', '保管期限', '起止件号', '盒号']) expect(sheet).toContain(field);
      expect(texts.filter((t) => t.replace(/\s+/g, '').includes('盒内备考表'))).toHaveLength(result.boxes.length);
      const notes = texts.find((t) => t.includes('盒内文件情况说明'))!.replace(/\s+/g, '');
      for (const field of ['整理人', '整理日期', '检查人', '检查日期', '签名']) expect(notes).toContain(field);
    }
  }, 120_000);

  it('prints no Latin word on any page but codes and 文号, whatever the options', async () => {
    const { core } = await chineseArchive();
    const runs: BinderReport[] = [];
    for (const options of [{}, { duplex: true, spine: true, withStatus: true }, { single: true, overview: true }, { photosPerPage: 2 as const }]) {
      runs.push(await core.api['binder.export']({ year: YEAR, out: tempDir(), ...options }));
    }
    const files = [
      ...runs.flatMap((r) => [...r.volumes.map((v) => v.path), ...(r.overview ? [r.overview] : [])]),
      (await core.api['binder.catalogue']({ year: YEAR, out: path.join(tempDir(), '目录.pdf') })).path,
      (await core.api['binder.boxes']({ year: YEAR, out: path.join(tempDir(), '盒脊.pdf') })).path,
    ];
    // File names are printed as they are (a note sheet names the file it stands for).
    const names: string[] = [];
    for (const r of await core.api['records.list']({ year: YEAR })) names.push(...(await core.api['records.get']({ id: r.id })).fileList.map((f) => f.name));
    const withoutNames = (text: string): string => names.reduce((t, n) => t.split(n).join(' '), text.replace(/\s+/g, ''));
    for (const file of files) {
      pageTexts(file).forEach((text, i) => expect(latinWords(withoutNames(text)), `${path.basename(file)} page ${i + 1}`).toEqual([]));
    }
  }, 240_000);
});
