import { randomBytes } from 'node:crypto';
import { existsSync, promises as fs, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type yauzl from 'yauzl';
import { splitMessage, TaizhangError, type Message } from '../../../shared/errors.js';
import type { CallContext } from '../handler-types.js';
import { storedHashes } from '../files/repository.js';
import { DB_FILE } from '../store/archive-folder.js';
import { openDatabase } from '../store/database.js';
import { EXCLUSIVE_LOCK, LOCK_DIR, takeArchiveExclusively, VERIFIED_MARK } from '../store/lock.js';
import { LATEST_SCHEMA_VERSION } from '../store/migrations/all.js';
import { schemaDifferences } from '../store/schema-check.js';
import { BACKUP_FORMAT, BACKUP_FORMAT_VERSION, DATABASE_ENTRY, isBackupEntryName, MANIFEST_ENTRY, manifestSchema, type BackupManifest } from './manifest.js';
import { localStamp } from './paths.js';
import { extractEntry, openZip, readSmallEntry } from './zip-read.js';
import { recordCount } from './repository.js';

export interface RestoreResult {
  path: string;
  records: number;
  files: number;
  /** Where the archive that was replaced now lies (only with force). */
  movedAside: string | null;
  backupCreatedAt: string;
  warnings: string[];
}

const LABEL = '备份文件';
const MANIFEST_LIMIT = 256 * 1024 * 1024;
/** How many problems a message lists before summarising the rest. */
const LISTED = 8;

/**
 * Restores a backup into `target`. Everything is unpacked into a hidden folder beside the target and every hash
 * verified first; only a complete, verified archive is renamed into place. An existing archive is replaced only
 * with `force`, and even then it is moved aside, never deleted.
 */
export async function restoreBackup(file: string, target: string, options: { force?: boolean } = {}, ctx: CallContext = {}): Promise<RestoreResult> {
  const targetDir = path.resolve(target);
  const occupied = isOccupied(targetDir);
  if (occupied && !options.force) {
    throw new TaizhangError(
      'conflict',
      `目标位置已有内容，不会覆盖：${targetDir}。如确需用备份替换，请确认替换（原档案会改名保留在旁边） / Target exists; use --force to replace it (the old one is kept aside)`,
    );
  }
  const { zip, entries } = await openZip(path.resolve(file), LABEL);
  const staging = path.join(path.dirname(targetDir), `.${path.basename(targetDir)}.restoring-${randomBytes(6).toString('hex')}`);
  try {
    const manifest = await readManifest(zip, entries);
    const problems = compareEntries(manifest, entries);
    if (problems.length > 0) throw damaged(problems);
    await ensureSpace(path.dirname(targetDir), manifest);

    await fs.mkdir(staging, { recursive: true });
    const warnings: string[] = [];
    let done = 0;
    for (const expected of manifest.entries) {
      ctx.signal?.throwIfAborted();
      const entry = entries.get(expected.path);
      if (!entry) continue;
      try {
        const got = await extractEntry(zip, entry, path.join(staging, ...expected.path.split('/')));
        if (got.sha256 !== expected.sha256 || got.size !== expected.size) problems.push(`校验值不符（内容被改动或损坏）：${expected.path} / hash mismatch`);
        else if (expected.path.startsWith('files/') && !expected.path.endsWith(got.sha256)) {
          warnings.push(`备份时此文件已损坏，按原样恢复：${expected.path}（请在“设置”中检查档案） / file was already damaged when backed up (run check)`);
        }
      } catch {
        problems.push(`条目无法读出（数据被截断或损坏）：${expected.path} / entry is truncated or corrupt`);
      }
      ctx.onProgress?.({ stage: '恢复', done: ++done, total: manifest.entries.length });
    }
    if (problems.length > 0) throw damaged(problems);

    const counts = verifyDatabase(path.join(staging, DB_FILE), manifest);
    await Promise.all(['files', 'derived', 'tmp'].map((d) => fs.mkdir(path.join(staging, d), { recursive: true })));
    // Opening once brings an older backup's schema up to date and switches it back to WAL, before it takes the name.
    openDatabase(path.join(staging, DB_FILE)).close();
    await fs.writeFile(path.join(staging, VERIFIED_MARK), manifest.createdAt);

    // Only now, with a verified archive ready, is the target taken: refused while the app or a command has it open.
    const release = occupied && existsSync(path.join(targetDir, DB_FILE)) ? takeArchiveExclusively(targetDir) : null;
    let movedAside: string | null;
    try {
      movedAside = await swapIntoPlace(staging, targetDir, occupied);
    } catch (err) {
      release?.();
      throw err;
    }
    // The lock moved aside with the old folder; the restored one starts with no holders.
    if (movedAside && release) await fs.rm(path.join(movedAside, LOCK_DIR, EXCLUSIVE_LOCK), { force: true });
    await fs.rm(path.join(targetDir, VERIFIED_MARK), { force: true });
    return { path: targetDir, records: counts.records, files: counts.files, movedAside, backupCreatedAt: manifest.createdAt, warnings };
  } catch (err) {
    await fs.rm(staging, { recursive: true, force: true });
    if (ctx.signal?.aborted) throw new TaizhangError('cancelled', '已取消恢复，原档案未动 / Restore cancelled; nothing changed');
    throw err;
  } finally {
    zip.close();
  }
}

function isOccupied(dir: string): boolean {
  if (!existsSync(dir)) return false;
  if (!statSync(dir).isDirectory()) return true;
  return readdirSync(dir).length > 0;
}

async function readManifest(zip: yauzl.ZipFile, entries: Map<string, yauzl.Entry>): Promise<BackupManifest> {
  const entry = entries.get(MANIFEST_ENTRY);
  if (!entry) throw new TaizhangError('bad_file', `这不是台账备份（缺少 ${MANIFEST_ENTRY}） / Not a Taizhang backup`);
  let parsed: unknown;
  try {
    parsed = JSON.parse((await readSmallEntry(zip, entry, MANIFEST_LIMIT)).toString('utf8'));
  } catch {
    throw new TaizhangError('bad_file', `备份清单 ${MANIFEST_ENTRY} 已损坏，无法读取 / The backup manifest is damaged`);
  }
  const format = (parsed as { format?: unknown } | null)?.format;
  if (format !== BACKUP_FORMAT) throw new TaizhangError('bad_file', '这不是台账备份（清单格式不对） / Not a Taizhang backup');
  const version = (parsed as { formatVersion?: unknown }).formatVersion;
  if (typeof version === 'number' && version > BACKUP_FORMAT_VERSION) {
    throw new TaizhangError('archive_newer', '此备份由更新版本的台账制作，请升级台账后再恢复 / Backup made by a newer Taizhang; please upgrade');
  }
  const result = manifestSchema.safeParse(parsed);
  if (!result.success) throw new TaizhangError('bad_file', `备份清单内容不完整或被改动 / The backup manifest is malformed`);
  if (result.data.schemaVersion > LATEST_SCHEMA_VERSION) {
    throw new TaizhangError('archive_newer', `此备份的数据版本为 ${result.data.schemaVersion}，本程序只支持到 ${LATEST_SCHEMA_VERSION}，请升级台账 / Backup from a newer Taizhang`);
  }
  return result.data;
}

/** What the manifest promises against what the zip holds: missing, extra and resized entries. */
function compareEntries(manifest: BackupManifest, entries: Map<string, { uncompressedSize: number }>): string[] {
  const problems: string[] = [];
  const listed = new Set(manifest.entries.map((e) => e.path));
  if (!listed.has(DATABASE_ENTRY)) problems.push(`备份中没有数据库 ${DATABASE_ENTRY} / the database is missing`);
  for (const e of manifest.entries) {
    const entry = entries.get(e.path);
    if (!entry) problems.push(`缺少条目：${e.path} / missing entry`);
    else if (entry.uncompressedSize !== e.size) problems.push(`大小与清单不符：${e.path}（清单 ${e.size}，实际 ${entry.uncompressedSize}） / size mismatch`);
  }
  for (const name of entries.keys()) {
    if (name === MANIFEST_ENTRY || listed.has(name)) continue;
    problems.push(isBackupEntryName(name) ? `清单之外多出的条目：${name} / entry not in the manifest` : `不应出现在台账备份中的条目：${name} / unexpected entry`);
  }
  return problems;
}

async function ensureSpace(dir: string, manifest: BackupManifest): Promise<void> {
  const needed = manifest.entries.reduce((sum, e) => sum + e.size, 0);
  const stats = await fs.statfs(existsSync(dir) ? dir : path.parse(path.resolve(dir)).root);
  const free = stats.bavail * stats.bsize;
  if (needed > free) {
    throw new TaizhangError('conflict', `磁盘空间不足：恢复需要 ${formatBytes(needed)}，可用 ${formatBytes(free)} / Not enough disk space`);
  }
}

/** The unpacked database must be sound and hold no file the backup lacks. */
function verifyDatabase(dbFile: string, manifest: BackupManifest): { records: number; files: number } {
  let db: Database.Database;
  try {
    db = new Database(dbFile);
  } catch {
    throw damaged([`备份中的数据库无法打开 / the database in the backup cannot be opened`]);
  }
  try {
    const integrity = db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') throw damaged([`备份中的数据库已损坏（${String(integrity)}） / the database in the backup is corrupt`]);
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version !== manifest.schemaVersion) {
      throw damaged([`备份中数据库的数据版本（${version}）与清单（${manifest.schemaVersion}）不符 / the database version differs from the manifest`]);
    }
    // A trigger or view of its own would run inside the archive later; missing tables would fail later still.
    const differences = schemaDifferences(db);
    if (differences.length > 0) throw damaged([`备份中的数据库结构与台账的不符（可能被改动） / the database schema is not Taizhang's`, ...differences]);
    const inZip = new Set(manifest.entries.filter((e) => e.path.startsWith('files/')).map((e) => e.path.slice(-64)));
    const blobs = storedHashes(db);
    const missing = blobs.filter((sha) => !inZip.has(sha));
    if (missing.length > 0) throw damaged(missing.map((sha) => `数据库登记的文件不在备份中：${sha} / a stored file is missing from the backup`));
    return { records: recordCount(db), files: blobs.length };
  } catch (err) {
    if (err instanceof TaizhangError) throw err;
    throw damaged([`备份中的数据库无法读取 / the database in the backup cannot be read`]);
  } finally {
    db.close();
  }
}

