import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { CheckReport } from '../../../shared/api/integrity.js';
import { TaizhangError } from '../../../shared/errors.js';
import type { CallContext } from '../handler-types.js';
import { heicToJpeg, makeDerivatives } from '../files/image.js';
import { isBlobListed, storedHashes } from '../files/repository.js';
import { rebuildSearchIndex } from '../search/indexer.js';
import type { Archive } from '../store/archive-folder.js';
import { hashFile } from '../store/file-store.js';
import { checkDatabase, type SectionResult } from './check-database.js';
import { count, problem, type CheckProblem } from './check-problems.js';
import { checkSearchIndex } from './check-search.js';
import { checkDerivatives, checkRecordFiles, scanStore, verifyBlobs } from './check-store.js';
import { filesBelow } from '../backup/paths.js';
import { Quarantine, QUARANTINE_ASK_ABOVE, QUARANTINE_DIR } from './quarantine.js';

/**
 * The integrity check behind `check`: the database, every stored file's hash, records and their files, photo
 * derivatives, the search index and leftovers on disk. With `repair`, rebuilds what can be rebuilt and moves
 * unexplained files to quarantine/ (never deleting anything), then looks again.
 */
export async function checkArchive(archive: Archive, args: { repair: boolean; force?: boolean }, ctx: CallContext = {}): Promise<CheckReport> {
  const database = guarded(() => checkDatabase(archive.db));
  const repaired: string[] = [];
  if (args.repair) repaired.push(...(await recoverFromQuarantine(archive)));
  const blobs = await guardedAsync(() => verifyBlobs(archive, ctx));
  let rest = await repairableSections(archive);
  if (args.repair) {
    const done = await repair(archive, rest.problems, args.force === true);
    if (done.length > 0) {
      repaired.push(...done);
      rest = await repairableSections(archive);
    }
  }
  const problems = [...database.problems, ...blobs.problems, ...rest.problems];
  const leftovers = rest.problems.filter(isLeftover).length;
  if (args.repair && !args.force && leftovers > QUARANTINE_ASK_ABOVE) {
    // So many unexplained files mean the database, not the store, is likely wrong: moving them would empty the archive.
    problems.push(
      problem(
        'too_many_leftovers',
        `修复已停止：有 ${count(leftovers)} 个文件数据库里没有登记，超过 ${QUARANTINE_ASK_ABOVE} 个，一个也没有移入隔离区。` +
          '这通常说明数据库有问题（例如被替换或清空），而不是文件多余：请先从备份恢复档案；确认这些文件确实多余后，再强制修复 / ' +
          `Repair stopped: ${leftovers} unregistered files, more than ${QUARANTINE_ASK_ABOVE}; nothing was moved. Restore from a backup, or repeat with --force if they really are leftovers`,
      ),
    );
  }
  const errors = problems.filter((p) => p.severity === 'error');
  const warnings = problems.length - errors.length;
  const fixable = errors.filter((p) => p.repairable).length;
  const verdict =
    errors.length === 0
      ? `结论：档案完好${warnings > 0 ? `（另有 ${count(warnings)} 项不影响资料的提示）` : ''}`
      : `结论：发现 ${count(errors.length)} 个问题${fixable > 0 ? `，其中 ${count(fixable)} 个可以自动修复 / ${fixable} can be fixed with check --repair` : ''}`;
  return {
    ok: errors.length === 0,
    problems,
    summary: [...database.summary, ...blobs.summary, ...rest.summary, verdict],
    ...(args.repair ? { repaired } : {}),
  };
}

/** The cheap sections, run again after a repair to report what remains. */
async function repairableSections(archive: Archive): Promise<SectionResult> {
  const parts = [
    guarded(() => checkRecordFiles(archive)),
    guarded(() => checkDerivatives(archive)),
    await scanStore(archive),
    guarded(() => checkSearchIndex(archive.db)),
  ];
  return { problems: parts.flatMap((p) => p.problems), summary: parts.flatMap((p) => p.summary) };
}

/** A section that cannot even run on a damaged database reports that instead of failing the whole check. */
function guarded(section: () => SectionResult): SectionResult {
  try {
    return section();
  } catch (err) {
    return unreadable(err);
  }
}

