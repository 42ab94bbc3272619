import Database from 'better-sqlite3';
import { TaizhangError } from '../../../shared/errors.js';
import { LATEST_SCHEMA_VERSION, migrations } from './migrations/all.js';

export type Db = Database.Database;

export interface OpenDatabaseOptions {
  /** Path of a better-sqlite3 build for another ABI (the Electron main process). */
  nativeBinding?: string;
  readonly?: boolean;
  /**
   * The file belongs to an existing archive: a database without a schema (zero bytes, or emptied) is damaged and
   * is refused instead of being set up as a new archive.
   */
  existing?: boolean;
}

/**
 * Opens archive.db with the settings every connection needs and brings its schema up to date.
 * All pending migrations run in one transaction, so a crash leaves the old version intact.
 */
export function openDatabase(file: string, options: OpenDatabaseOptions = {}): Db {
  const db = new Database(file, {
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    ...(options.readonly ? { readonly: true } : {}),
  });
  try {
    // A second process (the app and the CLI) waits for the writer instead of failing at once.
    db.pragma('busy_timeout = 10000');
    // Before anything writes to it (switching to WAL would).
    if (options.existing && schemaVersion(db) === 0) throw emptyDatabase(file);
    if (!options.readonly) db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('synchronous = NORMAL');
    migrate(db);
    return db;
  } catch (err) {
    db.close();
    if (err instanceof TaizhangError) throw err;
    const message = err instanceof Error ? err.message : String(err);
    if (/SQLITE_BUSY|database is locked/i.test(message)) {
      throw new TaizhangError('archive_busy', '档案正被另一个程序使用，请稍后再试 / The archive is in use by another process');
    }
    if (/not a database|malformed/i.test(message)) {
      throw new TaizhangError('bad_file', `档案数据库已损坏或不是台账档案：${file} / Not a Taizhang database`);
    }
    throw err;
  }
}

/** An archive folder whose database has lost its contents: never initialised again, never "repaired". */
export function emptyDatabase(file: string): TaizhangError {
  return new TaizhangError(
    'bad_file',
    `档案数据库是空的或已损坏（${file}），没有任何档案数据。为避免误操作，台账不会把它当作新档案打开，也不会“修复”。请从备份恢复档案（恢复备份） / ` +
      'The archive database is empty or damaged; restore the archive from a backup',
  );
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

function migrate(db: Db): void {
  const current = schemaVersion(db);
  if (current > LATEST_SCHEMA_VERSION) {
    throw new TaizhangError(
      'archive_newer',
      `此档案由更新版本的台账创建（数据版本 ${current}，本程序支持到 ${LATEST_SCHEMA_VERSION}），请升级台账后再打开。/ ` +
        'This archive was written by a newer Taizhang; please upgrade.',
      { schemaVersion: current, supported: LATEST_SCHEMA_VERSION },
    );
  }
  if (current === LATEST_SCHEMA_VERSION) return;
  // IMMEDIATE takes the write lock first, so two processes opening a fresh archive cannot both migrate.
  db.transaction(() => {
    const again = schemaVersion(db);
    for (const m of migrations) {
      if (m.version <= again) continue;
      if (typeof m.up === 'string') db.exec(m.up);
      else m.up(db);
      db.pragma(`user_version = ${m.version}`);
    }
  }).immediate();
}

/**
 * Runs `fn` in a write transaction that takes the write lock first (BEGIN IMMEDIATE). A deferred transaction that
 * reads, then writes while another process holds the lock, fails at once with SQLITE_BUSY instead of waiting; taking
 * the lock up front makes it wait for the busy timeout like any other writer. Nested calls become savepoints.
 */
export function writeTransaction<T>(db: Db, fn: () => T): T {
  const refusal = readOnlyReasons.get(db);
  if (refusal) throw refusal;
  return db.transaction(fn).immediate();
}

/** Reads under one snapshot (WAL gives a deferred transaction a consistent view from its first read); never writes. */
export function readTransaction<T>(db: Db, fn: () => T): T {
  return db.transaction(fn).deferred();
}

const readOnlyReasons = new WeakMap<Db, TaizhangError>();

/** Every later write on this connection is refused with `reason` (a read-only folder, a network share). */
export function refuseWrites(db: Db, reason: TaizhangError): void {
  readOnlyReasons.set(db, reason);
}
