#!/usr/bin/env node
// `npm run build`: the renderer with Vite (dist/renderer) and the Electron main process and preload with esbuild
// (dist/electron/main.mjs, dist/electron/core.mjs, dist/electron/preload.cjs). The HTTP bridge is not part of the build.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { copyFile, mkdir } from 'node:fs/promises';
import { build as esbuild } from 'esbuild';
import { build as vite } from 'vite';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export async function buildAll({ quiet = false } = {}) {
  await vite({ configFile: path.join(root, 'vite.config.ts'), logLevel: quiet ? 'warn' : 'info' });
  const common = { bundle: true, platform: 'node', target: 'node20', sourcemap: true, logLevel: quiet ? 'warning' : 'info', absWorkingDir: root };
  await Promise.all([
    // Dependencies stay in node_modules (native modules, pdf.js workers and fonts are found there at run time).
    esbuild({ ...common, entryPoints: ['electron/main/main.ts'], outfile: 'dist/electron/main.mjs', format: 'esm', packages: 'external' }),
    // The archive service, forked by the main process as a utility process (electron/main/core-process.ts).
    esbuild({ ...common, entryPoints: ['electron/main/core-utility.ts'], outfile: 'dist/electron/core.mjs', format: 'esm', packages: 'external' }),
    // A sandboxed preload must be one CommonJS file that requires nothing but electron.
    esbuild({ ...common, entryPoints: ['electron/preload/preload.ts'], outfile: 'dist/electron/preload.cjs', format: 'cjs', external: ['electron'] }),
  ]);
  // The OCR engine's worker thread starts from its own file beside the bundle (electron/core/ocr/engine.ts finds it).
  await mkdir(path.join(root, 'dist/electron'), { recursive: true });
  await copyFile(path.join(root, 'electron/core/ocr/engine-worker.mjs'), path.join(root, 'dist/electron/ocr-engine-worker.mjs'));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildAll();
}
