import type { Command } from 'commander';
import type { ChecklistDiff, ChecklistResult } from '../../../shared/api/checklist.js';
import type { CommandGroups } from '../program.js';
import { callCore, emit, globals, parseYear, withCore, type CliIO } from '../io.js';

function shown(value: string): string {
  return value === '' ? '（空）' : value.replace(/\n/g, ' ');
}

/** Changes grouped by row, then the rows that were not imported and why. */
export function diffText(diff: ChecklistDiff): string {
  const lines: string[] = [];
  if (diff.changes.length === 0) lines.push('没有可导入的修改 / No changes');
  else {
    lines.push(`修改 ${diff.changes.length} 处 / ${diff.changes.length} change(s):`);
    let lastRow = -1;
    for (const c of diff.changes) {
      if (c.row !== lastRow) lines.push(`  第 ${c.row} 行 ${c.code} ${c.title}`);
      lastRow = c.row;
      lines.push(`    ${c.field}：${shown(c.before)} → ${shown(c.after)}`);
    }
  }
  if (diff.problems.length > 0) {
    lines.push(`提示 ${diff.problems.length} 条（所涉行或列未导入）/ ${diff.problems.length} problem(s), not imported:`);
    for (const p of diff.problems) lines.push(`  ${p.message}`);
  }
  return lines.join('\n');
}

function exportText(r: ChecklistResult): string {
  const source = r.binderReport ? `卷/页号取自：${r.binderReport}` : '没有找到本年度的装订报告，卷/页号留空（可用 --binder-report 指定）';
  return `已导出自查表 / Checklist written: ${r.path}\n${r.rows} 项测评标准，${r.records} 件材料；工作表：${r.sheets.join('、')}\n${source}`;
}

export function registerChecklistCommands({ program, exportCmd }: CommandGroups, io: CliIO): void {
  exportCmd
    .command('checklist')
    .description('导出自查表（自查表、汇总、材料索引、整改台账） / export the Excel checklist for auditors')
    .requiredOption('--year <年度>', '年度 / year')
    .requiredOption('--out <FILE.xlsx>', '保存到 / output file')
    .option('--binder-report <REPORT.json>', '装订报告（卷/页号）；默认在输出文件夹中查找 / binder report for volume and page numbers')
    .action(async (o: { year: string; out: string; binderReport?: string }, cmd: Command) => {
      const args = { year: parseYear(o.year), out: o.out, ...(o.binderReport !== undefined ? { binderReport: o.binderReport } : {}) };
      await callCore(io, cmd, 'checklist.export', args, exportText);
    });

  const checklist = program.command('checklist').description('读回审核人改过的自查表 / read back an edited checklist');
  checklist
    .command('diff <file>')
    .description('列出自查表中的修改，不改动档案 / show what an edited checklist changes')
    .requiredOption('--year <年度>', '年度 / year')
    .action(async (file: string, o: { year: string }, cmd: Command) => {
      await callCore(io, cmd, 'checklist.diff', { year: parseYear(o.year), file }, diffText);
    });

  checklist
    .command('apply <file>')
    .description('先列出修改，确认（--yes）后写入档案 / show the changes, then store them when confirmed with --yes')
    .requiredOption('--year <年度>', '年度 / year')
    .option('--yes', '确认写入 / confirm without asking')
    .action(async (file: string, o: { year: string; yes?: boolean }, cmd: Command) => {
      const opts = globals(cmd);
      const year = parseYear(o.year);
      await withCore(cmd, async (core) => {
        const diff = await core.invoke('checklist.diff', { year, file });
        if (!o.yes || diff.changes.length === 0) {
          emit(io, opts, { ...diff, applied: 0 }, (d) =>
            diff.changes.length === 0
              ? diffText(d)
              : `${diffText(d)}\n\n尚未写入档案。核对无误后加 --yes 再运行一次 / Nothing stored yet; run again with --yes to apply`,
          );
          return;
        }
        if (!opts.json) io.out(diffText(diff));
        const applied = await core.invoke('checklist.apply', { year, file, token: diff.token });
        emit(io, opts, applied, (a) => `\n已写入 ${a.applied} 处修改；重新导出自查表即可看到 / ${a.applied} change(s) stored`);
      });
    });
}
