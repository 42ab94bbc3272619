import type { BinderDocument, BinderWarning } from '../../../shared/api/binder.js';
import { plainFrame, type PageFrame } from './frame.js';
import type { SubsetFonts } from './fonts.js';
import { pageColumn } from './paging.js';
import type { OutlineNode } from './outline.js';
import type { BinderPlan, PlanItem, PlanPiece, PlanSection, PlanVolume } from './plan.js';
import { copyMark, pieceName, planPieces } from './plan.js';
import { drawContents } from './pages/contents.js';
import { drawCover } from './pages/cover.js';
import { pieceDest, sectionDest } from './pages/destinations.js';
import { drawDivider } from './pages/divider.js';
import { drawPhotoPage, drawScanPage, type ImageFailure } from './pages/images.js';
import { drawCopyMark, drawPageNumber, drawStamp } from './pages/marks.js';
import { drawNotes, type VolumeSummary } from './pages/notes-sheet.js';
import { drawOverview } from './pages/overview.js';
import { appendPdf } from './pages/pdf-pages.js';
import { drawPlaceholder } from './pages/placeholder.js';
import { drawSpine, spineWidthFor } from './pages/spine.js';
import { throwIfCancelled } from './probe.js';
import { VolumeDocument } from './volume-document.js';
import { drawTextLayer } from './text-layer.js';
import type { OcrLine } from '../ocr/engine.js';
import { GREY } from './typeset.js';

export interface RenderContext {
  signal?: AbortSignal | undefined;
  /** Called after each 件. */
  onPiece?: () => void;
  /** Recognised lines of scanned PDF pages, by file and page: drawn as an invisible text layer. */
  textLayers?: TextLayers | undefined;
}

export type TextLayers = ReadonlyMap<string, ReadonlyMap<number, readonly OcrLine[]>>;

export interface RenderedVolume {
  pages: number;
  documents: BinderDocument[];
  warnings: BinderWarning[];
  /** 1-based indexes of the blank backs inserted for double-sided printing. */
  blankPages: number[];
}

/**
 * Draws one volume of a numbered plan into `file`, 件 by 件: each 件's pages are written to disk before the next is
 * read, so memory holds one document at a time. The order: cover, (总目录), 卷内目录, then per item a divider and its
 * 件, then the 备考表 and the optional spine label.
 */
export async function renderVolume(plan: BinderPlan, volume: PlanVolume, fonts: SubsetFonts, file: string, ctx: RenderContext): Promise<RenderedVolume> {
  const vd = await VolumeDocument.create(file, fonts, {
    title: volume.title,
    author: plan.unit.name,
    subject: `${plan.options.year}年度创建文明城市软件资料 ${volume.volumeNo !== null ? `第${volume.volumeNo}卷 ${volume.archivalCode ?? ''}` : '草稿'}`.trim(),
    keywords: ['台账', '案卷', String(plan.options.year), ...(volume.item ? [volume.item.code] : [])],
    created: plan.created,
  });
  try {
    return await drawVolume(vd, plan, volume, ctx);
  } catch (err) {
    vd.abort();
    throw err;
  }
}

async function drawVolume(vd: VolumeDocument, plan: BinderPlan, volume: PlanVolume, ctx: RenderContext): Promise<RenderedVolume> {
  const { duplex } = plan.options;
  const blankPages: number[] = [];
  const startOnFront = (): void => {
    // Printed on both sides, a new part and every 件 start on the front of a sheet (an even 0-based index).
    if (!duplex || vd.pageCount % 2 === 0) return;
    drawBlankBack(vd);
    blankPages.push(vd.pageCount);
  };
  drawCover(vd, plan, volume);
  vd.nameDestination('cover');
  if (volume.withOverview) {
    startOnFront();
    drawOverview(vd, plan, volume);
  }
  startOnFront();
  drawContents(vd, volume);
  vd.flush();

  const documents: BinderDocument[] = [];
  const warnings: BinderWarning[] = [];
  // 件 whose one photo went onto the page of the 件 before them: their page, by 顺序号.
  const sharedPages = new Map<number, number>();
  const summary: VolumeSummary = { photos: 0, photoPieces: 0, pdfFiles: 0, converted: 0, scans: 0, problems: [] };
  for (const [index, section] of volume.sections.entries()) {
    throwIfCancelled(ctx.signal);
    startOnFront();
    drawDivider(vd, section, sectionPageSpan(section));
    vd.nameDestination(sectionDest(index));
    for (const piece of section.pieces) {
      throwIfCancelled(ctx.signal);
      const shared = sharedPages.get(piece.seq);
      if (shared === undefined) startOnFront();
      const firstSheet = vd.pageCount + 1;
      const firstNumbered = shared ?? (await drawPiece(vd, plan, piece, { duplex, summary, warnings, sharedPages, textLayers: ctx.textLayers }));
      documents.push({
        seq: piece.seq, piece: piece.pieceNo, archivalCode: piece.archivalCode, retention: piece.retention, year: piece.identityYear, volumeNo: piece.volumeNo,
        recordId: piece.recordId, item: piece.item, title: piece.title, startPage: firstNumbered ?? firstSheet, printed: piece.pages > 0,
        firstPageNo: piece.firstPageNo, pages: piece.pages,
      });
      vd.flush();
      ctx.onPiece?.();
    }
  }
  startOnFront();
  drawNotes(vd, plan, volume, summary);
  if (plan.options.spine) {
    startOnFront();
    const sheets = duplex ? Math.ceil(vd.pageCount / 2) : vd.pageCount;
    drawSpine(vd, plan, volume, plan.options.spineWidth ?? spineWidthFor(sheets));
  }
  const { pages } = await vd.finish(outlineOf(plan, volume));
  return { pages, documents, warnings, blankPages };
}

