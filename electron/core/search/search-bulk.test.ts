import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Args } from '../../../shared/api/contract.js';
import { insertBulkRecords, type GeneratedRecord } from '../../../test/support/bulk-records.js';
import { createCore, type Core } from '../api/core.js';
import { initArchive } from '../archive/init.js';

/**
 * Search over 20,000 generated records compared with a brute-force scan of the same texts: for short Chinese queries
 * and 文号, with and without filters, the search returns exactly the records whose text contains the query.
 */

const COUNT = 20_000;
const LIMIT = 500;

let dir: string;
let core: Core;
const records: GeneratedRecord[] = [];
/** Each record's texts with whitespace removed: the index ignores it, since PDF text breaks lines inside words. */
const haystacks = new Map<number, string[]>();

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'taizhang-bulk-'));
  core = createCore(await initArchive(path.join(dir, 'archive')));
  insertBulkRecords(core.archive.db, { count: COUNT, years: [2015, 2024], seed: 20_240_305, onRecord: (r) => records.push(r) });
  for (const r of records) haystacks.set(r.id, [r.title, ...r.texts].map((t) => t.replace(/\s+/g, '')));
}, 600_000);

afterAll(() => {
  core.close();
  rmSync(dir, { recursive: true, force: true });
});

type Filters = Omit<Args<'search.query'>, 'query' | 'limit'>;

function passes(r: GeneratedRecord, f: Filters): boolean {
  if (f.year !== undefined && r.year !== f.year) return false;
  if (f.years && (r.year < f.years[0] || r.year > f.years[1])) return false;
  if (f.type !== undefined && r.type !== f.type) return false;
  if (f.tag !== undefined && !r.tags.includes(f.tag)) return false;
  if (f.from !== undefined && r.date < f.from) return false;
  if (f.to !== undefined && r.date > f.to) return false;
  if (f.item !== undefined && !r.itemCodes.some((c) => c === f.item || c.startsWith(`${f.item}.`))) return false;
  return true;
}

function bruteForce(query: string, f: Filters): Set<number> {
  return new Set(records.filter((r) => passes(r, f) && haystacks.get(r.id)?.some((h) => h.includes(query))).map((r) => r.id));
}

/** A seeded choice of substrings of the generated texts, made of Chinese characters only. */
function sampleQueries(length: number, count: number, seed: number): string[] {
  const out = new Set<string>();
  let state = seed;
  const next = (n: number): number => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state % n;
  };
  while (out.size < count) {
    const r = records[next(records.length)] as GeneratedRecord;
    const text = r.texts[next(r.texts.length)] ?? r.title;
    if (text.length < length) continue;
    const start = next(text.length - length + 1);
    const q = text.slice(start, start + length);
    if (/^[\u4e00-\u9fff]+$/u.test(q)) out.add(q);
  }
  return [...out];
}

const FILTERS: Filters[] = [
  {},
  { year: 2019 },
  { year: 2024, type: '签到表' },
  { item: '1.2', year: 2016 },
  { years: [2017, 2018], type: '照片', tag: '重点' },
  { from: '2021-03-01', to: '2021-04-30', item: '4' },
];

interface Tally {
  exact: number;
  capped: number;
}

async function check(query: string, filters: Filters, tally: Tally): Promise<void> {
  const { total, results: hits } = await core.api['search.query']({ query, limit: LIMIT, ...filters });
  const expected = bruteForce(query, filters);
  expect(total, `the total of ${query} ${JSON.stringify(filters)}`).toBe(expected.size);
  const got = hits.map((h) => h.id);
  expect(new Set(got).size, 'no record twice').toBe(got.length);
  const wrong = got.filter((id) => !expected.has(id));
  expect(wrong, `records returned for ${query} ${JSON.stringify(filters)} that do not contain it`).toEqual([]);
  if (expected.size <= LIMIT) {
    expect(got.length, `all records containing ${query} ${JSON.stringify(filters)}`).toBe(expected.size);
    tally.exact += 1;
  } else {
    expect(got.length).toBe(LIMIT);
    tally.capped += 1;
  }
  // Ranked: a larger share of the query in the title first, then newer years.
  for (let i = 1; i < hits.length; i += 1) {
    const [a, b] = [hits[i - 1]!, hits[i]!];
    expect(a.score > b.score || (a.score === b.score && a.year >= b.year), `order of ${query}`).toBe(true);
  }
}

describe(`search over ${COUNT.toLocaleString('en')} generated records`, () => {
  it.each([1, 2, 3])('returns exactly the records containing %i-character Chinese queries, with filters', async (length) => {
    const tally: Tally = { exact: 0, capped: 0 };
    for (const query of sampleQueries(length, 6, length * 7919)) {
      for (const filters of FILTERS) await check(query, filters, tally);
    }
    // The filters make most comparisons complete rather than capped at the limit.
    expect(tally.exact).toBeGreaterThanOrEqual(18);
  });

  it('returns exactly the records holding a 文号, whole or from 〔 on', async () => {
    const tally: Tally = { exact: 0, capped: 0 };
    const numbered = records.filter((r) => r.docNo !== '');
    for (const r of [numbered[0], numbered[Math.floor(numbered.length / 2)], numbered[numbered.length - 1]] as GeneratedRecord[]) {
      const partial = r.docNo.slice(r.docNo.indexOf('〔'));
      for (const query of [r.docNo, partial]) {
        await check(query, {}, tally);
        expect(bruteForce(query, {}).has(r.id)).toBe(true);
        await check(query, { year: r.year }, tally);
        await check(query, { year: r.year === 2024 ? 2023 : r.year + 1 }, tally);
      }
    }
    expect(tally).toEqual({ exact: 18, capped: 0 });
  });

  it('pages through every match of a common query once, in one order, past the ranked window', async () => {
    for (const [query, filters] of [['签到', {}], [sampleQueries(1, 1, 17)[0]!, { year: 2023 }]] as [string, Filters][]) {
      const expected = bruteForce(query, filters);
      const seen: number[] = [];
      for (let offset = 0; ; offset += 200) {
        const page = await core.api['search.query']({ query, ...filters, offset, limit: 200 });
        expect(page.total).toBe(expected.size);
        seen.push(...page.results.map((h) => h.id));
        if (page.results.length < 200) break;
      }
      expect(seen.length, `every match of ${query} once`).toBe(expected.size);
      expect(new Set(seen)).toEqual(expected);
      // A page is the same slice of the same order whatever came before it.
      const middle = await core.api['search.query']({ query, ...filters, offset: 150, limit: 100 });
      expect(middle.results.map((h) => h.id)).toEqual(seen.slice(150, 250));
    }
  });

  it('finds common words in the newest records first and snippets them from the original text', async () => {
    const hits = (await core.api['search.query']({ query: '签到', limit: 50 })).results;
    expect(hits).toHaveLength(50);
    expect(hits.every((h) => h.year === 2024 && h.title.includes('签到') && h.score === 1)).toBe(true);
    expect(hits.every((h) => h.snippet.includes('【签到】') && h.items.length === 1)).toBe(true);
  });
});
