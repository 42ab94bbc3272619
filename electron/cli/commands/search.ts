import type { Command } from 'commander';
import type { SearchHit } from '../../../shared/api/search.js';
import type { Completeness, ItemStatus } from '../../../shared/api/status.js';
import { COMPLETENESS } from '../../../shared/api/status.js';
import type { CommandGroups } from '../program.js';
import { callCore, parseIntArg, parseYear, parseYearRange, usageError, type CliIO } from '../io.js';

export function searchText(hits: SearchHit[]): string {
  if (hits.length === 0) return '没有找到 / nothing found';
  const lines = hits.flatMap((h, i) => [
    `${i + 1}. ${h.title}　#${h.id}　${h.type}　${h.date ?? `${h.year} 年度`}`,
    ...h.items.map((path) => `   ${path}`),
    ...(h.snippet ? [`   ${h.snippet}`] : []),
  ]);
  return [...lines, `共 ${hits.length} 条 / ${hits.length} result(s)`].join('\n');
}

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
  const lines = [`${year} 年度材料完成情况（测评标准 ${leaves.length} 项：${tally}）`];
  for (const s of statuses) {
    const indent = '  '.repeat(s.level - top);
    lines.push(`${indent}${BADGES[s.status]} ${s.code} ${s.title}${counts(s)} — ${s.reason}`);
    if (s.leaf) {
      for (const a of s.incompleteActivities) lines.push(`${indent}    活动「${a.name}」缺：${a.missing.join('、')}`);
    }
  }
  return lines.join('\n');
}

interface SearchOptions {
  year?: string;
  years?: string;
  item?: string;
  type?: string;
  tag?: string;
  from?: string;
  to?: string;
  limit?: string;
}

function searchArgs(query: string, o: SearchOptions): Record<string, unknown> {
  if (o.year !== undefined && o.years !== undefined) {
    throw usageError('--year 与 --years 只能用一个 / use either --year or --years');
  }
  return {
    query,
    ...(o.year !== undefined ? { year: parseYear(o.year) } : {}),
    ...(o.years !== undefined ? { years: parseYearRange(o.years) } : {}),
    ...(o.item !== undefined ? { item: o.item } : {}),
    ...(o.type !== undefined ? { type: o.type } : {}),
    ...(o.tag !== undefined ? { tag: o.tag } : {}),
    ...(o.from !== undefined ? { from: o.from } : {}),
    ...(o.to !== undefined ? { to: o.to } : {}),
    ...(o.limit !== undefined ? { limit: parseIntArg(o.limit) } : {}),
  };
}

export function registerSearchCommands({ program }: CommandGroups, io: CliIO): void {
  program
    .command('search <query>')
    .description('跨年度全文搜索 / search all years（空格分隔多个词，"引号" 为整句，-词 排除，type:照片 year:2024 tag:重点）')
    .option('--year <年度>', '年度 / year')
    .option('--years <起-止>', '年度范围，如 2022-2024 / year range')
    .option('--item <编码>', '测评项目（含下级及对应的旧版项目）/ item, with sub-items and mapped items')
    .option('--type <类型>', '类型 / type')
    .option('--tag <标签>', '标签 / tag')
    .option('--from <日期>', '起始日期 YYYY-MM-DD / from date')
    .option('--to <日期>', '截止日期 YYYY-MM-DD / to date')
    .option('--limit <条数>', '最多显示条数（默认 50）/ at most this many results')
    .action(async (query: string, o: SearchOptions, cmd: Command) => {
      await callCore(io, cmd, 'search.query', searchArgs(query, o), searchText);
    });

  const status = program.command('status').description('材料完成情况（齐全/部分/缺失/不适用）/ what is still missing');
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
    .option('--reason <原因>', '不适用的原因 / why')
    .option('--clear', '取消不适用标记 / clear the mark')
    .action(async (o: { year: string; item: string; reason?: string; clear?: boolean }, cmd: Command) => {
      const year = parseYear(o.year);
      const args = { year, item: o.item, notApplicable: !o.clear, ...(o.reason !== undefined ? { reason: o.reason } : {}) };
      await callCore(io, cmd, 'status.setNotApplicable', args, (r) =>
        r.notApplicable ? `已将 ${r.code} 标记为 ${year} 年度不适用 / marked not applicable` : `已取消 ${r.code} 在 ${year} 年度的不适用标记 / mark cleared`,
      );
    });
}
