import type { OcrPage } from '../../../shared/api/ocr.js';
import { nowIso } from '../store/archive-folder.js';
import type { Db } from '../store/database.js';
import { all, idList, one, run, value, values } from '../store/sql.js';
import { readSetting, writeSetting } from '../store/settings.js';
import type { OcrLine } from './engine.js';

/** The SQL of OCR: the queue (ocr_jobs), the pages read (ocr_pages), the switch and the confirmed 实到人数. */

export interface QueuedFile {
  sha256: string;
  kind: 'image' | 'pdf';
  mime: string;
  pages: number;
  /** The PDF pages to read (those with an empty text layer); null when nobody has looked at the PDF yet (see 010). */
  textless: number[] | null;
  requested: number;
}

export interface Scope {
  year?: number | undefined;
  recordIds?: readonly number[] | undefined;
}

/**
 * Files that hold text only as pixels, filed in a live record (of the scope): photos, and PDFs with a page whose text
 * layer is empty. A PDF nobody has looked at yet (stored before 010) waits too: the queue looks at its pages first.
 */
const READABLE = `(b.kind = 'image' OR (b.kind = 'pdf' AND b.pages IS NOT NULL AND (b.textless_pages IS NULL OR json_array_length(b.textless_pages) > 0)))`;
/** Pages of a waiting file, all of a PDF not looked at yet (the queue's count drops once it has been). */
const PAGES_TO_READ = `CASE WHEN b.kind = 'image' THEN 1 WHEN b.textless_pages IS NULL THEN b.pages ELSE json_array_length(b.textless_pages) END`;
const IN_SCOPE = `EXISTS (SELECT 1 FROM record_files f JOIN live_records r ON r.id = f.record_id
    WHERE f.sha256 = b.sha256 AND (? IS NULL OR r.year = ?) AND (? IS NULL OR r.id IN (SELECT value FROM json_each(?))))`;
const WAITING = `(j.sha256 IS NULL OR j.state = 'queued')`;

function scopeParams(scope: Scope): unknown[] {
  const ids = scope.recordIds ? idList(scope.recordIds) : null;
  return [scope.year ?? null, scope.year ?? null, ids, ids];
}

/** The files waiting, asked-for ones first, then in the order they were filed. */
export function waitingFiles(db: Db, scope: Scope, limit = 1_000_000): QueuedFile[] {
  return all<Omit<QueuedFile, 'textless'> & { textless: string | null }>(
    db,
    `SELECT b.sha256, b.kind, b.mime, CASE WHEN b.kind = 'image' THEN 1 ELSE b.pages END AS pages, b.textless_pages AS textless,
            coalesce(j.requested, 0) AS requested
     FROM blobs b LEFT JOIN ocr_jobs j ON j.sha256 = b.sha256
     WHERE ${READABLE} AND ${WAITING} AND ${IN_SCOPE}
     ORDER BY requested DESC, b.created_at, b.sha256 LIMIT ?`,
    ...scopeParams(scope),
    limit,
  ).map((f) => ({ ...f, textless: f.textless === null ? null : (JSON.parse(f.textless) as number[]) }));
}

export function countWaitingFiles(db: Db, scope: Scope): number {
  return (
    value<number>(
      db,
      `SELECT count(*) FROM blobs b LEFT JOIN ocr_jobs j ON j.sha256 = b.sha256 WHERE ${READABLE} AND ${WAITING} AND ${IN_SCOPE}`,
      ...scopeParams(scope),
    ) ?? 0
  );
}

/**
 * Pages still to read of the waiting files: pages already read of an interrupted PDF are not counted, nor pages kept
 * of a PDF read before its text pages were known (an archive from before 010).
 */
export function waitingPages(db: Db, scope: Scope): number {
  return (
    value<number>(
      db,
      `SELECT coalesce(sum(${PAGES_TO_READ}
                 - (SELECT count(*) FROM ocr_pages p WHERE p.sha256 = b.sha256 AND p.state <> 'stale'
                    AND (b.textless_pages IS NULL OR p.page IN (SELECT value FROM json_each(b.textless_pages))))), 0)
       FROM blobs b LEFT JOIN ocr_jobs j ON j.sha256 = b.sha256
       WHERE ${READABLE} AND ${WAITING} AND ${IN_SCOPE}`,
      ...scopeParams(scope),
    ) ?? 0
  );
}

