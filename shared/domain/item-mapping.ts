/**
 * How an item of one edition of the index counts under another edition (same, renamed, split or merged), as one
 * walk over the mapping graph. The desktop's holdings (electron/core/index/holdings.ts) walk it over archive.db; the
 * hub walks it over the editions its packages brought. Ids are whatever the caller uses (row ids, "edition|code").
 */
export interface MappingGraph<T> {
  /** The edition of each given item (unknown items are left out). */
  editionsOf(ids: readonly T[]): { id: T; edition: T }[];
  /** Items linked to any of the given items by a mapping, either way round. */
  linked(ids: readonly T[]): T[];
  /** The item and its ancestors, nearest first. */
  ancestors(id: T): T[];
}

/**
 * Items of `edition` reached from `item` through the mappings, a step at a time, entering each edition once: the
 * first items of the target edition the walk reaches.
 */
export function mappedInto<T>(graph: MappingGraph<T>, item: T, edition: T): T[] {
  const claimed = new Set(graph.editionsOf([item]).map((r) => r.edition));
  const seen = new Set<T>([item]);
  let frontier: T[] = [item];
  while (frontier.length > 0) {
    const linked = graph.linked(frontier).filter((id) => !seen.has(id));
    const entering = graph.editionsOf(linked).filter((r) => !claimed.has(r.edition));
    const inTarget = entering.filter((r) => r.edition === edition).map((r) => r.id);
    if (inTarget.length > 0) return inTarget;
    for (const r of entering) {
      claimed.add(r.edition);
      seen.add(r.id);
    }
    frontier = entering.map((r) => r.id);
  }
  return [];
}

/**
 * The items of `edition` that a link to `item` (an item of another edition) counts under: what the mapping walk
 * reaches from the item, or else from its nearest ancestor that reaches any.
 */
export function placeInEdition<T>(graph: MappingGraph<T>, item: T, edition: T): T[] {
  for (const start of graph.ancestors(item)) {
    const reached = mappedInto(graph, start, edition);
    if (reached.length > 0) return reached;
  }
  return [];
}
