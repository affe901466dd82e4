import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** The renderer: a static bundle served by app:// in Electron and by the browser-mode server. */
export default defineConfig({
  root: 'renderer',
  base: '/',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'chrome120',
    chunkSizeWarningLimit: 4000,
    // No inline modulepreload polyfill: the CSP forbids inline script.
    modulePreload: { polyfill: false },
  },
});
