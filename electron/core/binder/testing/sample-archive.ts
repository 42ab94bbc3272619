/**
 * A realistic archive for the binder tests, built through the real `records.add` from real files: PDFs of several
 * sizes and rotations, photos with EXIF rotation, a CMYK JPEG, a transparent PNG, a scanned sign-in sheet, Word and
 * Excel files, an encrypted PDF, and files damaged or lost in the store after import.
 */
import { promises as fs, writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { degrees, PDFDocument, rgb, StandardFonts } from 'pdf-lib';
import sharp from 'sharp';
import type { Core } from '../../api/core.js';
import { value } from '../../store/sql.js';
import { makeCmykJpeg, makeDocx, makeEncryptedPdf, makePdf, makeTransparentPng } from '../../../../test/support/sample-files.js';

export const YEAR = 2024;

/** A PDF whose pages have the given size (points) and /Rotate, with a frame and a heading to see where content went. */
export async function makeSizedPdf(file: string, o: { pages?: number; size?: [number, number]; rotate?: number; text?: string } = {}): Promise<string> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.HelveticaBold);
  const [w, h] = o.size ?? [595.28, 841.89];
  for (let n = 1; n <= (o.pages ?? 1); n += 1) {
    const page = doc.addPage([w, h]);
    page.drawRectangle({ x: 20, y: 20, width: w - 40, height: h - 40, borderColor: rgb(0.1, 0.2, 0.6), borderWidth: 3 });
    page.drawRectangle({ x: 20, y: h - 80, width: w - 40, height: 60, color: rgb(0.1, 0.2, 0.6) });
    page.drawText(`${o.text ?? 'Document'} p${n}`, { x: 40, y: h - 60, size: 22, font, color: rgb(1, 1, 1) });
    if (o.rotate) page.setRotation(degrees(o.rotate));
  }
  await fs.mkdir(path.dirname(file), { recursive: true });
  writeFileSync(file, await doc.save());
  return file;
}

/** A PDF whose pages are filled to every edge (full bleed), as a scan or a poster exported without margins is. */
export async function makeFullBleedPdf(file: string, o: { pages?: number; size?: [number, number]; rotate?: number } = {}): Promise<string> {
  const doc = await PDFDocument.create();
  const [w, h] = o.size ?? [595.28, 841.89];
  for (let n = 1; n <= (o.pages ?? 1); n += 1) {
    const page = doc.addPage([w, h]);
    page.drawRectangle({ x: 0, y: 0, width: w, height: h, color: rgb(0.1, 0.2, 0.6) });
    if (o.rotate) page.setRotation(degrees(o.rotate));
  }
  await fs.mkdir(path.dirname(file), { recursive: true });
  writeFileSync(file, await doc.save());
  return file;
}

/**
 * A photo stored sideways with EXIF orientation 6, as phones write it: upright it is a landscape picture with a red
 * band along its top edge.
 */
export async function makeSidewaysPhoto(file: string, width = 1200, height = 800): Promise<string> {
  const band = await sharp({ create: { width, height: Math.round(height / 5), channels: 3, background: '#e00000' } }).png().toBuffer();
  const upright = await sharp({ create: { width, height, channels: 3, background: '#2a6fdb' } })
    .composite([{ input: band, left: 0, top: 0 }])
    .png()
    .toBuffer();
  await sharp(upright).rotate(-90).jpeg({ quality: 90 }).withMetadata({ orientation: 6 }).toFile(file);
  return file;
}

/** A scanned sign-in sheet: a tall white page with ruled rows. */
export async function makeScan(file: string): Promise<string> {
  const rows = Array.from({ length: 20 }, (_, i) => `<rect x="60" y="${120 + i * 60}" width="1120" height="2" fill="#333"/>`).join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1240" height="1754"><rect width="100%" height="100%" fill="#fff"/>` +
    `<rect x="60" y="40" width="1120" height="50" fill="#222"/>${rows}</svg>`;
  await sharp(Buffer.from(svg)).jpeg({ quality: 85 }).toFile(file);
  return file;
}

export async function makeXlsx(file: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('签到');
  ws.addRow(['姓名', '单位', '签到时间']);
  for (let i = 1; i <= 12; i += 1) ws.addRow([`志愿者${i}`, '文明社区', '09:00']);
  await wb.xlsx.writeFile(file);
  return file;
}

type AddArgs = Parameters<Core['api']['records.add']>[0];

const SAMPLE_KEYS = [
  'plan', 'signin', 'photos', 'summary', 'a3', 'longTitle', 'encrypted', 'corrupt', 'missing', 'docx', 'xlsx', 'rotated', 'cleanupPhotos', 'unfiled',
] as const;

export interface SampleArchive {
  /** Record ids by a short name. */
  ids: Record<(typeof SAMPLE_KEYS)[number], number>;
}

/** Adds one record through the real API and returns its id. */
export async function addRecord(core: Core, args: Omit<AddArgs, 'year'> & { year?: number }): Promise<number> {
  const result = await core.api['records.add']({ year: YEAR, ...args });
  const id = result.records[0]?.id;
  if (id === undefined) throw new Error(`records.add added nothing: ${JSON.stringify(result.errors)}`);
  return id;
}

