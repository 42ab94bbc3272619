import path from 'node:path';
import type { AddResult } from '../../../shared/api/records.js';
import { DEFAULT_RETENTION, type Caption, type RecordType, type RetentionPeriod } from '../../../shared/domain/record.js';
import { TaizhangError, toErrorPayload } from '../../../shared/errors.js';
import type { CallContext } from '../handler-types.js';
import { declareYear } from '../index/years.js';
import { checkSource, discardUnreferenced, insertBlob, storeSource, type StoredSource } from '../files/ingest.js';
import { reindexRecords } from '../search/indexer.js';
import type { Archive } from '../store/archive-folder.js';
import { dateInText, inferType, titleFromFileName } from './naming.js';
import { activityIdFor, addRecordFile, insertRecord, setRecordItems, setRecordTags } from './repository.js';
import { writeTransaction } from '../store/database.js';

/** Metadata a clerk gave for the records being filed; anything missing is read from the files. */
export interface GivenMetadata {
  title?: string | undefined;
  titleSupplied?: boolean | undefined;
  docNo?: string | undefined;
  author?: string | undefined;
  date?: string | null | undefined;
  type?: RecordType | undefined;
  retention?: RetentionPeriod | undefined;
  secrecy?: string | undefined;
  note?: string | undefined;
  tags?: string[] | undefined;
  caption?: Caption | undefined;
}

/** One record to file: its files, where it goes, and what is known about it. */
export interface RecordDraft {
  /** Paths on disk; `label` is how the clerk named each one (shown in errors). */
  sources: { path: string; label: string }[];
  year: number;
  itemIds: number[];
  given: GivenMetadata;
  activity: { name: string; date: string | null } | null;
  /** A date from the folder the files came from, used when the file name has none. */
  folderDate?: string | null;
}

type Outcome = AddResult['records'][number];

/**
 * Files records one by one. Per file: checked, hashed, read, stored atomically; per record: one transaction that
 * writes the blob rows, the record, its files, links, tags and search index. A bad file is reported and skipped;
 * the others go on. Cancelling stops between files and keeps only records already complete.
 */
export async function fileRecords(archive: Archive, drafts: readonly RecordDraft[], ctx: CallContext): Promise<AddResult> {
  const result: AddResult = { records: [], warnings: [], errors: [] };
  const total = drafts.reduce((n, d) => n + d.sources.length, 0);
  let done = 0;
  for (const [index, draft] of drafts.entries()) {
    if (ctx.signal?.aborted) {
      const left = drafts.slice(index).reduce((n, d) => n + d.sources.length, 0);
      result.warnings.push({ file: '', message: `已取消，其余 ${left} 个文件未导入 / Cancelled; ${left} files not imported` });
      break;
    }
    const outcome = await fileOneRecord(archive, draft, result, ctx, () => {
      done += 1;
      ctx.onProgress?.({ stage: '导入文件 / importing', done, total, message: draft.sources[0]?.label ?? '' });
    });
    if (outcome) result.records.push(outcome);
  }
  return result;
}

