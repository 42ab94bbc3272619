import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { PackageManifest, PackageMetadata } from '../../shared/api/package.js';
import { inspectPackage } from '../core/package/verify.js';
import { audit } from './audit.js';
import { batches, nowIso, type Hub, type HubDb, type HubTx } from './db.js';
import { indexRecords } from './search-index.js';

export interface ImportOptions {
  /** Who or what brought the package: "cli", "web:张三", "token:和平社区", "watch". */
  source: string;
  /** An upload token's community: the package must be that community's. */
  communityId?: number;
  /** The 街道 a new community is put under (CLI). */
  street?: string;
}

export type ImportResult =
  | {
      ok: true;
      packageId: number;
      communityId: number;
      unit: string;
      year: number;
      records: number;
      files: number;
      /** Bytes of the package file. */
      bytes: number;
      contentHash: string;
      /** The package was already imported: nothing was stored again. */
      duplicate: boolean;
      /** This package is now the community's current one for the year (false: an older package, kept as history). */
      current: boolean;
      /** Ids of packages it replaced as current. */
      superseded: number[];
    }
  | { ok: false; problems: string[] };

/**
 * Imports a 上报包 in one read: every entry is hashed against the manifest while its bytes are staged under tmp/ in
 * the content-addressed store (and synced in the background). A package that fails verification is refused with its
 * reasons and its copies are dropped; otherwise the copies are renamed into place, their folders synced, and one
 * database transaction records everything. A hub killed during the import holds no row of it, and the files it had put
 * in place are unreferenced and swept later (sweepOrphans), as is its staging folder.
 */
export async function importPackage(hub: Hub, file: string, options: ImportOptions): Promise<ImportResult> {
  const staging = await hub.files.staging();
  try {
    const inspected = await inspectPackage(file, (e) => (staging.holds(e.sha256) ? null : staging.create(e.sha256)));
    if (!inspected.result.ok || !inspected.manifest || !inspected.metadata) {
      await audit(hub.db, options.source, 'import.refused', `${path.basename(file)}：${inspected.result.problems.slice(0, 3).join('；')}`);
      return { ok: false, problems: inspected.result.problems };
    }
    const manifest = inspected.manifest;
    const metadata = inspected.metadata;
    const bytes = (await fs.stat(file)).size;
    if (options.communityId !== undefined) {
      const problem = await tokenProblem(hub, options.communityId, manifest);
      if (problem) {
        await audit(hub.db, options.source, 'import.refused', problem);
        return { ok: false, problems: [problem] };
      }
    }
    const existing = await hub.db.selectFrom('packages').select(['id', 'community_id', 'current']).where('content_hash', '=', manifest.contentHash).executeTakeFirst();
    if (existing) {
      return {
        ok: true, packageId: existing.id, communityId: existing.community_id, unit: manifest.archive.unit, year: manifest.year, records: metadata.records.length,
        files: manifest.counts.files, bytes, contentHash: manifest.contentHash, duplicate: true, current: existing.current === 1, superseded: [],
      };
    }
    await staging.install();
    const result = await hub.db.transaction().execute((tx) => recordPackage(hub, tx, manifest, metadata, bytes, options));
    await audit(hub.db, options.source, 'import', `${manifest.archive.unit} ${manifest.year} 年度上报包（${metadata.records.length} 件）${result.superseded.length > 0 ? '，替换了之前的上报包' : ''}`);
    return { ok: true, unit: manifest.archive.unit, year: manifest.year, records: metadata.records.length, files: manifest.counts.files, bytes, contentHash: manifest.contentHash, duplicate: false, ...result };
  } finally {
    // What was not installed: the copies of a refused or duplicate package, or of a failure on the way.
    await staging.discard();
  }
}

/**
 * Why an upload token may not bring this package, or null: a token belongs to one community, named when it was made
 * and bound to the archive of its first package; another archive, or another unit's first package, is refused.
 */
async function tokenProblem(hub: Hub, communityId: number, manifest: PackageManifest): Promise<string | null> {
  const owner = await hub.db.selectFrom('communities').select(['archive_id', 'unit']).where('id', '=', communityId).executeTakeFirstOrThrow();
  const refused = `这个上报包属于「${manifest.archive.unit}」，不是上传令牌所属的「${owner.unit}」 / The package belongs to another community than the upload token`;
  if (owner.archive_id !== null) return owner.archive_id === manifest.archive.id ? null : refused;
  if (owner.unit !== manifest.archive.unit) return refused;
  const taken = await hub.db.selectFrom('communities').select('id').where('archive_id', '=', manifest.archive.id).executeTakeFirst();
  return taken ? refused : null;
}

