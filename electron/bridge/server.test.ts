import { promises as fs } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../test/support/temp.js';
import { storeBlob } from '../../test/support/archive-data.js';
import { makeJpeg, makePng } from '../../test/support/sample-files.js';
import { openArchive } from '../core/store/archive-folder.js';
import { browserShell, Session } from '../host/session.js';
import { startBridge, type Bridge } from './server.js';

interface Raw {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A raw HTTP request: paths are sent exactly as written (fetch would normalise "..") and any Host can be set. */
function raw(bridge: Bridge, method: string, rawPath: string, headers: Record<string, string> = {}, body?: string | Buffer): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: bridge.port, method, path: rawPath, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const open: { bridge: Bridge; session: Session }[] = [];
afterEach(async () => {
  while (open.length > 0) {
    const b = open.pop();
    await b?.bridge.close();
    await b?.session.dispose();
  }
});

async function bridgeWithStatic(): Promise<{ bridge: Bridge; session: Session; call: (name: string, args: unknown) => Promise<Raw> }> {
  const staticDir = tempDir('taizhang-static-');
  await fs.writeFile(path.join(staticDir, 'index.html'), '<!doctype html><title>台账</title>');
  await fs.writeFile(path.join(staticDir, 'app.js'), 'export {};');
  const session = new Session({ configDir: tempDir('taizhang-config-'), shell: browserShell });
  const bridge = await startBridge({ session, staticDir });
  open.push({ bridge, session });
  const call = (name: string, args: unknown) =>
    raw(bridge, 'POST', `/api/${name}`, { 'content-type': 'application/json', 'x-taizhang-token': bridge.token }, JSON.stringify(args));
  return { bridge, session, call };
}

describe('HTTP bridge', () => {
  it('listens on 127.0.0.1 only, with a fresh random token each time', async () => {
    const { bridge } = await bridgeWithStatic();
    const { bridge: other } = await bridgeWithStatic();
    expect((bridge.server.address() as { address: string }).address).toBe('127.0.0.1');
    expect(bridge.token).not.toBe(other.token);
    expect(bridge.token.length).toBeGreaterThanOrEqual(32);
    const external = Object.values(os.networkInterfaces())
      .flat()
      .find((i) => i && i.family === 'IPv4' && !i.internal);
    if (external) {
      const error = await new Promise<NodeJS.ErrnoException | null>((resolve) => {
        const req = http.request({ host: external.address, port: bridge.port, path: '/', timeout: 3000 }, () => resolve(null));
        req.on('error', (e) => resolve(e));
        req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })));
        req.end();
      });
      expect(error?.code).toMatch(/ECONNREFUSED|ETIMEDOUT|EHOSTUNREACH/);
    }
  });

  it('requires the token on every request: header for the API, cookie from the start link for pages', async () => {
    const { bridge, call } = await bridgeWithStatic();
    const json = { 'content-type': 'application/json' };
    expect((await raw(bridge, 'POST', '/api/app.state', json, '{}')).status).toBe(401);
    expect((await raw(bridge, 'POST', '/api/app.state', { ...json, 'x-taizhang-token': 'wrong' }, '{}')).status).toBe(401);
    // The cookie alone never authorises an API call (it would be a CSRF hole).
    const cookieOnly = await raw(bridge, 'POST', '/api/app.state', { ...json, cookie: `taizhang_token=${bridge.token}` }, '{}');
    expect(cookieOnly.status).toBe(401);
    expect(JSON.parse(cookieOnly.body).error.message).toContain('访问令牌');
    const ok = await call('app.state', {});
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body)).toMatchObject({ ok: true, result: { archive: null, recent: [], shell: 'browser' } });

    expect((await raw(bridge, 'GET', '/')).status).toBe(401);
    expect((await raw(bridge, 'GET', '/app.js')).status).toBe(401);
    expect((await raw(bridge, 'GET', '/open?token=nope')).status).toBe(401);
    const start = await raw(bridge, 'GET', `/open?token=${bridge.token}`);
    expect(start.status).toBe(303);
    const cookie = String(start.headers['set-cookie']);
    expect(cookie).toContain('SameSite=Strict');
    // No script on the page can read the cookie; the page asks for the token instead, which needs the cookie.
    expect(cookie).toContain('HttpOnly');
    expect((await raw(bridge, 'GET', '/session-token')).status).toBe(401);
    const asked = await raw(bridge, 'GET', '/session-token', { cookie: cookie.split(';')[0] as string });
    expect(asked.status).toBe(200);
    expect(JSON.parse(asked.body)).toEqual({ token: bridge.token });
    const page = await raw(bridge, 'GET', '/', { cookie: cookie.split(';')[0] as string });
    expect(page.status).toBe(200);
    expect(page.body).toContain('台账');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).not.toContain('unsafe-inline');
  });

  it('refuses requests for another Host name (DNS rebinding)', async () => {
    const { bridge } = await bridgeWithStatic();
    const res = await raw(bridge, 'POST', '/api/app.state', { host: 'evil.example', 'content-type': 'application/json', 'x-taizhang-token': bridge.token }, '{}');
    expect(res.status).toBe(403);
  });

  it('validates every input and answers 400 with a Chinese message', async () => {
    const { bridge, call } = await bridgeWithStatic();
    const unknown = await call('records.dropTable', {});
    expect(unknown.status).toBe(400);
    expect(JSON.parse(unknown.body).error.message).toContain('未知的操作');

    const empty = await call('app.create', { dir: '' });
    expect(empty.status).toBe(400);
    expect(JSON.parse(empty.body).error).toMatchObject({ code: 'invalid_input' });
    expect(JSON.parse(empty.body).error.message).toContain('路径不能为空');

    const extra = await call('app.state', { evil: true });
    expect(extra.status).toBe(400);

    const malformed = await raw(bridge, 'POST', '/api/app.state', { 'content-type': 'application/json', 'x-taizhang-token': bridge.token }, '{oops');
    expect(malformed.status).toBe(400);
    expect(JSON.parse(malformed.body).error.message).toContain('JSON');

    // Without an archive open, core methods say so in words.
    const noArchive = await call('archive.years', {});
    expect(noArchive.status).toBe(409);
    expect(JSON.parse(noArchive.body).error.message).toContain('还没有打开档案');

    const dir = path.join(tempDir(), 'archive');
    expect((await call('app.create', { dir, unit: { name: '示例社区' } })).status).toBe(200);
    const badYear = await call('archive.setYear', { year: 'abc' });
    expect(badYear.status).toBe(400);
    expect(JSON.parse(badYear.body).error.message).toContain('填写有误');
    expect(JSON.parse(badYear.body).error.message).not.toMatch(/[A-Za-z]/);
    expect(JSON.parse(badYear.body).error.english).toMatch(/Invalid arguments for archive.setYear: year/);
    const oldYear = await call('archive.setYear', { year: 1800 });
    expect(JSON.parse(oldYear.body).error.message).toContain('年度不合理');
    expect(JSON.parse(oldYear.body).error.message).not.toMatch(/at .*\.ts:\d+/);
  });

  it('creates, reopens and remembers an archive', async () => {
    const { call } = await bridgeWithStatic();
    const dir = path.join(tempDir(), '文明社区档案');
    const created = JSON.parse((await call('app.create', { dir, unit: { name: '示例社区居委会', fonds: 'Z001' } })).body);
    expect(created.result).toMatchObject({ path: dir, unit: { name: '示例社区居委会', fonds: 'Z001' } });
    const notEmpty = JSON.parse((await call('app.create', { dir })).body);
    expect(notEmpty.error.code).toBe('conflict');
    expect(JSON.parse((await call('app.close', {})).body).result).toEqual({ closed: true });
    const missing = JSON.parse((await call('app.open', { dir: path.join(dir, 'nope') })).body);
    expect(missing.error.code).toBe('archive_missing');
    const reopened = JSON.parse((await call('app.open', { dir })).body);
    expect(reopened.result.unit.name).toBe('示例社区居委会');
    const state = JSON.parse((await call('app.state', {})).body).result;
    expect(state.recent).toEqual([expect.objectContaining({ path: dir, name: '示例社区居委会', exists: true })]);
    const exportDir = JSON.parse((await call('app.exportDir', { kind: 'binder', year: 2024 })).body).result.path;
    expect(exportDir).toBe(path.join(path.dirname(dir), '文明社区档案-导出', '2024年', '案卷'));
  });

  it('serves previews of the archive only, refusing traversal in every spelling', async () => {
    const { bridge, call } = await bridgeWithStatic();
    const dir = path.join(tempDir(), 'archive');
    await call('app.create', { dir });
    // The session's archive is open in its archive service; a second connection files the blob, as the CLI would.
    const second = await openArchive(dir);
    const sha = await storeBlob(second, await makePng(path.join(tempDir(), 'photo.png')), 'image/png', 'image');
    second.close();
    const auth = { 'x-taizhang-token': bridge.token };

    const ok = await raw(bridge, 'GET', `/preview/${sha}/thumb`, auth);
    expect(ok.status).toBe(200);
    expect(ok.headers['content-type']).toBe('image/png');
    expect(ok.headers['x-content-type-options']).toBe('nosniff');
    expect((await raw(bridge, 'GET', `/preview/${sha}`)).status).toBe(401);

    for (const attack of [
      '/preview/../archive.db',
      '/preview/..%2Farchive.db',
      '/preview/%2e%2e/%2e%2e/archive.db',
      '/preview/%2e%2e%2farchive.db',
      `/preview/${sha}/../../archive.db`,
      `/preview/${sha}%2F..%2F..%2F..%2Farchive.db`,
      `/preview/..\\..\\archive.db`,
      '/preview//etc/passwd',
      '/preview/%2Fetc%2Fpasswd',
      `/preview/${'0'.repeat(64)}`,
    ]) {
      const res = await raw(bridge, 'GET', attack, auth);
      expect(res.status, attack).not.toBe(200);
      expect(res.body, attack).not.toContain('SQLite format');
      expect(res.body, attack).not.toContain('root:');
    }
    // Traversal in the static file server cannot reach the archive either.
    for (const attack of ['/../archive.db', '/%2e%2e/%2e%2e/etc/passwd', '/..%5c..%5carchive.db']) {
      const res = await raw(bridge, 'GET', attack, auth);
      expect(res.body, attack).not.toContain('SQLite format');
      expect(res.body, attack).not.toContain('root:');
    }
  });

  it('stages uploads inside the archive with clean names', async () => {
    const { bridge, session, call } = await bridgeWithStatic();
    await call('app.create', { dir: path.join(tempDir(), 'archive') });
    const res = await raw(
      bridge,
      'POST',
      `/upload?batch=abcdefgh1234&path=${encodeURIComponent('../../../照片:1.jpg')}`,
      { 'x-taizhang-token': bridge.token, 'content-type': 'application/octet-stream' },
      Buffer.from('jpeg bytes'),
    );
    expect(res.status).toBe(200);
    const staged = JSON.parse(res.body).result as { path: string };
    const root = path.join(session.requireArchive().files.tmpRoot, 'uploads', 'abcdefgh1234');
    expect(staged.path).toBe(path.join(root, '照片_1.jpg'));
    expect(await fs.readFile(staged.path, 'utf8')).toBe('jpeg bytes');
    const noToken = await raw(bridge, 'POST', '/upload?batch=abcdefgh1234&path=a.jpg', {}, Buffer.from('x'));
    expect(noToken.status).toBe(401);
  });

  it('streams the progress of a long task to the window and ends the stream with the task', async () => {
    const { bridge, call } = await bridgeWithStatic();
    await call('app.create', { dir: path.join(tempDir(), 'archive') });
    await call('archive.setYear', { year: 2024 });
    const photos = await Promise.all([makeJpeg(path.join(tempDir(), 'a.jpg'), { colour: '#123456' }), makeJpeg(path.join(tempDir(), 'b.jpg'), { colour: '#654321' })]);
    expect(JSON.parse((await call('records.add', { files: photos, year: 2024 })).body).result.records).toHaveLength(2);

    const events: string[] = [];
    let connected!: () => void;
    const subscribed = new Promise<void>((resolve) => (connected = resolve));
    const stream = new Promise<void>((resolve, reject) => {
      const req = http.get({ host: '127.0.0.1', port: bridge.port, path: '/api/tasks/check0001/events', headers: { 'x-taizhang-token': bridge.token } }, (res) => {
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          events.push(chunk);
          connected();
        });
        res.on('end', () => resolve());
      });
      req.on('error', reject);
    });
    await subscribed; // the server has subscribed this stream before the task starts
    const checked = await raw(
      bridge,
      'POST',
      '/api/integrity.check',
      { 'content-type': 'application/json', 'x-taizhang-token': bridge.token, 'x-taizhang-task': 'check0001' },
      '{}',
    );
    expect(JSON.parse(checked.body).result.ok).toBe(true);
    await stream;
    const text = events.join('');
    expect(text).toMatch(/data: \{"stage":"[^"]*核对文件[^"]*","done":2,"total":2\}/);
    expect(text).toContain('event: end');
  });

  it('cancels a running export on request, leaving no PDF behind', async () => {
    const session = new Session({ configDir: tempDir('taizhang-config-'), shell: browserShell });
    open.push({ bridge: await startBridge({ session }), session });
    await session.invoke('app.create', { dir: path.join(tempDir(), 'archive') });
    await session.invoke('archive.setYear', { year: 2024 });
    await session.invoke('records.add', { files: [await makeJpeg(path.join(tempDir(), 'a.jpg'), { colour: '#abcdef' })], year: 2024, items: ['1.1.2'] });
    const out = path.join(tempDir(), 'binder');
    const running = session.invoke('binder.export', { year: 2024, out }, { taskId: 'binder01' });
    expect(session.cancel('binder01')).toBe(true);
    await expect(running).rejects.toMatchObject({ code: 'cancelled' });
    expect(session.cancel('binder01')).toBe(false);
    const left = await fs.readdir(out).catch(() => [] as string[]);
    expect(left.filter((f) => f.endsWith('.pdf'))).toEqual([]);
  });
});
