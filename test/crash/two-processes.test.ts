import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CheckReport } from '../../shared/api/integrity.js';
import type { RecordSummary } from '../../shared/api/records.js';
import { cli, tempDir } from '../support/temp.js';
import { makeJpeg, makePdf } from '../support/sample-files.js';
import { colourOf } from './seed.js';
import { runCli, startCli, startWorker } from './spawn.js';

/**
 * The desktop app and the CLI may work on one archive at the same time. These tests use real, separate processes:
 * the second one either waits for the first (SQLite's busy timeout) or refuses with a clear message, and the archive
 * is sound afterwards.
 */

async function archiveWithSources(n: number): Promise<{ dir: string; a: string[]; b: string[] }> {
  const root = tempDir();
  const dir = path.join(root, 'archive');
  expect((await cli('init', '--archive', dir)).code).toBe(0);
  const src = path.join(root, 'src');
  mkdirSync(src);
  const a: string[] = [];
  const b: string[] = [];
  for (let i = 0; i < n; i++) {
    a.push(await makePdf(path.join(src, `甲-通知${i}.pdf`), { text: `process A ${i}` }));
    b.push(await makeJpeg(path.join(src, `乙-照片${i}.jpg`), { colour: colourOf(1000 + i) }));
  }
  return { dir, a, b };
}

async function sound(dir: string): Promise<CheckReport> {
  const r = await cli('check', '--archive', dir, '--json');
  const report = r.json<CheckReport>();
  expect(report.problems.filter((p) => p.severity === 'error')).toEqual([]);
  expect(r.code).toBe(0);
  return report;
}

describe('two processes on one archive', () => {
  it('two CLI processes adding files at the same moment both succeed, and nothing is lost', async () => {
    const { dir, a, b } = await archiveWithSources(6);
    const [first, second] = await Promise.all([
      runCli('add', ...a, '--year', '2024', '--item', '1.1.1', '--archive', dir, '--json'),
      runCli('add', ...b, '--year', '2024', '--item', '1.2.2', '--archive', dir, '--json'),
    ]);
    for (const run of [first, second]) {
      expect(run.stderr).not.toMatch(/\bat .*\.(ts|js):\d+/);
      expect(run.code).toBe(0);
      expect(JSON.parse(run.stdout)).toMatchObject({ errors: [] });
    }
    const list = await cli('list', '--year', '2024', '--archive', dir, '--json');
    expect(list.json<RecordSummary[]>()).toHaveLength(12);
    await sound(dir);
  });

  it('a process that finds the archive locked waits for the writer and then succeeds', async () => {
    const { dir, a } = await archiveWithSources(1);
    const holder = startWorker('hold', dir, '60000');
    await holder.printed('locked');
    const adder = startCli('add', a[0]!, '--year', '2024', '--item', '1.1.1', '--archive', dir, '--json');
    // Give the adder time to reach the lock, then let go well within its busy timeout.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    holder.child.kill('SIGUSR2');
    const [held, added] = await Promise.all([holder.finished, adder.finished]);
    expect(held.code).toBe(0);
    expect(added.code).toBe(0);
    expect(JSON.parse(added.stdout)).toMatchObject({ records: [expect.objectContaining({ files: 1 })], errors: [] });
    await sound(dir);
  });

  it('a process kept waiting longer than the busy timeout refuses in words and writes nothing', async () => {
    const { dir, a } = await archiveWithSources(1);
    const holder = startWorker('hold', dir, '120000');
    await holder.printed('locked');
    const [refusedUnit, refusedAdd] = await Promise.all([
      runCli('unit', '--name', '不该写入', '--archive', dir),
      runCli('add', a[0]!, '--year', '2024', '--item', '1.1.1', '--archive', dir),
    ]);
    holder.child.kill('SIGUSR2');
    expect((await holder.finished).code).toBe(0);
    for (const run of [refusedUnit, refusedAdd]) {
      expect(run.code).toBe(1);
      expect(run.stdout + run.stderr).toMatch(/档案正被另一个程序使用/);
      expect(run.stdout + run.stderr).not.toMatch(/\bat .*\.(ts|js):\d+|Internal error/);
    }
    const info = await cli('info', '--archive', dir, '--json');
    expect(info.json()).toMatchObject({ records: 0, unit: { name: '' } });
    const report = await sound(dir);
    expect(report.problems).toEqual([]);
  }, 150_000);
});
