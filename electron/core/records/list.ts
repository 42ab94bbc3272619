import type { z } from 'zod';
import type { InboxCount, RecordSummary, recordFilterSchema } from '../../../shared/api/records.js';
import { itemCondition } from '../index/holdings.js';
import type { Db } from '../store/database.js';
import { all, idList } from '../store/sql.js';
import { IN_INBOX, selectSummaries, type SummaryQuery } from './repository.js';

export type RecordFilter = z.output<typeof recordFilterSchema>;

// Optional filters keep one text, binding NULL when absent, so the statement cache holds a fixed handful of lists.
// The year and the trash stay separate texts: each picks an index, which a NULL-or-equal test would hide from SQLite.
const OPTIONAL_FILTERS = `(@type IS NULL OR r.type = @type)
  AND (@activity IS NULL OR r.activity_id = @activity)
  AND (@inbox IS NULL OR (${IN_INBOX}) = @inbox)
  AND (@tag IS NULL OR EXISTS (SELECT 1 FROM record_tags t WHERE t.record_id = r.id AND t.tag = @tag))
  AND (@records IS NULL OR r.id IN (SELECT value FROM json_each(@records)))
  AND (@items IS NULL OR EXISTS (SELECT 1 FROM record_items ri WHERE ri.record_id = r.id AND ri.item_id IN (SELECT value FROM json_each(@items))))`;

/** Records matching a filter; an item filter is the index's own rule (itemCondition). */
export function listRecords(db: Db, filter: RecordFilter): RecordSummary[] {
  const item = filter.item !== undefined ? itemCondition(db, filter.item, { year: filter.year, subtree: filter.subtree }) : null;
  const query: SummaryQuery = {
    where: [filter.deleted ? 'r.deleted_at IS NOT NULL' : 'r.deleted_at IS NULL', ...(filter.year !== undefined ? ['r.year = @year'] : []), OPTIONAL_FILTERS],
    params: [
      {
        year: filter.year ?? null,
        type: filter.type ?? null,
        activity: filter.activityId ?? null,
        inbox: filter.inbox === undefined ? null : filter.inbox ? 1 : 0,
        tag: filter.tag ?? null,
        records: item?.recordIds ? idList(item.recordIds) : null,
        items: item?.itemIds ? idList(item.itemIds) : null,
      },
    ],
  };
  return selectSummaries(db, query);
}

/** records.inbox: how many live records wait to be filed, in all and by year (for the tree's 待归类 row). */
export function inboxCount(db: Db): InboxCount {
  const years = all<InboxCount['years'][number]>(db, `SELECT r.year, count(*) AS records FROM live_records r WHERE ${IN_INBOX} GROUP BY r.year ORDER BY r.year`);
  return { total: years.reduce((n, y) => n + y.records, 0), years };
}
