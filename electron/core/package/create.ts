import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, promises as fs, statSync } from 'node:fs';
import path from 'node:path';
import { binderOptionsSchema } from '../../../shared/api/binder.js';
import type { ParsedArgs } from '../../../shared/api/contract.js';
import {
  PACKAGE_FORMAT,
  PACKAGE_FORMAT_VERSION,
  PACKAGE_MANIFEST,
  PACKAGE_METADATA,
  PACKAGE_TRANSFER_SHEET,
  type PackageEdition,
  type PackageManifest,
  type PackageMetadata,
  type PackageRecord,
  type PackageResult,
} from '../../../shared/api/package.js';
import { displayTitle } from '../../../shared/domain/record.js';
import { TaizhangError } from '../../../shared/errors.js';
import { catalogueRows } from '../archival/catalogue.js';
import { APP_VERSION } from '../backup/manifest.js';
import { writeZipAtomically, type ZipSource } from '../backup/zip-write.js';
import { exportBinder } from '../binder/export-binder.js';
import { exportChecklist } from '../checklist/export-checklist.js';
import type { CallContext } from '../handler-types.js';
import { findItemOfYear, listEditions, listItems } from '../index/editions.js';
import { yearHoldings } from '../index/holdings.js';
import { listMappings } from '../index/mapping.js';
import { readRecordTexts } from '../search/indexer.js';
import { computeStatus } from '../status/status.js';
import { getUnit, type Archive } from '../store/archive-folder.js';
import { hashFile } from '../store/file-store.js';
import { writeCatalogueFiles } from './catalogue-files.js';
import { archiveId } from '../archive/identity.js';
import { packageFileRows, packageRecordRows, mappedEditions } from './repository.js';
import { writeTransferSheet } from './transfer-sheet.js';

/** The most text of one record a package carries for the hub's search (a long PDF's text beyond is left out). */
const TEXT_LIMIT = 100_000;

