import type { Command } from 'commander';
import type { SearchResult } from '../../../shared/api/search.js';
import type { CommandGroups } from '../program.js';
import { callCore, parseIntArg, parseYear, parseYearRange, usageError, type CliIO } from '../io.js';

export function searchText({ total, results }: SearchResult, offset: number): string {
  if (total === 0) return '没有找到 / nothing found';
  if (results.length === 0) return `共 ${total} 条，第 ${offset + 1} 条之后没有了 / ${total} result(s), none after ${offset}`;
  const lines = results.flatMap((h, i) => [
    `${offset + i + 1}. ${h.title}　#${h.id}　${h.type}　${h.date ?? `${h.year} 年度`}`,
    ...h.items.map((path) => `   ${path}`),
    ...(h.snippet ? [`   ${h.snippet}`] : []),
  ]);
  const last = offset + results.length;
  const more = last < total ? `；后面还有 ${total - last} 条，可加 --offset ${last} 查看` : '';
  return [...lines, `共 ${total} 条，显示第 ${offset + 1}–${last} 条${more} / ${total} result(s), showing ${offset + 1}–${last}`].join('\n');
}

interface SearchOptions {
  year?: string;
  years?: string;
  item?: string;
  type?: string;
  tag?: string;
  from?: string;
  to?: string;
  offset?: string;
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
    ...(o.offset !== undefined ? { offset: parseIntArg(o.offset) } : {}),
    ...(o.limit !== undefined ? { limit: parseIntArg(o.limit) } : {}),
  };
}

export function registerSearchCommands({ program }: CommandGroups, io: CliIO): void {
  program
    .command('search <query>')
    .description('跨年度全文搜索 / search all years（空格分隔多个词，"引号" 为整句，-词 排除，type:照片 year:2024 tag:重点）')
    .option('--year <年度>', '年度 / year')
    .option('--years <起-止>', '年度范围，如 2022-2024 / year range')
    .option('--item <编码>', '测评项目（含下级及对应的旧版项目） / item, with sub-items and mapped items')
    .option('--type <类型>', '类型 / type')
    .option('--tag <标签>', '标签 / tag')
    .option('--from <日期>', '起始日期 YYYY-MM-DD / from date')
    .option('--to <日期>', '截止日期 YYYY-MM-DD / to date')
    .option('--limit <条数>', '每页条数（默认 50） / results per page')
    .option('--offset <条数>', '跳过前面的条数，用于翻页（默认 0） / skip this many results, for the next page')
    .action(async (query: string, o: SearchOptions, cmd: Command) => {
      const offset = o.offset !== undefined ? parseIntArg(o.offset) : 0;
      await callCore(io, cmd, 'search.query', searchArgs(query, o), (r) => searchText(r, offset));
    });
}
