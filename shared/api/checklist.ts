import { z } from 'zod';
import { pathSchema, yearSchema } from './schemas.js';
import { method } from './method.js';

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

/** The columns of the 自查表 an auditor may edit and Taizhang reads back. */
export const CHECKLIST_FIELDS = ['完成情况', '责任单位/责任人', '备注'] as const;
export type ChecklistField = (typeof CHECKLIST_FIELDS)[number];

export interface ChecklistChange {
  /** Row number in the sheet, as Excel shows it. */
  row: number;
  code: string;
  title: string;
  field: ChecklistField;
  /** What the archive holds now. */
  before: string;
  after: string;
}

export type ChecklistProblemKind =
  /** The code is not in the year's edition. */
  | 'unknown'
  /** The code exists but the row's 测评标准 text differs: the row was moved or retitled. */
  | 'moved'
  /** The same code on two rows. */
  | 'duplicate'
  /** A value that cannot be stored (完成情况 outside the list, a formula). */
  | 'invalid'
  /** Items of the edition with no row in the file. */
  | 'missing'
  /** The file lacks Taizhang's hidden marks, so edits are compared with the archive as it is now. */
  | 'unmarked'
  /** The file was exported when the year used another edition of the index. */
  | 'edition';

export interface ChecklistProblem {
  /** Row number in the sheet; 0 for the file as a whole. */
  row: number;
  code: string | null;
  kind: ChecklistProblemKind;
  message: string;
}

export interface ChecklistDiff {
  changes: ChecklistChange[];
  problems: ChecklistProblem[];
  /** Identifies this exact diff; `checklist.apply` with a token refuses when the file or archive changed since. */
  token: string;
}

const fileArgs = z.object({ year: yearSchema, file: pathSchema });

export const checklistMethods = {
  'checklist.export': method<ChecklistResult>()(
    z.object({ year: yearSchema, out: pathSchema, binderReport: pathSchema.optional() }).strict(),
    { longTask: true },
  ),
  /** Reads a checklist edited by an auditor and lists what would change; changes nothing. */
  'checklist.diff': method<ChecklistDiff>()(fileArgs.strict()),
  /** Stores the changes of the diff (problem rows are skipped) so that a re-export shows them. */
  'checklist.apply': method<ChecklistDiff & { applied: number }>()(fileArgs.extend({ token: z.string().max(128).optional() }).strict()),
} as const;
