import { TaizhangError } from '../../../shared/errors.js';
import type { CallContext } from '../api/types.js';
import type { Archive } from '../store/archive.js';

export async function exportFolder(_archive: Archive, _args: { out: string; year?: number | undefined }, _ctx: CallContext): Promise<{ path: string; records: number; files: number }> {
  throw new TaizhangError('internal', '此功能正在建设中 / not built yet');
}
