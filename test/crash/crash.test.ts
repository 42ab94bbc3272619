import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CheckReport } from '../../shared/api/integrity.js';
import { cli, tempCore, tempDir } from '../support/temp.js';
import { seededRng } from '../support/bulk-records.js';
import { ageStore, inspect, killDuring } from './harness.js';
import { makeJpeg, makePdf } from '../support/sample-files.js';
import { colourOf, seedArchive } from './seed.js';

/**
 * Crash safety: a real child process works on a real archive (a large import, a batch of edits, a binder export)
 * and is killed with SIGKILL at a random moment, again and again on the same archive. After every kill the archive
 * must open without manual repair and the full check must find nothing lost or out of step: no record without its
 * file, the search index in step with the records, no half-written binder under its name. Leftovers a crash may
 * leave (a temp file, a stored file whose record was never committed) are harmless, and check --repair clears them.
 */

const SEED = Number(process.env.TAIZHANG_CRASH_SEED ?? 20240305);
const tally: string[] = [];

afterAll(() => {
  console.log(`\n崩溃测试 / crash harness (seed ${SEED})\n${tally.map((t) => `  ${t}`).join('\n')}`);
});

interface Scenario {
  name: string;
  kills: number;
  /** Prepares run `run` (0-based) and returns the worker's arguments. */
  args: (dir: string, run: number) => Promise<string[]> | string[];
}

/** Looks at what a scenario writes outside the archive: problems (must be none) and counts worth printing. */
type Observe = () => { problems: string[]; notes: Record<string, number> };

async function runScenario(dir: string, scenario: Scenario, observe?: Observe): Promise<void> {
  const rand = seededRng(SEED + scenario.name.length);
  let held = 0;
  let finishedFirst = 0;
  let leftovers = 0;
  /** Kills that caught a file written but not yet committed (a new leftover appeared). */
  let interruptedWrites = 0;
  let lastRecords = (await inspect(dir)).records;
  const delays: number[] = [];
  const notes = new Map<string, number>();
  for (let i = 0; i < scenario.kills; i++) {
    const after = 50 + Math.floor(rand() * 750);
    delays.push(after);
    const kill = await killDuring(after, ...(await scenario.args(dir, i)));
    if (kill.finishedFirst) finishedFirst += 1;
    const state = await inspect(dir);
    const seen = observe?.() ?? { problems: [], notes: {} };
    for (const [k, n] of Object.entries(seen.notes)) notes.set(k, (notes.get(k) ?? 0) + n);
    expect({ run: i + 1, killedAfterMs: after, errors: [...state.errors, ...seen.problems] }).toEqual({ run: i + 1, killedAfterMs: after, errors: [] });
    // Nothing committed before a kill is lost by the next one.
    expect(state.records).toBeGreaterThanOrEqual(lastRecords);
    lastRecords = state.records;
    if (state.leftovers > leftovers) interruptedWrites += 1;
    leftovers = state.leftovers;
    held += 1;
  }
  // Hours later the clerk runs check --repair: leftovers go to quarantine and the archive is spotless.
  await ageStore(dir);
  const repaired = await cli('check', '--archive', dir, '--repair', '--force', '--json');
  expect(repaired.code).toBe(0);
  const after = await cli('check', '--archive', dir, '--json');
  expect(after.json<CheckReport>()).toMatchObject({ ok: true, problems: [] });
  tally.push(
    `${scenario.name}：强制结束 ${scenario.kills} 次（开始后 ${Math.min(...delays)}–${Math.max(...delays)} ms），` +
      `${held} 次检查全部通过，${finishedFirst} 次在结束前已完成；${interruptedWrites} 次正好打断了文件写入（留下未登记的文件，资料无损），最后共 ${leftovers} 个，已由 check --repair 移入隔离区；最终 ${lastRecords} 件` +
      [...notes].map(([k, n]) => `；${k} ${n}`).join(''),
  );
}

