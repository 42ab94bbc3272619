import { z } from 'zod';
import { idSchema, yearSchema } from './schemas.js';
import { method } from './method.js';

/** One item offered for a file, with why, in the clerk's words ("题名含‘道德讲堂’；去年同类资料归入 1.3.2"). */
export interface Suggestion {
  code: string;
  title: string;
  /** Higher is better; comparable between the suggestions of one call only. */
  score: number;
  reason: string;
}

export interface SuggestResult {
  /** The best three (fewer when fewer items match at all), best first. */
  suggestions: Suggestion[];
}

const folderSchema = z.string().trim().max(1000).optional();

export const suggestMethods = {
  /** Items of the record's year's edition for a record (in the inbox, or being filed again). */
  'suggest.record': method<SuggestResult>()(z.object({ recordId: idSchema, folder: folderSchema }).strict()),
  /** Items for a file not filed yet (the filing dialog): its title, any text, the folder it comes from. */
  'suggest.text': method<SuggestResult>()(
    z
      .object({ year: yearSchema, title: z.string().trim().max(500), text: z.string().max(200_000).optional(), folder: folderSchema })
      .strict(),
  ),
} as const;
