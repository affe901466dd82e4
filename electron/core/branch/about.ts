/** 设置 · 关于: the app's and the database's particulars, for whoever supports the desk. */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { version } from '../../../package.json';
import { LATEST_SCHEMA_VERSION } from '../../../migrations';
import type { About } from '../../../shared/schemas/about';
import { countAllCustomers, listAssetMonths } from '../customers/lookup';
import { listBackups } from '../trust/backups';
import { sqliteVersion } from './branch-repository';
import type { CoreContext } from '../platform/context';

export async function getAbout(ctx: CoreContext): Promise<About> {
  const { db, sqlite, file, key, schemaVersion } = ctx.store;
  const [months, customerCount] = await Promise.all([listAssetMonths(db), countAllCustomers(db)]);
  const newest = listBackups(ctx)[0];
  const encrypted = key !== null;
  return {
    version,
    dataDir: path.dirname(file),
    movable: ctx.dataLocation !== undefined && ctx.moveDataDirectory !== undefined,
    previousDataDir: ctx.dataLocation?.previous() ?? null,
    databaseFile: path.basename(file),
    databaseBytes: existsSync(file) ? statSync(file).size : null,
    encrypted,
    keyWhere: encrypted ? (ctx.keyWhere ?? null) : null,
    lastBackup: newest ? { at: newest.at, reason: newest.reason } : null,
    schemaVersion,
    latestSchemaVersion: LATEST_SCHEMA_VERSION,
    customerCount,
    months,
    versions: {
      node: process.versions.node,
      electron: process.versions.electron ?? null,
      sqlite: sqliteVersion(sqlite),
    },
  };
}
