import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { CONTENT_TYPES, createNonce, injectNonce, contentSecurityPolicy } from './csp';

export interface RendererResponse {
  status: number;
  body: Buffer | string;
  headers: Record<string, string>;
}

const SECURITY_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

/**
 * Serves the built renderer (Electron's app:// protocol and browser mode alike): files under `rendererDir`
 * only, index.html with a fresh CSP nonce for every other path (the app routes with the hash).
 */
export async function readRendererFile(rendererDir: string, urlPath: string): Promise<RendererResponse> {
  const root = path.resolve(rendererDir);
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0]);
  } catch {
    return { status: 400, body: 'Bad request', headers: SECURITY_HEADERS };
  }
  const file = path.resolve(root, `.${path.posix.normalize(`/${decoded}`)}`);
  if (file !== root && !file.startsWith(root + path.sep))
    return { status: 403, body: 'Forbidden', headers: SECURITY_HEADERS };

  const extension = path.extname(file);
  if (extension && extension !== '.html' && CONTENT_TYPES[extension]) {
    try {
      const body = await readFile(file);
      return {
        status: 200,
        body,
        headers: { ...SECURITY_HEADERS, 'Content-Type': CONTENT_TYPES[extension], 'Cache-Control': 'no-cache' },
      };
    } catch {
      return { status: 404, body: 'Not found', headers: SECURITY_HEADERS };
    }
  }
  const nonce = createNonce();
  const html = await readFile(path.join(root, 'index.html'), 'utf8');
  return {
    status: 200,
    body: injectNonce(html, nonce),
    headers: {
      ...SECURITY_HEADERS,
      'Content-Type': CONTENT_TYPES['.html'],
      'Content-Security-Policy': contentSecurityPolicy(nonce),
      'Cache-Control': 'no-store',
    },
  };
}
