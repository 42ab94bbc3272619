// The archive service in Electron's utility process (bundled as dist/electron/core.mjs). It imports nothing of
// electron: the utility process gives it `process.parentPort`, and it serves the same protocol as the bridge's
// worker thread (electron/host/core-service.ts).
import type { CoreRequest } from '../host/core-protocol.js';
import { serveCore } from '../host/core-service.js';

interface ParentPort {
  on(event: 'message', listener: (event: { data: CoreRequest }) => void): void;
  postMessage(message: unknown): void;
}

const port = (process as unknown as { parentPort?: ParentPort }).parentPort;
if (!port) throw new Error('core-utility runs only in an Electron utility process');
serveCore({ post: (m) => port.postMessage(m), onMessage: (listener) => port.on('message', (e) => listener(e.data)) });
