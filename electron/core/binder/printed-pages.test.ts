import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeJpeg, makePdf } from '../../../test/support/sample-files.js';
import { tempCore, tempDir } from '../../../test/support/temp.js';

describe('binder.pages', () => {
  it('gives every 件 the 卷号 and 页号 the exported binder prints, file by file, without writing anything', async () => {
    const core = await tempCore();
    const dir = tempDir();
    const pdf = (name: string, pages: number) => makePdf(path.join(dir, name), { pages, text: name });
    const photo = (name: string, colour: string) => makeJpeg(path.join(dir, name), { width: 60, height: 40, colour });
    const add = async (args: Record<string, unknown>) => (await core.api['records.add']({ year: 2024, ...args } as never)).records.map((r) => r.id);
    const [plan] = await add({ files: [await pdf('plan.pdf', 2)], items: ['1.2.2'], type: '方案', title: '活动方案', date: '2024-03-01', activity: '学雷锋' });
    const photos = await add({ files: [await photo('a.jpg', '#102030'), await photo('b.jpg', '#203040')], items: ['1.2.2'], type: '照片', activity: '学雷锋', date: '2024-03-05' });
    const [scanned] = await add({ files: [await pdf('sign.pdf', 1), await photo('sheet.jpg', '#304050')], items: ['1.2.2'], type: '签到表', title: '签到表', single: true, activity: '学雷锋', date: '2024-03-05' });
    const [summary] = await add({ files: [await pdf('summary.pdf', 3)], items: ['1.2.2'], type: '总结', title: '活动总结', date: '2024-03-09', activity: '学雷锋' });
    const [other] = await add({ files: [await pdf('other.pdf', 4)], items: ['2.1.1'], type: '记录', title: '另一项的记录', date: '2024-04-01' });
    await core.api['archival.number']({ year: 2024, ids: [plan!, ...photos, scanned!] });
    const ids = [plan!, ...photos, scanned!, summary!, other!];

    const before = await core.api['records.list']({ year: 2024 });
    const places = new Map<number, Awaited<ReturnType<(typeof core.api)['binder.pages']>>>();
    for (const id of ids) places.set(id, await core.api['binder.pages']({ year: 2024, id }));
    expect(await core.api['records.list']({ year: 2024 })).toEqual(before);

    const report = await core.api['binder.export']({ year: 2024, out: path.join(tempDir(), '案卷') });
    let seen = 0;
    for (const volume of report.volumes) {
      for (const doc of volume.documents) {
        const place = places.get(doc.recordId)?.find((p) => p.volumeTitle === volume.title);
        expect(place, `record ${doc.recordId}`).toMatchObject({ volumeNo: volume.volumeNo, firstPageNo: doc.firstPageNo, pages: doc.pages, estimated: false });
        seen += 1;
      }
    }
    expect(seen).toBe(ids.length);
    // File by file: the sign-in sheet's PDF page, then its scan on the next page.
    const sheet = places.get(scanned!)![0]!;
    expect(sheet.pages).toBe(2);
    expect(sheet.files.map((f) => [f.firstPageNo, f.pages])).toEqual([
      [sheet.firstPageNo, 1],
      [sheet.firstPageNo + 1, 1],
    ]);
    // A 件 filed nowhere in the year is printed nowhere.
    const [inbox] = await add({ files: [await pdf('loose.pdf', 1)], type: '其他', title: '未归类' });
    expect(await core.api['binder.pages']({ year: 2024, id: inbox! })).toEqual([]);
  });
});
