import { z } from 'zod';
import { idSchema, itemCodeSchema, pathSchema, yearSchema } from './schemas.js';
import { method } from './method.js';

/** Quantities parsed from a 具体要求 text, e.g. "照片5张" → { kind: 'photos', min: 5 }. */
export interface RequirementQuantity {
  kind: 'photos' | 'activities' | 'reports' | 'records' | 'type';
  min: number;
  /** For kind 'type': the record type required. */
  type?: string;
  /** The words it was parsed from, shown to the clerk. */
  source: string;
}

/** One node of the 测评体系 tree: 测评项目 → 测评内容 → 测评标准. */
export interface IndexItem {
  id: number;
  editionId: number;
  /** Stable dotted code ("1.2.3") or the city's own code when the table supplied one. */
  code: string;
  /** Numbering as printed in the source ("一、", "（一）", "Ⅰ-1"). */
  label: string;
  title: string;
  level: number;
  parent: string | null;
  /** 测评方法 */
  method: string;
  /** 具体要求 */
  requirement: string;
  /** 责任单位 */
  unit: string;
  quantities: RequirementQuantity[];
  /** Types every activity filed here must have; null uses the default rule. */
  activityRule: string[] | null;
}

export interface Edition {
  id: number;
  name: string;
  isExample: boolean;
  items: number;
  levels: number;
  createdAt: string;
  years: number[];
}

export interface ItemMapping {
  from: { editionId: number; code: string; title: string };
  to: { editionId: number; code: string; title: string };
  kind: 'same' | 'renamed' | 'split' | 'merged';
}

const editionRef = z.object({ edition: idSchema.optional() }).strict();

export const indexMethods = {
  'index.editions': method<Edition[]>()(z.object({}).strict()),
  'index.list': method<IndexItem[]>()(editionRef.extend({ year: z.number().int().optional() }).strict()),
  'index.import': method<{ edition: number; items: number; levels: number; warnings: string[] }>()(
    z.object({ file: pathSchema, name: z.string().trim().min(1).max(200).optional(), year: yearSchema.optional() }).strict(),
  ),
  'index.export': method<{ path: string; items: number }>()(editionRef.extend({ out: pathSchema }).strict()),
  'index.updateItem': method<IndexItem>()(
    z
      .object({
        edition: idSchema.optional(),
        code: itemCodeSchema,
        title: z.string().trim().min(1).max(500).optional(),
        method: z.string().max(200).optional(),
        requirement: z.string().max(5000).optional(),
        unit: z.string().max(200).optional(),
        activityRule: z.array(z.string()).nullable().optional(),
      })
      .strict(),
  ),
  'index.map': method<ItemMapping>()(
    z
      .object({
        fromEdition: idSchema,
        fromCode: itemCodeSchema,
        toEdition: idSchema,
        toCode: itemCodeSchema,
        kind: z.enum(['same', 'renamed', 'split', 'merged']).default('same'),
      })
      .strict(),
  ),
  'index.mappings': method<ItemMapping[]>()(z.object({ edition: idSchema.optional() }).strict()),
} as const;
