import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempCore, tempDir } from '../../../test/support/temp.js';
import { startOcrBackground, stopOcrBackground } from './background.js';
import { lineScan, scanOf, signInDocument } from './testing/scans.js';

const SLOW = 15 * 60_000;

async function until(check: () => Promise<boolean>, ms = SLOW / 2): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('background OCR', () => {
  it('reads what was filed after the import returned, and reads nothing while switched off', async () => {
    const core = await tempCore();
    const bg = startOcrBackground(core.archive);
    await core.api['ocr.setEnabled']({ enabled: false });
    const scan = path.join(tempDir(), '通知.png');
    writeFileSync(scan, await lineScan(['文明实践站志愿者招募通知']));
    await core.api['records.add']({ files: [scan], year: 2025, items: ['1.1.2'] });
    bg.kick();
    expect(bg.running).toBe(false);
    expect((await core.api['ocr.status']({})).waitingFiles).toBe(1);

    await core.api['ocr.setEnabled']({ enabled: true });
    await until(async () => (await core.api['ocr.status']({})).waitingFiles === 0 && !bg.running);
    expect((await core.api['search.query']({ query: '招募' })).total).toBe(1);
    await stopOcrBackground(core.archive);
  }, SLOW);

  it('counts the filled name rows of a generated sign-in sheet and keeps the 实到人数 only once confirmed', async () => {
    const core = await tempCore();
    const doc = signInDocument(0);
    const scan = await scanOf(doc);
    const file = path.join(tempDir(), '签到表.png');
    writeFileSync(file, scan.png);
    const added = await core.api['records.add']({ files: [file], year: 2025, items: ['1.2.2'], activity: '学雷锋志愿服务活动', type: '签到表' });
    const id = added.records[0]!.id;
    await core.api['ocr.run']({});
    const table = doc.blocks.find((b) => b.kind === 'table');
    const expected = table && table.kind === 'table' ? table.rows.filter((r) => r[1] !== '').map((r) => r[1]) : [];
    expect(expected.length).toBeGreaterThan(10);
    const offer = await core.api['ocr.attendance']({ recordId: id });
    expect(offer.names).toEqual(expected);
    expect(offer.count).toBe(expected.length);
    expect(offer.confirmed).toBeNull();
    const kept = await core.api['ocr.confirmAttendance']({ recordId: id, count: offer.count });
    expect(kept.confirmed).toBe(expected.length);
    expect(kept.activity).toBe('学雷锋志愿服务活动');
  }, SLOW);
});
