import { z } from 'zod';
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
  'archive.unit': method<UnitSettings>()(empty),
  'archive.setUnit': method<UnitSettings>()(unitPatchSchema),
  'archive.years': method<YearInfo[]>()(empty),
  /** Declares a year and the index edition it uses. */
  'archive.setYear': method<YearInfo>()(z.object({ year: yearSchema, editionId: idSchema.optional() }).strict()),
} as const;
