import { z } from 'zod';
import { pathSchema, yearSchema } from './schemas.js';
import { method } from './method.js';

export interface Problem {
  kind: string;
  message: string;
  [key: string]: unknown;
}

/** A finding of `check`: an error loses or misstates something; a warning is a harmless leftover (a temp file…). */
export interface CheckProblem extends Problem {
  severity: 'error' | 'warning';
  /** `check --repair` can fix it (derivatives, the search index, leftovers to quarantine). */
  repairable: boolean;
}

export interface CheckReport {
  /** No errors remain (warnings may). */
  ok: boolean;
  problems: CheckProblem[];
  /** What was counted, in words a clerk reads ("1,204 个文件已核对"). */
  summary: string[];
  repaired?: string[];
}

export const integrityMethods = {
  'integrity.check': method<CheckReport>()(z.object({
      repair: z.boolean().default(false),
      /** Lets a repair move more than QUARANTINE_ASK_ABOVE files to quarantine (it stops and asks otherwise). */
      force: z.boolean().default(false),
    }).strict(), { longTask: true }),
  /** The escape hatch: year / item / 件 folders with a CSV manifest, readable without Taizhang. */
  'integrity.exportFolder': method<{ path: string; records: number; files: number; warnings: string[] }>()(
    z.object({ out: pathSchema, year: yearSchema.optional() }).strict(),
    { longTask: true },
  ),
} as const;
