import { z } from 'zod';
import { pathSchema, yearSchema } from './common.js';
import { method } from './method.js';

export interface ChecklistResult {
  path: string;
  rows: number;
  sheets: string[];
}

export interface ChecklistChange {
  row: number;
  code: string;
  field: '完成情况' | '责任人' | '备注';
  before: string;
  after: string;
}

export interface ChecklistDiff {
  changes: ChecklistChange[];
  problems: { row: number; message: string }[];
}

export const checklistMethods = {
  'checklist.export': method<ChecklistResult>()(
    z.object({ year: yearSchema, out: pathSchema, binderReport: pathSchema.optional() }).strict(),
    { longTask: true },
  ),
  'checklist.diff': method<ChecklistDiff>()(z.object({ year: yearSchema, file: pathSchema }).strict()),
  'checklist.apply': method<ChecklistDiff & { applied: number }>()(z.object({ year: yearSchema, file: pathSchema }).strict()),
} as const;
