import { describe, expect, it } from 'vitest';
import { tempCore } from '../../../test/support/temp.js';
import type { Db } from '../store/database.js';
import { findItem, insertEdition, type ItemDraft } from './editions.js';
import { linkItems } from './mapping.js';
import { equivalentItemIds, itemPath, itemPaths, subtreeItemIds } from './tree.js';

const leaf = (code: string, title: string): ItemDraft => ({ code, title });

/** Three editions: 2015 (old), 2018 (middle), 2021 (new), each with two top items of two leaves. */
function threeEditions(db: Db): { ed: (name: string) => number; id: (edition: number, code: string) => number } {
  const editions = new Map<string, number>();
  for (const name of ['2015', '2018', '2021']) {
    const { edition } = insertEdition(db, {
      name,
      items: [
        { code: '1', title: `${name}思想道德`, children: [leaf('1.1', `${name}志愿服务`), leaf('1.2', `${name}道德讲堂`)] },
        { code: '2', title: `${name}未成年人`, children: [leaf('2.1', `${name}活动室`), leaf('2.2', `${name}公益广告`)] },
      ],
    });
    editions.set(name, edition);
  }
  return { ed: (name) => editions.get(name) ?? 0, id: (edition, code) => findItem(db, edition, code).id };
}

describe('index tree helpers', () => {
  it('lists an item and every descendant', async () => {
    const core = await tempCore();
    const db = core.archive.db;
    const { ed, id } = threeEditions(db);
    const e = ed('2021');
    expect(subtreeItemIds(db, id(e, '1')).sort()).toEqual([id(e, '1'), id(e, '1.1'), id(e, '1.2')].sort());
    expect(subtreeItemIds(db, id(e, '2.2'))).toEqual([id(e, '2.2')]);
    expect(subtreeItemIds(db, 999_999)).toEqual([]);
  });

  it('writes item paths with codes and titles, one or many at a time', async () => {
    const core = await tempCore();
    const db = core.archive.db;
    const example = db.prepare('SELECT id FROM editions WHERE is_example = 1').pluck().get() as number;
    const leafId = findItem(db, example, '1.2.1').id;
    expect(itemPath(db, leafId)).toBe('1 思想道德建设 › 1.2 志愿服务 › 1.2.1 志愿服务站规范运行');
    const top = findItem(db, example, '2').id;
    const many = itemPaths(db, [leafId, top, 424_242]);
    expect([...many.keys()].sort()).toEqual([leafId, top].sort());
    expect(many.get(top)).toBe('2 未成年人思想道德建设');
    expect(itemPath(db, 424_242)).toBe('');
  });

  it('follows mappings both ways and across editions, with subtrees', async () => {
    const core = await tempCore();
    const db = core.archive.db;
    const { ed, id } = threeEditions(db);
    const [old, mid, now] = [ed('2015'), ed('2018'), ed('2021')];
    linkItems(db, id(old, '1.1'), id(mid, '1.2'), 'renamed');
    linkItems(db, id(mid, '1.2'), id(now, '2.1'), 'same');
    linkItems(db, id(old, '2'), id(mid, '2'), 'same');

    // Browsing the current 2.1 shows what 2018 filed under 1.2 and 2015 under 1.1.
    expect(equivalentItemIds(db, [id(now, '2.1')])).toEqual([id(old, '1.1'), id(mid, '1.2'), id(now, '2.1')].sort((a, b) => a - b));
    // And backwards: browsing the oldest item reaches the newest.
    expect(equivalentItemIds(db, [id(old, '1.1')])).toContain(id(now, '2.1'));
    // A mapped parent brings its whole subtree.
    expect(equivalentItemIds(db, [id(mid, '2')]).sort((a, b) => a - b)).toEqual(
      [id(old, '2'), id(old, '2.1'), id(old, '2.2'), id(mid, '2'), id(mid, '2.1'), id(mid, '2.2')].sort((a, b) => a - b),
    );
    // Browsing the current top item 2 follows its child 2.1's mapping too.
    expect(equivalentItemIds(db, [id(now, '2')])).toEqual(expect.arrayContaining([id(mid, '1.2'), id(old, '1.1')]));
    // Unmapped items are only themselves.
    expect(equivalentItemIds(db, [id(now, '1.2')])).toEqual([id(now, '1.2')]);
    expect(equivalentItemIds(db, [])).toEqual([]);
  });

  it('does not leak a split sibling back into the edition being browsed', async () => {
    const core = await tempCore();
    const db = core.archive.db;
    const { ed, id } = threeEditions(db);
    const [old, now] = [ed('2015'), ed('2021')];
    linkItems(db, id(old, '1.1'), id(now, '1.1'), 'split');
    linkItems(db, id(old, '1.1'), id(now, '1.2'), 'split');
    expect(equivalentItemIds(db, [id(now, '1.1')])).toEqual([id(old, '1.1'), id(now, '1.1')].sort((a, b) => a - b));
    // From the old side both parts are the same material.
    expect(equivalentItemIds(db, [id(old, '1.1')])).toEqual([id(old, '1.1'), id(now, '1.1'), id(now, '1.2')].sort((a, b) => a - b));
  });

  it('terminates on mapping cycles', async () => {
    const core = await tempCore();
    const db = core.archive.db;
    const { ed, id } = threeEditions(db);
    const [old, mid, now] = [ed('2015'), ed('2018'), ed('2021')];
    linkItems(db, id(old, '1'), id(mid, '1'), 'same');
    linkItems(db, id(mid, '1'), id(now, '1'), 'same');
    linkItems(db, id(now, '1'), id(old, '1'), 'same');
    expect(equivalentItemIds(db, [id(now, '1.2')])).toEqual([id(now, '1.2')]);
    expect(equivalentItemIds(db, [id(now, '1')])).toHaveLength(9);
  });
});
