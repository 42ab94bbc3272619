import { z } from 'zod';
import type { RecordType } from '../domain/record.js';
import { idSchema, isoDateSchema, itemCodeSchema, recordTypeSchema, yearSchema } from './schemas.js';
import { method } from './method.js';

export interface SearchHit {
  id: number;
  title: string;
  year: number;
  date: string | null;
  type: RecordType;
  /** Item paths the record is filed under. */
  items: string[];
  /** 档号 given at 归档; null before. */
  archivalCode: string | null;
  /** Text around the first match, with the match wrapped in 【】. */
  snippet: string;
  /** sha256 of the record's first photo, for a thumbnail beside the hit; null when it has none. */
  thumb: string | null;
  score: number;
}

/** One page of the matches: `total` counts them all, so nothing is hidden behind the page size. */
export interface SearchResult {
  total: number;
  results: SearchHit[];
}

export const searchMethods = {
  'search.query': method<SearchResult>()(
    z
      .object({
        query: z.string().trim().min(1, '请输入要搜索的内容 / empty query').max(200),
        year: yearSchema.optional(),
        years: z.tuple([yearSchema, yearSchema]).optional(),
        item: itemCodeSchema.optional(),
        type: recordTypeSchema.optional(),
        tag: z.string().optional(),
        from: isoDateSchema.optional(),
        to: isoDateSchema.optional(),
        activityId: idSchema.optional(),
        /** How many matches to skip: the next page starts at offset + limit. */
        offset: z.number().int().min(0).max(1_000_000).default(0),
        limit: z.number().int().min(1).max(500).default(50),
      })
      .strict(),
  ),
} as const;
