/**
 * A damaged database (docs/architecture.md, "A damaged database"): the file is checked when it is opened (and again
 * when a call meets SQLite's word for damage); a file that fails is never written to again — the app serves only the
 * sign-in screen's status and the restore of the newest backup that passes `integrity_check`, the damaged file kept
 * aside beside it.
 */
import { existsSync, renameSync } from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/errors';
import type { BackupInfo } from '../../../shared/schemas/backups';
import type { DatabaseState } from '../../../shared/schemas/recovery';
import { readAnchorFile } from './audit-anchor';
import { backupAnchorFile } from '../platform/backup-names';
import { checkDatabaseFile, type FileCheck } from '../platform/integrity';
import { startWorker } from '../platform/start-worker';
import { backupFile, inspectBackup, listBackups, openRestored, stageRestore } from './backups';
import type { CoreContext } from '../platform/context';

/** The file's check in a worker thread (seconds on a large branch): the main thread serves reads meanwhile. */
export function checkFileInWorker(file: string, key: string | null): Promise<FileCheck> {
  return new Promise((resolve) => {
    let answered = false;
    const worker = startWorker('integrity-worker', { workerData: { file, key } });
    worker.once('message', (result: FileCheck) => {
      answered = true;
      resolve(result);
      void worker.terminate();
    });
    // A worker that fails or stops without an answer says nothing about the file: the file is checked here instead.
    worker.once('exit', () => answered || resolve(checkDatabaseFile(file, key)));
  });
}

export function damagedError(state: Extract<DatabaseState, { state: 'damaged' }>): AppError {
  return new AppError(
    'DB_CORRUPT',
    `数据库文件 ${state.file} 已损坏（完整性检查未通过），已停止使用，未作任何写入。请由管理员从最近的完好备份恢复（登录页或命令行 restore）。`,
    `The database file ${state.file} is damaged (integrity check failed); it is no longer used and nothing was written to it. Have the administrator restore the newest sound backup (on the sign-in screen, or the command line's restore).`,
    { file: state.file },
  );
}

/**
 * The newest backup that passes `integrity_check` and can be opened here (or the one named, if it does), or NOT_FOUND
 * naming why. A full check takes seconds on a large branch: the newest is tried first, and is usually the one.
 */
function soundBackup(ctx: CoreContext, fileName: string | null): { file: string; info: BackupInfo } {
  if (fileName !== null) backupFile(ctx, fileName); // a name the folder does not hold: NOT_FOUND, naming it
  const listed = listBackups(ctx);
  for (const backup of fileName === null ? listed : listed.filter((b) => b.fileName === fileName)) {
    const file = backupFile(ctx, backup.fileName);
    try {
      return { file, info: { ...backup, ...inspectBackup(file, ctx.store.key) } };
    } catch (error) {
      // Damaged, or from a newer app: the next one.
      if (!(error instanceof AppError)) throw error;
    }
  }
  throw new AppError(
    'NOT_FOUND',
    fileName === null
      ? '没有通过完整性检查的备份可以恢复；请联系技术支持。'
      : `备份 ${fileName} 未通过完整性检查，不能用于恢复。`,
    fileName === null
      ? 'No backup passes its integrity check; contact support.'
      : `The backup ${fileName} fails its integrity check and cannot be restored.`,
    { field: 'fileName' },
  );
}

/** A name beside the damaged file that nothing else uses: `tierdesk.db.damaged-20240410-090000`. */
function asideName(file: string, at: string): string {
  const stamp = at.slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
  let aside = `${file}.damaged-${stamp}`;
  for (let n = 2; existsSync(aside); n++) aside = `${file}.damaged-${stamp}-${n}`;
  return aside;
}

/**
 * Replaces a damaged database with the newest backup that passes `integrity_check` (or the one named): the backup
 * staged and checked, the damaged file (and its journals) moved aside — never deleted, never written — then the backup
 * renamed into place, opened and the restore audited in it (who, the backup, where the damaged file was kept).
 */
export function restoreOverDamaged(
  ctx: CoreContext,
  fileName: string | null,
  actor: string | null,
): BackupInfo & { damagedKeptAs: string } {
  const { file: live, key } = ctx.store;
  const { file, info } = soundBackup(ctx, fileName);
  const anchor = readAnchorFile(backupAnchorFile(file), key);
  const staging = stageRestore(file, live, key, anchor);
  const aside = asideName(live, ctx.now());
  for (const suffix of ['-wal', '-shm', '']) if (existsSync(live + suffix)) renameSync(live + suffix, aside + suffix);
  void ctx.store.close();
  openRestored(ctx, staging, file, anchor, {
    actor,
    detail: { damagedKeptAs: path.basename(aside), customers: info.customers },
  });
  return { ...info, damagedKeptAs: aside };
}
