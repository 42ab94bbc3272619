import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import sharp from 'sharp';
import { makeDocx, makeJpeg, makePdf, makePngBomb, makeTruncatedPdf, writeRawPdf } from '../support/sample-files.js';
import { CITY_TABLE, writeTable, type CellInput } from '../../electron/core/index/testing/tables.js';
import { SELF_CHECK_SHEET } from '../../electron/core/checklist/layout.js';
import { flipByteOf, patchDeclaredSize, patchEntryName, readZip, rewriteZip, writeZip, type ZipItem } from './zips.js';

/**
 * Bad inputs generated on the spot, one maker per kind. Each returns the path of what it wrote under `dir`.
 */

/** A PDF whose page tree points back at itself: /Pages → kid /Pages → the first /Pages again. */
export function pageTreeLoopPdf(file: string): string {
  return writeRawPdf(file, [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 2 >>',
    '<< /Type /Pages /Parent 2 0 R /Kids [2 0 R] /Count 1 >>',
  ]);
}

/** A real small JPEG whose frame header is patched to claim 65,500 × 65,500 pixels. */
export async function hugeJpegHeader(file: string): Promise<string> {
  const bytes = await sharp({ create: { width: 16, height: 16, channels: 3, background: '#336699' } }).jpeg().toBuffer();
  const sof = bytes.indexOf(Buffer.from([0xff, 0xc0]));
  bytes.writeUInt16BE(65500, sof + 5);
  bytes.writeUInt16BE(65500, sof + 7);
  writeFileSync(file, bytes);
  return file;
}

/** A real HEIC (heif-enc) whose container declares `side`×`side` pixels: a few KB that would decode to gigabytes. */
export async function hugeHeic(file: string, side: number): Promise<string> {
  const jpeg = await makeJpeg(`${file}.jpg`, { width: 64, height: 64 });
  execFileSync('heif-enc', [jpeg, '-o', file], { stdio: 'ignore' });
  rmSync(jpeg);
  const bytes = readFileSync(file);
  let patched = 0;
  for (let at = bytes.indexOf('ispe'); at !== -1; at = bytes.indexOf('ispe', at + 4)) {
    bytes.writeUInt32BE(side, at + 8);
    bytes.writeUInt32BE(side, at + 12);
    patched += 1;
  }
  if (patched === 0) throw new Error('no ispe box');
  writeFileSync(file, bytes);
  return file;
}

export async function truncatedPng(file: string): Promise<string> {
  const png = await sharp({ create: { width: 300, height: 300, channels: 3, background: '#884422' } }).png({ compressionLevel: 0 }).toBuffer();
  writeFileSync(file, png.subarray(0, Math.floor(png.length / 3)));
  return file;
}

export function bytesFile(file: string, data: string | Buffer): string {
  writeFileSync(file, data);
  return file;
}

// ---- index tables ----

const HEADER_ROW = ['测评项目', '测评内容', '测评标准', '测评方法', '具体要求', '责任单位'];

/** The city table with formulas (without cached results) where titles should be. */
export async function indexWithFormulas(file: string): Promise<string> {
  const rows = CITY_TABLE.rows.map((r) => [...r]) as CellInput[][];
  rows[2]![2] = { formula: 'HYPERLINK("http://example.invalid","点我")' } as CellInput;
  rows[3]![2] = { formula: 'CMD|\' /C calc\'!A0' } as CellInput;
  rows[5]![2] = { formula: '1+1' } as CellInput;
  return writeTable(file, [{ ...CITY_TABLE, rows }]);
}

/** Text in GBK, as Chinese Windows programs save it (Node has no GBK encoder; Python does). */
function gbk(text: string): Buffer {
  return execFileSync('python3', ['-c', 'import sys; sys.stdout.buffer.write(sys.stdin.read().encode("gbk"))'], { input: text });
}

/** The table as GBK-encoded CSV, saved with the given name (.csv, or .xlsx as a common mix-up). */
export function indexGbkCsv(file: string): string {
  const text = [HEADER_ROW, ...CITY_TABLE.rows.slice(2, 5)].map((r) => (r as string[]).join(',')).join('\r\n');
  writeFileSync(file, gbk(text));
  return file;
}

/** An .xlsx whose text went through the wrong encoding once (GBK bytes read as Latin-1): headers are mojibake. */
export async function indexMojibake(file: string): Promise<string> {
  const garble = (v: CellInput): CellInput => (typeof v === 'string' ? gbk(v).toString('latin1') : v);
  return writeTable(file, [{ name: '测评细则', rows: CITY_TABLE.rows.slice(1, 7).map((r) => r.map(garble)) }]);
}

