import { constants, promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { displayTitle } from '../../../shared/domain/record.js';
import type { FileLocation, RecordDetail, StoredFile } from '../../../shared/api/records.js';
import { itemFolderName, nameText, safeFileName, splitExtension, TITLE_CHARS } from '../files/safe-name.js';
import type { Archive } from '../store/archive-folder.js';
import { hashFile } from '../store/file-store.js';
import { getRecordDetail } from './repository.js';

/** The folder of readable copies inside an archive; backup and 检查 look only at their own folders, so they pass it by. */
export const VIEW_COPIES_DIR = '查看副本';

/**
 * Where view copies go. An archive opened read-only (a share this PC may not write to) is never written:
 * its copies go to this PC's temporary folder instead, under the archive's own folder name. 查阅模式 is only a read,
 * and a copy outside the library changes nothing there, so it gets copies in the archive like any session.
 */
export function viewCopiesRoot(archive: Pick<Archive, 'dir' | 'readOnly'>): string {
  return archive.readOnly
    ? path.join(os.tmpdir(), `台账${VIEW_COPIES_DIR}`, path.basename(archive.dir))
    : path.join(archive.dir, VIEW_COPIES_DIR);
}


/**
 * records.locate, for 在文件夹中显示: a readable copy of each of a record's files, named as a clerk would name it
 * (年度 / 测评项目 / 题名.扩展名), since the library's own files are named by their content hash and have no
 * extension. Copies, not links: a clerk who edits one must not change what the archive holds. A copy already
 * holding the same bytes is reused. A record in the trash still has its files, so it is located like any other; a
 * file missing from the library is reported, not hidden, and gets no copy.
 */
export async function locateFiles(archive: Archive, id: number): Promise<FileLocation[]> {
  const detail = getRecordDetail(archive.db, id, { includeDeleted: true });
  const folder = path.join(viewCopiesRoot(archive), `${detail.year}年`, recordFolderName(detail));
  const out: FileLocation[] = [];
  for (const [k, f] of detail.fileList.entries()) {
    const copy = path.join(folder, copyName(detail, f, detail.fileList.length > 1 ? k + 1 : null));
    const present = await fs.stat(archive.files.blobPath(f.sha256)).then((s) => s.isFile(), () => false);
    if (present) await refreshCopy(archive.files.blobPath(f.sha256), copy, f);
    out.push({ fileId: f.id, sha256: f.sha256, name: f.name, kind: f.kind, mime: f.mime, folder, path: copy, present });
  }
  await removeStaleCopies(path.dirname(folder), new Set(out.map((f) => f.path)), detail.fileList);
  return out;
}

/**
 * The copies a record left under its old title or item, once renamed or moved: in its year's folder, a file holding
 * exactly the bytes of one of its files under another name. Anything else there, an edited copy included, is kept;
 * an item folder left empty goes too. A copy another program holds open stays until next time.
 */
async function removeStaleCopies(yearFolder: string, current: Set<string>, files: readonly StoredFile[]): Promise<void> {
  const sizes = new Set(files.map((f) => f.size));
  const hashes = new Set(files.map((f) => f.sha256));
  const folders = await fs.readdir(yearFolder, { withFileTypes: true }).catch(() => []);
  for (const folder of folders.filter((d) => d.isDirectory())) {
    const dir = path.join(yearFolder, folder.name);
    const entries = await fs.readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const entry of entries.filter((e) => e.isFile())) {
      const copy = path.join(dir, entry.name);
      if (current.has(copy)) continue;
      const size = await fs.stat(copy).then((st) => st.size, () => -1);
      if (sizes.has(size) && hashes.has(await hashFile(copy).catch(() => ''))) await fs.rm(copy).catch(() => undefined);
    }
    await fs.rmdir(dir).catch(() => undefined);
  }
}

/** The first item the record is filed under, or 待归类 for a record waiting in the inbox. */
function recordFolderName(detail: RecordDetail): string {
  const item = detail.items[0];
  return itemFolderName(item ? { code: item.code, itemTitle: item.title } : { code: '', itemTitle: '待归类' });
}

/** "学雷锋活动方案.pdf"; the files of a many-file 件 get "-1", "-2"…; a record without a title keeps the file's name. */
function copyName(detail: RecordDetail, file: StoredFile, part: number | null): string {
  const { stem, ext } = splitExtension(file.name);
  const title = detail.title.trim() ? displayTitle(detail.title, detail.titleSupplied) : stem;
  return safeFileName(`${nameText(title, TITLE_CHARS)}${part ? `-${part}` : ''}${nameText(ext, 9)}`).name;
}

async function refreshCopy(stored: string, copy: string, file: StoredFile): Promise<void> {
  const existing = await fs.stat(copy).catch(() => null);
  if (existing?.isFile() && existing.size === file.size && (await hashFile(copy)) === file.sha256) return;
  await fs.mkdir(path.dirname(copy), { recursive: true });
  // Written under a temporary name and renamed, so the file manager never shows a half-written copy.
  const part = `${copy}.part`;
  await fs.copyFile(stored, part, constants.COPYFILE_FICLONE);
  await fs.chmod(part, 0o644);
  await fs.rename(part, copy);
}
