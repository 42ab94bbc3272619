import { existsSync, mkdirSync, promises as fs } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, sql, SqliteDialect, type Transaction } from 'kysely';
import pg from 'pg';
import { TaizhangError } from '../../shared/errors.js';
import { FileStore } from '../core/store/file-store.js';
import type { HubTables } from './schema.js';
import { HUB_MIGRATIONS } from './migrations/all.js';

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
export const HUB_SCHEMA_VERSION = HUB_MIGRATIONS.at(-1)!.version;

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
    if (version === null && !options.create) throw new TaizhangError('archive_missing', '汇总平台数据库还没有初始化，请先新建汇总平台 / Hub database not initialised; run hub init');
    if (version !== null && version > HUB_SCHEMA_VERSION) {
      throw new TaizhangError('conflict', `汇总平台数据库由更新版本的台账写入（版本 ${version}），请升级台账 / Hub database is from a newer version`);
    }
    if (version === null || version < HUB_SCHEMA_VERSION) await migrate(db, dialect);
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

/**
 * Brings the schema to HUB_SCHEMA_VERSION: every pending migration and the new version in one transaction, so a hub
 * is never left half-upgraded. The version is read again inside it (on PostgreSQL with the row locked), so two
 * programs opening an old hub at once upgrade it once.
 */
async function migrate(db: HubDb, dialect: Dialect): Promise<void> {
  await db.transaction().execute(async (tx) => {
    let from = 0;
    if ((await tx.introspection.getTables()).some((t) => t.name === 'hub_meta')) {
      const read = tx.selectFrom('hub_meta').select('value').where('key', '=', 'schema_version');
      from = Number((await (dialect === 'postgres' ? read.forUpdate() : read).executeTakeFirst())?.value ?? 0);
    }
    for (const m of HUB_MIGRATIONS.filter((x) => x.version > from)) await m.up(tx, dialect);
    if (from === 0) await tx.insertInto('hub_meta').values({ key: 'schema_version', value: String(HUB_SCHEMA_VERSION) }).execute();
    else await tx.updateTable('hub_meta').set({ value: String(HUB_SCHEMA_VERSION) }).where('key', '=', 'schema_version').execute();
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