async function guardedAsync(section: () => Promise<SectionResult>): Promise<SectionResult> {
  try {
    return await section();
  } catch (err) {
    if (err instanceof TaizhangError) throw err;
    return unreadable(err);
  }
}

function unreadable(err: unknown): SectionResult {
  const text = err instanceof Error ? err.message.split('\n')[0] : String(err);
  return {
    problems: [problem('database_corrupt', `数据库无法读取（${text}），请从备份恢复 / The database cannot be read`)],
    summary: ['数据库：无法读取'],
  };
}

async function repair(archive: Archive, problems: CheckProblem[], force: boolean): Promise<string[]> {
  const done: string[] = [];
  const derivatives = problems.filter((p) => p.kind === 'missing_derivative');
  if (derivatives.length > 0) {
    let made = 0;
    for (const p of derivatives) if (await remakeDerivatives(archive, String(p.sha256), String(p.mime))) made += 1;
    done.push(`重新生成了 ${count(made)} 张照片的缩略图和打印图${made < derivatives.length ? `（${count(derivatives.length - made)} 张的原文件无法解码）` : ''}`);
  }
  if (problems.some((p) => p.kind === 'search_index')) {
    done.push(`重建了检索索引（${count(rebuildSearchIndex(archive.db))} 件）`);
  }
  const leftovers = problems.filter(isLeftover);
  if (leftovers.length > QUARANTINE_ASK_ABOVE && !force) {
    done.push(`有 ${count(leftovers.length)} 个文件将被移入隔离区，超过 ${QUARANTINE_ASK_ABOVE} 个，已停止，一个也没有移动。请先从备份恢复档案，或确认后强制修复 / nothing moved; restore from a backup, or use --force`);
  } else if (leftovers.length > 0) {
    const quarantine = new Quarantine(archive.dir);
    let recent = 0;
    for (const p of leftovers) {
      const relative = String(p.path);
      // An import in another process may be writing this file right now; only settled leftovers are moved.
      if (!(await quarantine.isSettled(path.join(archive.dir, relative)))) {
        recent += 1;
        continue;
      }
      if (p.kind === 'orphan_file' && isBlobListed(archive.db, String(p.sha256))) continue;
      await quarantine.move(relative);
    }
    if (quarantine.moved.length > 0) done.push(`把 ${count(quarantine.moved.length)} 个多余或临时文件移到了 ${quarantine.location}（未删除）`);
    if (recent > 0) done.push(`${count(recent)} 个文件刚写入不久（可能有导入正在进行），暂未移动`);
  }
  return done;
}

function isLeftover(p: CheckProblem): boolean {
  return ['orphan_file', 'orphan_derivative', 'unknown_file', 'temp_file'].includes(p.kind);
}

async function remakeDerivatives(archive: Archive, sha256: string, mime: string): Promise<boolean> {
  try {
    const original = await fs.readFile(archive.files.blobPath(sha256));
    const made = await makeDerivatives(mime === 'image/heic' ? await heicToJpeg(original) : original);
    await archive.files.writeAtomic(archive.files.derivativePath(sha256, 'thumb'), made.thumb);
    await archive.files.writeAtomic(archive.files.derivativePath(sha256, 'print'), made.print);
    return true;
  } catch {
    return false;
  }
}

/** A stored file that is missing may have been quarantined by mistake: if quarantine/ holds its exact bytes, it goes back. */
async function recoverFromQuarantine(archive: Archive): Promise<string[]> {
  const wanted = new Set(storedHashes(archive.db));
  let recovered = 0;
  for (const file of await filesBelow(path.join(archive.dir, QUARANTINE_DIR))) {
    const sha = path.basename(file);
    if (!wanted.has(sha) || (await archive.files.has(sha))) continue;
    if ((await hashFile(file)) !== sha) continue;
    await fs.mkdir(path.dirname(archive.files.blobPath(sha)), { recursive: true });
    await fs.rename(file, archive.files.blobPath(sha));
    recovered += 1;
  }
  return recovered > 0 ? [`从隔离区找回了 ${count(recovered)} 个档案需要的文件`] : [];
}
