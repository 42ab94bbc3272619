import { useCallback } from 'react';
import type { PickedFolder } from '../../api/transport.js';
import { useApp } from '../../state/app-context.js';

const ACCEPT: Record<'records' | 'index' | 'checklist', string> = {
  records: '.pdf,.jpg,.jpeg,.png,.heic,.heif,.webp,.tif,.tiff,.docx,.doc,.wps,.xlsx,.xls,.et,.txt',
  index: '.xlsx,.xls,.et,.docx,.doc,.wps,.csv,.json',
  checklist: '.xlsx',
};

/** Opens the browser's own file chooser; resolves with nothing when the clerk cancels. */
function browserChoose(options: { accept?: string; multiple: boolean; directory?: boolean }): Promise<File[]> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.multiple = options.multiple;
    if (options.accept) input.accept = options.accept;
    if (options.directory) input.webkitdirectory = true;
    input.addEventListener('change', () => resolve(Array.from(input.files ?? [])), { once: true });
    input.addEventListener('cancel', () => resolve([]), { once: true });
    input.click();
  });
}

/** Files for the core: paths from the native dialog, or uploaded copies in a browser. Null when cancelled. */
export function usePickFiles() {
  const { client, transport } = useApp();
  return useCallback(
    async (kind: 'records' | 'index' | 'checklist', multiple = true): Promise<string[] | null> => {
      if (transport.shell === 'electron') {
        const { paths } = await client['app.pickFiles']({ kind, multiple });
        return paths.length > 0 ? paths : null;
      }
      const files = await browserChoose({ accept: ACCEPT[kind], multiple });
      return files.length > 0 ? transport.stageFiles(files) : null;
    },
    [client, transport],
  );
}

/** A folder for the import review: its path from the native dialog, or an uploaded copy in a browser. */
export function usePickFolder() {
  const { client, transport } = useApp();
  return useCallback(async (): Promise<string | null> => {
    if (transport.shell === 'electron') return (await client['app.pickFolder']({ title: '选择要导入的文件夹' })).path;
    const files = await browserChoose({ multiple: true, directory: true });
    if (files.length === 0) return null;
    return transport.stageFolder(folderFromFiles(files));
  }, [client, transport]);
}

/** A folder chosen with <input webkitdirectory>: every file carries "folder/sub/name" as its relative path. */
export function folderFromFiles(files: File[]): PickedFolder {
  const name = files[0]?.webkitRelativePath.split('/')[0] || '文件夹';
  return {
    name,
    handle: null,
    entries: async () => files.map((file) => ({ file, relativePath: file.webkitRelativePath.split('/').slice(1).join('/') || file.name })),
  };
}
