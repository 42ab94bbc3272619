import { Option } from 'commander';
import type { Edition, IndexItem, ItemMapping } from '../../../shared/api/index.js';
import type { CommandGroups } from '../program.js';
import { callCore, globals, parseIntArg, parseYear, splitList, usageError, withCore, type CliIO } from '../io.js';

const MAPPING_KINDS = ['same', 'renamed', 'split', 'merged'] as const;
const KIND_WORDS: Record<ItemMapping['kind'], string> = { same: '相同', renamed: '更名', split: '拆分', merged: '合并' };

/** The fields `index list --json` prints for each item. */
function listedItem(i: IndexItem): Pick<IndexItem, 'code' | 'label' | 'title' | 'level' | 'parent' | 'method' | 'requirement' | 'unit'> {
  return { code: i.code, label: i.label, title: i.title, level: i.level, parent: i.parent, method: i.method, requirement: i.requirement, unit: i.unit };
}

function treeText(items: IndexItem[]): string {
  if (items.length === 0) return '（此版本没有测评项目）';
  return items
    .map((i) => {
      const method = i.method ? `  〔${i.method}〕` : '';
      return `${'  '.repeat(i.level - 1)}${i.code}  ${i.label}${i.title}${method}`;
    })
    .join('\n');
}

function editionsText(editions: Edition[]): string {
  if (editions.length === 0) return '还没有测评体系 / no editions';
  return editions
    .map((e) => {
      const years = e.years.length > 0 ? `  年度：${e.years.join('、')}` : '';
      return `#${e.id}  ${e.name}${e.isExample ? '  [示例]' : ''}  ${e.items} 项，${e.levels} 级${years}`;
    })
    .join('\n');
}

function mappingText(m: ItemMapping): string {
  return `#${m.from.editionId} ${m.from.code} ${m.from.title}  →  #${m.to.editionId} ${m.to.code} ${m.to.title}  （${KIND_WORDS[m.kind]}）`;
}

/** "2:1.2" → edition 2, code "1.2". */
function parseItemRef(text: string, flag: string): { edition: number; code: string } {
  const at = text.indexOf(':');
  const edition = text.slice(0, at).trim();
  const code = text.slice(at + 1).trim();
  if (at < 0 || !/^\d+$/.test(edition) || code === '') {
    throw usageError(`${flag} 的格式应为 版本编号:项目编码，如 1:1.2 / ${flag} must look like EDITION:CODE, e.g. 1:1.2：${text}`);
  }
  return { edition: Number(edition), code };
}

/** "方案,签到表" → a rule; "默认" → back to the default rule; "无" → activities need nothing. */
function parseActivityRule(text: string): string[] | null {
  const trimmed = text.trim();
  if (trimmed === '默认' || trimmed.toLowerCase() === 'default') return null;
  if (trimmed === '无' || trimmed.toLowerCase() === 'none') return [];
  return splitList(trimmed);
}

