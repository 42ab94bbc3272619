import type { Command} from 'commander';
import { CommanderError } from 'commander';
import type { MethodName, Result } from '../../shared/api/contract.js';
import type { Progress } from '../../shared/api/method.js';
import { joined, TaizhangError, toErrorPayload } from '../../shared/errors.js';
import { openCore, type Core } from '../core/api/core.js';

export interface CliIO {
  out(text: string): void;
  err(text: string): void;
}

export const processIO: CliIO = {
  out: (t) => process.stdout.write(t.endsWith('\n') ? t : `${t}\n`),
  err: (t) => process.stderr.write(t.endsWith('\n') ? t : `${t}\n`),
};

export interface GlobalOptions {
  archive?: string;
  json?: boolean;
}

/** Exit codes: 0 success, 1 a user error (bad input, missing archive…), 2 a usage error. */
export const EXIT_OK = 0;
export const EXIT_USER = 1;
export const EXIT_USAGE = 2;

export class CliExit extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

export function archiveDir(opts: GlobalOptions): string {
  return opts.archive ?? process.env.TAIZHANG_ARCHIVE ?? '.';
}

export function globals(cmd: Command): GlobalOptions {
  return cmd.optsWithGlobals() as GlobalOptions;
}

/** Prints a result: JSON when asked, otherwise the command's human text. */
export function emit<T>(io: CliIO, opts: GlobalOptions, result: T, human: (r: T) => string): void {
  io.out(opts.json ? JSON.stringify(result, null, 2) : human(result));
}

function progressPrinter(io: CliIO, opts: GlobalOptions): ((p: Progress) => void) | undefined {
  if (opts.json || !process.stderr.isTTY) return undefined;
  return (p) => io.err(`  ${p.stage} ${p.done}/${p.total}${p.message ? ` ${p.message}` : ''}`);
}

/** Opens the archive, calls one method of the core API, prints and closes. */
export async function callCore<K extends MethodName>(
  io: CliIO,
  cmd: Command,
  name: K,
  args: unknown,
  human: (r: Result<K>) => string,
): Promise<Result<K>> {
  const opts = globals(cmd);
  const core = await openCore(archiveDir(opts));
  try {
    const onProgress = progressPrinter(io, opts);
    const result = await core.invoke(name, args, onProgress ? { onProgress } : {});
    emit(io, opts, result, human);
    return result;
  } finally {
    core.close();
  }
}

export async function withCore<T>(cmd: Command, fn: (core: Core) => Promise<T>): Promise<T> {
  const core = await openCore(archiveDir(globals(cmd)));
  try {
    return await fn(core);
  } finally {
    core.close();
  }
}

/** Turns any thrown value into a message and exit code, never a stack trace. */
export function reportError(io: CliIO, err: unknown, json: boolean): number {
  if (err instanceof CliExit) return err.code;
  if (err instanceof CommanderError) return err.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
  const payload = toErrorPayload(err);
  if (json) io.out(JSON.stringify({ error: payload }, null, 2));
  io.err(`错误 / Error: ${joined({ zh: payload.message, en: payload.english ?? '' })}`);
  if (payload.code === 'internal' && process.env.TAIZHANG_DEBUG && err instanceof Error && err.stack) io.err(err.stack);
  return EXIT_USER;
}

export function usageError(message: string): TaizhangError {
  return new TaizhangError('invalid_input', message);
}

/** Parses "2022-2024" or "2024". */
export function parseYearRange(text: string): [number, number] {
  const m = /^(\d{4})(?:\s*[-–~]\s*(\d{4}))?$/.exec(text.trim());
  if (!m) throw usageError(`年度范围格式应为 2022-2024 / years must look like 2022-2024：${text}`);
  const a = Number(m[1]);
  const b = Number(m[2] ?? m[1]);
  return a <= b ? [a, b] : [b, a];
}

export function parseYear(text: string): number {
  if (!/^\d{4}$/.test(text.trim())) throw usageError(`年度应为四位数字 / year must be 4 digits：${text}`);
  return Number(text);
}

export function parseIntArg(text: string): number {
  if (!/^\d+$/.test(text.trim())) throw usageError(`应为正整数 / expected a positive integer：${text}`);
  return Number(text);
}

export function splitList(text: string): string[] {
  return text
    .split(/[,，、]/)
    .map((s) => s.trim())
    .filter(Boolean);
}
