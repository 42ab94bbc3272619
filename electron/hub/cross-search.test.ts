import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../test/support/temp.js';
import { WHOLE_HUB, type Scope } from './accounts.js';
import { hubSearch } from './cross-search.js';
import { openHub } from './db.js';
import { importPackage } from './package-import.js';
import { hubBackends, writeFixturePackage } from './testing/fixtures.js';

const backends = hubBackends();
afterAll(async () => {
  for (const b of backends) await b.cleanup();
});

/** 60 records a community: every third an 签到表, every tenth naming 红黑榜, the rest plain. */
const records = (unit: string): [string, string, string][] =>
  Array.from({ length: 60 }, (_, i) => [
    i % 3 === 0 ? `${unit}活动签到表${i}` : `${unit}工作记录${i}`,
    '1.1',
    i % 10 === 0 ? '红黑榜评议结果公示。' : '社区居民参加活动。',
  ]);

describe.each(backends)('hub search past its newest-records shortcut on $name', (backend) => {
  it('gives the answer of a search over every record, for frequent and rare terms and for a 街道 whose records are not the newest', async () => {
    const dir = tempDir();
    const hub = await openHub(path.join(dir, 'hub'), { db: await backend.create(), create: true });
    try {
      const packages = tempDir();
      // 和平街道's community is imported first, so the newest records all belong to 东风街道.
      for (const [unit, street] of [['和平社区', '和平街道'], ['东风社区', '东风街道']] as const) {
        const file = await writeFixturePackage(packages, { unit, archiveId: `a-${street}`, year: 2025, records: records(unit) });
        expect((await importPackage(hub, file, { source: 'test', street })).ok).toBe(true);
      }
      const heping = await hub.db.selectFrom('streets').select('id').where('name', '=', '和平街道').executeTakeFirstOrThrow();
      const scopes: Scope[] = [WHOLE_HUB, { all: false, streetId: heping.id }];
      for (const scope of scopes) {
        for (const term of ['签到', '签', '红黑榜', '工作 -签到', '"活动签到"']) {
          // A probe of the newest 20 records and a cap of 5: frequent terms are answered from the probe, rare ones
          // and the older 街道 fall back to every record. Both must equal the search that never takes the shortcut.
          const shortcut = await hubSearch(hub.db, hub.dialect, term, scope, { cap: 5, probe: 20, limit: 10 });
          const everything = await hubSearch(hub.db, hub.dialect, term, scope, { cap: 5, probe: 1_000_000, limit: 10 });
          expect(shortcut, `${term} in ${scope.all ? 'the whole hub' : '和平街道'}`).toEqual(everything);
          expect(shortcut.results.length).toBeGreaterThan(0);
        }
      }
      // The shortcut's answer is the newest matches: 东风社区's last 签到表 comes first.
      const newest = await hubSearch(hub.db, hub.dialect, '签到', WHOLE_HUB, { cap: 5, probe: 20 });
      expect(newest).toMatchObject({ total: 5, totalCapped: true });
      expect(newest.results.map((r) => r.title)).toEqual([57, 54, 51, 48, 45].map((i) => `东风社区活动签到表${i}`));
      const rare = await hubSearch(hub.db, hub.dialect, '红黑榜', { all: false, streetId: heping.id }, { cap: 5, probe: 20 });
      expect(rare.results.every((r) => r.unit === '和平社区')).toBe(true);
      expect(rare).toMatchObject({ total: 5, totalCapped: true });
    } finally {
      await hub.close();
    }
  });
});
