import type { ArchiveInfo, UnitSettings } from '../../../shared/api/archive.js';
import { initArchive } from '../../core/archive/init.js';
import { createCore } from '../../core/api/core.js';
import type { CommandGroups } from '../program.js';
import { archiveDir, callCore, emit, globals, parseIntArg, parseYear, type CliIO } from '../io.js';

function unitText(u: UnitSettings): string {
  return [
    `单位名称：${u.name || '（未填）'}`, `全宗号：${u.fonds || '（未填）'}`, `立卷人：${u.filer || '（未填）'}`, `检查人：${u.checker || '（未填）'}`,
    `门类代码：${u.category}`, `档号格式：${u.pattern}`, `问题：${u.problemLevel === 1 ? '一级测评项目' : '二级测评内容'}`,
  ].join('\n');
}

function infoText(i: ArchiveInfo): string {
  const years = i.years.map((y) => `  ${y.year} 年度：${y.records} 件（${y.editionName}）`).join('\n');
  return `档案：${i.path}\n${unitText(i.unit)}\n件数：${i.records}，文件：${i.files}\n${years || '  还没有年度'}`;
}

export function registerArchiveCommands({ program }: CommandGroups, io: CliIO): void {
  program
    .command('init')
    .description('新建档案（含示例测评体系） / create an archive with the example index')
    .option('--unit <名称>', '单位名称（全宗名称）')
    .option('--fonds <全宗号>', '全宗号')
    .option('--filer <立卷人>', '立卷人')
    .option('--checker <检查人>', '检查人')
    .action(async (opts: { unit?: string; fonds?: string; filer?: string; checker?: string }, cmd) => {
      const g = globals(cmd);
      const archive = await initArchive(archiveDir(g), {
        ...(opts.unit !== undefined ? { name: opts.unit } : {}),
        ...(opts.fonds !== undefined ? { fonds: opts.fonds } : {}),
        ...(opts.filer !== undefined ? { filer: opts.filer } : {}),
        ...(opts.checker !== undefined ? { checker: opts.checker } : {}),
      });
      const core = createCore(archive);
      try {
        const info = await core.invoke('archive.info', {});
        emit(io, g, info, (i) => `已新建档案 / Archive created\n${infoText(i)}`);
      } finally {
        core.close();
      }
    });

  program
    .command('info')
    .description('档案概况 / archive summary')
    .action(async (_opts, cmd) => {
      await callCore(io, cmd, 'archive.info', {}, infoText);
    });

  program
    .command('unit')
    .description('查看或修改单位信息 / show or set unit settings')
    .option('--name <名称>', '单位名称（全宗名称）')
    .option('--fonds <全宗号>', '全宗号')
    .option('--filer <立卷人>', '立卷人')
    .option('--checker <检查人>', '检查人')
    .option('--category <代码>', '门类代码，文书档案为 WS / category code in the 档号')
    .option('--pattern <格式>', '档号格式，可用 {全宗号} {门类} {年度} {保管期限} {问题} {件号} / 档号 pattern')
    .option('--problem-level <1|2>', '按哪一级测评项目分“问题”（1 测评项目，2 测评内容）/ index level of the 问题')
    .addHelpText(
      'after',
      `
档号格式只影响今后归档的材料，已归档的件号和档号不变。默认 {全宗号}-{门类}·{年度}-{保管期限}-{问题}-{件号}，
如 Z001-WS·2026-D30-01-0012；必须包含 {年度} {保管期限} {问题} {件号}。/ The pattern applies to records archived from now on.`,
    )
    .action(async (opts: Partial<Record<keyof UnitSettings, string>>, cmd) => {
      const { problemLevel, ...rest } = opts;
      const patch: Record<string, unknown> = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
      if (problemLevel !== undefined) patch.problemLevel = Number(problemLevel);
      if (Object.keys(patch).length === 0) await callCore(io, cmd, 'archive.unit', {}, unitText);
      else await callCore(io, cmd, 'archive.setUnit', patch, (u) => `已保存 / Saved\n${unitText(u)}`);
    });

  const year = program.command('year').description('年度 / years');
  year
    .command('list')
    .description('列出年度 / list years')
    .action(async (_opts, cmd) => {
      await callCore(io, cmd, 'archive.years', {}, (ys) => ys.map((y) => `${y.year}\t${y.records} 件\t${y.editionName}`).join('\n') || '还没有年度');
    });
  year
    .command('set <year>')
    .description('设定年度使用的测评体系版本 / set the edition a year uses')
    .option('--edition <id>', '测评体系版本编号 / edition id')
    .action(async (y: string, opts: { edition?: string }, cmd) => {
      const args = { year: parseYear(y), ...(opts.edition ? { editionId: parseIntArg(opts.edition) } : {}) };
      await callCore(io, cmd, 'archive.setYear', args, (r) => `${r.year} 年度使用「${r.editionName}」`);
    });
}
