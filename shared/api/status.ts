import { z } from 'zod';
import { itemCodeSchema, yearSchema } from './schemas.js';
import { method } from './method.js';

export const COMPLETENESS = ['齐全', '部分', '缺失', '不适用'] as const;
export type Completeness = (typeof COMPLETENESS)[number];

/** An activity that lacks a type its item's activity rule asks for ("有方案、有签到、有照片、有总结/记录"). */
export interface IncompleteActivity {
  id: number;
  name: string;
  /** What it lacks, e.g. ["签到表", "总结/记录"]. */
  missing: string[];
}

export interface ItemStatus {
  code: string;
  title: string;
  level: number;
  /** Code of the parent item; null at the top. */
  parent: string | null;
  /** Leaf items (测评标准) are judged; parents aggregate their children. */
  leaf: boolean;
  status: Completeness;
  /** In words: "还缺：签到表；照片 3/5；活动 2/4", "齐全 3/5 项；缺失：1.2.1", or why it is 不适用. */
  reason: string;
  /** The parts of the reason a leaf still lacks, one per entry ("签到表", "照片 3/5"). */
  missing: string[];
  /** Counts over the records filed under the item and the items below it. */
  records: number;
  activities: number;
  /** Image files of 照片 records. */
  photos: number;
  /** Records by type. */
  byType: Record<string, number>;
  /** Activities missing one of the required types. */
  incompleteActivities: IncompleteActivity[];
  /**
   * The self-assessment accepted from a returned 自查表 when it differs from what the archive computes (齐全 claimed
   * over 部分, say), with the reason written beside it; null when none. Both values are shown wherever status is.
   */
  selfCheck: { status: Completeness; reason: string } | null;
}

export const statusMethods = {
  'status.get': method<ItemStatus[]>()(z.object({ year: yearSchema, item: itemCodeSchema.optional() }).strict()),
  /** Marks an item 不适用 for a year, with the reason the 自查表 prints (required), or clears the mark. */
  'status.setNotApplicable': method<{ code: string; notApplicable: boolean }>()(
    z
      .object({ year: yearSchema, item: itemCodeSchema, notApplicable: z.boolean(), reason: z.string().trim().max(500).default('') })
      .strict()
      .refine((a) => !a.notApplicable || a.reason !== '', {
        message: '请写明不适用的原因（例如“本社区没有此类点位”），自查表中会列出 / A reason is required',
        path: ['reason'],
      }),
  ),
} as const;
