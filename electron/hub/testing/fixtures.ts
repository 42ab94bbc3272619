/**
 * Hub test and benchmark fixtures: packages written by the real package writer (writePackage) from generated
 * metadata, so thousands of records need no binder export; and the two databases the hub runs on.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import pg from 'pg';
import type { PackageEdition, PackageMetadata, PackageRecord } from '../../../shared/api/package.js';
import type { Completeness } from '../../../shared/api/status.js';
import { editionKey, writePackage } from '../../core/package/create.js';

export interface EditionSpec {
  name: string;
  items: { code: string; title: string; parent: string | null; unit?: string }[];
}

export function edition(spec: EditionSpec): PackageEdition {
  const items = spec.items.map((i) => ({
    code: i.code, title: i.title, level: i.code.split('.').length, parent: i.parent, method: '材料审核', unit: i.unit ?? '', requirement: '',
  }));
  return { key: editionKey(items), name: spec.name, items };
}

/** The 2025 city table of the fixtures: two 测评项目, four 测评标准. */
export const CITY_2025 = edition({
  name: '2025 年市测评细则',
  items: [
    { code: '1', title: '思想道德建设', parent: null },
    { code: '1.1', title: '志愿服务活动', parent: '1', unit: '社区党委' },
    { code: '1.2', title: '道德讲堂', parent: '1', unit: '文明办' },
    { code: '2', title: '社区环境', parent: null },
    { code: '2.1', title: '环境卫生', parent: '2', unit: '城管科' },
    { code: '2.2', title: '公益广告', parent: '2', unit: '文明办' },
  ],
});

/** An older table another community still files under: renamed, and one item later split in two. */
export const CITY_2021 = edition({
  name: '2021 年市测评细则',
  items: [
    { code: 'A', title: '文明实践', parent: null },
    { code: 'A1', title: '志愿者服务', parent: 'A' },
    { code: 'A2', title: '讲堂活动', parent: 'A' },
    { code: 'B', title: '环境', parent: null },
    { code: 'B1', title: '环境卫生和公益广告', parent: 'B' },
  ],
});

export const MAPPINGS_2021_2025: PackageMetadata['mappings'] = [
  { from: { edition: CITY_2021.key, code: 'A1' }, to: { edition: CITY_2025.key, code: '1.1' }, kind: 'same' },
  { from: { edition: CITY_2021.key, code: 'A2' }, to: { edition: CITY_2025.key, code: '1.2' }, kind: 'renamed' },
  { from: { edition: CITY_2021.key, code: 'B1' }, to: { edition: CITY_2025.key, code: '2.1' }, kind: 'split' },
  { from: { edition: CITY_2021.key, code: 'B1' }, to: { edition: CITY_2025.key, code: '2.2' }, kind: 'split' },
];

export interface CommunitySpec {
  unit: string;
  archiveId: string;
  fonds?: string;
  year: number;
  edition?: PackageEdition;
  mappings?: PackageMetadata['mappings'];
  /** Status of each leaf; leaves not named are 缺失. */
  statuses?: Record<string, Completeness>;
  /** [title, item code, body text]. */
  records: [string, string, string][];
  /** Pad each record's file with this many random bytes (a package big enough to kill mid-import). */
  fileBytes?: number;
  /** A binder volume of this title, one page a record, each record saying it is printed on its page. */
  binderVolume?: string;
  /** The entry the records name as their volume instead of the volume's own (a package verify refuses). */
  binderEntry?: string;
}

