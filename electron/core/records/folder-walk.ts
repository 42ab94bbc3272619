import type { Dirent } from 'node:fs';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { FolderSkip } from '../../../shared/api/records.js';
import { joined, TaizhangError, type Message } from '../../../shared/errors.js';
import { compareNames } from '../../../shared/text/name-order.js';

/** Operating-system clutter that is never a clerk's material. */
const SYSTEM_FILES = new Set(['thumbs.db', 'desktop.ini', '.ds_store']);
const ARCHIVE_FILES = new Set(['archive.db', 'archive.db-wal', 'archive.db-shm']);
const MAX_ENTRIES = 50_000;
const MAX_DEPTH = 16;

const SKIP = {
  system: { zh: '系统生成的文件，不是资料', en: 'File made by the operating system' },
  hidden: { zh: '隐藏文件或文件夹', en: 'Hidden file or folder' },
  officeLock: { zh: 'Office 打开文档时留下的临时文件（~$ 开头）', en: 'Office lock file' },
  archiveFile: { zh: '台账档案自己的数据库文件', en: "An archive's own database file" },
  archiveFolder: { zh: '这是本档案自己的文件夹', en: 'The archive folder itself' },
  tooDeep: { zh: `文件夹层级超过 ${MAX_DEPTH} 层，其中的文件未导入`, en: `Nested more than ${MAX_DEPTH} folders deep` },
  linkBroken: { zh: '符号链接（快捷方式），指向的目标不存在', en: 'Symbolic link to nothing' },
  linkOutside: { zh: '符号链接（快捷方式），指向所选文件夹以外，不读取', en: 'Symbolic link leading outside the folder; never followed' },
  linkInside: { zh: '符号链接（快捷方式），不跟随；它指向本文件夹之内，那里的文件按原位置导入', en: 'Symbolic link inside the folder; its target is imported where it is' },
  fifo: { zh: '命名管道（FIFO），不是文件', en: 'Named pipe (FIFO), not a file' },
  socket: { zh: '套接字，不是文件', en: 'Socket, not a file' },
  device: { zh: '设备文件，不是资料', en: 'Device file' },
  unreadable: { zh: '无法读取此文件夹（没有权限或已被移走）', en: 'Folder cannot be read' },
} satisfies Record<string, Message>;

export interface FolderWalk {
  /** Each file as its path segments under the root. */
  files: string[][];
  skipped: FolderSkip[];
}

/**
 * Lists the files of a folder tree, and every entry it leaves out with the reason. Symbolic links are never followed,
 * wherever they point: one leading out of the chosen folder must not bring in what lies there, one inside would bring a
 * file in twice or round in a loop. Pipes and devices are not files (reading a FIFO would wait forever).
 */
export async function walkFolder(root: string, archiveDir: string): Promise<FolderWalk> {
  const realRoot = await fs.realpath(root);
  const out: FolderWalk = { files: [], skipped: [] };
  const count = (): void => {
    if (out.files.length + out.skipped.length >= MAX_ENTRIES) {
      throw new TaizhangError('invalid_input', `文件夹中的文件超过 ${MAX_ENTRIES} 个，请分批导入 / Too many files; import in parts`);
    }
  };
  const skip = (parts: string[], reason: Message): void => {
    count();
    out.skipped.push({ path: parts.join('/'), reason: joined(reason) });
  };
  const visit = async (dir: string, parts: string[]): Promise<void> => {
    let entries: Dirent[];
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch (err) {
      if (parts.length === 0) throw err;
      skip(parts, SKIP.unreadable);
      return;
    }
    entries.sort((a, b) => compareNames(a.name, b.name));
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      const here = [...parts, entry.name];
      const reason = entry.isSymbolicLink() ? await linkReason(full, realRoot) : skipReason(entry, full, archiveDir);
      if (reason) skip(here, reason);
      else if (entry.isDirectory()) {
        if (here.length > MAX_DEPTH) skip(here, SKIP.tooDeep);
        else await visit(full, here);
      } else {
        count();
        out.files.push(here);
      }
    }
  };
  await visit(root, []);
  return out;
}

function skipReason(entry: Dirent, full: string, archiveDir: string): Message | null {
  const lower = entry.name.toLowerCase();
  if (entry.isFIFO()) return SKIP.fifo;
  if (entry.isSocket()) return SKIP.socket;
  if (entry.isBlockDevice() || entry.isCharacterDevice()) return SKIP.device;
  if (SYSTEM_FILES.has(lower)) return SKIP.system;
  if (ARCHIVE_FILES.has(lower)) return SKIP.archiveFile;
  if (entry.name.startsWith('~$')) return SKIP.officeLock;
  if (entry.name.startsWith('.')) return SKIP.hidden;
  if (entry.isDirectory() && path.resolve(full) === archiveDir) return SKIP.archiveFolder;
  return null;
}

async function linkReason(full: string, realRoot: string): Promise<Message> {
  const target = await fs.realpath(full).catch(() => null);
  if (target === null) return SKIP.linkBroken;
  const inside = target === realRoot || target.startsWith(realRoot.endsWith(path.sep) ? realRoot : realRoot + path.sep);
  return inside ? SKIP.linkInside : SKIP.linkOutside;
}
