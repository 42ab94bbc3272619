// A busy month of phone photos, filed as a clerk files them: 200 photos named by cameras and WeChat (and one HEIC)
// dropped onto an item, then captioned and renamed in batch. The production renderer in Debian's Chromium at
// 1366×768, over the HTTP bridge to the real core.
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startBridge, type Bridge } from '../../electron/bridge/server.js';
import { createCore } from '../../electron/core/api/core.js';
import { initArchive } from '../../electron/core/archive/init.js';
import { browserShell, Session } from '../../electron/host/session.js';
import type { Activity, RecordDetail, RecordSummary } from '../../shared/api/records.js';
import { CAPTION_FIELDS } from '../../shared/domain/record.js';
import { buildRenderer, closeAll, dragFiles, launchChromium, screenshot, seenProgress, stopAtFirstFailure, watchProgress } from './browser.js';
import { makeJpeg } from '../support/sample-files.js';

const YEAR = 2025;
const ITEM = '1.1.2';
const ACTIVITY = '学雷锋志愿服务活动';
const root = await fs.mkdtemp(path.join(os.tmpdir(), 'taizhang-e2e-photos-'));
const archiveDir = path.join(root, '和平社区档案');
const phone = path.join(root, '手机照片');

let browser: Browser;
let page: Page;
let session: Session;
let bridge: Bridge;
const problems: string[] = [];

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
/** 2025-03-05 at 09:00 plus `minutes`, in Shanghai, as the phone's clock had it. */
function moment(minutes: number): { digits: string; dashed: string; ms: number; exif: string } {
  const d = new Date(Date.UTC(2025, 2, 5, 1, 0) + minutes * 60_000 + (minutes % 60) * 1000);
  const local = new Date(d.getTime() + 8 * 3600_000);
  const [y, mo, da, h, mi, s] = [local.getUTCFullYear(), local.getUTCMonth() + 1, local.getUTCDate(), local.getUTCHours(), local.getUTCMinutes(), local.getUTCSeconds()];
  return {
    digits: `${y}${pad(mo)}${pad(da)}${pad(h)}${pad(mi)}${pad(s)}`,
    dashed: `${y}-${pad(mo)}-${pad(da)}-${pad(h)}-${pad(mi)}-${pad(s)}`,
    ms: d.getTime() + 345,
    exif: `${y}:${pad(mo)}:${pad(da)} ${pad(h)}:${pad(mi)}:${pad(s)}`,
  };
}

/** The names phones and chat apps give photos, in the proportions a community's month brings. */
function phoneName(i: number): string {
  const m = moment(i);
  const kinds = [
    () => `IMG_${m.digits.slice(0, 8)}_${m.digits.slice(8)}.jpg`,
    () => `mmexport${m.ms}.jpg`,
    () => `wx_camera_${m.ms}.jpg`,
    () => `微信图片_${m.digits}.jpg`,
    () => `Screenshot_${m.dashed}-${pad(i % 1000, 3)}_com.tencent.mm.jpg`,
    () => `DSC_${pad(i + 1, 4)}.JPG`,
    () => `PXL_${m.digits.slice(0, 8)}_${m.digits.slice(8)}${pad(i % 1000, 3)}.jpg`,
  ];
  return kinds[i % kinds.length]!();
}

const PHOTOS = 200;
/** Cameras keep EXIF; WeChat strips it. Every fifth camera photo also names its photographer. */
const hasExif = (name: string) => /^(IMG|DSC|PXL)_/.test(name);

async function call<T>(name: string, args: unknown): Promise<T> {
  return (await session.invoke(name, args)) as T;
}
const toast = (words: string) => page.locator('.toast', { hasText: words }).first().waitFor({ timeout: 60_000 });
const allRecords = () => call<RecordSummary[]>('records.list', { year: YEAR });

