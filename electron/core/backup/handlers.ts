import type { DomainHandlers } from '../handler-types.js';
import { backupArchive } from './backup.js';
import { runScheduledBackup, scheduleView, setBackupSchedule } from './schedule.js';

export const backupHandlers: DomainHandlers<'backup.create' | 'backup.schedule' | 'backup.setSchedule' | 'backup.now'> = (archive) => ({
  'backup.create': (args, ctx) => backupArchive(archive, args.out, ctx),
  'backup.schedule': () => scheduleView(archive),
  'backup.setSchedule': (args) => setBackupSchedule(archive, args),
  'backup.now': (_args, ctx) => runScheduledBackup(archive, 'manual', ctx),
});