export async function indexWithoutHeader(file: string): Promise<string> {
  return writeTable(file, [{ name: '测评细则', rows: CITY_TABLE.rows.slice(2, 7) as CellInput[][] }]);
}

export async function indexWithParentCycle(file: string): Promise<string> {
  return writeTable(file, [
    {
      name: '指标',
      rows: [
        ['编码', '上级编码', '测评内容', '测评方法', '具体要求'],
        ['A', '', '思想道德建设', '材料审核', ''],
        ['B', 'D', '志愿服务', '材料审核', '照片5张'],
        ['C', 'B', '道德讲堂', '材料审核', ''],
        ['D', 'C', '未成年人活动', '实地考察', ''],
      ],
    },
  ]);
}

export async function indexEmptyWorkbook(file: string): Promise<string> {
  return writeTable(file, [{ name: 'Sheet1', rows: [] }]);
}

export async function indexDuplicateCodes(file: string): Promise<string> {
  return writeTable(file, [
    {
      rows: [
        ['编码', '上级编码', '测评内容', '测评方法'],
        ['1', '', '思想道德建设', '材料审核'],
        ['1.1', '1', '志愿服务', '材料审核'],
        ['1.1', '1', '道德讲堂', '材料审核'],
      ],
    },
  ]);
}

// ---- workbook and zip bombs ----

const SHEET1 = 'xl/worksheets/sheet1.xml';

/** A small real workbook whose first sheet's XML is changed by `change`, rezipped (compressed) as `file`. */
async function patchedWorkbook(file: string, change: (xml: string) => string, extra: ZipItem[] = []): Promise<string> {
  const base = await writeTable(`${file}.base.xlsx`, [{ name: 'Sheet1', rows: [['编码', '测评内容'], ['1', '志愿服务']] }]);
  const items = (await readZip(base)).map((i) => (i.name === SHEET1 ? { name: i.name, data: Buffer.from(change(i.data.toString('utf8'))) } : i));
  rmSync(base);
  return writeZip(file, [...items, ...extra], { compress: true });
}

/** 7 KB: one merge over every cell a sheet can have (A1:XFD1048576), 1.7 × 10^10 cells for a naive reader. */
export function workbookMergeBomb(file: string): Promise<string> {
  return patchedWorkbook(file, (xml) => xml.replace('</sheetData>', '</sheetData><mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>'));
}

/** Six hundred thousand empty rows, a few hundred KB compressed. */
export function workbookRowsBomb(file: string): Promise<string> {
  const rows = Array.from({ length: 600_000 }, (_, i) => `<row r="${i + 3}"/>`).join('');
  return patchedWorkbook(file, (xml) => xml.replace('</sheetData>', `${rows}</sheetData>`));
}

/** Several parts of zeros that inflate to 80 MB each (320 MB in all) from a file of a few hundred KB. */
export function workbookMultiEntryBomb(file: string): Promise<string> {
  const zeros = Buffer.alloc(80 * 1024 * 1024);
  return patchedWorkbook(file, (xml) => xml, Array.from({ length: 4 }, (_, i) => ({ name: `xl/media/image${i + 1}.png`, data: zeros })));
}

/** A workbook whose central directory says its sheet is 100 bytes; it inflates to far more. */
export async function workbookLyingSizes(file: string): Promise<string> {
  await patchedWorkbook(file, (xml) => xml.replace('</sheetData>', `${'<row r="9"><c r="A9" t="inlineStr"><is><t>填充</t></is></c></row>'.repeat(20_000)}</sheetData>`));
  patchDeclaredSize(file, SHEET1, 100);
  return file;
}

/** A Word document with a part of zeros that inflates to 110 MB. */
export async function docxBomb(file: string): Promise<string> {
  const base = await makeDocx(`${file}.base.docx`, ['会议记录']);
  const items = await readZip(base);
  rmSync(base);
  return writeZip(file, [...items, { name: 'word/media/image1.png', data: Buffer.alloc(110 * 1024 * 1024) }], { compress: true });
}

