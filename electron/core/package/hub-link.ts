import type { HubLink, SendResult } from '../../../shared/api/package.js';
import { TaizhangError } from '../../../shared/errors.js';
import type { CallContext } from '../handler-types.js';
import type { Archive } from '../store/archive-folder.js';
import type { Db } from '../store/database.js';
import { writeTransaction } from '../store/database.js';
import { deleteSetting, readSetting, writeSetting } from '../store/settings.js';
import { hubUploadUrl, sendPackage } from './send.js';

const URL_KEY = 'package.hubUrl';
/** The token stays in this archive's database on the clerk's PC; no method returns it. */
const TOKEN_KEY = 'package.hubToken';

export function hubLink(db: Db): HubLink {
  return { url: readSetting(db, URL_KEY) ?? null, hasToken: Boolean(readSetting(db, TOKEN_KEY)) };
}

export function setHubLink(db: Db, args: { url: string | null; token?: string | undefined }): HubLink {
  writeTransaction(db, () => {
    if (args.url === null) {
      deleteSetting(db, URL_KEY);
      deleteSetting(db, TOKEN_KEY);
      return;
    }
    writeSetting(db, URL_KEY, hubUploadUrl(args.url).origin);
    if (args.token !== undefined) writeSetting(db, TOKEN_KEY, args.token);
  });
  return hubLink(db);
}

/** package.send: the written package to the hub this archive is linked to. */
export async function sendToLinkedHub(archive: Archive, file: string, ctx: CallContext = {}): Promise<SendResult> {
  const url = readSetting(archive.db, URL_KEY);
  const token = readSetting(archive.db, TOKEN_KEY);
  if (!url || !token) {
    throw new TaizhangError('invalid_input', '还没有设置汇总平台：请先填写街道给的平台地址和上传令牌 / no hub configured');
  }
  ctx.onProgress?.({ stage: '发送到汇总平台', done: 0, total: 1 });
  const result = await sendPackage(file, url, token, ctx.signal);
  ctx.onProgress?.({ stage: '完成', done: 1, total: 1 });
  return result;
}
