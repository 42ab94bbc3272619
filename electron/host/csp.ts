/**
 * The Content-Security-Policy of the Taizhang window: only our own scripts and styles, no inline script, no
 * remote content, previews only from the confined preview source. One definition for the Electron window and the
 * HTTP bridge so that the e2e tests run the page under the same policy the desktop app enforces.
 */
export function contentSecurityPolicy(options: { previewSource: string; dev?: boolean; meta?: boolean }): string {
  const { previewSource, dev = false, meta = false } = options;
  const sources = previewSource.split(/\s+/);
  const directives: Record<string, string[]> = {
    'default-src': ["'none'"],
    // Vite's dev server injects its React refresh preamble inline; production builds have no inline script.
    'script-src': dev ? ["'self'", "'unsafe-inline'"] : ["'self'"],
    'style-src': dev ? ["'self'", "'unsafe-inline'"] : ["'self'"],
    'img-src': ["'self'", ...sources, 'data:', 'blob:'],
    'frame-src': sources,
    'font-src': ["'self'"],
    'connect-src': dev ? ["'self'", 'ws:'] : ["'self'"],
    'object-src': ["'none'"],
    'base-uri': ["'none'"],
    'form-action': ["'none'"],
    // Browsers ignore frame-ancestors in a <meta> policy (and warn), so only the header carries it.
    ...(meta ? {} : { 'frame-ancestors': ["'none'"] }),
  };
  return Object.entries(directives)
    .map(([k, v]) => `${k} ${[...new Set(v)].join(' ')}`)
    .join('; ');
}
