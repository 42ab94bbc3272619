import { z } from 'zod';
import { patternProblem } from '../domain/archival-code.js';
import { empty, idSchema, yearSchema } from './schemas.js';
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
  /** 门类代码 in the 档号 (文书档案: WS). */
  category: string;
  /** 档号 pattern from {全宗号} {门类} {年度} {保管期限} {问题} {件号} (shared/domain/archival-code.ts). */
  pattern: string;
  /** Which level of the index is the 问题 of a class: 1 the 测评项目 (default), 2 the 测评内容 below it. */
  problemLevel: 1 | 2;
}

/** The names a unit is known by (the rest of UnitSettings has defaults). */
export type UnitNames = Pick<UnitSettings, 'name' | 'fonds' | 'filer' | 'checker'>;

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

export const unitPatchSchema = z
  .object({
    name: z.string().trim().max(200),
    fonds: z
      .string()
      .trim()
      .max(32)
      .regex(/^[^\s\\/:*?"<>|{}]*$/, '全宗号中不能有空格或 \\ / : * ? " < > | { } 等字符 / invalid characters in the fonds number'),
    filer: z.string().trim().max(64),
    checker: z.string().trim().max(64),
    category: z.string().trim().regex(/^[A-Za-z0-9]{1,8}$/, '门类代码应为 1–8 个字母或数字，如 WS / category code must be 1–8 letters or digits'),
    pattern: z.string().trim().superRefine((value, ctx) => {
      const problem = patternProblem(value);
      if (problem) ctx.addIssue({ code: 'custom', message: `${problem} / invalid archival code pattern` });
    }),
    problemLevel: z.union([z.literal(1), z.literal(2)], { message: '问题级别应为 1（测评项目）或 2（测评内容）/ problem level must be 1 or 2' }),
  })
  .partial()
  .strict();

export const archiveMethods = {
  'archive.info': method<ArchiveInfo>()(empty),
  'archive.unit': method<UnitSettings>()(empty),
  'archive.setUnit': method<UnitSettings>()(unitPatchSchema),
  'archive.years': method<YearInfo[]>()(empty),
  /** Declares a year and the index edition it uses. */
  'archive.setYear': method<YearInfo>()(z.object({ year: yearSchema, editionId: idSchema.optional() }).strict()),
} as const;
