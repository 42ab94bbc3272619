import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../../test/support/temp.js';
import { WHOLE_HUB } from '../accounts.js';
import { itemMaterials } from '../community.js';
import { HUB_DB_FILE, HUB_SCHEMA_VERSION, openHub } from '../db.js';
import { hubSearch } from '../cross-search.js';
import { importPackage } from '../package-import.js';
import type { HubTables } from '../schema.js';
import { hubBackends, writeFixturePackage } from '../testing/fixtures.js';
import { HUB_MIGRATIONS } from './all.js';

const backends = hubBackends();
afterAll(async () => {
  for (const b of backends) await b.cleanup();
});

/** A hub as version 1 made it, holding a community's package of one record, written through the version-1 tables. */
async function versionOneHub(dir: string, url: string | undefined): Promise<void> {
  mkdirSync(dir, { recursive: true });
  const db = new Kysely<HubTables>({
    dialect: url ? new PostgresDialect({ pool: new pg.Pool({ connectionString: url }) }) : new SqliteDialect({ database: new Database(path.join(dir, HUB_DB_FILE)) }),
  });
  try {
    await db.transaction().execute(async (tx) => {
      await HUB_MIGRATIONS[0]!.up(tx, url ? 'postgres' : 'sqlite');
      await tx.insertInto('hub_meta').values({ key: 'schema_version', value: '1' }).execute();
      const street = await tx.insertInto('streets').values({ name: '和平街道' }).returning('id').executeTakeFirstOrThrow();
      const at = '2025-06-01T00:00:00Z';
      const c = await tx.insertInto('communities').values({ archive_id: 'a-old', unit: '老社区居委会', fonds: 'Z009', street_id: street.id, created_at: at }).returning('id').executeTakeFirstOrThrow();
      const p = await tx
        .insertInto('packages')
        .values({ community_id: c.id, year: 2025, content_hash: 'a'.repeat(64), created_at: at, imported_at: at, bytes: 1, records: 1, files: 0, edition_key: 'b'.repeat(64), current: 1, source: 'v1' })
        .returning('id')
        .executeTakeFirstOrThrow();
      await tx
        .insertInto('records')
        // Version 1 had no binder column.
        .values({ package_id: p.id, community_id: c.id, year: 2025, local_id: 1, title: '老的签到表', type: '签到表', date: null, doc_no: '', author: '', archival_code: null, activity: null, items: '["1.1"]', current: 1, text: '' } as never)
        .execute();
    });
  } finally {
    await db.destroy();
  }
}

describe.each(backends)('hub schema upgrade on $name', (backend) => {
  it('brings a version-1 hub to the current version in place: what it held stays, and new packages carry their binder pages', async () => {
    expect(HUB_MIGRATIONS.map((m) => m.version)).toEqual(HUB_MIGRATIONS.map((_, i) => i + 1));
    const dir = path.join(tempDir(), 'hub');
    const url = await backend.create();
    await versionOneHub(dir, url);

    const hub = await openHub(dir, { db: url });
    try {
      const version = await hub.db.selectFrom('hub_meta').select('value').where('key', '=', 'schema_version').executeTakeFirstOrThrow();
      expect(Number(version.value)).toBe(HUB_SCHEMA_VERSION);
      const kept = await hub.db.selectFrom('records').select(['title', 'binder']).executeTakeFirstOrThrow();
      expect(kept).toEqual({ title: '老的签到表', binder: null });

      const file = await writeFixturePackage(tempDir(), {
        unit: '新社区居委会', archiveId: 'a-new', year: 2025, statuses: { '1.1': '齐全' }, binderVolume: '2025年度思想道德建设',
        records: [['志愿服务签到表', '1.1', '签到'], ['志愿服务照片', '1.1', '照片']],
      });
      expect((await importPackage(hub, file, { source: 'test', street: '和平街道' })).ok).toBe(true);
      const found = await hubSearch(hub.db, hub.dialect, '签到', WHOLE_HUB);
      expect(found.results.map((r) => r.title)).toEqual(['志愿服务签到表']);
      const materials = await itemMaterials(hub.db, found.results[0]!.communityId, 2025, '1.1', WHOLE_HUB);
      expect(materials.records.map((r) => [r.title, r.printed.map((p) => [p.volume, p.page, p.pages])])).toEqual([
        ['志愿服务签到表', [['2025年度思想道德建设', 1, 1]]],
        ['志愿服务照片', [['2025年度思想道德建设', 2, 1]]],
      ]);
      expect(materials.binders.map((b) => b.title)).toEqual(['2025年度思想道德建设']);
    } finally {
      await hub.close();
    }
    // Opened again, there is nothing left to upgrade, and what it holds is the same.
    const again = await openHub(dir, { db: url });
    try {
      expect(await again.db.selectFrom('records').select('title').orderBy('id').execute()).toEqual([{ title: '老的签到表' }, { title: '志愿服务签到表' }, { title: '志愿服务照片' }]);
    } finally {
      await again.close();
    }
  });
});
