import type { z } from 'zod';
import { contract, isMethodName, type Api, type MethodName, type Result } from '../../../shared/api/contract.js';
import { TaizhangError } from '../../../shared/errors.js';
import { archivalHandlers } from '../archival/handlers.js';
import { archiveHandlers } from '../archive/handlers.js';
import { backupHandlers } from '../backup/handlers.js';
import { binderHandlers } from '../binder/handlers.js';
import { checklistHandlers } from '../checklist/handlers.js';
import { indexHandlers } from '../index/handlers.js';
import { integrityHandlers } from '../integrity/handlers.js';
import { ledgerHandlers } from '../ledger/handlers.js';
import { recordsHandlers } from '../records/handlers.js';
import { searchHandlers } from '../search/handlers.js';
import { statusHandlers } from '../status/handlers.js';
import { openArchive, type Archive, type OpenArchiveOptions } from '../store/archive-folder.js';
import type { CallContext, Handlers } from '../handler-types.js';

export interface Core {
  readonly archive: Archive;
  /** Validates raw arguments against the contract, then runs the handler. Used by every shell. */
  invoke<K extends MethodName>(name: K, args: unknown, ctx?: CallContext): Promise<Result<K>>;
  /** The typed API over invoke, for Node callers (CLI, tests, bench). */
  readonly api: Api;
  close(): void;
}

export function buildHandlers(archive: Archive): Handlers {
  return {
    ...archiveHandlers(archive),
    ...indexHandlers(archive),
    ...recordsHandlers(archive),
    ...searchHandlers(archive),
    ...statusHandlers(archive),
    ...archivalHandlers(archive),
    ...binderHandlers(archive),
    ...checklistHandlers(archive),
    ...ledgerHandlers(archive),
    ...backupHandlers(archive),
    ...integrityHandlers(archive),
  };
}

export function createCore(archive: Archive): Core {
  const handlers = buildHandlers(archive);
  const invoke = async <K extends MethodName>(name: K, args: unknown, ctx: CallContext = {}): Promise<Result<K>> => {
    if (!isMethodName(name)) throw new TaizhangError('invalid_input', `未知的操作：${String(name)} / Unknown method`);
    const parsed = parseArgs(name, args);
    const handler = handlers[name] as (a: unknown, c: CallContext) => Promise<Result<K>> | Result<K>;
    return handler(parsed, ctx);
  };
  const api = new Proxy({} as Api, {
    get: (_target, prop) => (isMethodName(prop) ? (args: unknown) => invoke(prop, args ?? {}) : undefined),
  });
  return { archive, invoke, api, close: () => archive.close() };
}

export async function openCore(dir: string, options: OpenArchiveOptions = {}): Promise<Core> {
  return createCore(await openArchive(dir, options));
}

export function parseArgs(name: MethodName, args: unknown): unknown {
  return parseInput(name, contract[name].input, args);
}

/** Validates arguments against a method's schema (also used by the shells for their session methods). */
export function parseInput(name: string, schema: z.ZodType, args: unknown): unknown {
  const result = schema.safeParse(args ?? {});
  if (!result.success) {
    throw new TaizhangError('invalid_input', `参数有误 / Invalid arguments for ${name}：${describeIssues(result.error)}`, {
      issues: result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    });
  }
  return result.data;
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => (i.path.length > 0 ? `${i.path.join('.')}：${i.message}` : i.message))
    .join('；');
}
