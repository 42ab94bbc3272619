import { z } from 'zod';
import { CAPTION_FIELDS, SECRECY_LEVELS, type Caption, type RecordType, type RetentionPeriod } from '../domain/record.js';
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

/** Where one of a record's files is kept on disk (records.locate), for 在文件夹中显示. */
export interface FileLocation {
  fileId: number;
  sha256: string;
  /** The name the file had when it was filed. */
  name: string;
  kind: FileKind;
  mime: string;
  /** The folder of readable copies (查看副本) that holds its copy: 年度 / 测评项目. */
  folder: string;
  /** A readable copy of the stored file, named by the record's title with the file's extension; editing it changes nothing in the archive. */
  path: string;
  /** False when the file is missing from the library (moved away or quarantined by 检查). */
  present: boolean;
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
  /** Linked to no item: waiting in the inbox (待归类). Completeness does not see it. */
  inbox: boolean;
  /**
   * Every file can only be kept as an attachment (a .doc, a zip, an encrypted PDF…): the record counts as material
   * only once the clerk has confirmed it (`attachmentConfirmed`).
   */
  attachmentOnly: boolean;
  attachmentConfirmed: boolean;
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
  /** The record's own caption. */
  caption: Caption;
  /** Its activity's 总说明 where the record has no value of its own: shown greyed, printed unless overridden. */
  inheritedCaption: Caption;
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
  /** The records this call made. */
  /** `year` is the record's own: a record for 待归类 dated in another year than asked goes to that year. */
  records: { id: number; title: string; year: number; files: number; inbox: boolean }[];
  /** How many of them wait in the inbox, linked to no item. */
  inbox: number;
  /** Files whose content is already filed in that year (or came twice in this batch), each listed once. */
  duplicates: { file: string; id: number | null; title: string | null }[];
  /**
   * Texts are "中文 / English" (shared/errors.ts). `otherYear` marks the note that a file went to that year's 待归类
   * rather than the year asked, which a screen may sum up per year instead of listing per file.
   */
  warnings: { file: string; message: string; otherYear?: number }[];
  errors: { file: string; message: string }[];
}

/** The fields a rename pattern may name, written {活动}; {序号:3} pads the number to 3 digits. */
export const RENAME_FIELDS = ['活动', '类型', '日期', '年度', '序号', '题名', '事由', '地点'] as const;
export const RENAME_TOKENS: readonly string[] = RENAME_FIELDS.map((f) => `{${f}}`);

export interface RenameResult {
  /** Every record of the selection with its title before and after, in numbering order. */
  rows: { id: number; from: string; to: string }[];
  /** Why a record cannot take the pattern ("没有活动"); any problem means nothing was renamed. */
  problems: { id: number; message: string }[];
  applied: boolean;
}

export interface InboxCount {
  total: number;
  years: { year: number; records: number }[];
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
  year: number;
  items: string[];
  activity: string | null;
  date: string | null;
  type: RecordType;
  /** The title the file name gives; a document's own title, read at import, comes first. */
  title: string;
  /** Goes to the inbox: no item (or no year) could be read from its folders or the defaults. */
  inbox: boolean;
  /** Why it goes to the inbox, when it does ("中文 / English"). */
  problem: string | null;
}

/** An entry of the folder that is not imported: a link, a pipe, a device, system clutter… */
export interface FolderSkip {
  /** Its path under the folder, with "/" between the parts. */
  path: string;
  /** Why ("中文 / English"). */
  reason: string;
}

export interface FolderPlan {
  root: string;
  entries: FolderPlanEntry[];
  /** What the walk left out, each with its reason; nothing is skipped without a word. */
  skipped: FolderSkip[];
  /** Entries that go to the inbox. */
  inbox: number;
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
    secrecy: z.enum(SECRECY_LEVELS, { message: '密级应为 秘密、机密 或留空 / secrecy must be 秘密, 机密 or blank' }),
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
    /** true: only the inbox (records linked to no item); false: only filed records. */
    inbox: z.boolean().optional(),
  })
  .strict()
  .refine((f) => !(f.inbox === true && f.item !== undefined), { message: '待归类的资料还没有测评项目，不能再按项目筛选 / The inbox has no items to filter by' });

/**
 * A folder tree to import. `year` and `items` are defaults for files whose folders name no year or no item. A file
 * still without an item goes to the inbox; without a year, it takes its date's year, else the current one.
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
        /** No items: the records wait in the inbox. */
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
  /** Where each file of a record is stored on disk, in the record's order. */
  'records.locate': method<FileLocation[]>()(z.object({ id: idSchema }).strict()),
  /** Also files a record from the inbox: give it `items`. */
  'records.update': method<RecordDetail>()(
    z
      .object({ id: idSchema, items: z.array(itemCodeSchema).optional(), year: yearSchema.optional(), attachmentConfirmed: z.boolean().optional() })
      .extend(metadataSchema.shape)
      .strict(),
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
        /** Caption fields for every record; a blank field keeps each record's own value. */
        caption: captionSchema.optional(),
        attachmentConfirmed: z.boolean().optional(),
      })
      .strict(),
  ),
  /**
   * Renames records by a pattern of RENAME_FIELDS ("{活动}照片（{序号}）"). Numbers follow the order of `ids` from
   * `start`. `preview` only shows the new titles; otherwise all are renamed in one step, or none.
   */
  'records.rename': method<RenameResult>()(
    z
      .object({
        ids: z.array(idSchema).min(1, '请先选择要改名的资料 / select records first').max(10_000),
        pattern: z.string().trim().min(1, '请填写命名规则 / empty pattern').max(200),
        start: z.number().int().min(0).max(1_000_000).default(1),
        preview: z.boolean().default(false),
      })
      .strict(),
  ),
  /** How many records wait in the inbox, in all and by year. */
  'records.inbox': method<InboxCount>()(z.object({}).strict()),
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
