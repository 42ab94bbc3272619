import { toPhrase } from '../../../shared/text/tokens.js';
import { indexedRecordIds, indexFinds, liveRecords } from '../search/repository.js';
import { type Db, readTransaction } from '../store/database.js';
import type { SectionResult } from './check-database.js';
import { count, problem } from './check-problems.js';

/** How many records have their indexed title compared with the real one. */
export const SPOT_CHECKS = 200;

/**
 * The search index must hold exactly the records in use, and what it holds for them must be current. The sets of ids
 * are compared in full; the content is spot-checked by finding each sampled record by its own title.
 */
export function checkSearchIndex(db: Db): SectionResult {
  // One snapshot for the sets and the spot checks; a read, so it also runs on a read-only archive.
  return readTransaction(db, () => {
    const indexed = new Set(indexedRecordIds(db));
    const live = liveRecords(db);
    const liveIds = new Set(live.map((r) => r.id));
    const missing = live.filter((r) => !indexed.has(r.id)).length;
    const extra = [...indexed].filter((id) => !liveIds.has(id)).length;

    const step = Math.max(1, Math.ceil(live.length / SPOT_CHECKS));
    let checked = 0;
    let stale = 0;
    for (let i = 0; i < live.length; i += step) {
      const r = live[i]!;
      const match = toPhrase(r.title);
      if (!match || !indexed.has(r.id)) continue;
      checked += 1;
      if (!indexFinds(db, `title : (${match})`, r.id)) stale += 1;
    }

    const problems = [];
    if (missing + extra + stale > 0) {
      const parts = [
        missing > 0 ? `${count(missing)} 件未编入索引` : '',
        extra > 0 ? `${count(extra)} 条索引指向已删除或不存在的件` : '',
        stale > 0 ? `抽查 ${count(checked)} 件中 ${count(stale)} 件的索引内容过期` : '',
      ].filter(Boolean);
      problems.push(
        problem('search_index', `检索索引与件不一致：${parts.join('，')}（可以自动修复） / Search index out of step with records (check --repair rebuilds it)`, { missing, extra, stale }),
      );
    }
    const summary = [
      problems.length === 0
        ? `检索索引：${count(indexed.size)} 条，与 ${count(live.length)} 件一致（抽查 ${count(checked)} 件的题名）`
        : `检索索引：${count(indexed.size)} 条，与 ${count(live.length)} 件不一致`,
    ];
    return { problems, summary };
  });
}
