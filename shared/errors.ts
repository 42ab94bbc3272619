/**
 * Messages for clerks, and the errors that carry them.
 *
 * The window shows Chinese only; the CLI prints the Chinese, then the English after " / ". Every message is written in
 * both languages, kept apart, so that no program ever has to guess where one ends and the other begins:
 *
 *   throw new TaizhangError('bad_file', { zh: `「${name}」是空文件（0 字节）`, en: `${name} is empty (0 bytes)` });
 *
 * How to write one:
 * - The Chinese stands on its own: it names every value (file name, code, year) the clerk needs. The English may
 *   repeat them, never carry one alone.
 * - Neither language shows an internal path, a hash, SQL, a method or field name, or a stack: file names as the
 *   clerk named them, items by code and title.
 * - Wrapping another error, use its parts: `{ zh: `未能保存：${inner.zh}`, en: `Not saved: ${inner.en}` }`
 *   (`messageOf(err)` gives the parts of anything thrown).
 * - Result fields that are text (warnings, problems, progress stages and messages) stay strings: build them with
 *   `joined({ zh, en })`, or write "中文 / English" with exactly one " / " between the languages. The window reads them
 *   through `chinese()`, the CLI prints them as they are.
 *
 * The older single-string form `new TaizhangError(code, '中文 / English')` is still accepted and split by
 * `splitMessage()`. test/lint/messages.test.ts reads every string in product code and fails on any it would split
 * wrongly (English left in the Chinese, a value only in the English, Chinese in the English).
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
  'core_restarted', // the archive service stopped (out of memory, a crash) and was restarted; the call did not finish
  'disk', // the disk is full or the archive folder is read-only; nothing was written
  'internal', // a bug; the message still avoids a stack trace
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** One message in both languages. `en` may be empty where English adds nothing. */
export interface Message {
  zh: string;
  en: string;
}

/** Where the English starts: a slash with a space after it and a Latin letter, digit or quote next. */
const SEPARATOR = /\s?\/ (?=[A-Za-z0-9"'(<[{$#.-])/;
/** Where Chinese resumes inside an English part: a full-width colon or semicolon, then a Chinese phrase. */
const CHINESE_AGAIN = /[：；]\s*(?=[\u3400-\u9fff\uf900-\ufaff（「《“【])/;

/**
 * Splits the joined form. The first part is Chinese. After each separator comes English, which may name Chinese
 * values ("secrecy must be 秘密, 机密 or blank"); Chinese resumes only after a full-width colon or semicolon:
 * "参数有误 / Invalid arguments：年度不合理 / year out of range" is
 * { zh: "参数有误：年度不合理", en: "Invalid arguments; year out of range" }. A message without a separator is all Chinese.
 */
export function splitMessage(text: string): Message {
  const [head = '', ...rest] = text.split(SEPARATOR);
  const zh: string[] = [head.replace(/[\s：:，,；;]+$/, '').trim()];
  const en: string[] = [];
  for (const part of rest) {
    const m = CHINESE_AGAIN.exec(part);
    const english = (m ? part.slice(0, m.index) : part).replace(/[\s：:，,；;]+$/, '').trim();
    if (english) en.push(english);
    if (m) zh.push(part.slice(m.index + m[0].length).trim());
  }
  return { zh: zh.filter(Boolean).join('：'), en: en.join('; ') };
}

/** The joined form the CLI prints and result fields carry: "中文 / English", or the Chinese alone. */
export function joined(message: Message): string {
  return message.en ? `${message.zh} / ${message.en}` : message.zh;
}

/** The Chinese of a joined message, for the window. */
export function chinese(text: string): string {
  return splitMessage(text).zh || text;
}

export class TaizhangError extends Error {
  readonly code: ErrorCode;
  readonly zh: string;
  readonly en: string;
  readonly details: Record<string, unknown> | undefined;
  /** `message` in both languages; a single "中文 / English" string is split. */
  constructor(code: ErrorCode, message: Message | string, details?: Record<string, unknown>) {
    const parts = typeof message === 'string' ? splitMessage(message) : message;
    super(joined(parts));
    this.name = 'TaizhangError';
    this.code = code;
    this.zh = parts.zh;
    this.en = parts.en;
    this.details = details;
  }
}

/**
 * What crosses the IPC and bridge boundary: `message` is what the window shows (Chinese), `english` its translation
 * (absent on errors the window makes itself).
 */
export interface ErrorPayload {
  code: ErrorCode;
  message: string;
  english?: string;
  details?: Record<string, unknown>;
}

/** Said whenever a write meets a folder that cannot be written. */
export const READ_ONLY_FOLDER: Message = {
  zh: '档案文件夹只读（例如写保护的U盘或只读的共享文件夹），可以查看和备份，不能修改。请把档案复制到本机可写的文件夹后再修改',
  en: 'The archive folder is read-only; it can be read and backed up, not changed',
};

/** The two languages of anything thrown: a TaizhangError's own, a busy database's, else an internal error's. */
export function messageOf(err: unknown): Message {
  return payloadParts(err).message;
}

function payloadParts(err: unknown): { code: ErrorCode; message: Message } {
  if (err instanceof TaizhangError) return { code: err.code, message: { zh: err.zh, en: err.en } };
  // Another process (the app, or a second CLI) held the write lock longer than the busy timeout: nothing was written.
  const sqliteCode = (err as { code?: unknown } | null)?.code;
  if (typeof sqliteCode === 'string' && /^SQLITE_(BUSY|LOCKED)/.test(sqliteCode)) {
    return {
      code: 'archive_busy',
      message: {
        zh: '档案正被另一个程序使用（例如正在导入），本次操作未写入，请稍后再试',
        en: 'The archive is busy in another process; nothing was written, try again',
      },
    };
  }
  // The disk, not the archive: nothing was written (every write is one transaction, files are renamed into place).
  const code = typeof sqliteCode === 'string' ? sqliteCode : '';
  const text = err instanceof Error ? err.message : '';
  if (code === 'ENOSPC' || code === 'SQLITE_FULL' || /ENOSPC|database or disk is full/.test(text)) {
    return {
      code: 'disk',
      message: { zh: '磁盘已满，本次操作未写入，档案未受影响。请清理磁盘空间后再试', en: 'The disk is full; nothing was written, try again after freeing space' },
    };
  }
  if (code === 'EROFS' || /^SQLITE_READONLY/.test(code) || /EROFS|readonly database/.test(text)) {
    return {
      code: 'disk',
      message: READ_ONLY_FOLDER,
    };
  }
  // A bug: the window says so in Chinese; the first line of the cause is only for whoever reads the CLI or the log.
  const cause = (err instanceof Error ? err.message : String(err)).split('\n')[0] ?? '';
  return { code: 'internal', message: { zh: '内部错误', en: 'Internal error: ' + cause } };
}

export function toErrorPayload(err: unknown): ErrorPayload {
  const { code, message } = payloadParts(err);
  const payload: ErrorPayload = { code, message: message.zh, english: message.en };
  if (err instanceof TaizhangError && err.details) payload.details = err.details;
  return payload;
}
