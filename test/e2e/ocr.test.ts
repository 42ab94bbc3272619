// Recognised text and suggested items in the window: the production renderer in Chromium over the HTTP bridge.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core/api/core.js';
import { initArchive } from '../../electron/core/archive/init.js';
import { lineScan } from '../../electron/core/ocr/testing/scans.js';
import type { Session } from '../../electron/host/session.js';
import { openWindow, screenshot, type OpenWindow } from './browser.js';

const root = await fs.mkdtemp(path.join(os.tmpdir(), 'taizhang-e2e-ocr-'));
const archiveDir = path.join(root, '档案');
let app: OpenWindow;
let page: Page;
let session: Session;

beforeAll(async () => {
  // An archive with one scan waiting in the inbox, read as `ocr run` reads it.
  const core = createCore(await initArchive(archiveDir, { name: '示例社区居委会', fonds: 'Z001' }));
  const scan = path.join(root, '扫描件0012.png');
  await fs.writeFile(scan, await lineScan(['社区道德讲堂活动记录', '主题：诚信友善']));
  await core.api['records.add']({ files: [scan], year: 2025 });
  await core.api['ocr.run']({});
  core.close();
  app = await openWindow(root, archiveDir, { width: 1366, height: 900 });
  ({ page, session } = app);
}, 15 * 60_000);

afterAll(async () => {
  await app?.close();
  await fs.rm(root, { recursive: true, force: true });
});

describe('OCR and suggestions in the window', { timeout: 150_000 }, () => {
  it('shows the recognised text of an inbox scan, keeps a correction, and files it with one click on a suggestion', async () => {
    await page.locator('td.col-title', { hasText: '扫描件0012' }).first().click();
    const text = page.getByLabel('识别文字');
    await text.waitFor();
    expect(await text.inputValue()).toContain('道德讲堂');

    await text.fill('社区道德讲堂活动记录\n主题：孝老爱亲');
    await page.getByRole('button', { name: '保存校对' }).click();
    await page.locator('.toast', { hasText: '校对已保存' }).first().waitFor();

    const suggestion = page.locator('.suggestions button', { hasText: '1.3.2' });
    await suggestion.waitFor();
    expect(await suggestion.innerText()).toContain('识别文字含‘道德讲堂’');
    await screenshot(page, 'ocr-01-detail');
    await suggestion.click();
    await page.locator('.toast', { hasText: '已归入 1.3.2' }).first().waitFor();
    await page.locator('.chips .chip', { hasText: '1.3.2' }).first().waitFor();

    // The correction is what search finds now.
    const found = await session.invoke('search.query', { query: '孝老' }) as { total: number; results: { snippet: string }[] };
    expect(found.total).toBe(1);
    expect(found.results[0]!.snippet.startsWith('（识别）')).toBe(true);
  });

  it('switches background OCR off in settings', async () => {
    await page.getByRole('navigation', { name: '功能' }).getByRole('button', { name: '设置', exact: true }).click();
    const box = page.locator('input[name=ocrEnabled]');
    await box.waitFor();
    expect(await box.isChecked()).toBe(true);
    await box.uncheck();
    await page.locator('.toast', { hasText: '已关闭文字识别' }).first().waitFor();
    expect(((await session.invoke('ocr.status', {})) as { enabled: boolean }).enabled).toBe(false);
    await screenshot(page, 'ocr-02-settings');
  });
});
