import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runBench } from './bench.js';
import { formatResults } from './report.js';
import { SCALES, isScaleName } from './scale.js';

/**
 * `npm run bench [-- --scale quick|full] [--json] [--work DIR] [--results DIR] [--keep]`
 * Progress goes to stderr; stdout gets the table, or with --json one JSON document. The results are also written to
 * bench/results/<date>.json (quick runs to <date>-quick.json, so they never replace a full run's figures).
 */

const USAGE = 'usage: npm run bench -- [--scale quick|full] [--json] [--work DIR] [--results DIR] [--keep]';

async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        scale: { type: 'string', default: 'full' },
        json: { type: 'boolean', default: false },
        work: { type: 'string', default: path.join(os.tmpdir(), 'taizhang-bench') },
        results: { type: 'string', default: path.join(path.dirname(fileURLToPath(import.meta.url)), 'results') },
        keep: { type: 'boolean', default: false },
      },
      strict: true,
    }));
  } catch (err) {
    console.error(`${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
    return 2;
  }
  if (!isScaleName(values.scale)) {
    console.error(`规模应为 quick 或 full / --scale must be quick or full\n${USAGE}`);
    return 2;
  }
  const results = await runBench({
    scale: SCALES[values.scale],
    work: path.resolve(values.work),
    keep: values.keep,
    log: (line) => process.stderr.write(`${line}\n`),
  });
  await fs.mkdir(values.results, { recursive: true });
  const file = path.join(values.results, `${results.date}${results.scale === 'quick' ? '-quick' : ''}.json`);
  await fs.writeFile(file, `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(values.json ? `${JSON.stringify(results, null, 2)}\n` : `${formatResults(results)}\n\n结果已保存 / saved: ${file}\n`);
  return 0;
}

process.exitCode = await main();