export function registerIndexCommands({ program }: CommandGroups, io: CliIO): void {
  const index = program.command('index').description('测评体系 / the evaluation index');

  index
    .command('import <file>')
    .description('导入本市测评体系表格（.xlsx） / import a city index table')
    .option('--name <名称>', '版本名称（默认取表格标题） / edition name')
    .option('--year <年度>', '让该年度使用此版本 / use it for this year')
    .action(async (file: string, opts: { name?: string; year?: string }, cmd) => {
      const args = { file, ...(opts.name !== undefined ? { name: opts.name } : {}), ...(opts.year ? { year: parseYear(opts.year) } : {}) };
      const json = globals(cmd).json === true;
      const result = await callCore(io, cmd, 'index.import', args, (r) => {
        const year = args.year ? `，${args.year} 年度使用此版本` : '';
        return `已导入测评体系 #${r.edition}：${r.items} 个项目，${r.levels} 级${year} / Imported edition ${r.edition}`;
      });
      if (!json) for (const w of result.warnings) io.err(`提示 / Note: ${w}`);
    });

  index
    .command('list')
    .description('列出测评项目 / list index items')
    .option('--edition <编号>', '版本编号（默认最新） / edition id')
    .option('--year <年度>', '该年度使用的版本 / the edition a year uses')
    .action(async (opts: { edition?: string; year?: string }, cmd) => {
      const args = { ...(opts.edition ? { edition: parseIntArg(opts.edition) } : {}), ...(opts.year ? { year: parseYear(opts.year) } : {}) };
      const items = await withCore(cmd, (core) => core.invoke('index.list', args));
      // The JSON shape is part of the CLI contract: the tree's fields, not database ids.
      if (globals(cmd).json) io.out(JSON.stringify(items.map(listedItem), null, 2));
      else io.out(treeText(items));
    });

  index
    .command('export')
    .description('把测评体系导出为 .xlsx / export an edition to .xlsx')
    .option('--edition <编号>', '版本编号（默认最新） / edition id')
    .requiredOption('--out <文件>', '输出文件 FILE.xlsx / output file')
    .action(async (opts: { edition?: string; out: string }, cmd) => {
      const args = { out: opts.out, ...(opts.edition ? { edition: parseIntArg(opts.edition) } : {}) };
      await callCore(io, cmd, 'index.export', args, (r) => `已导出 ${r.items} 个项目到 ${r.path} / Exported`);
    });

  index
    .command('editions')
    .description('列出测评体系版本 / list index editions')
    .action(async (_opts, cmd) => {
      await callCore(io, cmd, 'index.editions', {}, editionsText);
    });

  index
    .command('map')
    .description('对应两个版本的项目（更名、拆分、合并） / map an item of one edition to another')
    .requiredOption('--from <版本:编码>', '旧版本的项目，如 1:1.2 / e.g. 1:1.2')
    .requiredOption('--to <版本:编码>', '新版本的项目，如 2:2.1 / e.g. 2:2.1')
    .addOption(new Option('--kind <关系>', '关系 / relation').choices(MAPPING_KINDS).default('same'))
    .action(async (opts: { from: string; to: string; kind: ItemMapping['kind'] }, cmd) => {
      const from = parseItemRef(opts.from, '--from');
      const to = parseItemRef(opts.to, '--to');
      const args = { fromEdition: from.edition, fromCode: from.code, toEdition: to.edition, toCode: to.code, kind: opts.kind };
      await callCore(io, cmd, 'index.map', args, (m) => `已对应 / Mapped: ${mappingText(m)}`);
    });

  index
    .command('mappings')
    .description('列出版本之间的项目对应 / list item mappings')
    .option('--edition <编号>', '只看涉及此版本的对应 / only mappings touching this edition')
    .action(async (opts: { edition?: string }, cmd) => {
      const args = opts.edition ? { edition: parseIntArg(opts.edition) } : {};
      await callCore(io, cmd, 'index.mappings', args, (ms) => ms.map(mappingText).join('\n') || '还没有项目对应 / no mappings');
    });

  index
    .command('edit <code>')
    .description('修改测评项目的名称、方法、要求、责任单位 / edit an index item')
    .option('--edition <编号>', '版本编号（默认最新） / edition id')
    .option('--title <名称>', '项目名称 / title')
    .option('--method <方法>', '测评方法 / method')
    .option('--requirement <要求>', '具体要求 / requirement')
    .option('--unit <单位>', '责任单位 / responsible unit')
    .option('--activity-rule <类型>', '每次活动须有的材料，如 方案,签到表,照片；“默认”恢复默认，“无”表示不要求 / types every activity needs')
    .action(
      async (
        code: string,
        opts: { edition?: string; title?: string; method?: string; requirement?: string; unit?: string; activityRule?: string },
        cmd,
      ) => {
        const { edition, activityRule, ...words } = opts;
        const changes = { ...words, ...(activityRule !== undefined ? { activityRule: parseActivityRule(activityRule) } : {}) };
        if (Object.keys(changes).length === 0) {
          throw usageError('请至少给出一项要修改的内容（--title、--method、--requirement、--unit、--activity-rule） / nothing to change');
        }
        const args = { code, ...changes, ...(edition ? { edition: parseIntArg(edition) } : {}) };
        await callCore(io, cmd, 'index.updateItem', args, (i) => `已修改 / Saved\n${treeText([{ ...i, level: 1 }])}\n具体要求：${i.requirement || '（无）'}`);
      },
    );
}
