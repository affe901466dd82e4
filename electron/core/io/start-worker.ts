import { Worker, type WorkerOptions } from 'node:worker_threads';

/** The worker entries (each built beside the bundle as `NAME.js`). */
export type WorkerEntry = 'import-worker' | 'report-worker' | 'integrity-worker';

/**
 * Starts a worker thread. The built worker sits beside the bundle; `TIERDESK_WORKER_DIR` points at the built ones
 * (the bench runs from source but measures the workers as the product runs them). From source (tests, CLI) a
 * one-line bootstrap loads the TypeScript entry through tsx (Node 20 does not apply `--import` loaders to a worker's
 * entry module). A built worker needs none of the parent's loaders (a test runner's would slow its start).
 */
export function startWorker(entry: WorkerEntry, options: WorkerOptions): Worker {
  const builtDir = process.env.TIERDESK_WORKER_DIR;
  if (builtDir) return new Worker(`${builtDir}/${entry}.js`, { ...options, execArgv: [] });
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL(`./${entry}.js`, import.meta.url), { ...options, execArgv: [] });
  const source = JSON.stringify(new URL(`./${entry}.ts`, import.meta.url).href);
  return new Worker(`import('tsx/esm/api').then((tsx) => tsx.tsImport(${source}, ${JSON.stringify(import.meta.url)}))`, { ...options, eval: true });
}
