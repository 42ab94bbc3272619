import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { binderOptionsSchema, type BinderOptions, type BinderPreflight, type BinderReport, type BinderVolume, type BinderWarning } from '../../../shared/api/binder.js';
import type { ParsedArgs } from '../../../shared/api/contract.js';
import { TaizhangError } from '../../../shared/errors.js';
import { numberRecords } from '../archival/number.js';
import type { CallContext } from '../handler-types.js';
import { computeStatus } from '../status/status.js';
import type { Archive } from '../store/archive-folder.js';
import { collectCharacters } from './characters.js';
import { subsetFonts } from './fonts.js';
import { numberPlan } from './paging.js';
import type { BinderPlan, ItemStatusNote } from './plan.js';
import { planFiles, planPieces } from './plan.js';
import { planBinder, type StatusLookup } from './planner.js';
import { probeFiles, throwIfCancelled } from './probe.js';
import { renderOverviewFile } from './render-overview.js';
import { renderVolume, type TextLayers } from './render.js';
import { textLayerCharacters } from './text-layer.js';
import { fileLines } from '../ocr/repository.js';
import type { OcrLine } from '../ocr/engine.js';
import { findSoffice } from './soffice.js';

export const REPORT_FILE = 'binder-report.json';

/**
 * binder.export: plan the volumes, check every file, number the pages, then draw each volume. Every PDF is written
 * under a temporary name and renamed only when all are done, so a cancelled or failed export leaves nothing
 * half-written under a target name.
 */
export async function exportBinder(archive: Archive, options: BinderOptions, ctx: CallContext): Promise<BinderReport> {
  const progress = (stage: string, done: number, total: number, message?: string): void =>
    ctx.onProgress?.({ stage, done, total, ...(message ? { message } : {}) });
  progress('读取档案 / planning', 0, 1);
  const plan = planWithNumbers(archive, options);
  const targets = resolveTargets(options, plan);
  await fs.mkdir(targets.dir, { recursive: true }).catch(() => {
    throw new TaizhangError('invalid_input', `无法创建输出文件夹：${targets.dir} / Cannot create the output folder`);
  });

  const workDir = await archive.files.tempFile('-binder');
  await fs.mkdir(workDir, { recursive: true });
  const written: { temp: string; target: string }[] = [];
  try {
    const sources = await probeFiles(planFiles(plan), {
      archive, workDir, soffice: findSoffice(), signal: ctx.signal, onFile: (done, total) => progress('检查文件 / checking files', done, total),
    });
    numberPlan(plan, sources);
    const textLayers = recognisedLayers(archive, plan);
    const fonts = await subsetFonts([...collectCharacters(plan, sources), ...textLayerCharacters(textLayers)]);

    const totalPieces = plan.volumes.reduce((n, v) => n + planPieces(v).length, 0);
    let piecesDone = 0;
    const volumes: BinderVolume[] = [];
    const warnings: BinderWarning[] = [...plan.warnings];
    for (const volume of plan.volumes) {
      throwIfCancelled(ctx.signal);
      const target = targets.volumePath(volume.fileName);
      const temp = tempName(target);
      written.push({ temp, target });
      const rendered = await renderVolume(plan, volume, fonts, temp, {
        signal: ctx.signal,
        textLayers,
        onPiece: () => progress('排版 / typesetting', ++piecesDone, totalPieces, volume.volumeNo !== null ? `第 ${volume.volumeNo} 卷` : '草稿'),
      });
      warnings.push(...rendered.warnings);
      volumes.push({
        path: target, item: (volume.scope ?? volume.item)?.code ?? null, title: volume.title, archivalCode: volume.archivalCode,
        retention: volume.retention, volumeNo: volume.volumeNo, pages: rendered.pages, numberedPages: volume.numberedPages,
        blankPages: rendered.blankPages, documents: rendered.documents,
      });
    }
    let overview: string | null = null;
    if (options.overview) {
      overview = path.join(targets.dir, `${options.year}年度-案卷总目录.pdf`);
      const temp = tempName(overview);
      written.push({ temp, target: overview });
      await renderOverviewFile(plan, fonts, temp);
    }
    throwIfCancelled(ctx.signal);
    progress('保存 / saving', 0, 1);
    for (const w of written) await fs.rename(w.temp, w.target);
    const report: BinderReport = { year: options.year, volumes, warnings, overview, report: null };
    if (options.report) {
      report.report = targets.reportPath;
      await archive.files.writeAtomic(targets.reportPath, new TextEncoder().encode(`${JSON.stringify(report, null, 2)}\n`));
    }
    progress('保存 / saving', 1, 1);
    return report;
  } catch (err) {
    await Promise.all(written.map((w) => fs.rm(w.temp, { force: true })));
    throw err;
  } finally {
    await fs.rm(workDir, { recursive: true, force: true });
  }
}

