import path from 'node:path';
import type { Command } from 'commander';
import { runDemo, type DemoReport } from '../../core/demo/run-demo.js';
import type { CommandGroups } from '../program.js';
import { emit, globals, type CliIO } from '../io.js';

function shown(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith('..') ? relative : file;
}

const SHOWN_GAPS = 4;

/** The short Chinese summary a clerk reads after `npm run demo`. */
export function demoSummary(r: DemoReport): string {
  const lines = ['示例档案已生成 / Demo archive built', ''];
  lines.push(`档案 / archive：${shown(r.archive)}`);
  for (const y of r.years) {
    lines.push(`  ${y.year} 年度：${y.records} 件（文件 ${y.documents} 份、照片 ${y.photos} 张），活动 ${y.activities} 项`);
  }
  lines.push(`  制度结转 ${r.carried} 件；整改台账 ${r.ledger.rows} 条，其中逾期 ${r.ledger.overdue} 条`);
  lines.push(`示例素材 / materials：${shown(r.materials)}（可用 import 再导入试试）`);
  lines.push(`导出 / exports：${shown(r.out)}`);
  for (const b of r.binders) lines.push(`  案卷 ${path.basename(b.path)}：${b.documents} 件，${b.pages} 页`);
  if (r.overview) lines.push(`  总目录 ${path.basename(r.overview)}`);
  lines.push(`  自查表 ${path.basename(r.checklist)}`);
  if (r.gaps.length > 0) {
    // The missing sign-in sheet is the gap the demo leaves on purpose; it leads, the rest is counted.
    const shownGaps = [...r.gaps].sort((a, b) => Number(b.reason.includes('签到表')) - Number(a.reason.includes('签到表'))).slice(0, SHOWN_GAPS);
    lines.push('', `本年度尚不齐全的测评内容 ${r.gaps.length} 项（自查表中已标出） / incomplete items:`);
    for (const g of shownGaps) lines.push(`  ${g.code} ${g.title}：${g.reason}`);
    if (r.gaps.length > shownGaps.length) lines.push(`  …其余 ${r.gaps.length - shownGaps.length} 项见自查表`);
  }
  if (r.movedAside.length > 0) lines.push('', `原有内容已移到 / moved aside：${r.movedAside.map(shown).join('、')}`);
  if (r.warnings.length > 0) {
    lines.push('', `提示 ${r.warnings.length} 条 / warnings:`);
    for (const w of r.warnings) lines.push(`  ${w}`);
  }
  lines.push('', '以上材料均为虚构示例，页面和题名都标有“示例”。 / All materials are fictional and marked 示例.');
  return lines.join('\n');
}

export function registerDemoCommand({ program }: CommandGroups, io: CliIO): void {
  program
    .command('demo <dir>')
    .description('生成示例档案（两个年度）并导出案卷和自查表 / build a sample archive for two years, then export binders and a checklist')
    .option('--force', '已有的档案不是演示生成的时，改名移到一旁后重建 / move an existing archive aside and rebuild')
    .action(async (dir: string, o: { force?: boolean }, cmd: Command) => {
      const opts = globals(cmd);
      const showProgress = !opts.json && process.stderr.isTTY;
      let lastStage = '';
      const report = await runDemo(dir, {
        force: o.force ?? false,
        ...(showProgress
          ? {
              onProgress: (p) => {
                // One line per stage keeps the terminal readable; the counts go on it as they change.
                if (p.stage !== lastStage) io.err(`${p.stage}…`);
                lastStage = p.stage;
              },
            }
          : {}),
      });
      emit(io, opts, report, demoSummary);
    });
}
