import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { HubMatrix, HubSearchResult } from '../../shared/api/hub.js';
import { convertWithLibreOffice, runPython } from '../../test/support/readers.js';
import { tempDir } from '../../test/support/temp.js';
import { sendPackage } from '../core/package/send.js';
import { addUploadToken, addUser } from './accounts.js';
import { auditLog } from './audit.js';
import { openHub } from './db.js';
import { importPackage } from './package-import.js';
import { startHubServer } from './hub-server.js';
import { hubBackends, writeFixturePackage } from './testing/fixtures.js';

const backends = hubBackends();
afterAll(async () => {
  for (const b of backends) await b.cleanup();
});

const PASSWORD = '正确的密码-2025';

/** A browser-like client: keeps cookies, follows nothing. */
function client(base: string) {
  const jar = new Map<string, string>();
  const send = async (url: string, init: RequestInit = {}) => {
    const res = await fetch(`${base}${url}`, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string>), cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const [k, v] = pair!.split('=');
      if (v) jar.set(k!, v);
      else jar.delete(k!);
    }
    return res;
  };
  return {
    jar,
    send,
    async login(name: string, password: string) {
      const form = await (await send('/login')).text();
      const pre = /name="_pre" value="([^"]+)"/.exec(form)![1]!;
      return send('/login', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ _pre: pre, name, password }).toString() });
    },
    async csrf() {
      return /<meta name="csrf" content="([^"]+)"/.exec(await (await send('/upload')).text())![1]!;
    },
  };
}

