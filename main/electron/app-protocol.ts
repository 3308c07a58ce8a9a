import { net, protocol } from 'electron';
import { pathToFileURL } from 'node:url';
import { join, normalize, sep } from 'node:path';
import { DESKTOP_CSP } from './window-options';

export const APP_SCHEME = 'app';
export const APP_URL = `${APP_SCHEME}://push-console/index.html`;

/** Must run before the app is ready: `app://` behaves like a secure, standard origin. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** Serves the built renderer from disk under app://push-console/, with the CSP as a header. */
export function serveRenderer(rendererDir: string): void {
  const root = normalize(rendererDir);
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    const relative = decodeURIComponent(url.pathname).replace(/^\/+/, '') || 'index.html';
    const full = normalize(join(root, relative));
    if (url.host !== 'push-console' || !full.startsWith(root + sep)) {
      return new Response('Not found', { status: 404 });
    }
    const response = await net.fetch(pathToFileURL(full).toString());
    const headers = new Headers(response.headers);
    headers.set('content-security-policy', DESKTOP_CSP);
    headers.set('x-content-type-options', 'nosniff');
    return new Response(response.body, { status: response.status, headers });
  });
}
