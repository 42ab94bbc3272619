import { utilityProcess } from 'electron';
import type { CoreChannel, CoreReply } from '../host/core-protocol.js';

/**
 * Starts the archive service in an Electron utility process (its own V8 heap and event loop, as Actual Budget
 * forks its server): the main process keeps serving the window while the core exports or imports, and survives
 * the core running out of memory. The session restarts the service when it ends (electron/host/core-client.ts).
 */
export function utilityCore(entry: string): () => CoreChannel {
  return () => {
    const child = utilityProcess.fork(entry, [], { serviceName: 'Taizhang archive service', stdio: 'inherit' });
    const exitListeners: ((reason: string) => void)[] = [];
    let exited = false;
    child.on('exit', (code) => {
      exited = true;
      for (const listener of exitListeners) listener(`exit code ${code}`);
    });
    return {
      post: (message) => {
        if (!exited) child.postMessage(message);
      },
      onMessage: (listener) => child.on('message', (m: CoreReply) => listener(m)),
      onExit: (listener) => exitListeners.push(listener),
      kill: () => void child.kill(),
    };
  };
}
