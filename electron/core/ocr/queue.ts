import { promises as fs } from 'node:fs';
import type { Progress } from '../../../shared/api/method.js';
import type { OcrRunResult } from '../../../shared/api/ocr.js';
import { TaizhangError } from '../../../shared/errors.js';
import { readPdf } from '../files/pdf.js';
import { setTextlessPages } from '../files/repository.js';
import { reindexRecords } from '../search/indexer.js';
import type { Archive } from '../store/archive-folder.js';
import { writeTransaction } from '../store/database.js';
import type { OcrEngine, OcrLine } from './engine.js';
import { pdfPages, photoPage, type PageImage, type Placement } from './page-images.js';
import { finishJob, keepPage, pagesKept, recordsWithFile, waitingFiles, waitingPages, type QueuedFile, type Scope } from './repository.js';

export interface RunOptions extends Scope {
  signal?: AbortSignal | undefined;
  onProgress?: ((progress: Progress) => void) | undefined;
  /** Called between pages: the background run waits here for the window to have its turn. */
  pause?: (() => Promise<void>) | undefined;
}

/**
 * Works through the queue one page at a time until nothing of the scope is waiting. Each page is committed with the
 * search index of the records holding it, so a run killed at any moment keeps every page it finished and the next
 * run goes on at the next page. Files filed while it runs join the same run.
 */
export async function runOcr(archive: Archive, engine: OcrEngine, options: RunOptions = {}): Promise<OcrRunResult> {
  const { db } = archive;
  const scope: Scope = { year: options.year, recordIds: options.recordIds };
  const records = new Set<number>();
  let pages = 0;
  let total = waitingPages(db, scope);
  const report = (): void => options.onProgress?.({ stage: 'ocr', done: pages, total: Math.max(total, pages), message: `识别文字 ${pages}/${Math.max(total, pages)}` });
  report();
  const failed = new Set<string>();
  for (;;) {
    const file = waitingFiles(db, scope, failed.size + 1).find((f) => !failed.has(f.sha256));
    if (!file) break;
    try {
      if (file.kind === 'pdf' && file.textless === null) {
        if (options.signal?.aborted) throw new TaizhangError('cancelled', '已取消文字识别 / OCR cancelled');
        // A PDF stored before the import listed its pages without text (an archive from before 010): list them now,
        // as the import would have, and come back to it if there is anything to read.
        const { textless } = await readPdf(await fs.readFile(archive.files.blobPath(file.sha256)));
        writeTransaction(db, () => setTextlessPages(db, file.sha256, textless));
        total = pages + waitingPages(db, scope);
        report();
        await options.pause?.();
        continue;
      }
      for await (const image of readablePages(archive, file)) {
        if (options.signal?.aborted) throw new TaizhangError('cancelled', '已取消文字识别 / OCR cancelled');
        const lines = image.kind === 'image' ? onPage(await engine.read(image.png), image.placement) : [];
        writeTransaction(db, () => {
          keepPage(db, file.sha256, image.page, image.kind === 'image' ? 'done' : 'skipped', lines);
          const holders = recordsWithFile(db, file.sha256);
          if (lines.length > 0) {
            reindexRecords(db, holders);
            for (const id of holders) records.add(id);
          }
        });
        if (image.kind === 'image') pages += 1;
        // A listed page that turned out to hold text after all, or no picture, was counted as waiting; it is not work.
        else total -= 1;
        report();
        await options.pause?.();
      }
      writeTransaction(db, () => finishJob(db, file.sha256, 'done', file.pages));
    } catch (err) {
      if (err instanceof TaizhangError && err.code === 'cancelled') throw err;
      if (options.signal?.aborted) throw new TaizhangError('cancelled', '已取消文字识别 / OCR cancelled');
      // A damaged file fails alone; the queue goes on with the next one.
      failed.add(file.sha256);
      const message = err instanceof TaizhangError ? err.zh : '无法读取文件 / unreadable';
      writeTransaction(db, () => finishJob(db, file.sha256, 'failed', null, message));
    }
    total = pages + waitingPages(db, scope);
  }
  return { pages, records: records.size };
}

async function* readablePages(archive: Archive, file: QueuedFile): AsyncGenerator<PageImage> {
  const kept = pagesKept(archive.db, file.sha256);
  if (file.kind === 'image') {
    if (!kept.has(1)) yield await photoPage(archive.files, file.sha256, file.mime);
    return;
  }
  yield* pdfPages(archive.files, file.sha256, (file.textless ?? []).filter((n) => !kept.has(n)));
}

/** Boxes in fractions of the scan become fractions of the page the scan is drawn on. */
function onPage(lines: OcrLine[], at: Placement): OcrLine[] {
  const round = (v: number): number => Math.round(v * 10_000) / 10_000;
  return lines.map((l) => ({
    text: l.text,
    score: round(l.score),
    box: [
      round(at.left + l.box[0] * at.width),
      round(at.top + l.box[1] * at.height),
      round(at.left + l.box[2] * at.width),
      round(at.top + l.box[3] * at.height),
    ],
  }));
}
