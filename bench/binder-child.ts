import { openCore } from '../electron/core/api/core.js';
import { elapsedMs, now } from './stats.js';

/**
 * Exports one binder in a process of its own, so that its peak memory is the binder's and not the benchmark's.
 * Prints one JSON line: time, peak RSS and the volumes written.
 * Usage: node --import tsx bench/binder-child.ts ARCHIVE YEAR ITEM OUT
 */

const [dir, year, item, out] = process.argv.slice(2);
if (!dir || !year || !item || !out) {
  console.error('usage: binder-child ARCHIVE YEAR ITEM OUT');
  process.exit(2);
}
const core = await openCore(dir);
try {
  const start = now();
  const report = await core.api['binder.export']({ year: Number(year), item, out });
  const ms = elapsedMs(start);
  process.stdout.write(
    `${JSON.stringify({
      ms,
      // resourceUsage reports kilobytes.
      maxRssMB: process.resourceUsage().maxRSS / 1024,
      volumes: report.volumes.map((v) => ({ path: v.path, pages: v.pages, numberedPages: v.numberedPages, documents: v.documents.length })),
    })}\n`,
  );
} finally {
  core.close();
}
