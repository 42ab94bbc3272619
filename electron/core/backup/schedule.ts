import { constants, existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import type { BackupSchedule, BackupScheduleView, ScheduledBackupOutcome } from '../../../shared/api/backup.js';
import { MAX_BACKUPS_KEPT } from '../../../shared/api/backup.js';
import { TaizhangError } from '../../../shared/errors.js';
import type { CallContext } from '../handler-types.js';
import type { Archive } from '../store/archive-folder.js';
import { type Db, writeTransaction } from '../store/database.js';
import { all, run } from '../store/sql.js';
import { backupArchive, backupFileName } from './backup.js';
import { isInside } from './paths.js';

export type { BackupSchedule, ScheduledBackupOutcome } from '../../../shared/api/backup.js';

/**
 * Automatic backups for the desktop app: on closing (at most once per `minHours`), into backups/ inside the archive
 * folder unless another folder is chosen (`backup.setSchedule`, the settings screen, `taizhang auto-backup`),
 * keeping the newest `keep`.
 */
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

const PUT = 'INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value';

export function getBackupSchedule(db: Db): BackupSchedule {
  const rows = all<{ key: string; value: string }>(db, "SELECT key, value FROM settings WHERE key LIKE 'backup.%'");
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

export type SchedulePatch = Partial<Omit<BackupSchedule, 'last' | 'folder'>> & { folder?: string | null | undefined };

/** The schedule and the folder it writes to, as the settings screen and the CLI show it. */
export function scheduleView(archive: Archive): BackupScheduleView {
  const schedule = getBackupSchedule(archive.db);
  return { ...schedule, folderPath: backupFolder(archive, schedule) };
}

/**
 * Changes the schedule. Another folder must be a full path to a folder that can be written (it is created when
 * missing) and must lie outside the archive's own file store, so a backup never contains itself.
 */
export async function setBackupSchedule(archive: Archive, patch: SchedulePatch): Promise<BackupScheduleView> {
  if (patch.keep !== undefined && !(Number.isInteger(patch.keep) && patch.keep >= 1 && patch.keep <= MAX_BACKUPS_KEPT)) {
    throw new TaizhangError('invalid_input', '保留的备份份数应为 1 到 100 / keep must be 1–100');
  }
  if (patch.minHours !== undefined && !(Number.isInteger(patch.minHours) && patch.minHours >= 1)) {
    throw new TaizhangError('invalid_input', '备份间隔应为至少 1 小时 / interval must be at least 1 hour');
  }
  const folder = patch.folder === undefined ? undefined : patch.folder ? await usableFolder(archive, patch.folder) : '';
  writeTransaction(archive.db, () => {
    if (patch.enabled !== undefined) run(archive.db, PUT, KEY.enabled, patch.enabled ? '1' : '0');
    if (patch.onClose !== undefined) run(archive.db, PUT, KEY.onClose, patch.onClose ? '1' : '0');
    if (patch.keep !== undefined) run(archive.db, PUT, KEY.keep, String(patch.keep));
    if (patch.minHours !== undefined) run(archive.db, PUT, KEY.minHours, String(patch.minHours));
    if (folder !== undefined) run(archive.db, PUT, KEY.folder, folder);
  });
  return scheduleView(archive);
}

async function usableFolder(archive: Archive, raw: string): Promise<string> {
  if (!path.isAbsolute(raw)) throw new TaizhangError('invalid_input', '备份文件夹应为完整路径 / backup folder must be an absolute path');
  const folder = path.resolve(raw);
  for (const inner of [archive.files.root, archive.files.derivedRoot, archive.files.tmpRoot]) {
    if (isInside(inner, folder)) {
      throw new TaizhangError('invalid_input', `备份文件夹不能放在档案的文件库里：${folder} / The backup folder cannot be inside the archive's file store`);
    }
  }
  const stat = await fs.stat(folder).catch(() => null);
  if (stat && !stat.isDirectory()) throw new TaizhangError('invalid_input', `不是文件夹：${folder} / Not a folder`);
  try {
    await fs.mkdir(folder, { recursive: true });
    await fs.access(folder, constants.W_OK);
  } catch {
    throw new TaizhangError('invalid_input', `无法写入备份文件夹：${folder}，请换一个文件夹 / Cannot write to the backup folder`);
  }
  return folder;
}

export function backupFolder(archive: Archive, schedule: BackupSchedule = getBackupSchedule(archive.db)): string {
  return schedule.folder ?? path.join(archive.dir, BACKUPS_DIR);
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
  try {
    await fs.mkdir(folder, { recursive: true });
  } catch {
    throw new TaizhangError('not_found', `备份文件夹无法使用：${folder}，请在设置中换一个文件夹 / The backup folder cannot be used`);
  }
  let target = path.join(folder, backupFileName(now));
  // Two backups within one second (a manual one right after closing) get the next second's name.
  if (existsSync(target)) target = path.join(folder, backupFileName(new Date(now.getTime() + 1000)));
  const backup = await backupArchive(archive, target, ctx);
  writeTransaction(archive.db, () => run(archive.db, PUT, KEY.last, now.toISOString()));
  return { skipped: null, backup, pruned: await pruneBackups(folder, schedule.keep) };
}

/** Removes the oldest automatic backups beyond `keep` (names sort by time); returns the removed paths. */
export async function pruneBackups(folder: string, keep: number): Promise<string[]> {
  const names = (await fs.readdir(folder)).filter((n) => BACKUP_NAME.test(n)).sort();
  const old = names.slice(0, Math.max(0, names.length - keep)).map((n) => path.join(folder, n));
  for (const file of old) await fs.rm(file, { force: true });
  return old;
}
