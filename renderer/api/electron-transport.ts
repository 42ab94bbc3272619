import type { DesktopBridge, MenuCommand, WindowEvent, WindowMethodName } from '../../shared/api/app.js';
import { isLongTask } from '../../shared/api/app.js';
import { ApiError } from './client.js';
import { randomId } from './http-transport.js';
import type { CallOptions, PickedFolder, PreviewVariant, Transport } from './transport.js';

/** The desktop app: IPC through the preload's `window.taizhang`; files keep their real paths. */
export function electronTransport(bridge: DesktopBridge): Transport {
  function pathOf(file: File): string {
    const p = bridge.pathForFile(file);
    if (!p) throw new ApiError({ code: 'bad_file', message: `无法读取「${file.name}」的位置，请用"添加文件"按钮选择` });
    return p;
  }

  return {
    shell: 'electron',
    async invoke(name: WindowMethodName, args: unknown, options: CallOptions = {}): Promise<unknown> {
      const tracked = isLongTask(name) && (options.onProgress || options.signal);
      const taskId = tracked ? randomId() : undefined;
      const unsubscribe = taskId && options.onProgress
        ? bridge.onProgress((id, progress) => id === taskId && options.onProgress?.(progress))
        : () => undefined;
      const cancel = () => taskId && void bridge.cancel(taskId);
      options.signal?.addEventListener('abort', cancel, { once: true });
      try {
        const envelope = await bridge.invoke(name, args, taskId);
        if (!envelope.ok) throw new ApiError(envelope.error);
        return envelope.result;
      } finally {
        unsubscribe();
        options.signal?.removeEventListener('abort', cancel);
      }
    },
    previewUrl: (sha256: string, variant: PreviewVariant) => `taizhang-file://preview/${sha256}/${variant}`,
    stageFiles: async (files: File[]) => files.map(pathOf),
    async stageFolder(folder: PickedFolder): Promise<string> {
      if (!folder.handle) throw new ApiError({ code: 'bad_file', message: `无法读取文件夹「${folder.name}」的位置` });
      return pathOf(folder.handle);
    },
    onMenu: (listener: (command: MenuCommand) => void) => bridge.onMenu(listener),
    onEvent: (listener: (event: WindowEvent) => void) => bridge.onEvent(listener),
  };
}
