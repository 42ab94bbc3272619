import { z } from 'zod';
import { CAPTION_FIELDS, type Caption, type RecordType, type RetentionPeriod } from '../domain/record.js';
import { idSchema, isoDateSchema, itemCodeSchema, pathSchema, recordTypeSchema, retentionSchema, yearSchema } from './schemas.js';
import { method } from './method.js';

export type FileKind = 'pdf' | 'image' | 'docx' | 'xlsx' | 'office' | 'other';

export interface StoredFile {
  id: number;
  sha256: string;
  name: string;
  kind: FileKind;
  mime: string;
  size: number;
  pages: number | null;
  width: number | null;
  height: number | null;
  exifDate: string | null;
  camera: string | null;
  /** Why this file cannot go into a binder, when it cannot. */
  binderNote: string | null;
}

export interface ItemRef {
  editionId: number;
  code: string;
  title: string;
  /** "1 思想道德建设 › 1.2 志愿服务" */
  path: string;
}

export interface RecordSummary {
  id: number;
  year: number;
  title: string;
  titleSupplied: boolean;
  docNo: string;
  author: string;
  date: string | null;
  type: RecordType;
  retention: RetentionPeriod;
  activityId: number | null;
  activity: string | null;
  items: ItemRef[];
  files: number;
  pages: number;
  /** sha256 of the first image or PDF, for thumbnails. */
  thumb: string | null;
  /** 档号 given at 归档 (a carried-over record shows its original's); null before 归档. */
  archivalCode: string | null;
  /** 件号 in its class; null before 归档. */
  piece: number | null;
  /** 密级: '' (none), 秘密 or 机密. */
  secrecy: string;
}

/** A record's stored archival identity (DA/T 22). */
export interface RecordIdentity {
  archivalCode: string;
  piece: number;
  /** 年度 of the 档号: for a carried-over record, the original's year. */
  year: number;
  retention: RetentionPeriod;
  problem: string;
  volumeNo: number;
  volumeCode: string;
  archivedOn: string;
  /** A copy carried over from an earlier year (年度结转): the identity is the original's. */
  carried: boolean;
}

export interface RecordDetail extends RecordSummary {
  note: string;
  tags: string[];
  caption: Caption;
  fileList: StoredFile[];
  carriedFrom: number | null;
  createdAt: string;
  updatedAt: string;
  /** Set while the record is in the trash. */
  deletedAt: string | null;
  identity: RecordIdentity | null;
  /** Numbers this record held before a 撤销归档, oldest first. */
  withdrawals: { piece: number; archivalCode: string; reason: string; on: string }[];
}

export interface Activity {
  id: number;
  year: number;
  name: string;
  date: string | null;
  caption: Caption;
  records: number;
  /** Types present, for "有方案/有签到/有照片/有总结" at a glance. */
  types: RecordType[];
}

export interface AddResult {
  records: { id: number; title: string; files: number; duplicate?: boolean }[];
  warnings: { file: string; message: string }[];
  errors: { file: string; message: string }[];
}

export interface CarryOverResult {
  carried: number;
  year: number;
  /** Standing records carried by an earlier run (running again adds nothing). */
  alreadyCarried: number;
  warnings: string[];
}

export interface FolderPlanEntry {
  file: string;
  year: number | null;
  items: string[];
  activity: string | null;
  date: string | null;
  type: RecordType;
  title: string;
  /** Why it could not be placed, when it could not. */
  problem: string | null;
}

export interface FolderPlan {
  root: string;
  entries: FolderPlanEntry[];
  unplaced: number;
  /** Activities the import would create or fill, by year. */
  activities: { year: number; name: string; date: string | null; files: number }[];
}

const captionSchema = z
  .object(Object.fromEntries(CAPTION_FIELDS.map((f) => [f, z.string().max(2000)])) as Record<(typeof CAPTION_FIELDS)[number], z.ZodString>)
  .partial()
  .strict();

const metadataSchema = z
  .object({
    title: z.string().trim().min(1, '题名不能为空 / empty title').max(500),
    titleSupplied: z.boolean(),
    docNo: z.string().trim().max(200),
    author: z.string().trim().max(200),
    date: isoDateSchema.nullable(),
    type: recordTypeSchema,
    retention: retentionSchema,
    secrecy: z.enum(['', '秘密', '机密'], { message: '密级应为 秘密、机密 或留空 / secrecy must be 秘密, 机密 or blank' }),
    note: z.string().max(5000),
    tags: z.array(z.string().trim().min(1).max(50)).max(50),
    caption: captionSchema,
    activity: z.string().trim().max(200).nullable(),
  })
  .partial();

export const recordFilterSchema = z
  .object({
    year: yearSchema.optional(),
    item: itemCodeSchema.optional(),
    /** Include records of sub-items and of items mapped from earlier editions. */
    subtree: z.boolean().default(true),
    type: recordTypeSchema.optional(),
    activityId: idSchema.optional(),
    tag: z.string().optional(),
    deleted: z.boolean().default(false),
  })
  .strict();

/**
 * A folder tree to import. `year` and `items` are defaults for files whose folders name no year or no item; without
 * them such files are reported as unplaced and not imported.
 */
const folderArgsSchema = z
  .object({ dir: pathSchema, year: yearSchema.optional(), items: z.array(itemCodeSchema).optional() })
  .strict();

export const recordsMethods = {
  'records.add': method<AddResult>()(
    z
      .object({
        files: z.array(pathSchema).min(1, '至少需要一个文件 / at least one file'),
        year: yearSchema,
        items: z.array(itemCodeSchema).default([]),
        /** One record holding all files (e.g. a scanned document in several images) instead of one per file. */
        single: z.boolean().default(false),
      })
      .extend(metadataSchema.shape)
      .strict(),
    { longTask: true },
  ),
  'records.planFolder': method<FolderPlan>()(folderArgsSchema),
  'records.importFolder': method<AddResult & { plan: FolderPlan }>()(folderArgsSchema, { longTask: true }),
  'records.list': method<RecordSummary[]>()(recordFilterSchema),
  'records.get': method<RecordDetail>()(z.object({ id: idSchema }).strict()),
  'records.update': method<RecordDetail>()(
    z.object({ id: idSchema, items: z.array(itemCodeSchema).optional(), year: yearSchema.optional() }).extend(metadataSchema.shape).strict(),
  ),
  'records.bulkUpdate': method<{ updated: number }>()(
    z
      .object({
        ids: z.array(idSchema).min(1),
        items: z.array(itemCodeSchema).optional(),
        addItems: z.array(itemCodeSchema).optional(),
        type: recordTypeSchema.optional(),
        year: yearSchema.optional(),
        date: isoDateSchema.nullable().optional(),
        activity: z.string().trim().max(200).nullable().optional(),
      })
      .strict(),
  ),
  /** Moves records to the trash; nothing is lost by one key. */
  'records.delete': method<{ deleted: number }>()(z.object({ ids: z.array(idSchema).min(1) }).strict()),
  'records.restore': method<{ restored: number }>()(z.object({ ids: z.array(idSchema).min(1) }).strict()),
  'records.undo': method<{ undone: string | null }>()(z.object({}).strict()),
  'records.carryOver': method<CarryOverResult>()(
    z.object({ from: yearSchema, to: yearSchema }).strict(),
  ),
  'records.activities': method<Activity[]>()(z.object({ year: yearSchema }).strict()),
  'records.updateActivity': method<Activity>()(
    z.object({ id: idSchema, name: z.string().trim().min(1).max(200).optional(), date: isoDateSchema.nullable().optional(), caption: captionSchema.optional() }).strict(),
  ),
} as const;
