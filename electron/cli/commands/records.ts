import type { Command } from 'commander';
import type { AddResult, RecordDetail, RecordSummary } from '../../../shared/api/records.js';
import { CAPTION_FIELDS, CAPTION_LABELS, displayTitle } from '../../../shared/domain/record.js';
import type { CommandGroups } from '../program.js';
import { callCore, CliExit, EXIT_USER, parseIntArg, parseYear, splitList, type CliIO } from '../io.js';

function addText(r: AddResult): string {
  const lines = r.records.map((x) => `${x.duplicate ? '已存在' : '已添加'} #${x.id} ${x.title}（${x.files} 个文件）`);
  for (const w of r.warnings) lines.push(`注意 ${w.file}：${w.message}`);
  for (const e of r.errors) lines.push(`失败 ${e.file}：${e.message}`);
  const added = r.records.filter((x) => !x.duplicate).length;
  lines.push(`共添加 ${added} 件，重复 ${r.records.length - added} 件，失败 ${r.errors.length} 个文件`);
  return lines.join('\n');
}

/** One line per record: 件号, date, type, pages and title, then the item codes. Types are padded with full-width spaces. */
export function recordTable(rows: RecordSummary[]): string {
  if (rows.length === 0) return '没有符合条件的记录 / no records';
  const header = `${'件号'.padEnd(6)}${'日期'.padEnd(9)}类型　 页数  题名`;
  const lines = rows.map((r) => {
    const items = r.items.map((i) => i.code).join('、');
    const activity = r.activity ? `〔${r.activity}〕` : '';
    return `${`#${r.id}`.padEnd(8)}${(r.date ?? '—').padEnd(11)}${r.type.padEnd(3, '　')} ${String(r.pages).padStart(4)}  ${displayTitle(r.title, r.titleSupplied)}${activity}${items ? `  [${items}]` : ''}`;
  });
  const pages = rows.reduce((n, r) => n + r.pages, 0);
  return [header, ...lines, `共 ${rows.length} 件，${pages} 页`].join('\n');
}

function detailText(d: RecordDetail): string {
  const caption = CAPTION_FIELDS.filter((f) => d.caption[f]).map((f) => `${CAPTION_LABELS[f]}：${d.caption[f]}`);
  return [
    `#${d.id} ${displayTitle(d.title, d.titleSupplied)}${d.deletedAt ? '（在回收站）' : ''}`,
    `年度：${d.year}　日期：${d.date ?? '—'}　类型：${d.type}　保管期限：${d.retention}`,
    `文号：${d.docNo || '—'}　责任者：${d.author || '—'}　活动：${d.activity ?? '—'}`,
    `测评项目：${d.items.map((i) => i.path).join('；') || '—'}`,
    ...(d.tags.length > 0 ? [`标签：${d.tags.join('、')}`] : []),
    ...(caption.length > 0 ? [`说明：${caption.join('；')}`] : []),
    ...(d.note ? [`备注：${d.note}`] : []),
    ...(d.carriedFrom ? [`由第 ${d.carriedFrom} 件结转`] : []),
    `文件（${d.files} 个，${d.pages} 页）：`,
    ...d.fileList.map((f) => {
      const size = f.width && f.height ? ` ${f.width}×${f.height}` : '';
      const pages = f.pages !== null ? ` ${f.pages} 页` : '';
      return `  ${f.name}（${f.kind}${pages}${size}）${f.binderNote ? `　⚠ ${f.binderNote}` : ''}`;
    }),
  ].join('\n');
}

interface AddOptions {
  year: string;
  item?: string;
  type?: string;
  title?: string;
  date?: string;
  activity?: string;
  single?: boolean;
}

export function registerRecordCommands({ program }: CommandGroups, io: CliIO): void {
  program
    .command('add <files...>')
    .description('添加文件为档案记录（件）/ file documents and photos as records')
    .requiredOption('--year <年度>', '年度 / year')
    .option('--item <编码,…>', '测评项目编码，逗号分隔 / item codes')
    .option('--type <类型>', '类型：方案/通知/签到表/照片/记录/总结/报告/制度/台账/荣誉/其他')
    .option('--title <题名>', '题名（默认取文件名）/ title')
    .option('--date <YYYY-MM-DD>', '日期（默认取文件名或照片拍摄日期）/ date')
    .option('--activity <活动名称>', '归入活动 / activity')
    .option('--single', '所有文件合为一件（如多页扫描件）/ one record holding all files')
    .action(async (files: string[], o: AddOptions, cmd: Command) => {
      const args = {
        files,
        year: parseYear(o.year),
        items: o.item ? splitList(o.item) : [],
        single: o.single ?? false,
        ...(o.type !== undefined ? { type: o.type } : {}),
        ...(o.title !== undefined ? { title: o.title } : {}),
        ...(o.date !== undefined ? { date: o.date } : {}),
        ...(o.activity !== undefined ? { activity: o.activity } : {}),
      };
      const result = await callCore(io, cmd, 'records.add', args, addText);
      if (result.records.length === 0 && result.errors.length > 0) throw new CliExit(EXIT_USER);
    });

  program
    .command('list')
    .description('列出记录 / list records')
    .option('--year <年度>', '年度 / year')
    .option('--item <编码>', '测评项目（含下级及对应的旧版项目）/ item, with sub-items')
    .option('--type <类型>', '类型 / type')
    .option('--tag <标签>', '标签 / tag')
    .option('--activity <活动编号>', '活动编号 / activity id')
    .action(async (o: { year?: string; item?: string; type?: string; tag?: string; activity?: string }, cmd: Command) => {
      const args = {
        ...(o.year !== undefined ? { year: parseYear(o.year) } : {}),
        ...(o.item !== undefined ? { item: o.item } : {}),
        ...(o.type !== undefined ? { type: o.type } : {}),
        ...(o.tag !== undefined ? { tag: o.tag } : {}),
        ...(o.activity !== undefined ? { activityId: parseIntArg(o.activity) } : {}),
      };
      await callCore(io, cmd, 'records.list', args, recordTable);
    });

  program
    .command('show <id>')
    .description('查看一件记录 / show one record')
    .action(async (id: string, _o: unknown, cmd: Command) => {
      await callCore(io, cmd, 'records.get', { id: parseIntArg(id) }, detailText);
    });
}
