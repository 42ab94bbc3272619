import type { CheckReport } from '../../../shared/api/archive.js';
import { restoreBackup, type RestoreResult } from '../../core/backup/restore.js';
import type { CommandGroups } from '../program.js';
import { archiveDir, callCore, CliExit, emit, EXIT_USER, globals, parseYear, type CliIO } from '../io.js';

/** How many problems the human report lists one by one; --json always has them all. */
const LISTED_PROBLEMS = 40;

function checkText(r: CheckReport): string {
  const lines = [...r.summary];
  if (r.repaired && r.repaired.length > 0) lines.push('', '已修复 / Repaired:', ...r.repaired.map((s) => `  ✓ ${s}`));
  if (r.problems.length > 0) {
    lines.push('', '问题 / Problems:');
    for (const p of r.problems.slice(0, LISTED_PROBLEMS)) lines.push(`  ${p.severity === 'warning' ? '提示' : '问题'}：${p.message}`);
    if (r.problems.length > LISTED_PROBLEMS) lines.push(`  ……另有 ${r.problems.length - LISTED_PROBLEMS} 项（用 --json 查看全部）`);
  }
  return lines.join('\n');
}

function restoreText(r: RestoreResult): string {
  const lines = [`已从备份恢复档案（备份时间 ${r.backupCreatedAt}），全部校验值一致 / Restored and verified`, `档案：${r.path}`, `件：${r.records}，文件：${r.files}`];
  if (r.movedAside) lines.push(`原有档案已改名保留在：${r.movedAside}`);
  lines.push(...r.warnings.map((w) => `注意：${w}`));
  return lines.join('\n');
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function registerIntegrityCommands({ program, exportCmd }: CommandGroups, io: CliIO): void {
  program
    .command('check')
    .description('检查档案完整性 / verify the archive (database, file hashes, derivatives, search index)')
    .option('--repair', '修复能修复的（派生图、检索索引），多余文件移入隔离区 / rebuild what can be rebuilt, quarantine leftovers')
    .action(async (opts: { repair?: boolean }, cmd) => {
      const report = await callCore(io, cmd, 'archive.check', { repair: opts.repair === true }, checkText);
      if (!report.ok) throw new CliExit(EXIT_USER);
    });

  program
    .command('backup')
    .description('把整个档案备份为一个 zip 文件 / back up the whole archive into one zip file')
    .requiredOption('--out <文件>', '备份文件（或存放备份的文件夹）/ backup file, or a folder for a dated one')
    .action(async (opts: { out: string }, cmd) => {
      const result = await callCore(io, cmd, 'archive.backup', { out: opts.out }, (r) =>
        [`已备份到 / Backed up to：${r.path}`, `${r.files} 个文件，共 ${megabytes(r.bytes)}`].join('\n'),
      );
      for (const w of result.warnings) io.err(`注意 / Warning：${w}`);
    });

  program
    .command('restore <file>')
    .description('从备份恢复档案到 --archive 指定的文件夹 / restore a backup into the --archive folder')
    .option('--force', '目标已有档案时替换它（原档案改名保留，不删除）/ replace an existing archive (kept aside, never deleted)')
    .action(async (file: string, opts: { force?: boolean }, cmd) => {
      const g = globals(cmd);
      const result = await restoreBackup(file, archiveDir(g), { force: opts.force === true });
      emit(io, g, result, restoreText);
    });

  exportCmd
    .command('folder')
    .description('导出为普通文件夹（年度/测评项目/件）和 CSV 清单 / export as plain folders with a CSV manifest')
    .requiredOption('--out <文件夹>', '导出到的新文件夹 / a new or empty folder')
    .option('--year <年度>', '只导出一个年度 / one year only')
    .action(async (opts: { out: string; year?: string }, cmd) => {
      const args = { out: opts.out, ...(opts.year ? { year: parseYear(opts.year) } : {}) };
      const result = await callCore(io, cmd, 'archive.exportFolder', args, (r) =>
        [`已导出到 / Exported to：${r.path}`, `${r.records} 件，${r.files} 个文件，清单见「清单.csv」`].join('\n'),
      );
      for (const w of result.warnings) io.err(`注意 / Warning：${w}`);
    });
}
