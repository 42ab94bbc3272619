import { parseCaption } from '../../../shared/domain/caption.js';
import type { Activity, ItemRef, RecordDetail, RecordIdentity, RecordSummary, StoredFile } from '../../../shared/api/records.js';
import { inheritedCaption, type Caption, type RecordType, type RetentionPeriod } from '../../../shared/domain/record.js';
import { TaizhangError } from '../../../shared/errors.js';
import { findItemOfYear, resolveEdition } from '../index/editions.js';
import { itemPaths } from '../index/tree.js';
import { nowIso } from '../store/archive-folder.js';
import type { Db } from '../store/database.js';
import { all, idList, one, run, statement, value, values } from '../store/sql.js';

/** The columns of a record a clerk edits. */
export interface RecordFields {
  year: number;
  title: string;
  titleSupplied: boolean;
  docNo: string;
  author: string;
  date: string | null;
  type: RecordType;
  retention: RetentionPeriod;
  secrecy: string;
  note: string;
  caption: Caption;
  activityId: number | null;
  carriedFrom: number | null;
  /** The clerk confirmed a record of attachments only as material. */
  attachmentConfirmed: boolean;
}

/**
 * Item ids for codes in the edition the year uses (or will use: a new year takes the newest edition; no year means
 * the newest). Throws a clear error naming the first unknown code, before anything is written.
 */
export function resolveItemCodes(db: Db, year: number | undefined, codes: readonly string[]): number[] {
  if (codes.length === 0) return [];
  const edition = resolveEdition(db, { year });
  return [...new Set(codes.map((code) => findItemOfYear(db, edition, code, year).id))];
}

/** The activity of that name in that year, created on first use. */
export function activityIdFor(db: Db, year: number, name: string, date: string | null): number {
  const existing = value<number>(db, 'SELECT id FROM activities WHERE year = ? AND name = ?', year, name);
  if (existing !== undefined) return existing;
  return Number(run(db, 'INSERT INTO activities(year, name, date) VALUES (?, ?, ?)', year, name, date).lastInsertRowid);
}

