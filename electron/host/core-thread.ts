// The archive service in a worker thread (the bridge, the tests, the bench). See spawn-thread.ts.
import { parentPort } from 'node:worker_threads';
import type { CoreRequest } from './core-protocol.js';
import { serveCore } from './core-service.js';

const port = parentPort;
if (!port) throw new Error('core-thread.ts runs only as a worker thread');
serveCore({ post: (m) => port.postMessage(m), onMessage: (listener) => port.on('message', (m: CoreRequest) => listener(m)) });
