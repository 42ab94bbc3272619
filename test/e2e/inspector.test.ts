// The window in Chinese only, and 查阅模式: the production build of the renderer in Debian's Chromium at 1366×768,
// against the real core through the HTTP bridge. An archive with photos, PDFs and archived records is filled through
// the session, every screen and main dialog is opened, and the text a clerk can read on each (what is shown, and the
// title, placeholder, aria-label and alt attributes) is scanned for English words. Then the read-only mode.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBridge, type Bridge } from '../../electron/bridge/server.js';
import { browserShell, INSPECT_MODE_REFUSAL, Session } from '../../electron/host/session.js';
import type { AddResult } from '../../shared/api/records.js';
import { buildRenderer, dragFiles, launchChromium, screenshot, stopAtFirstFailure } from './browser.js';
import { isClerkLatin } from '../support/clerk-latin.js';
import { makeJpeg, makeOleFile, makePdf } from '../support/sample-files.js';

const YEAR = 2024;
const root = await fs.mkdtemp(path.join(os.tmpdir(), 'taizhang-inspect-'));
const archiveDir = path.join(root, '文明社区档案');
const files = path.join(root, 'files');
/** Loose files a clerk imports as a folder: one the folder cannot place, one already filed. */
const looseFolder = path.join(root, '本月材料');
/** Photos enough that the search results need 显示更多. */
const PHOTOS = 56;

let browser: Browser;
let context: BrowserContext;
let page: Page;
let session: Session;
let bridge: Bridge;
const problems: string[] = [];

/**
 * Latin words in the text of the page, leaving out file names, paths, 档号 and other codes: what is shown, each
 * control's title, placeholder, aria-label and alt, and every option of every list (not only the chosen one).
 */
async function englishOn(screen: string): Promise<string[]> {
  return latinIn(screen, await pageTexts());
}

function pageTexts(): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [document.body.innerText];
    for (const el of document.querySelectorAll('*')) {
      for (const attr of ['title', 'placeholder', 'aria-label', 'alt']) {
        const v = el.getAttribute(attr);
        if (v) out.push(v);
      }
      if (el instanceof HTMLOptionElement) out.push(el.text);
    }
    return out;
  });
}

function latinIn(screen: string, texts: readonly string[]): string[] {
  const hits = new Set<string>();
  for (const text of texts) {
    const stripped = text
      // Paths: the archive folder in the top bar.
      .replace(/(?:[A-Za-z]:\\|\/)[^\s（）()，。、；]+/g, ' ')
      // File names, and the extensions named alone (“.xlsx”).
      .replace(/[^\s/\\（）()：:，。、；「」“”]*\.(?:jpe?g|png|pdf|heic|docx?|xlsx?|zip|json|txt)\b/gi, ' ')
      // 档号, codes, 文号 and numbers with letters in them: Z001-WS·2024-D10-01-0001, 1.2.3, A4.
      .replace(/[A-Za-z0-9]*\d[A-Za-z0-9]*(?:[-·.][A-Za-z0-9]+)*|[A-Z0-9]+(?:[-·][A-Z0-9]+)+/g, ' ');
    for (const m of stripped.matchAll(/[A-Za-z]{2,}/g)) {
      if (isClerkLatin(m[0])) continue;
      // The word with the text around it, so a failure says where it is.
      hits.add(`${screen}: ${m[0]} in “${stripped.slice(Math.max(0, m.index - 24), m.index + m[0].length + 24).replace(/\s+/g, ' ').trim()}”`);
    }
  }
  return [...hits];
}

const english: string[] = [];
async function scan(screen: string): Promise<void> {
  await screenshot(page, `inspect-${screen}`);
  english.push(...(await englishOn(screen)));
}

const tab = (name: string) => page.getByRole('navigation', { name: '功能' }).getByRole('button', { name, exact: true });
const dialog = (name: string) => page.getByRole('dialog', { name });

