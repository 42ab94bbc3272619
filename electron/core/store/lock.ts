import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TaizhangError } from '../../../shared/errors.js';

/**
 * Who has an archive open, across processes and computers: every process that opens an archive for writing (the
 * app, the bridge, the CLI) leaves one small file in <archive>/locks/ with its PID, host and start time, and removes
 * it on close. A restore takes the folder exclusively (locks/restore.json) and refuses while anyone else holds it,
 * so it never swaps the folder under a running app. A holder whose process is gone (same host, PID not alive) is
 * stale and is removed; one from another computer cannot be checked and counts as live.
 *
 * Opening and restoring follow one handshake that cannot both succeed: an opener writes its file first, then looks
 * for restore.json; a restore writes restore.json first, then looks for openers.
 */

export const LOCK_DIR = 'locks';
/** Written into a restore's staging folder once everything in it is verified: it may take the archive's name. */
export const VERIFIED_MARK = '.restore-verified';
export const EXCLUSIVE_LOCK = 'restore.json';

export interface Holder {
  pid: number;
  host: string;
  since: string;
  /** What holds it ("打开" for an open archive, "恢复" for a restore). */
  purpose: string;
}

function me(purpose: string): Holder {
  return { pid: process.pid, host: os.hostname(), since: new Date().toISOString(), purpose };
}

function isAlive(holder: Holder): boolean {
  if (holder.host !== os.hostname()) return true;
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readHolder(file: string): Holder | null {
  try {
    const h = JSON.parse(readFileSync(file, 'utf8')) as Partial<Holder>;
    if (typeof h.pid !== 'number' || typeof h.host !== 'string') return null;
    return { pid: h.pid, host: h.host, since: String(h.since ?? ''), purpose: String(h.purpose ?? '') };
  } catch {
    return null;
  }
}

/** Live holders of the folder of one kind; stale ones are removed on the way. */
function liveHolders(dir: string, kind: 'open' | 'exclusive'): { file: string; holder: Holder }[] {
  const folder = path.join(dir, LOCK_DIR);
  const names = existsSync(folder) ? readdirSync(folder) : [];
  const out: { file: string; holder: Holder }[] = [];
  for (const name of names) {
    const file = path.join(folder, name);
    if (!name.endsWith('.json') || (kind === 'exclusive') !== (name === EXCLUSIVE_LOCK)) continue;
    const holder = readHolder(file);
    // A file half-written by a holder killed at that moment is as stale as a dead PID.
    if (holder && isAlive(holder)) out.push({ file, holder });
    else rmSync(file, { force: true });
  }
  return out;
}

function describe(holder: Holder): { zh: string; en: string } {
  const where = holder.host === os.hostname() ? '本机' : `电脑「${holder.host}」`;
  return { zh: `${where}的进程 ${holder.pid}（${holder.purpose}，自 ${holder.since.slice(0, 19).replace('T', ' ')} 起）`, en: `process ${holder.pid} on ${holder.host}` };
}

/**
 * Registers this process as a holder of an open archive; returns the release. Refused while a restore runs.
 * On a read-only folder nothing can be written and nothing needs guarding from us: the release is a no-op.
 */
export function holdArchive(dir: string): () => void {
  const folder = path.join(dir, LOCK_DIR);
  const file = path.join(folder, `open-${os.hostname().replace(/[^\w.-]/g, '_')}-${process.pid}-${randomBytes(4).toString('hex')}.json`);
  mkdirSync(folder, { recursive: true });
  writeFileSync(file, JSON.stringify(me('打开')));
  const restoring = liveHolders(dir, 'exclusive');
  if (restoring.length > 0) {
    rmSync(file, { force: true });
    const who = describe(restoring[0]!.holder);
    throw new TaizhangError('archive_busy', {
      zh: `档案正在从备份恢复（${who.zh}），请等恢复完成后再打开`,
      en: `The archive is being restored from a backup (${who.en}); open it when that is done`,
    });
  }
  return () => rmSync(file, { force: true });
}

/**
 * Takes the folder for this process alone (a restore); returns the release. Refused while any other holder is live.
 */
export function takeArchiveExclusively(dir: string): () => void {
  const folder = path.join(dir, LOCK_DIR);
  const file = path.join(folder, EXCLUSIVE_LOCK);
  mkdirSync(folder, { recursive: true });
  liveHolders(dir, 'exclusive');
  try {
    writeFileSync(file, JSON.stringify(me('恢复')), { flag: 'wx' });
  } catch {
    const other = readHolder(file);
    throw busy(other ? describe(other) : { zh: '另一个恢复', en: 'another restore' });
  }
  const open = liveHolders(dir, 'open');
  if (open.length > 0) {
    rmSync(file, { force: true });
    throw busy(describe(open[0]!.holder), open.length);
  }
  return () => rmSync(file, { force: true });
}

function busy(who: { zh: string; en: string }, count = 1): TaizhangError {
  return new TaizhangError('archive_busy', {
    zh:
      `档案正在被使用（${who.zh}${count > 1 ? ` 等 ${count} 处` : ''}），恢复会让正在使用的程序把资料写到别处，已停止，原档案未动。` +
      `请先关闭台账程序和其他正在使用此档案的命令，再恢复。若那台电脑已关机或程序已退出，可删除档案文件夹中的 ${LOCK_DIR} 文件夹后重试`,
    en: `The archive is open elsewhere (${who.en}); nothing was changed. Close Taizhang first, then restore`,
  });
}

/**
 * A restore swaps two folders with two renames; a crash between them leaves no archive under its name, only the
 * verified staging folder beside it (and the old archive moved aside). Opening finishes that swap.
 */
export function finishInterruptedRestore(dir: string): void {
  const parent = path.dirname(dir);
  const prefix = `.${path.basename(dir)}.restoring-`;
  if (existsSync(path.join(dir, 'archive.db')) || !existsSync(parent)) return;
  if (existsSync(dir) && readdirSync(dir).length > 0) return;
  for (const name of readdirSync(parent)) {
    const staging = path.join(parent, name);
    if (!name.startsWith(prefix) || !existsSync(path.join(staging, VERIFIED_MARK))) continue;
    if (existsSync(dir)) rmdirSync(dir);
    renameSync(staging, dir);
    break;
  }
}
