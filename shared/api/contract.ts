import { archivalMethods } from './archival.js';
import { archiveMethods } from './archive.js';
import { backupMethods } from './backup.js';
import { binderMethods } from './binder.js';
import { checklistMethods } from './checklist.js';
import { indexMethods } from './index.js';
import { integrityMethods } from './integrity.js';
import { ledgerMethods } from './ledger.js';
import { ocrMethods } from './ocr.js';
import type { InputOf, OutputOf, ParsedInputOf } from './method.js';
import { packageMethods } from './package.js';
import { recordsMethods } from './records.js';
import { searchMethods } from './search.js';
import { statusMethods } from './status.js';
import { suggestMethods } from './suggest.js';

/** The one API of Taizhang. The CLI, the tests, Electron IPC and the browser bridge all call these methods. */
export const contract = {
  ...archiveMethods,
  ...indexMethods,
  ...recordsMethods,
  ...searchMethods,
  ...statusMethods,
  ...archivalMethods,
  ...binderMethods,
  ...checklistMethods,
  ...ledgerMethods,
  ...ocrMethods,
  ...suggestMethods,
  ...backupMethods,
  ...integrityMethods,
  ...packageMethods,
} as const;

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export type Args<K extends MethodName> = InputOf<Contract[K]>;
export type ParsedArgs<K extends MethodName> = ParsedInputOf<Contract[K]>;
export type Result<K extends MethodName> = OutputOf<Contract[K]>;

/** What a client (renderer, CLI, test) sees: every method as an async function. */
export type Api = { [K in MethodName]: (args: Args<K>) => Promise<Result<K>> };

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}
