import { restoreBackup, type RestoreResult } from '../../core/backup/restore.js';
import type { CommandGroups } from '../program.js';
import { archiveDir, callCore, emit, globals, type CliIO } from '../io.js';

function restoreText(r: RestoreResult): string {
  const lines = [`已从备份恢复档案（备份时间 ${r.backupCreatedAt}），全部校验值一致 / Restored and verified`, `档案：${r.path}`, `件：${r.records}，文件：${r.files}`];
  if (r.movedAside) lines.push(`原有档案已改名保留在：${r.movedAside}`);
  lines.push(...r.warnings.map((w) => `注意：${w}`));
  return lines.join('\n');
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
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
}
