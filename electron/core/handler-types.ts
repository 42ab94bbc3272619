import type { MethodName, ParsedArgs, Result } from '../../shared/api/contract.js';
import type { Progress } from '../../shared/api/method.js';
import type { Archive } from './store/archive-folder.js';

/** What a long task receives besides its arguments. */
export interface CallContext {
  onProgress?: (progress: Progress) => void;
  signal?: AbortSignal;
}

export type Handler<K extends MethodName> = (args: ParsedArgs<K>, ctx: CallContext) => Promise<Result<K>> | Result<K>;
export type Handlers = { [K in MethodName]: Handler<K> };

/** Each domain contributes the handlers it owns, built over one open archive. */
export type DomainHandlers<K extends MethodName> = (archive: Archive) => { [P in K]: Handler<P> };
