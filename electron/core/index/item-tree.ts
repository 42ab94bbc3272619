import type { IndexItem } from '../../../shared/api/index.js';

/** An edition's items in memory, for walking up and down the tree without a query per step. */
export class ItemTree {
  readonly byId = new Map<number, IndexItem>();
  readonly byCode = new Map<string, IndexItem>();
  /** Index in tree order (parents before children, siblings by position). */
  readonly position = new Map<number, number>();
  private readonly children = new Map<number | null, IndexItem[]>();

  /** `items` in tree order, as listItems returns them. */
  constructor(readonly items: readonly IndexItem[]) {
    items.forEach((item, i) => {
      this.byId.set(item.id, item);
      this.byCode.set(item.code, item);
      this.position.set(item.id, i);
    });
    for (const item of items) {
      const parentId = item.parent === null ? null : (this.byCode.get(item.parent)?.id ?? null);
      const list = this.children.get(parentId) ?? [];
      list.push(item);
      this.children.set(parentId, list);
    }
  }

  parentOf(id: number): IndexItem | null {
    const code = this.byId.get(id)?.parent;
    return code == null ? null : (this.byCode.get(code) ?? null);
  }

  childrenOf(id: number | null): readonly IndexItem[] {
    return this.children.get(id) ?? [];
  }

  /** True when `id` is `rootId` or below it. */
  within(id: number, rootId: number): boolean {
    for (let cur: IndexItem | null = this.byId.get(id) ?? null; cur; cur = this.parentOf(cur.id)) if (cur.id === rootId) return true;
    return false;
  }

  /** The item and its ancestors, from the top level down. */
  chain(id: number): IndexItem[] {
    const out: IndexItem[] = [];
    for (let cur: IndexItem | null = this.byId.get(id) ?? null; cur; cur = this.parentOf(cur.id)) out.unshift(cur);
    return out;
  }

  topOf(id: number): IndexItem {
    return this.chain(id)[0]!;
  }

  /** The ancestor at `level` (1 = top), or the item itself when it sits higher. */
  atLevel(id: number, level: number): IndexItem {
    const chain = this.chain(id);
    return chain[Math.min(level, chain.length) - 1]!;
  }

  /** 1-based places among siblings from the top down: [2, 1] for the first child of the second top-level item. */
  ordinals(id: number): number[] {
    return this.chain(id).map((item) => {
      const parent = this.parentOf(item.id);
      return this.childrenOf(parent?.id ?? null).indexOf(item) + 1;
    });
  }

  isLeaf(id: number): boolean {
    return this.childrenOf(id).length === 0;
  }

  /** Ancestors of `id` from `rootId` (inclusive; the top level when null) down to its parent. */
  ancestors(id: number, rootId: number | null): IndexItem[] {
    const chain: IndexItem[] = [];
    if (id === rootId) return chain;
    for (let p = this.parentOf(id); p; p = this.parentOf(p.id)) {
      chain.unshift(p);
      if (p.id === rootId) break;
    }
    return chain;
  }
}