/** The lines OCR read on the scanned pages of the plan's PDFs: each becomes invisible text over its page. */
function recognisedLayers(archive: Archive, plan: BinderPlan): TextLayers {
  const layers = new Map<string, Map<number, OcrLine[]>>();
  for (const file of planFiles(plan)) {
    if (layers.has(file.sha256)) continue;
    const pages = fileLines(archive.db, file.sha256);
    if (pages.size > 0) layers.set(file.sha256, pages);
  }
  return layers;
}

/**
 * The plan of the export; with `number`, the records it would print as drafts are archived first (归档), so they
 * print with their 件号 and 档号.
 */
function planWithNumbers(archive: Archive, options: BinderOptions): BinderPlan {
  const statusOf = options.withStatus ? statusLookup(archive, options.year) : () => null;
  const plan = planBinder(archive.db, options, statusOf);
  if (!options.number) return plan;
  const drafts = plan.volumes.flatMap((v) => planPieces(v)).filter((p) => p.archivalCode === null && p.copyOf === null).map((p) => p.recordId);
  if (drafts.length === 0) return plan;
  numberRecords(archive.db, { year: options.year, ids: drafts, dryRun: false });
  return planBinder(archive.db, options, statusOf);
}

/** binder.preflight: the plan without reading a file, for the export dialog to show before anything is written. */
export function preflightBinder(archive: Archive, args: ParsedArgs<'binder.preflight'>): BinderPreflight {
  const options = binderOptionsSchema.parse({ ...args, out: '.' });
  const plan = planBinder(archive.db, options, () => null);
  const pieces = plan.volumes.flatMap((v) => planPieces(v));
  return {
    volumes: plan.volumes.length,
    pieces: pieces.length,
    drafts: pieces.filter((p) => p.archivalCode === null && p.copyOf === null).map((p) => ({ recordId: p.recordId, title: p.title })),
    captionGaps: plan.captionGaps,
    warnings: plan.warnings,
  };
}

interface Targets {
  dir: string;
  volumePath(fileName: string): string;
  reportPath: string;
}

/** `--out` is a folder, or a .pdf file when the export makes one volume (--single, or --item). */
function resolveTargets(options: BinderOptions, plan: BinderPlan): Targets {
  const out = path.resolve(options.out);
  const isPdf = /\.pdf$/i.test(out);
  if (isPdf && plan.volumes.length > 1) {
    throw new TaizhangError(
      'invalid_input',
      `将生成 ${plan.volumes.length} 卷，导出位置应为文件夹而不是 PDF 文件（或合成一卷） / Several volumes need a folder for --out (or use --single)`,
    );
  }
  if (isPdf) {
    const dir = path.dirname(out);
    return { dir, volumePath: () => out, reportPath: out.replace(/\.pdf$/i, '.report.json') };
  }
  return { dir: out, volumePath: (name) => path.join(out, name), reportPath: path.join(out, REPORT_FILE) };
}

function tempName(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString('hex')}.part`);
}

/** Completeness for the divider pages of a review copy; a binder is still made when it cannot be computed. */
function statusLookup(archive: Archive, year: number): StatusLookup {
  let byCode: Map<string, ItemStatusNote>;
  try {
    byCode = new Map(computeStatus(archive.db, year).map((s) => [s.code, { status: s.status, reason: s.reason }]));
  } catch {
    byCode = new Map();
  }
  return (code) => byCode.get(code) ?? null;
}
