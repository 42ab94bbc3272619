import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  APP_ORIGIN,
  FILE_SCHEME,
  PRIVILEGED_SCHEMES,
  WINDOW_CSP,
  appHeaders,
  externalUrlAllowed,
  isAppUrl,
  navigationAllowed,
  permissionAllowed,
  windowOptions,
} from './security.js';

const here = path.dirname(new URL(import.meta.url).pathname);
const source = (file: string) => readFileSync(path.join(here, file), 'utf8');

function directives(csp: string): Map<string, string[]> {
  return new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k as string, v]));
}

describe('Electron window security', () => {
  it('isolates the page: context isolation, sandbox, no Node, web security on', () => {
    const options = windowOptions('/app/dist/electron/preload.cjs', { width: 1366, height: 768 });
    expect(options.webPreferences).toMatchObject({
      preload: '/app/dist/electron/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      disableBlinkFeatures: 'Auxclick',
    });
    expect(options.webPreferences?.devTools).toBe(false);
  });

  it('has a strict CSP: own scripts only, no inline script, no remote content', () => {
    const d = directives(WINDOW_CSP);
    expect(d.get('default-src')).toEqual(["'none'"]);
    expect(d.get('script-src')).toEqual(["'self'"]);
    expect(d.get('style-src')).toEqual(["'self'"]);
    expect(d.get('object-src')).toEqual(["'none'"]);
    expect(d.get('base-uri')).toEqual(["'none'"]);
    expect(d.get('frame-ancestors')).toEqual(["'none'"]);
    expect(d.get('img-src')).toContain(`${FILE_SCHEME}:`);
    expect(d.get('frame-src')).toEqual([`${FILE_SCHEME}:`]);
    expect(WINDOW_CSP).not.toMatch(/unsafe-inline|unsafe-eval|https?:|\*/);
    expect(appHeaders('text/html; charset=utf-8')['Content-Security-Policy']).toBe(WINDOW_CSP);
    expect(appHeaders('text/javascript')['X-Content-Type-Options']).toBe('nosniff');
  });

  it('serves the app from its own secure scheme, never file://', () => {
    expect(APP_ORIGIN).toBe('taizhang://app');
    expect(PRIVILEGED_SCHEMES.every((s) => s.privileges.secure && s.privileges.standard)).toBe(true);
    expect(isAppUrl('taizhang://app/')).toBe(true);
    expect(isAppUrl('taizhang://other/')).toBe(false);
    expect(isAppUrl('file:///C:/Windows/')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
    expect(source('main.ts')).toContain('window.loadURL(`${APP_ORIGIN}/`)');
  });

  it('blocks navigation away from the app and opens only web links outside', () => {
    expect(navigationAllowed('taizhang://app/')).toBe(true);
    for (const url of ['https://example.com/', 'taizhang://app/other.html', 'file:///etc/passwd', 'taizhang-file://preview/x', 'javascript:alert(1)']) {
      expect(navigationAllowed(url), url).toBe(false);
    }
    expect(externalUrlAllowed('https://www.gov.cn/')).toBe(true);
    for (const url of ['file:///C:/Windows/System32/calc.exe', 'javascript:alert(1)', 'smb://host/share', 'taizhang://app/', 'https://u:p@example.com/', 'ms-msdt:/id']) {
      expect(externalUrlAllowed(url), url).toBe(false);
    }
  });

  it('refuses every permission request', () => {
    for (const p of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen', 'hid', 'serial', 'usb']) {
      expect(permissionAllowed(p), p).toBe(false);
    }
  });

  it('main.ts wires these handlers into every web contents and the session', () => {
    const main = source('main.ts');
    for (const needle of [
      'requestSingleInstanceLock()',
      "'second-instance'",
      "contents.on('will-navigate'",
      "contents.on('will-redirect'",
      "contents.on('will-attach-webview'",
      'setWindowOpenHandler',
      "return { action: 'deny' }",
      'setPermissionRequestHandler',
      'setPermissionCheckHandler',
      'new BrowserWindow(windowOptions(',
    ]) {
      expect(main, needle).toContain(needle);
    }
  });

  it('IPC answers only our own page and the preload exposes nothing but the typed bridge', () => {
    const ipc = source('ipc.ts');
    expect(ipc.match(/isAppUrl\(event\.senderFrame/g)).toHaveLength(2);
    expect(ipc).toContain('session.invoke(name, args');
    const preload = readFileSync(path.join(here, '../preload/preload.ts'), 'utf8');
    expect(preload.match(/exposeInMainWorld/g)).toHaveLength(1);
    expect(preload).toContain("exposeInMainWorld('taizhang', bridge)");
    const exposed = preload.slice(preload.indexOf('const bridge: DesktopBridge = {'), preload.indexOf('};', preload.indexOf('const bridge')));
    expect([...exposed.matchAll(/^ {2}(\w+):/gm)].map((m) => m[1])).toEqual(['invoke', 'cancel', 'onProgress', 'onMenu', 'onEvent', 'pathForFile']);
    // ipcRenderer is only ever called, never handed to the page.
    expect(exposed.replace(/ipcRenderer\.(invoke|on|removeListener)\(/g, '')).not.toContain('ipcRenderer');
    const channels = readFileSync(path.join(here, '../preload/channels.ts'), 'utf8');
    for (const [, name] of channels.matchAll(/: '([^']+)'/g)) expect(name).toMatch(/^taizhang:/);
  });
});
