import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Core } from '../../electron/core/api/core.js';
import { roundStat, summarise, timed, type Stat } from '../stats.js';

/** Checklist export of the year on the large edition: every 测评标准 a row, every 件 a line of the 材料索引. */

export interface ChecklistRunResult {
  items: number;
  records: number;
  rows: number;
  seconds: Stat;
}

export async function measureChecklist(core: Core, options: { year: number; items: number; runs: number; scratch: string }): Promise<ChecklistRunResult> {
  const seconds: number[] = [];
  let rows = 0;
  let records = 0;
  await fs.mkdir(options.scratch, { recursive: true });
  for (let r = 0; r < options.runs; r += 1) {
    const out = path.join(options.scratch, `checklist-${r}.xlsx`);
    const { ms, value } = await timed(() => core.api['checklist.export']({ year: options.year, out }));
    seconds.push(ms / 1000);
    rows = value.rows;
    records = value.records;
    await fs.rm(out, { force: true });
  }
  return { items: options.items, records, rows, seconds: roundStat(summarise(seconds)) };
}
