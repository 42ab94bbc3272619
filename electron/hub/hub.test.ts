import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { HubMatrix, HubSearchResult } from '../../shared/api/hub.js';
import { cli, tempDir } from '../../test/support/temp.js';
import { rewriteZip } from '../core/package/testing/sample-package.js';
import { WHOLE_HUB } from './accounts.js';
import { communityInfo, packageDiff } from './community.js';
import { openHub, type Hub } from './db.js';
import { hubMatrix } from './matrix.js';
import { hubSearch } from './cross-search.js';
import { searchPage } from './pages.js';
import { CITY_2021, hubBackends, MAPPINGS_2021_2025, writeFixturePackage, type CommunitySpec } from './testing/fixtures.js';

const HEPING: CommunitySpec = {
  unit: '和平社区居委会', archiveId: 'a-heping', year: 2025, statuses: { '1.1': '齐全', '1.2': '部分', '2.1': '缺失', '2.2': '不适用' },
  records: [
    ['学雷锋志愿服务签到表', '1.1', '三月五日志愿者在社区广场签到，共三十人参加。'],
    ['道德讲堂活动照片', '1.2', '道德讲堂讲述身边好人故事。'],
    ['党员志愿服务记录', '1.1', '党员先锋岗值守。'],
  ],
};
const DONGFENG: CommunitySpec = {
  unit: '东风社区居委会', archiveId: 'a-dongfeng', year: 2025, edition: CITY_2021, mappings: MAPPINGS_2021_2025,
  statuses: { A1: '齐全', A2: '缺失', B1: '部分' },
  records: [
    ['志愿者服务签到', 'A1', '东风社区志愿者签到表。'],
    ['环境卫生整治记录', 'B1', '清理楼道堆物，张贴公益广告。'],
  ],
};
const SHENGLI: CommunitySpec = {
  unit: '胜利社区居委会', archiveId: 'a-shengli', year: 2025, statuses: { '1.1': '齐全', '1.2': '齐全', '2.1': '齐全', '2.2': '齐全' },
  records: [['胜利社区签到簿', '1.1', '胜利社区独有的材料：红黑榜评议。']],
};

const backends = hubBackends();
afterAll(async () => {
  for (const b of backends) await b.cleanup();
});

async function freshHub(backend: (typeof backends)[number]): Promise<{ hub: Hub; dir: string; db: string | undefined }> {
  const dir = path.join(tempDir(), 'hub');
  const db = await backend.create();
  const init = await cli('hub', 'init', '--data', dir, ...(db ? ['--db', db] : []), '--json');
  expect(init.code, init.stderr).toBe(0);
  return { hub: await openHub(dir, { db }), dir, db };
}

