import { Worker, type WorkerOptions } from 'node:worker_threads';

/** The worker entries: each built beside the bundle as `NAME.js`, and its source (from this folder) for tests and the CLI. */
const WORKER_SOURCES = {
  'import-worker': '../imports/import-worker.ts',
  'report-worker': '../exports/report-worker.ts',
  'integrity-worker': './integrity-worker.ts',
} as const;
export type WorkerEntry = keyof typeof WORKER_SOURCES;

/**
 * Starts a worker thread. The built worker sits beside the bundle; `TIERDESK_WORKER_DIR` points at the built ones
 * (the bench runs from source but measures the workers as the product runs them). From source (tests, CLI) a
 * one-line bootstrap loads the TypeScript entry through tsx (Node 20 does not apply `--import` loaders to a worker's
 * entry module). A built worker needs none of the parent's loaders (a test runner's would slow its start).
 */
export function startWorker(entry: WorkerEntry, options: WorkerOptions): Worker {
  const builtDir = process.env.TIERDESK_WORKER_DIR;
  if (builtDir) return new Worker(`${builtDir}/${entry}.js`, { ...options, execArgv: [] });
  if (!import.meta.url.endsWith('.ts'))
    return new Worker(new URL(`./${entry}.js`, import.meta.url), { ...options, execArgv: [] });
  const source = JSON.stringify(new URL(WORKER_SOURCES[entry], import.meta.url).href);
  return new Worker(
    `import('tsx/esm/api').then((tsx) => tsx.tsImport(${source}, ${JSON.stringify(import.meta.url)}))`,
    { ...options, eval: true },
  );
}
