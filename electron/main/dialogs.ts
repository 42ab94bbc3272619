import { promises as fs } from 'node:fs';
import { dialog, shell, type BrowserWindow } from 'electron';
import type { ShellServices } from '../host/session.js';

const FILTERS = {
  records: [
    { name: '资料文件', extensions: ['pdf', 'jpg', 'jpeg', 'png', 'heic', 'heif', 'webp', 'tif', 'tiff', 'docx', 'doc', 'wps', 'xlsx', 'xls', 'et', 'txt'] },
    { name: '所有文件', extensions: ['*'] },
  ],
  index: [{ name: '测评细则表格', extensions: ['xlsx', 'xls', 'et', 'docx', 'doc', 'wps', 'csv', 'json'] }],
  checklist: [{ name: '自查表', extensions: ['xlsx'] }],
};

/** Native dialogs and the file manager, for the session's app.pickFolder / app.pickFiles / app.showFolder / app.showRecordFile. */
export function electronShell(window: () => BrowserWindow | null): ShellServices {
  return {
    kind: 'electron',
    async pickFolder({ title, forSaving }) {
      const win = window();
      const options = {
        title: title ?? (forSaving ? '选择保存位置' : '选择文件夹'),
        buttonLabel: '选择',
        properties: ['openDirectory', 'createDirectory', 'promptToCreate'] as ('openDirectory' | 'createDirectory' | 'promptToCreate')[],
      };
      const r = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      return r.canceled ? null : (r.filePaths[0] ?? null);
    },
    async pickFiles({ kind, multiple }) {
      const win = window();
      const options = {
        title: kind === 'records' ? '添加文件' : '选择表格',
        buttonLabel: '添加',
        filters: FILTERS[kind],
        properties: (multiple ? ['openFile', 'multiSelections'] : ['openFile']) as ('openFile' | 'multiSelections')[],
      };
      const r = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      return r.canceled ? [] : r.filePaths;
    },
    async showFolder(dir) {
      // Folders only: openPath on a file would run it. The session checked this too; check again at the edge.
      if (!(await fs.stat(dir)).isDirectory()) return false;
      return (await shell.openPath(dir)) === '';
    },
    async showItem(file) {
      // Only ever a view copy of a stored file: showItemInFolder opens its folder and selects it, and runs nothing.
      if (!(await fs.stat(file)).isFile()) return false;
      shell.showItemInFolder(file);
      return true;
    },
  };
}
