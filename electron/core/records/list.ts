import type { z } from 'zod';
import type { InboxCount, RecordSummary, recordFilterSchema } from '../../../shared/api/records.js';
import { itemCondition } from '../index/holdings.js';
import type { Db } from '../store/database.js';
import { all } from '../store/sql.js';
import { IN_INBOX, selectSummaries, type SummaryQuery } from './repository.js';

export type RecordFilter = z.output<typeof recordFilterSchema>;

/** Records matching a filter; an item filter is the index's own rule (itemCondition). */
export function listRecords(db: Db, filter: RecordFilter): RecordSummary[] {
  const query: SummaryQuery = { where: [filter.deleted ? 'r.deleted_at IS NOT NULL' : 'r.deleted_at IS NULL'], params: [] };
  const add = (clause: string, ...params: unknown[]): void => {
    query.where.push(clause);
    query.params.push(...params);
  };
  if (filter.year !== undefined) add('r.year = ?', filter.year);
  if (filter.type !== undefined) add('r.type = ?', filter.type);
  if (filter.activityId !== undefined) add('r.activity_id = ?', filter.activityId);
  if (filter.inbox !== undefined) add(filter.inbox ? IN_INBOX : `NOT ${IN_INBOX}`);
  if (filter.tag !== undefined) add('EXISTS (SELECT 1 FROM record_tags t WHERE t.record_id = r.id AND t.tag = ?)', filter.tag);
  if (filter.item !== undefined) {
    const condition = itemCondition(db, filter.item, { year: filter.year, subtree: filter.subtree });
    add(condition.sql, ...condition.params);
  }
  return selectSummaries(db, query);
}

/** records.inbox: how many live records wait to be filed, in all and by year (for the tree's 待归类 row). */
export function inboxCount(db: Db): InboxCount {
  const years = all<InboxCount['years'][number]>(db, `SELECT r.year, count(*) AS records FROM live_records r WHERE ${IN_INBOX} GROUP BY r.year ORDER BY r.year`);
  return { total: years.reduce((n, y) => n + y.records, 0), years };
}
