import { readFileSync } from 'node:fs';
import { openCore } from '../electron/core/api/core.js';
import { elapsedMs, now } from './stats.js';

/**
 * Exports one binder in a process of its own, so that its peak memory is the binder's and not the benchmark's.
 * Prints one JSON line: time, the CPU time of the export (every thread of the process: on a shared machine it moves
 * less with the load than the time does), peak RSS and the volumes written.
 * Usage: node --import tsx bench/binder-child.ts ARCHIVE YEAR ITEM OUT
 */

/**
 * This process's own peak RSS in kilobytes. On Linux getrusage's maxRSS keeps the high-water mark of the process
 * it was forked from (carried across exec), so a bench that has just made 300 large photos would report its own
 * memory as the binder's; VmHWM belongs to the address space this process runs in.
 */
function peakRssKB(): number {
  try {
    const hwm = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (hwm) return Number(hwm[1]);
  } catch {
    // Not Linux: getrusage is the process's own there.
  }
  return process.resourceUsage().maxRSS;
}

const [dir, year, item, out] = process.argv.slice(2);
if (!dir || !year || !item || !out) {
  console.error('usage: binder-child ARCHIVE YEAR ITEM OUT');
  process.exit(2);
}
const core = await openCore(dir);
try {
  const start = now();
  const cpuStart = process.cpuUsage();
  const report = await core.api['binder.export']({ year: Number(year), item, out });
  const ms = elapsedMs(start);
  const cpu = process.cpuUsage(cpuStart);
  process.stdout.write(
    `${JSON.stringify({
      ms,
      cpuMs: (cpu.user + cpu.system) / 1000,
      maxRssMB: peakRssKB() / 1024,
      volumes: report.volumes.map((v) => ({ path: v.path, pages: v.pages, numberedPages: v.numberedPages, documents: v.documents.length })),
    })}\n`,
  );
} finally {
  core.close();
}
