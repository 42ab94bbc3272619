import { z } from 'zod';
import { idSchema, isoDateSchema, itemCodeSchema, yearSchema } from './schemas.js';
import { method } from './method.js';

export const RECTIFICATION_STATES = ['待整改', '整改中', '已整改'] as const;
export type RectificationState = (typeof RECTIFICATION_STATES)[number];

/** One row of the 督查限时整改一览表. */
export interface Rectification {
  id: number;
  year: number;
  /** 问题描述 */
  problem: string;
  /** 点位 */
  site: string;
  /** 关联测评项 (codes in the year's edition). */
  items: { code: string; title: string }[];
  /** 责任单位 */
  unit: string;
  /** 分管领导 */
  leader: string;
  /** 整改时限 */
  deadline: string | null;
  /** 整改情况 */
  progress: string;
  state: RectificationState;
  raisedOn: string | null;
  closedOn: string | null;
  /** Records linked as proof of the rectification. */
  evidence: { id: number; title: string }[];
  /** The deadline has passed and the problem is not 已整改. */
  overdue: boolean;
}

const stateSchema = z.enum(RECTIFICATION_STATES, { message: `状态应为 ${RECTIFICATION_STATES.join('/')} / unknown state` });

const fields = z.object({
  problem: z.string().trim().min(1, '问题描述不能为空 / empty problem').max(2000),
  site: z.string().trim().max(200),
  items: z.array(itemCodeSchema).max(100),
  unit: z.string().trim().max(200),
  leader: z.string().trim().max(100),
  deadline: isoDateSchema.nullable(),
  progress: z.string().max(5000),
  raisedOn: isoDateSchema.nullable(),
  /** Record ids linked as proof. */
  evidence: z.array(idSchema).max(500),
});

export const ledgerMethods = {
  'ledger.add': method<Rectification>()(fields.partial().required({ problem: true }).extend({ year: yearSchema }).strict()),
  /** Newest deadline last; `open` keeps rows not yet 已整改, `overdue` only those past their deadline. */
  'ledger.list': method<Rectification[]>()(
    z.object({ year: yearSchema.optional(), open: z.boolean().optional(), overdue: z.boolean().optional() }).strict(),
  ),
  /** Changes the given fields; `items` and `evidence` replace the whole list. Leaving 已整改 clears the closing date. */
  'ledger.update': method<Rectification>()(fields.partial().extend({ id: idSchema, state: stateSchema.optional() }).strict()),
  /** Marks a row 已整改 (today unless `closedOn`); `evidence` is added to what is already linked. */
  'ledger.close': method<Rectification>()(
    z.object({ id: idSchema, progress: z.string().max(5000).optional(), evidence: z.array(idSchema).max(500).optional(), closedOn: isoDateSchema.optional() }).strict(),
  ),
} as const;
