import { openCore } from '../../electron/core/api/core.js';
import { roundStat, summarise, timed, type Stat } from '../stats.js';

/**
 * Opening the archive as every shell does (openCore: database settings, schema version and pending migrations checked,
 * file store layout), then the first question the app asks of it, the list of years.
 */

export interface OpenResult {
  records: number;
  ms: Stat;
}

export async function measureOpen(dir: string, runs: number, records: number): Promise<OpenResult> {
  const times: number[] = [];
  for (let r = 0; r < runs; r += 1) {
    const { ms, value: core } = await timed(async () => {
      const opened = await openCore(dir);
      await opened.api['archive.years']({});
      return opened;
    });
    core.close();
    times.push(ms);
  }
  return { records, ms: roundStat(summarise(times)) };
}
