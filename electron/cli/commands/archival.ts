import type { Command } from 'commander';
import type { ArchivalVolume, NumberResult, WithdrawResult } from '../../../shared/api/archival.js';
import type { CommandGroups } from '../program.js';
import { callCore, parseIntArg, parseYear, type CliIO } from '../io.js';
import { parseIds } from './records.js';

const PATTERN_HELP = `
归档 / archiving: 给一个年度（或 --ids 列出的件）编定件号和档号，存入档案，以后导出的案卷、自查表、
检索结果都使用这同一个号，不再重新计算。件号在“类”内连续编排（DA/T 22）：类 = 年度 + 保管期限 + 问题，
问题默认是一级测评项目；同一类中按测评项目、活动、方案/通知 → 签到 → 照片 → 记录/总结、日期的顺序编号。
以后补充的材料取该类的下一个号；已编的号不会移动。
档号格式在单位信息中设置（taizhang unit --pattern），默认 {全宗号}-{门类}·{年度}-{保管期限}-{问题}-{件号}，
例如 Z001-WS·2026-D30-01-0012（件号 4 位；保管期限代码 永久=Y、定期30年=D30、定期10年=D10）。
Numbers each class (year + retention + 问题) in archival order and stores the 件号 and 档号 for good.`;

function numberText(r: NumberResult): string {
  const lines = r.numbered.map((n) => `  #${n.recordId}　第 ${n.piece} 件　${n.archivalCode}　（第 ${n.volumeNo} 卷）`);
  const volumes = r.newVolumes.map((v) => `  第 ${v.volumeNo} 卷　${v.archivalCode}　${v.item}　${v.retention}`);
  const skipped = r.skipped.map((s) => `  #${s.recordId} ${s.title}：${s.reason}`);
  return [
    `${r.dryRun ? '预览：将' : '已'}归档 ${r.numbered.length} 件 / ${r.dryRun ? 'would number' : 'numbered'} ${r.numbered.length}`,
    ...lines,
    ...(volumes.length > 0 ? [`${r.dryRun ? '将新立' : '新立'}案卷 ${volumes.length} 卷：`, ...volumes] : []),
    ...(skipped.length > 0 ? [`未编号 ${skipped.length} 件：`, ...skipped] : []),
  ].join('\n');
}

function withdrawText(r: WithdrawResult): string {
  return `已撤销第 ${r.piece} 件的归档（档号 ${r.archivalCode}，第 ${r.volumeNo} 卷）：${r.reason}\n该件号不再使用，备考表会注明。/ Withdrawn; the number is never given again`;
}

function volumesText(list: ArchivalVolume[]): string {
  if (list.length === 0) return '本年度还没有归档的案卷 / no volumes yet';
  return list
    .map((v) => {
      const gaps = v.withdrawn.map((w) => `\n    第 ${w.piece} 件已撤销（${w.on}）：${w.reason}`).join('');
      return `第 ${v.volumeNo} 卷　${v.archivalCode}　${v.item ? `${v.item.code} ${v.item.title}` : ''}　${v.retention}　${v.pieces} 件　立卷 ${v.archivedOn}${gaps}`;
    })
    .join('\n');
}

export function registerArchivalCommands({ program }: CommandGroups, io: CliIO): void {
  program
    .command('number')
    .description('归档：编定件号和档号（此后不再变动）/ archive: give 件号 and 档号 for good')
    .requiredOption('--year <年度>', '年度 / year')
    .option('--ids <编号>', '只归档这些件，如 3,5-9 / only these records')
    .option('--dry-run', '只预览将给出的号，不写入 / preview the numbers, write nothing')
    .addHelpText('after', PATTERN_HELP)
    .action(async (o: { year: string; ids?: string; dryRun?: boolean }, cmd: Command) => {
      const args = { year: parseYear(o.year), ...(o.ids !== undefined ? { ids: parseIds(o.ids) } : {}), dryRun: o.dryRun === true };
      await callCore(io, cmd, 'archival.number', args, numberText);
    });

  program
    .command('withdraw <id>')
    .description('撤销归档：收回一件的件号（号不再使用，备考表注明原因）/ take a record out of its numbered set')
    .requiredOption('--reason <原因>', '撤销的原因（必填）/ why (required)')
    .action(async (id: string, o: { reason: string }, cmd: Command) => {
      await callCore(io, cmd, 'archival.withdraw', { id: parseIntArg(id), reason: o.reason }, withdrawText);
    });

  program
    .command('volumes')
    .description('年度的案卷（卷号、档号、保管期限、件数、撤销的件号）/ the volumes of a year')
    .requiredOption('--year <年度>', '年度 / year')
    .action(async (o: { year: string }, cmd: Command) => {
      await callCore(io, cmd, 'archival.volumes', { year: parseYear(o.year) }, volumesText);
    });
}
