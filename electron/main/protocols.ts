import { promises as fs } from 'node:fs';
import { protocol } from 'electron';
import { previewHeaders } from '../host/preview.js';
import type { Session } from '../host/session.js';
import { resolveStaticFile } from '../host/static.js';
import { APP_SCHEME, FILE_SCHEME, PRIVILEGED_SCHEMES, appHeaders } from './security.js';

/** Must run before the app is ready: the schemes become secure, standard origins. */
export function registerSchemes(): void {
  protocol.registerSchemesAsPrivileged(PRIVILEGED_SCHEMES.map((s) => ({ scheme: s.scheme, privileges: { ...s.privileges } })));
}

function notFound(): Response {
  return new Response('找不到 / Not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
}

/**
 * taizhang://app/… serves the built renderer from its folder only; taizhang-file://preview/<sha256>/<variant>
 * serves the open archive's files through the same confinement function as the HTTP bridge.
 */
export function handleProtocols(rendererDir: string, session: Session): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== 'app' || request.method !== 'GET') return notFound();
    const found = await resolveStaticFile(rendererDir, url.pathname);
    if (!found) return notFound();
    return new Response(await fs.readFile(found.file), { headers: appHeaders(found.type) });
  });

  protocol.handle(FILE_SCHEME, async (request) => {
    // The raw request URL, not a parsed one: parsing would resolve "..", and the confinement refuses it as written.
    const prefix = `${FILE_SCHEME}://preview`;
    if (!request.url.startsWith(`${prefix}/`) || request.method !== 'GET') return notFound();
    try {
      const target = await session.preview(request.url.slice(prefix.length).split(/[?#]/)[0] ?? '');
      return new Response(await fs.readFile(target.file), { headers: previewHeaders(target.mime) });
    } catch {
      return notFound();
    }
  });
}