export function failedFiles(db: Db): number {
  return value<number>(db, "SELECT count(*) FROM ocr_jobs WHERE state = 'failed'") ?? 0;
}

/** The pages of a file already kept: an interrupted run reads only the others. */
export function pagesKept(db: Db, sha256: string): Set<number> {
  return new Set(values<number>(db, "SELECT page FROM ocr_pages WHERE sha256 = ? AND state <> 'stale'", sha256));
}

export function keepPage(db: Db, sha256: string, page: number, state: 'done' | 'skipped' | 'failed', lines: readonly OcrLine[]): void {
  run(
    db,
    `INSERT INTO ocr_pages(sha256, page, state, text, lines, updated_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT(sha256, page) DO UPDATE SET state = excluded.state, text = excluded.text, lines = excluded.lines, updated_at = excluded.updated_at`,
    sha256,
    page,
    state,
    linesToText(lines),
    JSON.stringify(lines),
    nowIso(),
  );
}

/** Lines as one text: a line per detected line, top to bottom as the engine found them. */
export function linesToText(lines: readonly OcrLine[]): string {
  return lines.map((l) => l.text.trim()).filter(Boolean).join('\n');
}

export function finishJob(db: Db, sha256: string, state: 'done' | 'failed' | 'cancelled', pages: number | null, error: string | null = null): void {
  run(
    db,
    `INSERT INTO ocr_jobs(sha256, state, requested, pages, error, updated_at) VALUES (?, ?, 0, ?, ?, ?)
     ON CONFLICT(sha256) DO UPDATE SET state = excluded.state, requested = 0, pages = coalesce(excluded.pages, pages), error = excluded.error, updated_at = excluded.updated_at`,
    sha256,
    state,
    pages,
    error,
    nowIso(),
  );
}

/** Puts the records' readable files back in the queue, ahead of the rest; pages read before are read again. */
export function requestFiles(db: Db, recordIds: readonly number[]): number {
  const files = values<string>(
    db,
    `SELECT DISTINCT b.sha256 FROM blobs b WHERE ${READABLE} AND ${IN_SCOPE}`,
    ...scopeParams({ recordIds }),
  );
  for (const sha256 of files) {
    // Corrections stay: they are the clerk's, not the engine's.
    run(db, 'DELETE FROM ocr_pages WHERE sha256 = ? AND corrected IS NULL', sha256);
    run(db, "UPDATE ocr_pages SET state = 'stale' WHERE sha256 = ?", sha256);
    run(
      db,
      `INSERT INTO ocr_jobs(sha256, state, requested, updated_at) VALUES (?, 'queued', 1, ?)
       ON CONFLICT(sha256) DO UPDATE SET state = 'queued', requested = 1, error = NULL, updated_at = excluded.updated_at`,
      sha256,
      nowIso(),
    );
  }
  return files.length;
}

export function cancelFiles(db: Db, scope: Scope): number {
  const files = waitingFiles(db, scope).map((f) => f.sha256);
  for (const sha256 of files) finishJob(db, sha256, 'cancelled', null);
  return files.length;
}

/** Live records holding a file: the ones whose search text changes when its text does. */
export function recordsWithFile(db: Db, sha256: string): number[] {
  return values<number>(db, 'SELECT DISTINCT f.record_id FROM record_files f JOIN live_records r ON r.id = f.record_id WHERE f.sha256 = ?', sha256);
}

interface PageRow {
  sha256: string;
  name: string;
  page: number;
  text: string;
  corrected: string | null;
}

function toPage(r: PageRow): OcrPage {
  return { sha256: r.sha256, fileName: r.name, page: r.page, text: r.text, corrected: r.corrected, effective: r.corrected ?? r.text };
}

/** The recognised pages of a record's files, in file and page order. */
export function recordPages(db: Db, recordId: number): OcrPage[] {
  return all<PageRow>(
    db,
    `SELECT p.sha256, f.name, p.page, p.text, p.corrected FROM record_files f JOIN ocr_pages p ON p.sha256 = f.sha256
     WHERE f.record_id = ? AND (p.state = 'done' OR p.corrected IS NOT NULL) ORDER BY f.position, p.page`,
    recordId,
  ).map(toPage);
}