export function insertRecord(db: Db, f: RecordFields): number {
  const now = nowIso();
  return Number(
    run(
      db,
      `INSERT INTO records(year, title, title_supplied, doc_no, author, date, type, retention, secrecy, note, caption, activity_id, carried_from,
                           attachment_confirmed, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      f.year, f.title, f.titleSupplied ? 1 : 0, f.docNo, f.author, f.date, f.type, f.retention, f.secrecy, f.note, JSON.stringify(f.caption),
      f.activityId, f.carriedFrom, f.attachmentConfirmed ? 1 : 0, now, now,
    ).lastInsertRowid,
  );
}

export function setRecordItems(db: Db, recordId: number, itemIds: readonly number[]): void {
  run(db, 'DELETE FROM record_items WHERE record_id = ?', recordId);
  addRecordItems(db, recordId, itemIds);
}

export function addRecordItems(db: Db, recordId: number, itemIds: readonly number[]): void {
  const insert = statement(db, 'INSERT OR IGNORE INTO record_items(record_id, item_id) VALUES (?, ?)');
  for (const item of itemIds) insert.run(recordId, item);
}

export function setRecordTags(db: Db, recordId: number, tags: readonly string[]): void {
  run(db, 'DELETE FROM record_tags WHERE record_id = ?', recordId);
  const insert = statement(db, 'INSERT OR IGNORE INTO record_tags(record_id, tag) VALUES (?, ?)');
  for (const tag of tags) insert.run(recordId, tag);
}

export function addRecordFile(db: Db, recordId: number, sha256: string, name: string): void {
  // An aggregate always gives a row; 0 stands for an empty record all the same.
  const position = value<number>(db, 'SELECT coalesce(max(position) + 1, 0) FROM record_files WHERE record_id = ?', recordId) ?? 0;
  run(db, 'INSERT OR IGNORE INTO record_files(record_id, sha256, name, position) VALUES (?, ?, ?, ?)', recordId, sha256, name, position);
}

/** A row of `records` as stored. */
export interface RecordTableRow {
  id: number;
  year: number;
  title: string;
  title_supplied: number;
  doc_no: string;
  author: string;
  date: string | null;
  type: RecordType;
  retention: RetentionPeriod;
  secrecy: string;
  note: string;
  caption: string;
  activity_id: number | null;
  carried_from: number | null;
  attachment_confirmed: number;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

interface RecordRow extends RecordTableRow {
  activity: string | null;
  activity_caption: string | null;
  files: number;
  pages: number;
  thumb: string | null;
  archival_code: string | null;
  piece: number | null;
  inbox: number;
  attachment_only: number;
}

/** A record of `records r` linked to no item: it waits in the inbox (待归类). */
export const IN_INBOX = 'NOT EXISTS (SELECT 1 FROM record_items ri0 WHERE ri0.record_id = r.id)';

/** Every file of `records r` can only be kept as an attachment (each has a binder note). */
const ATTACHMENT_ONLY = `(EXISTS (SELECT 1 FROM record_files f0 WHERE f0.record_id = r.id)
  AND NOT EXISTS (SELECT 1 FROM record_files f0 JOIN blobs b0 ON b0.sha256 = f0.sha256 WHERE f0.record_id = r.id AND b0.binder_note IS NULL))`;

/**
 * A record of `records r` that completeness counts: one with a file that can go into a binder, or one the clerk has
 * confirmed although it holds only attachments.
 */
export const COUNTS_AS_MATERIAL = `(r.attachment_confirmed = 1 OR NOT ${ATTACHMENT_ONLY})`;

const SUMMARY_SELECT = `
  SELECT r.*, a.name AS activity, a.caption AS activity_caption, ${IN_INBOX} AS inbox, ${ATTACHMENT_ONLY} AS attachment_only,
    (SELECT count(*) FROM record_files f WHERE f.record_id = r.id) AS files,
    coalesce((SELECT p.pages FROM record_pages p WHERE p.record_id = r.id), 0) AS pages,
    (SELECT f.sha256 FROM record_files f JOIN blobs b ON b.sha256 = f.sha256
       WHERE f.record_id = r.id AND b.kind IN ('image', 'pdf') ORDER BY f.position LIMIT 1) AS thumb,
    ident.archival_code, ident.piece
  FROM records r LEFT JOIN activities a ON a.id = r.activity_id LEFT JOIN record_identity ident ON ident.record_id = r.id`;

export interface SummaryQuery {
  where: string[];
  params: unknown[];
}

/** Record summaries for a WHERE over `records r`, ordered as a clerk reads a year: by date, then as filed. */
export function selectSummaries(db: Db, query: SummaryQuery): RecordSummary[] {
  const where = query.where.length > 0 ? `WHERE ${query.where.join(' AND ')}` : '';
  const rows = all<RecordRow>(db, `${SUMMARY_SELECT} ${where} ORDER BY r.year, r.date IS NULL, r.date, r.id`, ...query.params);
  const items = itemsOfRecords(db, rows.map((r) => r.id));
  return rows.map((r) => toSummary(r, items.get(r.id) ?? []));
}

function toSummary(r: RecordRow, items: ItemRef[]): RecordSummary {
  return {
    id: r.id,
    year: r.year,
    title: r.title,
    titleSupplied: r.title_supplied === 1,
    docNo: r.doc_no,
    author: r.author,
    date: r.date,
    type: r.type,
    retention: r.retention,
    activityId: r.activity_id,
    activity: r.activity,
    items,
    files: r.files,
    pages: r.pages,
    thumb: r.thumb,
    archivalCode: r.archival_code,
    piece: r.piece,
    secrecy: r.secrecy,
    inbox: r.inbox === 1,
    attachmentOnly: r.attachment_only === 1,
    attachmentConfirmed: r.attachment_confirmed === 1,
  };
}

/** Item links of many records at once, each with its path, in index order. */
export function itemsOfRecords(db: Db, recordIds: readonly number[]): Map<number, ItemRef[]> {
  const out = new Map<number, ItemRef[]>();
  if (recordIds.length === 0) return out;
  const rows = all<{ record_id: number; id: number; edition_id: number; code: string; title: string }>(
    db,
    `SELECT ri.record_id, i.id, i.edition_id, i.code, i.title FROM record_items ri JOIN items i ON i.id = ri.item_id
     WHERE ri.record_id IN (SELECT value FROM json_each(?)) ORDER BY i.edition_id, i.code`,
    idList(recordIds),
  );
  const paths = itemPaths(db, [...new Set(rows.map((r) => r.id))]);
  for (const r of rows) {
    const list = out.get(r.record_id) ?? [];
    list.push({ editionId: r.edition_id, code: r.code, title: r.title, path: paths.get(r.id) ?? `${r.code} ${r.title}` });
    out.set(r.record_id, list);
  }
  return out;
}

export function getRecordDetail(db: Db, id: number, options: { includeDeleted?: boolean } = {}): RecordDetail {
  const row = one<RecordRow>(db, `${SUMMARY_SELECT} WHERE r.id = ?`, id);
  if (!row || (row.deleted_at && !options.includeDeleted)) {
    throw new TaizhangError('not_found', `没有第 ${id} 件记录${row?.deleted_at ? '（已在回收站）' : ''} / No record ${id}`);
  }
  const summary = toSummary(row, itemsOfRecords(db, [id]).get(id) ?? []);
  const tags = values<string>(db, 'SELECT tag FROM record_tags WHERE record_id = ? ORDER BY tag', id);
  const fileList = all<StoredFile>(
    db,
    `SELECT f.id, f.sha256, f.name, b.kind, b.mime, b.size, b.pages, b.width, b.height, b.exif_date AS exifDate, b.camera,
            b.binder_note AS binderNote
     FROM record_files f JOIN blobs b ON b.sha256 = f.sha256 WHERE f.record_id = ? ORDER BY f.position, f.id`,
    id,
  );
  const caption = parseCaption(row.caption);
  return {
    ...summary,
    note: row.note,
    tags,
    caption,
    inheritedCaption: inheritedCaption(caption, parseCaption(row.activity_caption)),
    fileList,
    carriedFrom: row.carried_from,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    deletedAt: row.deleted_at,
    identity: recordIdentity(db, id),
    withdrawals: all<RecordDetail['withdrawals'][number]>(
      db,
      `SELECT piece, archival_code AS archivalCode, withdraw_reason AS reason, withdrawn_on AS "on"
       FROM archival_numbers WHERE record_id = ? AND withdrawn_on IS NOT NULL ORDER BY id`,
      id,
    ),
  };
}

interface IdentityRow {
  archival_code: string;
  piece: number;
  year: number;
  retention: RetentionPeriod;
  problem: string;
  volume_no: number;
  volume_code: string;
  archived_on: string;
  carried: number;
}

/** The record's stored 档号 and where it stands (its original's, for a carried-over copy); null before 归档. */
export function recordIdentity(db: Db, recordId: number): RecordIdentity | null {
  const row = one<IdentityRow>(db, 'SELECT * FROM record_identity WHERE record_id = ?', recordId);
  return row
    ? {
        archivalCode: row.archival_code, piece: row.piece, year: row.year, retention: row.retention, problem: row.problem,
        volumeNo: row.volume_no, volumeCode: row.volume_code, archivedOn: row.archived_on, carried: row.carried === 1,
      }
    : null;
}

interface ActivityRow {
  id: number;
  year: number;
  name: string;
  date: string | null;
  caption: string;
  records: number;
  types: string | null;
}

const ACTIVITY_SELECT = `
  SELECT a.id, a.year, a.name, a.date, a.caption,
         (SELECT count(*) FROM live_records r WHERE r.activity_id = a.id) AS records,
         (SELECT group_concat(DISTINCT r.type) FROM live_records r WHERE r.activity_id = a.id) AS types
  FROM activities a`;

export function listActivities(db: Db, year: number): Activity[] {
  const rows = all<ActivityRow>(db, `${ACTIVITY_SELECT} WHERE a.year = ? ORDER BY a.date IS NULL, a.date, a.id`, year);
  return rows.map(toActivity);
}

export function getActivity(db: Db, id: number): Activity {
  const row = one<ActivityRow>(db, `${ACTIVITY_SELECT} WHERE a.id = ?`, id);
  if (!row) throw new TaizhangError('not_found', `没有编号为 ${id} 的活动 / No activity ${id}`);
  return toActivity(row);
}

function toActivity(r: ActivityRow): Activity {
  return {
    id: r.id,
    year: r.year,
    name: r.name,
    date: r.date,
    caption: parseCaption(r.caption),
    records: r.records,
    types: (r.types ? r.types.split(',') : []) as RecordType[],
  };
}

/** Titles of a year's records that start with `prefix` (live or in the trash), to number a new one after them. */
export function titlesStartingWith(db: Db, year: number, prefix: string): string[] {
  return values<string>(db, 'SELECT title FROM records WHERE year = ? AND substr(title, 1, ?) = ?', year, prefix.length, prefix);
}
