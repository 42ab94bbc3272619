// The desktop app as a clerk uses it: the production build of the renderer in Debian's Chromium, talking to the
// real core through the HTTP bridge. Each step builds on the previous one, like a working session.
import { existsSync, promises as fs, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBridge, type Bridge } from '../../electron/bridge/server.js';
import { browserShell, Session } from '../../electron/host/session.js';
import { bridgeCall, buildRenderer, dragFiles, launchChromium, screenshot, seenProgress, stopAtFirstFailure, watchProgress } from './browser.js';
import { makeJpeg, makePdf } from '../support/sample-files.js';
import { editWorkbook, locateSheet } from '../support/workbook-edit.js';
import { LEDGER_HEADER, LEDGER_SHEET } from '../../electron/core/checklist/layout.js';

const YEAR = 2024;
const root = await fs.mkdtemp(path.join(os.tmpdir(), 'taizhang-e2e-'));
const archiveDir = path.join(root, '文明社区档案');
const configDir = path.join(root, 'config');
const inbox = path.join(root, 'inbox');

let browser: Browser;
let context: BrowserContext;
let page: Page;
let session: Session;
let bridge: Bridge;
let staticDir: string;
const problems: string[] = [];

async function startApp(): Promise<void> {
  session = new Session({ configDir, shell: browserShell });
  bridge = await startBridge({ session, staticDir });
  context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  page = await context.newPage();
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) problems.push(`console: ${m.text()}`);
    if (/Content Security Policy/i.test(m.text())) problems.push(`CSP: ${m.text()}`);
  });
  await page.goto(bridge.url);
}

async function stopApp(): Promise<void> {
  await context?.close();
  await bridge?.close();
  await session?.dispose();
}

const text = (selector: string) => page.locator(selector).first().innerText();
const badgeOf = (code: string) => page.locator(`.tree-row[data-code="${code}"] .badge`).first().innerText();
const countOf = async (code: string) => Number((await page.locator(`.tree-row[data-code="${code}"] .count`).allInnerTexts())[0] ?? 0);
/** The row of a record, by the start of its title (row text runs cells together: "照片1" + "照片2024…"). */
const row = (title: string) => page.locator('table.records tbody tr', { has: page.locator('td.col-title', { hasText: new RegExp(`^${title}`) }) });
const tab = (name: string) => page.getByRole('navigation', { name: '功能' }).getByRole('button', { name, exact: true });
const toast = (words: string) => page.locator('.toast', { hasText: words }).first().waitFor();
/** A call through the bridge from outside the page, as another window would make it. */
const api = (name: string, args: unknown): Promise<unknown> => bridgeCall(bridge, name, args);

beforeAll(async () => {
  staticDir = await buildRenderer(path.join(root, 'renderer'));
  await Promise.all([
    makeJpeg(path.join(inbox, '2024-03-05 学雷锋志愿服务活动照片1.jpg'), { width: 800, height: 600, colour: '#c0392b' }),
    makeJpeg(path.join(inbox, '2024-03-05 学雷锋志愿服务活动照片2.jpg'), { width: 800, height: 600, colour: '#2471a3' }),
    makePdf(path.join(inbox, '2024-03-01 学雷锋志愿服务活动方案.pdf'), { pages: 2, text: 'Activity plan' }),
    makePdf(path.join(inbox, '2024-03-05 学雷锋志愿服务活动签到表.pdf'), { pages: 1, text: 'Sign-in sheet' }),
    makeJpeg(path.join(inbox, '2024', '1.2 志愿服务', '2024-05-04 青年志愿者义诊活动', '义诊现场.jpg'), { width: 800, height: 600, colour: '#229954' }),
    makePdf(path.join(inbox, '2024', '1.2 志愿服务', '2024-05-04 青年志愿者义诊活动', '义诊活动总结.pdf'), { pages: 1, text: 'Clinic summary' }),
    makeJpeg(path.join(inbox, '2024', '未分类', '随手拍.jpg'), { width: 800, height: 600, colour: '#7d3c98' }),
  ]);
  browser = await launchChromium();
  await startApp();
}, 120_000);

afterAll(async () => {
  await stopApp();
  await browser?.close();
  await fs.rm(root, { recursive: true, force: true });
});

