import type { HubPackageDiff, HubPackageInfo } from '../../shared/api/hub.js';
import { TaizhangError } from '../../shared/errors.js';
import type { Scope } from './accounts.js';
import type { HubDb } from './db.js';
import { hubMatrix } from './matrix.js';

export interface CommunityInfo {
  id: number;
  unit: string;
  fonds: string;
  street: string;
  packages: HubPackageInfo[];
}

/** A community the scope may see, or a not-found error (the same for one that exists elsewhere, so nothing leaks). */
export async function visibleCommunity(db: HubDb, id: number, scope: Scope): Promise<{ id: number; unit: string; fonds: string; street: string }> {
  const row = await db
    .selectFrom('communities')
    .leftJoin('streets', 'streets.id', 'communities.street_id')
    .select(['communities.id', 'communities.unit', 'communities.fonds', 'communities.street_id', 'streets.name as street'])
    .where('communities.id', '=', id)
    .executeTakeFirst();
  if (!row || (!scope.all && row.street_id !== scope.streetId)) throw new TaizhangError('not_found', '没有这个社区，或无权查看 / No such community');
  return { id: row.id, unit: row.unit, fonds: row.fonds, street: row.street ?? '' };
}

export async function communityInfo(db: HubDb, id: number, scope: Scope): Promise<CommunityInfo> {
  const c = await visibleCommunity(db, id, scope);
  const packages = await db.selectFrom('packages').selectAll().where('community_id', '=', id).orderBy('year', 'desc').orderBy('created_at', 'desc').execute();
  return {
    ...c,
    packages: packages.map((p) => ({
      id: p.id, year: p.year, contentHash: p.content_hash, createdAt: p.created_at, importedAt: p.imported_at, records: p.records, files: p.files,
      bytes: Number(p.bytes), current: p.current === 1, source: p.source,
    })),
  };
}

/** What changed between two packages of one community. */
export async function packageDiff(db: HubDb, communityId: number, from: number, to: number, scope: Scope): Promise<HubPackageDiff> {
  await visibleCommunity(db, communityId, scope);
  const read = async (packageId: number) => {
    const pkg = await db.selectFrom('packages').select('id').where('id', '=', packageId).where('community_id', '=', communityId).executeTakeFirst();
    if (!pkg) throw new TaizhangError('not_found', `这个社区没有编号为 ${packageId} 的上报包 / No such package`);
    const records = await db.selectFrom('records').select(['id', 'local_id', 'title', 'archival_code', 'items']).where('package_id', '=', packageId).execute();
    const files = await db
      .selectFrom('record_files')
      .innerJoin('records', 'records.id', 'record_files.record_id')
      .select(['record_files.record_id', 'record_files.sha256'])
      .where('records.package_id', '=', packageId)
      .execute();
    const shas = new Map<number, string[]>();
    for (const f of files) shas.set(f.record_id, [...(shas.get(f.record_id) ?? []), f.sha256]);
    const statuses = await db.selectFrom('statuses').select(['code', 'status']).where('package_id', '=', packageId).execute();
    return {
      records: new Map(records.map((r) => [r.archival_code ?? `#${r.local_id}`, { ...r, files: (shas.get(r.id) ?? []).sort().join(',') }])),
      statuses: new Map(statuses.map((s) => [s.code, s.status])),
    };
  };
  const [a, b] = [await read(from), await read(to)];
  const diff: HubPackageDiff = { from, to, added: [], removed: [], changed: [], statusChanges: [] };
  for (const [k, r] of b.records) {
    const old = a.records.get(k);
    if (!old) diff.added.push({ title: r.title, archivalCode: r.archival_code });
    else {
      const what = [old.title !== r.title ? '题名' : '', old.files !== r.files ? '文件' : '', old.items !== r.items ? '测评项目' : ''].filter(Boolean);
      if (what.length > 0) diff.changed.push({ title: r.title, archivalCode: r.archival_code, what });
    }
  }
  for (const [k, r] of a.records) if (!b.records.has(k)) diff.removed.push({ title: r.title, archivalCode: r.archival_code });
  for (const [code, after] of b.statuses) {
    const before = a.statuses.get(code) ?? '';
    if (before !== after) diff.statusChanges.push({ code, before, after });
  }
  return diff;
}

export interface MaterialFile {
  name: string;
  sha256: string;
  mime: string;
  size: number;
}

export interface ItemMaterials {
  unit: string;
  year: number;
  code: string;
  title: string;
  status: string;
  records: { id: number; title: string; type: string; date: string | null; archivalCode: string | null; files: MaterialFile[]; printed: PrintedPages[] }[];
  /** The binder volumes holding these records (every volume of the package when it does not say where each is). */
  binders: { title: string; sha256: string }[];
}

/** Where a 件 is printed: its binder volume, the PDF page it starts on and its pages. */
export interface PrintedPages {
  volume: string;
  sha256: string;
  page: number;
  pages: number;
}

/**
 * A matrix cell opened: the community's records counted under the item (under the items of its own edition that
 * the matrix mapped into it), with their files, the pages of the binder each is printed on, and those volumes.
 */
