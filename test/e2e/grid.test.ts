// The thumbnail grid as a clerk uses it after a busy month of photos: the production renderer in Debian's Chromium at
// 1366×768, on the real core through the HTTP bridge. The steps build on each other, like one working session.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Edition } from '../../shared/api/index.js';
import type { RecordDetail, RecordSummary } from '../../shared/api/records.js';
import { bridgeCall, buildRenderer, dragFiles, launchChromium, openBrowserApp, screenshot, stopAtFirstFailure, type BrowserApp } from './browser.js';
import { makeJpeg, makePdf } from '../support/sample-files.js';

const YEAR = 2024;
const PHOTOS = 30;
const root = await fs.mkdtemp(path.join(os.tmpdir(), 'taizhang-grid-'));
const archiveDir = path.join(root, '文明社区档案');
const inbox = path.join(root, 'inbox');

let browser: Browser;
let app: BrowserApp;
let page: Page;

const api = (name: string, args: unknown) => bridgeCall(app.bridge, name, args);
const records = async () => (await api('records.list', { year: YEAR })) as RecordSummary[];
const tiles = () => page.locator('.record-grid .tile');
const tile = (n: number) => tiles().nth(n);
const selectedTiles = () => page.locator('.record-grid .tile.selected');
const toast = (words: string) => page.locator('.toast', { hasText: words }).first().waitFor();
const countOf = async (code: string) => Number((await page.locator(`.tree-row[data-code="${code}"] .count`).allInnerTexts())[0] ?? 0);
const tileCount = (n: number) => page.waitForFunction((n) => document.querySelectorAll('.record-grid .tile').length === n, n);
const tileId = async (n: number) => Number(await tile(n).getAttribute('data-record'));
const menu = () => page.getByRole('menu');

beforeAll(async () => {
  const staticDir = await buildRenderer(path.join(root, 'renderer'));
  // Each photo its own colour: the same bytes would be stored once, as a duplicate.
  const colour = (i: number) => `hsl(${(i * 37) % 360}, 55%, ${40 + (i % 3) * 10}%)`;
  await Promise.all([
    ...Array.from({ length: PHOTOS }, (_, i) =>
      makeJpeg(path.join(inbox, `2024-03-${String(5 + (i % 20)).padStart(2, '0')} 学雷锋志愿服务活动照片${i + 1}.jpg`), {
        width: 800,
        height: 600,
        colour: colour(i),
      }),
    ),
    makePdf(path.join(inbox, '2024-03-01 学雷锋志愿服务活动方案.pdf'), { pages: 2, text: 'Activity plan' }),
    makePdf(path.join(inbox, '2024-03-05 学雷锋志愿服务活动签到表.pdf'), { pages: 1, text: 'Sign-in sheet' }),
  ]);
  browser = await launchChromium();
  app = await openBrowserApp(browser, { configDir: path.join(root, 'config'), staticDir });
  page = app.page;
  await api('app.create', { dir: archiveDir, unit: { name: '示例街道文明社区居民委员会', fonds: 'Z001' } });
  const editions = (await api('index.editions', {})) as Edition[];
  await api('archive.setYear', { year: YEAR, editionId: editions.find((e) => e.isExample)?.id });
  await page.goto(app.bridge.url);
  await page.locator('.tree-row[data-code="1.1.2"]').waitFor();
}, 180_000);

afterAll(async () => {
  await app?.close();
  await browser?.close();
  await fs.rm(root, { recursive: true, force: true });
});

stopAtFirstFailure(() => page, 'grid-failed-step');

