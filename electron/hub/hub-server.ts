import { createReadStream, createWriteStream, existsSync, promises as fs } from 'node:fs';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import { hubMatrixFilterSchema } from '../../shared/api/hub.js';
import { messageOf, TaizhangError } from '../../shared/errors.js';
import { login, logout, newToken, scopeOf, sessionUser, SESSION_HOURS, tokenCommunity, type HubUser } from './accounts.js';
import { audit, auditLog } from './audit.js';
import { communityInfo, itemMaterials, packageDiff, visibleBlob } from './community.js';
import type { Hub } from './db.js';
import { gapsCsv, summaryWorkbook } from './exports.js';
import { importPackage, type ImportResult } from './package-import.js';
import { hubMatrix } from './matrix.js';
import { auditPage, communityPage, errorPage, HUB_CSS, HUB_JS, layout, loginPage, materialsPage, matrixPage, searchPage, uploadPage } from './pages.js';
import { hubSearch } from './cross-search.js';
import { watchFolder } from './watch.js';

/** What the browser's PDF viewer needs of a PDF's own page: its plugin and its inline styles, and nothing else. */
const PDF_POLICY = "default-src 'none'; object-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'none'";

export interface HubServerOptions {
  port: number;
  /** 127.0.0.1 unless asked otherwise; the LAN is served through a TLS reverse proxy. */
  host?: string;
  watch?: string;
  /** Largest package accepted over HTTP. */
  maxUploadBytes?: number;
}

export interface HubServer {
  url: string;
  close(): Promise<void>;
}

const SESSION_COOKIE = 'tz_session';
const PRE_COOKIE = 'tz_pre';

function cookies(req: FastifyRequest): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0) out.set(part.slice(0, i).trim(), decodeURIComponent(part.slice(i + 1).trim()));
  }
  return out;
}

function cookie(req: FastifyRequest, name: string, value: string, maxAge: number): string {
  // Secure when the reverse proxy says the browser came over TLS.
  const secure = req.headers['x-forwarded-proto'] === 'https' ? '; Secure' : '';
  return `${name}=${encodeURIComponent(value)}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAge}${secure}`;
}

interface Session {
  user: HubUser;
  csrf: string;
}

/**
 * The hub's web server (Fastify): pages for the matrix, search, a community's history and an item's materials,
 * uploads from the browser and from the desktop app (an upload token in `Authorization: Bearer`), and exports.
 * Sessions live in HttpOnly, SameSite=Strict cookies; every state-changing request carries the session's CSRF
 * token; an upload token opens nothing but the upload endpoint.
 */
