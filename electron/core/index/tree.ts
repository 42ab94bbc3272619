import type { Db } from '../store/database.js';
import { all, idList, values } from '../store/sql.js';

/** Separator between levels of an item path, e.g. "1 思想道德建设 › 1.2 志愿服务". */
export const PATH_SEPARATOR = ' › ';

function uniqueIds(ids: readonly number[]): number[] {
  return [...new Set(ids)];
}

/** Every item in the subtrees of the given items (the items themselves included), in no particular order. */
export function subtreeOfItems(db: Db, itemIds: readonly number[]): number[] {
  if (itemIds.length === 0) return [];
  return values<number>(
    db,
    `WITH RECURSIVE sub(id) AS (
       SELECT i.id FROM items i JOIN json_each(?) j ON i.id = j.value
       UNION
       SELECT c.id FROM items c JOIN sub ON c.parent_id = sub.id
     )
     SELECT id FROM sub`,
    idList(uniqueIds(itemIds)),
  );
}

/** The item and all its descendants. */
export function subtreeItemIds(db: Db, itemId: number): number[] {
  return subtreeOfItems(db, [itemId]);
}

/**
 * The items whose records belong when browsing or searching the given items: their subtrees, plus every item linked to
 * them through `item_map` (either direction, transitively, across editions) with its subtree.
 *
 * The walk goes one mapping step at a time, and an edition is entered only at the first step that reaches it. Without
 * that rule a split would leak: old 1.2 split into new 2.1 and 2.2 must show old 1.2's records under new 2.1, but must
 * not pull new 2.2's records in by walking back out of old 1.2 into the current edition.
 */
export function equivalentItemIds(db: Db, itemIds: readonly number[]): number[] {
  const editionOf = (ids: readonly number[]): { id: number; edition: number }[] =>
    all<{ id: number; edition: number }>(db, 'SELECT i.id, i.edition_id AS edition FROM items i JOIN json_each(?) j ON i.id = j.value', idList(ids));
  const neighbours = (ids: readonly number[]): number[] =>
    values<number>(
      db,
      `SELECT m.to_item FROM item_map m JOIN json_each(@ids) j ON m.from_item = j.value
       UNION
       SELECT m.from_item FROM item_map m JOIN json_each(@ids) j ON m.to_item = j.value`,
      { ids: idList(ids) },
    );

  const found = new Set<number>();
  const claimedEditions = new Set<number>();
  let frontier = subtreeOfItems(db, itemIds);
  while (frontier.length > 0) {
    const rows = editionOf(frontier);
    for (const row of rows) found.add(row.id);
    for (const row of rows) claimedEditions.add(row.edition);

    const linked = neighbours(frontier).filter((id) => !found.has(id));
    const linkedRows = editionOf(linked);
    const entering = linkedRows.filter((r) => !claimedEditions.has(r.edition)).map((r) => r.id);
    frontier = subtreeOfItems(db, entering).filter((id) => !found.has(id));
  }
  return [...found].sort((a, b) => a - b);
}

interface PathRow {
  id: number;
  parent_id: number | null;
  code: string;
  title: string;
}

/** Paths such as "1 思想道德建设 › 1.2 志愿服务 › 1.2.1 志愿服务站规范运行" for many items at once; unknown ids are absent. */
export function itemPaths(db: Db, itemIds: readonly number[]): Map<number, string> {
  const paths = new Map<number, string>();
  if (itemIds.length === 0) return paths;
  const rows = all<PathRow>(
    db,
    `WITH RECURSIVE up(id) AS (
       SELECT i.id FROM items i JOIN json_each(?) j ON i.id = j.value
       UNION
       SELECT p.parent_id FROM items p JOIN up ON p.id = up.id WHERE p.parent_id IS NOT NULL
     )
     SELECT i.id, i.parent_id, i.code, i.title FROM items i JOIN up ON i.id = up.id`,
    idList(uniqueIds(itemIds)),
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  const pathOf = (id: number): string => {
    const cached = paths.get(id);
    if (cached !== undefined) return cached;
    const row = byId.get(id);
    if (!row) return '';
    const own = `${row.code} ${row.title}`;
    const text = row.parent_id === null ? own : `${pathOf(row.parent_id)}${PATH_SEPARATOR}${own}`;
    paths.set(id, text);
    return text;
  };
  for (const id of itemIds) pathOf(id);
  // Ancestors were cached on the way; keep only what was asked for.
  const asked = new Set(itemIds);
  for (const id of [...paths.keys()]) if (!asked.has(id)) paths.delete(id);
  return paths;
}

/** The path of one item, or '' when there is no such item. */
export function itemPath(db: Db, itemId: number): string {
  return itemPaths(db, [itemId]).get(itemId) ?? '';
}