/** The blank back of a sheet printed on both sides: unnumbered, not counted, and said to be blank. */
function drawBlankBack(vd: VolumeDocument): void {
  const page = vd.addPage();
  vd.type.line(page, '（本页空白）', 0, page.getHeight() / 2, page.getWidth(), { font: 'sans', size: 8, color: GREY }, 'center');
}

interface PieceContext {
  duplex: boolean;
  summary: VolumeSummary;
  warnings: BinderWarning[];
  /** Filled with the page (1-based) of each 件 whose photo shares a page drawn here. */
  sharedPages: Map<number, number>;
  textLayers?: TextLayers | undefined;
}

/** Draws a 件's pages; returns the 1-based index of its first numbered page, or null when none could be printed. */
async function drawPiece(vd: VolumeDocument, plan: BinderPlan, piece: PlanPiece, ctx: PieceContext): Promise<number | null> {
  const { summary, warnings } = ctx;
  const startIndex = vd.pageCount;
  let firstNumbered: number | null = null;
  let marked = 0;
  const photos = piece.blocks.reduce((n, b) => n + (b.kind === 'photos' ? b.files.filter((f) => !f.owner).length : 0), 0);
  if (photos > 0) summary.photoPieces += 1;
  const notOriginal = copyMark(piece);
  /** Stamps the 件's first numbered page and numbers each of its pages; `index` is the page's 0-based place in the file. */
  const mark = (page: Parameters<typeof drawStamp>[1], frame: PageFrame, index: number): void => {
    if (firstNumbered === null) {
      firstNumbered = index;
      vd.nameDestination(pieceDest(piece.seq), index);
      drawStamp(vd.type, page, frame, stampFields(plan, piece));
    }
    if (notOriginal) drawCopyMark(vd.type, page, frame, notOriginal);
    // Single-sided, every page is a front; double-sided, the back of a sheet (odd 0-based index) has its number on the left.
    const side = ctx.duplex && index % 2 === 1 ? 'left' : 'right';
    drawPageNumber(vd.type, page, frame, piece.firstPageNo + marked, side);
    marked += 1;
  };
  const markLast = (page: Parameters<typeof drawStamp>[1]): void => mark(page, plainFrame(page), vd.pageCount - 1);
  const fail = (file: string | null, message: string): void => {
    summary.problems.push({ piece: pieceName(piece), title: piece.title, file, reason: message });
    warnings.push({ recordId: piece.recordId, file, message: `${pieceName(piece)}：${message}` });
  };
  const failures = (list: ImageFailure[]): void => list.forEach((f) => fail(f.file, f.message));

  for (const block of piece.blocks) {
    switch (block.kind) {
      case 'pdf': {
        const base = vd.pageCount;
        const appended = await appendPdf(vd, block.path, block.pages, { fitA4: plan.options.fitA4, stampFirst: firstNumbered === null, duplex: ctx.duplex });
        const merged = appended?.pages ?? [];
        if (appended && appended.removed.length > 0) {
          warnings.push({
            recordId: piece.recordId,
            file: block.file.name,
            message: `${pieceName(piece)}：已去除 PDF 中的活动内容（${appended.removed.join('、')}），页面内容不变 / Active content was removed from the PDF; the pages look the same`,
          });
        }
        if (block.linksLeftOut) {
          warnings.push({
            recordId: piece.recordId,
            file: block.file.name,
            message: `${pieceName(piece)}：文档中有 ${block.linksLeftOut} 处链接到文件以外的图片或内容，为安全起见未载入，打印件中没有它们 / ${block.linksLeftOut} linked item(s) outside the document were not loaded`,
          });
        }
        const layer = ctx.textLayers?.get(block.file.sha256);
        merged.forEach((m, k) => {
          const lines = layer?.get(k + 1);
          if (lines) drawTextLayer(vd.type, m.page, m.frame, m.content, lines);
          mark(m.page, m.frame, base + k);
        });
        if (merged.length === block.pages) {
          summary.pdfFiles += 1;
          if (block.converted) summary.converted += 1;
        } else {
          // Readable when checked, not now (changed on disk meanwhile): the pages it was numbered for stay, as note pages.
          const reason = 'PDF 文件在导出过程中无法完整读取 / The PDF could not be read in full during export';
          fail(block.file.name, reason);
          for (let k = merged.length; k < block.pages; k += 1) markLast(drawPlaceholder(vd, piece.title, block.file, reason));
        }
        break;
      }
      case 'photos': {
        const recognised = (sha256: string) => ctx.textLayers?.get(sha256)?.get(1);
        const { page, failures: lost, guests } = await drawPhotoPage(vd, piece, block, plan.options.photosPerPage, photos, recognised);
        summary.photos += block.files.length;
        failures(lost);
        markLast(page);
        for (const guest of guests) {
          const index = vd.pageCount - 1;
          vd.nameDestination(pieceDest(guest.piece.seq), index);
          drawStamp(vd.type, page, plainFrame(page), stampFields(plan, guest.piece), guest.fromTop);
          const guestMark = copyMark(guest.piece);
          if (guestMark) drawCopyMark(vd.type, page, plainFrame(page), guestMark, guest.fromTop);
          ctx.sharedPages.set(guest.piece.seq, index + 1);
          summary.photoPieces += 1;
        }
        break;
      }
      case 'scan': {
        const { page, failures: lost } = await drawScanPage(vd, block.path, block.file.name, ctx.textLayers?.get(block.file.sha256)?.get(1));
        summary.scans += 1;
        failures(lost);
        markLast(page);
        break;
      }
      case 'placeholder':
        // Not a page of the 件: an unnumbered, unstamped sheet; the 备考表 says why.
        fail(block.file?.name ?? null, block.reason);
        drawPlaceholder(vd, piece.title, block.file, block.reason);
        break;
    }
  }
  if (firstNumbered === null) {
    vd.nameDestination(pieceDest(piece.seq), startIndex);
    return null;
  }
  return (firstNumbered as number) + 1;
}

