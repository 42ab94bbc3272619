import type { z } from 'zod';
import { contract, isMethodName, type Api, type MethodName, type Result } from '../../../shared/api/contract.js';
import { splitMessage, TaizhangError, type Message } from '../../../shared/errors.js';
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
    ...ocrHandlers(archive),
    ...suggestHandlers(archive),
    ...backupHandlers(archive),
    ...integrityHandlers(archive),
    ...packageHandlers(archive),
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
    const issues = result.error.issues.map(describeIssue);
    const shown = issues.slice(0, 5);
    throw new TaizhangError(
      'invalid_input',
      {
        zh: `填写有误：${[...new Set(shown.map((i) => i.message.zh))].join('；')}`,
        en: `Invalid arguments for ${name}: ${shown.map((i) => (i.path ? `${i.path}: ${i.message.en}` : i.message.en)).join('; ')}`,
      },
      { issues: issues.map((i) => ({ path: i.path, message: i.message.zh, english: i.message.en })) },
    );
  }
  return result.data;
}

/**
 * A schema's own message is written "中文 / English"; zod's defaults are English only and name types, so the Chinese
 * for those says what is wrong in the clerk's words, and the field path stays out of it.
 */
function describeIssue(issue: z.core.$ZodIssue): { path: string; message: Message } {
  const path = issue.path.map(String).join('.');
  if (/[\u3400-\u9fff]/.test(issue.message)) return { path, message: splitMessage(issue.message) };
  const zh: Record<string, string> = {
    invalid_type: '缺少必填内容或格式不对',
    too_small: '内容太短、太少或为空',
    too_big: '内容太长或太多',
    unrecognized_keys: '有无法识别的参数',
    invalid_value: '不是可选的值之一',
    invalid_format: '格式不对',
    not_multiple_of: '数值不对',
    invalid_union: '格式不对',
  };
  return { path, message: { zh: zh[issue.code] ?? '内容不符合要求', en: issue.message } };
}