/** Writes a valid package (real zip, manifest, hashes, 移交登记表) into `dir`; each record has one small text file. */
export async function writeFixturePackage(dir: string, spec: CommunitySpec, name = `${spec.unit}-${spec.year}-${randomBytes(3).toString('hex')}.zip`): Promise<string> {
  const work = mkdtempSync(path.join(os.tmpdir(), 'taizhang-pkg-'));
  try {
    const ed = spec.edition ?? CITY_2025;
    const blobs = path.join(work, 'blobs');
    await fs.mkdir(blobs, { recursive: true });
    const records: PackageRecord[] = [];
    for (const [i, [title, item, text]] of spec.records.entries()) {
      const content = Buffer.concat([Buffer.from(`${spec.unit}\n${title}\n${text}\n`), randomBytes(spec.fileBytes ?? 0)]);
      const sha256 = createHash('sha256').update(content).digest('hex');
      await fs.writeFile(path.join(blobs, sha256), content);
      records.push({
        id: i + 1, title, type: title.includes('照片') ? '照片' : '记录', date: `${spec.year}-03-${String((i % 28) + 1).padStart(2, '0')}`, docNo: '', author: spec.unit,
        retention: '定期10年', secrecy: '', archivalCode: `${spec.fonds ?? 'Z001'}-WS·${spec.year}-D10-01-${String(i + 1).padStart(4, '0')}`, piece: i + 1,
        activity: null, items: [item], text, files: [{ name: `${title}.txt`, sha256, size: content.length, mime: 'text/plain' }],
      });
    }
    const documents: PackageMetadata['documents'] = [{ kind: 'transfer', path: '移交登记表.pdf', title: '移交登记表' }];
    if (spec.binderVolume) {
      const volume = await PDFDocument.create();
      for (const r of records) {
        volume.addPage([595, 842]).drawText(`piece ${r.piece}`, { x: 72, y: 760 });
        r.binder = [{ document: spec.binderEntry ?? `binders/${spec.binderVolume}.pdf`, page: r.id, pages: 1 }];
      }
      await fs.mkdir(path.join(work, 'binders'), { recursive: true });
      await fs.writeFile(path.join(work, 'binders', `${spec.binderVolume}.pdf`), await volume.save());
      documents.push({ kind: 'binder', path: `binders/${spec.binderVolume}.pdf`, title: spec.binderVolume });
    }
    const leaves = ed.items.filter((i) => !ed.items.some((c) => c.parent === i.code));
    const metadata: PackageMetadata = {
      archive: { id: spec.archiveId, unit: spec.unit, fonds: spec.fonds ?? 'Z001' },
      year: spec.year,
      edition: ed.key,
      editions: [ed, ...(spec.mappings ? [CITY_2025].filter((e) => e.key !== ed.key) : [])],
      mappings: spec.mappings ?? [],
      statuses: leaves.map((l) => ({ code: l.code, status: spec.statuses?.[l.code] ?? '缺失', reason: '', records: records.filter((r) => r.items.includes(l.code)).length })),
      records,
      documents,
    };
    const target = path.join(dir, name);
    await writePackage(target, work, { metadata, blobFile: (sha) => path.join(blobs, sha), filer: '张敏' });
    return target;
  } finally {
    await fs.rm(work, { recursive: true, force: true });
  }
}

export interface Backend {
  name: 'sqlite' | 'postgres';
  /** A fresh database for one test: undefined for SQLite (in the data folder), a new PostgreSQL database otherwise. */
  create(): Promise<string | undefined>;
  /** Drops the databases made by create(). */
  cleanup(): Promise<void>;
}

/**
 * The databases hub tests run on: SQLite always, PostgreSQL when TAIZHANG_TEST_PG_URL names a server (.ci/run starts
 * one). Under CI a missing URL is an error, never a silent skip.
 */
export function hubBackends(): Backend[] {
  const url = process.env.TAIZHANG_TEST_PG_URL;
  const sqlite: Backend = { name: 'sqlite', create: () => Promise.resolve(undefined), cleanup: () => Promise.resolve() };
  if (!url && !process.env.CI) return [sqlite];
  const made: string[] = [];
  const postgres: Backend = {
    name: 'postgres',
    async create() {
      if (!url) throw new Error('CI 下必须设置 TAIZHANG_TEST_PG_URL（.ci/run 会启动 PostgreSQL） / TAIZHANG_TEST_PG_URL must be set under CI');
      const name = `tzhub_${randomBytes(6).toString('hex')}`;
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      try {
        await admin.query(`CREATE DATABASE ${name}`);
      } finally {
        await admin.end();
      }
      made.push(name);
      const u = new URL(url);
      u.pathname = `/${name}`;
      return u.toString();
    },
    async cleanup() {
      if (!url || made.length === 0) return;
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      try {
        for (const name of made.splice(0)) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await admin.end();
      }
    },
  };
  return [sqlite, postgres];
}
