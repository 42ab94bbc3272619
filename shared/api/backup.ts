import { z } from 'zod';
import { pathSchema } from './schemas.js';
import { method } from './method.js';

export const backupMethods = {
  /** `warnings`: files that could not be backed up as they should (missing or damaged), in words. */
  'backup.create': method<{ path: string; files: number; bytes: number; warnings: string[] }>()(
    z.object({ out: pathSchema }).strict(),
    { longTask: true },
  ),
} as const;
