import type { VerifyResult } from '../../../shared/api/package.js';
import { sendPackage } from '../../core/package/send.js';
import { verifyPackage } from '../../core/package/verify.js';
import type { CommandGroups } from '../program.js';
import { callCore, CliExit, emit, EXIT_USER, globals, parseYear, splitList, usageError, type CliIO } from '../io.js';

function verifyText(r: VerifyResult): string {
  if (r.ok) return [`上报包完好，全部 ${r.entries ?? 0} 个条目校验一致 / Package verified`, `单位：${r.unit ?? ''}　年度：${r.year ?? ''}`, `校验值：${r.contentHash ?? ''}`].join('\n');
  return [`上报包未通过校验，共 ${r.problems.length} 处问题 / Package failed verification:`, ...r.problems.map((p) => `  - ${p}`)].join('\n');
}

export function registerPackageCommands({ program }: CommandGroups, io: CliIO): void {
  program
    .command('package')
    .description('生成一个年度的上报包（zip），交给街道或区 / write the submission package (上报包) of a year')
    .requiredOption('--year <年度>', '年度 / year')
    .requiredOption('--out <文件>', '上报包文件（.zip）或存放它的文件夹 / package file (.zip) or a folder for it')
    .option('--items <编码>', '只上报这些测评项目（逗号分隔） / only these items (comma-separated)')
    .option('--hub <地址>', '写好后发给这个汇总平台（令牌由环境变量 TAIZHANG_HUB_TOKEN 给出） / then send it to this hub (token in TAIZHANG_HUB_TOKEN)')
    .action(async (opts: { year: string; out: string; items?: string; hub?: string }, cmd) => {
      const token = process.env.TAIZHANG_HUB_TOKEN;
      if (opts.hub && !token) throw usageError('发送到汇总平台需要上传令牌：请设置环境变量 TAIZHANG_HUB_TOKEN / set TAIZHANG_HUB_TOKEN to send');
      const result = await callCore(
        io,
        cmd,
        'package.create',
        { year: parseYear(opts.year), out: opts.out, ...(opts.items ? { items: splitList(opts.items) } : {}) },
        (r) => [`已生成上报包 / Package written：${r.path}`, `${r.records} 件，${r.files} 个文件，共 ${(r.bytes / 1024 / 1024).toFixed(1)} MB`, `校验值：${r.contentHash}`].join('\n'),
      );
      for (const w of result.warnings) io.err(`注意 / Warning：${w}`);
      if (opts.hub && token) {
        const sent = await sendPackage(result.path, opts.hub, token);
        if (sent.ok) io.err(sent.duplicate ? '汇总平台已有这个上报包 / the hub already has this package' : '已发送到汇总平台 / Sent to the hub');
        else {
          io.err(['汇总平台拒收了上报包 / The hub refused the package：', ...sent.problems.map((p) => `  - ${p}`)].join('\n'));
          throw new CliExit(EXIT_USER);
        }
      }
    });

  program
    .command('verify <file>')
    .description('离线核对上报包：逐个文件比对校验值 / check a package offline, every file against its SHA-256')
    .action(async (file: string, _opts: unknown, cmd) => {
      const result = await verifyPackage(file);
      emit(io, globals(cmd), result, verifyText);
      if (!result.ok) throw new CliExit(EXIT_USER);
    });
}