async function fileOneRecord(
  archive: Archive,
  draft: RecordDraft,
  result: AddResult,
  ctx: CallContext,
  tick: () => void,
): Promise<Outcome | null> {
  const stored: { source: StoredSource; label: string }[] = [];
  let duplicateOf: Outcome | null = null;
  const seen = new Set<string>();
  for (const { path: file, label } of draft.sources) {
    if (ctx.signal?.aborted) {
      await discardUnreferenced(archive, stored.map((s) => s.source));
      throw new TaizhangError('cancelled', '已取消，本件未保存 / Cancelled; this record was not saved');
    }
    try {
      const checked = await checkSource(file);
      const existing = existingRecord(archive, checked.sha256, draft.year);
      if (existing?.trashed) {
        result.warnings.push({
          file: label,
          message: `回收站中有相同内容的第 ${existing.id} 件「${existing.title}」，已另建新件；也可从回收站恢复原件 / The same content is in the trash`,
        });
      }
      if (existing && !existing.trashed) {
        duplicateOf ??= { id: existing.id, title: existing.title, files: existing.files, duplicate: true };
        result.warnings.push({
          file: label,
          message: `${draft.year} 年度已有相同内容的文件（第 ${existing.id} 件「${existing.title}」），未重复添加 / Already filed as record ${existing.id}`,
        });
      } else if (seen.has(checked.sha256)) {
        result.warnings.push({ file: label, message: '同一批中重复的文件，只保存一次 / Same file twice in this batch; kept once' });
      } else {
        seen.add(checked.sha256);
        const source = await storeSource(archive, checked);
        stored.push({ source, label });
        for (const message of source.warnings) result.warnings.push({ file: label, message });
      }
    } catch (err) {
      result.errors.push({ file: label, message: toErrorPayload(err).message });
    }
    tick();
  }
  if (stored.length === 0) return duplicateOf;
  try {
    return writeRecord(archive, draft, stored, result);
  } catch (err) {
    await discardUnreferenced(archive, stored.map((s) => s.source));
    const message = `未能保存，档案未改动：${toErrorPayload(err).message} / Not saved; the archive is unchanged`;
    for (const s of stored) result.errors.push({ file: s.label, message });
    return null;
  }
}

function writeRecord(archive: Archive, draft: RecordDraft, stored: { source: StoredSource; label: string }[], result: AddResult): Outcome {
  const first = stored[0]!.source;
  const given = draft.given;
  const title = given.title ?? titleFromFileName(first.name);
  const type = given.type ?? inferType(`${first.name} ${title}`, first.blob.kind);
  const exifDate = stored.map((s) => s.source.blob.exifDate).find((d): d is string => d !== null)?.slice(0, 10) ?? null;
  const date = given.date !== undefined ? given.date : (dateInText(path.basename(stored[0]!.label)) ?? draft.folderDate ?? exifDate);
  if (date && Number(date.slice(0, 4)) !== draft.year) {
    result.warnings.push({ file: stored[0]!.label, message: `日期 ${date} 不在 ${draft.year} 年度内，请核对 / The date is outside year ${draft.year}` });
  }
  const db = archive.db;
  const id = writeTransaction(db, () => {
    declareYear(archive.db, draft.year);
    const activityId = draft.activity ? activityIdFor(db, draft.year, draft.activity.name, draft.activity.date ?? date) : null;
    const recordId = insertRecord(db, {
      year: draft.year,
      title,
      titleSupplied: given.titleSupplied ?? false,
      docNo: given.docNo ?? '',
      author: given.author ?? '',
      date,
      type,
      retention: given.retention ?? DEFAULT_RETENTION,
      secrecy: given.secrecy ?? '',
      note: given.note ?? '',
      caption: given.caption ?? {},
      activityId,
      carriedFrom: null,
    });
    for (const { source } of stored) {
      insertBlob(db, source.blob);
      addRecordFile(db, recordId, source.blob.sha256, source.name);
    }
    setRecordItems(db, recordId, draft.itemIds);
    setRecordTags(db, recordId, given.tags ?? []);
    reindexRecords(db, [recordId]);
    return recordId;
  });
  return { id, title, files: stored.length };
}

/** A record of that year already holding this content: a live one first, else one in the trash. */
function existingRecord(archive: Archive, sha256: string, year: number): (Outcome & { trashed: boolean }) | null {
  const row = archive.db
    .prepare(
      `SELECT r.id, r.title, (SELECT count(*) FROM record_files x WHERE x.record_id = r.id) AS files, r.deleted_at IS NOT NULL AS trashed
       FROM record_files f JOIN records r ON r.id = f.record_id
       WHERE f.sha256 = ? AND r.year = ? ORDER BY r.deleted_at IS NOT NULL, r.id LIMIT 1`,
    )
    .get(sha256, year) as { id: number; title: string; files: number; trashed: number } | undefined;
  return row ? { id: row.id, title: row.title, files: row.files, trashed: row.trashed === 1 } : null;
}
