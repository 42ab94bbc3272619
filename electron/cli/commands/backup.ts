import type { BackupScheduleView, ScheduledBackupOutcome } from '../../../shared/api/backup.js';
import { restoreBackup, type RestoreResult } from '../../core/backup/restore.js';
import type { CommandGroups } from '../program.js';
import { archiveDir, callCore, emit, globals, parseIntArg, usageError, withCore, type CliIO } from '../io.js';

function restoreText(r: RestoreResult): string {
  const lines = [`已从备份恢复档案（备份时间 ${r.backupCreatedAt}），全部校验值一致 / Restored and verified`, `档案：${r.path}`, `件：${r.records}，文件：${r.files}`];
  if (r.movedAside) lines.push(`原有档案已改名保留在：${r.movedAside}`);
  lines.push(...r.warnings.map((w) => `注意：${w}`));
  return lines.join('\n');
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function scheduleText(s: BackupScheduleView): string {
  const state = !s.enabled ? '已关闭 / off' : s.onClose ? `关闭档案时，每 ${s.minHours} 小时至多一次 / on close, at most every ${s.minHours} h` : '只在手动时 / manual only';
  return [
    `自动备份 / Automatic backup：${state}`,
    `备份文件夹 / Folder：${s.folderPath}${s.folder ? '' : '（档案文件夹内 / inside the archive）'}`,
    `保留最近 / Keep：${s.keep} 份`,
    `上次备份 / Last：${s.last ?? '还没有 / never'}`,
  ].join('\n');
}

function outcomeText(o: ScheduledBackupOutcome): string {
  if (!o.backup) return `没有备份 / No backup：${o.skipped ?? ''}`;
  const lines = [`已备份到 / Backed up to：${o.backup.path}`, `${o.backup.files} 个文件，共 ${megabytes(o.backup.bytes)}`];
  for (const p of o.pruned) lines.push(`已删除较早的自动备份 / Removed an older backup：${p}`);
  return lines.join('\n');
}

interface AutoBackupOptions {
  on?: boolean;
  off?: boolean;
  onClose?: boolean;
  keep?: number;
  every?: number;
  folder?: string;
  defaultFolder?: boolean;
  now?: boolean;
}

export function registerBackupCommands({ program }: CommandGroups, io: CliIO): void {
  program
    .command('backup')
    .description('把整个档案备份为一个 zip 文件 / back up the whole archive into one zip file')
    .requiredOption('--out <文件>', '备份文件（或存放备份的文件夹） / backup file, or a folder for a dated one')
    .action(async (opts: { out: string }, cmd) => {
      const result = await callCore(io, cmd, 'backup.create', { out: opts.out }, (r) =>
        [`已备份到 / Backed up to：${r.path}`, `${r.files} 个文件，共 ${megabytes(r.bytes)}`].join('\n'),
      );
      for (const w of result.warnings) io.err(`注意 / Warning：${w}`);
    });

  program
    .command('restore <file>')
    .description('从备份恢复档案到 --archive 指定的文件夹 / restore a backup into the --archive folder')
    .option('--force', '目标已有档案时替换它（原档案改名保留，不删除） / replace an existing archive (kept aside, never deleted)')
    .action(async (file: string, opts: { force?: boolean }, cmd) => {
      const g = globals(cmd);
      const result = await restoreBackup(file, archiveDir(g), { force: opts.force === true });
      emit(io, g, result, restoreText);
    });

  program
    .command('auto-backup')
    .description('查看或设置自动备份（关闭档案时备份到指定文件夹） / show or change the automatic backup schedule')
    .option('--on', '开启自动备份 / turn automatic backups on')
    .option('--off', '关闭自动备份 / turn automatic backups off')
    .option('--on-close', '关闭档案时备份 / back up on closing the archive')
    .option('--no-on-close', '关闭档案时不备份，只在手动时 / not on closing, only with --now')
    .option('--keep <份数>', '保留最近几份（1–100） / how many backups to keep', parseIntArg)
    .option('--every <小时>', '两次自动备份至少间隔几小时 / at least this many hours apart', parseIntArg)
    .option('--folder <文件夹>', '备份到另一个文件夹（如移动硬盘） / another folder, e.g. an external disk')
    .option('--default-folder', '改回档案文件夹内的 backups/ / back to backups/ inside the archive')
    .option('--now', '按此设置立即备份一次 / make a backup into that folder now')
    .action(async (opts: AutoBackupOptions, cmd) => {
      const g = globals(cmd);
      if (opts.on && opts.off) throw usageError('--on 和 --off 不能同时使用 / --on and --off together');
      if (opts.folder && opts.defaultFolder) throw usageError('--folder 和 --default-folder 不能同时使用 / --folder and --default-folder together');
      const patch = {
        ...(opts.on ? { enabled: true } : opts.off ? { enabled: false } : {}),
        ...(cmd.getOptionValueSource('onClose') === 'cli' ? { onClose: opts.onClose } : {}),
        ...(opts.keep !== undefined ? { keep: opts.keep } : {}),
        ...(opts.every !== undefined ? { minHours: opts.every } : {}),
        ...(opts.folder ? { folder: opts.folder } : opts.defaultFolder ? { folder: null } : {}),
      };
      const result = await withCore(cmd, async (core) => {
        const schedule = Object.keys(patch).length > 0 ? await core.api['backup.setSchedule'](patch) : await core.api['backup.schedule']({});
        const backup = opts.now ? await core.api['backup.now']({}) : null;
        return { schedule, backup };
      });
      emit(io, g, result, (r) => [scheduleText(r.schedule), ...(r.backup ? [outcomeText(r.backup)] : [])].join('\n'));
    });
}
