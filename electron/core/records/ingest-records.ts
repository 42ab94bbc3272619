import path from 'node:path';
import type { AddResult } from '../../../shared/api/records.js';
import { DEFAULT_RETENTION, type Caption, type RecordType, type RetentionPeriod } from '../../../shared/domain/record.js';
import { joined, messageOf, TaizhangError } from '../../../shared/errors.js';
import { formatDateTime } from '../../../shared/text/dates.js';
import type { CallContext } from '../handler-types.js';
import { declareYear } from '../index/declare-year.js';
import { checkSource, discardStaged, discardUnreferenced, installSources, storeSource, type StoredSource } from '../files/ingest.js';
import { insertBlob } from '../files/repository.js';
import { reindexRecords } from '../search/indexer.js';
import type { Archive } from '../store/archive-folder.js';
import { chooseTitle, dateInText, filingYear, headingLine, inferType, machineName, numberedTitle, ownTitle, type TitleChoice } from './naming.js';
import { activityIdFor, addRecordFile, insertRecord, setRecordItems, setRecordTags, titlesStartingWith } from './repository.js';
import { writeTransaction } from '../store/database.js';
import { one } from '../store/sql.js';

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
  /** The year was already chosen by filingYear (a folder plan the clerk reviewed): the file's own date does not move it. */
  yearSettled?: boolean;
  itemIds: number[];
  given: GivenMetadata;
  activity: { name: string; date: string | null } | null;
  /** A date from the folder the files came from, used when the file name has none. */
  folderDate?: string | null;
}

type Outcome = AddResult['records'][number];
type Stored = { source: StoredSource; label: string };

/**
 * Files records one by one. Per file: checked, hashed, read, stored atomically; per record: one transaction that
 * writes the blob rows, the record, its files, links, tags and search index. A bad file is reported and skipped;
 * the others go on. Cancelling stops between files and keeps only records already complete. A record given no item
 * waits in the inbox.
 */
export async function fileRecords(archive: Archive, drafts: readonly RecordDraft[], ctx: CallContext): Promise<AddResult> {
  const result: AddResult = { records: [], inbox: 0, duplicates: [], warnings: [], errors: [] };
  const total = drafts.reduce((n, d) => n + d.sources.length, 0);
  let done = 0;
  for (const [index, draft] of drafts.entries()) {
    if (ctx.signal?.aborted) {
      const left = drafts.slice(index).reduce((n, d) => n + d.sources.length, 0);
      result.warnings.push({ file: '', message: joined({ zh: `已取消，其余 ${left} 个文件未导入`, en: `Cancelled; ${left} files not imported` }) });
      break;
    }
    const outcome = await fileOneRecord(archive, draft, result, ctx, (label) => {
      done += 1;
      // The file's own name: never the folder it was uploaded to or read from.
      ctx.onProgress?.({ stage: '导入文件 / importing', done, total, message: path.basename(label) });
    });
    if (outcome) {
      result.records.push(outcome);
      if (outcome.inbox) result.inbox += 1;
    }
  }
  return result;
}

