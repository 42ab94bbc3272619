import type { CheckReport } from '../../../shared/api/archive.js';
import { TaizhangError } from '../../../shared/errors.js';
import type { CallContext } from '../api/types.js';
import type { Archive } from '../store/archive.js';

export async function checkArchive(_archive: Archive, _args: { repair: boolean }, _ctx: CallContext): Promise<CheckReport> {
  throw new TaizhangError('internal', '此功能正在建设中 / not built yet');
}