async function tableCounts(hub: Hub): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of ['packages', 'records', 'record_files', 'statuses', 'blobs', 'communities', 'documents'] as const) {
    out[t] = Number((await hub.db.selectFrom(t).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  }
  return out;
}

const answers = new Map<string, { matrix: HubMatrix; searches: HubSearchResult[] }>();

describe.each(backends)('hub on $name', (backend) => {
  it('imports packages, maps another edition into the matrix, searches one and two characters, supersedes and refuses', async () => {
    const { hub, dir, db } = await freshHub(backend);
    const dbArgs = db ? ['--db', db] : [];
    try {
      const packages = tempDir();
      const files = {
        heping: await writeFixturePackage(packages, HEPING),
        dongfeng: await writeFixturePackage(packages, DONGFENG),
        shengli: await writeFixturePackage(packages, SHENGLI),
      };
      for (const [file, street] of [[files.heping, '和平街道'], [files.dongfeng, '和平街道'], [files.shengli, '胜利街道']] as const) {
        const run = await cli('hub', 'import', file, '--data', dir, ...dbArgs, '--street', street, '--json');
        expect(run.code, run.stderr).toBe(0);
        expect(run.json()).toMatchObject({ ok: true, duplicate: false, current: true });
      }

      const matrixRun = await cli('hub', 'matrix', '--year', '2025', '--data', dir, ...dbArgs, '--json');
      expect(matrixRun.code, matrixRun.stderr).toBe(0);
      const matrix = matrixRun.json<HubMatrix>();
      expect(matrix.communities.map((c) => ({ unit: c.unit, fonds: c.fonds }))).toEqual([
        { unit: '东风社区居委会', fonds: 'Z001' }, { unit: '和平社区居委会', fonds: 'Z001' }, { unit: '胜利社区居委会', fonds: 'Z001' },
      ]);
      expect(matrix.items.map((i) => ({ code: i.code, title: i.title }))).toEqual([
        { code: '1.1', title: '志愿服务活动' }, { code: '1.2', title: '道德讲堂' }, { code: '2.1', title: '环境卫生' }, { code: '2.2', title: '公益广告' },
      ]);
      const cell = (unit: string, code: string) => matrix.cells.find((c) => c.unit === unit && c.code === code)?.status;
      expect(['1.1', '1.2', '2.1', '2.2'].map((c) => cell('和平社区居委会', c))).toEqual(['齐全', '部分', '缺失', '不适用']);
      // 东风 files under the 2021 table: A1 → 1.1 (same), A2 → 1.2 (renamed), B1 split into 2.1 and 2.2.
      expect(['1.1', '1.2', '2.1', '2.2'].map((c) => cell('东风社区居委会', c))).toEqual(['齐全', '缺失', '部分', '部分']);
      expect(matrix.totals.byItem.find((t) => t.code === '1.1')).toMatchObject({ 齐全: 3, 部分: 0, 缺失: 0 });
      const filtered = await hubMatrix(hub.db, 2025, WHOLE_HUB, { top: '2', status: '部分' });
      expect(filtered.items.map((i) => i.code)).toEqual(['2.1', '2.2']);
      expect(filtered.cells.map((c) => `${c.unit}:${c.code}`)).toEqual(['东风社区居委会:2.1', '东风社区居委会:2.2']);
      expect((await hubMatrix(hub.db, 2025, WHOLE_HUB, { unit: '文明办' })).items.map((i) => i.code)).toEqual(['1.2', '2.2']);
      expect(filtered.tops).toEqual([{ code: '1', title: '思想道德建设' }, { code: '2', title: '社区环境' }]);
      const street = await cli('hub', 'matrix', '--year', '2025', '--street', '和平街道', '--data', dir, ...dbArgs, '--json');
      const streetMatrix = street.json<HubMatrix>();
      expect(streetMatrix.communities.map((c) => c.unit)).toEqual(['东风社区居委会', '和平社区居委会']);
      expect(streetMatrix.streets).toEqual(['和平街道', '胜利街道']);
      expect(streetMatrix.cells).toEqual(matrix.cells.filter((c) => c.unit !== '胜利社区居委会'));
      const noStreet = await cli('hub', 'matrix', '--year', '2025', '--street', '幸福街道', '--data', dir, ...dbArgs);
      expect(noStreet.code).toBe(1);
      expect(noStreet.stderr).toContain('2025 年度没有「幸福街道」街道的上报，有：和平街道、胜利街道');
      // One community's row is the whole matrix's row: 东风 stays mapped into the year's edition, the others' columns.
      const dongfeng = matrix.communities.find((c) => c.unit === '东风社区居委会')!;
      const row = await hubMatrix(hub.db, 2025, WHOLE_HUB, { community: dongfeng.id });
      expect(row.communities.map((c) => c.unit)).toEqual(['东风社区居委会']);
      expect(row.cells).toEqual(matrix.cells.filter((c) => c.communityId === dongfeng.id));
      expect(row.totals.byCommunity).toEqual(matrix.totals.byCommunity.filter((t) => t.communityId === dongfeng.id));

      const search = async (q: string) => {
        const run = await cli('hub', 'search', q, '--data', dir, ...dbArgs, '--json');
        expect(run.code, run.stderr).toBe(0);
        return run.json<HubSearchResult>();
      };
      const two = await search('签到');
      expect(two.total).toBe(3);
      expect(two.results.map((r) => r.unit).sort()).toEqual(['东风社区居委会', '和平社区居委会', '胜利社区居委会']);
      expect(two.results[0]).toEqual(expect.objectContaining({ unit: expect.any(String), title: expect.any(String), year: 2025 }));
      expect(two.totalCapped).toBe(false);
      // Past the cap the total stops counting and says so; the results are the newest matches, newest year first.
      const capped = await hubSearch(hub.db, hub.dialect, '签到', WHOLE_HUB, { cap: 2 });
      expect({ total: capped.total, totalCapped: capped.totalCapped }).toEqual({ total: 2, totalCapped: true });
      expect(capped.results.map((r) => r.id)).toEqual([...two.results.map((r) => r.id)].sort((a, b) => b - a).slice(0, 2));
      expect(searchPage('签到', { ...capped, total: 1000 }, 0, 50)).toContain('共 1,000+ 件');
      const one = await search('党');
      expect(one.results.map((r) => r.title)).toEqual(['党员志愿服务记录']);
      expect((await search('黑榜')).results.map((r) => r.unit)).toEqual(['胜利社区居委会']);
      expect((await search('签到 -志愿')).results.map((r) => r.title)).toEqual(['胜利社区签到簿']);
      expect((await search('动签')).total).toBe(0);
      expect((await search('"好人故事"')).total).toBe(1);
      const searches = await Promise.all(['签到', '党', '志愿服务', '公益广告', 'type:照片'].map((q) => hubSearch(hub.db, hub.dialect, q, WHOLE_HUB)));
      answers.set(backend.name, { matrix, searches });

      // A second package of 和平 supersedes the first; the hub keeps both and tells what changed.
      const newer = await writeFixturePackage(packages, {
        ...HEPING, statuses: { ...HEPING.statuses, '2.1': '齐全' }, records: [...HEPING.records, ['环境卫生整治照片', '2.1', '清扫楼道。']],
      });
      const again = await cli('hub', 'import', newer, '--data', dir, ...dbArgs, '--json');
      expect(again.json()).toMatchObject({ ok: true, current: true, superseded: [1] });
      expect((await hubMatrix(hub.db, 2025, WHOLE_HUB)).cells.find((c) => c.unit === '和平社区居委会' && c.code === '2.1')?.status).toBe('齐全');
      const heping = (await hubMatrix(hub.db, 2025, WHOLE_HUB)).communities.find((c) => c.unit === '和平社区居委会')!;
      const info = await communityInfo(hub.db, heping.id, WHOLE_HUB);
      expect(info.packages.map((p) => p.current)).toEqual([true, false]);
      const diff = await packageDiff(hub.db, heping.id, info.packages[1]!.id, info.packages[0]!.id, WHOLE_HUB);
      expect(diff.added.map((a) => a.title)).toEqual(['环境卫生整治照片']);
      expect(diff.removed).toEqual([]);
      expect(diff.statusChanges).toEqual([{ code: '2.1', before: '缺失', after: '齐全' }]);
      expect((await hubSearch(hub.db, hub.dialect, '签到', WHOLE_HUB)).total).toBe(3);
      const dup = await cli('hub', 'import', newer, '--data', dir, ...dbArgs, '--json');
      expect(dup.json()).toMatchObject({ ok: true, duplicate: true });

      // A tampered package is refused whole, with its reasons, and nothing of it is stored.
      const before = await tableCounts(hub);
      const tampered = path.join(packages, 'tampered.zip');
      const victim = await writeFixturePackage(packages, { ...SHENGLI, archiveId: 'a-new', unit: '新华社区居委会', records: [['新华社区签到', '1.1', '新华社区']] });
      await rewriteZip(victim, tampered, (name, data) => (name.startsWith('files/') ? Buffer.from(data.toString().replace('新华', '旧华')) : undefined));
      const refused = await cli('hub', 'import', tampered, '--data', dir, ...dbArgs, '--json');
      expect(refused.code).toBe(1);
      const r = refused.json<{ ok: boolean; problems: string[] }>();
      expect(r.ok).toBe(false);
      expect(r.problems.join('\n')).toContain('校验值不符');
      expect(await tableCounts(hub)).toEqual(before);
      expect((await hub.files.list()).length).toBe(before.blobs);
      // Its copies, made while it was read, are gone too.
      expect(await fs.readdir(hub.files.tmpRoot)).toEqual([]);

      // A package whose records say they are printed in a volume it does not hold is refused as well.
      const misplaced = await writeFixturePackage(packages, {
        ...SHENGLI, archiveId: 'a-misplaced', unit: '光明社区居委会', records: [['光明社区签到', '1.1', '光明']], binderVolume: '光明案卷', binderEntry: 'binders/别的案卷.pdf',
      });
      const wrongVolume = await cli('hub', 'import', misplaced, '--data', dir, ...dbArgs, '--json');
      expect(wrongVolume.code).toBe(1);
      expect(wrongVolume.json<{ problems: string[] }>().problems).toEqual(['第 1 件所在的案卷不在包内：binders/别的案卷.pdf / a record\'s binder volume is missing']);
      expect(await tableCounts(hub)).toEqual(before);
    } finally {
      await hub.close();
    }
  }, 180_000);
});

// Defined only where both databases run (always under CI, where a missing PostgreSQL fails above).
if (backends.length > 1) describe('SQLite and PostgreSQL', () => {
  it('give the same matrix and the same search answers', () => {
    const [a, b] = [answers.get('sqlite'), answers.get('postgres')];
    expect(a && b).toBeTruthy();
    const strip = (m: HubMatrix) => ({ ...m, communities: m.communities.map((c) => ({ ...c, id: 0, packageId: 0 })), cells: m.cells.map((c) => ({ ...c, communityId: 0 })), totals: m.totals.byItem });
    expect(strip(b!.matrix)).toEqual(strip(a!.matrix));
    const hits = (s: HubSearchResult[]) => s.map((r) => ({ total: r.total, results: r.results.map((x) => `${x.unit}|${x.title}|${x.year}`).sort() }));
    expect(hits(b!.searches)).toEqual(hits(a!.searches));
  });
});
