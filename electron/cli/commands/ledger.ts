import type { Command } from 'commander';
import type { Rectification } from '../../../shared/api/ledger.js';
import type { CommandGroups } from '../program.js';
import { callCore, parseIntArg, parseYear, splitList, type CliIO } from '../io.js';

interface FieldOptions {
  problem?: string;
  site?: string;
  items?: string;
  unit?: string;
  leader?: string;
  deadline?: string;
  progress?: string;
  raisedOn?: string;
  evidence?: string;
}

/** The options every add/update shares, one per column of the 督查限时整改一览表. */
function fieldOptions(cmd: Command): Command {
  return cmd
    .option('--site <点位>', '点位 / site')
    .option('--items <编码,…>', '关联测评项编码，逗号分隔 / linked item codes')
    .option('--unit <责任单位>', '责任单位 / responsible unit')
    .option('--leader <分管领导>', '分管领导 / leader in charge')
    .option('--deadline <YYYY-MM-DD>', '整改时限 / deadline')
    .option('--progress <整改情况>', '整改情况 / progress')
    .option('--raised-on <YYYY-MM-DD>', '提出日期（督查日期） / date raised')
    .option('--evidence <ID,…>', '佐证材料（件的编号），逗号分隔 / evidence record ids');
}

/** Only the fields the user gave; "" clears a date, an empty list clears items or evidence. */
function fieldArgs(o: FieldOptions): Record<string, unknown> {
  const args: Record<string, unknown> = {};
  if (o.problem !== undefined) args.problem = o.problem;
  if (o.site !== undefined) args.site = o.site;
  if (o.items !== undefined) args.items = splitList(o.items);
  if (o.unit !== undefined) args.unit = o.unit;
  if (o.leader !== undefined) args.leader = o.leader;
  if (o.deadline !== undefined) args.deadline = o.deadline.trim() === '' ? null : o.deadline.trim();
  if (o.progress !== undefined) args.progress = o.progress;
  if (o.raisedOn !== undefined) args.raisedOn = o.raisedOn.trim() === '' ? null : o.raisedOn.trim();
  if (o.evidence !== undefined) args.evidence = splitList(o.evidence).map(parseIntArg);
  return args;
}

function rowText(r: Rectification): string {
  const items = r.items.map((i) => i.code).join('、');
  const flags = r.overdue ? '【逾期】' : '';
  return [
    `#${r.id} [${r.state}]${flags} ${r.problem}`,
    `  点位：${r.site || '—'}　责任单位：${r.unit || '—'}　分管领导：${r.leader || '—'}`,
    `  整改时限：${r.deadline ?? '—'}${r.closedOn ? `　完成日期：${r.closedOn}` : ''}　关联测评项：${items || '—'}`,
    ...(r.progress ? [`  整改情况：${r.progress}`] : []),
    ...(r.evidence.length > 0 ? [`  佐证材料：${r.evidence.map((e) => `#${e.id} ${e.title}`).join('；')}`] : []),
  ].join('\n');
}

function listText(rows: Rectification[]): string {
  if (rows.length === 0) return '整改台账为空 / no rectifications';
  const open = rows.filter((r) => r.state !== '已整改').length;
  const overdue = rows.filter((r) => r.overdue).length;
  return `${rows.map(rowText).join('\n')}\n共 ${rows.length} 条，未完成 ${open} 条，逾期 ${overdue} 条`;
}

export function registerLedgerCommands({ program }: CommandGroups, io: CliIO): void {
  const ledger = program.command('ledger').description('整改台账（督查限时整改一览表） / rectification ledger');

  fieldOptions(
    ledger
      .command('add')
      .description('登记一个督查发现的问题 / record a problem found in an inspection')
      .requiredOption('--year <年度>', '年度 / year')
      .requiredOption('--problem <问题描述>', '问题描述 / problem'),
  ).action(async (o: FieldOptions & { year: string }, cmd: Command) => {
    const args = { ...fieldArgs(o), year: parseYear(o.year) };
    await callCore(io, cmd, 'ledger.add', args, (r) => `已登记 / Added\n${rowText(r)}`);
  });

  ledger
    .command('list')
    .description('列出整改台账 / list the ledger')
    .option('--year <年度>', '年度 / year')
    .option('--open', '只列未完成的 / only rows not yet 已整改')
    .option('--overdue', '只列逾期的 / only overdue rows')
    .action(async (o: { year?: string; open?: boolean; overdue?: boolean }, cmd: Command) => {
      const args = {
        ...(o.year !== undefined ? { year: parseYear(o.year) } : {}),
        ...(o.open ? { open: true } : {}),
        ...(o.overdue ? { overdue: true } : {}),
      };
      await callCore(io, cmd, 'ledger.list', args, listText);
    });

  fieldOptions(
    ledger
      .command('update <id>')
      .description('修改问题的任何一栏 / change any field of a row')
      .option('--problem <问题描述>', '问题描述 / problem')
      .option('--state <状态>', '状态：待整改/整改中/已整改 / state'),
  ).action(async (id: string, o: FieldOptions & { state?: string }, cmd: Command) => {
    const args = { ...fieldArgs(o), ...(o.state !== undefined ? { state: o.state } : {}), id: parseIntArg(id) };
    await callCore(io, cmd, 'ledger.update', args, (r) => `已修改 / Updated\n${rowText(r)}`);
  });

  ledger
    .command('close <id>')
    .description('标记为已整改 / mark as rectified')
    .option('--progress <整改情况>', '整改情况 / what was done')
    .option('--evidence <ID,…>', '追加佐证材料（件的编号） / evidence record ids to add')
    .option('--closed-on <YYYY-MM-DD>', '完成日期（默认今天） / date closed, default today')
    .action(async (id: string, o: { progress?: string; evidence?: string; closedOn?: string }, cmd: Command) => {
      const args = {
        id: parseIntArg(id),
        ...(o.progress !== undefined ? { progress: o.progress } : {}),
        ...(o.evidence !== undefined ? { evidence: splitList(o.evidence).map(parseIntArg) } : {}),
        ...(o.closedOn !== undefined ? { closedOn: o.closedOn.trim() } : {}),
      };
      await callCore(io, cmd, 'ledger.close', args, (r) => `已整改 / Closed\n${rowText(r)}`);
    });
}
