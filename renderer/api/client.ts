import type { WindowArgs, WindowMethodName, WindowResult } from '../../shared/api/app.js';
import { chinese, type ErrorCode, type ErrorPayload } from '../../shared/errors.js';
import type { CallOptions, Transport } from './transport.js';

/** The typed API as the screens see it: `client['records.list']({ year })`. */
export type Client = {
  [K in WindowMethodName]: (args: WindowArgs<K>, options?: CallOptions) => Promise<WindowResult<K>>;
};

export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;
  constructor(payload: ErrorPayload) {
    // The window shows Chinese only; the English stays with the payload for logs.
    super(payload.message);
    this.name = 'ApiError';
    this.code = payload.code;
    this.details = payload.details;
  }
}

/** A problem found in the window before anything is sent, reported like the core's own input errors. */
export function inputError(message: string): ApiError {
  return new ApiError({ code: 'invalid_input', message });
}

export interface ClientHooks {
  /** Each method as it is called (live data records what a view reads). */
  called?(name: WindowMethodName): void;
  /** Each method once its call ended, answered or failed (live data refreshes what it wrote). */
  ended?(name: WindowMethodName): void;
}

export function createClient(transport: Transport, hooks: ClientHooks = {}): Client {
  return new Proxy({} as Client, {
    get: (_target, name) =>
      typeof name === 'string'
        ? (args: unknown, options?: CallOptions) => {
            const method = name as WindowMethodName;
            hooks.called?.(method);
            const call = transport.invoke(method, args ?? {}, options);
            return hooks.ended ? call.finally(() => hooks.ended?.(method)) : call;
          }
        : undefined,
  });
}

/** What a clerk reads when something goes wrong: Chinese, specific, never a stack trace. */
export function clerkMessage(err: unknown): string {
  if (err instanceof ApiError) {
    if (err.code === 'invalid_input') {
      const issues = (err.details?.issues as { message: string }[] | undefined) ?? [];
      if (issues.length > 0) return `填写有误：${[...new Set(issues.map((i) => chinese(i.message)))].join('；')}`;
    }
    if (err.code === 'cancelled') return '已取消';
    if (err.code === 'internal') return '操作没有完成，程序内部出错。请重试；如果仍不行，请联系技术支持。';
    return err.message;
  }
  if (err instanceof TypeError) return '连接不上台账后台，请确认程序仍在运行';
  return '操作没有完成，请重试。';
}