async function swapIntoPlace(staging: string, targetDir: string, occupied: boolean): Promise<string | null> {
  let movedAside: string | null = null;
  if (occupied) {
    movedAside = `${targetDir}.恢复前-${localStamp()}`;
    while (existsSync(movedAside)) movedAside += '-1';
    try {
      await fs.rename(targetDir, movedAside);
    } catch {
      // Windows refuses to rename a folder another program holds open.
      throw new TaizhangError('archive_busy', `原档案正在被使用，无法移开：${targetDir}（请先关闭台账程序再恢复） / The archive is in use; close Taizhang first`);
    }
  } else if (existsSync(targetDir)) {
    await fs.rmdir(targetDir);
  }
  try {
    await fs.rename(staging, targetDir);
  } catch (err) {
    if (movedAside) await fs.rename(movedAside, targetDir);
    throw err;
  }
  return movedAside;
}

function damaged(problems: string[]): TaizhangError {
  const listed = problems.slice(0, LISTED).map(splitMessage);
  if (problems.length > LISTED) listed.push({ zh: `另有 ${problems.length - LISTED} 处问题`, en: `and ${problems.length - LISTED} more` });
  const list = (lang: keyof Message): string => listed.map((p) => `\n  - ${p[lang] || p.zh}`).join('');
  return new TaizhangError(
    'bad_file',
    { zh: `备份文件有问题，未恢复任何内容：${list('zh')}`, en: `The backup is damaged; nothing was restored:${list('en')}` },
    { problems },
  );
}

function formatBytes(n: number): string {
  return n >= 1024 ** 3 ? `${(n / 1024 ** 3).toFixed(1)} GB` : `${Math.ceil(n / 1024 ** 2)} MB`;
}
