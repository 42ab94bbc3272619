import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { PDFPage } from 'pdf-lib';
import type { BoxesReport, CatalogueReport } from '../../../shared/api/binder.js';
import type { ParsedArgs } from '../../../shared/api/contract.js';
import { formatDate } from '../../../shared/text/dates.js';
import { TaizhangError } from '../../../shared/errors.js';
import { catalogueRows } from '../archival/catalogue.js';
import { listVolumes } from '../archival/volumes.js';
import type { Archive } from '../store/archive-folder.js';
import { all } from '../store/sql.js';
import { STATIC_TEXT } from './characters.js';
import { drawTable, type TableColumn } from './draw-table.js';
import { subsetFonts } from './fonts.js';
import { A4_LANDSCAPE, BINDING_MARGIN, mm } from './geometry.js';
import { drawNotesForm } from './pages/notes-sheet.js';
import { spacedHeading } from './pages/page-text.js';
import { drawSpineSheets, pieceRange, spineWidthFor, type SpineFields } from './pages/spine.js';
import { GREY, type TextStyle } from './typeset.js';
import { VolumeDocument } from './volume-document.js';
import { getUnit } from '../store/archive-folder.js';

const PRINTABLE_ASCII = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('');

/** Fonts subset to the fixed wording and the given texts. */
async function fontsFor(texts: string[]): Promise<Awaited<ReturnType<typeof subsetFonts>>> {
  const chars = new Set<string>();
  for (const t of [STATIC_TEXT, PRINTABLE_ASCII, ...texts]) for (const ch of t) if (ch !== '\n') chars.add(ch);
  return subsetFonts(chars);
}

async function writeTo(out: string, kind: string, draw: (file: string) => Promise<number>): Promise<number> {
  const target = path.resolve(out);
  if (path.extname(target).toLowerCase() !== '.pdf') {
    throw new TaizhangError('invalid_input', `${kind}应保存为 .pdf 文件：${out} / The output must be a .pdf file`);
  }
  await fs.mkdir(path.dirname(target), { recursive: true });
  const temp = `${target}.${process.pid}.part`;
  try {
    const pages = await draw(temp);
    await fs.rename(temp, target);
    return pages;
  } catch (err) {
    await fs.rm(temp, { force: true });
    throw err;
  }
}

const CATALOGUE_COLUMNS: TableColumn[] = [
  { title: '序号', width: 0, fit: true, align: 'center' },
  { title: '档号', width: 0, fit: true, align: 'center' },
  { title: '文号', width: mm(22), fit: true, maxWidth: mm(40), align: 'center' },
  { title: '责任者', width: mm(30), align: 'center' },
  { title: '题名', width: 0, align: 'left' },
  { title: '日期', width: 0, fit: true, align: 'center' },
  { title: '密级', width: 0, fit: true, align: 'center' },
  { title: '页数', width: 0, fit: true, align: 'center' },
  { title: '备注', width: mm(28), align: 'left' },
];

/**
 * 归档文件目录 (DA/T 22) as an A4 landscape PDF: every archived 件 of the year, one box or one item, in 档号 order,
 * with the nine columns, the header repeated on each page, rows never split, and "第 N 页 共 M 页" at the foot.
 */
export async function exportCatalogue(archive: Archive, args: ParsedArgs<'binder.catalogue'>): Promise<CatalogueReport> {
  const rows = catalogueRows(archive.db, args.year, args.item).filter((r) => args.volume === undefined || r.volumeNo === args.volume);
  if (rows.length === 0) {
    throw new TaizhangError(
      'not_found',
      `${args.year} 年度${args.volume !== undefined ? `第 ${args.volume} 卷` : args.item !== undefined ? `测评项目 ${args.item} ` : ''}还没有归档的材料，请先归档 / Nothing archived yet: run taizhang number first`,
    );
  }
  const unit = getUnit(archive.db);
  const box = args.volume !== undefined ? listVolumes(archive.db, args.year).find((v) => v.volumeNo === args.volume) : undefined;
  const title = `${args.year} 年度归档文件目录`;
  const scope = box ? `第 ${box.volumeNo} 卷　${box.archivalCode}　${box.retention}` : args.item !== undefined ? `测评项目 ${args.item}` : `全年 ${rows.length} 件`;
  const cells = rows.map((r) => [String(r.seq), r.archivalCode, r.docNo, r.author, r.title, r.date, r.secrecy, r.pages === null ? '' : String(r.pages), r.note]);
  const fonts = await fontsFor([unit.name, title, scope, ...cells.flat()]);
  const pages = await writeTo(args.out, '归档文件目录', async (file) => {
    const vd = await VolumeDocument.create(file, fonts, {
      title: `${unit.name}${title}`, author: unit.name, subject: title, keywords: ['台账', '归档文件目录', String(args.year)], created: new Date(),
    });
    try {
      const [W, H] = A4_LANDSCAPE;
      const left = BINDING_MARGIN + mm(3);
      const width = W - left - mm(15);
      const sub: TextStyle = { font: 'sans', size: 9.5, color: GREY };
      const drawn: PDFPage[] = [];
      drawTable(vd, CATALOGUE_COLUMNS, cells.map((c) => ({ cells: c })), width, () => {
        const page = vd.addPage(A4_LANDSCAPE);
        drawn.push(page);
        let y = spacedHeading(vd.type, page, '归档文件目录', H - mm(15), { font: 'sansBold', size: 18 }, 0.6, { left, width });
        y -= mm(4);
        vd.type.line(page, `${unit.name}　${args.year} 年度`, left, y, width, sub, 'left');
        vd.type.line(page, scope, left, y, width, sub, 'right');
        return { page, top: y - mm(5), bottom: mm(18), left };
      });
      drawn.forEach((page, i) => {
        vd.type.line(page, `第 ${i + 1} 页 共 ${drawn.length} 页`, left, mm(9), width, { font: 'serif', size: 10 }, 'center');
      });
      vd.nameDestination('catalogue', 0);
      const { pages: count } = await vd.finish([{ title, dest: 'catalogue', children: [] }]);
      return count;
    } catch (err) {
      vd.abort();
      throw err;
    }
  });
  return { path: path.resolve(args.out), rows: rows.length, pages };
}

