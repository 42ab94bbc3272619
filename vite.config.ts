import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = path.dirname(fileURLToPath(import.meta.url));

// The renderer: a plain browser app, served by the Electron protocol handler or by the HTTP bridge.
export default defineConfig({
  root: path.join(root, 'renderer'),
  base: './',
  plugins: [react()],
  build: {
    outDir: path.join(root, 'dist', 'renderer'),
    emptyOutDir: true,
    target: 'chrome120',
    chunkSizeWarningLimit: 1500,
    // One stylesheet and scripts as files: the strict CSP forbids inline script and style.
    assetsInlineLimit: 0,
  },
  server: { fs: { allow: [root] } },
});
