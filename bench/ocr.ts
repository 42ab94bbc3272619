import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { describeMachine } from './machine.js';
import { measureOcr } from './measures/ocr.js';
import { SCALES, isScaleName } from './scale.js';

/**
 * `npx tsx bench/ocr.ts [--scale quick|full] [--pages N] [--work DIR]`: the OCR measure alone (pages a minute,
 * character error rates, sign-in rows, event-loop delay), without building the bench archive the other measures need.
 * `--pages` is the pages of each kind (print, photo, sign-in sheet); the scale's own by default. The load average is
 * printed before and after: OCR on 2 cores moves with whatever else runs.
 */
const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: 'full' },
    pages: { type: 'string' },
    work: { type: 'string', default: path.join(os.tmpdir(), 'taizhang-bench') },
  },
  strict: true,
});
if (!isScaleName(values.scale)) throw new Error('规模应为 quick 或 full / --scale must be quick or full');
const scale = SCALES[values.scale];
const perKind = values.pages ? Number(values.pages) : scale.ocrPagesPerKind;
const scratch = path.join(path.resolve(values.work), `scratch-ocr-${process.pid}`);
const machine = describeMachine();
try {
  const ocr = await measureOcr(scratch, perKind, scale.ocrDpi);
  process.stdout.write(`${JSON.stringify({ machine, loadAverageAfter: os.loadavg(), ocr }, null, 2)}\n`);
} finally {
  await rm(scratch, { recursive: true, force: true });
}