/** A call through the bridge from outside the page, as a crafted request would make it. */
async function api(name: string, args: unknown): Promise<{ ok: boolean; result?: unknown; error?: { message: string } }> {
  const res = await fetch(`${bridge.origin}/api/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-taizhang-token': bridge.token },
    body: JSON.stringify(args),
  });
  return (await res.json()) as { ok: boolean; result?: unknown; error?: { message: string } };
}

let photoRecord = 0;
let checklistFile = '';
let planRecord = 0;

async function fillArchive(): Promise<void> {
  await session.invoke('app.create', { dir: archiveDir, unit: { name: '示例街道文明社区居民委员会', fonds: 'Z001', filer: '张敏', checker: '李强' } });
  await session.invoke('archive.setYear', { year: YEAR });
  const photos = await Promise.all(
    Array.from({ length: PHOTOS }, (_, i) =>
      makeJpeg(path.join(files, `2024-03-05 学雷锋志愿服务照片${i + 1}.jpg`), { width: 640, height: 480, colour: `#${(0x203040 + i * 0x0a0b0c).toString(16).slice(-6)}` }),
    ),
  );
  const plan = await makePdf(path.join(files, '学雷锋志愿服务活动方案.pdf'), { pages: 2, text: 'plan' });
  const summary = await makePdf(path.join(files, '学雷锋志愿服务活动总结.pdf'), { pages: 3, text: 'summary' });
  const add = (args: Record<string, unknown>) => session.invoke('records.add', args) as Promise<AddResult>;
  const planned = await add({ files: [plan], year: YEAR, items: ['1.2.2'], type: '方案', title: '学雷锋志愿服务活动方案', docNo: '文明社〔2024〕3号', author: '文明社区居委会', date: '2024-03-01', activity: '学雷锋志愿服务' });
  planRecord = planned.records[0]!.id;
  await add({ files: [summary], year: YEAR, items: ['1.2.2'], type: '总结', title: '学雷锋志愿服务活动总结', date: '2024-03-10', activity: '学雷锋志愿服务' });
  const shot = await add({ files: photos, year: YEAR, items: ['1.2.2'], type: '照片', activity: '学雷锋志愿服务', caption: { subject: '学雷锋志愿服务', place: '社区广场', photographer: '张敏' } });
  photoRecord = shot.records[0]!.id;
  await add({ files: [await makeJpeg(path.join(files, 'IMG_20240401_101500.jpg'), { width: 640, height: 480, colour: '#556677' })], year: YEAR });
  // A Word 97 file, kept as an attachment only: its mark in the list and its note in the detail are scanned too.
  await add({ files: [makeOleFile(path.join(files, '社区议事会记录.doc'))], year: YEAR });
  await session.invoke('ledger.add', { year: YEAR, problem: '宣传栏内容未及时更新' });
  await session.invoke('archival.number', { year: YEAR, ids: [planRecord, photoRecord] });
  await makePdf(path.join(looseFolder, '社区道德讲堂活动记录.pdf'), { text: 'record' });
  await fs.copyFile(plan, path.join(looseFolder, '学雷锋志愿服务活动方案.pdf'));
}

beforeAll(async () => {
  const staticDir = await buildRenderer(path.join(root, 'renderer'));
  session = new Session({ configDir: path.join(root, 'config'), shell: browserShell });
  await fillArchive();
  bridge = await startBridge({ session, staticDir });
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  page = await context.newPage();
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) problems.push(`console: ${m.text()}`);
  });
  await page.goto(bridge.url);
}, 180_000);

afterAll(async () => {
  await context?.close();
  await bridge?.close();
  await session?.dispose();
  await browser?.close();
  await fs.rm(root, { recursive: true, force: true });
});

stopAtFirstFailure(() => page, 'inspect-failed-step');

