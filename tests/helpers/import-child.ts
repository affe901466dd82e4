/**
 * A process that imports one file into one database and says when it starts writing, for the crash test
 * (the test kills it with SIGKILL at a random moment): `node --import tsx tests/helpers/import-child.ts DB FILE`.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { openStore } from '../../electron/core/platform/connection';
import { createContext } from '../../electron/core/platform/context';
import { analyzeImport, commitImport } from '../../electron/core/imports/imports';

const [dbFile, file] = process.argv.slice(2);
const store = openStore(dbFile);
const ctx = createContext(store);
ctx.today = () => '2024-04-10';
const analysis = await analyzeImport(ctx, [{ name: path.basename(file), bytes: readFileSync(file) }], {
  inProcess: true,
});
process.stdout.write('COMMITTING\n');
await commitImport(ctx, analysis, { replaceMonths: true, staffCode: null });
process.stdout.write('DONE\n');
await store.close();
