import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runPython } from '../../../test/support/readers.js';
import { makePdf } from '../../../test/support/sample-files.js';
import { tempCore, tempDir } from '../../../test/support/temp.js';
import { insertEdition } from './editions.js';
import { yearHoldings } from './holdings.js';

/** Rows of the 材料索引 sheet as a reader sees them: title → 关联测评项. */
const READ_MATERIALS = `
import json, sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1])['材料索引']
rows = list(ws.iter_rows(values_only=True))
head = next(i for i, r in enumerate(rows) if r and '测评标准' in r and '题名' in r)
cols = rows[head]
out = {}
item = ''
for r in rows[head + 1:]:
    # The 测评标准 of a group is written once, in a merged cell: carry it down its rows.
    item = r[cols.index('测评标准')] or item
    if r[cols.index('序号')] and r[cols.index('题名')]:
        out.setdefault(r[cols.index('题名')], []).append(item)
print(json.dumps({t: '\\n'.join(items) for t, items in out.items()}, ensure_ascii=False))
`;

describe('one rule for what an item holds, across mapped editions', () => {
  it('gives the same records to list, search, status, binder and checklist after a year moves to an edition mapped same and split', async () => {
    const core = await tempCore();
    const db = core.archive.db;
    const dir = tempDir();
    const titles: Record<string, string> = {
      practice: '实践站七有建设活动照片', station: '实践站管理制度活动台账',
      monthly: '三月文明实践活动记录', monthly2: '四月文明实践活动记录', volunteers: '志愿服务活动方案',
    };
    const filed: Record<string, [string, string]> = {
      practice: ['1.1.1', '照片'], station: ['1.1.1', '制度'], monthly: ['1.1.2', '记录'], monthly2: ['1.1.2', '记录'], volunteers: ['1.2.1', '方案'],
    };
    const ids: Record<string, number> = {};
    for (const [key, [item, type]] of Object.entries(filed)) {
      const file = await makePdf(path.join(dir, `${key}.pdf`), { text: `record ${key}` });
      const added = await core.api['records.add']({ files: [file], year: 2024, items: [item], type: type as never, title: titles[key]!, date: '2024-03-05' });
      ids[key] = added.records[0]!.id;
    }

    // The city's 2024 table replaces the example: 1.1.1 stays (renamed code), 1.1.2 is split in two.
    const next = insertEdition(db, {
      name: '2024 年测评细则（新）',
      items: [
        { code: 'A', title: '思想道德建设', children: [
          { code: 'A1', title: '实践站建设', requirement: '有制度' },
          { code: 'A2', title: '月度实践活动' },
          { code: 'A3', title: '主题实践活动' },
        ] },
        { code: 'B', title: '志愿服务', children: [{ code: 'B1', title: '志愿服务站' }] },
      ],
    }).edition;
    const old = (await core.api['index.editions']({}))[0]!.id;
    await core.api['archive.setYear']({ year: 2024, editionId: next });
    const map = (from: string, to: string, kind: 'same' | 'split') =>
      core.api['index.map']({ fromEdition: old, fromCode: from, toEdition: next, toCode: to, kind });
    await map('1.1.1', 'A1', 'same');
    await map('1.1.2', 'A2', 'split');
    await map('1.1.2', 'A3', 'split');
    await map('1.2', 'B', 'same');

    const expected: Record<string, number[]> = {
      A1: [ids.practice!, ids.station!],
      A2: [ids.monthly!, ids.monthly2!],
      A3: [ids.monthly!, ids.monthly2!],
      A: [ids.practice!, ids.station!, ids.monthly!, ids.monthly2!],
      // Old 1.2.1 is not mapped itself: its record counts under B, where its nearest mapped ancestor leads.
      B: [ids.volunteers!],
      B1: [],
    };
    const sorted = (list: number[]) => [...new Set(list)].sort((a, b) => a - b);

    const checklist = path.join(tempDir(), '自查表.xlsx');
    await core.api['checklist.export']({ year: 2024, out: checklist });
    const materials = runPython<Record<string, string>>(READ_MATERIALS, checklist);
    const byTitle = new Map(Object.entries(titles).map(([key, title]) => [title, ids[key]!]));
    const statuses = await core.api['status.get']({ year: 2024 });

    for (const [code, want] of Object.entries(expected)) {
      const listed = (await core.api['records.list']({ year: 2024, item: code })).map((r) => r.id);
      const found = (await core.api['search.query']({ query: '活动', year: 2024, item: code, limit: 500 })).results.map((h) => h.id);
      const counted = statuses.find((s) => s.code === code)!.records;
      const bound =
        want.length === 0
          ? []
          : (await core.api['binder.export']({ year: 2024, item: code, out: tempDir() })).volumes.flatMap((v) => v.documents.map((d) => d.recordId));
      const listedInChecklist = Object.entries(materials)
        .filter(([, items]) => items.split('\n').some((line) => line.split(' ')[0] === code || line.split(' ')[0]!.startsWith(code)))
        .map(([title]) => byTitle.get(title)!);
      expect(sorted(listed), `records.list ${code}`).toEqual(sorted(want));
      expect(sorted(found), `search ${code}`).toEqual(sorted(want));
      expect(counted, `status ${code}`).toBe(want.length);
      expect(sorted(bound), `binder ${code}`).toEqual(sorted(want));
      expect(sorted(listedInChecklist), `checklist ${code}`).toEqual(sorted(want));
    }
    expect(yearHoldings(db, 2024).itemsOf(ids.monthly!)).toHaveLength(2);
  });

  it('is empty for a year without records and for items of other editions', async () => {
    const core = await tempCore();
    const holdings = yearHoldings(core.archive.db, 2031);
    expect(holdings.placed()).toEqual([]);
    expect(holdings.recordsUnder(1)).toEqual([]);
  });
});
