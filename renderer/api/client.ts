import type { WindowArgs, WindowMethodName, WindowResult } from '../../shared/api/app.js';
import type { ErrorCode, ErrorPayload } from '../../shared/errors.js';
import type { CallOptions, Transport } from './transport.js';

/** The typed API as the screens see it: `client['records.list']({ year })`. */
export type Client = {
  [K in WindowMethodName]: (args: WindowArgs<K>, options?: CallOptions) => Promise<WindowResult<K>>;
};

export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;
  constructor(payload: ErrorPayload) {
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

export function createClient(transport: Transport): Client {
  return new Proxy({} as Client, {
    get: (_target, name) =>
      typeof name === 'string' ? (args: unknown, options?: CallOptions) => transport.invoke(name as WindowMethodName, args ?? {}, options) : undefined,
  });
}

const CJK = /[\u3400-\u9fff]/;

/**
 * The Chinese part of a "中文 / English" message. English after a slash runs until the next Chinese character,
 * so "参数有误 / Invalid arguments：年度不合理 / year out of range" keeps both Chinese phrases.
 */
export function chineseOnly(message: string): string {
  const [head = '', ...rest] = message.split(' / ');
  let out = head;
  for (const part of rest) {
    const at = part.search(CJK);
    if (at >= 0) out += `：${part.slice(at).replace(/^[：:\s]+/, '')}`;
  }
  return out.trim() || message;
}

/** What a clerk reads when something goes wrong: Chinese, specific, never a stack trace. */
export function clerkMessage(err: unknown): string {
  if (err instanceof ApiError) {
    if (err.code === 'invalid_input') {
      const issues = (err.details?.issues as { message: string }[] | undefined) ?? [];
      if (issues.length > 0) return `填写有误：${[...new Set(issues.map((i) => chineseOnly(i.message)))].join('；')}`;
    }
    if (err.code === 'cancelled') return '已取消';
    if (err.code === 'internal') return `操作没有完成。${chineseOnly(err.message)}。请重试；如果仍不行，请联系技术支持。`;
    return chineseOnly(err.message);
  }
  if (err instanceof TypeError) return '连接不上台账后台，请确认程序仍在运行 / Cannot reach Taizhang';
  return '操作没有完成，请重试。';
}
