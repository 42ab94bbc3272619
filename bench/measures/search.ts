import type { Core } from '../../electron/core/api/core.js';
import { latency, now, elapsedMs, roundStat, type Latency } from '../stats.js';

/**
 * Search latency through the real API (validation, FTS match, ranking, snippets, item paths), top 50, against a
 * `LIKE '%q%'` scan over the same texts. The scan orders its hits like a result list must, so it reads every row; a
 * scan that stopped at the first 50 matches would return arbitrary records, not the best ones.
 */

export interface QueryClass {
  name: string;
  queries: string[];
}

export interface SearchClassResult {
  name: string;
  queries: string[];
  /** Hits the API returned for each query (at most 50), to show the queries find something. */
  hits: number[];
  taizhang: Latency;
  scan: Latency;
  /** Scan p50 ÷ Taizhang p50. */
  speedup: number;
}

export interface SearchResult {
  records: number;
  classes: SearchClassResult[];
}

/** Words the generated records contain, by length; the 文号 come from the archive generator. */
export function queryClasses(latinDocNos: readonly string[]): QueryClass[] {
  const pick = latinDocNos.filter((_, i) => i % Math.max(1, Math.floor(latinDocNos.length / 5)) === 0).slice(0, 5);
  return [
    { name: '1 字', queries: ['创', '站', '榜', '卫', '党'] },
    { name: '2 字', queries: ['签到', '志愿', '讲堂', '公约', '网格'] },
    { name: '3 字', queries: ['志愿者', '网格员', '居委会', '文明办', '红黑榜'] },
    { name: '4 字', queries: ['垃圾分类', '道德讲堂', '环境卫生', '文明实践', '移风易俗'] },
    { name: '拉丁文号', queries: pick.length > 0 ? pick : ['WMB-0000-0000'] },
  ];
}

function likeScan(core: Core): (query: string) => number[] {
  const statement = core.archive.db.prepare(
    `SELECT r.id FROM records r
     WHERE r.deleted_at IS NULL AND (
       r.title LIKE @q OR r.doc_no LIKE @q OR r.author LIKE @q OR r.note LIKE @q OR r.caption LIKE @q
       OR EXISTS (SELECT 1 FROM record_files f JOIN blobs b ON b.sha256 = f.sha256
                  WHERE f.record_id = r.id AND (b.text LIKE @q OR f.name LIKE @q)))
     ORDER BY r.year DESC, r.date DESC, r.id DESC LIMIT 50`,
  ).pluck();
  return (query) => statement.all({ q: `%${query.replace(/[%_]/g, '')}%` }) as number[];
}

export async function measureSearch(core: Core, classes: QueryClass[], repeats: number, scanRepeats: number, records: number): Promise<SearchResult> {
  const scan = likeScan(core);
  // One untimed round warms the page cache for both, so neither pays for the first read from disk.
  for (const c of classes) for (const q of c.queries) await core.api['search.query']({ query: q, limit: 50 });
  scan('预热');
  const results: SearchClassResult[] = [];
  for (const c of classes) {
    const ours: number[] = [];
    const theirs: number[] = [];
    const hits: number[] = [];
    for (const q of c.queries) {
      for (let r = 0; r < repeats; r += 1) {
        const start = now();
        const found = await core.api['search.query']({ query: q, limit: 50 });
        ours.push(elapsedMs(start));
        if (r === 0) hits.push(found.results.length);
      }
      for (let r = 0; r < scanRepeats; r += 1) {
        const start = now();
        scan(q);
        theirs.push(elapsedMs(start));
      }
    }
    const taizhang = latency(ours);
    const baseline = latency(theirs);
    results.push({
      name: c.name, queries: c.queries, hits, taizhang: roundStat(taizhang), scan: roundStat(baseline),
      // Two significant digits: at the quick scale a ratio below 0.05 must not read as 0.
      speedup: Number((baseline.p50 / taizhang.p50).toPrecision(2)),
    });
  }
  return { records, classes: results };
}
