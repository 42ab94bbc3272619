import type { Command } from 'commander';
import type { SearchHit } from '../../../shared/api/search.js';
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
}
