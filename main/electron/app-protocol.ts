import { readFile } from 'node:fs/promises';
import { protocol } from 'electron';
import { buildCsp } from '../../shared/security/csp';
import { mimeTypeFor, resolveInsideRoot } from '../services/static-path';
import { APP_HOST, APP_SCHEME } from './app-origin';

/** Must run before `app.whenReady()`: makes `app://` a standard, secure scheme with a stable origin. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, corsEnabled: false },
    },
  ]);
}

/**
 * Serves the built renderer from `rendererDir` on `app://huifang/…` with a strict CSP.
 * Requests for another host or outside the folder get 404.
 */
export function handleAppProtocol(rendererDir: string, connectSrc: () => readonly string[]): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    const file = url.host === APP_HOST ? resolveInsideRoot(rendererDir, url.pathname) : null;
    if (!file) return new Response('Not found', { status: 404 });
    try {
      const body = await readFile(file);
      return new Response(body, {
        status: 200,
        headers: {
          'content-type': mimeTypeFor(file),
          'content-security-policy': buildCsp(connectSrc()),
          'x-content-type-options': 'nosniff',
        },
      });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  });
}
