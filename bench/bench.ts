import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Core } from '../electron/core/api/core.js';
import { openCore } from '../electron/core/api/core.js';
import { localIsoDate } from '../shared/text/dates.js';
import { toErrorPayload } from '../shared/errors.js';
import { buildArchive } from './archive.js';
import { prepareInputs } from './inputs.js';
import { describeMachine, type MachineInfo } from './machine.js';
import { measureBinder, photoPages, type BinderResult } from './measures/binder.js';
import { measureChecklist, type ChecklistRunResult } from './measures/checklist.js';
import { measureImport, measureLongPdf, type ImportResult, type LongPdfResult } from './measures/import.js';
import { measureOcr, measureSuggest, type OcrResult, type SuggestBenchResult } from './measures/ocr.js';
import { measureOpen, type OpenResult } from './measures/open.js';
import { measureSearch, queryClasses, type SearchResult } from './measures/search.js';
import { measureSize, type SizeResult } from './measures/size.js';
import { measureWindow, type WindowResult } from './measures/window.js';
import type { Scale, ScaleName } from './scale.js';
import { elapsedMs, now } from './stats.js';
import { checkTargets, type TargetCheck } from './targets.js';

/** What one benchmark run measured; `bench/results/<date>.json` holds exactly this. */

export type Outcome<T> = T | { error: string };

export interface BenchResults {
  scale: ScaleName;
  date: string;
  startedAt: string;
  seconds: number;
  machine: MachineInfo;
  /** 1-minute load average when the run ended (the start is in `machine`). */
  loadAverageEnd: number;
  dataset: {
    years: [number, number];
    records: number;
    bodyChars: number;
    photos: { count: number; width: number; height: number; bytes: number };
    pdfs: { count: number; pages: number; bytes: number };
    checklistItems: number;
  };
  measures: {
    importPdf: Outcome<ImportResult>;
    importPhoto: Outcome<ImportResult>;
    importLongPdf: Outcome<LongPdfResult>;
    search: Outcome<SearchResult>;
    binder: Outcome<BinderResult>;
    checklist: Outcome<ChecklistRunResult>;
    open: Outcome<OpenResult>;
    size: Outcome<SizeResult>;
    ocr: Outcome<OcrResult>;
    suggest: Outcome<SuggestBenchResult>;
    window: Outcome<WindowResult>;
  };
  targets: TargetCheck[];
}

export const MEASURES = ['importPdf', 'importPhoto', 'importLongPdf', 'search', 'binder', 'checklist', 'open', 'size', 'ocr', 'suggest', 'window'] as const;

/** Photos a clerk drops at once, for the time to the first visible record. */
export const DROP_PHOTOS = 200;

export interface BenchOptions {
  scale: Scale;
  /** Where inputs are cached and the archive is built. */
  work: string;
  /** Keep the generated archive after the run. */
  keep: boolean;
  log: (line: string) => void;
}

/** The material the import and binder runs file: one top-level item of the newest year, no generated record there. */
export const MATERIAL_ITEM = { volume: '5', pdfs: '5.1.1', photos: '5.1.2' } as const;

async function attempt<T>(name: string, log: (line: string) => void, fn: () => Promise<T>): Promise<Outcome<T>> {
  const start = now();
  log(`${name}…`);
  try {
    const result = await fn();
    log(`  完成 / done (${(elapsedMs(start) / 1000).toFixed(1)} s)`);
    return result;
  } catch (err) {
    const message = toErrorPayload(err).message;
    log(`  失败 / failed: ${message}`);
    return { error: message };
  }
}

