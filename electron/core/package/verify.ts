import { createHash } from 'node:crypto';
import type yauzl from 'yauzl';
import {
  PACKAGE_FORMAT,
  PACKAGE_FORMAT_VERSION,
  PACKAGE_MANIFEST,
  PACKAGE_METADATA,
  packageManifestSchema,
  packageMetadataSchema,
  type PackageManifest,
  type PackageMetadata,
  type VerifyResult,
} from '../../../shared/api/package.js';
import { messageOf, joined } from '../../../shared/errors.js';
import { openZip, readSmallEntry } from '../backup/zip-read.js';
import { contentHashOf } from './create.js';

const LABEL = '上报包';
const MANIFEST_LIMIT = 64 * 1024 * 1024;
const METADATA_LIMIT = 512 * 1024 * 1024;
/** Problems listed one by one before the rest are counted. */
const SHOWN = 200;

/** Receives an entry's bytes while they are hashed (the hub's import reads a package once). */
export interface EntrySink {
  write(chunk: Buffer): void;
  /** Reading stopped, the entry whole or not (a broken entry fails verification, and its copy is discarded). */
  end(): void;
}

/** A sink for the entry, or null to only hash it. What a sink received is the caller's to keep or discard. */
export type EntryCopy = (entry: PackageManifest['entries'][number]) => EntrySink | null;

export interface InspectedPackage {
  result: VerifyResult;
  /** Present when the package verified. */
  manifest?: PackageManifest;
  metadata?: PackageMetadata;
}

/** verify: checks a 上报包 offline and lists every mismatch. Changes nothing. */
export async function verifyPackage(file: string): Promise<VerifyResult> {
  return (await inspectPackage(file)).result;
}

/**
 * Reads and checks a whole package: the manifest against its schema, every entry's SHA-256 and size against the
 * manifest (and every file's against its own name), no entry more or less than listed, the content hash the 移交登记表
 * printed, and the metadata against its schema and the files. Returns the manifest and metadata only when all holds.
 * Every entry is read once: the metadata is parsed from the bytes hashed, and `copy` receives the others as they are.
 */
export async function inspectPackage(file: string, copy?: EntryCopy): Promise<InspectedPackage> {
  const problems: string[] = [];
  const fail = (): InspectedPackage => ({ result: { ok: false, problems: capped(problems) } });
  let opened: Awaited<ReturnType<typeof openZip>>;
  try {
    opened = await openZip(file, LABEL);
  } catch (err) {
    problems.push(joined(messageOf(err)));
    return fail();
  }
  const { zip, entries } = opened;
  try {
    const manifestEntry = entries.get(PACKAGE_MANIFEST);
    if (!manifestEntry) {
      problems.push('不是台账上报包：缺少清单文件 / Not a Taizhang package: manifest.json is missing');
      return fail();
    }
    const manifest = await readJson(zip, manifestEntry, MANIFEST_LIMIT, problems, 'manifest.json');
    if (manifest === undefined) return fail();
    const parsedManifest = packageManifestSchema.safeParse(manifest);
    if (!parsedManifest.success) {
      const format = (manifest as { format?: unknown } | null)?.format;
      problems.push(
        format !== PACKAGE_FORMAT
          ? '不是台账上报包（清单文件的格式不对） / Not a Taizhang package: unknown manifest format'
          : `清单文件内容不完整或被改动（${issuePaths(parsedManifest.error.issues)}） / manifest.json is malformed (${issuePaths(parsedManifest.error.issues)})`,
      );
      return fail();
    }
    const m = parsedManifest.data;
    if (m.formatVersion > PACKAGE_FORMAT_VERSION) {
      problems.push(`上报包由更新版本的台账生成（格式 ${m.formatVersion}），请升级后再核对 / Package from a newer Taizhang version`);
      return fail();
    }

    const listed = new Map(m.entries.map((e) => [e.path, e]));
    let metadataBytes: Buffer | null = null;
    if (listed.size !== m.entries.length) problems.push('清单中有重复的条目 / duplicate entries in the manifest');
    for (const name of entries.keys()) {
      if (name !== PACKAGE_MANIFEST && !listed.has(name)) problems.push(`包内有清单未列出的文件：${name} / entry not in the manifest`);
    }
    for (const e of m.entries) {
      const entry = entries.get(e.path);
      if (!entry) {
        problems.push(`清单列出的文件不在包内：${e.path} / listed entry is missing`);
        continue;
      }
      const keep = e.path === PACKAGE_METADATA && entry.uncompressedSize <= METADATA_LIMIT;
      const sink = keep || e.path === PACKAGE_MANIFEST || !copy ? null : copy(e);
      const { sha256, size, bytes } = await hashEntry(zip, entry, keep, sink).catch((err: unknown) => {
        // A copy that cannot be written (a full disk) is the hub's failure, not a damaged package.
        if (err instanceof CopyFailure) throw err.cause;
        return { sha256: '', size: -1, bytes: null };
      });
      if (keep && bytes && sha256 === e.sha256) metadataBytes = bytes;
      if (size < 0) problems.push(`无法读出文件（已损坏）：${e.path} / entry is damaged`);
      else if (sha256 !== e.sha256 || size !== e.size) problems.push(`文件与清单的校验值不符（已被改动）：${e.path} / SHA-256 mismatch`);
      const named = /^files\/([0-9a-f]{64})$/.exec(e.path)?.[1];
      if (named && named !== e.sha256) problems.push(`文件内容与其编号不符：${e.path} / file does not match its name`);
    }
    if (contentHashOf(m.entries) !== m.contentHash) {
      problems.push('上报包校验值与移交登记表上印的不符（清单被改动） / content hash does not match the manifest');
    }

    const metadataEntry = entries.get(PACKAGE_METADATA);
    let metadata: PackageMetadata | undefined;
    if (!metadataEntry) problems.push('缺少档案信息文件 / metadata.json is missing');
    else {
      const raw = await readJson(zip, metadataEntry, METADATA_LIMIT, problems, 'metadata.json', metadataBytes);
      const parsed = raw === undefined ? undefined : packageMetadataSchema.safeParse(raw);
      if (parsed && !parsed.success) problems.push(`档案信息文件内容不完整或不合规（${issuePaths(parsed.error.issues)}） / metadata.json is malformed (${issuePaths(parsed.error.issues)})`);
      if (parsed?.success) metadata = parsed.data;
    }
    if (metadata) checkMetadata(m, metadata, listed, problems);
    if (problems.length > 0) return fail();
    return { result: { ok: true, problems: [], unit: m.archive.unit, year: m.year, contentHash: m.contentHash, entries: m.entries.length }, manifest: m, ...(metadata ? { metadata } : {}) };
  } finally {
    zip.close();
  }
}

