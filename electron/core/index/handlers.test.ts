import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempCore, tempDir } from '../../../test/support/temp.js';
import { CITY_TABLE, writeTable } from './testing/tables.js';

async function coreWithTwoEditions(): Promise<{ core: Awaited<ReturnType<typeof tempCore>>; example: number; city: number }> {
  const core = await tempCore();
  const [example] = await core.api['index.editions']({});
  const file = await writeTable(path.join(tempDir(), 'city.xlsx'), [CITY_TABLE]);
  const { edition } = await core.api['index.import']({ file, year: 2025 });
  return { core, example: example?.id ?? 0, city: edition };
}

describe('index handlers', () => {
  it('lists editions with their years, and items by edition or by year', async () => {
    const { core, example, city } = await coreWithTwoEditions();
    await core.api['archive.setYear']({ year: 2023, editionId: example });
    const editions = await core.api['index.editions']({});
    expect(editions.map((e) => [e.id, e.isExample, e.years])).toEqual([
      [example, true, [2023]],
      [city, false, [2025]],
    ]);
    expect((await core.api['index.list']({ year: 2023 }))[0]?.editionId).toBe(example);
    expect((await core.api['index.list']({ year: 2025 }))[0]?.editionId).toBe(city);
    // Without edition or year: the newest edition.
    expect((await core.api['index.list']({}))[0]?.editionId).toBe(city);
    await expect(core.api['index.list']({ edition: 77 })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('edits an item and reparses its quantities', async () => {
    const { core, city } = await coreWithTwoEditions();
    const updated = await core.api['index.updateItem']({
      edition: city,
      code: '1.1.1',
      title: ' 志愿服务站 ',
      requirement: '照片不少于8张，至少3篇报道',
      unit: '街道',
      activityRule: ['方案', '照片', '方案'],
    });
    expect(updated).toMatchObject({ code: '1.1.1', label: '1.', title: '志愿服务站', unit: '街道', method: '材料审核、实地考察', activityRule: ['方案', '照片'] });
    expect(updated.quantities.map((q) => [q.kind, q.min])).toEqual(expect.arrayContaining([['photos', 8], ['reports', 3]]));
    const reset = await core.api['index.updateItem']({ edition: city, code: '1.1.1', activityRule: null });
    expect(reset.activityRule).toBeNull();
    // Fields the edit does not name keep what they had.
    expect(reset).toMatchObject({ title: '志愿服务站', unit: '街道', requirement: '照片不少于8张，至少3篇报道', method: '材料审核、实地考察' });
  });

  it('refuses unknown items and record types without changing anything', async () => {
    const { core, city } = await coreWithTwoEditions();
    const before = await core.api['index.list']({ edition: city });
    await expect(core.api['index.updateItem']({ edition: city, code: '9.9', title: 'x' })).rejects.toThrow(/没有编码为「9.9」的项目/);
    await expect(core.api['index.updateItem']({ edition: city, code: '1.1.1', title: '新', activityRule: ['合影'] })).rejects.toThrow(/「合影」不是材料类型/);
    await expect(core.api['index.updateItem']({ edition: city, code: '1.1.1', title: '   ' })).rejects.toMatchObject({ code: 'invalid_input' });
    expect(await core.api['index.list']({ edition: city })).toEqual(before);
  });

  it('maps items across editions, updates the kind of a pair, and lists mappings', async () => {
    const { core, example, city } = await coreWithTwoEditions();
    const mapped = await core.api['index.map']({ fromEdition: example, fromCode: '1.2.1', toEdition: city, toCode: '1.1.1', kind: 'renamed' });
    expect(mapped).toEqual({
      from: { editionId: example, code: '1.2.1', title: '志愿服务站规范运行' },
      to: { editionId: city, code: '1.1.1', title: '志愿服务站规范运行' },
      kind: 'renamed',
    });
    // The same pair entered the other way round replaces the first link.
    await core.api['index.map']({ fromEdition: city, fromCode: '1.1.1', toEdition: example, toCode: '1.2.1', kind: 'same' });
    await core.api['index.map']({ fromEdition: example, fromCode: '1.3.2', toEdition: city, toCode: '1.2.1' });
    const all = await core.api['index.mappings']({});
    expect(all.map((m) => `${m.from.editionId}:${m.from.code}→${m.to.editionId}:${m.to.code} ${m.kind}`).sort()).toEqual(
      [`${city}:1.1.1→${example}:1.2.1 same`, `${example}:1.3.2→${city}:1.2.1 same`].sort(),
    );
    expect(await core.api['index.mappings']({ edition: city })).toHaveLength(2);
    expect(await core.api['index.mappings']({ edition: 99 })).toEqual([]);
  });

  it('refuses mappings inside one edition or to unknown items', async () => {
    const { core, example, city } = await coreWithTwoEditions();
    await expect(core.api['index.map']({ fromEdition: city, fromCode: '1.1.1', toEdition: city, toCode: '1.1.2' })).rejects.toThrow(/两个不同版本/);
    await expect(core.api['index.map']({ fromEdition: example, fromCode: '8.8', toEdition: city, toCode: '1.1.1' })).rejects.toMatchObject({ code: 'not_found' });
    await expect(core.api['index.map']({ fromEdition: example, fromCode: '1.1', toEdition: city, toCode: '1', kind: 'moved' as never })).rejects.toMatchObject({ code: 'invalid_input' });
    expect(await core.api['index.mappings']({})).toEqual([]);
  });
});
