import { app, dialog, Menu, type BrowserWindow, type MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../../shared/api/app.js';
import { CHANNELS } from '../preload/channels.js';

/** The Chinese application menu. Commands go to the window, which runs them like its own buttons. */
export function buildMenu(window: () => BrowserWindow | null): Menu {
  const send = (command: MenuCommand) => () => window()?.webContents.send(CHANNELS.menu, command);
  const template: MenuItemConstructorOptions[] = [
    {
      label: '文件',
      submenu: [
        { label: '新建档案…', click: send('new-archive') },
        { label: '打开档案…', accelerator: 'CmdOrCtrl+O', click: send('open-archive') },
        { label: '关闭档案', click: send('close-archive') },
        { type: 'separator' },
        { label: '添加文件…', accelerator: 'CmdOrCtrl+N', click: send('add-files') },
        { label: '导入文件夹…', accelerator: 'CmdOrCtrl+Shift+N', click: send('import-folder') },
        { type: 'separator' },
        { label: '导出案卷…', accelerator: 'CmdOrCtrl+P', click: send('export-binder') },
        { label: '导出自查表…', accelerator: 'CmdOrCtrl+E', click: send('export-checklist') },
        { type: 'separator' },
        { label: '设置', click: send('settings') },
        { type: 'separator' },
        { label: '退出', role: 'quit', accelerator: 'CmdOrCtrl+Q' },
      ],
    },
    {
      label: '编辑',
      submenu: [
        // Ctrl+Z itself is handled by the page: in a text field it undoes typing, elsewhere the last edit.
        { label: '撤销上一次修改（Ctrl+Z）', click: send('undo') },
        { type: 'separator' },
        { label: '剪切', role: 'cut' },
        { label: '复制', role: 'copy' },
        { label: '粘贴', role: 'paste' },
        { label: '全选', role: 'selectAll' },
        { type: 'separator' },
        { label: '查找…（Ctrl+F）', click: send('find') },
      ],
    },
    {
      label: '视图',
      submenu: [
        { label: '放大', role: 'zoomIn', accelerator: 'CmdOrCtrl+=' },
        { label: '缩小', role: 'zoomOut' },
        { label: '实际大小', role: 'resetZoom' },
        { type: 'separator' },
        { label: '全屏', role: 'togglefullscreen' },
        { type: 'separator' },
        { label: '查阅模式（只读，给检查组看）', click: send('inspect-mode') },
      ],
    },
    {
      label: '帮助',
      submenu: [
        {
          label: '关于台账',
          click: () =>
            void dialog.showMessageBox({
              type: 'info',
              title: '关于台账',
              message: `台账 ${app.getVersion()}`,
              detail: '创建文明城市软件资料管理：归档、查缺、组卷、出自查表。\n全部资料保存在您选择的档案文件夹中，不联网。',
            }),
        },
      ],
    },
  ];
  return Menu.buildFromTemplate(template);
}
