import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, promises as fs } from 'node:fs';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Progress } from '../../shared/api/method.js';
import { TaizhangError, toErrorPayload, type ErrorCode } from '../../shared/errors.js';
import { contentSecurityPolicy } from '../host/csp.js';
import { previewHeaders } from '../host/preview.js';
import type { Session } from '../host/session.js';
import { stageUpload } from '../host/staging.js';
import { resolveStaticFile } from '../host/static.js';

/**
 * The local HTTP bridge: the same session (and so the same typed API and schemas) as the Electron main process,
 * served to a real browser for development and the e2e tests. It is never part of a packaged app.
 *
 * Security: it listens on 127.0.0.1 only, on a random port, and checks the Host header (no DNS rebinding). A random
 * token is required on every request: API calls and uploads carry it in the X-Taizhang-Token header (a custom
 * header cannot be sent cross-origin without a preflight, which is never granted); page loads and previews, which
 * a browser cannot give headers, carry it in a SameSite=Strict cookie set by the /open?token=… link printed at start.
 */

export const TOKEN_HEADER = 'x-taizhang-token';
export const TASK_HEADER = 'x-taizhang-task';
export const TOKEN_COOKIE = 'taizhang_token';
const MAX_JSON_BYTES = 10 * 1024 * 1024;

/** Vite's dev middleware (connect-style), when the bridge serves the renderer from source. */
export type DevMiddleware = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

export interface BridgeOptions {
  session: Session;
  /** Folder of the built renderer (dist/renderer); null serves the API only. */
  staticDir?: string | null;
  devMiddleware?: DevMiddleware;
  /** 0 (the default) picks a free port. */
  port?: number;
  token?: string;
}

export interface Bridge {
  /** Open this in a browser: it sets the token cookie and lands on the app. */
  url: string;
  origin: string;
  port: number;
  token: string;
  server: http.Server;
  close(): Promise<void>;
}

const STATUS: Record<ErrorCode, number> = {
  invalid_input: 400,
  not_found: 404,
  conflict: 409,
  archive_missing: 409,
  archive_newer: 409,
  archive_busy: 409,
  bad_file: 422,
  bad_table: 422,
  cancelled: 409,
  core_restarted: 503,
  disk: 507,
  internal: 500,
};


/** Progress of running tasks, kept until the task ends so that a late subscriber still sees the latest state. */
class TaskEvents {
  private readonly tasks = new Map<string, { last: Progress | null; listeners: Set<(e: TaskEvent) => void>; done: boolean }>();

  private entry(id: string) {
    let e = this.tasks.get(id);
    if (!e) {
      e = { last: null, listeners: new Set(), done: false };
      this.tasks.set(id, e);
    }
    return e;
  }

  progress(id: string, progress: Progress): void {
    const e = this.entry(id);
    e.last = progress;
    for (const l of e.listeners) l({ type: 'progress', progress });
  }

  end(id: string): void {
    const e = this.entry(id);
    e.done = true;
    for (const l of e.listeners) l({ type: 'end' });
    this.tasks.delete(id);
  }

  subscribe(id: string, listener: (e: TaskEvent) => void): () => void {
    const e = this.entry(id);
    if (e.last) listener({ type: 'progress', progress: e.last });
    e.listeners.add(listener);
    return () => {
      e.listeners.delete(listener);
      if (e.listeners.size === 0 && e.last === null && !e.done) this.tasks.delete(id);
    };
  }
}

type TaskEvent = { type: 'progress'; progress: Progress } | { type: 'end' };

