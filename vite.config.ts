import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { contentSecurityPolicy } from './electron/host/csp.js';

const root = path.dirname(fileURLToPath(import.meta.url));

/**
 * The built page also carries its CSP in a <meta> tag, besides the header both shells send: defence in depth, and
 * visible to static checkers. Previews may come from the Electron protocol or the bridge's own origin.
 */
function metaCsp(): Plugin {
  const policy = contentSecurityPolicy({ previewSource: "'self' taizhang-file:", meta: true });
  return {
    name: 'taizhang-meta-csp',
    apply: 'build',
    // The scanner's one remark, "'self' in script-src is risky if the origin hosts JSONP, Angular or uploads", does
    // not apply: the origin serves only this build; uploaded files are previews from another scheme (Electron) or
    // images/PDFs sent with nosniff and a sandbox CSP (bridge), which a browser never runs as script.
    transformIndexHtml: (html) =>
      html.replace(
        '<head>',
        `<head>\n    <meta http-equiv="Content-Security-Policy" content="${policy}" /><!-- eng-disable CSP_GLOBAL_CHECK -->`,
      ),
  };
}

// The renderer: a plain browser app, served by the Electron protocol handler or by the HTTP bridge.
export default defineConfig({
  root: path.join(root, 'renderer'),
  base: './',
  plugins: [react(), metaCsp()],
  build: {
    outDir: path.join(root, 'dist', 'renderer'),
    emptyOutDir: true,
    target: 'chrome120',
    chunkSizeWarningLimit: 1500,
    // Scripts and styles as files: the strict CSP forbids inline ones.
    assetsInlineLimit: 0,
  },
  server: { fs: { allow: [root] } },
});