async function recordPackage(
  hub: Hub,
  tx: HubTx,
  manifest: PackageManifest,
  metadata: PackageMetadata,
  bytes: number,
  options: ImportOptions,
): Promise<{ packageId: number; communityId: number; current: boolean; superseded: number[] }> {
  const communityId = await communityFor(tx, manifest, options);
  for (const edition of metadata.editions) {
    await tx.insertInto('editions').values({ key: edition.key, name: edition.name }).onConflict((oc) => oc.column('key').doNothing()).execute();
    const items = edition.items.map((i, position) => ({ edition_key: edition.key, code: i.code, title: i.title, level: i.level, parent: i.parent, method: i.method, unit: i.unit, position }));
    for (const batch of batches(items, 500)) await tx.insertInto('items').values(batch).onConflict((oc) => oc.columns(['edition_key', 'code']).doNothing()).execute();
  }
  const maps = metadata.mappings.map((m) => ({ from_edition: m.from.edition, from_code: m.from.code, to_edition: m.to.edition, to_code: m.to.code, kind: m.kind }));
  for (const batch of batches(maps, 500)) {
    await tx.insertInto('item_map').values(batch).onConflict((oc) => oc.columns(['from_edition', 'from_code', 'to_edition', 'to_code']).doNothing()).execute();
  }

  const newest = await tx
    .selectFrom('packages')
    .select(['id', 'created_at'])
    .where('community_id', '=', communityId)
    .where('year', '=', manifest.year)
    .where('current', '=', 1)
    .execute();
  const current = newest.every((p) => p.created_at <= manifest.createdAt);
  const superseded = current ? newest.map((p) => p.id) : [];
  if (superseded.length > 0) {
    await tx.updateTable('packages').set({ current: 0 }).where('id', 'in', superseded).execute();
    await tx.updateTable('records').set({ current: 0 }).where('package_id', 'in', superseded).execute();
  }
  const pkg = await tx
    .insertInto('packages')
    .values({
      community_id: communityId, year: manifest.year, content_hash: manifest.contentHash, created_at: manifest.createdAt, imported_at: nowIso(), bytes,
      records: metadata.records.length, files: manifest.counts.files, edition_key: metadata.edition, current: current ? 1 : 0, source: options.source,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const packageId = pkg.id;
  const statuses = metadata.statuses.map((s) => ({ package_id: packageId, code: s.code, status: s.status, reason: s.reason, records: s.records }));
  for (const batch of batches(statuses, 500)) await tx.insertInto('statuses').values(batch).onConflict((oc) => oc.columns(['package_id', 'code']).doNothing()).execute();
  const hashes = new Map(manifest.entries.map((e) => [e.path, e]));
  const docs = metadata.documents.map((d) => ({ package_id: packageId, kind: d.kind, path: d.path, title: d.title, sha256: hashes.get(d.path)?.sha256 ?? '' }));
  for (const batch of batches(docs, 500)) await tx.insertInto('documents').values(batch).execute();
  const blobs = manifest.entries.filter((e) => e.path !== 'manifest.json' && e.path !== 'metadata.json').map((e) => ({ sha256: e.sha256, size: e.size }));
  for (const batch of batches([...new Map(blobs.map((b) => [b.sha256, b])).values()], 500)) {
    await tx.insertInto('blobs').values(batch).onConflict((oc) => oc.column('sha256').doNothing()).execute();
  }

  for (const batch of batches(metadata.records, 200)) {
    const ids = await tx
      .insertInto('records')
      .values(
        batch.map((r) => ({
          package_id: packageId, community_id: communityId, year: manifest.year, local_id: r.id, title: r.title, type: r.type, date: r.date, doc_no: r.docNo,
          author: r.author, archival_code: r.archivalCode, activity: r.activity, items: JSON.stringify(r.items), current: current ? 1 : 0, text: r.text,
          binder: r.binder ? JSON.stringify(r.binder) : null,
        })),
      )
      .returning(['id', 'local_id'])
      .execute();
    const idOf = new Map(ids.map((row) => [row.local_id, row.id]));
    const files = batch.flatMap((r) => r.files.map((f, position) => ({ record_id: idOf.get(r.id)!, position, name: f.name, sha256: f.sha256, size: f.size, mime: f.mime })));
    for (const fileBatch of batches(files, 500)) await tx.insertInto('record_files').values(fileBatch).execute();
    await indexRecords(tx, hub.dialect, batch.map((r) => ({ id: idOf.get(r.id)!, title: r.title, text: `${r.text}\n${r.archivalCode ?? ''}` })));
  }
  return { packageId, communityId, current, superseded };
}

/** The community of the package: known by its archive id, bound to an upload token, or new (under the given 街道). */
async function communityFor(tx: HubTx, manifest: PackageManifest, options: ImportOptions): Promise<number> {
  const { id: archiveId, unit, fonds } = manifest.archive;
  if (options.communityId !== undefined) {
    await tx.updateTable('communities').set({ archive_id: archiveId, unit, fonds }).where('id', '=', options.communityId).execute();
    return options.communityId;
  }
  const known = await tx.selectFrom('communities').select('id').where('archive_id', '=', archiveId).executeTakeFirst();
  const streetId = options.street ? await ensureStreet(tx, options.street) : null;
  if (known) {
    await tx.updateTable('communities').set({ unit, fonds, ...(streetId !== null ? { street_id: streetId } : {}) }).where('id', '=', known.id).execute();
    return known.id;
  }
  const row = await tx.insertInto('communities').values({ archive_id: archiveId, unit, fonds, street_id: streetId, created_at: nowIso() }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function ensureStreet(tx: HubDb | HubTx, name: string): Promise<number> {
  await tx.insertInto('streets').values({ name }).onConflict((oc) => oc.column('name').doNothing()).execute();
  return (await tx.selectFrom('streets').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
}