describe.each(backends)('hub server on $name', (backend) => {
  it('keeps each 街道 to its communities, lets an upload token only upload, and checks sessions and CSRF', async () => {
    const dir = path.join(tempDir(), 'hub');
    const db = await backend.create();
    const hub = await openHub(dir, { db, create: true });
    const server = await startHubServer(hub, { port: 0 });
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const packages = tempDir();
      const heping = await writeFixturePackage(packages, { unit: '和平社区居委会', archiveId: 'a-heping', year: 2025, statuses: { '1.1': '齐全' }, records: [['和平社区签到表', '1.1', '和平']] });
      const shengli = await writeFixturePackage(packages, { unit: '胜利社区居委会', archiveId: 'a-shengli', year: 2025, statuses: { '1.1': '部分' }, records: [['胜利社区签到表', '1.1', '胜利']] });
      expect(await importPackage(hub, heping, { source: 'cli', street: '和平街道' })).toMatchObject({ ok: true });
      await addUser(hub.db, { name: '区管理员', password: PASSWORD, role: 'district' });
      await addUser(hub.db, { name: '和平街道小王', password: PASSWORD, role: 'street', street: '和平街道' });
      const { token } = await addUploadToken(hub.db, '胜利社区居委会', '胜利街道');

      // The upload token: its own community's package goes in; another's is refused; it opens no page or file.
      const bearer = (file: Buffer) => fetch(`${server.url}/api/upload`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' }, body: new Uint8Array(file) });
      const wrong = await bearer(await fs.readFile(heping));
      expect(wrong.status).toBe(422);
      expect((await wrong.json()) as unknown).toMatchObject({ ok: false, problems: [expect.stringContaining('不是上传令牌所属')] });
      // The desktop's way: sendPackage with the token.
      expect(await sendPackage(shengli, server.url, 'not-a-token')).toEqual({ ok: false, problems: [expect.stringContaining('上传令牌无效')] });
      expect(await sendPackage(shengli, server.url, token)).toEqual({ ok: true, problems: [], duplicate: false });
      for (const url of ['/matrix', '/api/matrix?year=2025', '/api/search?q=签到', '/search?q=签到', '/community/1', '/export/summary.xlsx?year=2025']) {
        const res = await fetch(`${server.url}${url}`, { headers: { authorization: `Bearer ${token}` }, redirect: 'manual' });
        expect(res.status, url).toBe(302);
        expect(res.headers.get('location')).toBe('/login');
      }
      expect((await fetch(`${server.url}/api/upload`, { method: 'POST', headers: { authorization: 'Bearer nonsense', 'content-type': 'application/octet-stream' }, body: 'x' })).status).toBe(401);

      // A wrong password is refused and logged; a session cookie is HttpOnly and SameSite=Strict.
      const stranger = client(server.url);
      expect((await stranger.login('和平街道小王', '错误的密码')).headers.get('location')).toBe('/login?failed=1');
      const street = client(server.url);
      const signed = await street.login('和平街道小王', PASSWORD);
      expect(signed.headers.get('location')).toBe('/matrix');
      expect(signed.headers.getSetCookie().find((c) => c.startsWith('tz_session='))).toMatch(/HttpOnly; SameSite=Strict/);

      // The 街道 user sees 和平街道 only: in the matrix, in search, on community pages and for files.
      const m = (await (await street.send('/api/matrix?year=2025')).json()) as HubMatrix;
      expect(m.communities.map((c) => c.unit)).toEqual(['和平社区居委会']);
      const s = (await (await street.send(`/api/search?q=${encodeURIComponent('签到')}`)).json()) as HubSearchResult;
      expect(s.results.map((r) => r.unit)).toEqual(['和平社区居委会']);
      const admin = client(server.url);
      await admin.login('区管理员', PASSWORD);
      const all = (await (await admin.send('/api/matrix?year=2025')).json()) as HubMatrix;
      expect(all.communities.map((c) => c.unit).sort()).toEqual(['和平社区居委会', '胜利社区居委会']);
      const shengliId = all.communities.find((c) => c.unit === '胜利社区居委会')!.id;
      // A 区 admin may narrow the matrix and its exports to one 街道.
      expect(all.streets).toEqual(['和平街道', '胜利街道']);
      const oneStreet = await (await admin.send(`/matrix?year=2025&street=${encodeURIComponent('胜利街道')}`)).text();
      expect(oneStreet).toContain('<option value="胜利街道" selected>胜利街道</option>');
      expect(oneStreet).toContain('胜利社区居委会');
      expect(oneStreet).not.toContain('和平社区居委会');
      expect(oneStreet).toContain(`/export/gaps.csv?year=2025&amp;street=${encodeURIComponent('胜利街道')}`);
      const gaps = await (await admin.send(`/export/gaps.csv?year=2025&street=${encodeURIComponent('胜利街道')}`)).text();
      expect(gaps).toContain('胜利社区居委会');
      expect(gaps).not.toContain('和平社区居委会');
      expect((await street.send(`/community/${shengliId}`)).status).toBe(404);
      expect((await street.send(`/community/${shengliId}/2025/1.1`)).status).toBe(404);
      const page = await (await admin.send(`/community/${shengliId}/2025/1.1`)).text();
      expect(page).toContain('胜利社区签到表');
      const blob = /href="\/blob\/([0-9a-f]{64})"/.exec(page)![1]!;
      const file = await admin.send(`/blob/${blob}`);
      expect(file.status).toBe(200);
      // A community's file other than a PDF opens sandboxed.
      expect(file.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
      expect((await street.send(`/blob/${blob}`)).status).toBe(404);
      expect((await street.send('/audit')).status).toBe(404);

      // Posting without the session's CSRF token is refused; with it, the upload goes through.
      const body = new Uint8Array(await fs.readFile(heping));
      expect((await street.send('/upload', { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body })).status).toBe(403);
      expect((await street.send('/upload', { method: 'POST', headers: { 'content-type': 'application/octet-stream', 'x-csrf-token': 'guess' }, body })).status).toBe(403);
      const csrf = await street.csrf();
      const up = await street.send('/upload', { method: 'POST', headers: { 'content-type': 'application/octet-stream', 'x-csrf-token': csrf }, body });
      expect((await up.json()) as unknown).toMatchObject({ ok: true, duplicate: true });
      expect((await street.send('/logout', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: '_csrf=wrong' })).status).toBe(400);

      // The 汇总 workbook keeps live formulas; LibreOffice computes them to the matrix's counts.
      const xlsx = path.join(tempDir(), '汇总.xlsx');
      await fs.writeFile(xlsx, Buffer.from(await (await admin.send('/export/summary.xlsx?year=2025')).arrayBuffer()));
      const cells = runPython<Record<string, string | null>>(
        'import json,sys,openpyxl\nws=openpyxl.load_workbook(sys.argv[1])["汇总"]\nprint(json.dumps({c.coordinate: c.value for r in ws.iter_rows() for c in r if c.value is not None}, default=str))',
        xlsx,
      );
      expect(Object.values(cells).some((v) => typeof v === 'string' && v.startsWith('=COUNTIF('))).toBe(true);
      const out = tempDir();
      const csv = (await fs.readFile(convertWithLibreOffice(xlsx, 'csv:Text - txt - csv (StarCalc):44,34,76', out), 'utf8')).split('\n');
      const row = csv.find((l) => l.includes('和平社区居委会'))!.split(',');
      // 4 leaf items: 和平 has 1.1 齐全 and the rest 缺失 → 齐全 1, 部分 0, 缺失 3, 不适用 0, 完成率 25%.
      expect(row.slice(-5)).toEqual(['1', '0', '3', '0', '25%']);

      const actions = (await auditLog(hub.db)).map((a) => a.action);
      expect(actions).toEqual(expect.arrayContaining(['login', 'login.failed', 'upload', 'import', 'import.refused', 'export']));

      // Guessing: after 5 wrong passwords the account refuses even the right one, and says why, for 15 minutes.
      await addUser(hub.db, { name: '胜利街道老李', password: PASSWORD, role: 'street', street: '胜利街道' });
      const guesser = client(server.url);
      for (let i = 0; i < 5; i += 1) expect((await guesser.login('胜利街道老李', `猜的密码${i}`)).headers.get('location')).toBe('/login?failed=1');
      const locked = await guesser.login('胜利街道老李', PASSWORD);
      expect(locked.headers.get('location')).toBe('/login?failed=locked');
      expect(await (await guesser.send('/login?failed=locked')).text()).toContain('这个账号连续输错密码 5 次，已暂停登录 15 分钟');
      expect((await auditLog(hub.db)).map((a) => a.action)).toContain('login.locked');
      // Other accounts are not held up; once the quarter-hour has passed, the right password works and clears the count.
      expect((await client(server.url).login('区管理员', PASSWORD)).headers.get('location')).toBe('/matrix');
      await hub.db.updateTable('audit').set({ at: '2000-01-01T00:00:00.000Z' }).where('actor', '=', '胜利街道老李').execute();
      expect((await guesser.login('胜利街道老李', PASSWORD)).headers.get('location')).toBe('/matrix');
      for (let i = 0; i < 4; i += 1) await guesser.login('胜利街道老李', `又猜错${i}`);
      expect((await guesser.login('胜利街道老李', PASSWORD)).headers.get('location')).toBe('/matrix');
    } finally {
      await server.close();
      await hub.close();
    }
  }, 240_000);
});