async function fileOneRecord(
  archive: Archive,
  draft: RecordDraft,
  result: AddResult,
  ctx: CallContext,
  tick: (label: string) => void,
): Promise<Outcome | null> {
  const stored: Stored[] = [];
  const seen = new Set<string>();
  for (const { path: file, label } of draft.sources) {
    if (ctx.signal?.aborted) {
      await discardStaged(archive.files, stored.flatMap((s) => s.source.pending));
      throw new TaizhangError('cancelled', { zh: '已取消，本件未保存', en: 'Cancelled; this record was not saved' });
    }
    try {
      const checked = await checkSource(archive.files, file);
      const existing = existingRecord(archive, checked.sha256, draft.year);
      if (existing?.trashed) {
        result.warnings.push({
          file: label,
          message: joined({
            zh: `回收站中有相同内容的第 ${existing.id} 件「${existing.title}」，已另建新件；也可从回收站恢复原件`,
            en: `The same content is in the trash as record ${existing.id}; a new record was made`,
          }),
        });
      }
      if (existing && !existing.trashed) {
        await discardStaged(archive.files, [{ tmp: checked.staged }]);
        result.duplicates.push({ file: label, id: existing.id, title: existing.title });
      } else if (seen.has(checked.sha256)) {
        await discardStaged(archive.files, [{ tmp: checked.staged }]);
        result.duplicates.push({ file: label, id: null, title: null });
      } else {
        seen.add(checked.sha256);
        const source = await storeSource(archive, checked);
        stored.push({ source, label });
        for (const message of source.warnings) result.warnings.push({ file: label, message });
      }
    } catch (err) {
      result.errors.push({ file: label, message: joined(messageOf(err)) });
    }
    tick(label);
  }
  if (stored.length === 0) return null;
  let settled = settleYear(draft, stored);
  let kept = stored;
  if (settled.draft.year !== draft.year) {
    // The duplicate check above looked in the year asked for; a file moved to its own year is checked there too.
    kept = await dropFiledIn(archive, settled.draft.year, stored, result);
    if (kept.length === 0) return null;
    if (kept.length < stored.length) settled = settleYear(draft, kept);
  }
  try {
    await installSources(archive.files, kept.map((s) => s.source));
    return writeRecord(archive, settled, kept, result);
  } catch (err) {
    await discardUnreferenced(archive, kept.map((s) => s.source));
    const cause = messageOf(err);
    const message = joined({ zh: `未能保存，档案未改动：${cause.zh}`, en: `Not saved; the archive is unchanged: ${cause.en}` });
    for (const s of kept) result.errors.push({ file: s.label, message });
    return null;
  }
}

/** What the files say about the record when the clerk did not: its date, type, caption and title. */
interface ReadFacts {
  date: string | null;
  type: RecordType;
  caption: Caption;
  title: TitleChoice;
}

function readFacts(draft: RecordDraft, stored: readonly Stored[]): ReadFacts {
  const given = draft.given;
  const first = stored[0]!;
  const blob = first.source.blob;
  const name = path.basename(first.label);
  const machine = machineName(name);
  const exifMoment = stored.map((s) => s.source.blob.exifDate).find((d): d is string => d !== null) ?? null;
  // A date a person wrote into the name comes first; a machine's name only stands in for missing EXIF.
  const nameDate = machine ? null : dateInText(name);
  const date = given.date !== undefined ? given.date : (nameDate ?? draft.folderDate ?? exifMoment?.slice(0, 10) ?? machine?.date ?? null);
  const own = blob.kind === 'image' ? null : (ownTitle(blob.docTitle) ?? headingLine(blob.text));
  const type = given.type ?? inferType(`${first.source.name} ${own ?? ''}`, blob.kind);
  const caption: Caption = { ...given.caption };
  if (blob.kind === 'image' && type === '照片') {
    const time = formatDateTime(exifMoment ?? machine?.dateTime ?? machine?.date ?? nameDate);
    if (!caption.time?.trim() && time) caption.time = time;
    const artist = stored.map((s) => s.source.blob.artist).find((a): a is string => Boolean(a));
    if (!caption.photographer?.trim() && artist) caption.photographer = artist;
  }
  const title: TitleChoice = given.title
    ? { title: given.title, supplied: given.titleSupplied ?? false, numbered: false }
    : chooseTitle({
        fileName: first.source.name, kind: blob.kind, type, year: draft.year, date, activity: draft.activity?.name ?? null,
        subject: caption.subject?.trim() || null, docTitle: blob.docTitle, text: blob.text,
      });
  return { date, type, caption, title };
}

/** The record as it will be written: in the year its own date puts it (filingYear), with what its files say. */
interface Settled {
  asked: RecordDraft;
  draft: RecordDraft;
  facts: ReadFacts;
}