/** "上报包-和平社区居委会-2025.zip" */
export function packageFileName(unit: string, year: number): string {
  const safe = unit.replace(/[\\/:*?"<>|\s]+/g, '').slice(0, 40) || '社区';
  return `上报包-${safe}-${year}.zip`;
}

/** The SHA-256 the 移交登记表 prints: over "path sha256" lines of every other entry, sorted by path. */
export function contentHashOf(entries: readonly { path: string; sha256: string }[]): string {
  const lines = entries
    .filter((e) => e.path !== PACKAGE_TRANSFER_SHEET && e.path !== PACKAGE_MANIFEST)
    .map((e) => `${e.path} ${e.sha256}`)
    .sort();
  return createHash('sha256').update(lines.join('\n')).digest('hex');
}

/**
 * package.create: the 上报包 of a year. Binders, the checklist and the 归档文件目录 are exported into a working
 * folder by the same code as the app's exports, every file is hashed, the 移交登记表 prints the content hash, and
 * the zip is written under a temporary name and renamed when whole (the manifest, last, lists every entry's hash).
 */
export async function createPackage(archive: Archive, args: ParsedArgs<'package.create'>, ctx: CallContext = {}): Promise<PackageResult> {
  const { db } = archive;
  const unit = getUnit(db);
  const target = resolveTarget(args.out, unit.name, args.year);
  const holdings = yearHoldings(db, args.year);
  const itemCodes = listItems(db, holdings.edition);
  const codeOf = new Map(itemCodes.map((i) => [i.id, i.code]));
  const chosen = args.items?.map((code) => findItemOfYear(db, holdings.edition, code, args.year).id);
  const ids = chosen ? [...new Set(chosen.flatMap((id) => holdings.recordsUnder(id)))].sort((a, b) => a - b) : holdings.placed();
  if (ids.length === 0) {
    throw new TaizhangError('not_found', `${args.year} 年度没有归入测评项目的材料，无法生成上报包 / Nothing filed under the index for this year`);
  }
  const work = await archive.files.tempFile('-package');
  await fs.mkdir(work, { recursive: true });
  const warnings: string[] = [];
  try {
    ctx.onProgress?.({ stage: '导出案卷', done: 0, total: 4 });
    const documents: PackageMetadata['documents'] = [];
    const printedAt = new Map<number, NonNullable<PackageRecord['binder']>>();
    const binderDir = path.join(work, 'binders');
    const binderTargets = chosen ? (args.items ?? []) : [undefined];
    for (const item of binderTargets) {
      const out = item === undefined ? binderDir : path.join(binderDir, item.replace(/[^\p{L}\p{N}.-]+/gu, '_'));
      const report = await exportBinder(archive, binderOptionsSchema.parse({ year: args.year, out, ...(item !== undefined ? { item } : {}) }), { ...(ctx.signal ? { signal: ctx.signal } : {}) });
      for (const volume of report.volumes) {
        const document = entryName(work, volume.path);
        documents.push({ kind: 'binder', path: document, title: volume.title });
        for (const d of volume.documents) printedAt.set(d.recordId, [...(printedAt.get(d.recordId) ?? []), { document, page: d.startPage, pages: d.pages }]);
      }
      warnings.push(...report.warnings.map((w) => `案卷：${w.message}`));
    }
    ctx.onProgress?.({ stage: '导出自查表', done: 1, total: 4 });
    const checklist = path.join(work, '自查表.xlsx');
    const firstReport = path.join(chosen ? path.join(binderDir, (args.items?.[0] ?? '').replace(/[^\p{L}\p{N}.-]+/gu, '_')) : binderDir, 'binder-report.json');
    await exportChecklist(archive, { year: args.year, out: checklist, ...(existsSync(firstReport) ? { binderReport: firstReport } : {}) }, {});
    documents.push({ kind: 'checklist', path: '自查表.xlsx', title: `${args.year} 年度自查表` });
    const catalogue = catalogueRows(db, args.year).filter((r) => ids.includes(r.recordId));
    for (const file of await writeCatalogueFiles(work, unit.name, args.year, catalogue)) {
      documents.push({ kind: 'catalogue', path: file, title: `${args.year} 年度归档文件目录` });
    }
    documents.push({ kind: 'transfer', path: PACKAGE_TRANSFER_SHEET, title: '移交登记表' });

    ctx.onProgress?.({ stage: '汇集材料', done: 2, total: 4 });
    const identity = { id: archiveId(db), unit: unit.name, fonds: unit.fonds };
    const records = packageRecords(archive, ids, (recordId) => holdings.itemsOf(recordId).map((i) => codeOf.get(i) ?? '').filter(Boolean), printedAt);
    const metadata: PackageMetadata = {
      archive: identity,
      year: args.year,
      edition: editionKey(itemCodes),
      editions: packageEditions(archive, holdings.edition),
      mappings: [],
      statuses: computeStatus(db, args.year).map((s) => ({ code: s.code, status: s.status, reason: s.reason, records: s.records })),
      records,
      documents,
    };
    metadata.mappings = packageMappings(archive, metadata.editions);
    ctx.onProgress?.({ stage: '打包', done: 3, total: 4 });
    const written = await writePackage(target, work, {
      metadata,
      blobFile: (sha) => archive.files.blobPath(sha),
      filer: unit.filer,
      ...(ctx.signal ? { signal: ctx.signal } : {}),
    });
    ctx.onProgress?.({ stage: '完成', done: 4, total: 4 });
    return { path: target, year: args.year, records: records.length, ...written, warnings };
  } finally {
    await fs.rm(work, { recursive: true, force: true });
  }
}

export interface PackageContents {
  metadata: PackageMetadata;
  /** Where a record file (by SHA-256) is on disk. */
  blobFile: (sha256: string) => string;
  /** 立卷人, typed on the 移交登记表 as 移交人. */
  filer: string;
  signal?: AbortSignal;
}

/**
 * Writes a package from its metadata: the documents it lists (already in `work`, except the 移交登记表, drawn here
 * with the content hash), every record file, and the manifest last. The zip appears under `target` only when whole.
 */
export async function writePackage(target: string, work: string, contents: PackageContents): Promise<{ files: number; bytes: number; contentHash: string }> {
  const { metadata } = contents;
  await fs.writeFile(path.join(work, PACKAGE_METADATA), JSON.stringify(metadata));
  const sources: ZipSource[] = [{ name: PACKAGE_METADATA, file: path.join(work, PACKAGE_METADATA), compress: true }];
  for (const doc of metadata.documents.filter((d) => d.kind !== 'transfer')) sources.push({ name: doc.path, file: path.join(work, doc.path), compress: doc.path.endsWith('.csv') });
  const blobs = [...new Set(metadata.records.flatMap((r) => r.files.map((f) => f.sha256)))].sort();
  for (const sha of blobs) {
    const file = contents.blobFile(sha);
    if (!existsSync(file)) throw new TaizhangError('bad_file', `档案中有文件缺失（${sha.slice(0, 12)}…），请先运行“检查档案” / A stored file is missing; run check first`);
    sources.push({ name: `files/${sha}`, file, compress: false });
  }
  const expected = new Map<string, string>();
  for (const s of sources) expected.set(s.name, s.name.startsWith('files/') ? s.name.slice(6) : await hashFile(s.file));
  const contentHash = contentHashOf([...expected].map(([p, sha256]) => ({ path: p, sha256 })));
  const { unit, fonds } = metadata.archive;
  await writeTransferSheet(path.join(work, PACKAGE_TRANSFER_SHEET), {
    unit, fonds, year: metadata.year, records: metadata.records.length, files: blobs.length,
    archived: metadata.records.filter((r) => r.archivalCode !== null).length, documents: metadata.documents.length, contentHash, filer: contents.filer,
  });
  sources.push({ name: PACKAGE_TRANSFER_SHEET, file: path.join(work, PACKAGE_TRANSFER_SHEET), compress: false });
  const { entries, bytes } = await writeZipAtomically(target, sources, {
    signal: contents.signal,
    trailer: {
      name: PACKAGE_MANIFEST,
      build: (written) => {
        const changed = written.filter((e) => expected.has(e.name) && expected.get(e.name) !== e.sha256);
        if (changed.length > 0) throw new TaizhangError('bad_file', `档案中的文件在打包时与其校验值不符（${changed[0]!.name}），请先运行“检查档案” / A stored file is damaged; run check`);
        const manifest: PackageManifest = {
          format: PACKAGE_FORMAT,
          formatVersion: PACKAGE_FORMAT_VERSION,
          app: { name: 'Taizhang', version: APP_VERSION },
          createdAt: new Date().toISOString(),
          archive: metadata.archive,
          year: metadata.year,
          contentHash,
          counts: { records: metadata.records.length, files: blobs.length },
          entries: written.map((e) => ({ path: e.name, sha256: e.sha256, size: e.size })),
        };
        return Buffer.from(JSON.stringify(manifest, null, 1));
      },
    },
  });
  return { files: entries.filter((e) => e.name.startsWith('files/')).length, bytes, contentHash };
}

function entryName(root: string, file: string): string {
  return path.relative(root, file).split(path.sep).join('/');
}

/**
 * Where the package goes. A .zip path is taken as given and never overwritten. A folder (made when missing, as the
 * app's export folder is) gets the standard name, numbered when an earlier package of the year is already there, so
 * a second 上报 of a year never fails on the first one's file.
 */
function resolveTarget(out: string, unit: string, year: number): string {
  const given = path.resolve(out);
  const isFolder = path.extname(given) === '' || (existsSync(given) && statSync(given).isDirectory());
  if (isFolder) {
    mkdirSync(given, { recursive: true });
    const name = packageFileName(unit, year);
    for (let n = 1; ; n++) {
      const target = path.join(given, n === 1 ? name : name.replace(/\.zip$/, `-${n}.zip`));
      if (!existsSync(target)) return target;
    }
  }
  if (path.extname(given).toLowerCase() !== '.zip') {
    throw new TaizhangError('invalid_input', `上报包应保存为 .zip 文件：${out} / The package must be a .zip file`);
  }
  if (existsSync(given)) throw new TaizhangError('conflict', `文件已存在，不会覆盖：${given}（请换一个文件名） / File exists; choose another name`);
  if (!existsSync(path.dirname(given))) throw new TaizhangError('not_found', `上报包所在的文件夹不存在：${path.dirname(given)} / Folder does not exist`);
  return given;
}

function packageRecords(archive: Archive, ids: number[], itemsOf: (id: number) => string[], printedAt: Map<number, NonNullable<PackageRecord['binder']>>): PackageRecord[] {
  const texts = readRecordTexts(archive.db, ids);
  const files = new Map<number, PackageRecord['files']>();
  for (const f of packageFileRows(archive.db, ids)) {
    files.set(f.record_id, [...(files.get(f.record_id) ?? []), { name: f.name, sha256: f.sha256, size: f.size, mime: f.mime }]);
  }
  return packageRecordRows(archive.db, ids).map((r) => {
    const t = texts.get(r.id);
    return {
      id: r.id,
      title: displayTitle(r.title, r.title_supplied === 1),
      type: r.type,
      date: r.date,
      docNo: r.doc_no,
      author: r.author,
      retention: r.retention,
      secrecy: r.secrecy,
      archivalCode: r.archival_code,
      piece: r.piece,
      activity: r.activity,
      items: itemsOf(r.id),
      text: (t ? [...t.fields, ...t.fileNames].join('\n') : '').slice(0, TEXT_LIMIT),
      files: files.get(r.id) ?? [],
      binder: printedAt.get(r.id) ?? [],
    };
  });
}

/** The same city table gives the same key in every archive: a hash of its items' codes, titles and parents. */
export function editionKey(items: readonly { code: string; title: string; parent: string | null }[]): string {
  return createHash('sha256').update(JSON.stringify(items.map((i) => [i.code, i.title, i.parent]))).digest('hex');
}

function packageEditions(archive: Archive, edition: number): PackageEdition[] {
  const names = new Map(listEditions(archive.db).map((e) => [e.id, e.name]));
  return mappedEditions(archive.db, edition).sort((a, b) => (a === edition ? -1 : b === edition ? 1 : a - b)).map((id) => {
    const items = listItems(archive.db, id);
    return {
      key: editionKey(items),
      name: names.get(id) ?? '',
      items: items.map((i) => ({ code: i.code, title: i.title, level: i.level, parent: i.parent, method: i.method, unit: i.unit, requirement: i.requirement })),
    };
  });
}

function packageMappings(archive: Archive, editions: PackageEdition[]): PackageMetadata['mappings'] {
  const ids = new Map(listEditions(archive.db).map((e) => [e.id, editionKey(listItems(archive.db, e.id))]));
  const wanted = new Set(editions.map((e) => e.key));
  return listMappings(archive.db)
    .map((m) => ({ from: { edition: ids.get(m.from.editionId) ?? '', code: m.from.code }, to: { edition: ids.get(m.to.editionId) ?? '', code: m.to.code }, kind: m.kind }))
    .filter((m) => wanted.has(m.from.edition) && wanted.has(m.to.edition));
}
