import { ipcMain, type BrowserWindow, type WebContents } from 'electron';
import type { CallEnvelope } from '../../shared/api/app.js';
import { TaizhangError, toErrorPayload } from '../../shared/errors.js';
import type { Session } from '../host/session.js';
import { CHANNELS } from '../preload/channels.js';
import { isAppUrl } from './security.js';

/**
 * The IPC handlers. Every call must come from our own page (its frame URL is taizhang://app/), names a method of
 * the shared contract, and is validated against its schema inside session.invoke before anything runs.
 */
export function registerIpc(session: Session, window: () => BrowserWindow | null): void {
  // Change events and notices go to the window's page, whichever archive is open.
  session.onEvent((event) => {
    const contents = window()?.webContents;
    if (contents && !contents.isDestroyed()) contents.send(CHANNELS.event, event);
  });

  ipcMain.handle(CHANNELS.invoke, async (event, name: unknown, args: unknown, taskId: unknown): Promise<CallEnvelope> => {
    try {
      if (!isAppUrl(event.senderFrame?.url ?? '')) throw new TaizhangError('invalid_input', '拒绝来自未知页面的请求 / Untrusted sender');
      if (taskId !== undefined && typeof taskId !== 'string') throw new TaizhangError('invalid_input', '任务编号无效 / Invalid task id');
      const sender: WebContents = event.sender;
      const result = await session.invoke(name, args, {
        ...(taskId ? { taskId, onProgress: (p) => !sender.isDestroyed() && sender.send(CHANNELS.progress, taskId, p) } : {}),
      });
      return { ok: true, result: result ?? null };
    } catch (err) {
      return { ok: false, error: toErrorPayload(err) };
    }
  });

  ipcMain.handle(CHANNELS.cancel, (event, taskId: unknown) => {
    if (!isAppUrl(event.senderFrame?.url ?? '') || typeof taskId !== 'string') return false;
    return session.cancel(taskId);
  });
}
