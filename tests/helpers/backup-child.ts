/**
 * A process that backs up or restores one database and says when it starts, for the crash tests (the test kills it
 * with SIGKILL at a moment of its choosing): `node --import tsx tests/helpers/backup-child.ts backup|restore DB [BACKUP]`.
 */
import { openStore } from '../../electron/core/platform/connection';
import { createContext } from '../../electron/core/platform/context';
import { createBackup, restoreBackup } from '../../electron/core/trust/backups';

const [what, dbFile, backup] = process.argv.slice(2);
const ctx = createContext(openStore(dbFile));
process.stdout.write('STARTED\n');
if (what === 'backup') await createBackup(ctx, 'manual');
else await restoreBackup(ctx, backup, null);
process.stdout.write('DONE\n');
await ctx.store.close();
