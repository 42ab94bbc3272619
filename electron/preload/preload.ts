// The preload: the only bridge between the sandboxed page and the main process. It exposes the typed API as one
// invoke, the progress, menu and change events, cancellation and the path of a dropped file, and nothing else: no Node,
// no ipcRenderer, no electron objects reach the page.
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import type { CallEnvelope, DesktopBridge, MenuCommand, WindowEvent } from '../../shared/api/app.js';
import type { Progress } from '../../shared/api/method.js';
import { CHANNELS } from './channels.js';

function subscribe<A extends unknown[]>(channel: string, listener: (...args: A) => void): () => void {
  const wrapped = (_event: IpcRendererEvent, ...args: unknown[]) => listener(...(args as A));
  ipcRenderer.on(channel, wrapped);
  return () => ipcRenderer.removeListener(channel, wrapped);
}

const bridge: DesktopBridge = {
  invoke: (name: string, args: unknown, taskId?: string) => ipcRenderer.invoke(CHANNELS.invoke, name, args, taskId) as Promise<CallEnvelope>,
  cancel: (taskId: string) => ipcRenderer.invoke(CHANNELS.cancel, taskId) as Promise<boolean>,
  onProgress: (listener: (taskId: string, progress: Progress) => void) => subscribe(CHANNELS.progress, listener),
  onMenu: (listener: (command: MenuCommand) => void) => subscribe(CHANNELS.menu, listener),
  onEvent: (listener: (event: WindowEvent) => void) => subscribe(CHANNELS.event, listener),
  pathForFile: (file: File) => webUtils.getPathForFile(file),
};

contextBridge.exposeInMainWorld('taizhang', bridge);
