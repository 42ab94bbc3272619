import type { HubMatrix, HubMatrixCell, HubMatrixFilter } from '../../shared/api/hub.js';
import type { Completeness } from '../../shared/api/status.js';
import { aggregateCompleteness } from '../../shared/domain/completeness.js';
import { placeInEdition, type MappingGraph } from '../../shared/domain/item-mapping.js';
import { compareNames } from '../../shared/text/name-order.js';
import type { Scope } from './accounts.js';
import type { HubDb } from './db.js';

interface ItemRow {
  edition_key: string;
  code: string;
  title: string;
  level: number;
  parent: string | null;
  unit: string;
  position: number;
}

const key = (edition: string, code: string): string => `${edition}|${code}`;

/** The current packages of a year the scope may see, with their communities. */
export async function currentPackages(db: HubDb, year: number, scope: Scope) {
  let q = db
    .selectFrom('packages')
    .innerJoin('communities', 'communities.id', 'packages.community_id')
    .leftJoin('streets', 'streets.id', 'communities.street_id')
    .select(['packages.id', 'packages.edition_key', 'packages.imported_at', 'communities.id as community_id', 'communities.unit', 'communities.fonds', 'streets.name as street'])
    .where('packages.year', '=', year)
    .where('packages.current', '=', 1);
  if (!scope.all) q = q.where('communities.street_id', '=', scope.streetId ?? -1);
  // Ordered here, not in SQL: by 街道 then community as a Chinese reader sorts, the same on both databases.
  return (await q.execute()).sort((a, b) => compareNames(a.street ?? '', b.street ?? '') || compareNames(a.unit, b.unit));
}

/**
 * The matrix of communities × 测评标准 for a year. Its columns are the leaf items of the edition most of the
 * year's communities use (on a tie, the newest package's). A community on another edition has its items placed
 * into that edition with the desktop's rule (shared/domain/item-mapping.ts: same, renamed, split or merged, through
 * the mappings its archive carried), and a cell that several of its items map into takes their aggregate status.
 */
export async function hubMatrix(db: HubDb, year: number, scope: Scope, filter: HubMatrixFilter = {}): Promise<HubMatrix> {
  const packages = await currentPackages(db, year, scope);
  const empty: HubMatrix = { year, edition: null, communities: [], items: [], tops: [], streets: [], cells: [], totals: { byCommunity: [], byItem: [] } };
  if (packages.length === 0) return empty;
  const uses = new Map<string, { count: number; newest: string }>();
  for (const p of packages) {
    const u = uses.get(p.edition_key) ?? { count: 0, newest: '' };
    uses.set(p.edition_key, { count: u.count + 1, newest: p.imported_at > u.newest ? p.imported_at : u.newest });
  }
  const reference = [...uses.entries()].sort((a, b) => b[1].count - a[1].count || b[1].newest.localeCompare(a[1].newest))[0]![0];
  const editionKeys = new Set(packages.map((p) => p.edition_key));
  const maps = await db.selectFrom('item_map').selectAll().execute();
  for (const m of maps) editionKeys.add(m.from_edition).add(m.to_edition);
  const items = (await db
    .selectFrom('items')
    .select(['edition_key', 'code', 'title', 'level', 'parent', 'unit', 'position'])
    .where('edition_key', 'in', [...editionKeys])
    .orderBy('position')
    .execute()) as ItemRow[];
  const byKey = new Map(items.map((i) => [key(i.edition_key, i.code), i]));
  const hasChildren = new Set(items.filter((i) => i.parent !== null).map((i) => key(i.edition_key, i.parent!)));
  const refItems = items.filter((i) => i.edition_key === reference);
  const topOf = (i: ItemRow): ItemRow => {
    let at = i;
    while (at.parent !== null) {
      const up = byKey.get(key(at.edition_key, at.parent));
      if (!up) break;
      at = up;
    }
    return at;
  };
  let leaves = refItems.filter((i) => !hasChildren.has(key(reference, i.code)));
  if (filter.top) leaves = leaves.filter((i) => topOf(i).code === filter.top);
  if (filter.unit) leaves = leaves.filter((i) => i.unit.includes(filter.unit!));

  // The reference edition is the whole year's; one 街道 or one community is placed into it like any other.
  const shown = packages.filter((p) => (filter.community === undefined || p.community_id === filter.community) && (!filter.street || (p.street ?? '') === filter.street));
  const statuses = shown.length === 0 ? [] : await db.selectFrom('statuses').select(['package_id', 'code', 'status']).where('package_id', 'in', shown.map((p) => p.id)).execute();
  const statusOf = new Map<number, Map<string, Completeness>>();
  for (const s of statuses) {
    let own = statusOf.get(s.package_id);
    if (!own) statusOf.set(s.package_id, (own = new Map()));
    own.set(s.code, s.status as Completeness);
  }
  // Which of an edition's own leaves feed each reference leaf is the same for every package on that edition, so it is
  // worked out once per edition, not once per package.
  const graph = mappingGraph(items, maps);
  const feeds = new Map<string, Map<string, string[]>>();
  const feedsOf = (edition: string): Map<string, string[]> => {
    let found = feeds.get(edition);
    if (!found) feeds.set(edition, (found = edition === reference ? new Map(leaves.map((l) => [l.code, [l.code]])) : placedLeaves(items, hasChildren, graph, edition, reference)));
    return found;
  };

  const cells: HubMatrixCell[] = [];
  const byCommunity = new Map(shown.map((p) => [p.community_id, tally()]));
  const byItem = new Map(leaves.map((l) => [l.code, tally()]));
  for (const p of shown) {
    const own = statusOf.get(p.id);
    const fed = feedsOf(p.edition_key);
    for (const leaf of leaves) {
      const parts = (fed.get(leaf.code) ?? []).map((code) => own?.get(code) ?? '缺失');
      const status = parts.length > 0 ? aggregateCompleteness(parts) : '缺失';
      if (filter.status && status !== filter.status) continue;
      cells.push({ communityId: p.community_id, unit: p.unit, code: leaf.code, status, mapped: p.edition_key !== reference });
      byCommunity.get(p.community_id)![status] += 1;
      byItem.get(leaf.code)![status] += 1;
    }
  }
  const editionName = (await db.selectFrom('editions').select('name').where('key', '=', reference).executeTakeFirst())?.name ?? '';
  return {
    year,
    edition: { key: reference, name: editionName },
    communities: shown.map((p) => ({ id: p.community_id, unit: p.unit, fonds: p.fonds, street: p.street ?? '', packageId: p.id, edition: p.edition_key })),
    items: leaves.map((i) => ({ code: i.code, title: i.title, top: { code: topOf(i).code, title: topOf(i).title }, unit: i.unit })),
    tops: refItems.filter((i) => i.parent === null).map((i) => ({ code: i.code, title: i.title })),
    streets: [...new Set(packages.map((p) => p.street ?? ''))].filter(Boolean),
    cells,
    totals: {
      byCommunity: shown.map((p) => ({ communityId: p.community_id, ...byCommunity.get(p.community_id)! })),
      byItem: leaves.map((i) => ({ code: i.code, ...byItem.get(i.code)! })),
    },
  };
}