describe('crash safety (SIGKILL at random moments)', () => {
  it('a large import killed 20 times leaves a consistent archive every time', async () => {
    const root = tempDir();
    const dir = path.join(root, 'archive');
    expect((await cli('init', '--archive', dir)).code).toBe(0);
    // Each run imports new content (multi-page PDFs, full-size photos), so every kill lands in real work: reading,
    // storing, making derivatives, committing.
    const sources = async (_dir: string, run: number): Promise<string[]> => {
      const src = path.join(root, `src-${run}`);
      mkdirSync(src);
      for (let i = 0; i < 12; i++) {
        const name = `${String(i).padStart(2, '0')}`;
        if (i % 3 === 2) await makeJpeg(path.join(src, `${name}-活动照片.jpg`), { width: 1600, height: 1200, colour: colourOf(run * 100 + i) });
        else await makePdf(path.join(src, `${name}-2024-04-${String((i % 28) + 1).padStart(2, '0')} 会议记录.pdf`), { text: `minutes ${run}-${i}`, pages: 1 + (i % 4) });
      }
      return ['import', dir, src, '2024'];
    };
    await runScenario(dir, { name: '大批导入 / import', kills: 20, args: sources });
  }, 300_000);

  it('a batch of edits killed 18 times leaves a consistent archive every time', async () => {
    const core = await tempCore();
    await seedArchive(core, tempDir(), 10);
    core.close();
    await runScenario(core.dir, { name: '批量修改 / edits', kills: 18, args: (d) => ['edit', d] });
  }, 300_000);

  it('a binder export killed 14 times never leaves a half-written binder under its name', async () => {
    const core = await tempCore();
    await seedArchive(core, tempDir(), 6);
    core.close();
    const outDir = path.join(tempDir(), '案卷');
    const outPdf = path.join(tempDir(), '2024年度案卷.pdf');
    await runScenario(
      core.dir,
      { name: '导出案卷 / binder', kills: 14, args: (d, run) => ['binder', d, run % 2 === 0 ? outDir : outPdf, '2024'] },
      observeBinder([outDir, outPdf]),
    );
  }, 300_000);

  it('a restore killed 12 times leaves either the old archive or the restored one under its name, never neither', async () => {
    const core = await tempCore();
    await seedArchive(core, tempDir(), 8);
    const backup = path.join(tempDir(), '备份.zip');
    await core.api['backup.create']({ out: backup });
    core.close();
    const parent = path.dirname(core.dir);
    const seen = { aside: 0, staging: 0 };
    await runScenario(core.dir, { name: '恢复备份 / restore', kills: 12, args: (d) => ['restore', d, backup] }, () => {
      const names = readdirSync(parent);
      const aside = names.filter((n) => n.includes('恢复前')).length;
      const staging = names.filter((n) => n.includes('.restoring-')).length;
      const notes = { '次完成的恢复（原档案改名保留在旁边）': aside - seen.aside, '个中断恢复留下的临时文件夹（原档案未动）': staging - seen.staging };
      Object.assign(seen, { aside, staging });
      return { problems: [], notes };
    });
  }, 300_000);

  it('check --repair killed 12 times while it quarantines leftovers never loses a stored file', async () => {
    const core = await tempCore();
    await seedArchive(core, tempDir(), 6);
    core.close();
    // Each run meets fresh leftovers to move: orphan files, stray files and temp files, all hours old.
    const leftovers = async (d: string, run: number): Promise<string[]> => {
      for (let i = 0; i < 10; i++) {
        const sha = createHash('sha256').update(`orphan ${run} ${i}`).digest('hex');
        mkdirSync(path.join(d, 'files', sha.slice(0, 2)), { recursive: true });
        writeFileSync(path.join(d, 'files', sha.slice(0, 2), sha), `orphan ${run} ${i}`);
        writeFileSync(path.join(d, 'tmp', `left-${run}-${i}`), 'half written');
      }
      await ageStore(d);
      return ['repair', d];
    };
    await runScenario(core.dir, { name: '修复 / check --repair', kills: 12, args: leftovers });
  }, 300_000);
});

/** Every PDF under its final name must be complete: qpdf --check passes (exit 0, or 3 for mere warnings). */
const observeBinder = (outs: string[]): Observe => {
  const partsSeen = new Set<string>();
  return () => {
    const problems: string[] = [];
    const notes = { '目标名下完整的案卷 PDF（累计检查）': 0, '旁边遗留的 .part 临时文件（新增）': 0 };
    for (const out of outs) {
      const dir = out.endsWith('.pdf') ? path.dirname(out) : out;
      const names = existsSync(dir) ? readdirSync(dir) : [];
      for (const part of names.filter((n) => n.endsWith('.part'))) {
        if (!partsSeen.has(part)) notes['旁边遗留的 .part 临时文件（新增）'] += 1;
        partsSeen.add(part);
      }
      for (const name of names.filter((n) => n.endsWith('.pdf'))) {
        try {
          execFileSync('qpdf', ['--check', path.join(dir, name)], { stdio: 'pipe' });
          notes['目标名下完整的案卷 PDF（累计检查）'] += 1;
        } catch (err) {
          if ((err as { status?: number }).status === 3) notes['目标名下完整的案卷 PDF（累计检查）'] += 1;
          else problems.push(`half-written binder under its name: ${name}`);
        }
      }
      for (const name of names.filter((n) => n.endsWith('.json'))) {
        try {
          JSON.parse(readFileSync(path.join(dir, name), 'utf8'));
        } catch {
          problems.push(`half-written binder report under its name: ${name}`);
        }
      }
    }
    return { problems, notes };
  };
};
