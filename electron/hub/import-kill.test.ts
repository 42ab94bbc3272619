import { promises as fs } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { filesBelow } from '../core/backup/paths.js';
import { startCli } from '../../test/crash/spawn.js';
import { cli, tempDir } from '../../test/support/temp.js';
import { openHub, sweepOrphans, type Hub } from './db.js';
import { hubBackends, writeFixturePackage } from './testing/fixtures.js';

const backends = hubBackends();
afterAll(async () => {
  for (const b of backends) await b.cleanup();
});

const RECORDS = 160;

async function counts(hub: Hub): Promise<{ packages: number; records: number; files: number; blobs: number; search: number }> {
  const n = async (t: 'packages' | 'records' | 'record_files' | 'blobs') => Number((await hub.db.selectFrom(t).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const search = await sql<{ n: number }>`SELECT count(*) AS n FROM record_search`.execute(hub.db);
  return { packages: await n('packages'), records: await n('records'), files: await n('record_files'), blobs: await n('blobs'), search: Number(search.rows[0]!.n) };
}

async function storedFiles(dir: string): Promise<number> {
  return (await filesBelow(path.join(dir, 'files'))).length;
}

async function stagedFiles(dir: string): Promise<number> {
  return (await filesBelow(path.join(dir, 'tmp'))).length;
}

describe.each(backends)('hub import killed on $name', (backend) => {
  it('leaves nothing half-stored after SIGKILL at any point, and imports whole afterwards', async () => {
    const dir = path.join(tempDir(), 'hub');
    const db = await backend.create();
    const dbArgs = db ? ['--db', db] : [];
    expect((await cli('hub', 'init', '--data', dir, ...dbArgs)).code).toBe(0);
    const file = await writeFixturePackage(tempDir(), {
      unit: '和平社区居委会', archiveId: 'a-heping', year: 2025, fileBytes: 200_000,
      records: Array.from({ length: RECORDS }, (_, i) => [`活动照片（${i + 1}）`, '1.1', `第 ${i + 1} 次志愿服务签到`] as [string, string, string]),
    });
    // Kill while files are being copied under tmp/ (as soon as the first is there, and a little later), and at
    // random moments after.
    const delays = [0, 300, 1200];
    let killedMidway = 0;
    for (const delay of delays) {
      const run = startCli('hub', 'import', file, '--data', dir, ...dbArgs, '--json');
      const started = Date.now();
      while ((await storedFiles(dir)) + (await stagedFiles(dir)) === 0 && Date.now() - started < 60_000 && run.child.exitCode === null) await new Promise((r) => setTimeout(r, 5));
      await new Promise((r) => setTimeout(r, delay));
      const wasRunning = run.child.exitCode === null;
      run.child.kill('SIGKILL');
      await run.finished;
      const hub = await openHub(dir, { db });
      try {
        const c = await counts(hub);
        if (c.packages === 0) {
          killedMidway += wasRunning ? 1 : 0;
          expect(c).toEqual({ packages: 0, records: 0, files: 0, blobs: 0, search: 0 });
          await sweepOrphans(hub, 0);
          expect(await storedFiles(dir)).toBe(0);
          expect(await fs.readdir(hub.files.tmpRoot)).toEqual([]);
        } else {
          // The kill came after the commit: then the whole package is there.
          expect(c).toEqual({ packages: 1, records: RECORDS, files: RECORDS, blobs: RECORDS + 1, search: RECORDS });
          break;
        }
      } finally {
        await hub.close();
      }
    }
    expect(killedMidway).toBeGreaterThan(0);

    const done = await cli('hub', 'import', file, '--data', dir, ...dbArgs, '--json');
    expect(done.code, done.stderr).toBe(0);
    const hub = await openHub(dir, { db });
    try {
      expect(await counts(hub)).toEqual({ packages: 1, records: RECORDS, files: RECORDS, blobs: RECORDS + 1, search: RECORDS });
      expect(await storedFiles(dir)).toBe(RECORDS + 1);
      const search = await cli('hub', 'search', '签到', '--data', dir, ...dbArgs, '--json');
      expect(search.json<{ total: number }>().total).toBe(RECORDS);
    } finally {
      await hub.close();
    }
  }, 300_000);
});