export async function startBridge(options: BridgeOptions): Promise<Bridge> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const events = new TaskEvents();
  const { session } = options;
  let port = 0;

  const server = http.createServer((req, res) => {
    handle(req, res).catch((err: unknown) => sendError(res, err));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!hostAllowed(req.headers.host, port)) {
      sendError(res, new TaizhangError('invalid_input', '拒绝访问：地址不对 / Bad Host header'), 403);
      return;
    }
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const pathname = url.pathname;

    if (req.method === 'GET' && pathname === '/open') {
      if (!matches(url.searchParams.get('token'), token)) return deny(res);
      res.writeHead(303, {
        // HttpOnly: no script reads the cookie; the page asks for the token once (GET /session-token, same origin only).
        'Set-Cookie': `${TOKEN_COOKIE}=${token}; Path=/; SameSite=Strict; HttpOnly`,
        Location: '/',
        'Cache-Control': 'no-store',
      });
      res.end();
      return;
    }

    const viaHeader = matches(headerValue(req, TOKEN_HEADER), token);
    const viaCookie = matches(cookieValue(req.headers.cookie, TOKEN_COOKIE), token);

    if (pathname.startsWith('/api/') || pathname === '/upload') {
      // State-changing calls need the header: a cookie alone would be a CSRF hole.
      if (!viaHeader) return deny(res);
      if (req.method !== 'POST' && !(req.method === 'GET' && /^\/api\/(tasks\/[^/]+\/)?events$/.test(pathname))) {
        sendError(res, new TaizhangError('invalid_input', '请求方法不对 / Method not allowed'), 405);
        return;
      }
      if (pathname === '/upload') return upload(req, res, url);
      return api(req, res, pathname.slice('/api/'.length));
    }

    if (!viaHeader && !viaCookie) return deny(res);
    if (req.method === 'GET' && pathname === '/session-token') {
      // Readable by our own page only: another site's script gets no CORS headers, and the cookie is SameSite=Strict.
      sendJson(res, 200, { token });
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendError(res, new TaizhangError('invalid_input', '请求方法不对 / Method not allowed'), 405);
      return;
    }
    if (pathname.startsWith('/preview/')) return preview(res, req.url?.slice('/preview'.length).split('?')[0] ?? '');
    if (options.devMiddleware) {
      options.devMiddleware(req, res, () => sendError(res, new TaizhangError('not_found', '找不到页面 / Not found')));
      return;
    }
    return serveStatic(res, pathname);
  }

  async function api(req: IncomingMessage, res: ServerResponse, route: string): Promise<void> {
    if (route === 'events') return streamWindowEvents(req, res);
    const taskRoute = /^tasks\/([A-Za-z0-9_-]{1,64})\/(events|cancel)$/.exec(route);
    if (taskRoute) {
      const id = taskRoute[1] as string;
      if (taskRoute[2] === 'cancel') return sendJson(res, 200, { ok: true, result: { cancelled: session.cancel(id) } });
      return streamEvents(req, res, id);
    }
    const args = await readJson(req);
    const taskId = headerValue(req, TASK_HEADER);
    try {
      const result = await session.invoke(route, args, {
        ...(taskId ? { taskId, onProgress: (p: Progress) => events.progress(taskId, p) } : {}),
      });
      sendJson(res, 200, { ok: true, result: result ?? null });
    } finally {
      if (taskId) events.end(taskId);
    }
  }

  /** Change events and notices (WindowEvent), for as long as the page listens. */
  function streamWindowEvents(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
    res.write(': ok\n\n');
    const unsubscribe = session.onEvent((event) => res.write(`data: ${JSON.stringify(event)}\n\n`));
    req.on('close', unsubscribe);
  }

  function streamEvents(req: IncomingMessage, res: ServerResponse, id: string): void {
    res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
    res.write(': ok\n\n');
    const unsubscribe = events.subscribe(id, (e) => {
      if (e.type === 'progress') res.write(`data: ${JSON.stringify(e.progress)}\n\n`);
      else {
        res.write('event: end\ndata: {}\n\n');
        res.end();
      }
    });
    req.on('close', unsubscribe);
  }

  async function upload(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const archive = session.requireArchive();
    session.assertWritable();
    const staged = await stageUpload(archive, url.searchParams.get('batch') ?? '', url.searchParams.get('path') ?? '', req);
    sendJson(res, 200, { ok: true, result: staged });
  }

  async function preview(res: ServerResponse, rest: string): Promise<void> {
    const target = await session.preview(rest);
    const stat = await fs.stat(target.file);
    res.writeHead(200, { ...previewHeaders(target.mime), 'Content-Length': String(stat.size) });
    createReadStream(target.file).pipe(res);
  }

  async function serveStatic(res: ServerResponse, pathname: string): Promise<void> {
    const found = options.staticDir ? await resolveStaticFile(options.staticDir, pathname) : null;
    const body = found ? await fs.readFile(found.file).catch(() => null) : null;
    if (!found || !body) return sendError(res, new TaizhangError('not_found', '找不到文件 / Not found'));
    const html = found.type.startsWith('text/html');
    res.writeHead(200, {
      'Content-Type': found.type,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': html ? 'no-store' : 'public, max-age=3600',
      ...(html ? { 'Content-Security-Policy': contentSecurityPolicy({ previewSource: "'self'" }), 'Referrer-Policy': 'no-referrer' } : {}),
    });
    res.end(body);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/open?token=${token}`,
    origin,
    port,
    token,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function hostAllowed(host: string | undefined, port: number): boolean {
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}

function matches(given: string | null | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function headerValue(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return undefined;
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const type = req.headers['content-type'] ?? '';
  if (!type.startsWith('application/json')) throw new TaizhangError('invalid_input', '请求格式应为 JSON / Expected JSON');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_JSON_BYTES) throw new TaizhangError('invalid_input', '请求太大 / Request too large');
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new TaizhangError('invalid_input', '请求内容不是有效的 JSON / Malformed JSON');
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
  res.end(text);
}

function sendError(res: ServerResponse, err: unknown, status?: number): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const error = toErrorPayload(err);
  sendJson(res, status ?? STATUS[error.code], { ok: false, error });
}

function deny(res: ServerResponse): void {
  sendError(res, new TaizhangError('invalid_input', '缺少或错误的访问令牌，请使用启动时显示的地址打开 / Missing or wrong token'), 401);
}
