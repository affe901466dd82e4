import { randomBytes } from 'node:crypto';

/**
 * The renderer's Content-Security-Policy, the same in Electron (app://) and browser mode. No inline script
 * and no `unsafe-inline`: Emotion's <style> tags carry the per-response nonce.
 */
export function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');
}

export function createNonce(): string {
  return randomBytes(16).toString('base64');
}

/** Placeholder in renderer/index.html replaced by the nonce when the page is served. */
export const NONCE_PLACEHOLDER = '__CSP_NONCE__';

export function injectNonce(indexHtml: string, nonce: string): string {
  return indexHtml.replaceAll(NONCE_PLACEHOLDER, nonce);
}

/** Content types of the files the renderer build contains. */
export const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
};
