import { describe, expect, it } from 'vitest';
import { insertFixtureRecords } from '../../../test/support/archive-data.js';
import { tempCore } from '../../../test/support/temp.js';
import { cli } from '../../../test/support/temp.js';
import type { Core } from '../api/core.js';
import { demoSets } from './testing/demo-cases.js';
import { HELD_OUT, HELD_OUT_LATER, type LabelledCase } from './testing/held-out.js';

async function accuracy(core: Core, year: number, cases: readonly LabelledCase[]): Promise<{ top1: number; top3: number; misses: string[] }> {
  let top1 = 0;
  let top3 = 0;
  const misses: string[] = [];
  for (const c of cases) {
    const { suggestions } = await core.api['suggest.text']({ year, title: c.title, ...(c.text ? { text: c.text } : {}), ...(c.folder ? { folder: c.folder } : {}) });
    const codes = suggestions.map((s) => s.code);
    if (codes[0] === c.code) top1 += 1;
    if (codes.includes(c.code)) top3 += 1;
    else misses.push(`${c.title} → ${codes.join(',')} (want ${c.code})`);
  }
  return { top1: top1 / cases.length, top3: top3 / cases.length, misses };
}

describe('suggested items', () => {
  it('ranks the right item first for most held-out titles it was never tuned on, and within the top three for nearly all', async () => {
    const core = await tempCore();
    for (const set of [HELD_OUT, HELD_OUT_LATER]) {
      const result = await accuracy(core, 2025, set);
      expect(result.top3).toBeGreaterThanOrEqual(0.9);
      expect(result.top1).toBeGreaterThanOrEqual(0.7);
    }
  });

  it('learns from last year: a title filed last year under an item is offered that item with the reason', async () => {
    const core = await tempCore();
    const sets = demoSets(2025);
    insertFixtureRecords(
      core.archive.db,
      sets.lastYear,
      sets.history.map((h) => ({ title: h.title, type: '其他', items: [h.code], ...(h.folder ? { activity: h.folder } : {}) })),
    );
    const result = await accuracy(core, sets.thisYear, sets.cases);
    expect(result.top3).toBeGreaterThanOrEqual(0.9);
    expect(result.top1).toBeGreaterThanOrEqual(0.7);

    const { suggestions } = await core.api['suggest.text']({ year: 2025, title: '道德讲堂第一讲签到表' });
    expect(suggestions[0]!.code).toBe('1.3.2');
    expect(suggestions[0]!.reason).toMatch(/题名含‘道德讲堂’/);
    // The same question gives the same answer.
    expect(await core.api['suggest.text']({ year: 2025, title: '道德讲堂第一讲签到表' })).toEqual({ suggestions });
  });

  it('suggests for a record in the inbox from its OCR-free words, on the CLI as JSON', async () => {
    const core = await tempCore();
    const [id] = insertFixtureRecords(core.archive.db, 2025, [{ title: '垃圾分类入户宣传照片', type: '照片', items: [] }]);
    const run = await cli('suggest', String(id), '--archive', core.dir, '--json');
    expect(run.code).toBe(0);
    const out = run.json<{ suggestions: { code: string; title: string; score: number; reason: string }[] }>();
    expect(out.suggestions.length).toBeGreaterThan(0);
    expect(out.suggestions.length).toBeLessThanOrEqual(3);
    expect(Object.keys(out).sort()).toEqual(['suggestions']);
    for (const s of out.suggestions) expect(Object.keys(s).sort()).toEqual(['code', 'reason', 'score', 'title']);
    // Best first.
    expect(out.suggestions.map((s) => s.score)).toEqual([...out.suggestions.map((s) => s.score)].sort((a, b) => b - a));
    expect(out.suggestions[0]).toMatchObject({ code: '4.2.2', title: '垃圾分类宣传' });
    expect(out.suggestions[0]!.reason).toContain('垃圾分类');
    const missing = await cli('suggest', '99999', '--archive', core.dir);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('没有第 99999 件');
  });
});