describe('the thumbnail grid, selection, right-click menu and keys', { timeout: 120_000 }, () => {
  it('after an import the new records are shown and marked, not left selected', async () => {
    await page.locator('.tree-row[data-code="1.1.2"] .tree-label').click();
    const files = (await fs.readdir(inbox)).map((f) => path.join(inbox, f));
    await dragFiles(page, '.tree-row[data-code="1.1.2"]', files);
    await toast(`已添加 ${PHOTOS + 2} 件资料`);
    await page.waitForFunction((n) => document.querySelectorAll('table.records tbody tr').length === n, PHOTOS + 2);
    expect(await page.locator('table.records tbody tr.selected').count()).toBe(0);
    expect(await page.locator('table.records tbody tr.fresh').count()).toBe(PHOTOS + 2);
    expect(await page.locator('.table-foot').innerText()).not.toContain('已选');
    // Nothing selected, so Delete right after an import takes nothing away.
    await page.keyboard.press('Delete');
    expect((await records()).length).toBe(PHOTOS + 2);
  });

  it('switches to the grid: thumbnails for photos, a type and page count for documents, title, date and state', async () => {
    await page.getByRole('group', { name: '显示方式' }).getByRole('button', { name: '缩略图' }).click();
    await tileCount(PHOTOS + 2);
    expect(await page.locator('table.records').count()).toBe(0);
    // The core's own thumbnails, through the preview route, really decoded.
    await page.waitForFunction(() => {
      const imgs = [...document.querySelectorAll<HTMLImageElement>('.record-grid .tile-picture img')].slice(0, 8);
      return imgs.length === 8 && imgs.every((i) => i.complete && i.naturalWidth > 0);
    });
    const src = await page.locator('.record-grid .tile-picture img').first().getAttribute('src');
    expect(src).toMatch(/^\/preview\/[0-9a-f]{64}\/thumb$/);
    const plan = page.locator('.tile', { hasText: '学雷锋志愿服务活动方案' });
    expect(await plan.locator('.tile-doc').innerText()).toMatch(/方案\s*2 页/);
    expect(await plan.locator('img').count()).toBe(0);
    const first = tile(0);
    expect(await first.locator('.tile-meta').innerText()).toMatch(/2024-03-0\d\s*已归入/);
    // A long title is cut with an ellipsis inside the tile, never widening it.
    const fits = await first.locator('.tile-title').evaluate((el) => getComputedStyle(el).textOverflow === 'ellipsis' && el.scrollWidth >= el.clientWidth);
    expect(fits).toBe(true);
    await screenshot(page, 'grid-01-tiles');
  });

  it('changes the tile size with the slider, and remembers the view and the size', async () => {
    const before = (await tile(0).boundingBox())!.width;
    await page.locator('input[name="tileSize"]').fill('240');
    await page.waitForFunction((w) => document.querySelector('.record-grid .tile')!.getBoundingClientRect().width > w + 20, before);
    const after = (await tile(0).boundingBox())!.width;
    expect(after).toBeGreaterThanOrEqual(240);
    expect(after / before).toBeGreaterThan(1.2);
    await screenshot(page, 'grid-02-large-tiles');

    await page.reload();
    await page.locator('.tree-row[data-code="1.1.2"] .tree-label').click();
    await tileCount(PHOTOS + 2);
    expect(await page.locator('input[name="tileSize"]').inputValue()).toBe('240');
    expect(await page.getByRole('button', { name: '缩略图', pressed: true }).count()).toBe(1);
    await page.locator('input[name="tileSize"]').fill('160');
    await page.waitForFunction((w) => document.querySelector('.record-grid .tile')!.getBoundingClientRect().width < w - 20, after);
  });

  it('selects with click, Ctrl+click, Shift+click and Ctrl+A, the same selection as the list', async () => {
    await tile(0).click();
    expect(await selectedTiles().count()).toBe(1);
    await tile(2).click({ modifiers: ['Control'] });
    expect(await selectedTiles().count()).toBe(2);
    // The range runs from the last Ctrl+click.
    await tile(5).click({ modifiers: ['Shift'] });
    const ids = await Promise.all([2, 3, 4, 5].map(tileId));
    expect(await selectedTiles().evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-record'))))).toEqual(ids);
    expect(await page.locator('.table-foot').innerText()).toContain('已选 4 件');
    await tile(3).click({ modifiers: ['Control'] });
    expect(await selectedTiles().count()).toBe(3);

    await page.keyboard.press('Control+a');
    await page.waitForFunction((n) => document.querySelectorAll('.record-grid .tile.selected').length === n, PHOTOS + 2);
    expect(await page.locator('.table-foot').innerText()).toContain(`已选 ${PHOTOS + 2} 件`);
    await screenshot(page, 'grid-03-all-selected');

    // The list shows the same selection, and its Shift+click follows the same rule.
    await page.getByRole('button', { name: '列表' }).click();
    expect(await page.locator('table.records tbody tr.selected').count()).toBe(PHOTOS + 2);
    await page.locator('table.records tbody tr').nth(1).locator('td.col-title').click();
    await page.locator('table.records tbody tr').nth(4).locator('td.col-title').click({ modifiers: ['Shift'] });
    expect(await page.locator('table.records tbody tr.selected').count()).toBe(4);
    await page.getByRole('button', { name: '缩略图' }).click();
    expect(await selectedTiles().count()).toBe(4);
  });

  it('arrow keys move the focus and the selection through the grid, Shift+arrows stretch it', async () => {
    await tile(0).click();
    const columns = await page.evaluate(() => {
      const tiles = [...document.querySelectorAll<HTMLElement>('.record-grid .tile')];
      return tiles.findIndex((t) => t.offsetTop !== tiles[0]!.offsetTop);
    });
    expect(columns).toBeGreaterThan(1);
    await page.keyboard.press('ArrowRight');
    expect(await selectedTiles().evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-record'))))).toEqual([await tileId(1)]);
    await page.keyboard.press('ArrowDown');
    expect(await tile(1 + columns).evaluate((el) => el === document.activeElement && el.classList.contains('selected'))).toBe(true);
    await page.keyboard.press('Shift+ArrowLeft');
    expect(await selectedTiles().count()).toBe(2);
    await page.keyboard.press('Control+ArrowLeft');
    expect(await tile(columns - 1).evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await selectedTiles().count()).toBe(2);
    await page.keyboard.press(' ');
    expect(await selectedTiles().count()).toBe(3);
  });

  it('keys do not act on the records while typing in a field', async () => {
    await tile(0).click();
    await tile(3).click({ modifiers: ['Shift'] });
    const filter = page.locator('input[aria-label="筛选资料"]');
    await filter.fill('照片');
    await page.keyboard.press('Control+a');
    await page.keyboard.press('F2');
    expect(await page.locator('.table-foot').innerText()).toContain('已选 4 件');
    expect(await page.locator('.inline-rename').count()).toBe(0);
    expect(await filter.evaluate((el: HTMLInputElement) => [el.selectionStart, el.selectionEnd])).toEqual([0, 2]);
    await filter.fill('');
    await tileCount(PHOTOS + 2);
  });

  it('refiles tiles by dragging them onto a tree item', async () => {
    await tile(0).click();
    await tile(2).click({ modifiers: ['Shift'] });
    const moved = await Promise.all([0, 1, 2].map(tileId));
    await tile(1).dragTo(page.locator('.tree-row[data-code="1.2.1"]'));
    await toast('已把 3 件资料归入');
    await tileCount(PHOTOS - 1);
    await page.waitForFunction(() => Number(document.querySelector('.tree-row[data-code="1.2.1"] .count')?.textContent) === 3);
    const filed = (await records()).filter((r) => moved.includes(r.id));
    expect(filed.map((r) => r.items.map((i) => i.code))).toEqual([['1.2.1'], ['1.2.1'], ['1.2.1']]);
  });

  it('opens the right-click menu inside the window; Esc, a click outside and the keyboard work it', async () => {
    await tile(0).click({ button: 'right' });
    await menu().waitFor();
    const labels = await menu().getByRole('menuitem').allInnerTexts();
    expect(labels.map((l) => l.split('\n')[0])).toEqual(['归入项目…', '批量修改…', '设为活动…', '重命名', '移到回收站', '在文件夹中显示']);
    expect(await menu().getByRole('menuitem').first().evaluate((el) => el === document.activeElement)).toBe(true);
    await screenshot(page, 'grid-04-context-menu');
    await page.keyboard.press('Escape');
    await menu().waitFor({ state: 'detached' });

    // At the window's bottom-right corner the menu moves back inside.
    await tile(0).dispatchEvent('contextmenu', { clientX: 1360, clientY: 762, button: 2 });
    await menu().waitFor();
    const box = (await menu().boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(1366);
    expect(box.y + box.height).toBeLessThanOrEqual(768);
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.y).toBeGreaterThanOrEqual(0);
    await page.mouse.click(700, 140);
    await menu().waitFor({ state: 'detached' });

    // From the keyboard alone: Shift+F10 on the focused tile, arrows, Esc; focus comes back to the tile.
    await tile(0).focus();
    await page.keyboard.press('Shift+F10');
    await menu().waitFor();
    await page.keyboard.press('ArrowDown');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('批量修改…');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toMatch(/^在文件夹中显示/);
    await page.keyboard.press('Escape');
    await menu().waitFor({ state: 'detached' });
    expect(await tile(0).evaluate((el) => el === document.activeElement)).toBe(true);
  });

  it('在文件夹中显示 says in the browser where a readable copy of the file is, never a hash, copies its location and downloads it under its own name', async () => {
    await tile(0).click();
    const id = await tileId(0);
    const detail = (await api('records.get', { id })) as RecordDetail;
    await tile(0).click({ button: 'right' });
    await menu().getByRole('menuitem', { name: '在文件夹中显示' }).click();
    const where = page.getByRole('dialog', { name: `「${detail.title}」的文件在哪里` });
    await where.waitFor();
    const [file] = detail.fileList;
    const [folder, name] = await where.locator('dd.location').allInnerTexts();
    // A folder a clerk can read: 查看副本 / 年度 / 测评项目, and the copy named by the title with its extension.
    expect(path.relative(archiveDir, folder!).split(path.sep).slice(0, 2)).toEqual(['查看副本', `${detail.year}年`]);
    expect(name).toBe(`${detail.title}${path.extname(file!.name)}`);
    const text = await where.innerText();
    expect(text).not.toMatch(/[0-9a-f]{16,}/i);
    expect(text).toContain('副本');
    expect(text).toContain('不会改变档案');
    expect(await where.getByText(file!.name, { exact: true }).count()).toBe(1);
    // The folder it names is real, and holds a copy of the very file.
    expect((await fs.stat(path.join(folder!, name!))).size).toBe(file!.size);
    expect(await where.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    await screenshot(page, 'grid-04b-file-location');

    await app.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.bridge.origin });
    await where.getByRole('button', { name: '复制位置' }).click();
    await toast(`已复制「${file!.name}」副本的位置`);
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(path.join(folder!, name!));

    const [download] = await Promise.all([page.waitForEvent('download'), where.getByRole('link', { name: '下载此文件' }).click()]);
    expect(download.suggestedFilename()).toBe(file!.name);
    expect((await fs.stat((await download.path())!)).size).toBe(file!.size);
    await where.getByRole('button', { name: '关闭', exact: true }).first().click();
    await where.waitFor({ state: 'detached' });

    // Several records at once: the entry is there, and says why it cannot act.
    await tile(1).click({ modifiers: ['Shift'] });
    await tile(1).click({ button: 'right' });
    const several = menu().getByRole('menuitem', { name: '在文件夹中显示' });
    expect(await several.isDisabled()).toBe(true);
    await page.keyboard.press('Escape');
    await menu().waitFor({ state: 'detached' });
  });

  it('归入项目 from the menu refiles the selection through the item picker', async () => {
    await tile(0).click();
    await tile(1).click({ modifiers: ['Control'] });
    const ids = await Promise.all([0, 1].map(tileId));
    await tile(1).click({ button: 'right' });
    await menu().getByRole('menuitem', { name: '归入项目…' }).click();
    await page.getByRole('dialog', { name: '把 2 件资料归入测评项目' }).waitFor();
    await page.fill('input[aria-label="查找测评项目"]', '1.3.1');
    await page.locator('.picker-item', { hasText: '1.3.1' }).first().click();
    await toast('已把 2 件资料归入');
    await tileCount(PHOTOS - 3);
    await page.waitForFunction(() => Number(document.querySelector('.tree-row[data-code="1.3.1"] .count')?.textContent) === 2);
    expect(await countOf('1.3.1')).toBe(2);
    expect((await records()).filter((r) => ids.includes(r.id)).every((r) => r.items.map((i) => i.code).join() === '1.3.1')).toBe(true);
  });

  it('设为活动 sets one activity on every selected record', async () => {
    await tile(0).click();
    await tile(2).click({ modifiers: ['Shift'] });
    const ids = await Promise.all([0, 1, 2].map(tileId));
    await tile(2).click({ button: 'right' });
    await menu().getByRole('menuitem', { name: '设为活动…' }).click();
    const dialog = page.getByRole('dialog', { name: '设为活动（3 件）' });
    await dialog.locator('input[name="activityName"]').fill('学雷锋志愿服务活动');
    await screenshot(page, 'grid-05-activity-prompt');
    await dialog.getByRole('button', { name: '设为此活动' }).click();
    await toast('已把 3 件资料设为活动「学雷锋志愿服务活动」');
    const set = (await records()).filter((r) => ids.includes(r.id));
    expect(set.map((r) => r.activity)).toEqual(['学雷锋志愿服务活动', '学雷锋志愿服务活动', '学雷锋志愿服务活动']);
  });

  it('移到回收站 from the menu, then 恢复 brings the records back', async () => {
    const before = await tiles().count();
    await tile(3).click();
    await tile(4).click({ modifiers: ['Control'] });
    await tile(4).click({ button: 'right' });
    await menu().getByRole('menuitem', { name: /移到回收站/ }).click();
    await toast('已把 2 件资料移到回收站');
    await tileCount(before - 2);
    expect((await records()).length).toBe(PHOTOS);
    await page.locator('.toast', { hasText: '移到回收站' }).getByRole('button', { name: '恢复' }).click();
    await tileCount(before);
    expect((await records()).length).toBe(PHOTOS + 2);
  });

  it('F2 renames one record in its tile: Enter saves, Esc keeps the old title', async () => {
    await tile(0).click();
    const id = await tileId(0);
    const old = ((await api('records.get', { id })) as RecordDetail).title;
    await page.keyboard.press('F2');
    const field = tile(0).locator('input.inline-rename');
    await field.waitFor();
    expect(await field.inputValue()).toBe(old);
    await field.fill('不要的题名');
    await page.keyboard.press('Escape');
    await field.waitFor({ state: 'detached' });
    expect(((await api('records.get', { id })) as RecordDetail).title).toBe(old);

    await page.keyboard.press('F2');
    await field.fill('社区志愿者清扫楼道');
    await screenshot(page, 'grid-06-inline-rename');
    await page.keyboard.press('Enter');
    await toast('已改名为「社区志愿者清扫楼道」');
    await page.locator('.tile', { hasText: '社区志愿者清扫楼道' }).waitFor();
    expect(((await api('records.get', { id })) as RecordDetail).title).toBe('社区志愿者清扫楼道');

    // 重命名 in the menu does the same.
    await tile(1).click({ button: 'right' });
    await menu().getByRole('menuitem', { name: /重命名/ }).click();
    await tile(1).locator('input.inline-rename').fill('社区志愿者清扫楼道（二）');
    await page.keyboard.press('Enter');
    await toast('已改名为「社区志愿者清扫楼道（二）」');
  });

  it('Enter opens the focused record, and Ctrl+S saves the edits made in the detail', async () => {
    await page.keyboard.press('Control+a');
    const id = await tileId(5);
    await tile(5).focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelectorAll('.record-grid .tile.selected').length === 1);
    expect(await tile(5).getAttribute('class')).toContain('selected');
    const docNo = page.locator('.detail input[name="docNo"]');
    await docNo.waitFor();
    await docNo.fill('文明办〔2024〕3号');
    await page.keyboard.press('Control+s');
    await toast('已保存');
    expect(((await api('records.get', { id })) as RecordDetail).docNo).toBe('文明办〔2024〕3号');
    await screenshot(page, 'grid-07-detail-saved');
  });

  it('the list has the same menu and the same rename, and the view stays a list once chosen', async () => {
    await page.getByRole('button', { name: '列表' }).click();
    const rows = page.locator('table.records tbody tr');
    await rows.nth(2).locator('td.col-title').click({ button: 'right' });
    await menu().waitFor();
    expect((await menu().getByRole('menuitem').allInnerTexts()).map((l) => l.split('\n')[0])).toEqual(['归入项目…', '批量修改…', '设为活动…', '重命名', '移到回收站', '在文件夹中显示']);
    expect(await rows.nth(2).getAttribute('class')).toContain('selected');
    await screenshot(page, 'grid-08-list-menu');
    await page.keyboard.press('Escape');
    await menu().waitFor({ state: 'detached' });
    const id = Number(await rows.nth(2).getAttribute('data-record'));
    await page.keyboard.press('F2');
    await rows.nth(2).locator('input.inline-rename').fill('社区志愿者清扫楼道（三）');
    await page.keyboard.press('Enter');
    await toast('已改名为「社区志愿者清扫楼道（三）」');
    expect(((await api('records.get', { id })) as RecordDetail).title).toBe('社区志愿者清扫楼道（三）');
    await page.reload();
    await page.locator('.tree-row[data-code="1.1.2"] .tree-label').click();
    await page.locator('table.records tbody tr').nth(PHOTOS - 4).waitFor();
    expect(await page.locator('.record-grid').count()).toBe(0);
  });

  it('left no error in the page', () => {
    expect(app.problems).toEqual([]);
  });
});