const tally = (): Record<Completeness, number> => ({ 齐全: 0, 部分: 0, 缺失: 0, 不适用: 0 });

/**
 * For each leaf of the reference edition, the leaves of another edition placed into it: an own leaf placed onto a
 * reference item that has children feeds every leaf under it.
 */
function placedLeaves(items: ItemRow[], hasChildren: Set<string>, graph: MappingGraph<string>, edition: string, reference: string): Map<string, string[]> {
  const children = new Map<string, string[]>();
  for (const i of items) if (i.edition_key === reference && i.parent !== null) children.set(i.parent, [...(children.get(i.parent) ?? []), i.code]);
  const leavesUnder = (code: string): string[] => {
    const kids = children.get(code);
    return kids ? kids.flatMap(leavesUnder) : [code];
  };
  const fed = new Map<string, string[]>();
  for (const own of items) {
    if (own.edition_key !== edition || hasChildren.has(key(edition, own.code))) continue;
    for (const target of placeInEdition(graph, key(edition, own.code), reference).flatMap((k) => leavesUnder(k.slice(reference.length + 1)))) {
      fed.set(target, [...(fed.get(target) ?? []), own.code]);
    }
  }
  return fed;
}

function mappingGraph(items: ItemRow[], maps: { from_edition: string; from_code: string; to_edition: string; to_code: string }[]): MappingGraph<string> {
  const editionOf = new Map(items.map((i) => [key(i.edition_key, i.code), i.edition_key]));
  const parentOf = new Map(items.map((i) => [key(i.edition_key, i.code), i.parent === null ? null : key(i.edition_key, i.parent)]));
  const links = new Map<string, string[]>();
  const link = (a: string, b: string): void => {
    links.set(a, [...(links.get(a) ?? []), b]);
  };
  for (const m of maps) {
    link(key(m.from_edition, m.from_code), key(m.to_edition, m.to_code));
    link(key(m.to_edition, m.to_code), key(m.from_edition, m.from_code));
  }
  return {
    editionsOf: (ids) => ids.filter((id) => editionOf.has(id)).map((id) => ({ id, edition: editionOf.get(id)! })),
    linked: (ids) => [...new Set(ids.flatMap((id) => links.get(id) ?? []))],
    ancestors: (id) => {
      const out: string[] = [];
      for (let at: string | null | undefined = id; at; at = parentOf.get(at)) out.push(at);
      return out;
    },
  };
}
