import { existsSync, promises as fs, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { TaizhangError } from '../../../shared/errors.js';
import type { CallContext } from '../handler-types.js';
import { storedHashes } from '../files/repository.js';
import { DB_FILE, getUnit, type Archive } from '../store/archive-folder.js';
import type { DerivativeKind } from '../store/file-store.js';
import { APP_VERSION, BACKUP_FORMAT, BACKUP_FORMAT_VERSION, DATABASE_ENTRY, MANIFEST_ENTRY, type BackupManifest } from './manifest.js';
import { isInside, localStamp } from './paths.js';
import type { BackupResult } from '../../../shared/api/backup.js';
import { writeZipAtomically, type ZipSource } from './zip-write.js';
import { recordCount } from './repository.js';

export type { BackupResult } from '../../../shared/api/backup.js';

const DERIVATIVE_KINDS: readonly DerivativeKind[] = ['thumb', 'print'];

/** "台账备份-20240305-143000.zip", in local time, sorting by time. */
export function backupFileName(now: Date = new Date()): string {
  return `台账备份-${localStamp(now)}.zip`;
}

/**
 * Writes one self-contained zip: a consistent snapshot of archive.db (SQLite's online backup, so the app may keep
 * working meanwhile), every stored file and its derivatives, and a manifest of SHA-256 hashes. The snapshot decides
 * which files belong in the backup, so a record added during the backup is either wholly in it or not at all.
 */
export async function backupArchive(archive: Archive, out: string, ctx: CallContext = {}): Promise<BackupResult> {
  const target = resolveTarget(archive, out);
  // A read-only archive folder (a write-protected stick) can still be backed up: the snapshot goes to the system's temp.
  const snapshot = archive.readOnly ? path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'taizhang-backup-')), 'snapshot.db') : await archive.files.tempFile('.db');
  try {
    await archive.db.backup(snapshot);
    const facts = readSnapshot(snapshot);
    const warnings: string[] = [];
    const sources: ZipSource[] = [{ name: DATABASE_ENTRY, file: snapshot, compress: true }];
    for (const sha of facts.blobs) {
      const file = archive.files.blobPath(sha);
      if (!existsSync(file)) {
        warnings.push(`文件缺失，未能备份：${sha.slice(0, 12)}…（请在“设置”中检查档案） / stored file missing (run check)`);
        continue;
      }
      sources.push({ name: `files/${sha.slice(0, 2)}/${sha}`, file, compress: false });
      for (const kind of DERIVATIVE_KINDS) {
        const derived = archive.files.derivativePath(sha, kind);
        if (existsSync(derived)) sources.push({ name: `derived/${sha.slice(0, 2)}/${sha}.${kind}.jpg`, file: derived, compress: false });
      }
    }
    ctx.signal?.throwIfAborted();
    const { entries, bytes } = await writeZipAtomically(target, sources, {
      signal: ctx.signal,
      onEntry: (done, total) => ctx.onProgress?.({ stage: '备份', done, total }),
      trailer: {
        name: MANIFEST_ENTRY,
        build: (written) => {
          const manifest: BackupManifest = {
            format: BACKUP_FORMAT,
            formatVersion: BACKUP_FORMAT_VERSION,
            app: { name: 'Taizhang', version: APP_VERSION },
            schemaVersion: facts.schemaVersion,
            createdAt: new Date().toISOString(),
            unit: facts.unit,
            counts: {
              records: facts.records,
              files: written.filter((e) => e.name.startsWith('files/')).length,
              derivatives: written.filter((e) => e.name.startsWith('derived/')).length,
            },
            entries: written.map((e) => ({ path: e.name, sha256: e.sha256, size: e.size })),
          };
          return Buffer.from(JSON.stringify(manifest, null, 1));
        },
      },
    });
    for (const e of entries) {
      const stored = /^files\/[0-9a-f]{2}\/([0-9a-f]{64})$/.exec(e.name)?.[1];
      if (stored && stored !== e.sha256) warnings.push(`文件内容与其编号不符（已损坏），按现状备份：${stored.slice(0, 12)}… / stored file is damaged`);
    }
    return { path: target, files: entries.filter((e) => e.name.startsWith('files/')).length, bytes, warnings };
  } catch (err) {
    if (ctx.signal?.aborted) throw new TaizhangError('cancelled', '已取消备份 / Backup cancelled');
    throw err;
  } finally {
    await Promise.all(['', '-wal', '-shm', '-journal'].map((suffix) => fs.rm(`${snapshot}${suffix}`, { force: true })));
    if (archive.readOnly) await fs.rm(path.dirname(snapshot), { recursive: true, force: true });
  }
}

/** A folder means "put a dated backup in it"; an existing file is never overwritten. */
function resolveTarget(archive: Archive, out: string): string {
  let target = path.resolve(out);
  if (existsSync(target) && statSync(target).isDirectory()) target = path.join(target, backupFileName());
  if (existsSync(target)) {
    throw new TaizhangError('conflict', `备份文件已存在，不会覆盖：${target}（请换一个文件名） / Backup file exists; choose another name`);
  }
  if (!existsSync(path.dirname(target))) {
    throw new TaizhangError('not_found', `备份所在的文件夹不存在：${path.dirname(target)} / Folder does not exist`);
  }
  for (const inner of [archive.files.root, archive.files.derivedRoot, archive.files.tmpRoot]) {
    if (isInside(inner, target)) {
      throw new TaizhangError('invalid_input', `备份不能放在档案的内部文件夹 ${path.basename(inner)}/ 中 / Do not put a backup inside the archive's ${path.basename(inner)}/ folder`);
    }
  }
  if (path.resolve(archive.dir, DB_FILE) === target) throw new TaizhangError('invalid_input', '不能覆盖档案数据库 / Refusing to overwrite archive.db');
  return target;
}

interface SnapshotFacts {
  schemaVersion: number;
  unit: string;
  records: number;
  blobs: string[];
}

/** Reads what the manifest needs, and turns the snapshot into a single self-contained file (no WAL beside it). */
function readSnapshot(file: string): SnapshotFacts {
  const db = new Database(file);
  try {
    db.pragma('journal_mode = DELETE');
    return {
      schemaVersion: db.pragma('user_version', { simple: true }) as number,
      unit: getUnit(db).name,
      records: recordCount(db),
      blobs: storedHashes(db),
    };
  } finally {
    db.close();
  }
}
