import type { Command } from 'commander';
import type { Completeness, ItemStatus } from '../../../shared/api/status.js';
import { COMPLETENESS } from '../../../shared/api/status.js';
import type { CommandGroups } from '../program.js';
import { callCore, parseYear, usageError, type CliIO } from '../io.js';

const BADGES: Record<Completeness, string> = { 齐全: '[齐全]', 部分: '[部分]', 缺失: '[缺失]', 不适用: '[不适用]' };

function counts(s: ItemStatus): string {
  if (s.records === 0) return '';
  const parts = [`${s.records} 件`];
  if (s.photos > 0) parts.push(`照片 ${s.photos}`);
  if (s.activities > 0) parts.push(`活动 ${s.activities}`);
  return `（${parts.join('，')}）`;
}

/** An indented tree: badge, code, title, reason; incomplete activities under their leaf. */
export function statusText(year: number, statuses: ItemStatus[]): string {
  if (statuses.length === 0) return `${year} 年度的测评体系没有项目 / no items`;
  const top = Math.min(...statuses.map((s) => s.level));
  const leaves = statuses.filter((s) => s.leaf);
  const tally = COMPLETENESS.map((c) => `${c} ${leaves.filter((s) => s.status === c).length}`).join('，');
  const claimed = leaves.filter((s) => s.selfCheck);
  // The 自查表 counts the self-assessment: both totals, so the two never seem to disagree.
  const selfTally = claimed.length === 0 ? '' : `；按自查认定：${COMPLETENESS.map((c) => `${c} ${leaves.filter((s) => (s.selfCheck?.status ?? s.status) === c).length}`).join('，')}`;
  const lines = [`${year} 年度材料完成情况（测评标准 ${leaves.length} 项：${tally}${selfTally}）`];
  for (const s of statuses) {
    const indent = '  '.repeat(s.level - top);
    const self = s.selfCheck ? `（自查认定：${s.selfCheck.status}${s.selfCheck.reason ? `，理由：${s.selfCheck.reason.replace(/\n/g, ' ')}` : ''}）` : '';
    lines.push(`${indent}${BADGES[s.status]} ${s.code} ${s.title}${counts(s)} — ${s.reason}${self}`);
    if (s.leaf) {
      for (const a of s.incompleteActivities) lines.push(`${indent}    活动「${a.name}」缺：${a.missing.join('、')}`);
    }
  }
  return lines.join('\n');
}

export function registerStatusCommands({ program }: CommandGroups, io: CliIO): void {
  const status = program.command('status').description('材料完成情况（齐全/部分/缺失/不适用） / what is still missing');
  status
    .command('show', { isDefault: true })
    .description('查看完成情况 / show completeness')
    .requiredOption('--year <年度>', '年度 / year')
    .option('--item <编码>', '只看此项目及其下级 / one item and its sub-items')
    .action(async (o: { year: string; item?: string }, cmd: Command) => {
      const year = parseYear(o.year);
      await callCore(io, cmd, 'status.get', { year, ...(o.item !== undefined ? { item: o.item } : {}) }, (r) => statusText(year, r));
    });
  status
    .command('na')
    .description('标记或取消"不适用" / mark an item not applicable for a year, or clear the mark')
    .requiredOption('--year <年度>', '年度 / year')
    .requiredOption('--item <编码>', '测评项目编码 / item code')
    .option('--reason <原因>', '不适用的原因（必填，自查表中列出），如"本社区没有此类点位" / why (required; printed in the checklist)')
    .option('--clear', '取消不适用标记 / clear the mark')
    .action(async (o: { year: string; item: string; reason?: string; clear?: boolean }, cmd: Command) => {
      if (!o.clear && !o.reason?.trim()) throw usageError('请用 --reason 写明不适用的原因，自查表中会列出 / --reason is required');
      const year = parseYear(o.year);
      const args = { year, item: o.item, notApplicable: !o.clear, ...(o.reason !== undefined ? { reason: o.reason } : {}) };
      await callCore(io, cmd, 'status.setNotApplicable', args, (r) =>
        r.notApplicable ? `已将 ${r.code} 标记为 ${year} 年度不适用 / marked not applicable` : `已取消 ${r.code} 在 ${year} 年度的不适用标记 / mark cleared`,
      );
    });
}
