import type { BinderPlan, FileSource, PageBlock, PlanPiece } from './plan.js';

export const NO_FILES_REASON = '本件没有电子文件，原件请查阅纸质档案 / This record has no files';

/**
 * The pages of one 件: each PDF page by page; photos of a 照片 record one or two to a page with their captions;
 * other images (scanned sign-in sheets, documents) one to a page; anything unprintable as a placeholder page.
 */
export function layoutPiece(piece: PlanPiece, sources: ReadonlyMap<string, FileSource>, photosPerPage: 1 | 2): PageBlock[] {
  const blocks: PageBlock[] = [];
  let photoRun: Extract<PageBlock, { kind: 'photos' }> | null = null;
  let photoIndex = 0;
  for (const file of piece.files) {
    const source = sources.get(file.sha256) ?? { kind: 'placeholder', reason: '文件未能检查 / The file was not checked' };
    if (source.kind === 'image' && piece.type === '照片') {
      photoIndex += 1;
      if (!photoRun || photoRun.files.length >= photosPerPage) {
        photoRun = { kind: 'photos', files: [] };
        blocks.push(photoRun);
      }
      photoRun.files.push({ file, path: source.path, index: photoIndex });
      continue;
    }
    photoRun = null;
    if (source.kind === 'image') blocks.push({ kind: 'scan', file, path: source.path });
    else if (source.kind === 'pdf') blocks.push({ ...source, file });
    else blocks.push({ kind: 'placeholder', file, reason: source.reason });
  }
  if (blocks.length === 0) blocks.push({ kind: 'placeholder', file: null, reason: NO_FILES_REASON });
  return blocks;
}

/**
 * Numbered pages of a block. A file that cannot be printed is not a page of its 件: its note sheet carries no 页号
 * and no stamp, and is not counted in 页数.
 */
export function blockPages(block: PageBlock): number {
  if (block.kind === 'placeholder') return 0;
  return block.kind === 'pdf' ? block.pages : 1;
}

/** A 件 that is one photo and nothing else: two of them in a row may share a page. */
function singlePhoto(piece: PlanPiece): Extract<PageBlock, { kind: 'photos' }> | null {
  const [block, ...rest] = piece.blocks;
  return block?.kind === 'photos' && block.files.length === 1 && rest.length === 0 ? block : null;
}

/**
 * Lays out every 件 and numbers the pages: 页号 run from 1 in each volume over the documents only. Two photos to a
 * page: a 件 of one photo shares the page of the one-photo 件 before it in the same section, each with its own 说明
 * and stamp, and both have that page's 页号.
 */
export function numberPlan(plan: BinderPlan, sources: ReadonlyMap<string, FileSource>): void {
  for (const volume of plan.volumes) {
    let next = 1;
    for (const section of volume.sections) {
      let host: { piece: PlanPiece; block: Extract<PageBlock, { kind: 'photos' }> } | null = null;
      for (const piece of section.pieces) {
        piece.blocks = layoutPiece(piece, sources, plan.options.photosPerPage);
        piece.sharesPageOf = null;
        const photo = plan.options.photosPerPage === 2 ? singlePhoto(piece) : null;
        if (photo && host) {
          host.block.files.push({ ...photo.files[0]!, owner: piece });
          piece.blocks = [];
          piece.pages = 1;
          piece.firstPageNo = host.piece.firstPageNo;
          piece.sharesPageOf = host.piece.seq;
          host = null;
          continue;
        }
        piece.pages = piece.blocks.reduce((n, b) => n + blockPages(b), 0);
        piece.firstPageNo = next;
        next += piece.pages;
        host = photo ? { piece, block: photo } : null;
      }
    }
    volume.numberedPages = next - 1;
  }
}

/**
 * The 页号 column of the 卷内目录: the first page, or first—last for the last 件 of the volume (GB/T 9705); a dash
 * for a 件 none of whose files could be printed.
 */
export function pageColumn(piece: PlanPiece, isLast: boolean): string {
  if (piece.pages === 0) return '—';
  const last = piece.firstPageNo + piece.pages - 1;
  return isLast && last > piece.firstPageNo ? `${piece.firstPageNo}—${last}` : String(piece.firstPageNo);
}
