import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { TaizhangError } from '../../../shared/errors.js';
import type { CallContext } from '../handler-types.js';
import type { Archive } from '../store/archive-folder.js';
import { type Db, writeTransaction } from '../store/database.js';
import { backupArchive, backupFileName, type BackupResult } from './backup.js';

/**
 * Automatic backups for the desktop app: on closing (at most once per `minHours`), into backups/ inside the archive
 * folder unless another folder is chosen, keeping the newest `keep`. The defaults protect a clerk who never opens the
 * settings.
 */
export interface BackupSchedule {
  enabled: boolean;
  onClose: boolean;
  keep: number;
  minHours: number;
  /** null: <archive>/backups */
  folder: string | null;
  /** ISO time of the last scheduled backup. */
  last: string | null;
}

export const DEFAULT_SCHEDULE: Omit<BackupSchedule, 'last'> = { enabled: true, onClose: true, keep: 10, minHours: 24, folder: null };
export const BACKUPS_DIR = 'backups';
/** Only files with this shape are counted and pruned, so nothing a clerk put in the folder is ever touched. */
const BACKUP_NAME = /^台账备份-\d{8}-\d{6}\.zip$/;

const KEY = {
  enabled: 'backup.enabled',
  onClose: 'backup.onClose',
  keep: 'backup.keep',
  minHours: 'backup.minHours',
  folder: 'backup.folder',
  last: 'backup.last',
} as const;

export function getBackupSchedule(db: Db): BackupSchedule {
  const rows = db.prepare("SELECT key, value FROM settings WHERE key LIKE 'backup.%'").all() as { key: string; value: string }[];
  const map = new Map(rows.map((r) => [r.key, r.value]));
  const num = (key: string, fallback: number): number => {
    const n = Number(map.get(key));
    return Number.isInteger(n) && n > 0 ? n : fallback;
  };
  const bool = (key: string, fallback: boolean): boolean => (map.has(key) ? map.get(key) === '1' : fallback);
  return {
    enabled: bool(KEY.enabled, DEFAULT_SCHEDULE.enabled),
    onClose: bool(KEY.onClose, DEFAULT_SCHEDULE.onClose),
    keep: num(KEY.keep, DEFAULT_SCHEDULE.keep),
    minHours: num(KEY.minHours, DEFAULT_SCHEDULE.minHours),
    folder: map.get(KEY.folder) || null,
    last: map.get(KEY.last) ?? null,
  };
}

export function setBackupSchedule(db: Db, patch: Partial<Omit<BackupSchedule, 'last'>>): BackupSchedule {
  if (patch.keep !== undefined && !(Number.isInteger(patch.keep) && patch.keep >= 1 && patch.keep <= 100)) {
    throw new TaizhangError('invalid_input', '保留的备份份数应为 1 到 100 / keep must be 1–100');
  }
  if (patch.minHours !== undefined && !(Number.isInteger(patch.minHours) && patch.minHours >= 1)) {
    throw new TaizhangError('invalid_input', '备份间隔应为至少 1 小时 / interval must be at least 1 hour');
  }
  if (patch.folder && !path.isAbsolute(patch.folder)) {
    throw new TaizhangError('invalid_input', '备份文件夹应为完整路径 / backup folder must be an absolute path');
  }
  const put = db.prepare('INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
  writeTransaction(db, () => {
    if (patch.enabled !== undefined) put.run(KEY.enabled, patch.enabled ? '1' : '0');
    if (patch.onClose !== undefined) put.run(KEY.onClose, patch.onClose ? '1' : '0');
    if (patch.keep !== undefined) put.run(KEY.keep, String(patch.keep));
    if (patch.minHours !== undefined) put.run(KEY.minHours, String(patch.minHours));
    if (patch.folder !== undefined) put.run(KEY.folder, patch.folder ?? '');
  });
  return getBackupSchedule(db);
}

export function backupFolder(archive: Archive, schedule: BackupSchedule = getBackupSchedule(archive.db)): string {
  return schedule.folder ?? path.join(archive.dir, BACKUPS_DIR);
}

export interface ScheduledBackupOutcome {
  /** Why no backup was made, in words; null when one was. */
  skipped: string | null;
  backup: BackupResult | null;
  /** Old backups removed to keep the newest `keep`. */
  pruned: string[];
}

/**
 * Makes a backup when one is due: `manual` always, `close` when enabled and the last one is older than `minHours`.
 * Then removes the oldest automatic backups beyond `keep`.
 */
export async function runScheduledBackup(
  archive: Archive,
  reason: 'close' | 'manual',
  ctx: CallContext = {},
  now: Date = new Date(),
): Promise<ScheduledBackupOutcome> {
  const schedule = getBackupSchedule(archive.db);
  if (reason === 'close') {
    if (!schedule.enabled || !schedule.onClose) return { skipped: '自动备份已关闭 / automatic backup is off', backup: null, pruned: [] };
    const last = schedule.last ? Date.parse(schedule.last) : Number.NaN;
    if (!Number.isNaN(last) && now.getTime() - last < schedule.minHours * 3600_000) {
      return { skipped: `距上次备份不到 ${schedule.minHours} 小时 / last backup is recent`, backup: null, pruned: [] };
    }
  }
  const folder = backupFolder(archive, schedule);
  await fs.mkdir(folder, { recursive: true });
  let target = path.join(folder, backupFileName(now));
  // Two backups within one second (a manual one right after closing) get the next second's name.
  if (existsSync(target)) target = path.join(folder, backupFileName(new Date(now.getTime() + 1000)));
  const backup = await backupArchive(archive, target, ctx);
  archive.db
    .prepare('INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value')
    .run(KEY.last, now.toISOString());
  return { skipped: null, backup, pruned: await pruneBackups(folder, schedule.keep) };
}

/** Removes the oldest automatic backups beyond `keep` (names sort by time); returns the removed paths. */
export async function pruneBackups(folder: string, keep: number): Promise<string[]> {
  const names = (await fs.readdir(folder)).filter((n) => BACKUP_NAME.test(n)).sort();
  const old = names.slice(0, Math.max(0, names.length - keep)).map((n) => path.join(folder, n));
  for (const file of old) await fs.rm(file, { force: true });
  return old;
}
