import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { launchChromium, screenshot } from '../../test/e2e/browser.js';
import { tempCore, tempDir } from '../../test/support/temp.js';
import { fileSampleRecords } from '../core/package/testing/sample-package.js';
import { addUser } from './accounts.js';
import { openHub } from './db.js';
import { startHubServer } from './hub-server.js';

describe('hub in Chromium', () => {
  it('an officer signs in, uploads a community\'s 上报包 and finds a record by a two-character query', async () => {
    const core = await tempCore({ name: '和平社区居委会', fonds: 'Z001', filer: '张敏', checker: '李强' });
    const work = tempDir();
    await fileSampleRecords(core, path.join(work, 'in'), 2025, [
      ['学雷锋志愿服务签到表.pdf', '1.1.1'],
      ['道德讲堂活动方案.docx', '1.1.2'],
    ]);
    const pkg = await core.api['package.create']({ year: 2025, out: path.join(work, '上报包.zip') });

    const hub = await openHub(path.join(tempDir(), 'hub'), { create: true });
    const server = await startHubServer(hub, { port: 0 });
    await addUser(hub.db, { name: '区管理员', password: '区管理员-2025', role: 'district' });
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      await page.goto(`${server.url}/matrix`);
      await page.getByLabel('账号').fill('区管理员');
      await page.getByLabel('密码').fill('区管理员-2025');
      await page.getByRole('button', { name: '登录' }).click();
      await page.waitForURL(/\/matrix/);
      await page.getByRole('link', { name: '上传上报包' }).click();
      await page.locator('#package').setInputFiles(pkg.path);
      await page.getByRole('button', { name: '上传' }).click();
      await expect.poll(() => page.locator('#result').textContent(), { timeout: 60_000 }).toContain('已导入：和平社区居委会 2025 年度，2 件');
      await screenshot(page, 'hub-upload');

      await page.getByRole('link', { name: '跨社区检索' }).click();
      await page.locator('input[name=q]').fill('签到');
      await page.getByRole('button', { name: '检索' }).click();
      // The sign-in sheet by its title, and the 方案 whose text says 签到.
      await expect.poll(() => page.locator('.count').textContent()).toBe('共 2 件');
      const row = page.locator('table.list tbody tr', { hasText: '签到表' });
      expect(await row.textContent()).toContain('学雷锋志愿服务签到表');
      expect(await row.textContent()).toContain('和平社区居委会');
      expect(await row.textContent()).toMatch(/Z001-WS·2025-/);
      await screenshot(page, 'hub-search');

      await page.getByRole('link', { name: '完成情况矩阵' }).click();
      const cell = page.locator('table.matrix td.part a, table.matrix td.ok a').first();
      await expect.poll(() => cell.count()).toBeGreaterThan(0);
      await screenshot(page, 'hub-matrix');
      await cell.click();
      await expect.poll(() => page.locator('h1').textContent()).toMatch(/^1\.1\.\d /);
      expect(await page.locator('main').textContent()).toMatch(/学雷锋志愿服务签到表|道德讲堂活动方案/);
      // Each 件 links to the page of the binder it is printed on; that page of that volume carries its 归档章.
      const printed = page.locator('.materials .printed a').first();
      expect(await printed.textContent()).toMatch(/第 \d+ 页起，共 \d+ 页$/);
      const [blob, at] = (await printed.getAttribute('href'))!.split('#page=');
      const volume = await page.request.get(`${server.url}${blob}`);
      expect(volume.headers()['content-type']).toBe('application/pdf');
      expect(volume.headers()['content-security-policy']).not.toContain('sandbox');
      expect(volume.headers()['content-security-policy']).toMatch(/^default-src 'none';/);
      expect(volume.headers()['x-content-type-options']).toBe('nosniff');
      const pdf = path.join(work, 'volume.pdf');
      writeFileSync(pdf, await volume.body());
      const stamp = execFileSync('pdftotext', ['-f', at!, '-l', at!, '-layout', pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
      expect(stamp).toMatch(/全宗号年度件号Z0012025\d+/);
      await screenshot(page, 'hub-materials');
      // And the browser's PDF viewer opens the volume at that page.
      await printed.click();
      await page.waitForURL(new RegExp(`/blob/[0-9a-f]{64}#page=${at}$`));
      await page.waitForTimeout(1500);
      await screenshot(page, 'hub-binder-page');
    } finally {
      await browser.close();
      await server.close();
      await hub.close();
    }
  }, 240_000);
});
