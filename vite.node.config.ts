import { defineConfig } from 'vite';

/**
 * The Node side: the browser-mode server, the Electron main process, the command line and the import, report and
 * integrity-check workers (ESM), and with `--mode preload`
 * the sandboxed preload, which must be a single CommonJS file.
 */
export default defineConfig(({ mode }) => {
  const preload = mode === 'preload';
  const input: Record<string, string> = preload
    ? { preload: 'electron/preload/index.ts' }
    : {
        server: 'electron/server/index.ts',
        main: 'electron/main/index.ts',
        cli: 'electron/core/cli.ts',
        'import-worker': 'electron/core/imports/import-worker.ts',
        'report-worker': 'electron/core/exports/report-worker.ts',
        'integrity-worker': 'electron/core/platform/integrity-worker.ts',
      };
  return {
    build: {
      ssr: true,
      outDir: 'dist/node',
      emptyOutDir: !preload,
      target: 'node20',
      sourcemap: true,
      rollupOptions: {
        input,
        // Shared chunks sit beside the entries, so `new URL('./import-worker.js', import.meta.url)` finds the worker.
        output: preload
          ? { format: 'cjs', entryFileNames: '[name].cjs' }
          : { format: 'es', entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js' },
        external: ['electron'],
      },
    },
    // The preload runs in a sandbox that can require only 'electron': bundle everything else into it. Elsewhere the
    // libraries published as hundreds of small modules are bundled too: loaded file by file they cost the command
    // line a third of a second at every start.
    ssr: preload ? { noExternal: true } : { noExternal: ['kysely', 'zod'] },
  };
});
