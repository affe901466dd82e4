import { protocol } from 'electron';
import { readRendererFile } from '../core/platform/renderer-files';

export const APP_SCHEME = 'app';
export const APP_HOST = 'tierdesk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** Must run before the app is ready: app:// behaves like a secure, standard origin (not file://). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** Serves the built renderer with the same CSP as browser mode. */
export function handleAppProtocol(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== APP_HOST) return new Response('Forbidden', { status: 403 });
    const file = await readRendererFile(rendererDir, url.pathname);
    const body = typeof file.body === 'string' ? file.body : new Uint8Array(file.body);
    return new Response(body, { status: file.status, headers: file.headers });
  });
}
