import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../test/support/temp.js';
import { WHOLE_HUB } from './accounts.js';
import { openHub } from './db.js';
import { hubMatrix } from './matrix.js';
import { importPackage } from './package-import.js';
import { hubBackends, writeFixturePackage } from './testing/fixtures.js';

const backends = hubBackends();
afterAll(async () => {
  for (const b of backends) await b.cleanup();
});

describe.each(backends)('hub matrix rows on $name', (backend) => {
  it('lists 街道 and communities as a Chinese reader sorts them: numbers by value, names by pinyin', async () => {
    const hub = await openHub(path.join(tempDir(), 'hub'), { db: await backend.create(), create: true });
    try {
      const packages = tempDir();
      const communities: [string, string][] = [['第12社区居委会', '第10街道'], ['胜利社区居委会', '第9街道'], ['第2社区居委会', '第10街道'], ['东风社区居委会', '第9街道']];
      for (const [unit, street] of communities) {
        const file = await writeFixturePackage(packages, { unit, archiveId: `a-${unit}`, year: 2025, records: [['签到表', '1.1', '签到']] });
        expect((await importPackage(hub, file, { source: 'test', street })).ok).toBe(true);
      }
      const m = await hubMatrix(hub.db, 2025, WHOLE_HUB);
      expect(m.communities.map((c) => `${c.street} ${c.unit}`)).toEqual(['第9街道 东风社区居委会', '第9街道 胜利社区居委会', '第10街道 第2社区居委会', '第10街道 第12社区居委会']);
    } finally {
      await hub.close();
    }
  });
});