export async function runBench(options: BenchOptions): Promise<BenchResults> {
  const { scale, log } = options;
  const started = now();
  const startedAt = new Date().toISOString();
  const machine = describeMachine();
  const year = new Date().getFullYear();
  await fs.mkdir(options.work, { recursive: true });
  const scratch = path.join(options.work, `scratch-${scale.name}`);
  const inputsDir = path.join(options.work, `inputs-${scale.name}`);

  log(`准备输入文件 / preparing inputs (${scale.photos} 张 ${scale.photoWidth}×${scale.photoHeight} 照片, ${scale.pdfs} 份 PDF)…`);
  const inputs = await prepareInputs(inputsDir, scale, year, log);
  const archiveDir = path.join(options.work, `archive-${scale.name}-${process.pid}`);
  await fs.rm(archiveDir, { recursive: true, force: true });
  log(`生成档案 / generating the archive (${scale.years} 年 × ${scale.recordsPerYear} 件)…`);
  const built = await buildArchive(archiveDir, scale, year, log);
  built.core.close();
  let core: Core | null = null;
  try {
    const open = await attempt('打开档案 / open', log, () => measureOpen(archiveDir, scale.openRuns, built.records));
    core = await openCore(archiveDir);
    const c = core;
    const search = await attempt('搜索 / search', log, () =>
      measureSearch(c, queryClasses(built.latinDocNos), scale.searchRepeats, scale.scanRepeats, built.records),
    );
    const importPdf = await attempt('导入 PDF / import PDFs', log, () =>
      measureImport(c, inputs.pdfs, { year, item: MATERIAL_ITEM.pdfs, batches: scale.importBatches, photos: false, scratch: path.join(scratch, 'copy') }),
    );
    const importPhoto = await attempt('导入照片 / import photos', log, () =>
      measureImport(c, inputs.photos, { year, item: MATERIAL_ITEM.photos, batches: scale.importBatches, photos: true, scratch: path.join(scratch, 'copy') }),
    );
    // Years before the generated ones, so these records touch nothing the other measures read.
    const importLongPdf = await attempt('导入长 PDF / import long PDFs', log, () =>
      measureLongPdf(c, inputs.pdfs[0]!, scale.longPdfPages, { firstYear: built.firstYear - scale.longPdfPages.length, scratch: path.join(scratch, 'long') }),
    );
    const binder = await attempt('装订 / binder', log, async () =>
      measureBinder(archiveDir, {
        year, item: MATERIAL_ITEM.volume, runs: scale.binderRuns, pdfs: inputs.pdfs, photos: inputs.photos.length,
        photoPdfs: await photoPages(inputs.photos, path.join(inputsDir, 'photo-pages')), scratch,
      }),
    );
    const checklist = await attempt('自查表 / checklist', log, () =>
      measureChecklist(c, { year, items: built.checklistEditionItems, runs: scale.checklistRuns, scratch }),
    );
    const size = await attempt('大小 / size', log, () => measureSize(c));
    const ocr = await attempt('文字识别 / OCR', log, () => measureOcr(scratch, scale.ocrPagesPerKind, scale.ocrDpi));
    const suggest = await attempt('建议测评项目 / suggestions', log, () => measureSuggest(scratch));
    // The window's own thread, through the bridge, while the archive service exports and imports (its own connection).
    const window = await attempt('窗口响应 / window responsiveness', log, () =>
      measureWindow(archiveDir, {
        year, item: MATERIAL_ITEM.photos, volumeItem: MATERIAL_ITEM.volume, photos: inputs.photos,
        dropPhotos: Math.min(DROP_PHOTOS, inputs.photos.length), scratch,
      }),
    );
    const measures = { importPdf, importPhoto, importLongPdf, search, binder, checklist, open, size, ocr, suggest, window };
    return {
      scale: scale.name,
      date: localIsoDate(),
      startedAt,
      seconds: Math.round(elapsedMs(started) / 1000),
      machine,
      loadAverageEnd: Math.round(os.loadavg()[0]! * 100) / 100,
      dataset: {
        years: [built.firstYear, built.year],
        records: built.records,
        bodyChars: scale.bodyChars,
        photos: { count: inputs.photos.length, width: scale.photoWidth, height: scale.photoHeight, bytes: inputs.photoBytes },
        pdfs: { count: inputs.pdfs.length, pages: inputs.pdfPages, bytes: inputs.pdfBytes },
        checklistItems: built.checklistEditionItems,
      },
      measures,
      targets: checkTargets(measures),
    };
  } finally {
    core?.close();
    await fs.rm(scratch, { recursive: true, force: true });
    if (!options.keep) await fs.rm(archiveDir, { recursive: true, force: true });
  }
}
