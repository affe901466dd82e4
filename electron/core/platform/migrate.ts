import type { Database } from 'better-sqlite3';
import { AppError } from '../../../shared/errors';
import type { Migration } from '../../../migrations';

export function readSchemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Throws SCHEMA_TOO_NEW when the file was written by a newer Tierdesk; changes nothing. */
export function assertSchemaNotNewer(version: number, latest: number, file: string): void {
  if (version > latest) {
    throw new AppError(
      'SCHEMA_TOO_NEW',
      `数据库 ${file} 由更新版本的客户分层工作台创建（结构版本 ${version}，本程序最高支持 ${latest}），请升级程序后再打开。文件未作任何改动。`,
      `The database ${file} was created by a newer Tierdesk (schema ${version}; this app supports up to ${latest}). Upgrade the app; the file was not changed.`,
      { file, version, latest },
    );
  }
}

/**
 * Applies every migration above the current version, each in its own transaction. One that rebuilds tables runs
 * with foreign keys off (they cannot be switched inside a transaction) and commits only if every reference holds.
 */
export function runMigrations(db: Database, migrations: readonly Migration[]): number {
  let version = readSchemaVersion(db);
  for (const migration of migrations) {
    if (migration.version <= version) continue;
    const foreignKeys = db.pragma('foreign_keys', { simple: true }) === 1;
    if (migration.rebuildsTables && foreignKeys) db.pragma('foreign_keys = OFF');
    try {
      db.transaction(() => {
        migration.up(db);
        if (migration.rebuildsTables && (db.pragma('foreign_key_check') as unknown[]).length > 0) {
          throw new AppError(
            'INTERNAL',
            `数据库升级（${migration.name}）后有断开的引用，已撤回`,
            `migration ${migration.name} left broken references; rolled back`,
          );
        }
        db.pragma(`user_version = ${migration.version}`);
      }).immediate();
    } finally {
      if (migration.rebuildsTables && foreignKeys) db.pragma('foreign_keys = ON');
    }
    version = migration.version;
  }
  return version;
}
