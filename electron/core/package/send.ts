import { openAsBlob } from 'node:fs';
import type { SendResult } from '../../../shared/api/package.js';
import { TaizhangError } from '../../../shared/errors.js';

export type { SendResult } from '../../../shared/api/package.js';

const LOOPBACK = ['127.0.0.1', 'localhost', '[::1]'];

/**
 * The hub's upload endpoint for an address a clerk typed. A hub on another machine must be https: the package and
 * the token cross the office network or the 政务网.
 */
export function hubUploadUrl(hubUrl: string): URL {
  let url: URL;
  try {
    url = new URL('/api/upload', hubUrl);
  } catch {
    throw new TaizhangError('invalid_input', `汇总平台地址不对：${hubUrl} / bad hub address`);
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.includes(url.hostname))) {
    throw new TaizhangError('invalid_input', `发往其他电脑的汇总平台必须用 https 地址：${hubUrl} / use https for a hub on another machine`);
  }
  return url;
}

/**
 * Sends a written 上报包 to a 街道/区 hub with the community's upload token (`POST /api/upload`, the token in
 * `Authorization: Bearer`). The hub verifies it whole and answers with what it stored or why it refused it.
 */
export async function sendPackage(file: string, hubUrl: string, token: string, signal?: AbortSignal): Promise<SendResult> {
  const url = hubUploadUrl(hubUrl);
  let body: Blob;
  try {
    body = await openAsBlob(file);
  } catch {
    throw new TaizhangError('not_found', '找不到要发送的上报包，请重新生成 / package file not found');
  }
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
      body,
      duplex: 'half',
      ...(signal ? { signal } : {}),
    } as RequestInit);
  } catch {
    if (signal?.aborted) throw new TaizhangError('cancelled', '已取消发送，上报包仍保存在本机 / sending cancelled; the package is saved');
    throw new TaizhangError('not_found', `连不上汇总平台：${url.origin}，上报包已保存在本机，可稍后再发或用 U 盘交送 / Cannot reach the hub; the package is saved`);
  }
  const answer = (await response.json().catch(() => null)) as SendResult | null;
  if (response.status === 401) return { ok: false, problems: ['上传令牌无效，请向街道索取新的令牌 / invalid upload token'] };
  if (!answer) return { ok: false, problems: [`汇总平台的回答无法识别（HTTP ${response.status}） / unexpected answer from the hub`] };
  return { ok: answer.ok === true, problems: answer.problems ?? [], ...(answer.duplicate !== undefined ? { duplicate: answer.duplicate } : {}) };
}
