/**
 * A child process for the crash and two-process tests. It works on a real archive until it is killed (or its work
 * is done). It prints "ready" once its first unit of work is complete (modules loaded, caches warm), so the parent's
 * kill lands in the middle of real work rather than during start-up.
 *
 *   worker.ts import <archive> <sourceDir> <year>   files every file of sourceDir, three per records.add call
 *   worker.ts edit <archive>                        edits, moves, deletes and restores records in a loop
 *   worker.ts binder <archive> <out> <year>         exports the year's binder to <out> (a folder, or one .pdf), again and again
 *   worker.ts hold <archive> <ms>                   holds the write lock until SIGUSR2 or <ms> milliseconds, then commits
 *   worker.ts restore <archive> <backup>            restores the backup over the archive (--force), again and again
 *   worker.ts repair <archive>                      runs check --repair --force (quarantining leftovers), again and again
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { contract, type Args, type MethodName, type Result } from '../../shared/api/contract.js';
import type { Handlers } from '../../electron/core/handler-types.js';
import { openArchive, type Archive } from '../../electron/core/store/archive-folder.js';
import { SEED_ITEMS } from './seed.js';

const [mode, archiveDir, ...rest] = process.argv.slice(2);
if (!mode || !archiveDir) throw new Error('usage: worker.ts <mode> <archive> …');

/**
 * Calls one domain's handlers exactly as the core does (arguments validated against the contract), but loads only
 * that domain: each kill costs a fresh process, and loading every domain would make the harness slow.
 */
async function domainApi(archive: Archive, domain: 'records' | 'binder') {
  const handlers = (domain === 'records'
    ? (await import('../../electron/core/records/handlers.js')).recordsHandlers(archive)
    : (await import('../../electron/core/binder/handlers.js')).binderHandlers(archive)) as Partial<Handlers>;
  return async <K extends MethodName>(name: K, args: Args<K>): Promise<Result<K>> => {
    const handler = handlers[name] as ((a: unknown, ctx: object) => Promise<Result<K>> | Result<K>) | undefined;
    if (!handler) throw new Error(`${name} is not a ${domain} method`);
    return handler(contract[name].input.parse(args), {});
  };
}
type Call = Awaited<ReturnType<typeof domainApi>>;

// A restore must not hold the archive it replaces; every other mode works inside it.
const archive = mode === 'restore' ? (null as unknown as Archive) : await openArchive(archiveDir);
let warm = false;
function workedOnce(): void {
  if (!warm) process.stdout.write('ready\n');
  warm = true;
}

/** Files in batches of three (one records.add call each), so kills land inside single and multi-file calls. */
async function importLoop(call: Call, sourceDir: string, year: number): Promise<void> {
  const files = readdirSync(sourceDir).sort().map((f) => path.join(sourceDir, f));
  for (let i = 0; i < files.length; i += 3) {
    await call('records.add', { files: files.slice(i, i + 3), year, items: [SEED_ITEMS[(i / 3) % SEED_ITEMS.length]!] });
    workedOnce();
  }
}

/** Each round works on the records in use now: a kill between delete and restore leaves one in the trash, taken back first. */
async function editLoop(call: Call): Promise<void> {
  const trashed = archive.db.prepare('SELECT id FROM records WHERE deleted_at IS NOT NULL').pluck().all() as number[];
  if (trashed.length > 0) await call('records.restore', { ids: trashed });
  const live = archive.db.prepare('SELECT id FROM records WHERE deleted_at IS NULL ORDER BY id').pluck();
  for (let round = 0; ; round++) {
    const ids = live.all() as number[];
    const id = ids[round % ids.length]!;
    await call('records.update', { id, title: `改过的题名 第${round}次`, tags: [`第${round % 5}批`], note: `备注 ${round}` });
    await call('records.delete', { ids: [id] });
    await call('records.restore', { ids: [id] });
    await call('records.bulkUpdate', { ids: ids.slice(0, 3), addItems: [SEED_ITEMS[round % SEED_ITEMS.length]!], type: round % 2 ? '记录' : '总结' });
    if (round % 4 === 3) await call('records.undo', {});
    workedOnce();
  }
}

async function binderLoop(call: Call, out: string, year: number): Promise<void> {
  for (;;) {
    await call('binder.export', { year, out, single: out.endsWith('.pdf') });
    workedOnce();
  }
}

/** Holds the write lock in a live process until told to let go (SIGUSR2) or `ms` have passed, then commits. */
async function hold(ms: number): Promise<void> {
  archive.db.prepare('BEGIN IMMEDIATE').run();
  workedOnce();
  archive.db.prepare("INSERT INTO settings(key, value) VALUES ('test.hold', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value").run(String(Date.now()));
  process.stdout.write('locked\n');
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    process.once('SIGUSR2', () => {
      clearTimeout(timer);
      resolve();
    });
  });
  archive.db.prepare('COMMIT').run();
}

async function restoreLoop(backup: string): Promise<void> {
  const { restoreBackup } = await import('../../electron/core/backup/restore.js');
  for (;;) {
    await restoreBackup(backup, archiveDir!, { force: true });
    workedOnce();
  }
}

async function repairLoop(): Promise<void> {
  const { checkArchive } = await import('../../electron/core/integrity/check.js');
  for (;;) {
    await checkArchive(archive, { repair: true, force: true });
    workedOnce();
  }
}

switch (mode) {
  case 'restore':
    await restoreLoop(rest[0]!);
    break;
  case 'repair':
    await repairLoop();
    break;
  case 'import':
    await importLoop(await domainApi(archive, 'records'), rest[0]!, Number(rest[1]));
    break;
  case 'edit':
    await editLoop(await domainApi(archive, 'records'));
    break;
  case 'binder':
    await binderLoop(await domainApi(archive, 'binder'), rest[0]!, Number(rest[1]));
    break;
  case 'hold':
    await hold(Number(rest[0]));
    break;
  default:
    throw new Error(`unknown mode ${mode}`);
}
archive?.close();
process.stdout.write('done\n');
