import { existsSync, mkdirSync, promises as fs } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, sql, SqliteDialect, type Transaction } from 'kysely';
import pg from 'pg';
import { TaizhangError } from '../../shared/errors.js';
import { FileStore } from '../core/store/file-store.js';
import type { HubTables } from './schema.js';
import { createSearchIndex } from './search-index.js';

export type HubDb = Kysely<HubTables>;
export type HubTx = Transaction<HubTables>;
export type Dialect = 'sqlite' | 'postgres';

/** An open hub: its database (SQLite in the data folder, or PostgreSQL) and its content-addressed files. */
export interface Hub {
  readonly dir: string;
  readonly db: HubDb;
  readonly dialect: Dialect;
  readonly files: FileStore;
  close(): Promise<void>;
}

export const HUB_DB_FILE = 'hub.db';
export const HUB_SCHEMA_VERSION = 1;

export interface OpenHubOptions {
  /** PostgreSQL URL (postgres://…); SQLite in the data folder when absent. */
  db?: string | undefined;
  /** Create the folder and the schema when missing (hub init). */
  create?: boolean;
}

export async function openHub(dataDir: string, options: OpenHubOptions = {}): Promise<Hub> {
  const dir = path.resolve(dataDir);
  if (!existsSync(dir)) {
    if (!options.create) throw new TaizhangError('archive_missing', `找不到汇总平台的数据文件夹：${dir}，请先新建汇总平台 / No hub data folder; run hub init first`);
    mkdirSync(dir, { recursive: true });
  }
  const url = options.db;
  const dialect: Dialect = url ? 'postgres' : 'sqlite';
  if (url && !/^postgres(ql)?:\/\//.test(url)) throw new TaizhangError('invalid_input', `数据库地址格式不对：${url} / --db must be a postgres:// URL: ${url}`);
  const dbFile = path.join(dir, HUB_DB_FILE);
  if (!url && !options.create && !existsSync(dbFile)) {
    throw new TaizhangError('archive_missing', `${dir} 里没有汇总平台数据库，请先新建汇总平台 / No hub database; run hub init first`);
  }
  const db = new Kysely<HubTables>({
    dialect: url
      ? new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 8 }) })
      : new SqliteDialect({
          database: () => {
            const conn = new Database(dbFile);
            conn.pragma('journal_mode = WAL');
            conn.pragma('busy_timeout = 10000');
            conn.pragma('foreign_keys = ON');
            conn.pragma('synchronous = NORMAL');
            return Promise.resolve(conn);
          },
        }),
  });
  try {
    const version = await schemaVersion(db);
    if (version === null) {
      if (!options.create) throw new TaizhangError('archive_missing', '汇总平台数据库还没有初始化，请先新建汇总平台 / Hub database not initialised; run hub init');
      await migrate(db, dialect);
    } else if (version > HUB_SCHEMA_VERSION) {
      throw new TaizhangError('conflict', `汇总平台数据库由更新版本的台账写入（版本 ${version}），请升级台账 / Hub database is from a newer version`);
    }
  } catch (err) {
    await db.destroy();
    if (err instanceof TaizhangError) throw err;
    throw new TaizhangError('internal', `无法连接汇总平台数据库：${(err as Error).message} / Cannot open the hub database`);
  }
  const files = new FileStore(dir);
  await files.ensureLayout();
  return { dir, db, dialect, files, close: () => db.destroy() };
}

async function schemaVersion(db: HubDb): Promise<number | null> {
  const tables = await db.introspection.getTables();
  if (!tables.some((t) => t.name === 'hub_meta')) return null;
  const row = await db.selectFrom('hub_meta').select('value').where('key', '=', 'schema_version').executeTakeFirst();
  return row ? Number(row.value) : null;
}

