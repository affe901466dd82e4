/**
 * The nonce of this page's Content-Security-Policy (main process injects it into index.html). Every library
 * that inserts <style> elements (Emotion, the DataGrid's CSS variables) must carry it: no 'unsafe-inline'.
 */
export const CSP_NONCE: string | undefined =
  document.querySelector('meta[name="csp-nonce"]')?.getAttribute('content') ?? undefined;
