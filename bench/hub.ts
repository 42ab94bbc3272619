/**
 * The hub's benchmark: generates N communities × Y years × R records as real 上报包 (the package writer, manifest,
 * hashes, 移交登记表), imports them one by one, then measures the matrix of one year, cross-community search for 1–4
 * CJK characters beside a LIKE scan over the same text, and the import rate.
 *
 * npx tsx bench/hub.ts [--communities 30] [--years 3] [--records 1000] [--file-bytes 4096] [--body-chars 500] [--db postgres://…] [--work DIR]
 *
 * With --work, packages already written there by an earlier run with the same scale, file size and body length are
 * imported again rather than rewritten (writing 900 packages takes 12–30 minutes). The hub folder is always made
 * afresh; on PostgreSQL the database given must be empty.
 */
import { existsSync, mkdtempSync, promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { WHOLE_HUB } from '../electron/hub/accounts.js';
import { openHub } from '../electron/hub/db.js';
import { importPackage } from '../electron/hub/package-import.js';
import { hubMatrix } from '../electron/hub/matrix.js';
import { hubSearch, likeSearch, SEARCH_COUNT_CAP } from '../electron/hub/cross-search.js';
import { edition, writeFixturePackage } from '../electron/hub/testing/fixtures.js';
import { sampleRecord, seededRng } from '../test/support/bulk-records.js';
import type { Completeness } from '../shared/api/status.js';
import { elapsedMs, latency, round } from './stats.js';

const { values } = parseArgs({
  options: {
    communities: { type: 'string', default: '30' },
    years: { type: 'string', default: '3' },
    records: { type: 'string', default: '1000' },
    'file-bytes': { type: 'string', default: '4096' },
    db: { type: 'string' },
    work: { type: 'string' },
    runs: { type: 'string', default: '20' },
    'body-chars': { type: 'string', default: '500' },
  },
});
const COMMUNITIES = Number(values.communities);
const YEARS = Number(values.years);
const RECORDS = Number(values.records);
const RUNS = Number(values.runs);
const BODY_CHARS = Number(values['body-chars']);

const STATUSES: Completeness[] = ['齐全', '齐全', '部分', '缺失', '不适用'];

/** 12 测评项目 × 4 测评内容 × 4 测评标准: 192 leaves, about the size of a city table. */
const TABLE = edition({
  name: '基准测评体系',
  items: Array.from({ length: 12 }, (_, a) => [
    { code: `${a + 1}`, title: `测评项目${a + 1}`, parent: null },
    ...Array.from({ length: 4 }, (_, b) => [
      { code: `${a + 1}.${b + 1}`, title: `测评内容${a + 1}.${b + 1}`, parent: `${a + 1}` },
      ...Array.from({ length: 4 }, (_, c) => ({ code: `${a + 1}.${b + 1}.${c + 1}`, title: `测评标准${a + 1}.${b + 1}.${c + 1}`, parent: `${a + 1}.${b + 1}`, unit: ['文明办', '城管科', '社区党委'][c % 3]! })),
    ]).flat(),
  ]).flat(),
});
const LEAVES = TABLE.items.filter((i) => i.level === 3).map((i) => i.code);

async function main(): Promise<void> {
  const work = values.work ?? mkdtempSync(path.join(os.tmpdir(), 'taizhang-hub-bench-'));
  const rng = seededRng(2026);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rng() * list.length)]!;
  const packagesDir = path.join(work, 'packages');
  await fs.mkdir(packagesDir, { recursive: true });
  const started = process.hrtime.bigint();
  const files: string[] = [];
  let reused = 0;
  for (let c = 0; c < COMMUNITIES; c += 1) {
    for (let y = 0; y < YEARS; y += 1) {
      const year = 2025 - y;
      const name = `c${c + 1}-${year}-r${RECORDS}-f${values['file-bytes']}-b${BODY_CHARS}.zip`;
      if (values.work && existsSync(path.join(packagesDir, name))) {
        files.push(path.join(packagesDir, name));
        reused += 1;
        continue;
      }
      const records = Array.from({ length: RECORDS }, (): [string, string, string] => {
        const r = sampleRecord(rng, year, BODY_CHARS);
        return [r.title, pick(LEAVES), r.body];
      });
      const statuses = Object.fromEntries(LEAVES.map((l) => [l, pick(STATUSES)]));
      files.push(await writeFixturePackage(packagesDir, {
        unit: `第${c + 1}社区居委会`, archiveId: `bench-${c + 1}`, fonds: `Z${String(c + 1).padStart(3, '0')}`, year, edition: TABLE, statuses, records,
        fileBytes: Number(values['file-bytes']),
      }, name));
    }
  }
  const generateSeconds = elapsedMs(started) / 1000;
  await fs.rm(path.join(work, 'hub'), { recursive: true, force: true });
  const hub = await openHub(path.join(work, 'hub'), { db: values.db, create: true });
  try {
    let bytes = 0;
    const importStart = process.hrtime.bigint();
    for (const [i, file] of files.entries()) {
      const r = await importPackage(hub, file, { source: 'bench', street: `第${(i % 5) + 1}街道` });
      if (!r.ok) throw new Error(r.problems.join('\n'));
      bytes += r.bytes;
    }
    const importMs = elapsedMs(importStart);

    const time = async (fn: () => Promise<unknown>, runs = RUNS): Promise<number[]> => {
      await fn();
      const out: number[] = [];
      for (let i = 0; i < runs; i += 1) {
        const t = process.hrtime.bigint();
        await fn();
        out.push(elapsedMs(t));
      }
      return out;
    };
    const matrix = latency(await time(() => hubMatrix(hub.db, 2025, WHOLE_HUB)));
    // 1–4 characters at the shares the vocabulary gives them, and 动签, found only across two words (活动签到表): of the
    // records holding both characters, most must be checked and refused.
    const terms = ['党', '签到', '志愿者', '垃圾分类', '动签'];
    const records = COMMUNITIES * YEARS * RECORDS;
    const search: Record<string, { p95: number; p50: number; total: number; totalCapped: boolean; likeP95: number; likeTotal: number; share: number }> = {};
    for (const term of terms) {
      const s = latency(await time(() => hubSearch(hub.db, hub.dialect, term, WHOLE_HUB)));
      const like = latency(await time(() => likeSearch(hub.db, term), 5));
      const found = await hubSearch(hub.db, hub.dialect, term, WHOLE_HUB);
      const likeTotal = await likeSearch(hub.db, term);
      // The correctness check: the capped total is the scan's count, or the cap with the flag.
      if (found.total !== Math.min(likeTotal, SEARCH_COUNT_CAP) || found.totalCapped !== likeTotal > SEARCH_COUNT_CAP) {
        throw new Error(`search and LIKE disagree on ${term}: ${found.total}${found.totalCapped ? '+' : ''} vs ${likeTotal}`);
      }
      search[term] = { p95: round(s.p95), p50: round(s.p50), total: found.total, totalCapped: found.totalCapped, likeP95: round(like.p95), likeTotal, share: round(likeTotal / records) };
    }
    const result = {
      date: new Date().toISOString(),
      db: hub.dialect,
      scale: { communities: COMMUNITIES, years: YEARS, recordsPerPackage: RECORDS, records, bodyChars: BODY_CHARS, packageBytes: bytes },
      load: os.loadavg().map(round),
      generateSeconds: round(generateSeconds),
      reusedPackages: reused,
      import: { seconds: round(importMs / 1000), mbPerSecond: round(bytes / 1048576 / (importMs / 1000)), packagesPerSecond: round(files.length / (importMs / 1000)) },
      matrix: { p50: round(matrix.p50), p95: round(matrix.p95), communities: COMMUNITIES, items: LEAVES.length },
      search,
    };
    console.log(JSON.stringify(result, null, 2));
    const out = path.join('bench', 'results', `hub-${result.date.slice(0, 10)}-${hub.dialect}-${COMMUNITIES}x${YEARS}x${RECORDS}.json`);
    await fs.mkdir(path.dirname(out), { recursive: true });
    await fs.writeFile(out, `${JSON.stringify(result, null, 2)}\n`);
  } finally {
    await hub.close();
    if (!values.work) await fs.rm(work, { recursive: true, force: true });
  }
}

await main();
