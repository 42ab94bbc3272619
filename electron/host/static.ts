import { promises as fs } from 'node:fs';
import path from 'node:path';

/** Content types of the built renderer's files. */
export const STATIC_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

/**
 * A file of the built renderer for a URL path, confined to its folder; unknown paths without an extension get
 * index.html (the app is one page). Null when there is no such file. Used by the Electron app protocol and the bridge.
 */
export async function resolveStaticFile(root: string, urlPath: string): Promise<{ file: string; type: string } | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const base = path.resolve(root);
  const file = path.resolve(base, `.${path.posix.normalize(`/${decoded.replaceAll('\\', '/')}`)}`);
  const inside = file.startsWith(base + path.sep);
  const stat = inside ? await fs.stat(file).catch(() => null) : null;
  const target = stat?.isFile() ? file : path.extname(decoded) ? null : path.join(base, 'index.html');
  if (!target) return null;
  return { file: target, type: STATIC_TYPES[path.extname(target)] ?? 'application/octet-stream' };
}
