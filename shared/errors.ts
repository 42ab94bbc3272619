/**
 * Errors a user can act on. Every entry point (CLI, IPC, bridge) shows `message` as it is, so it is written
 * for a clerk: Chinese first, English after a slash where it helps.
 */
export const ERROR_CODES = [
  'invalid_input', // arguments do not match the contract
  'not_found', // a record, item, year or file that does not exist
  'conflict', // the operation would overwrite or duplicate something
  'archive_missing', // no archive at the given folder
  'archive_newer', // database written by a newer Taizhang
  'archive_busy', // another process holds the archive
  'bad_file', // an input file that cannot be read
  'bad_table', // an index or checklist table that cannot be understood
  'cancelled', // the user cancelled a long task
  'internal', // a bug; the message still avoids a stack trace
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export class TaizhangError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;
  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'TaizhangError';
    this.code = code;
    this.details = details;
  }
}

export interface ErrorPayload {
  code: ErrorCode;
  message: string;
  details?: Record<string, unknown>;
}

export function toErrorPayload(err: unknown): ErrorPayload {
  if (err instanceof TaizhangError) {
    return err.details ? { code: err.code, message: err.message, details: err.details } : { code: err.code, message: err.message };
  }
  // Another process (the app, or a second CLI) held the write lock longer than the busy timeout: nothing was written.
  const sqliteCode = (err as { code?: unknown } | null)?.code;
  if (typeof sqliteCode === 'string' && /^SQLITE_(BUSY|LOCKED)/.test(sqliteCode)) {
    return { code: 'archive_busy', message: '档案正被另一个程序使用（例如正在导入），本次操作未写入，请稍后再试 / The archive is busy in another process; nothing was written, try again' };
  }
  const text = err instanceof Error ? err.message : String(err);
  return { code: 'internal', message: `内部错误 / Internal error: ${text.split('\n')[0]}` };
}