/**
 * The year's box sheets: the 盒脊 labels of every archived box side by side on A4 with cut marks, each in the
 * standard width its sheets need (about 0.1 mm a sheet) or the one asked for, then a 盒内备考表 for each box.
 */
export async function exportBoxes(archive: Archive, args: ParsedArgs<'binder.boxes'>): Promise<BoxesReport> {
  const volumes = listVolumes(archive.db, args.year);
  if (volumes.length === 0) {
    throw new TaizhangError('not_found', `${args.year} 年度还没有归档的案卷，请先归档 / No archived volumes yet: run taizhang number first`);
  }
  const unit = getUnit(archive.db);
  const pages = new Map(
    all<{ volume: number; pages: number; pieces: number; first: number; last: number }>(
      archive.db,
      `SELECT ident.volume_no AS volume, coalesce(sum(p.pages), 0) AS pages, count(*) AS pieces, min(ident.piece) AS first, max(ident.piece) AS last
       FROM live_records r JOIN record_identity ident ON ident.record_id = r.id AND ident.carried = 0
       LEFT JOIN record_pages p ON p.record_id = r.id
       WHERE ident.year = ? GROUP BY ident.volume_no`,
      args.year,
    ).map((r) => [r.volume, r]),
  );
  const boxes = volumes.map((v) => {
    const counted = pages.get(v.volumeNo);
    // The documents' pages, and the cover, contents, dividers and notes around them.
    const sheetsOfPages = (counted?.pages ?? 0) + 4;
    const sheets = args.duplex ? Math.ceil(sheetsOfPages / 2) : sheetsOfPages;
    const fields: SpineFields = {
      fonds: unit.fonds || '—', year: args.year, retention: v.retention,
      pieces: pieceRange(counted?.first ?? null, counted?.last ?? 0), box: String(v.volumeNo), title: v.item?.title ?? '',
    };
    return { volume: v, sheets, width: args.spineWidth ?? spineWidthFor(sheets), fields, counted };
  });
  const notes = boxes.map(({ volume, counted }) => {
    const lines = [
      `本盒为${unit.name}${args.year}年度“${volume.item?.code ?? ''} ${volume.item?.title ?? ''}”创建文明城市软件资料，档号 ${volume.archivalCode}，保管期限${volume.retention}。`,
      `盒内共 ${counted?.pieces ?? 0} 件${counted ? `（第 ${pieceRange(counted.first, counted.last)} 件）` : ''}，${counted?.pages ?? 0} 页。`,
      ...volume.withdrawn.map((w) => `第 ${w.piece} 件已于${formatDate(w.on)}撤销归档：${w.reason}。`),
      `${formatDate(volume.archivedOn)}立卷。`,
    ];
    return { volume, lines };
  });
  const texts = [unit.name, unit.filer, unit.checker, ...boxes.flatMap((b) => Object.values(b.fields).map(String)), ...notes.flatMap((n) => n.lines)];
  const fonts = await fontsFor(texts);
  const count = await writeTo(args.out, '盒脊和盒内备考表', async (file) => {
    const vd = await VolumeDocument.create(file, fonts, {
      title: `${unit.name}${args.year}年度档案盒脊背和盒内备考表`, author: unit.name, subject: `${args.year}年度 盒脊 盒内备考表`,
      keywords: ['台账', '盒脊', '盒内备考表', String(args.year)], created: new Date(),
    });
    try {
      drawSpineSheets(vd, boxes.map((b) => ({ width: b.width, fields: b.fields })));
      vd.nameDestination('spines', 0);
      const outline = [{ title: '盒脊', dest: 'spines', children: [] as never[] }];
      for (const { volume, lines } of notes) {
        drawNotesForm(vd, '盒内备考表', '盒内文件情况说明', lines, [
          { label: '整理人', typed: unit.filer, sign: 'name' },
          { label: '整理日期', typed: formatDate(volume.archivedOn), sign: 'date' },
          { label: '检查人', typed: unit.checker, sign: 'name' },
          { label: '检查日期', typed: '', sign: 'date' },
        ]);
        const dest = `box-${volume.volumeNo}`;
        vd.nameDestination(dest);
        outline.push({ title: `第${volume.volumeNo}卷 盒内备考表`, dest, children: [] });
      }
      const { pages: n } = await vd.finish(outline);
      return n;
    } catch (err) {
      vd.abort();
      throw err;
    }
  });
  return {
    path: path.resolve(args.out),
    pages: count,
    boxes: boxes.map((b) => ({ volumeNo: b.volume.volumeNo, archivalCode: b.volume.archivalCode, sheets: b.sheets, spineWidth: b.width })),
  };
}
