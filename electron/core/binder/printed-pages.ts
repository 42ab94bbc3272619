import { binderOptionsSchema, type PrintedPlace } from '../../../shared/api/binder.js';
import type { ParsedArgs } from '../../../shared/api/contract.js';
import type { Archive } from '../store/archive-folder.js';
import type { Db } from '../store/database.js';
import { all } from '../store/sql.js';
import { blockPages, numberPlan } from './paging.js';
import { planFiles, planPieces, type FileSource, type PageBlock, type PlanFile } from './plan.js';
import { planBinder } from './planner.js';
import { UNPRINTABLE } from './probe.js';

const OFFICE_KINDS = new Set(['docx', 'xlsx', 'office']);

/**
 * binder.pages: where a 件 prints in the year's binder as exported by default, without reading or writing a file. The
 * same planner and numbering as the export, with each file taken for what the import found it to be: a PDF of its
 * stored page count, a photo or scan of one page, an office file of its stored count (else one page, marked as an
 * estimate), anything else a note sheet without a 页号.
 */
export function printedPages(archive: Archive, { year, id }: ParsedArgs<'binder.pages'>): PrintedPlace[] {
  const plan = planBinder(archive.db, binderOptionsSchema.parse({ year, out: '.' }), () => null);
  const sources = storedSources(archive.db, planFiles(plan));
  numberPlan(plan, sources);
  const places: PrintedPlace[] = [];
  for (const volume of plan.volumes) {
    let estimated = false;
    for (const piece of planPieces(volume)) {
      estimated ||= piece.files.some((f) => OFFICE_KINDS.has(f.kind));
      if (piece.recordId !== id) continue;
      places.push({
        volumeNo: volume.volumeNo,
        volumeTitle: volume.title,
        firstPageNo: piece.firstPageNo,
        pages: piece.pages,
        files: filePages(piece.files, piece.blocks, piece.firstPageNo),
        estimated,
      });
    }
  }
  return places;
}

/** Each file's first 页号 and page count, read off the 件's laid-out blocks. */
function filePages(files: readonly PlanFile[], blocks: readonly PageBlock[], firstPageNo: number): PrintedPlace['files'] {
  const start = new Map<string, { firstPageNo: number; pages: number }>();
  let next = firstPageNo;
  for (const block of blocks) {
    const pages = blockPages(block);
    const shown = block.kind === 'photos' ? block.files.filter((f) => !f.owner).map((f) => f.file) : block.file ? [block.file] : [];
    for (const file of shown) if (!start.has(file.sha256)) start.set(file.sha256, { firstPageNo: pages > 0 ? next : 0, pages });
    next += pages;
  }
  return files.map((f) => ({ sha256: f.sha256, ...(start.get(f.sha256) ?? { firstPageNo: 0, pages: 0 }) }));
}

/** What each file is taken to print as, from what its import stored. */
function storedSources(db: Db, files: readonly PlanFile[]): Map<string, FileSource> {
  const pages = new Map(
    all<{ sha256: string; pages: number | null }>(
      db,
      'SELECT sha256, pages FROM blobs WHERE sha256 IN (SELECT value FROM json_each(?))',
      JSON.stringify([...new Set(files.map((f) => f.sha256))]),
    ).map((r) => [r.sha256, r.pages]),
  );
  const sources = new Map<string, FileSource>();
  for (const file of files) {
    const count = pages.get(file.sha256) ?? null;
    if (file.binderNote) sources.set(file.sha256, { kind: 'placeholder', reason: file.binderNote });
    else if (file.kind === 'image') sources.set(file.sha256, { kind: 'image', path: '' });
    else if (file.kind === 'pdf' && count) sources.set(file.sha256, { kind: 'pdf', path: '', pages: count, converted: false });
    else if (OFFICE_KINDS.has(file.kind)) sources.set(file.sha256, { kind: 'pdf', path: '', pages: count || 1, converted: true });
    else sources.set(file.sha256, { kind: 'placeholder', reason: UNPRINTABLE.notPrintable });
  }
  return sources;
}
