import { readdirSync, utimesSync } from 'node:fs';
import path from 'node:path';
import { openCore } from '../../electron/core/api/core.js';
import { checkArchive } from '../../electron/core/integrity/check.js';
import { filesBelow } from '../../electron/core/backup/paths.js';
import { QUARANTINE_GRACE_MS } from '../../electron/core/integrity/quarantine.js';
import { startWorker } from './spawn.js';

export interface KillOutcome {
  /** Milliseconds between "ready" and SIGKILL. */
  after: number;
  /** The worker had already finished its work when the kill came. */
  finishedFirst: boolean;
}

/** Starts a worker, lets it work for `after` ms once ready, and kills it with SIGKILL. */
export async function killDuring(after: number, ...args: string[]): Promise<KillOutcome> {
  const run = startWorker(...args);
  await run.printed('ready');
  await new Promise((resolve) => setTimeout(resolve, after));
  run.child.kill('SIGKILL');
  const end = await run.finished;
  // The work may have been done just before the kill: a clean exit is fine, a failure is not.
  const finishedFirst = end.signal !== 'SIGKILL';
  if (finishedFirst && end.code !== 0) throw new Error(`worker failed: ${end.stderr.slice(0, 800)}`);
  return { after, finishedFirst };
}

export interface AfterCrash {
  /** Problems that mean something was lost or out of step (must be none). */
  errors: string[];
  /** Harmless leftovers (temp files, files no record uses yet). */
  leftovers: number;
  records: number;
}

/** Opens the archive as the next session would (no manual repair) and runs the full integrity check. */
export async function inspect(dir: string): Promise<AfterCrash> {
  const core = await openCore(dir);
  try {
    const report = await checkArchive(core.archive, { repair: false });
    const records = core.archive.db.prepare('SELECT count(*) FROM records').pluck().get() as number;
    return {
      errors: report.problems.filter((p) => p.severity === 'error').map((p) => `${p.kind}: ${p.message}`),
      leftovers: report.problems.filter((p) => p.severity === 'warning').length,
      records,
    };
  } finally {
    core.close();
  }
}

/** Makes every file of the store look hours old, as leftovers are by the time a clerk runs check --repair. */
export async function ageStore(dir: string): Promise<void> {
  const old = new Date(Date.now() - QUARANTINE_GRACE_MS - 60_000);
  for (const sub of ['files', 'derived', 'tmp']) for (const f of await filesBelow(path.join(dir, sub))) utimesSync(f, old, old);
  // An interrupted export leaves a work folder in tmp/: its own time counts too.
  for (const name of readdirSync(path.join(dir, 'tmp'))) utimesSync(path.join(dir, 'tmp', name), old, old);
}
