import type { Db } from '../store/database.js';
import { all, idList, values } from '../store/sql.js';
import { findItemOfYear, resolveEdition } from './editions.js';
import { equivalentItemIds } from './tree.js';
import { placeInEdition, type MappingGraph } from '../../../shared/domain/item-mapping.js';

/**
 * The one answer to "which records of year Y count under item X": every list, search filter, completeness figure,
 * binder volume and checklist row asks here.
 *
 * A record counts under the items it is linked to in the year's own edition. A link to an item of another edition
 * (the year was moved to a new edition after filing, or the record came from a year that used an older one) counts
 * under the items of the year's edition that `item_map` leads to — same, renamed, split or merged, one step or
 * several — and, when the item itself is not mapped, under whatever its nearest mapped ancestor leads to. It is the
 * same walk as equivalentItemIds, seen from the record's side.
 */
export interface YearHoldings {
  year: number;
  edition: number;
  /** Items of the year's edition the record counts under directly, in tree order (empty when none). */
  itemsOf(recordId: number): readonly number[];
  /** Records counted directly under the item. */
  recordsAt(itemId: number): readonly number[];
  /** Records counted under the item or any item below it, in id order. */
  recordsUnder(itemId: number): number[];
  /** Every record of the year that counts under some item. */
  placed(): number[];
}

interface TreeRow {
  id: number;
  parent_id: number | null;
}

/** What the records of a year are filed under, read once. */
export function yearHoldings(db: Db, year: number): YearHoldings {
  const edition = resolveEdition(db, { year });
  const tree = all<TreeRow>(
    db,
    `WITH RECURSIVE t(id, parent_id, sort) AS (
       SELECT id, parent_id, printf('%06d', position) FROM items WHERE edition_id = ? AND parent_id IS NULL
       UNION ALL
       SELECT i.id, i.parent_id, t.sort || '.' || printf('%06d', i.position) FROM items i JOIN t ON i.parent_id = t.id
     )
     SELECT id, parent_id FROM t ORDER BY sort`,
    edition,
  );
  const order = new Map(tree.map((row, i) => [row.id, i]));
  const children = new Map<number, number[]>();
  for (const row of tree) if (row.parent_id !== null) children.set(row.parent_id, [...(children.get(row.parent_id) ?? []), row.id]);

  const links = all<{ record: number; item: number }>(
    db,
    'SELECT ri.record_id AS record, ri.item_id AS item FROM record_items ri JOIN live_records r ON r.id = ri.record_id WHERE r.year = ?',
    year,
  );
  const placement = new Map<number, number[]>();
  const place = (item: number): number[] => {
    if (order.has(item)) return [item];
    let found = placement.get(item);
    if (!found) {
      found = placeInEdition(archiveGraph(db), item, edition).sort((a, b) => a - b);
      placement.set(item, found);
    }
    return found;
  };

  const byRecord = new Map<number, number[]>();
  for (const link of links) {
    const list = byRecord.get(link.record) ?? [];
    for (const id of place(link.item)) if (!list.includes(id)) list.push(id);
    byRecord.set(link.record, list);
  }
  const byItem = new Map<number, number[]>();
  for (const [record, items] of byRecord) {
    items.sort((a, b) => order.get(a)! - order.get(b)!);
    for (const item of items) byItem.set(item, [...(byItem.get(item) ?? []), record]);
  }
  for (const list of byItem.values()) list.sort((a, b) => a - b);

  const subtree = (id: number): number[] => [id, ...(children.get(id) ?? []).flatMap(subtree)];
  return {
    year,
    edition,
    itemsOf: (recordId) => byRecord.get(recordId) ?? [],
    recordsAt: (itemId) => byItem.get(itemId) ?? [],
    recordsUnder: (itemId) => [...new Set(subtree(itemId).flatMap((id) => byItem.get(id) ?? []))].sort((a, b) => a - b),
    placed: () => [...byRecord.entries()].filter(([, items]) => items.length > 0).map(([id]) => id).sort((a, b) => a - b),
  };
}

/** The mapping graph of archive.db, for the shared walk (shared/domain/item-mapping.ts). */
function archiveGraph(db: Db): MappingGraph<number> {
  return {
    editionsOf: (ids) =>
      all<{ id: number; edition: number }>(db, 'SELECT i.id, i.edition_id AS edition FROM items i JOIN json_each(?) j ON i.id = j.value', idList(ids)),
    linked: (ids) =>
      values<number>(
        db,
        `SELECT m.to_item FROM item_map m JOIN json_each(@ids) j ON m.from_item = j.value
         UNION SELECT m.from_item FROM item_map m JOIN json_each(@ids) j ON m.to_item = j.value`,
        { ids: idList(ids) },
      ),
    ancestors: (id) =>
      values<number>(
        db,
        `WITH RECURSIVE up(id, depth) AS (
           SELECT ?, 0
           UNION ALL
           SELECT i.parent_id, up.depth + 1 FROM items i JOIN up ON i.id = up.id WHERE i.parent_id IS NOT NULL
         )
         SELECT id FROM up ORDER BY depth`,
        id,
      ),
  };
}

/** A record filter for an item, as SQL over `r` (a records row). */
export interface ItemCondition {
  sql: string;
  params: unknown[];
  /** For one year: the records themselves (lets search narrow its walk). */
  recordIds: number[] | null;
  /** For every year: the items, of any edition, whose links count. */
  itemIds: number[] | null;
}

/**
 * Records under the item with code `code`: with `subtree`, also under its sub-items and, across editions, under
 * the items mapped to it. With a year, that year's holdings (the code looked up in the year's edition). Without,
 * every year's records linked to an item equivalent to it (the code looked up in `lookupYear`'s edition, or the
 * newest), so that browsing this year's item shows last years' records filed under its older name.
 */
export function itemCondition(db: Db, code: string, options: { year?: number | undefined; lookupYear?: number | undefined; subtree?: boolean }): ItemCondition {
  const subtree = options.subtree ?? true;
  if (options.year !== undefined) {
    const holdings = yearHoldings(db, options.year);
    const item = findItemOfYear(db, holdings.edition, code, options.year).id;
    const ids = subtree ? holdings.recordsUnder(item) : [...holdings.recordsAt(item)];
    return { sql: 'r.id IN (SELECT value FROM json_each(?))', params: [idList(ids)], recordIds: ids, itemIds: null };
  }
  const edition = resolveEdition(db, { year: options.lookupYear });
  const item = findItemOfYear(db, edition, code, options.lookupYear).id;
  const items = subtree ? equivalentItemIds(db, [item]) : [item];
  return {
    sql: 'EXISTS (SELECT 1 FROM record_items ri WHERE ri.record_id = r.id AND ri.item_id IN (SELECT value FROM json_each(?)))',
    params: [idList(items)],
    recordIds: null,
    itemIds: items,
  };
}
