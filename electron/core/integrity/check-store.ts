import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { TaizhangError } from '../../../shared/errors.js';
import type { CallContext } from '../handler-types.js';
import type { Archive } from '../store/archive-folder.js';
import { hashFile } from '../store/file-store.js';
import type { SectionResult } from './check-database.js';
import { count, problem, type CheckProblem } from './check-problems.js';
import { filesBelow } from '../backup/paths.js';
import { isBlobListed, storedBlobs, storedHashes } from '../files/repository.js';
import { liveRecordCount, recordsUsingBlob, recordsWithoutFiles } from './repository.js';

const SHA = /^[0-9a-f]{64}$/;
const DERIVED = /^([0-9a-f]{64})\.(thumb|print)\.jpg$/;

function describeRecords(rows: { id: number; title: string }[]): string {
  return rows.length === 0 ? '（没有件使用）' : rows.map((r) => `第 ${r.id} 件「${r.title}」`).join('、');
}

/** Every stored file is present and still has the bytes its name (its SHA-256) promises. */
export async function verifyBlobs(archive: Archive, ctx: CallContext): Promise<SectionResult> {
  const rows = storedBlobs(archive.db);
  const problems: CheckProblem[] = [];
  let bytes = 0;
  for (const [i, row] of rows.entries()) {
    if (ctx.signal?.aborted) throw new TaizhangError('cancelled', '已取消检查 / Check cancelled');
    const file = archive.files.blobPath(row.sha256);
    let actual: string | null = null;
    try {
      actual = await hashFile(file);
      bytes += (await fs.stat(file)).size;
    } catch {
      // Deleted by another process since the list was read? Then it is no longer expected.
      if (isBlobListed(archive.db, row.sha256)) {
        const used = recordsUsingBlob(archive.db, row.sha256);
        problems.push(
          problem('missing_file', `文件缺失：${describeRecords(used)}的文件 ${row.sha256.slice(0, 12)}… 不在档案中，请从备份恢复 / Stored file is missing`, {
            sha256: row.sha256,
            records: used.map((r) => r.id),
          }),
        );
      }
    }
    if (actual !== null && actual !== row.sha256) {
      const used = recordsUsingBlob(archive.db, row.sha256);
      problems.push(
        problem('hash_mismatch', `文件已损坏（内容与校验值不符）：${describeRecords(used)}的文件 ${row.sha256.slice(0, 12)}…，请从备份恢复 / Stored file is damaged`, {
          sha256: row.sha256,
          actual,
          records: used.map((r) => r.id),
        }),
      );
    }
    ctx.onProgress?.({ stage: '核对文件 / verifying files', done: i + 1, total: rows.length });
  }
  const bad = problems.length;
  const summary = [`已核对 ${count(rows.length)} 个文件（${formatSize(bytes)}，逐个重新计算 SHA-256）${bad === 0 ? '，全部完好' : `，${count(bad)} 个有问题`}`];
  return { problems, summary };
}

/** A record (件) in use must have at least one file: an empty 件 means a file was lost. */
export function checkRecordFiles(archive: Archive): SectionResult {
  const live = liveRecordCount(archive.db);
  const empty = recordsWithoutFiles(archive.db);
  const problems = empty.map((r) =>
    problem('record_without_files', `第 ${r.id} 件「${r.title}」没有任何文件 / Record has no files`, { recordId: r.id }),
  );
  return { problems, summary: [`件：${count(live)} 件${empty.length === 0 ? '，每件都有文件' : `，${count(empty.length)} 件没有文件`}`] };
}

/** Photos need their thumbnail and print-size copy (previews, binders); both can be made again from the original. */
export function checkDerivatives(archive: Archive): SectionResult {
  const images = storedBlobs(archive.db, 'image');
  const problems: CheckProblem[] = [];
  for (const img of images) {
    const missing = (['thumb', 'print'] as const).filter((k) => !existsSync(archive.files.derivativePath(img.sha256, k)));
    if (missing.length > 0) {
      problems.push(
        problem('missing_derivative', `照片 ${img.sha256.slice(0, 12)}… 缺少${missing.map((k) => (k === 'thumb' ? '缩略图' : '打印图')).join('和')}（可以自动修复） / Missing derivative (check --repair makes it again)`, {
          sha256: img.sha256,
          mime: img.mime,
          missing,
        }),
      );
    }
  }
  return { problems, summary: [`照片派生图：已核对 ${count(images.length)} 张${problems.length === 0 ? '，齐全' : `，${count(problems.length)} 张缺少`}`] };
}

/** Files on disk that the database does not explain: orphans, strangers, and temp files left by a crash. */
export async function scanStore(archive: Archive): Promise<SectionResult> {
  const known = new Set(storedHashes(archive.db));
  const problems: CheckProblem[] = [];
  const rel = (abs: string): string => path.relative(archive.dir, abs).split(path.sep).join('/');
  const stranger = (abs: string): void => {
    problems.push(problem('unknown_file', `文件库中有来历不明的文件：${rel(abs)} / Unexpected file in the store`, { path: rel(abs) }));
  };

  for (const abs of await filesBelow(archive.files.root)) {
    const name = path.basename(abs);
    const dir = path.basename(path.dirname(abs));
    if (!SHA.test(name) || dir !== name.slice(0, 2) || path.dirname(path.dirname(abs)) !== archive.files.root) stranger(abs);
    else if (!known.has(name)) {
      problems.push(problem('orphan_file', `文件库中有不属于任何件的文件：${rel(abs)}（可能是导入中断留下的） / File without a record`, { path: rel(abs), sha256: name }));
    }
  }
  for (const abs of await filesBelow(archive.files.derivedRoot)) {
    const name = path.basename(abs);
    const m = DERIVED.exec(name);
    if (name.endsWith('.part')) problems.push(problem('temp_file', `中断留下的临时文件：${rel(abs)} / Leftover temporary file`, { path: rel(abs) }));
    else if (!m || path.basename(path.dirname(abs)) !== name.slice(0, 2)) stranger(abs);
    else if (!known.has(m[1] ?? '')) {
      problems.push(problem('orphan_derivative', `派生图没有对应的文件：${rel(abs)} / Derivative without its file`, { path: rel(abs) }));
    }
  }
  // Each entry of tmp/ is one leftover: a temp file, or the work folder of an interrupted export.
  const temps = await fs.readdir(archive.files.tmpRoot).catch(() => [] as string[]);
  for (const name of temps) {
    const abs = path.join(archive.files.tmpRoot, name);
    problems.push(problem('temp_file', `中断留下的临时文件：${rel(abs)} / Leftover temporary file`, { path: rel(abs) }));
  }

  const orphans = problems.filter((p) => p.kind === 'orphan_file').length;
  const others = problems.length - orphans;
  const summary = [
    orphans === 0 && others === 0
      ? '文件库：没有多余的文件'
      : `文件库：${count(orphans)} 个文件不属于任何件，${count(others)} 个临时或来历不明的文件`,
  ];
  return { problems, summary };
}

function formatSize(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(1)} GB`;
  if (bytes >= 1024 ** 2) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  return `${Math.ceil(bytes / 1024)} KB`;
}
