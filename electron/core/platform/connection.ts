import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import type { Database } from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { closeSync, existsSync, mkdirSync, openSync, readSync, renameSync } from 'node:fs';
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
  /** The encryption key (64 hex digits), or null for a plaintext database. Backups are opened with it. */
  key: string | null;
  schemaVersion: number;
  close(): Promise<void>;
}

const SQLITE_NOT_A_DATABASE = new Set(['SQLITE_NOTADB', 'SQLITE_CORRUPT']);

function isSqliteError(error: unknown): error is Error & { code: string } {
  return error instanceof Error && typeof (error as { code?: unknown }).code === 'string';
}

const KEY = /^[0-9a-f]{64}$/;

/** A key goes into a pragma: only 64 hex digits pass. */
function assertKey(key: string): void {
  if (!KEY.test(key)) throw new AppError('INTERNAL', '数据库密钥格式不正确', 'The database key is malformed');
}
const PLAIN_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/** A connection to a database file, unlocked with `key` when given (SQLite3 Multiple Ciphers, its default cipher). */
export function openDatabaseFile(file: string, key: string | null, options: BetterSqlite3.Options = {}): Database {
  if (key !== null) assertKey(key);
  const sqlite = new BetterSqlite3(file, options);
  if (key !== null) sqlite.pragma(`hexkey='${key}'`);
  return sqlite;
}

/** Encrypts an open plaintext database under `key`, page by page, in place (it is left in rollback-journal mode). */
export function encryptInPlace(sqlite: Database, key: string): void {
  assertKey(key);
  // Rekeying needs a rollback journal (openStore returns the database to WAL).
  sqlite.pragma('journal_mode = DELETE');
  sqlite.pragma(`hexrekey='${key}'`);
}

/** A database file still in plaintext (its first bytes are SQLite's header). */
export function isPlaintext(file: string): boolean {
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(PLAIN_HEADER.length);
    return readSync(fd, head, 0, head.length, 0) === head.length && head.equals(PLAIN_HEADER);
  } finally {
    closeSync(fd);
  }
}

/**
 * A whole copy of a database about to change for good — migrated to a new schema, or encrypted — in its backups
 * folder, made on this connection before it changes (`VACUUM INTO`: consistent and synchronous; a plaintext database
 * gives a plaintext copy, an encrypted one a copy under the same key).
 */
function backUpBeforeChanging(sqlite: Database, file: string): void {
  const dir = backupDir(file);
  mkdirSync(dir, { recursive: true });
  const target = path.join(dir, backupFileName(new Date(), 'migration'));
  sqlite.prepare('VACUUM INTO ?').run(`${target}.part`);
  renameSync(`${target}.part`, target);
}

/**
 * Opens (or creates) the branch database, refusing a corrupt file or one from a newer app before anything
 * is written to it, then sets the pragmas of docs/architecture.md ("Data") and applies pending migrations.
 */
export function openStore(file: string, key: string | null = null): Store {
  const isNewFile = file === ':memory:' || !existsSync(file);
  // A plaintext database given a key is encrypted in one step, after a backup (`encryptInPlace`).
  const encrypting = key !== null && !isNewFile && isPlaintext(file);
  const sqlite = openDatabaseFile(file, encrypting ? null : key, { fileMustExist: !isNewFile });
  try {
    const version = readSchemaVersion(sqlite);
    assertSchemaNotNewer(version, LATEST_SCHEMA_VERSION, file);
  } catch (error) {
    sqlite.close();
    if (isSqliteError(error) && SQLITE_NOT_A_DATABASE.has(error.code)) {
      throw new AppError(
        'DB_CORRUPT',
        `文件 ${file} 无法打开：不是有效的数据库、已损坏，或已加密而密钥不对。文件未作任何改动；请从备份恢复或换一个数据目录。`,
        `${file} cannot be opened: not a valid database, damaged, or encrypted under another key. It was not changed; restore a backup or use another data directory.`,
        { file },
      );
    }
    throw error;
  }
  if (encrypting) {
    backUpBeforeChanging(sqlite, file);
    encryptInPlace(sqlite, key);
  }
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // Temporary tables (an import's staged rows) in memory: they never reach the disk, where personal data is not kept.
  sqlite.pragma('temp_store = MEMORY');
  if (!encrypting && !isNewFile && readSchemaVersion(sqlite) < LATEST_SCHEMA_VERSION)
    backUpBeforeChanging(sqlite, file);
  return storeOf(sqlite, file, key, runMigrations(sqlite, migrations));
}

function storeOf(sqlite: Database, file: string, key: string | null, schemaVersion: number): Store {
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) });
  return {
    sqlite,
    db,
    file,
    key,
    schemaVersion,
    close: async () => {
      await db.destroy();
      // Kysely closes the connection only if it ever used it.
      if (sqlite.open) sqlite.close();
    },
  };
}

/** A connection counts as one of the journal's readers only once it has read through it: read SQLite's own schema. */
export function readThroughJournal(db: Database): void {
  db.prepare('SELECT count(*) FROM sqlite_schema').get();
}

/**
 * The database opened only to read (the command line's questions: rules, tiers, reports), nothing written and
 * nothing checked first — SQLite reports any damaged page it meets — or null when it must be opened to write first:
 * not encrypted yet, or a migration due.
 */
export function openStoreToRead(file: string, key: string | null): Store | null {
  if (key === null || isPlaintext(file)) return null;
  const sqlite = openDatabaseFile(file, key, { readonly: true, fileMustExist: true });
  try {
    const schemaVersion = readSchemaVersion(sqlite);
    assertSchemaNotNewer(schemaVersion, LATEST_SCHEMA_VERSION, file);
    if (schemaVersion < LATEST_SCHEMA_VERSION) {
      sqlite.close();
      return null;
    }
    sqlite.pragma('busy_timeout = 5000');
    return storeOf(sqlite, file, key, schemaVersion);
  } catch (error) {
    if (sqlite.open) sqlite.close();
    // Not readable as a database (damaged, another key): the full open says so in the app's words.
    if (isSqliteError(error) && SQLITE_NOT_A_DATABASE.has(error.code)) return null;
    throw error;
  }
}

/**
 * An empty stand-in for a database file not to be used — damaged, or not created yet (the first run): it keeps the
 * file's name and key (for backups, a restore, the file's creation) and holds nothing, so nothing reads or writes the
 * file; dispatch serves only recovery or the first run while it is in place.
 */
export function standInStore(file: string, key: string | null): Store {
  return { ...openStore(':memory:'), file, key };
}

/**
 * Closes the database cleanly: the journal copied into the file and emptied first, so the file alone holds everything
 * (the data directory is about to be copied). Refused when SQLite could not copy all of it.
 */
export async function checkpointAndClose(store: Store): Promise<void> {
  const [result] = store.sqlite.pragma('wal_checkpoint(TRUNCATE)') as Array<{ busy: number; log: number }>;
  await store.close();
  if (result && (result.busy !== 0 || result.log > 0))
    throw new AppError(
      'CONFLICT',
      '数据库正被其他程序使用，未能完整关闭；请关闭命令行等其他程序后重试。',
      'The database is in use elsewhere and could not be closed cleanly; close the command line and other programs, then try again.',
    );
}
