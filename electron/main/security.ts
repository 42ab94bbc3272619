import type { BrowserWindowConstructorOptions } from 'electron';
import { contentSecurityPolicy } from '../host/csp.js';

/**
 * The security settings of the Taizhang window in one pure module, so that a test can assert them without an
 * Electron binary. main.ts applies exactly these.
 */

/** The app itself is served from taizhang://app/ (not file://, which would expose the whole disk to the page). */
export const APP_SCHEME = 'taizhang';
export const APP_ORIGIN = `${APP_SCHEME}://app`;
/** File previews: taizhang-file://preview/<sha256>/<variant>, confined to the archive's own files. */
export const FILE_SCHEME = 'taizhang-file';

export const WINDOW_CSP = contentSecurityPolicy({ previewSource: `${FILE_SCHEME}:` });

/** Both schemes behave like https: a secure, standard origin the CSP can name; previews may stream (PDFs). */
export const PRIVILEGED_SCHEMES = [
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  { scheme: FILE_SCHEME, privileges: { standard: true, secure: true, stream: true } },
] as const;

export function windowOptions(preload: string, bounds: { x?: number; y?: number; width: number; height: number }): BrowserWindowConstructorOptions {
  return {
    ...bounds,
    minWidth: 1024,
    minHeight: 640,
    title: '台账',
    backgroundColor: '#f4f2ec',
    show: false,
    autoHideMenuBar: false,
    webPreferences: {
      preload,
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
      spellcheck: false,
      // A middle click must not open a link in a new window either.
      disableBlinkFeatures: 'Auxclick',
      safeDialogs: true,
      // The PDF viewer is Chromium's own (no third-party plugins); it shows PDF previews in an <iframe>.
      plugins: true,
      devTools: process.env.TAIZHANG_DEVTOOLS === '1',
    },
  };
}

/** The page may only ever be our own app origin. */
export function isAppUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === 'app';
  } catch {
    return false;
  }
}

/** In-window navigation: none at all. The app is one page and never leaves it. */
export function navigationAllowed(url: string): boolean {
  return isAppUrl(url) && new URL(url).pathname === '/';
}

/** Links that may open in the system browser: web pages only, never file:, javascript: or custom schemes. */
export function externalUrlAllowed(url: string): boolean {
  try {
    const u = new URL(url);
    return (u.protocol === 'https:' || u.protocol === 'http:') && u.username === '' && u.password === '';
  } catch {
    return false;
  }
}

/** Every permission (camera, notifications, geolocation, clipboard read, …) is refused: the app needs none. */
export function permissionAllowed(_permission: string): boolean {
  return false;
}

/** Response headers for the app's own pages and scripts. */
export function appHeaders(contentType: string): Record<string, string> {
  return {
    'Content-Type': contentType,
    'Content-Security-Policy': WINDOW_CSP,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
  };
}
