import { openAsBlob } from 'node:fs';
import { TaizhangError } from '../../../shared/errors.js';

export interface SendResult {
  ok: boolean;
  problems: string[];
  duplicate?: boolean;
}

/**
 * Sends a written 上报包 to a 街道/区 hub with the community's upload token (`POST /api/upload`, the token in
 * `Authorization: Bearer`). The hub verifies it whole and answers with what it stored or why it refused it.
 */
export async function sendPackage(file: string, hubUrl: string, token: string): Promise<SendResult> {
  let url: URL;
  try {
    url = new URL('/api/upload', hubUrl);
  } catch {
    throw new TaizhangError('invalid_input', `汇总平台地址不对：${hubUrl} / bad hub address`);
  }
  if (url.protocol !== 'https:' && !['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) {
    throw new TaizhangError('invalid_input', `发往其他电脑的汇总平台必须用 https 地址：${hubUrl} / use https for a hub on another machine`);
  }
  let response: Response;
  try {
    response = await fetch(url, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' }, body: await openAsBlob(file), duplex: 'half' } as RequestInit);
  } catch {
    throw new TaizhangError('not_found', `连不上汇总平台：${url.origin}，上报包已保存在本机，可稍后再发或用 U 盘交送 / Cannot reach the hub; the package is saved`);
  }
  const body = (await response.json().catch(() => null)) as SendResult | null;
  if (response.status === 401) return { ok: false, problems: ['上传令牌无效，请向街道索取新的令牌 / invalid upload token'] };
  if (!body) return { ok: false, problems: [`汇总平台的回答无法识别（HTTP ${response.status}） / unexpected answer from the hub`] };
  return { ok: body.ok === true, problems: body.problems ?? [], ...(body.duplicate !== undefined ? { duplicate: body.duplicate } : {}) };
}
