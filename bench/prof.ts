import { readFileSync, copyFileSync, rmSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { openStore } from '../electron/core/db/connection';
import { createContext } from '../electron/core/services/context';
import { analyzeImport, commitImport } from '../electron/core/services/imports';
const t = () => performance.now();
async function main() {
  const file = process.argv[2];
  const bytes = readFileSync(file);
  const copy = '/tmp/prof/scratch.db';
  for (const x of ['', '-wal', '-shm']) rmSync(copy + x, { force: true });
  copyFileSync(process.argv[3], copy);
  const store = openStore(copy);
  if (process.env.CACHE) store.sqlite.pragma('cache_size = ' + process.env.CACHE);
  if (process.env.TEMP) store.sqlite.pragma('temp_store = ' + process.env.TEMP);
  const ctx = createContext(store);
  const s = t(); (globalThis as any).S0 = s;
  let last = '';
  const report = (ph: string, d?: number) => { const k = ph; if (k !== last) { console.log(' phase', ph, d, (t() - s).toFixed(0)); last = k; } };
  const analysis = await analyzeImport(ctx, { name: file, bytes }, {}, { signal: new AbortController().signal, report });
  console.log('analyze', (t() - s).toFixed(0));
  const c = t();
  await commitImport(ctx, analysis, { replaceMonths: true, staffCode: null }, { signal: new AbortController().signal, report });
  console.log('commit+recompute', (t() - c).toFixed(0));
}
void main();
