import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { COMPLETENESS } from '../../../shared/api/status.js';
import { TaizhangError } from '../../../shared/errors.js';
import type { Hub } from '../../hub/db.js';
import type { CommandGroups } from '../program.js';
import { CliExit, emit, EXIT_USER, globals, parseYear, usageError, type CliIO } from '../io.js';

interface HubOptions {
  data: string;
  db?: string;
}

function withHubOptions(cmd: Command): Command {
  return cmd
    .requiredOption('--data <文件夹>', '汇总平台的数据文件夹 / the hub data folder')
    .option('--db <地址>', 'PostgreSQL 地址 postgres://…（不填则用数据文件夹里的 SQLite） / PostgreSQL URL; SQLite when absent');
}

const hubModule = () => import('../../hub/hub.js');

async function withHub<T>(opts: HubOptions, fn: (hub: Hub, m: Awaited<ReturnType<typeof hubModule>>) => Promise<T>, create = false): Promise<T> {
  const m = await hubModule();
  const hub = await m.openHub(opts.data, { db: opts.db ?? process.env.TAIZHANG_HUB_DB, create });
  try {
    return await fn(hub, m);
  } finally {
    await hub.close();
  }
}

function passwordFromEnv(): string | undefined {
  return process.env.TAIZHANG_HUB_PASSWORD || undefined;
}