describe('every screen in Chinese, and 查阅模式', { timeout: 120_000 }, () => {
  it('visits every screen and main dialog', async () => {
    await tab('资料').waitFor();
    await page.locator('table.records tbody tr').first().waitFor();
    await scan('records');
    await page.locator('table.records tbody tr', { hasText: '学雷锋志愿服务活动方案' }).first().click();
    await page.locator('.detail textarea[name=title]').waitFor();
    await scan('record-detail');
    await page.getByRole('button', { name: '归档所选…' }).click();
    await page.getByRole('dialog').waitFor();
    await scan('archive-dialog');
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });

    await page.locator('.tree-row[data-code="1.2.2"] .tree-label').click();
    await page.locator('table.records tbody tr').first().waitFor();
    await scan('records-item');
    await page.getByRole('button', { name: '缩略图' }).click();
    await page.locator('.record-grid .tile').first().waitFor();
    await scan('records-grid');
    await page.getByRole('button', { name: '列表' }).click();
    await page.locator('table.records tbody tr').first().waitFor();
    await page.getByRole('button', { name: '本年度不适用' }).click();
    await page.getByRole('button', { name: '确定不适用' }).waitFor();
    await scan('not-applicable-reason');
    await page.getByRole('button', { name: '取消' }).click();

    const rows = page.locator('table.records tbody tr');
    await rows.nth(1).click();
    await rows.nth(2).click({ modifiers: ['Control'] });
    await page.getByRole('button', { name: /^批量修改/ }).click();
    await page.getByRole('dialog').waitFor();
    await scan('bulk-edit');
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await rows.nth(3).click();
    await page.locator('.detail textarea[name=title]').waitFor();
    await scan('photo-detail');

    // The dialogs of a selection of photos: from the bar above the list, and from the right-click menu.
    const photoRows = rows.filter({ has: page.locator('.type-照片') });
    await photoRows.nth(0).click();
    await photoRows.nth(1).click({ modifiers: ['Control'] });
    await page.getByRole('button', { name: '批量改名…' }).click();
    await dialog('批量改名 2 件资料').getByText('学雷锋志愿服务').first().waitFor();
    await scan('batch-rename');
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: /^批量填写照片说明/ }).click();
    await dialog('批量填写 2 张照片的说明').waitFor();
    await scan('caption-batch');
    await page.keyboard.press('Escape');
    const menu = page.getByRole('menu');
    for (const [entry, shot] of [
      ['归入项目…', 'menu-file-into'],
      ['设为活动…', 'menu-activity'],
      ['批量修改…', 'menu-bulk-edit'],
    ] as const) {
      await photoRows.nth(1).click({ button: 'right' });
      await menu.waitFor();
      if (shot === 'menu-file-into') await scan('context-menu');
      await menu.getByRole('menuitem', { name: entry }).click();
      await page.getByRole('dialog').waitFor();
      await scan(shot);
      await page.keyboard.press('Escape');
      await page.getByRole('dialog').waitFor({ state: 'detached' });
    }
    await photoRows.nth(0).click();
    await photoRows.nth(0).click({ button: 'right' });
    await menu.getByRole('menuitem', { name: '在文件夹中显示' }).click();
    await page.getByRole('dialog').getByText('所在文件夹').waitFor();
    await scan('menu-file-location');
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await page.keyboard.press('F2');
    await page.locator('input.inline-rename').waitFor();
    await scan('inline-rename');
    await page.keyboard.press('Escape');

    await page.locator('.tree-inbox .tree-label').click();
    await page.locator('table.records tbody tr').first().waitFor();
    await scan('inbox');
    await page.locator('table.records tbody tr', { hasText: '社区议事会记录' }).locator('.attachment-mark').waitFor();
    await page.locator('table.records tbody tr', { hasText: '社区议事会记录' }).locator('td.col-title').click();
    await page.locator('.detail input[name="attachmentConfirmed"]').waitFor();
    await scan('attachment-detail');

    for (const [name, ready, shot] of [
      ['活动', 'text=学雷锋志愿服务', 'activities'],
      ['整改台账', 'text=宣传栏内容未及时更新', 'ledger'],
      ['测评体系', '.index-layout td.col-title', 'index'],
      ['年度结转', '.years-layout', 'years'],
      ['设置', '.settings-grid', 'settings'],
    ] as const) {
      await tab(name).click();
      await page.locator(ready).first().waitFor();
      await scan(shot);
    }

    // The screens' own dialogs: an activity's 总说明, a ledger entry, an index item and the index's export.
    for (const [name, open, shot] of [
      ['活动', () => page.getByRole('button', { name: '修改', exact: true }).first().click(), 'activity-edit'],
      ['整改台账', () => page.getByRole('button', { name: '＋ 登记问题' }).click(), 'ledger-add'],
      ['整改台账', () => page.locator('tr', { hasText: '宣传栏内容未及时更新' }).first().click(), 'ledger-edit'],
      ['测评体系', () => page.locator('.index-layout td.col-title').first().click(), 'index-item-edit'],
      ['测评体系', () => page.getByRole('button', { name: /^导出/ }).first().click(), 'index-export'],
    ] as const) {
      await tab(name).click();
      await open();
      await page.getByRole('dialog').waitFor();
      await scan(shot);
      await page.keyboard.press('Escape');
      await page.getByRole('dialog').waitFor({ state: 'detached' });
    }

    for (const [button, shot] of [
      ['导出案卷', 'export-binder'],
      ['导出自查表', 'export-checklist'],
      ['读回自查表', 'checklist-return'],
    ] as const) {
      await page.getByRole('button', { name: button }).click();
      await page.getByRole('dialog').waitFor();
      await scan(shot);
      await page.getByRole('dialog').getByRole('button', { name: '关闭', exact: true }).first().click();
      await page.getByRole('dialog').waitFor({ state: 'detached' });
    }

    // 上报 from the top bar: the choices, the hub's link, and the package written.
    await page.getByRole('button', { name: '上报', exact: true }).click();
    const submit = dialog(`上报 ${YEAR} 年度材料`);
    await submit.waitFor();
    await scan('submit');
    await submit.getByText('保存后发送到汇总平台').click();
    await submit.getByText('上传令牌').waitFor();
    await scan('submit-hub-link');
    await submit.getByText('只保存为文件').click();
    await submit.getByRole('button', { name: '生成上报包' }).click();
    await submit.getByText('上报包已生成').waitFor({ timeout: 90_000 });
    await scan('submit-done');
    await submit.getByRole('button', { name: '完成' }).click();
    await submit.waitFor({ state: 'detached' });

    // 导入文件夹: the review before, and the result after.
    await tab('资料').click();
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: '导入文件夹…' }).click();
    await (await chooser).setFiles(looseFolder);
    await dialog('导入前请核对').waitFor();
    await scan('import-review');
    await dialog('导入前请核对').getByRole('button', { name: /确认导入/ }).click();
    await dialog('导入文件夹：完成').waitFor();
    await scan('import-result');
    await dialog('导入文件夹：完成').getByRole('button', { name: '关闭', exact: true }).first().click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
  });

  it('search shows the real total, pages past 50, photo thumbnails, marked words and year/item filters; a hit opens in its year', async () => {
    await tab('资料').click();
    await page.keyboard.press('Control+f');
    await page.keyboard.type('学雷锋');
    const panel = page.getByRole('region', { name: '搜索结果' });
    await panel.locator('.search-hit').first().waitFor();
    const total = ((await session.invoke('search.query', { query: '学雷锋', limit: 1 })) as { total: number }).total;
    expect(total).toBeGreaterThan(50);
    await panel.getByText(`找到 ${total} 件`).waitFor();
    expect(await panel.locator('.search-hit').count()).toBe(50);
    expect(await panel.locator('mark').first().innerText()).toBe('学雷锋');
    const thumb = panel.locator('img.search-thumb').first();
    await thumb.waitFor();
    expect(await thumb.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    await scan('search-results');

    await panel.getByRole('button', { name: /显示更多/ }).click();
    await panel.locator('.search-hit').nth(50).waitFor();
    expect(await panel.locator('.search-hit').count()).toBe(Math.min(total, 100));

    await panel.getByLabel('按测评项目筛选').selectOption('1.2');
    await panel.getByText(`找到 ${total} 件`).waitFor();
    await panel.getByLabel('按测评项目筛选').selectOption('2');
    await panel.getByText('没有找到').waitFor();
    await panel.getByLabel('按测评项目筛选').selectOption('');
    await panel.getByLabel('按年度筛选').selectOption(String(YEAR));
    await panel.getByText(`找到 ${total} 件`).waitFor();
    await screenshot(page, 'inspect-search-filtered');

    await panel.locator('.search-hit', { hasText: '学雷锋志愿服务活动总结' }).click();
    await page.locator('.detail textarea[name=title]').waitFor();
    expect(await page.locator('.detail textarea[name=title]').inputValue()).toBe('学雷锋志愿服务活动总结');
    expect(await page.getByRole('region', { name: '搜索结果' }).count()).toBe(0);
  });

  it('查阅模式 offers no editing control, refuses writes through the bridge, and asks before it is left', async () => {
    await page.getByRole('button', { name: '查阅模式', exact: true }).click();
    const banner = page.getByRole('status').filter({ hasText: '查阅模式：只能查看，不能修改' });
    await banner.waitFor();
    expect(await banner.isVisible()).toBe(true);

    await page.locator('.tree-row[data-code="1.2.2"] .tree-label').click();
    await page.locator('.inspect-row', { hasText: '学雷锋志愿服务活动方案' }).click();
    await page.locator('.inspect-record').getByText('文明社〔2024〕3号').waitFor();
    // Opened at its printed pages: the 卷号 and 页号 the binder gives it, also over its file.
    const [place] = (await session.invoke('binder.pages', { year: YEAR, id: planRecord })) as { volumeNo: number; firstPageNo: number; pages: number }[];
    expect(place).toMatchObject({ volumeNo: 1, firstPageNo: 1, pages: 2 });
    await page.getByLabel('案卷页号').getByText('印在案卷：第 1 卷 第 1–2 页').waitFor();
    expect(await page.locator('.inspect-page-no').first().innerText()).toBe('第 1–2 页');
    await scan('inspector-record');
    // The PDF viewer draws its pages after the frame has loaded; the picture is for looking at, not asserted.
    await page.waitForTimeout(2500);
    await screenshot(page, 'inspect-inspector-printed-pages');
    await page.locator('.inspect-row').filter({ has: page.locator('.type-照片') }).first().click();
    await page.locator('.inspect-page img').first().waitFor();
    await page.getByLabel('案卷页号').getByText(/印在案卷：第 1 卷 第 \d+ 页/).waitFor();
    await scan('inspector-photos');

    // No control that writes: no text field but the search, and no button or list that adds, changes or removes.
    const controls = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('button, input, textarea, select, [contenteditable="true"], [role="button"]')]
        .filter((el) => !(el as HTMLButtonElement).disabled && el.offsetParent !== null)
        .map((el) => ({ tag: el.tagName, type: el.getAttribute('type') ?? '', name: (el.getAttribute('aria-label') ?? el.innerText ?? '').trim() })),
    );
    // A control is named by what it does: these verbs start the label of every control that writes.
    const writing = /^(添加|导入|删除|移到回收站|归档|保存|修改|批量|重命名|撤销|编辑|导出|新建|本年度不适用|恢复|开始|归入|读回|设置|设为)/;
    const offending = controls.filter(
      (c) =>
        c.tag === 'TEXTAREA' ||
        (c.tag === 'INPUT' && c.type !== 'search') ||
        (c.tag !== 'INPUT' && writing.test(c.name)),
    );
    expect(offending).toEqual([]);
    expect(controls.some((c) => c.tag === 'INPUT' && c.type === 'search')).toBe(true);
    expect(await page.getByRole('navigation', { name: '功能' }).count()).toBe(0);

    // The core refuses writes for the session, whatever the window shows.
    const before = (await session.invoke('records.get', { id: planRecord })) as { title: string };
    for (const [name, args] of [
      ['records.update', { id: planRecord, title: '改过的题名' }],
      ['records.delete', { ids: [planRecord] }],
      ['archive.setUnit', { name: '别的单位' }],
    ] as const) {
      const refused = await api(name, args);
      expect(refused.ok, name).toBe(false);
      expect(refused.error?.message, name).toBe(INSPECT_MODE_REFUSAL.zh);
    }
    const upload = await fetch(`${bridge.origin}/upload?batch=b1&path=x.jpg`, { method: 'POST', headers: { 'x-taizhang-token': bridge.token }, body: 'x' });
    expect(upload.status).toBe(409);
    expect(((await session.invoke('records.get', { id: planRecord })) as { title: string }).title).toBe(before.title);
    // A file dropped on the window is not filed, and the window stays.
    const count = ((await session.invoke('records.list', { year: YEAR })) as unknown[]).length;
    await dragFiles(page, '.inspect-body', [path.join(files, 'IMG_20240401_101500.jpg')]);
    await page.waitForTimeout(500);
    expect(((await session.invoke('records.list', { year: YEAR })) as unknown[]).length).toBe(count);
    expect(await banner.isVisible()).toBe(true);

    // Search in the mode opens the hit in the mode's own viewer.
    await page.keyboard.press('Control+f');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('搜索全部年度的资料');
    await page.keyboard.type('总结');
    await page.getByRole('region', { name: '搜索结果' }).locator('.search-hit', { hasText: '学雷锋志愿服务活动总结' }).click();
    await page.locator('.inspect-record h2', { hasText: '学雷锋志愿服务活动总结' }).waitFor();
    await page.locator('.inspect-row.selected', { hasText: '学雷锋志愿服务活动总结' }).waitFor();
    expect(await page.locator('.inspect-row.selected').isVisible()).toBe(true);
    expect(await page.locator('.inspect-row.selected').evaluate((el) => {
      const box = el.getBoundingClientRect();
      return box.top >= 0 && box.bottom <= window.innerHeight;
    })).toBe(true);
    await scan('inspector-search');

    await page.getByRole('button', { name: '退出查阅模式' }).click();
    await dialog('退出查阅模式').waitFor();
    await scan('inspector-leave');
    await dialog('退出查阅模式').getByRole('button', { name: '继续查阅' }).click();
    await dialog('退出查阅模式').waitFor({ state: 'detached' });
    expect(await banner.isVisible()).toBe(true);
    await page.getByRole('button', { name: '退出查阅模式' }).click();
    await dialog('退出查阅模式').getByRole('button', { name: '确定退出' }).click();
    await tab('资料').waitFor();
    expect(await page.getByText('查阅模式：只能查看，不能修改').count()).toBe(0);
    expect((await api('archive.setUnit', { name: '示例街道文明社区居民委员会' })).ok).toBe(true);
  });

  it('starts in 查阅模式 from the address, as the app does with --inspect-mode', async () => {
    await page.goto(`${bridge.origin}/?inspect`);
    await page.getByRole('status').filter({ hasText: '查阅模式：只能查看，不能修改' }).waitFor();
    expect(((await session.invoke('app.state', {})) as { inspectMode: boolean }).inspectMode).toBe(true);
    expect((await api('records.update', { id: planRecord, title: '改过的题名' })).ok).toBe(false);
    await session.invoke('app.setInspectMode', { on: false });
  });

  it('the dialogs that come and go: progress, 导出 results, 读回自查表 of a real export, 撤销归档, the trash\'s 恢复 and 年度结转', async () => {
    await page.goto(`${bridge.origin}/`);
    await tab('资料').waitFor();
    // Every text a dialog shows while it is open, however briefly (a progress dialog lasts a moment).
    await page.evaluate(() => {
      const seen = new Set<string>();
      (window as unknown as { dialogTexts: Set<string> }).dialogTexts = seen;
      new MutationObserver(() => {
        for (const d of document.querySelectorAll('[role=dialog], .toast')) seen.add((d as HTMLElement).innerText);
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });

    for (const [button, done, shot] of [
      ['导出自查表', '自查表已生成', 'checklist-export-done'],
      ['导出案卷', '案卷已生成', 'binder-export-done'],
    ] as const) {
      await page.getByRole('button', { name: button }).click();
      await page.getByRole('button', { name: '开始导出' }).click();
      await page.locator('.outcome', { hasText: done }).waitFor({ timeout: 90_000 });
      await scan(shot);
      if (shot === 'checklist-export-done') checklistFile = await page.locator('.outcome .path').innerText();
      await page.getByRole('button', { name: '完成' }).click();
      await page.getByRole('dialog').waitFor({ state: 'detached' });
    }

    await page.getByRole('button', { name: '读回自查表' }).click();
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: '选择自查表文件' }).click();
    await (await chooser).setFiles(checklistFile);
    await page.locator('.checklist-return').waitFor();
    await scan('checklist-return-preview');
    await page.getByRole('dialog').getByRole('button', { name: '关闭', exact: true }).first().click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });

    await page.locator('table.records tbody tr', { hasText: '学雷锋志愿服务活动方案' }).first().click();
    await page.getByRole('button', { name: '撤销归档…' }).click();
    await page.locator('[name=withdrawReason]').waitFor();
    await scan('withdraw');
    await page.getByRole('button', { name: '取消', exact: true }).first().click();

    const [loose] = (await session.invoke('records.list', { year: YEAR, inbox: true })) as { id: number }[];
    await session.invoke('records.delete', { ids: [loose!.id] });
    await tab('设置').click();
    const restore = page.locator('.trash-list').getByRole('button', { name: '恢复', exact: true });
    await restore.waitFor();
    await scan('settings-trash');
    await restore.click();
    await page.locator('.toast', { hasText: '已恢复' }).first().waitFor();
    await scan('settings-restored');

    await tab('年度结转').click();
    await page.getByLabel('到新年度').fill(String(YEAR + 1));
    await page.getByRole('button', { name: `开始 ${YEAR + 1} 年度` }).click();
    await page.locator('.toast', { hasText: `已开始 ${YEAR + 1} 年度` }).first().waitFor();
    await scan('carry-over-done');

    const shown = await page.evaluate(() => [...(window as unknown as { dialogTexts: Set<string> }).dialogTexts]);
    expect(shown.some((t) => t.includes('正在'))).toBe(true);
    english.push(...latinIn('dialogs-seen', shown));
  });

  it('the welcome screen once the archive is closed, and a new archive\'s first step', async () => {
    await session.invoke('app.close', {});
    await page.goto(`${bridge.origin}/`);
    await page.getByText('最近使用的档案').waitFor();
    await scan('welcome');
    // A new archive asks for its index first.
    await session.invoke('app.create', { dir: path.join(root, '新档案'), unit: { name: '幸福社区居委会' } });
    await page.goto(`${bridge.origin}/`);
    await page.getByText('第二步：选择本年度使用的测评体系').waitFor();
    await scan('index-setup');
  });

  it('no screen shows an English word outside file names, codes and 文号', () => {
    expect(english).toEqual([]);
    expect(problems).toEqual([]);
  });
});
