import type { Command } from 'commander';
import type { BinderReport } from '../../../shared/api/binder.js';
import type { CommandGroups } from '../program.js';
import { callCore, parseYear, usageError, type CliIO } from '../io.js';

interface BinderFlags {
  year: string;
  out: string;
  item?: string;
  single?: boolean;
  photosPerPage: string;
  fitA4?: boolean;
  overview?: boolean;
  spine?: boolean;
  duplex?: boolean;
  report: boolean;
  number?: boolean;
}

function binderText(r: BinderReport): string {
  const lines = [`已生成 ${r.volumes.length} 卷案卷 / ${r.volumes.length} volume(s) written:`];
  for (const v of r.volumes) {
    const drafts = v.documents.filter((d) => d.archivalCode === null).length;
    const name = v.volumeNo !== null ? `第 ${v.volumeNo} 卷 ${v.archivalCode ?? ''}` : v.item === null ? '全年' : '草稿（未归档）';
    lines.push(`  ${v.path}`, `    ${name}　${v.title}：${v.documents.length} 件，${v.numberedPages} 页（PDF 共 ${v.pages} 页）${drafts > 0 ? `，其中 ${drafts} 件未归档、按草稿打印` : ''}`);
  }
  const drafts = r.volumes.flatMap((v) => v.documents).filter((d) => d.archivalCode === null).length;
  if (drafts > 0) lines.push(`有 ${drafts} 件尚未归档：用 taizhang number --year ${r.year} 归档后再导出，或导出时加 --number / ${drafts} record(s) printed as drafts`);
  if (r.overview) lines.push(`总目录 / overview: ${r.overview}`);
  if (r.report) lines.push(`装订报告 / report: ${r.report}`);
  if (r.warnings.length > 0) {
    lines.push(`提示 ${r.warnings.length} 条 / ${r.warnings.length} warning(s):`);
    for (const w of r.warnings) lines.push(`  ${w.file ? `${w.file}：` : ''}${w.message}`);
  }
  return lines.join('\n');
}

export function registerBinderCommands({ exportCmd }: CommandGroups, io: CliIO): void {
  exportCmd
    .command('binder')
    .description('导出案卷 PDF（封面、卷内目录、分隔页、文件、备考表）/ export indexed PDF binders')
    .requiredOption('--year <年度>', '年度 / year')
    .requiredOption('--out <PATH>', '输出文件夹；单卷时可为 .pdf 文件 / output folder, or a .pdf for one volume')
    .option('--item <编码>', '只导出这一测评项目（含下级）/ one item and its sub-items')
    .option('--single', '全年合为一卷，前附总目录 / the whole year in one PDF with a 总目录')
    .option('--photos-per-page <1|2>', '每页照片数 / photos per page', '1')
    .option('--fit-a4', '横向、A3 等页面缩放到 A4 / fit landscape and A3 pages to A4')
    .option('--overview', '另外生成案卷总目录 PDF / also write a 总目录 PDF')
    .option('--spine', '附脊背标签页 / add a spine label page')
    .option('--duplex', '按双面打印排版（封面、目录、分隔页从正面开始）/ lay out for double-sided printing')
    .option('--no-report', '不写装订报告 JSON / do not write the report JSON')
    .option('--number', '先归档：未归档的材料先编定件号和档号再导出（否则按草稿打印）/ archive unnumbered records first, else they print as drafts')
    .action(async (o: BinderFlags, cmd: Command) => {
      if (o.photosPerPage !== '1' && o.photosPerPage !== '2') {
        throw usageError(`--photos-per-page 只能是 1 或 2 / must be 1 or 2：${o.photosPerPage}`);
      }
      const args = {
        year: parseYear(o.year),
        out: o.out,
        ...(o.item !== undefined ? { item: o.item } : {}),
        single: o.single === true,
        photosPerPage: Number(o.photosPerPage) as 1 | 2,
        fitA4: o.fitA4 === true,
        overview: o.overview === true,
        spine: o.spine === true,
        duplex: o.duplex === true,
        report: o.report,
        number: o.number === true,
      };
      await callCore(io, cmd, 'binder.export', args, binderText);
    });
}
