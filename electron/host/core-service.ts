import { toErrorPayload, TaizhangError } from '../../shared/errors.js';
import { createCore, openCore, type Core } from '../core/api/core.js';
import { initArchive } from '../core/archive/init.js';
import { runScheduledBackup } from '../core/backup/schedule.js';
import { ocrBackground, startOcrBackground, stopOcrBackground } from '../core/ocr/background.js';
import type { Progress } from '../../shared/api/method.js';
import type { CorePort, CoreRequest } from './core-protocol.js';
import { resolvePreview } from './preview.js';

/**
 * The archive service: one open archive's core, off the window's thread. It answers the requests of
 * core-protocol.ts, runs each call with its own AbortController (cancel), forwards progress and the core's change
 * events, and makes the automatic backup when the archive closes.
 */
export function serveCore(port: CorePort): void {
  let core: Core | null = null;
  let unsubscribe = (): void => undefined;
  const running = new Map<number, AbortController>();
  const reply = (id: number, run: () => Promise<unknown>): void => {
    run().then(
      (result) => port.post({ type: 'reply', id, envelope: { ok: true, result: result ?? null } }),
      (err: unknown) => port.post({ type: 'reply', id, envelope: { ok: false, error: toErrorPayload(err) } }),
    );
  };
  const requireCore = (): Core => {
    if (!core) throw new TaizhangError('archive_missing', '还没有打开档案，请先新建或打开一个档案 / No archive is open');
    return core;
  };
  const adopt = (next: Core, backgroundOcr: boolean): null => {
    core = next;
    // Pages read in the background are changes too: the window's OCR progress and search follow them.
    if (backgroundOcr) startOcrBackground(next.archive, () => port.post({ type: 'changed', topics: ['ocr'] }));
    unsubscribe = next.onChange((topics) => port.post({ type: 'changed', topics }));
    return null;
  };
  const close = async (): Promise<{ closed: boolean }> => {
    const current = core;
    if (!current) return { closed: false };
    core = null;
    unsubscribe();
    // The page being read is finished and kept; the rest is read the next time the archive is opened.
    await stopOcrBackground(current.archive).catch((err: unknown) => console.error('停止文字识别失败 / stopping OCR failed', err));
    // A failed backup must not stop the clerk from closing; the next close tries again.
    await runScheduledBackup(current.archive, 'close').catch((err: unknown) => console.error('自动备份失败 / scheduled backup failed', err));
    current.close();
    return { closed: true };
  };

  port.onMessage((message: CoreRequest) => {
    switch (message.type) {
      case 'open':
        return reply(message.id, async () => {
          await close();
          return adopt(await openCore(message.dir, message.database), message.backgroundOcr);
        });
      case 'create':
        return reply(message.id, async () => {
          await close();
          return adopt(createCore(await initArchive(message.dir, message.unit, message.database)), message.backgroundOcr);
        });
      case 'close':
        return reply(message.id, close);
      case 'preview':
        return reply(message.id, () => resolvePreview(requireCore().archive, message.path));
      case 'cancel':
        running.get(message.id)?.abort();
        return;
      case 'call': {
        const controller = new AbortController();
        running.set(message.id, controller);
        const onProgress = message.progress
          ? (progress: Progress) => port.post({ type: 'progress', id: message.id, progress })
          : undefined;
        return reply(message.id, async () => {
          try {
            const ctx = { signal: controller.signal, ...(onProgress ? { onProgress } : {}) };
            const current = requireCore();
            const result = await current.invoke(message.name as never, message.args, ctx);
            // Whatever was just filed waits for OCR; the background reading picks it up without the import waiting.
            if (message.name.startsWith('records.')) ocrBackground(current.archive)?.kick();
            return result;
          } finally {
            running.delete(message.id);
          }
        });
      }
    }
  });
}
