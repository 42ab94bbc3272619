import { accessSync, constants, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { UnitSettings } from '../../../shared/api/archive.js';
import { DEFAULT_ARCHIVAL_PATTERN, DEFAULT_CATEGORY } from '../../../shared/domain/archival-code.js';
import { READ_ONLY_FOLDER, TaizhangError } from '../../../shared/errors.js';
import { type Db, emptyDatabase, type OpenDatabaseOptions, openDatabase, refuseWrites, writeTransaction } from './database.js';
import { networkFilesystem } from './network-fs.js';
import { FileStore } from './file-store.js';
import { finishInterruptedRestore, holdArchive, VERIFIED_MARK } from './lock.js';
import { settingsWithPrefix, writeSetting } from './settings.js';

export const DB_FILE = 'archive.db';

/** An open archive folder: archive.db plus the content-addressed file store. */
export interface Archive {
  readonly dir: string;
  readonly db: Db;
  readonly files: FileStore;
  /**
   * The folder cannot be written (a read-only mount, a write-protected stick): the database was opened read-only
   * from a private copy, reading commands work and every write is refused as 档案文件夹只读.
   */
  readonly readOnly: boolean;
  close(): void;
}

export interface OpenArchiveOptions extends OpenDatabaseOptions {
  /** Create the folder and database when missing. */
  create?: boolean;
}

export async function openArchive(dir: string, options: OpenArchiveOptions = {}): Promise<Archive> {
  const root = path.resolve(dir);
  const dbPath = path.join(root, DB_FILE);
  finishInterruptedRestore(root);
  if (existsSync(path.join(root, VERIFIED_MARK))) rmSync(path.join(root, VERIFIED_MARK), { force: true });
  const existing = existsSync(dbPath);
  if (!existing) {
    if (!options.create) {
      throw new TaizhangError('archive_missing', `找不到档案：${root} 里没有台账档案。请选择档案所在的文件夹，或新建档案 / No archive at ${root}; run init first`);
    }
    if (existsSync(root) && !statSync(root).isDirectory()) {
      throw new TaizhangError('conflict', `不是文件夹：${root} / Not a folder`);
    }
    if (existsSync(root) && readdirSync(root).length > 0) {
      throw new TaizhangError('conflict', `文件夹不是空的，不能在此新建档案：${root} / Folder is not empty`);
    }
    mkdirSync(root, { recursive: true });
  }
  // A zero-byte file is refused before SQLite opens it (opening read-write would give it a journal of its own).
  if (existing && statSync(dbPath).size === 0 && !hasContent(`${dbPath}-wal`)) throw emptyDatabase(dbPath);
  if (existing && !isWritable(root)) return openReadOnlyFolder(root, dbPath, options, readOnlyFolder());
  const network = options.readonly ? null : networkFilesystem(root);
  if (network) {
    if (!existing) throw onNetwork(network);
    return openReadOnlyFolder(root, dbPath, options, onNetwork(network));
  }
  // Writers say they hold the archive, so that a restore never swaps the folder under them (store/lock.ts).
  const release = options.readonly ? () => undefined : holdArchive(root);
  let db: Db;
  try {
    db = openDatabase(dbPath, { ...options, existing });
  } catch (err) {
    release();
    throw err;
  }
  const files = new FileStore(root);
  if (!options.readonly) await files.ensureLayout();
  return {
    dir: root,
    db,
    files,
    readOnly: options.readonly === true,
    close: () => {
      db.close();
      release();
    },
  };
}

function isWritable(dir: string): boolean {
  try {
    accessSync(dir, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * SQLite cannot open a WAL database in a folder it cannot write (it needs the -shm file beside it), so the database
 * and its WAL are copied to a private temporary folder and opened read-only there; files are read in place.
 */
function openReadOnlyFolder(root: string, dbPath: string, options: OpenArchiveOptions, refusal: TaizhangError): Archive {
  const copy = mkdtempSync(path.join(os.tmpdir(), 'taizhang-readonly-'));
  let db: Db;
  try {
    for (const suffix of ['', '-wal']) if (existsSync(`${dbPath}${suffix}`)) copyFileSync(`${dbPath}${suffix}`, path.join(copy, `${DB_FILE}${suffix}`));
    // Opened writable once in the copy only to replay a WAL left by a crash; the archive itself is never touched.
    openDatabase(path.join(copy, DB_FILE), { ...options, existing: true, readonly: false }).close();
    db = openDatabase(path.join(copy, DB_FILE), { ...options, existing: true, readonly: true });
  } catch (err) {
    rmSync(copy, { recursive: true, force: true });
    throw err;
  }
  refuseWrites(db, refusal);
  const files = new FileStore(root);
  files.refusal = refusal;
  return {
    dir: root,
    db,
    files,
    readOnly: true,
    close: () => {
      db.close();
      rmSync(copy, { recursive: true, force: true });
    },
  };
}

function readOnlyFolder(): TaizhangError {
  return new TaizhangError('disk', READ_ONLY_FOLDER);
}

/** SQLite's WAL mode is unsafe on a network share: the archive there is read, never written. */
function onNetwork(type: string): TaizhangError {
  return new TaizhangError('conflict', {
    zh:
      `档案文件夹在网络共享上（${type}），在网络文件夹上修改档案数据库可能损坏数据，因此只能查看和备份，不能修改或新建。` +
      '请把档案放在本机的文件夹里（例如 D 盘的“台账”文件夹），把备份保存到共享文件夹（备份时选择共享文件夹作为备份位置）',
    en: `The archive is on a network share (${type}), where SQLite is unsafe: it can be read and backed up, not changed. Keep the archive in a local folder and save backups to the share`,
  });
}

function hasContent(file: string): boolean {
  return existsSync(file) && statSync(file).size > 0;
}

const UNIT_KEYS: Record<keyof UnitSettings, string> = {
  name: 'unit.name',
  fonds: 'unit.fonds',
  filer: 'unit.filer',
  checker: 'unit.checker',
  category: 'unit.category',
  pattern: 'unit.pattern',
  problemLevel: 'unit.problemLevel',
};

export function getUnit(db: Db): UnitSettings {
  const map = settingsWithPrefix(db, 'unit.');
  return {
    name: map.get(UNIT_KEYS.name) ?? '',
    fonds: map.get(UNIT_KEYS.fonds) ?? '',
    filer: map.get(UNIT_KEYS.filer) ?? '',
    checker: map.get(UNIT_KEYS.checker) ?? '',
    category: map.get(UNIT_KEYS.category) || DEFAULT_CATEGORY,
    pattern: map.get(UNIT_KEYS.pattern) || DEFAULT_ARCHIVAL_PATTERN,
    problemLevel: map.get(UNIT_KEYS.problemLevel) === '2' ? 2 : 1,
  };
}

export function setUnit(db: Db, patch: Partial<UnitSettings>): UnitSettings {
  writeTransaction(db, () => {
    for (const [k, v] of Object.entries(patch) as [keyof UnitSettings, string | number | undefined][]) {
      if (v !== undefined) writeSetting(db, UNIT_KEYS[k], String(v));
    }
  });
  return getUnit(db);
}

export function nowIso(): string {
  return new Date().toISOString();
}
