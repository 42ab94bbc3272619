import type { DesktopBridge } from '../../shared/api/app.js';
import { electronTransport } from './electron-transport.js';
import { httpTransport } from './http-transport.js';
import type { Transport } from './transport.js';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in a plain browser. */
    taizhang?: DesktopBridge;
  }
}

/** The desktop app when the preload is there, the HTTP bridge otherwise. */
export function connect(): Transport {
  return window.taizhang ? electronTransport(window.taizhang) : httpTransport();
}