stopAtFirstFailure(() => page, 'failed-step');

// One step may wait for a whole binder export on a busy CI machine.
describe('the desktop app in a browser', { timeout: 150_000 }, () => {
  it('first run: refuses a bad folder in words, then creates the archive with the unit', async () => {
    await page.getByRole('button', { name: '新建档案' }).first().waitFor();
    await screenshot(page, '01-welcome');
    await fs.mkdir(path.join(root, 'not-empty'), { recursive: true });
    await fs.writeFile(path.join(root, 'not-empty', 'something.txt'), 'x');
    await page.fill('input[name=dir]', path.join(root, 'not-empty'));
    await page.fill('input[name=unitName]', '示例街道文明社区居民委员会');
    await page.fill('input[name=fonds]', 'Z001');
    await page.fill('input[name=filer]', '张敏');
    await page.fill('input[name=checker]', '李强');
    await page.locator('form button[type=submit]').click();
    await page.locator('.note-error', { hasText: '文件夹不是空的' }).waitFor();
    expect(await text('.note-error')).not.toMatch(/Error:|at .*\.ts/);
    await screenshot(page, '02-welcome-error');

    await page.fill('input[name=dir]', archiveDir);
    await page.locator('form button[type=submit]').click();
    await page.getByText('第二步：选择本年度使用的测评体系').waitFor();
    expect(existsSync(path.join(archiveDir, 'archive.db'))).toBe(true);
  });

  it("chooses the year's index and opens the main window", async () => {
    await page.fill('input[name=year]', String(YEAR));
    // Nothing is chosen for the clerk.
    expect(await page.getByRole('button', { name: '请先选择测评体系' }).isDisabled()).toBe(true);
    await page.getByRole('button', { name: /先用示例体系试用/ }).click();
    await screenshot(page, '03-index-setup');
    await page.getByRole('button', { name: '用示例体系开始试用' }).click();
    await page.locator('.tree-row[data-code="1.1.2"]').waitFor();
    expect(await text('.unit-name')).toBe('示例街道文明社区居民委员会');
    expect(await page.locator('.year-switch select').inputValue()).toBe(String(YEAR));
    expect(await badgeOf('1.1.2')).toBe('缺失');
    await screenshot(page, '04-main-empty');
  });

  it('files dropped onto an item land under it, and its badge changes', async () => {
    await page.locator('.tree-row[data-code="1.1.2"] .tree-label').click();
    await page.locator('.item-head h2', { hasText: '常态化开展文明实践活动' }).waitFor();
    const files = readdirSync(inbox).filter((f) => f.includes('.')).map((f) => path.join(inbox, f));
    await dragFiles(page, '.tree-row[data-code="1.1.2"]', files, false);
    await page.locator('.tree-row.drop-target[data-code="1.1.2"]').waitFor();
    await screenshot(page, '05-dragging-onto-item');
    await dragFiles(page, '.tree-row[data-code="1.1.2"]', files);
    await toast('已添加 4 件资料');
    await page.locator('table.records tbody tr').nth(3).waitFor();
    expect(await page.locator('table.records tbody tr').count()).toBe(4);
    await page.waitForFunction(() => document.querySelector('.tree-row[data-code="1.1.2"] .badge')?.textContent !== '缺失');
    expect(['部分', '齐全']).toContain(await badgeOf('1.1.2'));
    expect(await countOf('1.1.2')).toBe(4);
    const types = await page.locator('table.records tbody .col-type').allInnerTexts();
    expect(types.sort()).toEqual(['方案', '照片', '照片', '签到表'].sort());
  });

  it('fills a photo caption and links the photo to a second item, whose badge changes too', async () => {
    await row('学雷锋志愿服务活动照片1').click();
    await page.locator('.detail input[name="caption-subject"]').waitFor();
    await page.locator('.preview img').waitFor();
    await page.fill('input[name="caption-subject"]', '学雷锋志愿服务活动');
    await page.fill('input[name="caption-time"]', '2024年3月5日');
    await page.fill('input[name="caption-place"]', '社区党群服务中心');
    await page.fill('input[name="caption-people"]', '社区志愿者12人');
    await page.fill('input[name="caption-background"]', '服务中心门前');
    await page.fill('input[name="caption-photographer"]', '张敏');
    await page.fill('input[name="activity"]', '学雷锋志愿服务活动');
    expect(await badgeOf('1.2.1')).toBe('缺失');
    await page.getByRole('button', { name: '＋ 归入其他项目' }).click();
    await page.fill('input[aria-label="查找测评项目"]', '1.2.1');
    await page.locator('.picker-item', { hasText: '1.2.1' }).first().click();
    await page.locator('.chip', { hasText: '1.2.1' }).waitFor();
    await page.locator('input[name="caption-photographer"]').scrollIntoViewIfNeeded();
    await screenshot(page, '06-record-detail');
    await page.getByRole('button', { name: '保存修改' }).click();
    await toast('已保存');
    await page.waitForFunction(() => document.querySelector('.tree-row[data-code="1.2.1"] .badge')?.textContent !== '缺失');
    expect(await countOf('1.2.1')).toBe(1);
    expect(await page.locator('input[name="caption-place"]').inputValue()).toBe('社区党群服务中心');
  });

  it('previews a PDF in the window from the archive itself', async () => {
    await row('学雷锋志愿服务活动方案').locator('td.col-title').click();
    await page.locator('.preview').getByRole('button', { name: /在窗口中查看|查看全部/ }).click();
    const frame = page.locator('.preview-pdf iframe');
    await frame.waitFor();
    const src = await frame.getAttribute('src');
    expect(src).toMatch(/^\/preview\/[0-9a-f]{64}\/file$/);
    const res = await page.evaluate(async (url) => {
      const r = await fetch(url as string);
      return { status: r.status, type: r.headers.get('content-type'), head: new TextDecoder().decode((await r.arrayBuffer()).slice(0, 5)) };
    }, src);
    expect(res).toEqual({ status: 200, type: 'application/pdf', head: '%PDF-' });
    await screenshot(page, '07-pdf-preview');
  });

  it('Ctrl+Z undoes the last edit; Delete moves to the trash and the toast restores it', async () => {
    await page.fill('input[name="docNo"]', '临时文号');
    await page.getByRole('button', { name: '保存修改' }).click();
    await toast('已保存');
    await row('学雷锋志愿服务活动照片1').click();
    await page.keyboard.press('Control+z');
    await toast('已撤销');
    await page.waitForFunction(() => (document.querySelector('input[name="docNo"]') as HTMLInputElement | null)?.value === '');

    await row('学雷锋志愿服务活动照片2').click();
    await page.keyboard.press('Delete');
    await toast('移到回收站');
    await page.waitForFunction(() => document.querySelectorAll('table.records tbody tr').length === 3);
    await page.locator('.toast', { hasText: '移到回收站' }).getByRole('button', { name: '恢复' }).click();
    await page.waitForFunction(() => document.querySelectorAll('table.records tbody tr').length === 4);
  });

  it('reviews a folder import before it commits, then imports it', async () => {
    await page.locator('.tree-all .tree-label').click();
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: '导入文件夹…' }).click();
    await (await chooser).setFiles(path.join(inbox, '2024'));
    await page.getByRole('dialog', { name: '导入前请核对' }).waitFor();
    const rows = page.locator('.review-table tbody tr');
    expect(await rows.count()).toBe(3);
    expect(await page.locator('.review-table').innerText()).toContain('1.2');
    await screenshot(page, '08-import-review');
    await page.getByRole('button', { name: /确认导入/ }).click();
    // The file no folder places waits in the inbox (待归类) instead of being left out.
    await page.getByRole('dialog', { name: '导入文件夹：完成' }).waitFor();
    expect(await text('.dialog')).toContain('已添加 3 件资料，其中 1 件还没有归入测评项目，放在“待归类”里');
    await screenshot(page, '09-import-result');
    await page.getByRole('button', { name: '知道了' }).click();
    await page.waitForFunction(() => document.querySelectorAll('table.records tbody tr').length === 7);
    await screenshot(page, '10-main-filled');
  });

  it('shows the inbox in the tree and files from it by dragging a record onto an item', async () => {
    const inboxRow = page.locator('.tree-inbox');
    expect(await inboxRow.locator('.count').innerText()).toBe('1');
    await inboxRow.locator('.tree-label').click();
    await page.waitForFunction(() => document.querySelectorAll('table.records tbody tr').length === 1);
    expect(await text('.item-head h2')).toContain('待归类');
    await row('随手拍').dragTo(page.locator('.tree-row[data-code="1.3.1"]'));
    await toast('已把 1 件资料归入');
    await page.waitForFunction(() => document.querySelector('.tree-inbox .count')?.textContent === '0');
    await page.waitForFunction(() => document.querySelectorAll('table.records tbody tr').length === 0);
    expect(await countOf('1.3.1')).toBe(1);
    await screenshot(page, '10b-inbox-filed');
    await page.locator('.tree-all .tree-label').click();
    await page.waitForFunction(() => document.querySelectorAll('table.records tbody tr').length === 7);
  });

  it('bulk-edits selected records', async () => {
    await row('学雷锋志愿服务活动方案').locator('td.col-title').click();
    for (const title of ['学雷锋志愿服务活动照片2', '学雷锋志愿服务活动签到表']) await row(title).locator('input[type=checkbox]').check();
    expect(await text('.table-foot')).toContain('已选 3 件');
    await page.getByRole('button', { name: /批量修改/ }).click();
    await page.locator('.dialog input[placeholder="（不改）"]').fill('学雷锋志愿服务活动');
    await screenshot(page, '11-bulk-edit');
    await page.getByRole('button', { name: '应用到 3 件' }).click();
    await toast('已修改 3 件资料');
    await page.waitForFunction(() => [...document.querySelectorAll('table.records .col-activity')].filter((c) => c.textContent === '学雷锋志愿服务活动').length === 4);
  });

  it('shows a change made elsewhere at once, and refetches only the views that read it', async () => {
    const calls: string[] = [];
    page.on('request', (r) => {
      const m = /^\/api\/([a-z]+\.[A-Za-z]+)$/.exec(new URL(r.url()).pathname);
      if (m) calls.push(m[1] as string);
    });
    // A setting no view on this screen reads: nothing refetches.
    await api('backup.setSchedule', { keep: 7 });
    await page.waitForTimeout(1500);
    expect(calls).toEqual([]);
    // A record filed from elsewhere (another window, the CLI through the same service) appears without a reload.
    const photo = await makeJpeg(path.join(root, 'elsewhere', '另一处添加的照片.jpg'), { width: 640, height: 480, colour: '#117864' });
    const added = (await api('records.add', { files: [photo], year: YEAR, items: ['1.1.2'] })) as { records: { id: number }[] };
    await row('另一处添加的照片').waitFor();
    expect(calls).toContain('records.list');
    expect(calls).toContain('status.get');
    expect(calls).not.toContain('backup.schedule');
    expect(calls).not.toContain('index.editions');
    await api('records.delete', { ids: added.records.map((r) => r.id) });
    await row('另一处添加的照片').waitFor({ state: 'detached' });
  });

  it('shows every activity with 有方案/有签到/有照片/有总结 at a glance', async () => {
    await tab('活动').click();
    await page.locator('table.activities tbody tr', { hasText: '学雷锋志愿服务活动' }).waitFor();
    // 方案, 签到表 and 照片 are there; the summary is still missing.
    const marks = await page.locator('table.activities tbody tr', { hasText: '学雷锋志愿服务活动' }).locator('.col-mark').allInnerTexts();
    expect(marks).toEqual(['✓', '✓', '✓', '缺']);
    await screenshot(page, '12-activities');
  });

  it('marks an item the unit does not have as 不适用, and takes it back', async () => {
    await tab('资料').click();
    await page.locator('.tree-row[data-code="1.3.3"] .tree-label').click();
    await page.getByRole('button', { name: '本年度不适用' }).click();
    // The reason goes into the 自查表, so it is asked for.
    expect(await page.getByRole('button', { name: '确定不适用' }).isDisabled()).toBe(true);
    await page.getByLabel('不适用的原因').fill('本社区没有此类点位');
    await screenshot(page, '12b-not-applicable-reason');
    await page.getByRole('button', { name: '确定不适用' }).click();
    await page.waitForFunction(() => document.querySelector('.tree-row[data-code="1.3.3"] .badge')?.textContent === '不适用');
    expect(await text('.tree-summary')).toContain('不适用 1');
    await page.getByRole('button', { name: '恢复为需要材料' }).click();
    await page.waitForFunction(() => document.querySelector('.tree-row[data-code="1.3.3"] .badge')?.textContent === '缺失');
    await page.locator('.tree-all .tree-label').click();
  });

  it('归档 a selection after a preview of its numbers, and 撤销归档 with a reason', async () => {
    await row('学雷锋志愿服务活动方案').locator('td.col-title').click();
    await page.getByRole('button', { name: '归档所选…' }).click();
    const preview = page.getByRole('table', { name: '将要归档的资料' });
    await preview.waitFor();
    const code = (await preview.locator('tbody td.code').first().innerText()).trim();
    expect(code).toMatch(/·2024-D\d+-\d{2}-0001$/);
    await screenshot(page, '12c-archive-preview');
    await page.getByRole('button', { name: '确认归档（1 件）' }).click();
    await toast('已归档 1 件');
    await row('学雷锋志愿服务活动方案').locator('.col-status', { hasText: code }).waitFor();
    expect(await row('学雷锋志愿服务活动方案').locator('.col-status').innerText()).toContain('已归档');
    await page.locator('.identity dd.code', { hasText: code }).waitFor();

    await page.getByRole('button', { name: '撤销归档…' }).click();
    expect(await page.getByRole('button', { name: '确定撤销' }).isDisabled()).toBe(true);
    await page.getByLabel('撤销归档的原因').fill('归错项目');
    await page.getByRole('button', { name: '确定撤销' }).click();
    await toast(`档号 ${code} 作废`);
    await page.locator('.withdrawals', { hasText: '归错项目' }).waitFor();
    expect(await row('学雷锋志愿服务活动方案').locator('.col-status').innerText()).toContain('已归入');
    await screenshot(page, '12d-withdrawn');
  });

  it('exports a binder with a real progress bar and the warnings in words', async () => {
    await page.getByRole('button', { name: '导出案卷' }).click();
    await page.getByRole('dialog').waitFor();
    await page.waitForFunction(() => (document.querySelector('.dialog input[name=out]') as HTMLInputElement | null)?.value.includes('案卷'));
    // Nothing is archived yet: the dialog says so and offers to archive first.
    await page.locator('.dialog .note', { hasText: '还没有归档' }).waitFor();
    await page.getByLabel(/先归档这 \d+ 件/).check();
    await screenshot(page, '13-export-binder-options');
    const out = await page.locator('.dialog input[name=out]').inputValue();
    await watchProgress(page);
    await page.getByRole('button', { name: '开始导出' }).click();
    // A picture of the bar while it moves, when the export is slow enough to catch it (the values are asserted below).
    const during = page
      .locator('.dialog [role="progressbar"]')
      .waitFor({ timeout: 5_000 })
      .then(() => screenshot(page, '14-export-binder-progress'))
      .catch(() => undefined);
    await page.locator('.outcome', { hasText: '案卷已生成' }).waitFor({ timeout: 90_000 });
    await during;
    expect((await seenProgress(page)).some((t) => /第 \d+ \/ \d+ 个（\d+%）/.test(t))).toBe(true);
    await screenshot(page, '15-export-binder-done');
    expect(readdirSync(out).some((f) => f.endsWith('.pdf'))).toBe(true);
    expect(readdirSync(out)).toContain('2024年度归档文件目录.pdf');
    await page.getByRole('button', { name: '完成' }).click();
    // 归档 came first: the filed records now carry their 档号, and the withdrawn number was not given again.
    await page.locator('table.records .col-status', { hasText: '已归档' }).first().waitFor();
    expect(await row('学雷锋志愿服务活动方案').locator('.col-status').innerText()).toMatch(/已归档\s*\S+-0002$/);
  });

  it('exports the checklist beside the binder', async () => {
    await page.getByRole('button', { name: '导出自查表' }).click();
    await page.waitForFunction(() => (document.querySelector('.dialog input[name=out]') as HTMLInputElement | null)?.value.includes('2024年'));
    await watchProgress(page);
    await page.getByRole('button', { name: '开始导出' }).click();
    await page.locator('.outcome', { hasText: '自查表已生成' }).waitFor({ timeout: 60_000 });
    expect((await seenProgress(page)).some((t) => /第 \d+ \/ \d+ 个（\d+%）/.test(t))).toBe(true);
    const file = await text('.outcome .path');
    expect(file.endsWith('.xlsx') && existsSync(file)).toBe(true);
    await screenshot(page, '16-export-checklist-done');
    await page.getByRole('button', { name: '完成' }).click();
  });

  it('keeps the rectification ledger', async () => {
    await tab('整改台账').click();
    await page.getByRole('button', { name: '＋ 登记问题' }).click();
    await page.locator('.dialog textarea').first().fill('宣传栏公益广告破损，未及时更换');
    const inputs = page.locator('.dialog input');
    await inputs.nth(0).fill('社区东门宣传栏');
    await inputs.nth(1).fill('社区居委会');
    await inputs.nth(2).fill('王主任');
    await page.locator('.dialog input[type=date]').nth(1).fill('2024-06-30');
    await page.getByRole('button', { name: '保存' }).click();
    await page.locator('table.ledger tbody tr', { hasText: '宣传栏公益广告破损' }).waitFor();
    await screenshot(page, '17-ledger');

    // Link a filed record as proof (佐证资料), then find it still linked when the row is opened again.
    await page.locator('table.ledger tbody tr', { hasText: '宣传栏公益广告破损' }).click();
    await page.getByLabel('查找佐证资料').fill('义诊');
    await page.getByRole('button', { name: '查找', exact: true }).click();
    await page.locator('.evidence-hits li', { hasText: '义诊活动总结' }).getByRole('button', { name: '关联' }).click();
    await screenshot(page, '17b-ledger-evidence');
    await page.getByRole('button', { name: '保存' }).click();
    await page.locator('table.ledger tbody tr', { hasText: '宣传栏公益广告破损' }).click();
    await page.locator('.evidence .chip', { hasText: '义诊活动总结' }).waitFor();
    await page.getByRole('button', { name: '取消' }).click();
  });

  it('reads back a checklist edited in another program: two ledger edits, stored after the preview', async () => {
    await page.getByRole('button', { name: '导出自查表' }).click();
    await page.waitForFunction(() => (document.querySelector('.dialog input[name=out]') as HTMLInputElement | null)?.value.includes('2024年'));
    await page.getByRole('button', { name: '开始导出' }).click();
    await page.locator('.outcome', { hasText: '自查表已生成' }).waitFor({ timeout: 60_000 });
    const exported = await text('.outcome .path');
    await page.getByRole('button', { name: '完成' }).click();
    const ledger = await locateSheet(exported, LEDGER_SHEET, [3], LEDGER_HEADER.id);
    const firstLedgerRow = 4;
    const edited = editWorkbook(exported, path.join(root, '自查表（已填）.xlsx'), [
      ['set', LEDGER_SHEET, `${ledger.col(LEDGER_HEADER.state)}${firstLedgerRow}`, '已整改'],
      ['set', LEDGER_SHEET, `${ledger.col(LEDGER_HEADER.progress)}${firstLedgerRow}`, '已更换宣传栏画面'],
    ]);

    await page.getByRole('button', { name: '读回自查表' }).click();
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: '选择自查表文件' }).click();
    await (await chooser).setFiles(edited);
    await page.locator('.checklist-return', { hasText: '修改 2 处' }).waitFor();
    expect(await text('.checklist-return')).toContain('已更换宣传栏画面');
    await screenshot(page, '17c-checklist-return');
    await page.getByRole('button', { name: /写入档案/ }).click();
    await page.locator('.dialog', { hasText: '已写入 2 处修改' }).waitFor();
    await page.getByRole('button', { name: '完成' }).click();
    await tab('整改台账').click();
    await page.locator('table.ledger tbody tr', { hasText: '已整改' }).waitFor();
  });

  it('manages the index: the items of an edition, and editing one', async () => {
    await tab('测评体系').click();
    await page.locator('table.index-items tbody tr').first().waitFor();
    await page.locator('table.index-items tbody tr', { hasText: '1.1.2' }).click();
    await page.getByRole('dialog', { name: '修改条目 1.1.2' }).waitFor();
    await screenshot(page, '18-index-edit-item');
    await page.getByRole('button', { name: '取消' }).click();
    await screenshot(page, '19-index');
  });

  it('carries over into a new year; searching two characters finds the past-year record with its item path', async () => {
    await tab('年度结转').click();
    await page.locator('.years-layout').waitFor();
    await screenshot(page, '20-years');
    await page.getByRole('button', { name: `开始 ${YEAR + 1} 年度` }).click();
    await toast(`已开始 ${YEAR + 1} 年度`);
    await page.waitForFunction((y) => (document.querySelector('.year-switch select') as HTMLSelectElement).value === String(y), YEAR + 1);

    await tab('资料').click();
    await page.keyboard.press('Control+f');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('搜索全部年度的资料');
    await page.keyboard.type('义诊');
    const hit = page.locator('.search-hit', { hasText: '义诊活动总结' });
    await hit.waitFor();
    expect(await hit.innerText()).toContain(`${YEAR}年`);
    expect(await hit.locator('.search-path').first().innerText()).toContain('1.2');
    await screenshot(page, '21-search');
    await hit.click();
    await page.waitForFunction((y) => (document.querySelector('.year-switch select') as HTMLSelectElement).value === String(y), YEAR);
    await page.locator('.detail textarea[name=title]').waitFor();
    expect(await page.locator('.detail textarea[name=title]').inputValue()).toContain('义诊活动总结');
  });

  it('settings: the unit, the trash, archive safety and the automatic backup into another folder', async () => {
    await tab('设置').click();
    await page.locator('.settings-grid').waitFor();
    await screenshot(page, '22-settings');
    const card = page.locator('.card.auto-backup');
    await card.locator('input[name=backupKeep]').waitFor();
    expect(await card.locator('input[name=backupKeep]').inputValue()).toBe('7');
    const usb = path.join(root, 'U盘', '台账备份');
    await card.locator('input[name=backupFolder]').fill(usb);
    await card.locator('input[name=backupKeep]').fill('5');
    await card.getByRole('button', { name: '保存设置' }).click();
    await toast('自动备份设置已保存');
    await card.getByRole('button', { name: '立即备份' }).click();
    await card.locator('.note', { hasText: '已备份到' }).waitFor({ timeout: 60_000 });
    expect(readdirSync(usb).filter((n) => /^台账备份-\d{8}-\d{6}\.zip$/.test(n))).toHaveLength(1);
    expect(((await api('backup.schedule', {})) as { keep: number; folder: string }).folder).toBe(usb);
    await screenshot(page, '22b-auto-backup');
  });

  it('the archive service dies: the window stays up, says so in Chinese, and the service comes back checked', async () => {
    session.service.current?.kill();
    await toast('档案服务意外退出，已重新启动，正在检查档案');
    await toast('档案服务已恢复');
    await tab('资料').click();
    await page.locator('.tree-row[data-code="1.1.2"] .tree-label').click();
    await row('学雷锋志愿服务活动方案').waitFor();
    expect(await countOf('1.1.2')).toBe(4);
  });

  it('reopens the archive after a restart and finds everything still there', async () => {
    await stopApp();
    await startApp();
    await page.locator('.recent-open', { hasText: '示例街道文明社区居民委员会' }).click();
    await page.locator('.tree-row[data-code="1.1.2"]').waitFor();
    await page.locator('.year-switch select').selectOption(String(YEAR));
    await page.locator('.tree-row[data-code="1.2.1"] .tree-label').click();
    await row('学雷锋志愿服务活动照片1').click();
    await page.locator('input[name="caption-place"]').waitFor();
    expect(await page.locator('input[name="caption-place"]').inputValue()).toBe('社区党群服务中心');
    expect(await page.locator('input[name="caption-photographer"]').inputValue()).toBe('张敏');
    expect(await countOf('1.1.2')).toBe(4);
    await screenshot(page, '23-reopened');
    // A maximised window on a 1366×768 screen under Windows' taskbar, title bar and menu.
    await page.setViewportSize({ width: 1366, height: 660 });
    await screenshot(page, '24-main-1366x660');
    expect(problems).toEqual([]);
  });
});
