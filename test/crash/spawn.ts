import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const WORKER = path.join(ROOT, 'test/crash/worker.ts');
const CLI = path.join(ROOT, 'electron/cli/cli.ts');

export interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface Running {
  child: ChildProcess;
  /** Resolves when the child prints `line` (e.g. "ready"), rejects if it exits first. */
  printed(line: string): Promise<void>;
  finished: Promise<Finished>;
}

/** Runs a TypeScript entry point in a real Node process through tsx, as `npx tsx` would. */
function start(entry: string, args: string[]): Running {
  const child = spawn(process.execPath, ['--import', 'tsx', entry, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const waiters: { line: string; resolve: () => void; reject: (e: Error) => void }[] = [];
  child.stdout!.on('data', (d: Buffer) => {
    stdout += d.toString();
    for (const w of [...waiters]) {
      if (stdout.split('\n').includes(w.line)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
    }
  });
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const finished = new Promise<Finished>((resolve) => {
    child.on('close', (code, signal) => {
      for (const w of waiters.splice(0)) w.reject(new Error(`exited before printing "${w.line}": ${stderr.slice(0, 500)}`));
      resolve({ code, signal, stdout, stderr });
    });
  });
  return {
    child,
    finished,
    printed: (line) =>
      stdout.split('\n').includes(line) ? Promise.resolve() : new Promise((resolve, reject) => waiters.push({ line, resolve, reject })),
  };
}

export function startWorker(...args: string[]): Running {
  return start(WORKER, args);
}

export function startCli(...args: string[]): Running {
  return start(CLI, args);
}

export async function runCli(...args: string[]): Promise<Finished> {
  return startCli(...args).finished;
}
