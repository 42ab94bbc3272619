/**
 * A child process for the crash and two-process tests. It works on a real archive until it is killed (or its work
 * is done) and prints "ready" once the archive is open, so the parent kills it in the middle of real work rather than
 * during start-up.
 *
 *   worker.ts import <archive> <sourceDir> <year>   files every file of sourceDir, one records.add call each, in a loop
 *   worker.ts edit <archive>                        edits, moves, deletes and restores records in a loop
 *   worker.ts binder <archive> <out> <year>         exports the year's binder to <out>, again and again
 *   worker.ts hold <archive> <ms>                   holds the write lock until SIGUSR2 or <ms> milliseconds, then commits
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { openCore, type Core } from '../../electron/core/api/core.js';
import { SEED_ITEMS } from './seed.js';

const [mode, archiveDir, ...rest] = process.argv.slice(2);
if (!mode || !archiveDir) throw new Error('usage: worker.ts <mode> <archive> …');

const core = await openCore(archiveDir);
process.stdout.write('ready\n');

async function importLoop(c: Core, sourceDir: string, year: number): Promise<void> {
  const files = readdirSync(sourceDir).sort().map((f) => path.join(sourceDir, f));
  for (const [i, file] of files.entries()) {
    await c.api['records.add']({ files: [file], year, items: [SEED_ITEMS[i % SEED_ITEMS.length]!] });
  }
}

async function editLoop(c: Core): Promise<void> {
  const ids = c.archive.db.prepare('SELECT id FROM records WHERE deleted_at IS NULL ORDER BY id').pluck().all() as number[];
  for (let round = 0; ; round++) {
    const id = ids[round % ids.length]!;
    await c.api['records.update']({ id, title: `改过的题名 第${round}次`, tags: [`第${round % 5}批`], note: `备注 ${round}` });
    await c.api['records.bulkUpdate']({ ids: ids.slice(0, 3), addItems: [SEED_ITEMS[round % SEED_ITEMS.length]!], type: round % 2 ? '记录' : '总结' });
    await c.api['records.delete']({ ids: [id] });
    await c.api['records.restore']({ ids: [id] });
    if (round % 4 === 3) await c.api['records.undo']({});
  }
}

async function binderLoop(c: Core, out: string, year: number): Promise<void> {
  for (;;) await c.api['binder.export']({ year, out, single: true });
}

/** Holds the write lock in a live process until told to let go (SIGUSR2) or `ms` have passed, then commits. */
async function hold(c: Core, ms: number): Promise<void> {
  c.archive.db.prepare('BEGIN IMMEDIATE').run();
  c.archive.db.prepare("INSERT INTO settings(key, value) VALUES ('test.hold', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value").run(String(Date.now()));
  process.stdout.write('locked\n');
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    process.once('SIGUSR2', () => {
      clearTimeout(timer);
      resolve();
    });
  });
  c.archive.db.prepare('COMMIT').run();
}

switch (mode) {
  case 'import':
    await importLoop(core, rest[0]!, Number(rest[1]));
    break;
  case 'edit':
    await editLoop(core);
    break;
  case 'binder':
    await binderLoop(core, rest[0]!, Number(rest[1]));
    break;
  case 'hold':
    await hold(core, Number(rest[0]));
    break;
  default:
    throw new Error(`unknown mode ${mode}`);
}
core.close();
process.stdout.write('done\n');