beforeAll(async () => {
  const staticDir = await buildRenderer(path.join(root, 'renderer'));
  const files: Promise<string>[] = [];
  for (let i = 0; i < PHOTOS; i += 1) {
    const name = phoneName(i);
    const exif = hasExif(name);
    // Distinct colours: the same bytes twice would be filed once, as a duplicate.
    files.push(
      makeJpeg(path.join(phone, name), {
        // Phone screenshots are tall and big: the bar stays on their long names a moment.
        ...(name.startsWith('Screenshot_') ? { width: 720, height: 1600 } : { width: 320, height: 240 }),
        colour: `rgb(${(i * 37) % 256}, ${(i * 91) % 256}, ${(i * 53 + 40) % 256})`,
        ...(exif ? { taken: moment(i).exif } : {}),
        ...(exif && i % 5 === 0 ? { artist: '张敏' } : {}),
      }),
    );
  }
  await Promise.all(files);
  // A real HEIC, as iPhones and many Android phones save them.
  const heicSource = await makeJpeg(path.join(root, 'heic-source.jpg'), { width: 640, height: 480, colour: '#2e86c1' });
  execFileSync('heif-enc', [heicSource, '-o', path.join(phone, 'IMG_20250305_120000.heic')], { stdio: 'ignore' });

  const core = createCore(await initArchive(archiveDir, { name: '和平社区居民委员会', fonds: 'Z001', filer: '张敏', checker: '李强' }));
  await core.api['archive.setYear']({ year: YEAR });
  core.close();
  session = new Session({ configDir: path.join(root, 'config'), shell: browserShell });
  await session.openArchive(archiveDir);
  bridge = await startBridge({ session, staticDir });
  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  page = await context.newPage();
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) problems.push(`console: ${m.text()}`);
  });
  await page.goto(bridge.url);
}, 15 * 60_000);

afterAll(() => closeAll({ browser, bridge, session, root }));

stopAtFirstFailure(() => page, 'photos-failed-step');
afterEach(() => {
  expect(problems).toEqual([]);
});