/** Creates every table in one transaction (PostgreSQL and SQLite both run DDL inside transactions). */
async function migrate(db: HubDb, dialect: Dialect): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const id = dialect === 'postgres' ? 'serial' : 'integer';
    const s = tx.schema;
    await s.createTable('hub_meta').addColumn('key', 'text', (c) => c.primaryKey()).addColumn('value', 'text', (c) => c.notNull()).execute();
    await s.createTable('streets').addColumn('id', id, (c) => c.primaryKey()).addColumn('name', 'text', (c) => c.notNull().unique()).execute();
    await s
      .createTable('communities')
      .addColumn('id', id, (c) => c.primaryKey())
      .addColumn('archive_id', 'text', (c) => c.unique())
      .addColumn('unit', 'text', (c) => c.notNull())
      .addColumn('fonds', 'text', (c) => c.notNull())
      .addColumn('street_id', 'integer', (c) => c.references('streets.id'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await s
      .createTable('packages')
      .addColumn('id', id, (c) => c.primaryKey())
      .addColumn('community_id', 'integer', (c) => c.notNull().references('communities.id'))
      .addColumn('year', 'integer', (c) => c.notNull())
      .addColumn('content_hash', 'text', (c) => c.notNull().unique())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('imported_at', 'text', (c) => c.notNull())
      .addColumn('bytes', 'bigint', (c) => c.notNull())
      .addColumn('records', 'integer', (c) => c.notNull())
      .addColumn('files', 'integer', (c) => c.notNull())
      .addColumn('edition_key', 'text', (c) => c.notNull())
      .addColumn('current', 'integer', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .execute();
    await s.createIndex('packages_current').on('packages').columns(['year', 'current', 'community_id']).execute();
    await s.createTable('editions').addColumn('key', 'text', (c) => c.primaryKey()).addColumn('name', 'text', (c) => c.notNull()).execute();
    await s
      .createTable('items')
      .addColumn('edition_key', 'text', (c) => c.notNull().references('editions.key'))
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('level', 'integer', (c) => c.notNull())
      .addColumn('parent', 'text')
      .addColumn('method', 'text', (c) => c.notNull())
      .addColumn('unit', 'text', (c) => c.notNull())
      .addColumn('position', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('items_pk', ['edition_key', 'code'])
      .execute();
    await s
      .createTable('item_map')
      .addColumn('from_edition', 'text', (c) => c.notNull())
      .addColumn('from_code', 'text', (c) => c.notNull())
      .addColumn('to_edition', 'text', (c) => c.notNull())
      .addColumn('to_code', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('item_map_pk', ['from_edition', 'from_code', 'to_edition', 'to_code'])
      .execute();
    await s
      .createTable('statuses')
      .addColumn('package_id', 'integer', (c) => c.notNull().references('packages.id'))
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('records', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('statuses_pk', ['package_id', 'code'])
      .execute();
    await s
      .createTable('records')
      .addColumn('id', id, (c) => c.primaryKey())
      .addColumn('package_id', 'integer', (c) => c.notNull().references('packages.id'))
      .addColumn('community_id', 'integer', (c) => c.notNull().references('communities.id'))
      .addColumn('year', 'integer', (c) => c.notNull())
      .addColumn('local_id', 'integer', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('date', 'text')
      .addColumn('doc_no', 'text', (c) => c.notNull())
      .addColumn('author', 'text', (c) => c.notNull())
      .addColumn('archival_code', 'text')
      .addColumn('activity', 'text')
      .addColumn('items', 'text', (c) => c.notNull())
      .addColumn('current', 'integer', (c) => c.notNull())
      .addColumn('text', 'text', (c) => c.notNull())
      .execute();
    await s.createIndex('records_package').on('records').columns(['package_id', 'local_id']).unique().execute();
    await s.createIndex('records_current').on('records').columns(['current', 'year', 'community_id']).execute();
    await s
      .createTable('record_files')
      .addColumn('record_id', 'integer', (c) => c.notNull().references('records.id'))
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('size', 'bigint', (c) => c.notNull())
      .addColumn('mime', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('record_files_pk', ['record_id', 'position'])
      .execute();
    await s.createIndex('record_files_sha').on('record_files').column('sha256').execute();
    await s
      .createTable('documents')
      .addColumn('package_id', 'integer', (c) => c.notNull().references('packages.id'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('path', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('documents_pk', ['package_id', 'path'])
      .execute();
    await s.createTable('blobs').addColumn('sha256', 'text', (c) => c.primaryKey()).addColumn('size', 'bigint', (c) => c.notNull()).execute();
    await s
      .createTable('users')
      .addColumn('id', id, (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull().unique())
      .addColumn('password', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('street_id', 'integer', (c) => c.references('streets.id'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await s
      .createTable('sessions')
      .addColumn('token', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
      .addColumn('csrf', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .execute();
    await s
      .createTable('upload_tokens')
      .addColumn('token', 'text', (c) => c.primaryKey())
      .addColumn('community_id', 'integer', (c) => c.notNull().references('communities.id'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await s
      .createTable('audit')
      .addColumn('id', id, (c) => c.primaryKey())
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('actor', 'text', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('detail', 'text', (c) => c.notNull())
      .execute();
    await createSearchIndex(tx, dialect);
    await tx.insertInto('hub_meta').values({ key: 'schema_version', value: String(HUB_SCHEMA_VERSION) }).execute();
  });
}

/** Rows in batches small enough for both dialects' parameter limits. */
export function batches<T>(rows: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

export function nowIso(): string {
  return new Date().toISOString();
}

/** Removes what a killed import may have left: temporary files, and stored files no row refers to (older than `graceMs`). */
export async function sweepOrphans(hub: Hub, graceMs = 10 * 60_000): Promise<{ removed: number }> {
  let removed = 0;
  const cutoff = Date.now() - graceMs;
  for (const name of await fs.readdir(hub.files.tmpRoot).catch(() => [] as string[])) {
    const file = path.join(hub.files.tmpRoot, name);
    const stat = await fs.stat(file).catch(() => null);
    if (stat && stat.mtimeMs <= cutoff) {
      await fs.rm(file, { recursive: true, force: true });
      removed += 1;
    }
  }
  const known = new Set((await hub.db.selectFrom('blobs').select('sha256').execute()).map((r) => r.sha256));
  for (const sha of await hub.files.list()) {
    if (known.has(sha)) continue;
    const stat = await fs.stat(hub.files.blobPath(sha)).catch(() => null);
    if (stat && stat.mtimeMs <= cutoff) {
      await hub.files.remove(sha);
      removed += 1;
    }
  }
  return { removed };
}

export { sql };
