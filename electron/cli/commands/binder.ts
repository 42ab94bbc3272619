import type { Command } from 'commander';
import type { BinderReport } from '../../../shared/api/binder.js';
import type { CommandGroups } from '../program.js';
import { callCore, parseIntArg, parseYear, usageError, type CliIO } from '../io.js';

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
  withStatus?: boolean;
  spineWidth?: string;
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
    .description('导出案卷 PDF（封面、卷内目录、分隔页、文件、备考表） / export indexed PDF binders')
    .requiredOption('--year <年度>', '年度 / year')
    .requiredOption('--out <PATH>', '输出文件夹；单卷时可为 .pdf 文件 / output folder, or a .pdf for one volume')
    .option('--item <编码>', '只导出这一测评项目（含下级） / one item and its sub-items')
    .option('--single', '全年合为一卷，前附总目录 / the whole year in one PDF with a 总目录')
    .option('--photos-per-page <1|2>', '每页照片数 / photos per page', '1')
    .option('--fit-a4', '横向、A3 等页面缩放到 A4 / fit landscape and A3 pages to A4')
    .option('--overview', '另外生成案卷总目录 PDF / also write a 总目录 PDF')
    .option('--spine', '附脊背标签页 / add a spine label page')
    .option('--spine-width <毫米>', '盒脊宽度 20/30/40/50，默认按页数选 / spine width in mm, by default from the page count')
    .option('--duplex', '按双面打印排版（封面、目录、分隔页从正面开始） / lay out for double-sided printing')
    .option('--no-report', '不写装订报告 JSON / do not write the report JSON')
    .option('--with-status', '分隔页上印出完成情况（内部审阅用；给检查组的案卷不印）/ print completeness on dividers, for review copies')
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
        withStatus: o.withStatus === true,
        ...(o.spineWidth !== undefined ? { spineWidth: Number(o.spineWidth) } : {}),
      };
      await callCore(io, cmd, 'binder.export', args, binderText);
    });

  exportCmd
    .command('catalogue')
    .description('导出归档文件目录 PDF（DA/T 22，A4 横向）/ export the 归档文件目录 as a PDF')
    .requiredOption('--year <年度>', '年度 / year')
    .requiredOption('--out <文件.pdf>', '输出的 PDF 文件 / output .pdf file')
    .option('--item <编码>', '只列这一测评项目（含下级）/ one item and its sub-items')
    .option('--volume <卷号>', '只列这一卷（盒）/ one volume (box)')
    .action(async (o: { year: string; out: string; item?: string; volume?: string }, cmd: Command) => {
      const args = {
        year: parseYear(o.year), out: o.out,
        ...(o.item !== undefined ? { item: o.item } : {}),
        ...(o.volume !== undefined ? { volume: parseIntArg(o.volume) } : {}),
      };
      await callCore(io, cmd, 'binder.catalogue', args, (r) => `已导出归档文件目录 / Written：${r.path}\n${r.rows} 件，${r.pages} 页`);
    });

  exportCmd
    .command('boxes')
    .description('导出盒脊标签（四种宽度，带裁切线）和盒内备考表 / export spine labels and the 盒内备考表 of each box')
    .requiredOption('--year <年度>', '年度 / year')
    .requiredOption('--out <文件.pdf>', '输出的 PDF 文件 / output .pdf file')
    .option('--spine-width <毫米>', '盒脊宽度 20/30/40/50，默认按页数选 / spine width in mm, by default from the page count')
    .option('--duplex', '按双面打印计算厚度 / count sheets printed on both sides')
    .action(async (o: { year: string; out: string; spineWidth?: string; duplex?: boolean }, cmd: Command) => {
      const args = {
        year: parseYear(o.year), out: o.out, duplex: o.duplex === true,
        ...(o.spineWidth !== undefined ? { spineWidth: Number(o.spineWidth) } : {}),
      };
      await callCore(io, cmd, 'binder.boxes', args, (r) =>
        [`已导出 / Written：${r.path}`, ...r.boxes.map((b) => `  第 ${b.volumeNo} 卷 ${b.archivalCode}：约 ${b.sheets} 张，盒脊 ${b.spineWidth} 毫米`)].join('\n'),
      );
    });
}
