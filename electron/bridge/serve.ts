#!/usr/bin/env node
// The bridge from a terminal: `npx tsx electron/bridge/serve.ts [--archive DIR] [--port N] [--dev]`.
// Prints the address (with its token) to open in a browser. Development and tests only.
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { toErrorPayload } from '../../shared/errors.js';
import { browserShell, Session } from '../host/session.js';
import { startBridge, type DevMiddleware } from './server.js';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      archive: { type: 'string' },
      port: { type: 'string', default: '0' },
      config: { type: 'string', default: path.join(os.homedir(), '.config', 'taizhang-bridge') },
      static: { type: 'string', default: path.join(projectRoot, 'dist', 'renderer') },
      dev: { type: 'boolean', default: false },
      'inspect-mode': { type: 'boolean', default: false },
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`端口应为 0–65535 的整数 / bad port: ${values.port}`);

  const session = new Session({ configDir: path.resolve(values.config), shell: browserShell, inspectMode: values['inspect-mode'] });
  if (values.archive) await session.openArchive(values.archive);

  let devMiddleware: DevMiddleware | undefined;
  if (values.dev) {
    // Vite is a dev dependency: loaded only here, never by the packaged app.
    const vite = await import('vite');
    const dev = await vite.createServer({
      configFile: path.join(projectRoot, 'vite.config.ts'),
      server: { middlewareMode: true, hmr: false },
      appType: 'spa',
    });
    devMiddleware = dev.middlewares;
  }

  const bridge = await startBridge({ session, staticDir: values.dev ? null : path.resolve(values.static), port, ...(devMiddleware ? { devMiddleware } : {}) });
  process.stdout.write(`台账本地服务已启动（仅本机可访问） / Taizhang bridge on 127.0.0.1\n${bridge.url}\n`);

  const stop = async () => {
    await bridge.close();
    await session.dispose();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((err: unknown) => {
  console.error(`错误 / Error: ${toErrorPayload(err).message}`);
  process.exit(1);
});
