import { z } from 'zod';
import { itemCodeSchema, yearSchema } from './common.js';
import { method } from './method.js';

export const COMPLETENESS = ['齐全', '部分', '缺失', '不适用'] as const;
export type Completeness = (typeof COMPLETENESS)[number];

export interface ItemStatus {
  code: string;
  title: string;
  level: number;
  leaf: boolean;
  status: Completeness;
  /** "还缺：签到表；照片 3/5" */
  reason: string;
  records: number;
  activities: number;
  photos: number;
  /** Records by type. */
  byType: Record<string, number>;
  /** Activities missing one of the required types. */
  incompleteActivities: { id: number; name: string; missing: string[] }[];
}

export const statusMethods = {
  'status.get': method<ItemStatus[]>()(z.object({ year: yearSchema, item: itemCodeSchema.optional() }).strict()),
  /** Marks an item 不适用 for a year (or clears it). */
  'status.setNotApplicable': method<{ code: string; notApplicable: boolean }>()(
    z.object({ year: yearSchema, item: itemCodeSchema, notApplicable: z.boolean(), reason: z.string().max(500).default('') }).strict(),
  ),
} as const;
