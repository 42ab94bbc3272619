// 上报 from the window: the production renderer in Chromium over the HTTP bridge, sending to a real hub (SQLite).
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core/api/core.js';
import { initArchive } from '../../electron/core/archive/init.js';
import { fileSampleRecords } from '../../electron/core/package/testing/sample-package.js';
import { addUploadToken, WHOLE_HUB } from '../../electron/hub/accounts.js';
import { openHub, type Hub } from '../../electron/hub/db.js';
import { startHubServer } from '../../electron/hub/hub-server.js';
import { hubMatrix } from '../../electron/hub/matrix.js';
import { openWindow, screenshot, type OpenWindow } from './browser.js';

const YEAR = 2025;
const root = await fs.mkdtemp(path.join(os.tmpdir(), 'taizhang-e2e-submit-'));
const archiveDir = path.join(root, '档案');
let app: OpenWindow;
let page: Page;
let hub: Hub;
let hubServer: { url: string; close(): Promise<void> };
let token: string;

beforeAll(async () => {
  const core = createCore(await initArchive(archiveDir, { name: '和平社区居委会', fonds: 'Z001', filer: '张敏', checker: '李强' }));
  await fileSampleRecords(core, path.join(root, 'in'), YEAR, [
    ['学雷锋志愿服务活动方案.pdf', '1.1.1'],
    ['义诊现场.jpg', '1.1.1'],
  ]);
  core.close();
  hub = await openHub(path.join(root, 'hub'), { create: true });
  hubServer = await startHubServer(hub, { port: 0 });
  ({ token } = await addUploadToken(hub.db, '和平社区居委会', '和平街道'));
  app = await openWindow(root, archiveDir);
  page = app.page;
}, 15 * 60_000);

afterAll(async () => {
  await app?.close();
  await hubServer?.close();
  await hub?.close();
  await fs.rm(root, { recursive: true, force: true });
});

describe('上报 in the window', { timeout: 240_000 }, () => {
  it('links the hub once, writes the 上报包 and sends it; the hub has the community', async () => {
    await page.getByRole('button', { name: '上报', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: `上报 ${YEAR} 年度材料` });
    await dialog.waitFor();
    await dialog.getByLabel('保存后发送到汇总平台').check();
    await dialog.getByLabel('汇总平台地址').fill(hubServer.url);
    await dialog.getByLabel('上传令牌').fill(token);
    await screenshot(page, 'submit-01-link');
    await dialog.getByRole('button', { name: '保存设置' }).click();
    await dialog.getByText('已设置上传令牌').waitFor();
    expect(await dialog.getByLabel('上传令牌').count()).toBe(0);

    await dialog.getByRole('button', { name: '生成并发送' }).click();
    await dialog.getByText('已发送到汇总平台').waitFor({ timeout: 180_000 });
    expect(await dialog.innerText()).toContain(`上报包-和平社区居委会-${YEAR}.zip`);
    await screenshot(page, 'submit-02-sent');
    const matrix = await hubMatrix(hub.db, YEAR, WHOLE_HUB);
    expect(matrix.communities.map((c) => c.unit)).toEqual(['和平社区居委会']);
    await dialog.getByRole('button', { name: '完成' }).click();

    // A second 上报 of the year, from the 年度 screen: the link is remembered, and the hub keeps one copy.
    await page.getByRole('navigation', { name: '功能' }).getByRole('button', { name: '年度结转', exact: true }).click();
    await page.locator('tr', { hasText: `${YEAR} 年` }).getByRole('button', { name: '上报…' }).click();
    await dialog.getByText('已设置上传令牌').waitFor();
    await dialog.getByRole('button', { name: '生成并发送' }).click();
    await dialog.getByText(/已发送到汇总平台|没有重复保存/).waitFor({ timeout: 180_000 });
  });
});
