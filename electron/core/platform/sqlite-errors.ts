/**
 * SQLite's own failures — a full disk, a read-only data directory, an I/O error, a damaged file — as the app's codes
 * and words, Chinese and English, instead of SQLite's raw English. Whatever the statement was, its transaction rolled
 * back: the messages say nothing was changed.
 */
import { AppError } from '../../../shared/errors';

const FAILURES: Array<{ prefix: string; error: () => AppError }> = [
  {
    prefix: 'SQLITE_FULL',
    error: () =>
      new AppError(
        'DISK_FULL',
        '磁盘空间不足，操作未完成，数据未作改动。请清理磁盘（或把数据目录移到空间更大的磁盘）后重试。',
        'The disk is full: the operation did not complete and nothing was changed. Free some space (or move the data directory to a larger disk) and try again.',
      ),
  },
  {
    prefix: 'SQLITE_READONLY',
    error: () =>
      new AppError(
        'READ_ONLY',
        '数据目录只读（或数据库文件不可写），操作未完成，数据未作改动。请检查数据目录的权限，或换一个可写的数据目录。',
        'The data directory (or the database file) is read-only: the operation did not complete and nothing was changed. Check its permissions or use a writable data directory.',
      ),
  },
  {
    prefix: 'SQLITE_IOERR',
    error: () =>
      new AppError(
        'IO_ERROR',
        '读写数据库文件时磁盘或文件系统出错，操作未完成。请检查磁盘后重试；若仍失败，请从备份恢复。',
        'The disk or file system failed reading or writing the database: the operation did not complete. Check the disk and try again; if it keeps failing, restore a backup.',
      ),
  },
  {
    prefix: 'SQLITE_CORRUPT',
    error: () =>
      new AppError(
        'DB_CORRUPT',
        '数据库文件已损坏，操作未完成，未作任何写入。请从最近的备份恢复。',
        'The database file is damaged: the operation did not complete and nothing was written. Restore the latest backup.',
      ),
  },
  {
    prefix: 'SQLITE_NOTADB',
    error: () =>
      new AppError(
        'DB_CORRUPT',
        '数据库文件已损坏（或不是数据库），操作未完成，未作任何写入。请从最近的备份恢复。',
        'The database file is damaged (or not a database): the operation did not complete and nothing was written. Restore the latest backup.',
      ),
  },
];

/** The app's error for a failure SQLite reported (`SQLITE_FULL`, `SQLITE_IOERR_WRITE`, …), or null for anything else. */
export function databaseError(error: unknown): AppError | null {
  const code = error instanceof Error ? (error as { code?: unknown }).code : undefined;
  if (typeof code !== 'string') return null;
  return FAILURES.find((f) => code === f.prefix || code.startsWith(`${f.prefix}_`))?.error() ?? null;
}
