import { utilityProcess } from 'electron';
import { ExitSignal, type CoreChannel, type CoreReply } from '../host/core-protocol.js';

/**
 * Starts the archive service in an Electron utility process (its own V8 heap and event loop, as Actual Budget
 * forks its server): the main process keeps serving the window while the core exports or imports, and survives
 * the core running out of memory. The session restarts the service when it ends (electron/host/core-client.ts).
 */
export function utilityCore(entry: string): () => CoreChannel {
  return () => {
    const child = utilityProcess.fork(entry, [], { serviceName: 'Taizhang archive service', stdio: 'inherit' });
    const exit = new ExitSignal();
    child.on('exit', (code) => exit.fire(`exit code ${code}`));
    return {
      post: (message) => {
        if (!exit.exited) child.postMessage(message);
      },
      onMessage: (listener) => child.on('message', (m: CoreReply) => listener(m)),
      onExit: (listener) => exit.listen(listener),
      kill: () => void child.kill(),
    };
  };
}
