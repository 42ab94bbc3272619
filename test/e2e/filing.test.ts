// A folder of loose files: the review offers one item for what it cannot place, and the result offers suggestions for
// what still went to 待归类. The production renderer in Chromium over the HTTP bridge.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordDetail } from '../../shared/api/records.js';
import { createCore } from '../../electron/core/api/core.js';
import { initArchive } from '../../electron/core/archive/init.js';
import type { Session } from '../../electron/host/session.js';
import { makeJpeg, makeOleFile, makePdf } from '../support/sample-files.js';
import { dragFiles, openWindow, screenshot, type OpenWindow } from './browser.js';

const YEAR = 2025;
const root = await fs.mkdtemp(path.join(os.tmpdir(), 'taizhang-e2e-filing-'));
const archiveDir = path.join(root, '档案');
const loose = path.join(root, '本月材料');
let app: OpenWindow;
let page: Page;
let session: Session;

beforeAll(async () => {
  const core = createCore(await initArchive(archiveDir, { name: '和平社区居委会', fonds: 'Z001' }));
  await core.api['archive.setYear']({ year: YEAR });
  core.close();
  await fs.mkdir(loose, { recursive: true });
  await makePdf(path.join(loose, '社区道德讲堂活动记录.pdf'));
  await makeJpeg(path.join(loose, 'mmexport1709612345678.jpg'));
  app = await openWindow(root, archiveDir);
  ({ page, session } = app);
}, 15 * 60_000);

afterAll(async () => {
  await app?.close();
  await fs.rm(root, { recursive: true, force: true });
});

const recordIds = async (): Promise<number[]> => ((await session.invoke('records.list', { year: YEAR })) as { id: number }[]).map((r) => r.id);

