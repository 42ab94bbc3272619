import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ExitSignal, type CoreChannel, type CoreReply } from './core-protocol.js';

/**
 * Starts the archive service in a worker thread. From source (tsx, vitest) the worker loads core-thread.ts through
 * tsx's loader, since a worker's own entry is resolved before any --import hook runs; from a build, core-thread.js.
 */
export function threadCore(): CoreChannel {
  const here = fileURLToPath(import.meta.url);
  const fromSource = here.endsWith('.ts');
  const entry = here.replace(/spawn-thread\.(ts|js|mjs)$/, fromSource ? 'core-thread.ts' : 'core-thread.$1');
  const worker = fromSource ? new Worker(sourceBootstrap(entry), { eval: true }) : new Worker(entry);
  const exit = new ExitSignal();
  let lastError = '';
  worker.on('error', (err: Error & { code?: string }) => {
    lastError = err.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'out of memory' : err.message;
  });
  worker.on('exit', (code) => exit.fire(lastError || `exit code ${code}`));
  return {
    post: (message) => {
      if (!exit.exited) worker.postMessage(message);
    },
    onMessage: (listener) => worker.on('message', (m: CoreReply) => listener(m)),
    onExit: (listener) => exit.listen(listener),
    kill: () => void worker.terminate(),
  };
}

function sourceBootstrap(entry: string): string {
  const tsxApi = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/index\.cjs$/, 'index.mjs')).href;
  return `import(${JSON.stringify(tsxApi)}).then((tsx) => tsx.tsImport(${JSON.stringify(pathToFileURL(entry).href)}, ${JSON.stringify(pathToFileURL(entry).href)}))`;
}