function stampFields(plan: BinderPlan, piece: PlanPiece): Parameters<typeof drawStamp>[3] {
  return { fonds: plan.unit.fonds, year: piece.identityYear, piece: piece.pieceNo, problem: piece.problem, retention: piece.retention, pages: piece.pages };
}

function sectionPageSpan(section: PlanSection): string {
  const pieces = section.pieces;
  if (pieces.length === 0) return '';
  const first = pieces[0]!.firstPageNo;
  const last = pieces[pieces.length - 1]!;
  const end = last.firstPageNo + last.pages - 1;
  return first === end ? `页号 ${first}` : `页号 ${first}—${end}`;
}

/** Bookmarks: the volume, its contents, the index tree down to each item, each 件 under its item, the 备考表. */
function outlineOf(plan: BinderPlan, volume: PlanVolume): OutlineNode[] {
  const last = planPieces(volume).at(-1);
  const tree: OutlineNode[] = [];
  const nodes = new Map<string, OutlineNode>();
  const nodeFor = (item: PlanItem, dest: string, parent: OutlineNode[]): OutlineNode => {
    let node = nodes.get(item.code);
    if (!node) {
      node = { title: `${item.code} ${item.title}`, dest, children: [] };
      nodes.set(item.code, node);
      parent.push(node);
    }
    return node;
  };
  volume.sections.forEach((section, i) => {
    let level = tree;
    for (const a of section.ancestors) level = nodeFor(a, sectionDest(i), level).children;
    const node = nodeFor(section.item, sectionDest(i), level);
    node.dest = sectionDest(i);
    for (const p of section.pieces) {
      const box = volume.withOverview && p.volumeNo !== null ? `第${p.volumeNo}卷 ` : '';
      node.children.push({ title: `${box}${pieceName(p).replaceAll(' ', '')} ${p.title}（页号 ${pageColumn(p, p === last)}）`, dest: pieceDest(p.seq), children: [] });
    }
  });
  const front: OutlineNode[] = [{ title: '卷内目录', dest: 'contents', children: [] }];
  if (volume.withOverview) front.unshift({ title: '总目录', dest: 'overview', children: [] });
  const back: OutlineNode[] = [{ title: '卷内备考表', dest: 'notes', children: [] }];
  if (plan.options.spine) back.push({ title: '脊背标签', dest: 'spine', children: [] });
  const name = volume.volumeNo !== null ? `第${volume.volumeNo}卷` : volume.withOverview ? '全年' : '草稿';
  return [{ title: `${name} ${volume.title}`, dest: 'cover', children: [...front, ...tree, ...back] }];
}
