import type { CheckReport } from '../../../shared/api/integrity.js';
import type { CommandGroups } from '../program.js';
import { callCore, CliExit, EXIT_USER, parseYear, type CliIO } from '../io.js';

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

export function registerIntegrityCommands({ program, exportCmd }: CommandGroups, io: CliIO): void {
  program
    .command('check')
    .description('检查档案完整性 / verify the archive (database, file hashes, derivatives, search index)')
    .option('--repair', '修复能修复的（派生图、检索索引），多余文件移入隔离区 / rebuild what can be rebuilt, quarantine leftovers')
    .option('--force', '与 --repair 一起：允许把 5 个以上的文件移入隔离区 / with --repair: allow quarantining more than 5 files')
    .action(async (opts: { repair?: boolean; force?: boolean }, cmd) => {
      const report = await callCore(io, cmd, 'integrity.check', { repair: opts.repair === true, force: opts.force === true }, checkText);
      if (!report.ok) throw new CliExit(EXIT_USER);
    });

  exportCmd
    .command('folder')
    .description('导出为普通文件夹（年度/测评项目/件）和 CSV 清单 / export as plain folders with a CSV manifest')
    .requiredOption('--out <文件夹>', '导出到的新文件夹 / a new or empty folder')
    .option('--year <年度>', '只导出一个年度 / one year only')
    .action(async (opts: { out: string; year?: string }, cmd) => {
      const args = { out: opts.out, ...(opts.year ? { year: parseYear(opts.year) } : {}) };
      const result = await callCore(io, cmd, 'integrity.exportFolder', args, (r) =>
        [`已导出到 / Exported to：${r.path}`, `${r.records} 件，${r.files} 个文件，清单见「清单.csv」`].join('\n'),
      );
      for (const w of result.warnings) io.err(`注意 / Warning：${w}`);
    });
}
