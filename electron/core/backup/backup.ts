import { TaizhangError } from '../../../shared/errors.js';
import type { CallContext } from '../api/types.js';
import type { Archive } from '../store/archive.js';

export async function backupArchive(_archive: Archive, _out: string, _ctx: CallContext): Promise<{ path: string; files: number; bytes: number }> {
  throw new TaizhangError('internal', '此功能正在建设中 / not built yet');
}
