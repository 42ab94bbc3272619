import { z } from 'zod';
import { pathSchema } from './schemas.js';
import { method } from './method.js';

export interface BackupResult {
  path: string;
  files: number;
  bytes: number;
  /** Files that could not be backed up as they should (missing or damaged), in words. */
  warnings: string[];
}

/**
 * Automatic backups: on closing the archive (at most once per `minHours`), into `folder` (null: backups/ inside the
 * archive folder), keeping the newest `keep`. The defaults protect a clerk who never opens the settings.
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

/** The schedule with the folder it really writes to. */
export interface BackupScheduleView extends BackupSchedule {
  folderPath: string;
}

export interface ScheduledBackupOutcome {
  /** Why no backup was made, in words; null when one was. */
  skipped: string | null;
  backup: BackupResult | null;
  /** Old backups removed to keep the newest `keep`. */
  pruned: string[];
}

export const MAX_BACKUPS_KEPT = 100;

export const scheduleSchema = z
  .object({
    enabled: z.boolean().optional(),
    onClose: z.boolean().optional(),
    keep: z.number().int().min(1, '保留的备份份数应为 1 到 100 / keep must be 1–100').max(MAX_BACKUPS_KEPT, '保留的备份份数应为 1 到 100 / keep must be 1–100').optional(),
    minHours: z.number().int().min(1, '备份间隔应为至少 1 小时 / interval must be at least 1 hour').max(24 * 365, '备份间隔太长 / interval too long').optional(),
    /** null or '': back to backups/ inside the archive folder. */
    folder: pathSchema.nullable().or(z.literal('')).optional(),
  })
  .strict();

export const backupMethods = {
  'backup.create': method<BackupResult>()(z.object({ out: pathSchema }).strict(), { longTask: true }),
  'backup.schedule': method<BackupScheduleView>()(z.object({}).strict()),
  'backup.setSchedule': method<BackupScheduleView>()(scheduleSchema),
  /** A backup into the schedule's folder now, pruned like the automatic ones. */
  'backup.now': method<ScheduledBackupOutcome>()(z.object({}).strict(), { longTask: true }),
} as const;
