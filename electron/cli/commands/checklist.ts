import type { Command } from 'commander';
import type { ChecklistDiff, ChecklistResult, ConflictChoice } from '../../../shared/api/checklist.js';
import { TaizhangError } from '../../../shared/errors.js';
import type { CommandGroups } from '../program.js';
import { callCore, emit, globals, parseYear, withCore, type CliIO } from '../io.js';

function shown(value: string): string {
  return value === '' ? '（空）' : value.replace(/\n/g, ' ');
}

function cellName(c: { sheet: string; row: number; code: string; title: string }): string {
  return `${c.sheet} 第 ${c.row} 行 ${c.code} ${c.title}`;
}

/** Changes grouped by sheet and row, the conflicts numbered for --use-file, then what was not imported and why. */
export function diffText(diff: ChecklistDiff): string {
  const lines: string[] = [];
  if (diff.changes.length === 0 && diff.conflicts.length === 0) lines.push('没有可导入的修改 / No changes');
  if (diff.changes.length > 0) {
    lines.push(`修改 ${diff.changes.length} 处 / ${diff.changes.length} change(s):`);
    let last = '';
    for (const c of diff.changes) {
      const at = cellName(c);
      if (at !== last) lines.push(`  ${at}`);
      last = at;
      const claim = c.claim ? `（自查认定高于系统判定“${c.claim.system}”，理由：${shown(c.claim.reason)}）` : '';
      lines.push(`    ${c.field}：${shown(c.before)} → ${shown(c.after)}${claim}`);
    }
  }
  if (diff.conflicts.length > 0) {
    lines.push(
      `冲突 ${diff.conflicts.length} 处：文件和档案在导出后都改过，默认保留档案的值；要用文件的值，加 --use-file 编号 / ${diff.conflicts.length} conflict(s): the archive's value stays unless --use-file`,
    );
    diff.conflicts.forEach((c, i) => {
      const exported = c.exported === null ? '（导出时的值已缺失）' : shown(c.exported);
      lines.push(`  [${i + 1}] ${cellName(c)} ${c.field}：导出时 ${exported}；档案 ${shown(c.archive)}；文件 ${shown(c.file)}`);
    });
  }
  if (diff.problems.length > 0) {
    lines.push(`提示 ${diff.problems.length} 条（所涉单元格未导入）/ ${diff.problems.length} problem(s), not imported:`);
    for (const p of diff.problems) lines.push(`  ${p.message}`);
  }
  return lines.join('\n');
}

/** "1,3" or "all" → the conflicts whose file value is taken. */
export function chosenConflicts(diff: ChecklistDiff, choice: string | undefined): Record<string, ConflictChoice> {
  if (choice === undefined) return {};
  const all = choice.trim() === 'all' || choice.trim() === '全部';
  const picked = all ? diff.conflicts.map((_, i) => i + 1) : choice.split(/[,，、\s]+/u).filter(Boolean).map(Number);
  const bad = picked.filter((n) => !Number.isInteger(n) || n < 1 || n > diff.conflicts.length);
  if (bad.length > 0) {
    throw new TaizhangError('invalid_input', `--use-file 的编号应为 1–${diff.conflicts.length} 或 all：${choice} / Unknown conflict number`);
  }
  return Object.fromEntries(picked.map((n) => [(diff.conflicts[n - 1] as ChecklistDiff['conflicts'][number]).id, 'file' as const]));
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
  const FORCE_HELP = '读入从另一个档案导出的自查表（默认拒绝） / read a checklist exported from another archive';
  const yearArg = (o: { year?: string }) => (o.year !== undefined ? { year: parseYear(o.year) } : {});
  checklist
    .command('diff <file>')
    .description('列出自查表中的修改和冲突，不改动档案 / show what a returned checklist changes')
    .option('--year <年度>', '年度；默认取文件中记录的年度 / year (default: the one the file records)')
    .option('--force', FORCE_HELP)
    .action(async (file: string, o: { year?: string; force?: boolean }, cmd: Command) => {
      await callCore(io, cmd, 'checklist.diff', { ...yearArg(o), file, force: o.force === true }, diffText);
    });

  checklist
    .command('apply <file>')
    .description('先列出修改和冲突，确认（--yes）后写入档案 / show the changes, then store them when confirmed with --yes')
    .option('--year <年度>', '年度；默认取文件中记录的年度 / year (default: the one the file records)')
    .option('--use-file <编号>', '这些冲突用文件中的值（如 1,3 或 all），其余保留档案的值 / conflicts to resolve for the file')
    .option('--yes', '确认写入 / confirm without asking')
    .option('--force', FORCE_HELP)
    .action(async (file: string, o: { year?: string; yes?: boolean; useFile?: string; force?: boolean }, cmd: Command) => {
      const opts = globals(cmd);
      const force = o.force === true;
      await withCore(cmd, async (core) => {
        const diff = await core.invoke('checklist.diff', { ...yearArg(o), file, force });
        const resolutions = chosenConflicts(diff, o.useFile);
        const storable = diff.changes.length + Object.keys(resolutions).length;
        if (!o.yes || storable === 0) {
          emit(io, opts, { ...diff, applied: 0 }, (d) =>
            storable === 0
              ? diffText(d)
              : `${diffText(d)}\n\n尚未写入档案。核对无误后加 --yes 再运行一次 / Nothing stored yet; run again with --yes to apply`,
          );
          return;
        }
        if (!opts.json) io.out(diffText(diff));
        const applied = await core.invoke('checklist.apply', { year: diff.year, file, token: diff.token, resolutions, force });
        emit(io, opts, applied, (a) => `\n已写入 ${a.applied} 处修改；重新导出自查表即可看到 / ${a.applied} change(s) stored`);
      });
    });
}