/** Files of a record still waiting to be read. */
export function recordWaiting(db: Db, recordId: number): number {
  return (
    value<number>(
      db,
      `SELECT count(DISTINCT b.sha256) FROM record_files f JOIN blobs b ON b.sha256 = f.sha256 LEFT JOIN ocr_jobs j ON j.sha256 = b.sha256
       WHERE f.record_id = ? AND ${READABLE} AND ${WAITING}`,
      recordId,
    ) ?? 0
  );
}

export function recordHasFile(db: Db, recordId: number, sha256: string): string | undefined {
  return value<string>(db, 'SELECT name FROM record_files WHERE record_id = ? AND sha256 = ? ORDER BY position LIMIT 1', recordId, sha256);
}

export function correctPage(db: Db, sha256: string, page: number, text: string | null): void {
  const at = text === null ? null : nowIso();
  const changed = run(db, 'UPDATE ocr_pages SET corrected = ?, corrected_at = ? WHERE sha256 = ? AND page = ?', text, at, sha256, page).changes;
  if (changed === 0 && text !== null) {
    // A page the engine has not read (or found nothing on) can still be typed in by the clerk.
    run(db, "INSERT INTO ocr_pages(sha256, page, state, text, lines, corrected, corrected_at, updated_at) VALUES (?, ?, 'skipped', '', '[]', ?, ?, ?)", sha256, page, text, at, at);
  }
}

export function pageRow(db: Db, recordId: number, sha256: string, page: number): OcrPage | undefined {
  const r = one<PageRow>(
    db,
    `SELECT p.sha256, f.name, p.page, p.text, p.corrected FROM ocr_pages p JOIN record_files f ON f.sha256 = p.sha256 AND f.record_id = ?
     WHERE p.sha256 = ? AND p.page = ? LIMIT 1`,
    recordId,
    sha256,
    page,
  );
  return r ? toPage(r) : undefined;
}

/**
 * The lines read on each page of a file, for the binder's text layer. They are the engine's lines even on a corrected
 * page: a correction has no boxes to place, and the layer is there to be found, not read.
 */
export function fileLines(db: Db, sha256: string): Map<number, OcrLine[]> {
  const rows = all<{ page: number; lines: string; corrected: string | null }>(
    db,
    "SELECT page, lines, corrected FROM ocr_pages WHERE sha256 = ? AND state = 'done' ORDER BY page",
    sha256,
  );
  return new Map(rows.map((r) => [r.page, JSON.parse(r.lines) as OcrLine[]]));
}

export function recordLines(db: Db, recordId: number): OcrLine[][] {
  return all<{ lines: string }>(
    db,
    "SELECT p.lines FROM record_files f JOIN ocr_pages p ON p.sha256 = f.sha256 WHERE f.record_id = ? AND p.state = 'done' ORDER BY f.position, p.page",
    recordId,
  ).map((r) => JSON.parse(r.lines) as OcrLine[]);
}

/** The recognised text of records, corrections first, for suggestions. */
export function recognisedText(db: Db, recordId: number): string {
  return values<string>(
    db,
    `SELECT coalesce(p.corrected, p.text) FROM record_files f JOIN ocr_pages p ON p.sha256 = f.sha256
     WHERE f.record_id = ? ORDER BY f.position, p.page`,
    recordId,
  ).join('\n');
}

const ENABLED_KEY = 'ocr.enabled';

export function ocrEnabled(db: Db): boolean {
  return (readSetting(db, ENABLED_KEY) ?? '1') === '1';
}

export function setOcrEnabled(db: Db, enabled: boolean): void {
  writeSetting(db, ENABLED_KEY, enabled ? '1' : '0');
}

export interface RecordActivity {
  activityId: number | null;
  activity: string | null;
  attendance: number | null;
}

export function recordActivity(db: Db, recordId: number): RecordActivity | undefined {
  return one<RecordActivity>(
    db,
    'SELECT r.activity_id AS activityId, a.name AS activity, a.attendance FROM live_records r LEFT JOIN activities a ON a.id = r.activity_id WHERE r.id = ?',
    recordId,
  );
}

export function setAttendance(db: Db, activityId: number, count: number): void {
  run(db, 'UPDATE activities SET attendance = ? WHERE id = ?', count, activityId);
}