/** The sample archive: items 1.1.2, 1.2.1, 1.3.2 (top-level 1) and 4.2.1 (top-level 4) have materials. */
export async function buildSampleArchive(core: Core, workDir: string): Promise<SampleArchive> {
  const f = (name: string): string => path.join(workDir, name);
  await fs.mkdir(workDir, { recursive: true });
  const ids: Partial<SampleArchive['ids']> = {};
  const activity = '三月学雷锋志愿服务活动';

  ids.plan = await addRecord(core, {
    files: [await makeSizedPdf(f('plan.pdf'), { pages: 2, text: 'Plan' })], items: ['1.1.2'], type: '方案',
    title: '关于开展三月学雷锋志愿服务活动的方案', docNo: '文明社区〔2024〕3号', author: '文明社区居委会', date: '2024-03-01', activity,
  });
  ids.signin = await addRecord(core, {
    files: [await makeScan(f('signin.jpg'))], items: ['1.1.2'], type: '签到表', title: '学雷锋志愿服务活动签到表', date: '2024-03-05', activity,
  });
  ids.photos = await addRecord(core, {
    files: [await makeSidewaysPhoto(f('photo-rotated.jpg')), await makeCmykJpeg(f('photo-cmyk.jpg'), '#20a040'), await makeTransparentPng(f('photo-alpha.png'))],
    single: true, items: ['1.1.2'], type: '照片', title: '学雷锋志愿服务活动照片', date: '2024-03-05', activity,
    caption: { place: '文明社区广场', people: '社区党委书记王明（左二）与志愿者', photographer: '张敏' },
  });
  ids.summary = await addRecord(core, {
    files: [await makeSizedPdf(f('summary-landscape.pdf'), { size: [841.89, 595.28], text: 'Summary landscape' })], items: ['1.1.2', '1.2.1'],
    type: '总结', title: '三月学雷锋志愿服务活动总结', author: '文明社区居委会', date: '2024-03-20', activity,
  });
  ids.a3 = await addRecord(core, {
    files: [await makeSizedPdf(f('register-a3.pdf'), { size: [841.89, 1190.55], text: 'Register A3' })], items: ['1.2.1'], type: '台账',
    title: '志愿服务站志愿者名册及服务记录台账', author: '社区志愿服务站', date: '2024-06-30', retention: '永久',
  });
  ids.longTitle = await addRecord(core, {
    files: [await makePdf(f('long.pdf'))], items: ['1.2.1'], type: '报告', date: '2024-07-01', docNo: 'WMSQ-2024-07',
    title: `关于文明社区志愿服务站规范运行情况的说明报告（含志愿者招募、培训、服务项目设置、服务记录、激励回馈、阵地建设、经费保障、宣传推广等八个方面的具体措施和数据，以及下一步工作打算）${'并附相关佐证材料清单'.repeat(4)}`,
  });
  ids.encrypted = await addRecord(core, {
    files: [await makeEncryptedPdf(f('encrypted.pdf'))], items: ['1.3.2'], type: '方案', title: '道德讲堂活动方案（加密）', date: '2024-04-01',
  });
  ids.corrupt = await addRecord(core, {
    files: [await makePdf(f('to-corrupt.pdf'), { pages: 2, text: 'Corrupt later' })], items: ['1.3.2'], type: '记录', title: '道德讲堂活动记录', date: '2024-04-02',
  });
  ids.missing = await addRecord(core, {
    files: [await makePdf(f('to-lose.pdf'), { text: 'Lost later' })], items: ['1.3.2'], type: '总结', title: '道德讲堂活动总结', date: '2024-04-03',
  });
  ids.docx = await addRecord(core, {
    files: [await makeDocx(f('notice.docx'), ['关于举办道德讲堂的通知', '各居民小组：定于四月一日举办道德讲堂。'])], items: ['1.3.2'], type: '通知',
    title: '关于举办道德讲堂的通知', date: '2024-03-25',
  });
  ids.xlsx = await addRecord(core, {
    files: [await makeXlsx(f('signin.xlsx'))], items: ['1.3.2'], type: '签到表', title: '道德讲堂签到表', date: '2024-04-01',
  });
  ids.rotated = await addRecord(core, {
    files: [await makeSizedPdf(f('rotated.pdf'), { pages: 2, rotate: 90, text: 'Rotated' })], items: ['4.2.1'], type: '记录',
    title: '环境卫生整治记录', date: '2024-05-10',
  });
  ids.cleanupPhotos = await addRecord(core, {
    files: [await makeSidewaysPhoto(f('cleanup-1.jpg'), 900, 600), await makeSidewaysPhoto(f('cleanup-2.jpg'), 600, 900)], single: true,
    items: ['4.2.1'], type: '照片', title: '环境卫生整治照片', date: '2024-05-10', caption: { subject: '背街小巷环境卫生整治', place: '幸福里小区' },
  });
  ids.unfiled = await addRecord(core, { files: [await makePdf(f('unfiled.pdf'), { text: 'Not filed under any item' })], items: [], type: '其他', title: '未归类材料', date: '2024-08-01' });

  // Damage done to the store after import: a file cut short on disk, and a file gone.
  const shaOf = (id: number): string => value<string>(core.archive.db, 'SELECT sha256 FROM record_files WHERE record_id = ?', id) ?? '';
  const corruptPath = core.archive.files.blobPath(shaOf(ids.corrupt!));
  const bytes = await fs.readFile(corruptPath);
  await fs.writeFile(corruptPath, bytes.subarray(0, Math.floor(bytes.length / 2)));
  await fs.rm(core.archive.files.blobPath(shaOf(ids.missing!)));
  for (const key of SAMPLE_KEYS) if (ids[key] === undefined) throw new Error(`sample record ${key} missing`);
  return { ids: ids as SampleArchive['ids'] };
}
