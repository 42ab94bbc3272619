import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempCore, tempDir } from '../../../test/support/temp.js';
import { insertEdition } from '../index/editions.js';
import { makePdf } from '../../../test/support/sample-files.js';

describe('records across index editions', () => {
  it('lists an item with the records of the items mapped to it, filters by tag, and carries links over by code', async () => {
    const core = await tempCore();
    const dir = tempDir();
    const example = (await core.api['index.editions']({}))[0]!.id;
    const { edition: city } = insertEdition(core.archive.db, {
      name: '某市 2024 细则',
      items: [{ code: 'A', title: '志愿服务', children: [{ code: 'A.1', title: '志愿服务站' }, { code: '1.2.1', title: '志愿服务站规范运行' }] }],
    });
    await core.api['archive.setYear']({ year: 2023, editionId: example });
    await core.api['archive.setYear']({ year: 2024, editionId: city });

    const old = await core.api['records.add']({ files: [await makePdf(path.join(dir, '2023 志愿活动记录.pdf'), { text: 'old' })], year: 2023, items: ['1.2.2'], tags: ['存档'] });
    const rules = await core.api['records.add']({ files: [await makePdf(path.join(dir, '志愿服务站制度.pdf'), { text: 'rules' })], year: 2023, items: ['1.2.1', '1.2.2'] });
    const now = await core.api['records.add']({ files: [await makePdf(path.join(dir, '2024 志愿活动记录.pdf'), { text: 'new' })], year: 2024, items: ['A.1'] });
    await expect(core.api['records.add']({ files: [path.join(dir, 'x.pdf')], year: 2024, items: ['1.2.2'] })).rejects.toThrow(/2024 年度所用的测评体系中没有编码为「1.2.2」/);

    await core.api['index.map']({ fromEdition: example, fromCode: '1.2', toEdition: city, toCode: 'A', kind: 'renamed' });
    const ids = (rows: { id: number }[]): number[] => rows.map((r) => r.id);
    expect(ids(await core.api['records.list']({ item: 'A' }))).toEqual([old.records[0]!.id, rules.records[0]!.id, now.records[0]!.id]);
    expect(ids(await core.api['records.list']({ item: 'A', year: 2024 }))).toEqual([now.records[0]!.id]);
    expect(ids(await core.api['records.list']({ item: 'A', subtree: false }))).toEqual([]);
    expect(ids(await core.api['records.list']({ tag: '存档' }))).toEqual([old.records[0]!.id]);
    const listed = await core.api['records.list']({ year: 2023, item: '1.2.2' });
    expect(listed[0]?.items.map((i) => i.path)).toEqual(['1 思想道德建设 › 1.2 志愿服务 › 1.2.2 学雷锋志愿服务活动']);

    const carried = await core.api['records.carryOver']({ from: 2023, to: 2024 });
    expect(carried.carried).toBe(1);
    expect(carried.warnings).toEqual([expect.stringMatching(/项目 1\.2\.2 在 2024 年度的测评体系中不存在/)]);
    const [copy] = await core.api['records.list']({ year: 2024, type: '制度' });
    expect(copy?.items.map((i) => [i.editionId, i.code])).toEqual([[city, '1.2.1']]);
  });
});
