import { z } from 'zod';
import type { RetentionPeriod } from '../domain/record.js';
import { method } from './method.js';
import { idSchema, itemCodeSchema, yearSchema } from './schemas.js';

/**
 * 归档: the act that gives a record its 件号 and 档号 for good (DA/T 22). Numbers are assigned per class — 年度 +
 * 保管期限 + 问题 (the top-level 测评项目 by default) — stored with the date, and never recomputed.
 */

/** A record as numbered by 归档. */
export interface NumberedRecord {
  recordId: number;
  title: string;
  /** 件号 within its class. */
  piece: number;
  /** 档号, as the unit's pattern rendered it on the day of 归档. */
  archivalCode: string;
  retention: RetentionPeriod;
  /** 年度 of the 档号 (a carried-over record keeps its own year's). */
  year: number;
  /** 问题代码 of the class. */
  problem: string;
  /** 卷号 of the volume (box) the class is kept in. */
  volumeNo: number;
}

/** A volume (案卷/盒): one class of one year, with its own 卷号 and 档号 and the date it was made up. */
export interface ArchivalVolume {
  year: number;
  volumeNo: number;
  archivalCode: string;
  retention: RetentionPeriod;
  problem: string;
  /** Code and title of the 测评项目 the 问题 stands for. */
  item: { code: string; title: string } | null;
  /** 立卷日期, YYYY-MM-DD. */
  archivedOn: string;
  pieces: number;
  /** 件号 taken back by 撤销归档, never given again, with the reason. */
  withdrawn: { piece: number; archivalCode: string; reason: string; on: string }[];
}

/** One row of the 归档文件目录 (DA/T 22): 序号, 档号, 文号, 责任者, 题名, 日期, 密级, 页数, 备注. */
export interface CatalogueRow {
  seq: number;
  recordId: number;
  archivalCode: string;
  docNo: string;
  author: string;
  /** As printed: in [brackets] when the archivist wrote it. */
  title: string;
  /** 8 digits, e.g. 20240305; '' when undated. */
  date: string;
  secrecy: string;
  pages: number | null;
  note: string;
  volumeNo: number;
  retention: RetentionPeriod;
}

/** What 归档 did (or, with dryRun, would do). */
export interface NumberResult {
  /** Newly numbered records; records numbered before keep their numbers and are not listed again. */
  numbered: NumberedRecord[];
  /** Volumes made up by this 归档 (a class archived for the first time). */
  newVolumes: { volumeNo: number; archivalCode: string; retention: RetentionPeriod; problem: string; item: string }[];
  /** Records of the year (or of the selection) left unnumbered, and why, in the clerk's words. */
  skipped: { recordId: number; title: string; reason: string }[];
  dryRun: boolean;
}

export interface WithdrawResult {
  recordId: number;
  piece: number;
  archivalCode: string;
  volumeNo: number;
  reason: string;
  withdrawnOn: string;
}

const idsSchema = z.array(idSchema).min(1, '至少选择一件 / select at least one record').max(100_000);

export const archivalMethods = {
  /** 归档: numbers the year's unarchived records (or the given ones) for good. */
  'archival.number': method<NumberResult>()(
    z.object({ year: yearSchema, ids: idsSchema.optional(), dryRun: z.boolean().default(false) }).strict(),
  ),
  /** 撤销归档: takes one record out of its numbered set; its number is never given again. */
  'archival.withdraw': method<WithdrawResult>()(
    z
      .object({
        id: idSchema,
        reason: z.string().trim().min(1, '撤销归档必须写明原因 / a reason is required').max(500),
      })
      .strict(),
  ),
  'archival.volumes': method<ArchivalVolume[]>()(z.object({ year: yearSchema }).strict()),
  /** 归档文件目录 rows of a year (or of one item's subtree), in 档号 order. */
  'archival.catalogue': method<CatalogueRow[]>()(z.object({ year: yearSchema, item: itemCodeSchema.optional() }).strict()),
} as const;
