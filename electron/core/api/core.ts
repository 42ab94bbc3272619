import { contract, isMethodName, type Api, type MethodName, type Result } from '../../../shared/api/contract.js';
import { writesOf, type Topic } from '../../../shared/api/live.js';
import type { Progress } from '../../../shared/api/method.js';
import { TaizhangError } from '../../../shared/errors.js';
import { parseInput } from './parse-input.js';
import { archivalHandlers } from '../archival/handlers.js';
import { archiveHandlers } from '../archive/handlers.js';
import { backupHandlers } from '../backup/handlers.js';
import { binderHandlers } from '../binder/handlers.js';
import { checklistHandlers } from '../checklist/handlers.js';
import { indexHandlers } from '../index/handlers.js';
import { integrityHandlers } from '../integrity/handlers.js';
import { ledgerHandlers } from '../ledger/handlers.js';
import { ocrHandlers } from '../ocr/handlers.js';
import { packageHandlers } from '../package/handlers.js';
import { recordsHandlers } from '../records/handlers.js';
import { searchHandlers } from '../search/handlers.js';
import { statusHandlers } from '../status/handlers.js';
import { suggestHandlers } from '../suggest/handlers.js';
import { openArchive, type Archive, type OpenArchiveOptions } from '../store/archive-folder.js';
import type { CallContext, Handlers } from '../handler-types.js';

export interface Core {
  readonly archive: Archive;
  /** Validates raw arguments against the contract, then runs the handler. Used by every shell. */
  invoke<K extends MethodName>(name: K, args: unknown, ctx?: CallContext): Promise<Result<K>>;
  /** The typed API over invoke, for Node callers (CLI, tests, bench). */
  readonly api: Api;
  /**
   * Announces the topics a call wrote (shared/api/live.ts): once when it succeeds, and while a long task that writes
   * still runs (an import's records land one by one), at most every CHANGE_INTERVAL_MS.
   */
  onChange(listener: (topics: Topic[]) => void): () => void;
  close(): void;
}

export const CHANGE_INTERVAL_MS = 250;

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
    ...ocrHandlers(archive),
    ...suggestHandlers(archive),
    ...backupHandlers(archive),
    ...integrityHandlers(archive),
    ...packageHandlers(archive),
  };
}

export function createCore(archive: Archive): Core {
  const handlers = buildHandlers(archive);
  const listeners = new Set<(topics: Topic[]) => void>();
  const announce = (topics: readonly Topic[]): void => {
    for (const listener of listeners) listener([...topics]);
  };
  const invoke = async <K extends MethodName>(name: K, args: unknown, ctx: CallContext = {}): Promise<Result<K>> => {
    if (!isMethodName(name)) throw new TaizhangError('invalid_input', `未知的操作：${String(name)} / Unknown method`);
    const parsed = parseArgs(name, args);
    const handler = handlers[name] as (a: unknown, c: CallContext) => Promise<Result<K>> | Result<K>;
    const writes = writesOf(name);
    if (writes.length === 0 || listeners.size === 0) return handler(parsed, ctx);
    try {
      return await handler(parsed, withPartialChanges(ctx, () => announce(writes)));
    } finally {
      // A failed or cancelled task may have kept what it finished (records filed before the cancel).
      announce(writes);
    }
  };
  const api = new Proxy({} as Api, {
    get: (_target, prop) => (isMethodName(prop) ? (args: unknown) => invoke(prop, args ?? {}) : undefined),
  });
  const onChange = (listener: (topics: Topic[]) => void) => {
    listeners.add(listener);
    return () => void listeners.delete(listener);
  };
  return { archive, invoke, api, onChange, close: () => archive.close() };
}

/** A long task's progress means part of it landed: announce it, throttled. */
function withPartialChanges(ctx: CallContext, announce: () => void): CallContext {
  let last = 0;
  return {
    ...ctx,
    onProgress: (progress: Progress) => {
      ctx.onProgress?.(progress);
      const now = Date.now();
      if (now - last >= CHANGE_INTERVAL_MS) {
        last = now;
        announce();
      }
    },
  };
}

export async function openCore(dir: string, options: OpenArchiveOptions = {}): Promise<Core> {
  return createCore(await openArchive(dir, options));
}

export function parseArgs(name: MethodName, args: unknown): unknown {
  return parseInput(name, contract[name].input, args);
}