export function registerHubCommands({ program }: CommandGroups, io: CliIO): void {
  const hub = program.command('hub').description('街道/区汇总平台：接收各社区的上报包，矩阵、检索、导出 / the 街道/区 hub');

  withHubOptions(hub.command('init').description('新建汇总平台（数据库和文件库），并建一个区管理员账号 / create the hub and an admin account'))
    .option('--admin <账号>', '区管理员账号名 / admin account name', 'admin')
    .action(async (opts: HubOptions & { admin: string }, cmd) => {
      const result = await withHub(
        opts,
        async (h, m) => {
          const existing = await h.db.selectFrom('users').select('id').where('role', '=', 'district').executeTakeFirst();
          if (existing) return { data: h.dir, db: h.dialect, admin: null };
          const password = passwordFromEnv() ?? randomBytes(9).toString('base64url');
          await m.addUser(h.db, { name: opts.admin, password, role: 'district' });
          return { data: h.dir, db: h.dialect, admin: { name: opts.admin, password: passwordFromEnv() ? null : password } };
        },
        true,
      );
      emit(io, globals(cmd), result, (r) =>
        [
          `汇总平台已就绪 / Hub ready：${r.data}（${r.db === 'postgres' ? 'PostgreSQL' : 'SQLite'}）`,
          ...(r.admin ? [`区管理员账号：${r.admin.name}`, r.admin.password ? `初始密码（只显示这一次）：${r.admin.password}` : '密码：TAIZHANG_HUB_PASSWORD 所给'] : []),
        ].join('\n'),
      );
    });

  withHubOptions(hub.command('import <file>').description('导入一个上报包（先整体校验，不合格整个拒收） / import a package, verified first'))
    .option('--street <街道>', '新社区归入的街道 / the 街道 of a new community')
    .action(async (file: string, opts: HubOptions & { street?: string }, cmd) => {
      const result = await withHub(opts, async (h, m) => {
        await m.sweepOrphans(h);
        return m.importPackage(h, file, { source: 'cli', ...(opts.street ? { street: opts.street } : {}) });
      });
      emit(io, globals(cmd), result, (r) =>
        r.ok
          ? `${r.duplicate ? '这个上报包已经导入过 / already imported' : '已导入 / Imported'}：${r.unit} ${r.year} 年度，${r.records} 件，${r.files} 个文件${r.superseded.length > 0 ? '（替换了之前的上报包）' : ''}${r.current ? '' : '（比已有的上报包旧，只存入历史）'}`
          : [`上报包被拒收，未导入任何内容 / Package refused, nothing imported：`, ...r.problems.map((p) => `  - ${p}`)].join('\n'),
      );
      if (!result.ok) throw new CliExit(EXIT_USER);
    });

  withHubOptions(hub.command('serve').description('启动汇总平台网页（默认只在本机 127.0.0.1） / serve the hub (127.0.0.1 by default)'))
    .option('--port <端口>', '端口 / port', '8730')
    .option('--host <地址>', '监听地址；局域网请放在 TLS 反向代理之后 / bind address; put a TLS reverse proxy in front for the LAN', '127.0.0.1')
    .option('--watch <文件夹>', '自动导入放进这个文件夹的上报包 / import packages dropped into this folder')
    .action(async (opts: HubOptions & { port: string; host: string; watch?: string }) => {
      const port = Number(opts.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw usageError(`端口应为 0–65535 / bad port：${opts.port}`);
      const m = await hubModule();
      const h = await m.openHub(opts.data, { db: opts.db ?? process.env.TAIZHANG_HUB_DB });
      await m.sweepOrphans(h);
      const server = await m.startHubServer(h, { port, host: opts.host, ...(opts.watch ? { watch: path.resolve(opts.watch) } : {}) });
      io.out(`汇总平台已启动 / Hub listening：${server.url}`);
      await new Promise<void>((resolve) => {
        const stop = (): void => void server.close().then(() => h.close()).then(resolve);
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
    });

  withHubOptions(hub.command('matrix').description('社区 × 测评标准 的完成情况矩阵 / communities × 测评标准 matrix'))
    .requiredOption('--year <年度>', '年度 / year')
    .option('--top <编码>', '只看这个测评项目 / one 测评项目')
    .option('--unit <责任单位>', '只看这个责任单位 / one 责任单位')
    .option('--status <状态>', `只看这种状态（${COMPLETENESS.join('/')}） / one status`)
    .option('--street <街道>', '只看这个街道的社区 / one 街道')
    .action(async (opts: HubOptions & { year: string; top?: string; unit?: string; status?: string; street?: string }, cmd) => {
      if (opts.status && !(COMPLETENESS as readonly string[]).includes(opts.status)) throw usageError(`状态应为 ${COMPLETENESS.join('/')} / bad status`);
      const year = parseYear(opts.year);
      const matrix = await withHub(opts, (h, m) =>
        m.hubMatrix(h.db, year, m.WHOLE_HUB, { ...(opts.top ? { top: opts.top } : {}), ...(opts.unit ? { unit: opts.unit } : {}), ...(opts.status ? { status: opts.status as (typeof COMPLETENESS)[number] } : {}), ...(opts.street ? { street: opts.street } : {}) }),
      );
      if (opts.street && matrix.streets.length > 0 && !matrix.streets.includes(opts.street.trim())) {
        throw usageError(`${year} 年度没有「${opts.street}」街道的上报，有：${matrix.streets.join('、')} / no packages from that street`);
      }
      emit(io, globals(cmd), matrix, (m) =>
        m.communities.length === 0
          ? `${year} 年度还没有社区上报 / No packages for ${year}`
          : [
              `${year} 年度：${m.communities.length} 个社区 × ${m.items.length} 项测评标准（${m.edition?.name ?? ''}）`,
              ...m.communities.map((c) => {
                const t = m.totals.byCommunity.find((x) => x.communityId === c.id);
                return `  ${c.street ? `${c.street} ` : ''}${c.unit}：齐全 ${t?.齐全 ?? 0}，部分 ${t?.部分 ?? 0}，缺失 ${t?.缺失 ?? 0}，不适用 ${t?.不适用 ?? 0}`;
              }),
            ].join('\n'),
      );
    });

  withHubOptions(hub.command('search <query>').description('跨社区检索（与桌面程序的语法相同） / search every community'))
    .option('--year <年度>', '年度 / year')
    .option('--limit <条数>', '最多列出 / at most', '50')
    .action(async (query: string, opts: HubOptions & { year?: string; limit: string }, cmd) => {
      const limit = Number(opts.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 200) throw usageError('--limit 应为 1–200 / --limit must be 1–200');
      const result = await withHub(opts, (h, m) => m.hubSearch(h.db, h.dialect, query, m.WHOLE_HUB, { year: opts.year ? parseYear(opts.year) : undefined, limit }));
      emit(io, globals(cmd), result, (r) => [`共 ${r.total} 件 / ${r.total} found`, ...r.results.map((x) => `  ${x.year} ${x.unit}：${x.title}${x.archivalCode ? `（${x.archivalCode}）` : ''}`)].join('\n'));
    });

  withHubOptions(hub.command('user').description('新建账号；密码由环境变量 TAIZHANG_HUB_PASSWORD 给出 / add an account (password from TAIZHANG_HUB_PASSWORD)'))
    .argument('<name>', '账号名 / account name')
    .requiredOption('--role <角色>', 'district（区管理员）或 street（街道工作人员）')
    .option('--street <街道>', '街道工作人员所属的街道 / the street of a street account')
    .action(async (name: string, opts: HubOptions & { role: string; street?: string }, cmd) => {
      if (opts.role !== 'district' && opts.role !== 'street') throw usageError('--role 应为 district 或 street / --role must be district or street');
      const password = passwordFromEnv();
      if (!password) throw new TaizhangError('invalid_input', '请用环境变量 TAIZHANG_HUB_PASSWORD 给出密码（不在命令行上写密码） / set TAIZHANG_HUB_PASSWORD');
      const user = await withHub(opts, (h, m) => m.addUser(h.db, { name, password, role: opts.role as 'district' | 'street', ...(opts.street ? { street: opts.street } : {}) }));
      emit(io, globals(cmd), user, (u) => `已建账号 / Account added：${u.name}`);
    });

  withHubOptions(hub.command('token').description('为社区生成上传令牌（只能上传本社区的上报包） / make a community upload token'))
    .requiredOption('--unit <社区>', '社区（单位）名称 / community name')
    .requiredOption('--street <街道>', '所属街道 / its 街道')
    .action(async (opts: HubOptions & { unit: string; street: string }, cmd) => {
      const token = await withHub(opts, (h, m) => m.addUploadToken(h.db, opts.unit, opts.street));
      emit(io, globals(cmd), token, (t) => [`上传令牌（只显示这一次，请交给 ${opts.unit} 的资料员）：`, t.token].join('\n'));
    });

  withHubOptions(hub.command('export').description('导出汇总工作簿（社区 × 测评标准，含公式）和缺项清单 / export the 汇总 workbook'))
    .requiredOption('--year <年度>', '年度 / year')
    .requiredOption('--out <文件>', '.xlsx 文件 / .xlsx file')
    .action(async (opts: HubOptions & { year: string; out: string }, cmd) => {
      if (path.extname(opts.out).toLowerCase() !== '.xlsx') throw usageError('汇总工作簿应保存为 .xlsx 文件 / the workbook must be .xlsx');
      const year = parseYear(opts.year);
      const out = path.resolve(opts.out);
      const result = await withHub(opts, async (h, m) => {
        const matrix = await m.hubMatrix(h.db, year, m.WHOLE_HUB);
        await fs.writeFile(out, await m.summaryWorkbook(matrix, ''));
        return { path: out, communities: matrix.communities.length, items: matrix.items.length };
      });
      emit(io, globals(cmd), result, (r) => `已导出 / Exported：${r.path}（${r.communities} 个社区 × ${r.items} 项）`);
    });
}
