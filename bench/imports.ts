import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildArchive } from './archive.js';
import { MATERIAL_ITEM } from './bench.js';
import { prepareInputs } from './inputs.js';
import { measureImport, measureLongPdf } from './measures/import.js';
import { SCALES, isScaleName } from './scale.js';

/**
 * `npx tsx bench/imports.ts [--scale quick|full] [--photos N] [--long] [--work DIR]`: the import measures alone, on a
 * small archive, for working on the import path without the full run's 100,000 records. The same functions and inputs
 * as `npm run bench` (photos are cached per count in the work folder); figures go to stdout as JSON.
 */
const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: 'full' },
    photos: { type: 'string' },
    long: { type: 'boolean', default: false },
    work: { type: 'string', default: path.join(os.tmpdir(), 'taizhang-bench') },
  },
  strict: true,
});
if (!isScaleName(values.scale)) throw new Error('规模应为 quick 或 full / --scale must be quick or full');
const base = SCALES[values.scale];
const scale = { ...base, years: 1, recordsPerYear: 100, checklistItems: 60, photos: values.photos ? Number(values.photos) : base.photos };
const log = (line: string): void => void process.stderr.write(`${line}\n`);
const year = new Date().getFullYear();
const work = path.resolve(values.work);
const inputs = await prepareInputs(path.join(work, `inputs-imports-${scale.name}-${scale.photos}`), scale, year, log);
const archiveDir = path.join(work, `archive-imports-${process.pid}`);
const { core } = await buildArchive(archiveDir, scale, year, log);
const scratch = path.join(work, `scratch-imports-${process.pid}`);
try {
  const importPdf = await measureImport(core, inputs.pdfs, { year, item: MATERIAL_ITEM.pdfs, batches: scale.importBatches, photos: false, scratch });
  const importPhoto = await measureImport(core, inputs.photos, { year, item: MATERIAL_ITEM.photos, batches: scale.importBatches, photos: true, scratch });
  const importLongPdf = values.long ? await measureLongPdf(core, inputs.pdfs[0]!, scale.longPdfPages, { firstYear: year - 10, scratch }) : null;
  process.stdout.write(`${JSON.stringify({ loadAverage: os.loadavg(), importPdf, importPhoto, importLongPdf }, null, 2)}\n`);
} finally {
  core.close();
  await rm(archiveDir, { recursive: true, force: true });
  await rm(scratch, { recursive: true, force: true });
}
