import { z } from 'zod';
import { pathSchema, yearSchema } from './schemas.js';
import { method } from './method.js';
import type { Completeness } from './status.js';

/** The sheets of the checklist workbook, in order. */
export const CHECKLIST_SHEETS = ['自查表', '汇总', '材料索引', '整改台账'] as const;

export interface ChecklistResult {
  path: string;
  /** Rows of the 自查表 (one per 测评标准). */
  rows: number;
  /** Rows of the 材料索引 (one per 件). */
  records: number;
  sheets: string[];
  /** The binder report the 卷/页号 came from, when one was found. */
  binderReport: string | null;
}

/** The sheets whose edits come back, and their editable columns. */
export const CHECKLIST_FIELDS = {
  自查表: ['完成情况', '责任单位/责任人', '备注'],
  材料索引: ['备注'],
  整改台账: ['状态', '完成日期', '整改情况', '佐证材料'],
} as const;
export type ChecklistSheet = keyof typeof CHECKLIST_FIELDS;
export type ChecklistField = (typeof CHECKLIST_FIELDS)[ChecklistSheet][number];

interface ChecklistCell {
  sheet: ChecklistSheet;
  /** Row number in the sheet, as Excel shows it. */
  row: number;
  /** The item code (自查表), "#记录号" (材料索引) or "问题 #编号" (整改台账). */
  code: string;
  title: string;
  field: ChecklistField;
}

export interface ChecklistChange extends ChecklistCell {
  /** What the archive holds now. */
  before: string;
  after: string;
  /** A self-assessment above what the archive computes (齐全 over 部分/缺失): stored with its reason, the row's 备注. */
  claim?: { system: Completeness; reason: string };
}

/** A cell changed both in the file and in the archive since the export; the clerk chooses which value stays. */
export interface ChecklistConflict extends ChecklistCell {
  /** `sheet!code!field`: what `checklist.apply` takes in `resolutions`. */
  id: string;
  /** The value at export, as kept in the file; null when that record is missing or was cleared. */
  exported: string | null;
  archive: string;
  file: string;
}

export type ChecklistProblemKind =
  /** The code is not in the year's edition (or the record or ledger row is gone). */
  | 'unknown'
  /** The code exists but the row's 测评标准 text differs: the row was moved or retitled. */
  | 'moved'
  /** The same code on two rows. */
  | 'duplicate'
  /** A value that cannot be stored (完成情况 outside the list, a formula). */
  | 'invalid'
  /** Items of the edition with no row in the file, or a sheet missing. */
  | 'missing'
  /** The file, a sheet or a row lacks Taizhang's hidden marks: its cells differing from the archive are conflicts. */
  | 'unmarked'
  /** The file was exported when the year used another edition of the index. */
  | 'edition'
  /** An edit to a column Taizhang generates: 未导入（此列由台账生成）. */
  | 'locked'
  /** Text in the inspection group's columns, which Taizhang does not store. */
  | 'ignored'
  /** 齐全 claimed over the system's 部分/缺失 without a reason in 备注. */
  | 'claim'
  /** Something worth knowing that changes nothing (the marks sheet made merely hidden by another program). */
  | 'notice';

export interface ChecklistProblem {
  /** Row number in the sheet; 0 for the file or sheet as a whole. */
  row: number;
  code: string | null;
  kind: ChecklistProblemKind;
  message: string;
  sheet?: string;
  /** The cell, as Excel names it ("E12"). */
  cell?: string;
}

export interface ChecklistDiff {
  /** The year, read from the file when not given. */
  year: number;
  changes: ChecklistChange[];
  conflicts: ChecklistConflict[];
  problems: ChecklistProblem[];
  /** Identifies this exact diff; `checklist.apply` with a token refuses when the file or archive changed since. */
  token: string;
}

export const CONFLICT_CHOICES = ['file', 'archive'] as const;
export type ConflictChoice = (typeof CONFLICT_CHOICES)[number];

const fileArgs = z.object({
  year: yearSchema.optional(),
  file: pathSchema,
  /** Read a checklist exported from another archive all the same (it is refused by default). */
  force: z.boolean().default(false),
});

export const checklistMethods = {
  'checklist.export': method<ChecklistResult>()(
    z.object({ year: yearSchema, out: pathSchema, binderReport: pathSchema.optional() }).strict(),
    { longTask: true },
  ),
  /** Reads a checklist given back by the clerk or an auditor and lists changes, conflicts and problems; changes nothing. */
  'checklist.diff': method<ChecklistDiff>()(fileArgs.strict()),
  /**
   * Stores the changes of the diff (problem rows are skipped) so that a re-export shows them. A conflict is stored as
   * the file has it only when `resolutions` says 'file'; otherwise the archive's value stays.
   */
  'checklist.apply': method<ChecklistDiff & { applied: number }>()(
    fileArgs
      .extend({
        token: z.string().max(128).optional(),
        resolutions: z.record(z.string().max(300), z.enum(CONFLICT_CHOICES)).optional(),
      })
      .strict(),
  ),
} as const;