function settleYear(asked: RecordDraft, stored: readonly Stored[]): Settled {
  const askedFacts = readFacts(asked, stored);
  const year = asked.yearSettled ? asked.year : filingYear(asked.year, askedFacts.date, asked.itemIds.length === 0);
  if (year === asked.year) return { asked, draft: asked, facts: askedFacts };
  const draft = { ...asked, year };
  // Read again in its own year: a title naming the year must name the right one.
  return { asked, draft, facts: readFacts(draft, stored) };
}

/** Drops, as duplicates, the files a live record of `year` already holds; the rest are kept. */
async function dropFiledIn(archive: Archive, year: number, stored: readonly Stored[], result: AddResult): Promise<Stored[]> {
  const kept: Stored[] = [];
  for (const s of stored) {
    const existing = existingRecord(archive, s.source.blob.sha256, year);
    if (existing && !existing.trashed) {
      await discardStaged(archive.files, s.source.pending);
      result.duplicates.push({ file: s.label, id: existing.id, title: existing.title });
    } else {
      kept.push(s);
    }
  }
  return kept;
}

function writeRecord(archive: Archive, settled: Settled, stored: Stored[], result: AddResult): Outcome {
  const { asked, draft, facts } = settled;
  const given = asked.given;
  const inbox = asked.itemIds.length === 0;
  const year = draft.year;
  const { date } = facts;
  if (year !== asked.year) {
    result.warnings.push({
      file: stored[0]!.label,
      message: joined({
        zh: `日期 ${date} 在 ${year} 年，已放入 ${year} 年度的“待归类”（不与 ${asked.year} 年度的资料混放）`,
        en: `Dated ${date}: filed in the inbox of ${year}, not ${asked.year}`,
      }),
      otherYear: year,
    });
  } else if (date && Number(date.slice(0, 4)) !== draft.year) {
    result.warnings.push({
      file: stored[0]!.label,
      message: joined({ zh: `日期 ${date} 不在 ${draft.year} 年度内，请核对`, en: `The date ${date} is outside year ${draft.year}` }),
    });
  }
  const db = archive.db;
  const written = writeTransaction(db, () => {
    declareYear(archive.db, draft.year);
    const activityId = draft.activity ? activityIdFor(db, draft.year, draft.activity.name, draft.activity.date ?? date) : null;
    // Numbered inside the transaction, so two imports at once cannot both take the same number.
    const title = facts.title.numbered ? numberedTitle(facts.title.title, titlesStartingWith(db, draft.year, facts.title.title)) : facts.title.title;
    const recordId = insertRecord(db, {
      year: draft.year,
      title,
      titleSupplied: facts.title.supplied,
      docNo: given.docNo ?? '',
      author: given.author ?? '',
      date,
      type: facts.type,
      retention: given.retention ?? DEFAULT_RETENTION,
      secrecy: given.secrecy ?? '',
      note: given.note ?? '',
      caption: facts.caption,
      activityId,
      carriedFrom: null,
      attachmentConfirmed: false,
    });
    for (const { source } of stored) {
      insertBlob(db, source.blob);
      addRecordFile(db, recordId, source.blob.sha256, source.name);
    }
    setRecordItems(db, recordId, draft.itemIds);
    setRecordTags(db, recordId, given.tags ?? []);
    reindexRecords(db, [recordId]);
    return { id: recordId, title };
  });
  return { ...written, year, files: stored.length, inbox };
}

/** A record of that year already holding this content: a live one first, else one in the trash. */
function existingRecord(archive: Archive, sha256: string, year: number): { id: number; title: string; trashed: boolean } | null {
  const row = one<{ id: number; title: string; trashed: number }>(
    archive.db,
    `SELECT r.id, r.title, r.deleted_at IS NOT NULL AS trashed
     FROM record_files f JOIN records r ON r.id = f.record_id
     WHERE f.sha256 = ? AND r.year = ? ORDER BY r.deleted_at IS NOT NULL, r.id LIMIT 1`,
    sha256,
    year,
  );
  return row ? { id: row.id, title: row.title, trashed: row.trashed === 1 } : null;
}
