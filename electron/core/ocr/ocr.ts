import type { Progress } from '../../../shared/api/method.js';
import type { AttendanceOffer, OcrPage, OcrRecordText, OcrRunResult, OcrStatus } from '../../../shared/api/ocr.js';
import { TaizhangError } from '../../../shared/errors.js';
import { reindexRecords } from '../search/indexer.js';
import type { Archive } from '../store/archive-folder.js';
import { writeTransaction } from '../store/database.js';
import { signInNames } from './attendance.js';
import { ocrBackground } from './background.js';
import { startEngine } from './engine.js';
import { runOcr } from './queue.js';
import * as repo from './repository.js';

export function ocrStatus(archive: Archive): OcrStatus {
  const bg = ocrBackground(archive);
  const waitingFiles = repo.countWaitingFiles(archive.db, {});
  return {
    enabled: repo.ocrEnabled(archive.db),
    running: bg?.running ?? false,
    done: bg?.done ?? 0,
    total: bg?.total ?? 0,
    waitingFiles,
    failedFiles: repo.failedFiles(archive.db),
  };
}

/**
 * Reads what waits now and returns when nothing of the scope is left (the CLI's `ocr run`, the window's "识别所选").
 * The window's background reading is paused meanwhile, so the two never read the same page twice.
 */
export async function runOcrNow(
  archive: Archive,
  args: { year?: number | undefined; recordIds?: number[] | undefined },
  ctx: { signal?: AbortSignal | undefined; onProgress?: ((p: Progress) => void) | undefined },
): Promise<OcrRunResult> {
  const bg = ocrBackground(archive);
  await bg?.pause();
  if (args.recordIds) writeTransaction(archive.db, () => repo.requestFiles(archive.db, args.recordIds!));
  const engine = bg ? bg.sharedEngine() : startEngine({ threads: 2 });
  try {
    return await runOcr(archive, engine, { year: args.year, recordIds: args.recordIds, signal: ctx.signal, onProgress: ctx.onProgress });
  } finally {
    if (bg) bg.kick();
    else await engine.close();
  }
}

export function requestOcr(archive: Archive, recordIds: number[]): { files: number } {
  const files = writeTransaction(archive.db, () => repo.requestFiles(archive.db, recordIds));
  ocrBackground(archive)?.kick();
  return { files };
}

export async function cancelOcr(archive: Archive, scope: repo.Scope): Promise<{ files: number }> {
  await ocrBackground(archive)?.pause();
  return { files: writeTransaction(archive.db, () => repo.cancelFiles(archive.db, scope)) };
}

export async function setOcrSwitch(archive: Archive, enabled: boolean): Promise<OcrStatus> {
  writeTransaction(archive.db, () => repo.setOcrEnabled(archive.db, enabled));
  const bg = ocrBackground(archive);
  if (!enabled) await bg?.pause();
  else bg?.kick();
  return ocrStatus(archive);
}

function liveRecord(archive: Archive, recordId: number): repo.RecordActivity {
  const found = repo.recordActivity(archive.db, recordId);
  if (!found) throw new TaizhangError('not_found', { zh: `没有第 ${recordId} 件`, en: `No record ${recordId}` });
  return found;
}

export function recordOcrText(archive: Archive, recordId: number): OcrRecordText {
  liveRecord(archive, recordId);
  return { recordId, waiting: repo.recordWaiting(archive.db, recordId), pages: repo.recordPages(archive.db, recordId) };
}

export function correctOcr(archive: Archive, args: { recordId: number; sha256: string; page: number; text: string }): OcrPage {
  const { db } = archive;
  liveRecord(archive, args.recordId);
  if (repo.recordHasFile(db, args.recordId, args.sha256) === undefined) {
    throw new TaizhangError('not_found', { zh: `第 ${args.recordId} 件没有这个文件`, en: `Record ${args.recordId} has no such file` });
  }
  const text = args.text.trim() === '' ? null : args.text;
  return writeTransaction(db, () => {
    repo.correctPage(db, args.sha256, args.page, text);
    // Every record holding the same scan searches the corrected words.
    reindexRecords(db, repo.recordsWithFile(db, args.sha256));
    const page = repo.pageRow(db, args.recordId, args.sha256, args.page);
    if (!page) throw new TaizhangError('not_found', { zh: `第 ${args.page} 页还没有识别出文字`, en: `Page ${args.page} has no recognised text` });
    return page;
  });
}

export function attendanceOffer(archive: Archive, recordId: number): AttendanceOffer {
  const found = liveRecord(archive, recordId);
  const names = signInNames(repo.recordLines(archive.db, recordId));
  return { recordId, activityId: found.activityId, activity: found.activity, names, count: names.length, confirmed: found.attendance };
}

export function confirmAttendance(archive: Archive, recordId: number, count: number): AttendanceOffer {
  const found = liveRecord(archive, recordId);
  if (found.activityId === null) {
    throw new TaizhangError('invalid_input', { zh: `第 ${recordId} 件不属于任何活动，实到人数无处记录`, en: `Record ${recordId} belongs to no activity` });
  }
  writeTransaction(archive.db, () => repo.setAttendance(archive.db, found.activityId!, count));
  return attendanceOffer(archive, recordId);
}
