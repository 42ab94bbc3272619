import type { z } from 'zod';
import type { RecordSummary, recordFilterSchema } from '../../../shared/api/records.js';
import { equivalentItemIds } from '../index/tree.js';
import type { Db } from '../store/database.js';
import { resolveItemCodes, selectSummaries, type SummaryQuery } from './repository.js';

export type RecordFilter = z.output<typeof recordFilterSchema>;

/**
 * Records matching a filter. An item filter takes the item in the year's edition (the newest when no year is
 * given) and, with `subtree`, its sub-items and the items mapped to it in other editions, so that browsing this
 * year's item shows last years' records filed under its older name.
 */
export function listRecords(db: Db, filter: RecordFilter): RecordSummary[] {
  const query: SummaryQuery = { where: [filter.deleted ? 'r.deleted_at IS NOT NULL' : 'r.deleted_at IS NULL'], params: [] };
  const add = (clause: string, ...params: unknown[]): void => {
    query.where.push(clause);
    query.params.push(...params);
  };
  if (filter.year !== undefined) add('r.year = ?', filter.year);
  if (filter.type !== undefined) add('r.type = ?', filter.type);
  if (filter.activityId !== undefined) add('r.activity_id = ?', filter.activityId);
  if (filter.tag !== undefined) add('EXISTS (SELECT 1 FROM record_tags t WHERE t.record_id = r.id AND t.tag = ?)', filter.tag);
  if (filter.item !== undefined) {
    const itemIds = resolveItemCodes(db, filter.year, [filter.item]);
    const ids = filter.subtree ? equivalentItemIds(db, itemIds) : itemIds;
    add('EXISTS (SELECT 1 FROM record_items ri WHERE ri.record_id = r.id AND ri.item_id IN (SELECT value FROM json_each(?)))', JSON.stringify(ids));
  }
  return selectSummaries(db, query);
}
