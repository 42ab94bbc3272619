import { z } from 'zod';
import { empty, idSchema, pathSchema, yearSchema } from './common.js';
import { method } from './method.js';

/** 单位 settings printed on covers, stamps and checklists. */
export interface UnitSettings {
  /** 单位名称 / 全宗名称 */
  name: string;
  /** 全宗号 */
  fonds: string;
  /** 立卷人 */
  filer: string;
  /** 检查人 */
  checker: string;
}

export interface YearInfo {
  year: number;
  editionId: number;
  editionName: string;
  records: number;
}

export interface ArchiveInfo {
  path: string;
  schemaVersion: number;
  unit: UnitSettings;
  years: YearInfo[];
  records: number;
  files: number;
}

export interface Problem {
  kind: string;
  message: string;
  [key: string]: unknown;
}

/** A finding of `check`: an error loses or misstates something; a warning is a harmless leftover (a temp file…). */
export interface CheckProblem extends Problem {
  severity: 'error' | 'warning';
  /** `check --repair` can fix it (derivatives, the search index, leftovers to quarantine). */
  repairable: boolean;
}

export interface CheckReport {
  /** No errors remain (warnings may). */
  ok: boolean;
  problems: CheckProblem[];
  /** What was counted, in words a clerk reads ("1,204 个文件已核对"). */
  summary: string[];
  repaired?: string[];
}

export const unitPatchSchema = z
  .object({
    name: z.string().trim().max(200),
    fonds: z.string().trim().max(64),
    filer: z.string().trim().max(64),
    checker: z.string().trim().max(64),
  })
  .partial()
  .strict();

export const archiveMethods = {
  'archive.info': method<ArchiveInfo>()(empty),
  'unit.get': method<UnitSettings>()(empty),
  'unit.set': method<UnitSettings>()(unitPatchSchema),
  'years.list': method<YearInfo[]>()(empty),
  /** Declares a year and the index edition it uses. */
  'years.set': method<YearInfo>()(z.object({ year: yearSchema, editionId: idSchema.optional() }).strict()),
  'archive.check': method<CheckReport>()(z.object({ repair: z.boolean().default(false) }).strict(), { longTask: true }),
  /** `warnings`: files that could not be backed up as they should (missing or damaged), in words. */
  'archive.backup': method<{ path: string; files: number; bytes: number; warnings: string[] }>()(
    z.object({ out: pathSchema }).strict(),
    { longTask: true },
  ),
  /** The escape hatch: year / item / 件 folders with a CSV manifest, readable without Taizhang. */
  'archive.exportFolder': method<{ path: string; records: number; files: number; warnings: string[] }>()(
    z.object({ out: pathSchema, year: yearSchema.optional() }).strict(),
    { longTask: true },
  ),
} as const;