export async function itemMaterials(db: HubDb, communityId: number, year: number, code: string, scope: Scope): Promise<ItemMaterials> {
  const c = await visibleCommunity(db, communityId, scope);
  const pkg = await db.selectFrom('packages').select(['id', 'edition_key']).where('community_id', '=', communityId).where('year', '=', year).where('current', '=', 1).executeTakeFirst();
  if (!pkg) throw new TaizhangError('not_found', `${c.unit} 没有 ${year} 年度的上报包 / No package for that year`);
  const matrix = await hubMatrix(db, year, scope, { community: communityId });
  const item = matrix.items.find((i) => i.code === code);
  const cell = matrix.cells.find((x) => x.communityId === communityId && x.code === code);
  const own = await db.selectFrom('items').select(['code', 'parent']).where('edition_key', '=', pkg.edition_key).execute();
  // The community's own codes that count here: the code itself on the same edition, else the codes mapped into it.
  const wanted = new Set<string>(matrix.edition?.key === pkg.edition_key ? [code] : await mappedCodes(db, pkg.edition_key, matrix.edition?.key ?? '', code));
  const under = (c0: string): boolean => {
    for (let at: string | null | undefined = c0; at; at = own.find((i) => i.code === at)?.parent) if (wanted.has(at)) return true;
    return false;
  };
  const records = await db
    .selectFrom('records')
    .select(['id', 'title', 'type', 'date', 'archival_code', 'items', 'binder'])
    .where('package_id', '=', pkg.id)
    .orderBy('archival_code')
    .orderBy('id')
    .execute();
  const chosen = records.filter((r) => (JSON.parse(r.items) as string[]).some(under));
  const files = chosen.length === 0 ? [] : await db.selectFrom('record_files').selectAll().where('record_id', 'in', chosen.map((r) => r.id)).orderBy('position').execute();
  const volumes = await db.selectFrom('documents').select(['path', 'title', 'sha256']).where('package_id', '=', pkg.id).where('kind', '=', 'binder').execute();
  const volumeAt = new Map(volumes.map((v) => [v.path, v]));
  const printedOf = (binder: string | null): PrintedPages[] =>
    (binder ? (JSON.parse(binder) as { document: string; page: number; pages: number }[]) : []).flatMap((at) => {
      const v = volumeAt.get(at.document);
      return v ? [{ volume: v.title, sha256: v.sha256, page: at.page, pages: at.pages }] : [];
    });
  const printed = new Map(chosen.map((r) => [r.id, printedOf(r.binder)]));
  const holding = new Set([...printed.values()].flat().map((p) => p.sha256));
  const located = chosen.some((r) => r.binder !== null);
  return {
    unit: c.unit,
    year,
    code,
    title: item?.title ?? '',
    status: cell?.status ?? '缺失',
    records: chosen.map((r) => ({
      id: r.id, title: r.title, type: r.type, date: r.date, archivalCode: r.archival_code,
      files: files.filter((f) => f.record_id === r.id).map((f) => ({ name: f.name, sha256: f.sha256, mime: f.mime, size: Number(f.size) })),
      printed: printed.get(r.id) ?? [],
    })),
    binders: volumes.filter((v) => !located || holding.has(v.sha256)).map((v) => ({ title: v.title, sha256: v.sha256 })),
  };
}

/** Codes of `edition` that map (directly, either way round) to `code` of `reference`. */
async function mappedCodes(db: HubDb, edition: string, reference: string, code: string): Promise<string[]> {
  const rows = await db.selectFrom('item_map').selectAll().execute();
  return rows.flatMap((m) => {
    if (m.from_edition === edition && m.to_edition === reference && m.to_code === code) return [m.from_code];
    if (m.to_edition === edition && m.from_edition === reference && m.from_code === code) return [m.to_code];
    return [];
  });
}

/** A stored file the scope may open: it belongs to a record or document of a community the scope sees. */
export async function visibleBlob(db: HubDb, sha256: string, scope: Scope): Promise<{ mime: string; name: string } | null> {
  let files = db
    .selectFrom('record_files')
    .innerJoin('records', 'records.id', 'record_files.record_id')
    .innerJoin('communities', 'communities.id', 'records.community_id')
    .select(['record_files.mime', 'record_files.name'])
    .where('record_files.sha256', '=', sha256);
  if (!scope.all) files = files.where('communities.street_id', '=', scope.streetId ?? -1);
  const file = await files.executeTakeFirst();
  if (file) return file;
  let docs = db
    .selectFrom('documents')
    .innerJoin('packages', 'packages.id', 'documents.package_id')
    .innerJoin('communities', 'communities.id', 'packages.community_id')
    .select(['documents.path'])
    .where('documents.sha256', '=', sha256);
  if (!scope.all) docs = docs.where('communities.street_id', '=', scope.streetId ?? -1);
  const doc = await docs.executeTakeFirst();
  if (!doc) return null;
  const ext = doc.path.split('.').pop()?.toLowerCase();
  const mime = ext === 'pdf' ? 'application/pdf' : ext === 'csv' ? 'text/csv' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  return { mime, name: doc.path.split('/').pop() ?? doc.path };
}