describe('filing a folder of loose files', { timeout: 240_000 }, () => {
  it('can send what the folder does not place to one chosen item, or leave it in 待归类', async () => {
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: '导入文件夹…' }).click();
    await (await chooser).setFiles(loose);
    const review = page.getByRole('dialog', { name: '导入前请核对' });
    await review.waitFor();
    expect(await review.innerText()).toContain('2 个无法确定测评项目');
    // The WeChat photo of 5 March 2024, imported while 2025 is shown, waits in 2024's 待归类: years do not mix.
    expect(await review.locator('.other-year').allInnerTexts()).toEqual(['1 个文件的日期在 2024 年，放入 2024 年度的“待归类”，不与 2025 年度的资料混放']);

    await review.getByRole('button', { name: '或全部归入一个项目…' }).click();
    await page.getByPlaceholder('输入编号或名称查找').fill('1.3.2');
    await page.getByRole('option', { name: /1\.3\.2/ }).first().click();
    await review.getByText('都归入').waitFor();
    expect(await review.innerText()).toContain('2 个能自动归入测评项目');
    expect(await review.locator('.review-table').innerText()).toContain('1.3.2');
    await screenshot(page, 'filing-01-default-item');

    // Changing one's mind: back to 待归类, and the import files nothing under an item.
    await review.getByRole('button', { name: '改回放入“待归类”' }).click();
    await review.getByText('2 个无法确定测评项目').waitFor();
    await review.getByRole('button', { name: /确认导入/ }).click();

    const result = page.getByRole('dialog', { name: '导入文件夹：完成' });
    await result.waitFor();
    expect(await result.innerText()).toContain('其中 2 件还没有归入测评项目');
    expect(await result.locator('.other-year').allInnerTexts()).toEqual(['1 个文件的日期在 2024 年，已放入 2024 年度的“待归类”，不与 2025 年度的资料混放']);
    const suggestion = result.locator('.inbox-filing li', { hasText: '道德讲堂' }).locator('button.suggestion').first();
    await suggestion.waitFor();
    const code = (await suggestion.locator('.code').innerText()).trim();
    await screenshot(page, 'filing-02-suggestions');
    await suggestion.click();
    await result.getByText(`已归入 ${code}`).waitFor();

    const ids = await recordIds();
    expect(ids).toHaveLength(1);
    const lecture = (await session.invoke('records.get', { id: ids[0] })) as RecordDetail;
    expect(lecture.title).toContain('道德讲堂');
    expect(lecture.items.map((i) => i.code)).toEqual([code]);
    const [photo] = (await session.invoke('records.list', { year: 2024 })) as RecordDetail[];
    expect([photo?.type, photo?.items]).toEqual(['照片', []]);
  });

  it('refuses a text file named .pdf in words, and marks a record of attachments only until the clerk confirms it', async () => {
    const odd = path.join(root, '零散文件');
    await fs.mkdir(odd, { recursive: true });
    const fake = path.join(odd, '活动方案.pdf');
    await fs.writeFile(fake, '这不是 PDF 文件，只是一段文字。\n');
    const doc = makeOleFile(path.join(odd, '志愿服务记录.doc'));
    const badge = () => page.locator('.tree-row[data-code="1.2.1"] .badge').first().innerText();
    await page.getByRole('dialog').getByRole('button', { name: '知道了' }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await page.locator('.tree-row[data-code="1.2.1"] .tree-label').click();
    expect(await badge()).toBe('缺失');
    // The city's own numbering, as its table writes it: in the tree, above the list, and (below) in the detail.
    expect(await page.locator('.tree-row[data-code="1.2.1"] .code').first().innerText()).toBe('1.');
    expect(await page.locator('.pane-records .city-number').first().innerText()).toBe('（本市编号 1.）');
    await dragFiles(page, '.tree-row[data-code="1.2.1"]', [fake, doc]);

    const result = page.getByRole('dialog', { name: /：完成$/ });
    await result.getByText('活动方案.pdf：扩展名是 .pdf，但内容不是 PDF（看起来是纯文本）', { exact: true }).waitFor();
    await screenshot(page, 'filing-03-fake-pdf');
    // Chinese only: outside the file names, no Latin but the formats named (PDF, Word 97-2003 (DOC)).
    const latin = (await result.innerText()).replace(/[^\s：]*\.(?:pdf|doc)\b/g, ' ').match(/[A-Za-z]{2,}/g);
    expect(new Set(latin)).toEqual(new Set(['PDF', 'Word', 'DOC']));
    await result.getByRole('button', { name: '知道了' }).click();

    // Only the Word 97 file was filed, marked as attachments only, and the item is still missing its material.
    const rows = page.locator('table.records tbody tr');
    await rows.first().locator('.attachment-mark', { hasText: '仅附件·未计入' }).waitFor();
    expect(await rows.count()).toBe(1);
    expect(await rows.first().innerText()).toContain('志愿服务记录');
    expect(await badge()).toBe('缺失');
    await screenshot(page, 'filing-04-attachment-marked');

    await rows.first().locator('td.col-title').click();
    const confirm = page.locator('.detail input[name="attachmentConfirmed"]');
    await confirm.waitFor();
    expect(await page.locator('.detail .chip span').first().innerText()).toBe('1.2.1（1.） 志愿服务站规范运行');
    // Why the file cannot go into a binder, in Chinese only.
    expect(await page.locator('.detail .note-warn').first().innerText()).toBe(
      '志愿服务记录.doc：Word 97-2003 (DOC) 不能直接编入案卷，请用 WPS、Word 或 LibreOffice 另存为 PDF 后添加',
    );
    await confirm.check();
    await page.keyboard.press('Control+s');
    await rows.first().locator('.attachment-mark', { hasText: '附件·已计入' }).waitFor();
    await page.waitForFunction(() => document.querySelector('.tree-row[data-code="1.2.1"] .badge')?.textContent !== '缺失');
    const [status] = (await session.invoke('status.get', { year: YEAR, item: '1.2.1' })) as { records: number }[];
    expect(status?.records).toBe(1);
    expect(await confirm.isChecked()).toBe(true);
    await screenshot(page, 'filing-05-attachment-confirmed');
  });

  it('puts photos dropped where no item is chosen into 待归类, and files them from there by dragging onto an item', async () => {
    const phone = path.join(root, '手机照片');
    const photos = [
      await makeJpeg(path.join(phone, 'mmexport1741138212345.jpg'), { colour: '#5a7a3a' }),
      await makeJpeg(path.join(phone, 'wx_camera_1741138299999.jpg'), { colour: '#3a5a7a' }),
    ];
    const inboxCount = () => page.locator('.tree-inbox .count').innerText();
    const before = Number(await inboxCount());
    await page.locator('.tree-all .tree-label').click();
    await dragFiles(page, '.pane-records', photos);
    await page.waitForFunction((n) => Number(document.querySelector('.tree-inbox .count')?.textContent) === n, before + 2);
    const dialog = page.getByRole('dialog', { name: /：完成$/ });
    if (await dialog.count()) await dialog.getByRole('button', { name: '知道了' }).click();

    await page.locator('.tree-inbox .tree-label').click();
    const rows = page.locator('table.records tbody tr');
    await page.waitForFunction((n) => document.querySelectorAll('table.records tbody tr').length === n, before + 2);
    const photoRows = rows.filter({ has: page.locator('.type-照片') });
    const titles = await photoRows.locator('td.col-title').allInnerTexts();
    expect(titles.every((t) => !/mmexport|wx_camera/.test(t))).toBe(true);
    await screenshot(page, 'filing-06-dropped-into-inbox');
    const count = await photoRows.count();
    await photoRows.first().click();
    await photoRows.last().click({ modifiers: ['Shift'] });
    await photoRows.first().dragTo(page.locator('.tree-row[data-code="1.2.2"]'));
    await page.locator('.toast', { hasText: `已把 ${count} 件资料归入` }).first().waitFor();
    await page.waitForFunction((n) => Number(document.querySelector('.tree-inbox .count')?.textContent) === n, before + 2 - count);
    const filed = (await session.invoke('records.list', { year: YEAR, item: '1.2.2' })) as { type: string }[];
    expect(filed.filter((r) => r.type === '照片')).toHaveLength(count);
    await screenshot(page, 'filing-07-filed-from-inbox');
  });

  it('says once that a dropped photo of another year went to that year’s 待归类', async () => {
    const photo = await makeJpeg(path.join(root, '旧照片', `mmexport${Date.parse('2024-03-05T10:00:00+08:00')}.jpg`), { colour: '#7a3a5a' });
    await page.locator('.tree-all .tree-label').click();
    await dragFiles(page, '.pane-records', [photo]);
    const result = page.getByRole('dialog', { name: '添加文件：完成' });
    await result.waitFor();
    expect(await result.locator('.other-year').allInnerTexts()).toEqual(['1 个文件的日期在 2024 年，已放入 2024 年度的“待归类”，不与 2025 年度的资料混放']);
    expect(await result.innerText(), 'the per-year note is not repeated per file').not.toContain('请留意');
    await result.getByRole('button', { name: '知道了' }).click();
  });
});
