import { z } from 'zod';
import { idSchema, isoDateSchema, itemCodeSchema, yearSchema } from './common.js';
import { method } from './method.js';

export const RECTIFICATION_STATES = ['待整改', '整改中', '已整改'] as const;
export type RectificationState = (typeof RECTIFICATION_STATES)[number];

/** One row of the 督查限时整改一览表. */
export interface Rectification {
  id: number;
  year: number;
  problem: string;
  site: string;
  items: string[];
  unit: string;
  leader: string;
  deadline: string | null;
  progress: string;
  state: RectificationState;
  raisedOn: string | null;
  closedOn: string | null;
  evidence: { id: number; title: string }[];
  overdue: boolean;
}

const fields = z.object({
  problem: z.string().trim().min(1, '问题描述不能为空 / empty problem').max(2000),
  site: z.string().trim().max(200),
  items: z.array(itemCodeSchema),
  unit: z.string().trim().max(200),
  leader: z.string().trim().max(100),
  deadline: isoDateSchema.nullable(),
  progress: z.string().max(5000),
  raisedOn: isoDateSchema.nullable(),
});

export const ledgerMethods = {
  'ledger.add': method<Rectification>()(fields.partial().required({ problem: true }).extend({ year: yearSchema }).strict()),
  'ledger.list': method<Rectification[]>()(z.object({ year: yearSchema.optional(), open: z.boolean().optional() }).strict()),
  'ledger.update': method<Rectification>()(
    fields.partial().extend({ id: idSchema, state: z.enum(['待整改', '整改中', '已整改']).optional(), evidence: z.array(idSchema).optional() }).strict(),
  ),
  'ledger.close': method<Rectification>()(
    z.object({ id: idSchema, progress: z.string().max(5000).optional(), evidence: z.array(idSchema).optional(), closedOn: isoDateSchema.optional() }).strict(),
  ),
} as const;
