// The Electron main process: one window, the session, IPC, protocols, dialogs, menu. The archive's core runs in a
// utility process (core-process.ts), so an export never stalls the window. It stays thin: everything it runs is the
// plain-Node session in electron/host, shared with the HTTP bridge.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, Menu, session as electronSession, shell } from 'electron';
import { Session } from '../host/session.js';
import { utilityCore } from './core-process.js';
import { electronShell } from './dialogs.js';
import { registerIpc } from './ipc.js';
import { buildMenu } from './menu.js';
import { handleProtocols, registerSchemes } from './protocols.js';
import { APP_ORIGIN, externalUrlAllowed, navigationAllowed, permissionAllowed, windowOptions } from './security.js';
import { loadWindowState, trackWindowState } from './window-state.js';

const here = path.dirname(fileURLToPath(import.meta.url));
// dist/electron/main.mjs → dist/renderer and dist/electron/preload.cjs
const rendererDir = path.join(here, '..', 'renderer');
const preloadPath = path.join(here, 'preload.cjs');
const coreEntry = path.join(here, 'core.mjs');

// Resources (example index, fonts): shipped beside the app when packaged, the project's resources/ from source.
process.env.TAIZHANG_RESOURCES ??= app.isPackaged ? path.join(process.resourcesPath, 'resources') : path.join(here, '..', '..', 'resources');

if (!app.requestSingleInstanceLock()) {
  // A second launch only focuses the first window (see 'second-instance').
  app.quit();
} else {
  registerSchemes();
  let window: BrowserWindow | null = null;
  const current = () => window;
  // `npm start` points this at a better-sqlite3 build for Electron's ABI; the packaged app has one already.
  const nativeBinding = process.env.TAIZHANG_SQLITE_BINDING;
  const session = new Session({
    configDir: app.getPath('userData'),
    shell: electronShell(current),
    backgroundOcr: true,
    // `npm start -- --inspect-mode` (or TAIZHANG_INSPECT_MODE=1): opens read-only for an inspection team.
    inspectMode: process.argv.includes('--inspect-mode') || process.env.TAIZHANG_INSPECT_MODE === '1',
    spawnCore: utilityCore(coreEntry),
    ...(nativeBinding ? { database: { nativeBinding } } : {}),
  });

  app.on('second-instance', () => {
    if (!window) return;
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  });

  // Every web contents, present and future: no navigation away, no new windows, no <webview>.
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (!navigationAllowed(url)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!navigationAllowed(url)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      if (externalUrlAllowed(url)) void shell.openExternal(url); // eng-disable OPEN_EXTERNAL_JS_CHECK only http(s) web pages pass externalUrlAllowed
      return { action: 'deny' };
    });
  });

  app.on('window-all-closed', () => app.quit());
  // Quitting waits for the session to close its archive, which includes the automatic backup.
  let disposed = false;
  app.on('before-quit', (event) => {
    if (disposed) return;
    event.preventDefault();
    void session.dispose().finally(() => {
      disposed = true;
      app.quit();
    });
  });

  void app.whenReady().then(async () => {
    const ses = electronSession.defaultSession;
    ses.setPermissionRequestHandler((_contents, permission, callback) => callback(permissionAllowed(permission)));
    ses.setPermissionCheckHandler((_contents, permission) => permissionAllowed(permission));
    handleProtocols(rendererDir, session);
    registerIpc(session, current);
    Menu.setApplicationMenu(buildMenu(current));

    const archiveArg = process.argv.find((a) => a.startsWith('--archive='))?.slice('--archive='.length);
    if (archiveArg) await session.openArchive(archiveArg).catch(() => undefined);

    const userData = app.getPath('userData');
    const state = loadWindowState(userData);
    // Electronegativity cannot see through windowOptions(): its options (contextIsolation, sandbox…) are in
    // security.ts and asserted by security.test.ts.
    window = new BrowserWindow(windowOptions(preloadPath, state.bounds)); // eng-disable CONTEXT_ISOLATION_JS_CHECK SANDBOX_JS_CHECK AUXCLICK_JS_CHECK
    trackWindowState(window, userData);
    window.once('ready-to-show', () => {
      if (state.maximized) window?.maximize();
      window?.show();
    });
    window.on('closed', () => {
      window = null;
    });
    await window.loadURL(`${APP_ORIGIN}/`);
  });
}
