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
  const text = err instanceof Error ? err.message : String(err);
  return { code: 'internal', message: `内部错误 / Internal error: ${text.split('\n')[0]}` };
}