export async function startHubServer(hub: Hub, options: HubServerOptions): Promise<HubServer> {
  const maxUpload = options.maxUploadBytes ?? 4 * 1024 ** 3;
  const app = Fastify({ logger: false, bodyLimit: 1024 * 1024, trustProxy: false });
  app.addContentTypeParser('application/octet-stream', (_req, payload, done) => done(null, payload));
  app.addHook('onSend', async (_req, reply) => {
    // The pages' policy, unless the route set its own (a community's file is stricter still).
    if (!reply.hasHeader('Content-Security-Policy')) {
      reply.header('Content-Security-Policy', "default-src 'none'; img-src 'self'; style-src 'self'; script-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
    }
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Referrer-Policy', 'no-referrer');
    reply.header('X-Frame-Options', 'DENY');
  });

  const session = async (req: FastifyRequest): Promise<Session | null> => sessionUser(hub.db, cookies(req).get(SESSION_COOKIE));
  const page = (reply: FastifyReply, html: string, status = 200) => reply.code(status).type('text/html; charset=utf-8').send(html);
  /** A page for signed-in users; the rest go to the login page. */
  const signedIn = (handler: (req: FastifyRequest, reply: FastifyReply, s: Session) => Promise<unknown>) => async (req: FastifyRequest, reply: FastifyReply) => {
    const s = await session(req);
    if (!s) return reply.redirect('/login');
    try {
      return await handler(req, reply, s);
    } catch (err) {
      const m = messageOf(err);
      const status = err instanceof TaizhangError && err.code === 'not_found' ? 404 : err instanceof TaizhangError ? 400 : 500;
      return page(reply, errorPage(s.user, s.csrf, status === 500 ? '服务器内部错误，请稍后再试。' : m.zh), status);
    }
  };
  const checkCsrf = (req: FastifyRequest, s: Session): void => {
    const sent = (req.headers['x-csrf-token'] as string | undefined) ?? (req.body as Record<string, string> | undefined)?._csrf;
    if (sent !== s.csrf) throw new TaizhangError('invalid_input', '页面已过期，请刷新后再试 / CSRF token missing or wrong');
  };
  const query = (req: FastifyRequest) => req.query as Record<string, string | undefined>;
  const yearOf = async (req: FastifyRequest): Promise<number> => {
    const y = Number(query(req).year);
    if (Number.isInteger(y) && y >= 1949 && y <= 2200) return y;
    const newest = await hub.db.selectFrom('packages').select('year').orderBy('year', 'desc').executeTakeFirst();
    return newest?.year ?? new Date().getFullYear();
  };

  app.get('/static/hub.css', (_req, reply) => reply.type('text/css; charset=utf-8').send(HUB_CSS));
  app.get('/static/hub.js', (_req, reply) => reply.type('application/javascript; charset=utf-8').send(HUB_JS));

  app.get('/login', (req, reply) => {
    const pre = newToken();
    reply.header('Set-Cookie', cookie(req, PRE_COOKIE, pre, 3600));
    const failed = query(req).failed;
    return page(reply, loginPage(pre, failed === 'locked' ? 'locked' : failed === '1' ? 'wrong' : null));
  });
  app.post('/login', async (req, reply) => {
    const body = (req.body ?? {}) as Record<string, string>;
    // Login CSRF: the form's hidden value must match the cookie set with the form (double submit).
    if (!body._pre || body._pre !== cookies(req).get(PRE_COOKIE)) return reply.redirect('/login?failed=1');
    const result = await login(hub.db, String(body.name ?? ''), String(body.password ?? ''), req.ip);
    if (!result.ok) return reply.redirect(`/login?failed=${result.locked ? 'locked' : '1'}`);
    reply.header('Set-Cookie', [cookie(req, SESSION_COOKIE, result.token, SESSION_HOURS * 3600), cookie(req, PRE_COOKIE, '', 0)]);
    return reply.redirect('/matrix');
  });
  app.post('/logout', signedIn(async (req, reply, s) => {
    checkCsrf(req, s);
    await logout(hub.db, cookies(req).get(SESSION_COOKIE) ?? '');
    reply.header('Set-Cookie', cookie(req, SESSION_COOKIE, '', 0));
    return reply.redirect('/login');
  }));

  app.get('/', (_req, reply) => reply.redirect('/matrix'));
  app.get('/matrix', signedIn(async (req, reply, s) => {
    const year = await yearOf(req);
    const raw = query(req);
    const filter = hubMatrixFilterSchema.parse({ ...(raw.top ? { top: raw.top } : {}), ...(raw.unit ? { unit: raw.unit } : {}), ...(raw.status ? { status: raw.status } : {}), ...(raw.street ? { street: raw.street } : {}) });
    const scope = scopeOf(s.user);
    const [m, years] = await Promise.all([
      hubMatrix(hub.db, year, scope, filter),
      hub.db.selectFrom('packages').select('year').distinct().orderBy('year', 'desc').execute(),
    ]);
    return page(reply, layout(`${year} 年度完成情况`, s.user, s.csrf, matrixPage(m, years.map((y) => y.year).concat(years.some((y) => y.year === year) ? [] : [year]), filter)));
  }));
  app.get('/api/matrix', signedIn(async (req, reply, s) => reply.send(await hubMatrix(hub.db, await yearOf(req), scopeOf(s.user)))));
  app.get('/search', signedIn(async (req, reply, s) => {
    const text = (query(req).q ?? '').slice(0, 200);
    const offset = Math.max(0, Math.min(100_000, Number(query(req).offset) || 0));
    const result = text.trim() ? await hubSearch(hub.db, hub.dialect, text, scopeOf(s.user), { offset, limit: 50 }) : null;
    return page(reply, layout('跨社区检索', s.user, s.csrf, searchPage(text, result, offset, 50)));
  }));
  app.get('/api/search', signedIn(async (req, reply, s) => reply.send(await hubSearch(hub.db, hub.dialect, (query(req).q ?? '').slice(0, 200), scopeOf(s.user)))));
  app.get('/community/:id', signedIn(async (req, reply, s) => {
    const id = Number((req.params as { id: string }).id);
    const info = await communityInfo(hub.db, id, scopeOf(s.user));
    const from = Number(query(req).from);
    const to = Number(query(req).to);
    const diff = from && to ? await packageDiff(hub.db, id, from, to, scopeOf(s.user)) : null;
    return page(reply, layout(info.unit, s.user, s.csrf, communityPage(info, diff)));
  }));
  app.get('/community/:id/:year/:code', signedIn(async (req, reply, s) => {
    const p = req.params as { id: string; year: string; code: string };
    const m = await itemMaterials(hub.db, Number(p.id), Number(p.year), p.code, scopeOf(s.user));
    return page(reply, layout(`${m.code} ${m.title}`, s.user, s.csrf, materialsPage(m)));
  }));
  app.get('/blob/:sha', signedIn(async (req, reply, s) => {
    const sha = (req.params as { sha: string }).sha;
    const file = /^[0-9a-f]{64}$/.test(sha) ? await visibleBlob(hub.db, sha, scopeOf(s.user)) : null;
    if (!file || !existsSync(hub.files.blobPath(sha))) throw new TaizhangError('not_found', '没有这个文件，或无权查看 / No such file');
    const inline = /^(image\/(jpeg|png|gif|webp)|application\/pdf)$/.test(file.mime);
    reply.header('Content-Disposition', `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(file.name)}`);
    // Whatever a community sent opens sandboxed, except a PDF: older Chromium cores (many office browsers) refuse to
    // start their PDF viewer in a sandboxed document, and a PDF, sent as application/pdf with nosniff, cannot run
    // script in the hub's pages. It still may load nothing but itself.
    reply.header('Content-Security-Policy', file.mime === 'application/pdf' ? PDF_POLICY : "default-src 'none'; sandbox");
    return reply.type(inline ? file.mime : 'application/octet-stream').send(createReadStream(hub.files.blobPath(sha)));
  }));
  // The exports follow the matrix page's 街道 filter; without it they hold every community the user may see.
  const streetOf = (req: FastifyRequest): string => hubMatrixFilterSchema.parse({ street: query(req).street || undefined }).street ?? '';
  app.get('/export/summary.xlsx', signedIn(async (req, reply, s) => {
    const year = await yearOf(req);
    const street = streetOf(req);
    const m = await hubMatrix(hub.db, year, scopeOf(s.user), street ? { street } : {});
    await audit(hub.db, s.user.name, 'export', `${street}${year} 年度汇总工作簿（${m.communities.length} 个社区）`);
    reply.header('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(`${street}${year}年度汇总.xlsx`)}`);
    return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(await summaryWorkbook(m, street));
  }));
  app.get('/export/gaps.csv', signedIn(async (req, reply, s) => {
    const year = await yearOf(req);
    const street = streetOf(req);
    const m = await hubMatrix(hub.db, year, scopeOf(s.user), street ? { street } : {});
    await audit(hub.db, s.user.name, 'export', `${street}${year} 年度缺项清单`);
    reply.header('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(`${street}${year}年度缺项清单.csv`)}`);
    return reply.type('text/csv; charset=utf-8').send(gapsCsv(m));
  }));
  app.get('/audit', signedIn(async (_req, reply, s) => {
    if (s.user.role !== 'district') throw new TaizhangError('not_found', '只有区管理员可以查看操作日志 / admins only');
    return page(reply, layout('操作日志', s.user, s.csrf, auditPage(await auditLog(hub.db))));
  }));
  app.get('/upload', signedIn(async (_req, reply, s) => page(reply, layout('上传上报包', s.user, s.csrf, uploadPage()))));

  /** Streams the request body into a temporary file (never into memory), refusing more than maxUpload bytes. */
  const receive = async (req: FastifyRequest): Promise<string> => {
    const temp = await hub.files.tempFile('.zip');
    let size = 0;
    const limit = new Transform({
      transform(chunk: Buffer, _enc, cb) {
        size += chunk.length;
        cb(size > maxUpload ? new TaizhangError('invalid_input', '上报包太大 / package too large') : null, chunk);
      },
    });
    try {
      await pipeline(req.body as NodeJS.ReadableStream, limit, createWriteStream(temp, { flags: 'wx' }));
      return temp;
    } catch (err) {
      await fs.rm(temp, { force: true });
      throw err;
    }
  };
  const upload = async (req: FastifyRequest, source: string, communityId?: number): Promise<ImportResult> => {
    if (!req.headers['content-type']?.startsWith('application/octet-stream')) {
      return { ok: false, problems: ['请直接上传上报包文件本身 / send the package as application/octet-stream'] };
    }
    const temp = await receive(req);
    try {
      const result = await importPackage(hub, temp, { source, ...(communityId !== undefined ? { communityId } : {}) });
      if (result.ok) await audit(hub.db, source, 'upload', `${result.unit} ${result.year} 年度${result.duplicate ? '（重复）' : ''}`);
      return result;
    } finally {
      await fs.rm(temp, { force: true });
    }
  };
  app.post('/upload', async (req, reply) => {
    const s = await session(req);
    if (!s) return reply.code(401).send({ ok: false, problems: ['请先登录 / sign in first'] });
    if (req.headers['x-csrf-token'] !== s.csrf) return reply.code(403).send({ ok: false, problems: ['页面已过期，请刷新后再试 / CSRF token missing or wrong'] });
    const result = await upload(req, `web:${s.user.name}`);
    return reply.code(result.ok ? 200 : 422).send(result);
  });
  /** The desktop app's endpoint: an upload token, and nothing else, in Authorization: Bearer. */
  app.post('/api/upload', async (req, reply) => {
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const communityId = await tokenCommunity(hub.db, token);
    if (communityId === null) return reply.code(401).send({ ok: false, problems: ['上传令牌无效 / invalid upload token'] });
    const unit = (await hub.db.selectFrom('communities').select('unit').where('id', '=', communityId).executeTakeFirst())?.unit ?? '';
    const result = await upload(req, `token:${unit}`, communityId);
    return reply.code(result.ok ? 200 : 422).send(result);
  });
  app.setErrorHandler((err, _req, reply) => {
    const m = messageOf(err);
    const status = err instanceof TaizhangError ? 400 : (err as { statusCode?: number }).statusCode ?? 500;
    reply.code(status).type('text/plain; charset=utf-8').send(status >= 500 ? '服务器内部错误 / internal error' : m.zh);
  });
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });

  await app.listen({ port: options.port, host: options.host ?? '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const stopWatch = options.watch ? watchFolder(hub, options.watch) : null;
  return {
    url: `http://${options.host === '0.0.0.0' ? '127.0.0.1' : (options.host ?? '127.0.0.1')}:${port}`,
    close: async () => {
      stopWatch?.();
      await app.close();
    },
  };
}