/** A Word document whose central directory understates its text part's size. */
export async function docxLyingSizes(file: string): Promise<string> {
  const base = await makeDocx(`${file}.base.docx`, Array.from({ length: 2000 }, (_, i) => `第 ${i} 行会议记录`));
  const items = await readZip(base);
  rmSync(base);
  await writeZip(file, items, { compress: true });
  patchDeclaredSize(file, 'word/document.xml', 64);
  return file;
}

/**
 * A Word document whose pictures are only links (`r:link`, TargetMode External) to `targets`, such as an image on a
 * listener's http:// address or a file:/// path: a converter that follows them fetches or embeds what they name.
 */
export function docxWithLinkedImages(file: string, targets: string[]): Promise<string> {
  const ns = {
    w: 'http://schemas.openxmlformats.org/wordprocessingml/2006/main',
    r: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships',
    wp: 'http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing',
    a: 'http://schemas.openxmlformats.org/drawingml/2006/main',
    pic: 'http://schemas.openxmlformats.org/drawingml/2006/picture',
  };
  const rels = 'http://schemas.openxmlformats.org/package/2006/relationships';
  const picture = (i: number): string =>
    `<w:p><w:r><w:drawing><wp:inline><wp:extent cx="1905000" cy="1905000"/><wp:docPr id="${i + 1}" name="图${i + 1}"/>` +
    `<a:graphic><a:graphicData uri="${ns.pic}"><pic:pic><pic:nvPicPr><pic:cNvPr id="${i + 1}" name="图${i + 1}"/><pic:cNvPicPr/></pic:nvPicPr>` +
    `<pic:blipFill><a:blip r:link="rIdLink${i}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>` +
    '<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="1905000" cy="1905000"/></a:xfrm><a:prstGeom prst="rect"/></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>';
  const xml = (text: string): Buffer => Buffer.from(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>${text}`);
  return writeZip(file, [
    {
      name: '[Content_Types].xml',
      data: xml('<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        '<Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'),
    },
    { name: '_rels/.rels', data: xml(`<Relationships xmlns="${rels}"><Relationship Id="rId1" Type="${ns.r}/officeDocument" Target="word/document.xml"/></Relationships>`) },
    {
      name: 'word/_rels/document.xml.rels',
      data: xml(`<Relationships xmlns="${rels}">${targets.map((t, i) => `<Relationship Id="rIdLink${i}" Type="${ns.r}/image" Target="${t}" TargetMode="External"/>`).join('')}</Relationships>`),
    },
    {
      name: 'word/document.xml',
      data: xml(`<w:document ${Object.entries(ns).map(([k, v]) => `xmlns:${k}="${v}"`).join(' ')}><w:body><w:p><w:r><w:t>会议记录（图片为外部链接）</w:t></w:r></w:p>${targets.map((_, i) => picture(i)).join('')}</w:body></w:document>`),
    },
  ], { compress: true });
}

// ---- folders holding what is not a file ----

/**
 * A folder of entries a folder import must list and leave alone: symbolic links to a PDF and a folder outside it, a
 * broken link, a link back to itself, a FIFO (reading it would wait forever) and, where mknod is allowed (as root), a
 * character device like /dev/null. `outside` receives the files the links point at. Says whether the device was made.
 */
export async function folderOfOddEntries(root: string, outside: string): Promise<{ root: string; device: boolean }> {
  mkdirSync(root, { recursive: true });
  const secret = await makePdf(path.join(outside, '文件夹外的私人文件.pdf'), { text: 'outside the folder' });
  await makePdf(path.join(outside, '外面的文件夹', '外面的通知.pdf'), { text: 'outside folder' });
  symlinkSync(secret, path.join(root, '指向外部的链接.pdf'));
  symlinkSync(path.join(outside, '外面的文件夹'), path.join(root, '指向外部的文件夹'), 'dir');
  symlinkSync(path.join(outside, '不存在.pdf'), path.join(root, '断开的链接.pdf'));
  symlinkSync('.', path.join(root, '指回自己'), 'dir');
  execFileSync('mkfifo', [path.join(root, '管道.pdf')]);
  let device = true;
  try {
    execFileSync('mknod', [path.join(root, '设备.pdf'), 'c', '1', '3'], { stdio: 'ignore' });
  } catch {
    device = false;
  }
  return { root, device };
}

// ---- checklists edited into nonsense ----

async function editWorkbook(src: string, dst: string, change: (wb: ExcelJS.Workbook) => void): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(src);
  change(wb);
  await wb.xlsx.writeFile(dst);
  return dst;
}

export function checklistWithoutSelfCheck(src: string, dst: string): Promise<string> {
  return editWorkbook(src, dst, (wb) => wb.removeWorksheet(wb.getWorksheet(SELF_CHECK_SHEET)!.id));
}

export function checklistHeadersWiped(src: string, dst: string): Promise<string> {
  return editWorkbook(src, dst, (wb) => {
    const ws = wb.getWorksheet(SELF_CHECK_SHEET)!;
    for (const r of [1, 2, 3, 4]) ws.getRow(r).eachCell((cell) => (cell.value = null));
  });
}

/** Every editable cell below the header filled with junk: formulas, numbers, dates, emoji and control characters. */
export function checklistScribbled(src: string, dst: string): Promise<string> {
  const junk: ExcelJS.CellValue[] = [{ formula: 'HYPERLINK("http://x")' } as ExcelJS.CellValue, 42, new Date(Date.UTC(1900, 0, 1)), '🙃\u0007完成？', '=1+1', '-'];
  return editWorkbook(src, dst, (wb) => {
    const ws = wb.getWorksheet(SELF_CHECK_SHEET)!;
    ws.eachRow((row, r) => {
      if (r < 5) return;
      row.eachCell({ includeEmpty: true }, (cell, c) => {
        cell.value = junk[(r + c) % junk.length]!;
      });
    });
  });
}

export function checklistRowsShuffledAcrossSheets(src: string, dst: string): Promise<string> {
  return editWorkbook(src, dst, (wb) => {
    for (const ws of wb.worksheets) ws.name = `${ws.name}_改`;
  });
}

// ---- backups ----

export interface BackupVariants {
  [name: string]: string;
}

/** From one good backup, every way a backup can arrive broken or hostile. */
export async function brokenBackups(good: string, dir: string): Promise<BackupVariants> {
  const at = (name: string): string => path.join(dir, name);
  const items = await readZip(good);
  const blob = items.find((i) => i.name.startsWith('files/'))!;
  const manifest = JSON.parse(items.find((i) => i.name === 'manifest.json')!.data.toString('utf8')) as Record<string, unknown>;
  const withManifest = (m: unknown) => (i: { name: string; data: Buffer }) =>
    i.name === 'manifest.json' ? { name: i.name, data: Buffer.from(JSON.stringify(m)) } : i;

  const truncated = at('截断.zip');
  writeFileSync(truncated, readFileSync(good).subarray(0, Math.floor(readFileSync(good).length * 0.7)));

  const tampered = at('被改动.zip');
  await writeZip(tampered, items);
  flipByteOf(tampered, blob.data.subarray(0, Math.min(blob.data.length, 64)));

  const slip = at('zip-slip.zip');
  await writeZip(slip, [...items, { name: 'xx/xx/evil.txt', data: Buffer.from('escaped') }]);
  patchEntryName(slip, 'xx/xx/evil.txt', '../../evil.txt');

  const absolute = at('绝对路径.zip');
  await writeZip(absolute, [...items, { name: 'xtmp/evil.txt', data: Buffer.from('escaped') }]);
  patchEntryName(absolute, 'xtmp/evil.txt', '/tmp/evil.txt');

  const notZip = at('不是zip.zip');
  copyFileSync(await makePdf(at('x.pdf')), notZip);
  const zero = bytesFile(at('空.zip'), '');

  return {
    truncated,
    tampered,
    slip,
    absolute,
    notZip,
    zero,
    missingEntry: await rewriteZip(good, at('缺条目.zip'), (i) => (i.name === blob.name ? null : i)),
    extraEntry: await rewriteZip(good, at('多条目.zip'), (i) => i, [{ name: `files/ab/${'ab'.repeat(32)}`, data: Buffer.from('x') }]),
    noManifest: await rewriteZip(good, at('无清单.zip'), (i) => (i.name === 'manifest.json' ? null : i)),
    foreign: await writeZip(at('别的zip.zip'), [{ name: 'manifest.json', data: Buffer.from('{"format":"something-else"}') }, { name: 'a.txt', data: Buffer.from('hi') }]),
    brokenManifest: await rewriteZip(good, at('清单损坏.zip'), (i) => (i.name === 'manifest.json' ? { name: i.name, data: Buffer.from('{"format": "taizhang-backup", ') } : i)),
    newer: await rewriteZip(good, at('新版本.zip'), withManifest({ ...manifest, schemaVersion: 999 })),
    lyingSize: await rewriteZip(good, at('大小不符.zip'), withManifest({ ...manifest, entries: (manifest.entries as { path: string; size: number }[]).map((e) => (e.path === blob.name ? { ...e, size: e.size + 1 } : e)) })),
    lyingHeader: await lyingBackup(good, at('头部大小不实.zip'), blob.name),
    // The database itself altered, with a manifest that matches it: only the schema check can tell.
    trigger: await withDatabase(good, at('触发器.zip'), (db) =>
      db.exec('CREATE TRIGGER unlink_files AFTER INSERT ON records BEGIN DELETE FROM record_files; END'),
    ),
    view: await withDatabase(good, at('视图.zip'), (db) => db.exec('CREATE VIEW leak AS SELECT * FROM settings')),
    droppedTables: await withDatabase(good, at('缺表.zip'), (db) => {
      db.pragma('foreign_keys = OFF');
      for (const t of ['record_tags', 'ledger', 'settings']) db.exec(`DROP TABLE IF EXISTS ${t}`);
    }),
    extraColumn: await withDatabase(good, at('多列.zip'), (db) => db.exec("ALTER TABLE records ADD COLUMN payload TEXT DEFAULT 'x'")),
    droppedIndex: await withDatabase(good, at('缺索引.zip'), (db) => {
      const index = db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL LIMIT 1").pluck().get() as string;
      db.exec(`DROP INDEX "${index}"`);
    }),
  };
}

/** A backup whose zip directory and manifest both understate one file's size: only counting the bytes tells. */
async function lyingBackup(good: string, to: string, entry: string): Promise<string> {
  const items = await readZip(good);
  const manifest = JSON.parse(items.find((i) => i.name === 'manifest.json')!.data.toString('utf8')) as { entries: { path: string; size: number }[] };
  manifest.entries = manifest.entries.map((e) => (e.path === entry ? { ...e, size: 10 } : e));
  await writeZip(to, items.map((i) => (i.name === 'manifest.json' ? { name: i.name, data: Buffer.from(JSON.stringify(manifest)) } : i)), { compress: true });
  patchDeclaredSize(to, entry, 10);
  return to;
}

/** The backup with its database changed by `change`, and a manifest rewritten to match, as an attacker would. */
async function withDatabase(good: string, to: string, change: (db: Database.Database) => void): Promise<string> {
  const items = await readZip(good);
  const work = mkdtempSync(path.join(os.tmpdir(), 'taizhang-db-'));
  const file = path.join(work, 'archive.db');
  writeFileSync(file, items.find((i) => i.name === 'archive.db')!.data);
  const db = new Database(file);
  change(db);
  db.close();
  const data = readFileSync(file);
  rmSync(work, { recursive: true, force: true });
  const manifest = JSON.parse(items.find((i) => i.name === 'manifest.json')!.data.toString('utf8')) as { entries: { path: string; size: number; sha256: string }[] };
  manifest.entries = manifest.entries.map((e) => (e.path === 'archive.db' ? { ...e, size: data.length, sha256: createHash('sha256').update(data).digest('hex') } : e));
  return writeZip(
    to,
    items.map((i) => (i.name === 'archive.db' ? { name: i.name, data } : i.name === 'manifest.json' ? { name: i.name, data: Buffer.from(JSON.stringify(manifest)) } : i)),
  );
}

/** A copy of a closed archive folder whose database was emptied: to zero bytes, or to a database with no schema. */
export function emptiedArchive(source: string, to: string, how: 'zero' | 'schemaless'): string {
  cpSync(source, to, { recursive: true });
  for (const suffix of ['', '-wal', '-shm']) rmSync(path.join(to, `archive.db${suffix}`), { force: true });
  writeFileSync(path.join(to, 'archive.db'), '');
  if (how === 'schemaless') new Database(path.join(to, 'archive.db')).exec('CREATE TABLE t(a); DROP TABLE t; VACUUM').close();
  return to;
}

/** A copy of an archive folder whose database was replaced by a new, empty archive's: every stored file looks stray. */
export function archiveWithForeignDatabase(source: string, emptyArchive: string, to: string): string {
  cpSync(source, to, { recursive: true });
  for (const suffix of ['', '-wal', '-shm']) rmSync(path.join(to, `archive.db${suffix}`), { force: true });
  copyFileSync(path.join(emptyArchive, 'archive.db'), path.join(to, 'archive.db'));
  return to;
}

export { makeJpeg, makePdf, makePngBomb, makeTruncatedPdf };
