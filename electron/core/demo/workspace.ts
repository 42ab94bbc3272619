import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { TaizhangError } from '../../../shared/errors.js';
import { DB_FILE } from '../store/archive-folder.js';
import { one } from '../store/sql.js';

/**
 * The demo folder: `archive/` (the sample archive), `out/` (the exported binders and checklist) and `示例素材/` (the
 * generated materials it was filed from). A marker file remembers what the demo made, so that running it again
 * rebuilds its own work and never deletes anything else.
 */

export const DEMO_FOLDERS = { archive: 'archive', out: 'out', materials: '示例素材' } as const;
const MARKER = '.taizhang-demo.json';

interface Marker {
  /** When the demo finished; an archive changed after this is someone's work and is kept. */
  finishedAt: string;
  records: number;
  /** Files the demo wrote into out/ and 示例素材/, relative to the demo folder. */
  files: string[];
}

export interface DemoPaths {
  dir: string;
  archive: string;
  out: string;
  materials: string;
}

export function demoPaths(dir: string): DemoPaths {
  const root = path.resolve(dir);
  return {
    dir: root,
    archive: path.join(root, DEMO_FOLDERS.archive),
    out: path.join(root, DEMO_FOLDERS.out),
    materials: path.join(root, DEMO_FOLDERS.materials),
  };
}

async function readMarker(dir: string): Promise<Marker | null> {
  try {
    const marker = JSON.parse(await fs.readFile(path.join(dir, MARKER), 'utf8')) as Marker;
    return typeof marker.finishedAt === 'string' && typeof marker.records === 'number' && Array.isArray(marker.files) ? marker : null;
  } catch {
    return null;
  }
}

export async function writeMarker(paths: DemoPaths, records: number, files: string[]): Promise<void> {
  const marker: Marker = { finishedAt: new Date().toISOString(), records, files: files.map((file) => path.relative(paths.dir, file)) };
  await fs.writeFile(path.join(paths.dir, MARKER), `${JSON.stringify(marker, null, 2)}\n`);
}

async function isEmptyOrMissing(dir: string): Promise<boolean> {
  try {
    return (await fs.readdir(dir)).length === 0;
  } catch {
    return true;
  }
}

/** The demo's own archive, untouched since: the same number of records and no change after it finished. */
function isUnchangedDemoArchive(archiveDir: string, marker: Marker | null): boolean {
  if (!marker || !existsSync(path.join(archiveDir, DB_FILE))) return false;
  let db: Database.Database | null = null;
  try {
    db = new Database(path.join(archiveDir, DB_FILE), { readonly: true, fileMustExist: true });
    const row = one<{ records: number; changed: string | null }>(
      db,
      'SELECT count(*) AS records, max(max(created_at), max(updated_at), coalesce(max(deleted_at), \'\')) AS changed FROM records',
    );
    return row !== undefined && row.records === marker.records && (row.changed ?? '') <= marker.finishedAt;
  } catch {
    return false;
  } finally {
    db?.close();
  }
}

function asideName(target: string): string {
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `${target}.旧-${stamp}`;
}

export interface Prepared {
  /** Where an earlier archive or materials folder was moved, when one was. */
  movedAside: string[];
  /** The demo's own earlier archive and files, cleared for the rebuild. */
  cleared: number;
}

/**
 * Makes room for a new demo. The demo's own unchanged archive and the files it wrote are removed; an archive or
 * materials folder it did not make (or that was changed since) is refused, or with `force` moved aside under a dated
 * name. Nothing else is touched.
 */
export async function prepareWorkspace(paths: DemoPaths, force: boolean): Promise<Prepared> {
  await fs.mkdir(paths.dir, { recursive: true });
  const marker = await readMarker(paths.dir);
  const result: Prepared = { movedAside: [], cleared: 0 };
  const ours = isUnchangedDemoArchive(paths.archive, marker);
  const inTheWay: string[] = [];
  if (!ours && !(await isEmptyOrMissing(paths.archive))) inTheWay.push(paths.archive);
  if (!marker && !(await isEmptyOrMissing(paths.materials))) inTheWay.push(paths.materials);
  if (inTheWay.length > 0 && !force) {
    const list = inTheWay.join('、');
    throw new TaizhangError(
      'conflict',
      `${list} 已有内容，不是本演示程序生成的（或生成后被修改过），为避免覆盖已停止。请换一个文件夹，或加 --force 把它改名移到一旁后重建。` +
        ` / ${list}: not empty and not made by the demo (or changed since); use another folder, or --force to move it aside.`,
    );
  }
  for (const target of inTheWay) {
    const aside = asideName(target);
    await fs.rename(target, aside);
    result.movedAside.push(aside);
  }
  if (ours) {
    await fs.rm(paths.archive, { recursive: true, force: true });
    result.cleared += 1;
  } else if (await isEmptyOrMissing(paths.archive)) {
    await fs.rm(paths.archive, { recursive: true, force: true });
  }
  const folders = new Set<string>();
  for (const file of marker?.files ?? []) {
    const target = path.resolve(paths.dir, file);
    // Only the demo's own folders: a marker edited by hand cannot point elsewhere.
    if (![paths.out, paths.materials].some((root) => target.startsWith(root + path.sep))) continue;
    await fs.rm(target, { force: true });
    result.cleared += 1;
    for (let dir = path.dirname(target); dir.startsWith(paths.dir + path.sep); dir = path.dirname(dir)) folders.add(dir);
  }
  // Folders the cleared files leave empty, deepest first.
  for (const dir of [...folders].sort((a, b) => b.length - a.length)) {
    if (await isEmptyOrMissing(dir)) await fs.rm(dir, { recursive: true, force: true });
  }
  await fs.rm(path.join(paths.dir, MARKER), { force: true });
  return result;
}