describe('200 phone photos in the window', { timeout: 10 * 60_000 }, () => {
  it('files 200 photos and a HEIC dropped onto an item, showing each original name cut in the middle beside the counter', async () => {
    await page.locator(`.tree-row[data-code="${ITEM}"] .tree-label`).click();
    await page.locator('.item-head h2 .code', { hasText: ITEM }).waitFor();
    const files = (await fs.readdir(phone)).map((f) => path.join(phone, f));
    expect(files).toHaveLength(PHOTOS + 1);
    await watchProgress(page);
    await dragFiles(page, `.tree-row[data-code="${ITEM}"]`, files);

    // Mid-import, while a long screenshot name is the one being filed.
    const measured = await page.waitForFunction(
      () => {
        const el = document.querySelector('.dialog .progress-text');
        const item = el?.querySelector('.progress-item');
        if (!el || !item?.textContent?.includes('…')) return null;
        const dialog = el.closest('.dialog')!;
        const body = dialog.querySelector('.dialog-body')!;
        const count = el.querySelector('.progress-count')!.getBoundingClientRect();
        const box = dialog.getBoundingClientRect();
        return {
          text: el.textContent ?? '',
          item: item.getAttribute('title') ?? '',
          sideways: body.scrollWidth > body.clientWidth || el.scrollWidth > el.clientWidth,
          countInside: count.width > 0 && count.left >= box.left && count.right <= box.right,
        };
      },
      undefined,
      { timeout: 120_000 },
    );
    const line = (await measured.jsonValue())!;
    // The picture at once, while the bar most likely still shows that long name (the measurement above is exact).
    await screenshot(page, 'photos-01-import-progress');
    expect(line.text).toMatch(new RegExp(`第 \\d+ / ${PHOTOS + 1} 个`));
    expect(line.item).toMatch(/^Screenshot_2025-03-05-.*_com\.tencent\.mm\.jpg$/);
    expect(line.sideways).toBe(false);
    expect(line.countInside).toBe(true);

    const result = await Promise.race([
      page.locator('.toast', { hasText: '已添加' }).first().waitFor({ timeout: 300_000 }).then(() => 'toast'),
      page.locator('.dialog', { hasText: '完成' }).first().waitFor({ timeout: 300_000 }).then(() => 'dialog'),
    ]);
    if (result === 'dialog') {
      await screenshot(page, 'photos-02-import-result');
      await page.getByRole('button', { name: '知道了' }).click();
    }
    // Every name the bar showed was a file's own: never the upload folder, a staging path or a content hash.
    const seen = await seenProgress(page);
    expect(seen.some((t) => t.includes(`/ ${PHOTOS + 1} 个`))).toBe(true);
    for (const t of seen) expect(t.replace(/第 \d+ \/ \d+ 个.*$/, '')).not.toMatch(/uploads|[\\/]|[0-9a-f]{32}/);

    const records = await allRecords();
    expect(records).toHaveLength(PHOTOS + 1);
    expect(records.every((r) => r.type === '照片' && !r.inbox)).toBe(true);
    for (const r of records) {
      expect(r.title).not.toMatch(/IMG|mmexport|wx_camera|微信图片|Screenshot|DSC|PXL/i);
      expect(r.title).not.toMatch(/^[\d\s_\-.()（）]+$/);
    }
    // The list draws 200 rows at a time and offers the rest.
    await page.locator('table.records tbody tr').nth(PHOTOS - 1).waitFor();
    await page.getByRole('button', { name: '显示更多（还有 1 件）' }).waitFor();
    await screenshot(page, 'photos-03-filed');
  });

  it('gives the HEIC photo a thumbnail the window shows', async () => {
    const records = await allRecords();
    const details = await Promise.all(records.map((r) => call<RecordDetail>('records.get', { id: r.id })));
    const heic = details.find((d) => d.fileList[0]?.name.endsWith('.heic'));
    expect(heic?.thumb).toMatch(/^[0-9a-f]{64}$/);
    expect(heic?.fileList[0]?.width).toBe(640);
    const thumb = await page.evaluate(async (sha) => {
      const r = await fetch(`/preview/${sha}/thumb`);
      const blob = await r.blob();
      const bitmap = await createImageBitmap(blob);
      return { status: r.status, type: r.headers.get('content-type'), width: bitmap.width, height: bitmap.height };
    }, heic!.thumb);
    expect(thumb.status).toBe(200);
    expect(thumb.type).toBe('image/jpeg');
    expect(thumb.width / thumb.height).toBeCloseTo(640 / 480, 1);
  });

  it("shows the activity's 总说明 greyed in each empty caption field, which the photo can override", async () => {
    const ids = (await allRecords()).map((r) => r.id);
    await call('records.bulkUpdate', { ids, activity: ACTIVITY });
    const activity = (await call<Activity[]>('records.activities', { year: YEAR })).find((a) => a.name === ACTIVITY)!;
    await call('records.updateActivity', { id: activity.id, caption: { place: '和平社区新时代文明实践站', people: '社区志愿者20人' } });

    await page.locator('table.records tbody tr td.col-title').first().click();
    const place = page.locator('.detail input[name="caption-place"]');
    await place.waitFor();
    await page.waitForFunction(() => (document.querySelector('.detail input[name="caption-place"]') as HTMLInputElement | null)?.placeholder === '和平社区新时代文明实践站');
    expect(await place.inputValue()).toBe('');
    expect(await page.locator('.detail input[name="caption-people"]').getAttribute('placeholder')).toBe('社区志愿者20人');
    expect(await place.evaluate((el) => el.classList.contains('inherited-caption'))).toBe(true);
    const placeField = page.locator('.detail .field', { has: page.locator('input[name="caption-place"]') });
    expect(await placeField.innerText()).toContain('沿用活动说明');
    await place.scrollIntoViewIfNeeded();
    await screenshot(page, 'photos-04-inherited-caption');

    // Typing overrides it for this photo only: the mark goes, and the 总说明 stays on the others.
    await place.fill('实践站门前广场');
    expect(await placeField.innerText()).not.toContain('沿用活动说明');
    expect(await page.locator('.detail .field', { has: page.locator('input[name="caption-people"]') }).innerText()).toContain('沿用活动说明');
    await page.getByRole('button', { name: '放弃修改' }).click();
    expect(await place.inputValue()).toBe('');
  });

  it('fills one caption into all 201 photos; blank fields keep each photo its own', async () => {
    await page.locator('table.records thead input[aria-label="全选"]').check();
    const open = page.getByRole('button', { name: `批量填写照片说明（${PHOTOS + 1}）` });
    await open.click();
    const dialog = page.getByRole('dialog', { name: `批量填写 ${PHOTOS + 1} 张照片的说明` });
    await dialog.waitFor();
    expect(await dialog.innerText()).toContain('空着的项目保持每张照片原来的内容');
    // 摄影者 from the EXIF Artist some camera photos carry; 时间 as the day all were taken (EXIF and file names agree),
    // said to be a day only, since each photo's own moment differs.
    await page.waitForFunction(() => (document.querySelector('input[name="batch-caption-photographer"]') as HTMLInputElement | null)?.value === '张敏', undefined, {
      timeout: 120_000,
    });
    const time = dialog.locator('input[name="batch-caption-time"]');
    expect(await time.inputValue()).toBe('2025年3月5日');
    expect(await dialog.locator('.field', { has: page.locator('input[name="batch-caption-time"]') }).innerText()).toContain('清空此栏则保留各自的时间');
    await dialog.locator('input[name="batch-caption-subject"]').fill('学雷锋志愿服务：为老人理发、义诊');
    await dialog.locator('input[name="batch-caption-place"]').fill('和平社区新时代文明实践站');
    await dialog.locator('input[name="batch-caption-people"]').fill('社区志愿者20人，社区书记王伟（左二）');
    await screenshot(page, 'photos-05-caption-batch');
    await dialog.getByRole('button', { name: `应用到 ${PHOTOS + 1} 张` }).click();
    await toast(`已给 ${PHOTOS + 1} 张照片填写说明`);

    const details = await Promise.all((await allRecords()).map((r) => call<RecordDetail>('records.get', { id: r.id })));
    expect(details).toHaveLength(PHOTOS + 1);
    for (const d of details) {
      expect(d.caption.subject).toBe('学雷锋志愿服务：为老人理发、义诊');
      expect(d.caption.time).toBe('2025年3月5日');
      expect(d.caption.place).toBe('和平社区新时代文明实践站');
      expect(d.caption.people).toBe('社区志愿者20人，社区书记王伟（左二）');
      expect(d.caption.photographer).toBe('张敏');
      // 背景 was left blank: nothing of the photo's own was cleared, and the binder prints what it has.
      expect(d.caption.background).toBeUndefined();
      expect(CAPTION_FIELDS.filter((f) => d.caption[f] || d.inheritedCaption[f])).toEqual(CAPTION_FIELDS.filter((f) => f !== 'background'));
    }
  });

  it('renames all 201 photos by a pattern after a live preview, in one step that one 撤销 takes back', async () => {
    const before = new Map((await allRecords()).map((r) => [r.id, r.title]));
    await page.getByRole('button', { name: '批量改名…' }).click();
    const dialog = page.getByRole('dialog', { name: `批量改名 ${PHOTOS + 1} 件资料` });
    await dialog.waitFor();
    const pattern = dialog.locator('input[name="renamePattern"]');
    expect(await pattern.inputValue()).toBe('{活动}照片（{序号}）');
    const rows = dialog.locator('.rename-preview tbody tr');
    await rows.nth(PHOTOS).waitFor();
    expect(await rows.count()).toBe(PHOTOS + 1);
    expect(await rows.first().locator('.rename-to').innerText()).toBe(`${ACTIVITY}照片（1）`);

    // Fields are offered as tokens put in at the cursor; the preview follows the pattern as it is typed.
    await pattern.fill('{活动}现场');
    await dialog.getByRole('button', { name: '{序号}', exact: true }).click();
    expect(await pattern.inputValue()).toBe('{活动}现场{序号}');
    await dialog.locator('input[name="renameStart"]').fill('101');
    await page.waitForFunction(() => document.querySelector('.rename-preview tbody tr .rename-to')?.textContent === '学雷锋志愿服务活动现场101');
    await pattern.fill('{活动}照片（{序号}）');
    await dialog.locator('input[name="renameStart"]').fill('1');
    await page.waitForFunction(() => document.querySelector('.rename-preview tbody tr .rename-to')?.textContent === '学雷锋志愿服务活动照片（1）');
    expect((await dialog.locator('.rename-preview .rename-from').allInnerTexts()).sort()).toEqual([...before.values()].sort());
    await screenshot(page, 'photos-06-rename-preview');
    // Nothing changes before 改名.
    expect((await allRecords()).map((r) => r.title).sort()).toEqual([...before.values()].sort());

    await dialog.getByRole('button', { name: `改名 ${PHOTOS + 1} 件` }).click();
    await toast(`已改名 ${PHOTOS + 1} 件资料`);
    const renamed = await allRecords();
    const numbers = renamed.map((r) => Number(/^学雷锋志愿服务活动照片（(\d+)）$/.exec(r.title)?.[1]));
    expect(numbers.sort((a, b) => a - b)).toEqual(Array.from({ length: PHOTOS + 1 }, (_, i) => i + 1));
    // Titles written by a pattern are the archivist's, shown (and printed) in brackets.
    await page.locator('table.records td.col-title', { hasText: `[${ACTIVITY}照片（1）]` }).first().waitFor();
    await screenshot(page, 'photos-07-renamed');

    await page.locator('.toast', { hasText: '已改名' }).getByRole('button', { name: '撤销' }).click();
    await page.waitForFunction(() => ![...document.querySelectorAll('table.records td.col-title')].some((td) => td.textContent?.includes('学雷锋志愿服务活动照片（')));
    const undone = await allRecords();
    expect(new Map(undone.map((r) => [r.id, r.title]))).toEqual(before);
  });
});
