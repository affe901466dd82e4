import BetterSqlite3 from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import path from 'node:path';
import { backupDir, backupFileName } from './backup-names';
import { AppError } from '../../../shared/errors';
import { LATEST_SCHEMA_VERSION, migrations } from '../../../migrations';
import { assertSchemaNotNewer, readSchemaVersion, runMigrations } from './migrate';
import type { DB } from './schema';

export interface Store {
  /** The raw connection, for bulk prepared statements and pragmas. */
  sqlite: Database;
  /** Typed queries. */
  db: Kysely<DB>;
  /** The database file (`:memory:` for tests). */
  file: string;
  schemaVersion: number;
  close(): Promise<void>;
}

const SQLITE_NOT_A_DATABASE = new Set(['SQLITE_NOTADB', 'SQLITE_CORRUPT']);

function isSqliteError(error: unknown): error is Error & { code: string } {
  return error instanceof Error && typeof (error as { code?: unknown }).code === 'string';
}

/** A whole copy of a database about to be migrated, in its backups folder (`VACUUM INTO`: consistent, synchronous). */
function backUpBeforeMigrating(sqlite: Database, file: string): void {
  const dir = backupDir(file);
  mkdirSync(dir, { recursive: true });
  const target = path.join(dir, backupFileName(new Date(), 'migration'));
  sqlite.prepare('VACUUM INTO ?').run(`${target}.part`);
  renameSync(`${target}.part`, target);
}

/**
 * Opens (or creates) the branch database, refusing a corrupt file or one from a newer app before anything
 * is written to it, then sets the pragmas of DESIGN.md and applies pending migrations.
 */
export function openStore(file: string): Store {
  const isNewFile = file === ':memory:' || !existsSync(file);
  const sqlite = new BetterSqlite3(file, { fileMustExist: !isNewFile });
  try {
    const version = readSchemaVersion(sqlite);
    assertSchemaNotNewer(version, LATEST_SCHEMA_VERSION, file);
  } catch (error) {
    sqlite.close();
    if (isSqliteError(error) && SQLITE_NOT_A_DATABASE.has(error.code)) {
      throw new AppError(
        'DB_CORRUPT',
        `文件 ${file} 不是有效的数据库或已损坏，无法打开。文件未作任何改动；请从备份恢复或换一个数据目录。`,
        `${file} is not a valid database or is damaged. It was not changed; restore a backup or use another data directory.`,
        { file },
      );
    }
    throw error;
  }
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // Temporary tables (an import's staged rows) in memory: they never reach the disk, where personal data is not kept.
  sqlite.pragma('temp_store = MEMORY');
  if (!isNewFile && readSchemaVersion(sqlite) < LATEST_SCHEMA_VERSION) backUpBeforeMigrating(sqlite, file);
  const schemaVersion = runMigrations(sqlite, migrations);
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) });
  return {
    sqlite,
    db,
    file,
    schemaVersion,
    close: async () => {
      await db.destroy();
      // Kysely closes the connection only if it ever used it.
      if (sqlite.open) sqlite.close();
    },
  };
}