function checkMetadata(m: PackageManifest, metadata: PackageMetadata, listed: Map<string, unknown>, problems: string[]): void {
  if (metadata.archive.id !== m.archive.id || metadata.year !== m.year) problems.push('档案信息与清单的单位或年度不一致 / metadata and manifest disagree');
  if (!metadata.editions.some((e) => e.key === metadata.edition)) problems.push('档案信息缺少本年度的测评体系 / the year\'s edition is missing');
  const volumes = new Set(metadata.documents.filter((d) => d.kind === 'binder').map((d) => d.path));
  for (const r of metadata.records) {
    for (const f of r.files) if (!listed.has(`files/${f.sha256}`)) problems.push(`第 ${r.id} 件的文件不在包内：${f.name} / a record's file is missing`);
    for (const at of r.binder ?? []) if (!volumes.has(at.document)) problems.push(`第 ${r.id} 件所在的案卷不在包内：${at.document} / a record's binder volume is missing`);
  }
  for (const d of metadata.documents) if (!listed.has(d.path)) problems.push(`文档不在包内：${d.path} / a listed document is missing`);
}

async function readJson(zip: yauzl.ZipFile, entry: yauzl.Entry, limit: number, problems: string[], name: string, read: Buffer | null = null): Promise<unknown> {
  try {
    return JSON.parse((read ?? (await readSmallEntry(zip, entry, limit))).toString('utf8')) as unknown;
  } catch {
    problems.push(`${name === PACKAGE_MANIFEST ? '清单文件' : '档案信息文件'}无法读取（已损坏或不是 JSON） / ${name} is unreadable`);
    return undefined;
  }
}

class CopyFailure extends Error {
  constructor(override readonly cause: unknown) {
    super('copy failed');
  }
}

/** Hashes one entry; keeps its bytes when asked (the metadata), and passes them to `sink` when given. */
async function hashEntry(zip: yauzl.ZipFile, entry: yauzl.Entry, keep: boolean, sink: EntrySink | null): Promise<{ sha256: string; size: number; bytes: Buffer | null }> {
  const hash = createHash('sha256');
  const chunks: Buffer[] = [];
  let size = 0;
  const copy = (run: () => void): void => {
    try {
      run();
    } catch (err) {
      throw new CopyFailure(err);
    }
  };
  try {
    for await (const chunk of await zip.openReadStreamPromise(entry)) {
      hash.update(chunk as Buffer);
      size += (chunk as Buffer).length;
      if (keep) chunks.push(chunk as Buffer);
      if (sink) copy(() => sink.write(chunk as Buffer));
    }
  } finally {
    if (sink) copy(() => sink.end());
  }
  return { sha256: hash.digest('hex'), size, bytes: keep ? Buffer.concat(chunks) : null };
}

function issuePaths(issues: readonly { path: readonly PropertyKey[] }[]): string {
  return issues.slice(0, 3).map((i) => i.path.map(String).join('.')).join(', ');
}

function capped(problems: string[]): string[] {
  return problems.length <= SHOWN ? problems : [...problems.slice(0, SHOWN), `……另有 ${problems.length - SHOWN} 处问题 / and ${problems.length - SHOWN} more`];
}
