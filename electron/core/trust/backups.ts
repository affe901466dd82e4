/**
 * Backups: the live database checkpointed and copied byte for byte to a `.part` file (an encrypted database
 * gives a copy under the same key), checked, then renamed into place — a backup on disk is always whole. Daily ones are kept (the last 14 by default), one is made
 * before every import and migration, any can be made on demand, and a restore shows what a backup holds before it
 * replaces the live database (by rename: a restore cut short leaves the live database as it was). Beside each backup,
 * its audit anchor (`<backup>.anchor`): where its audit log ended, so entries removed from a backup show too.
 */
import type { Database } from 'better-sqlite3';
import {
  closeSync,
  copyFileSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import path from 'node:path';
import { LATEST_SCHEMA_VERSION } from '../../../migrations';
import { AppError } from '../../../shared/errors';
import type { BackupInfo, BackupReason } from '../../../shared/schemas/backups';
import { m0011AuditChain } from '../../../migrations/0011-audit-chain';
import {
  auditAnchorFile,
  compareAuditTail,
  currentAuditHead,
  readAnchorFile,
  reanchorAuditLog,
  syncAuditAnchor,
  writeAnchorFile,
  type AnchorReading,
} from './audit-anchor';
import { openDatabaseFile, openStore } from '../platform/connection';
import { BACKUP_NAME, backupAnchorFile, backupDir, backupFileName } from '../platform/backup-names';
import { firstBrokenAudit } from './audit-repository';
import { appendAudit } from '../platform/audit-log';
import { readBackupSummary } from './backups-repository';
import type { CoreContext } from '../platform/context';

/** Daily backups kept. */
export const DAILY_BACKUPS_KEPT = 14;

function fsyncFile(file: string): void {
  const fd = openSync(file, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

type BackupContents = Omit<BackupInfo, 'fileName' | 'reason' | 'at' | 'bytes'>;

/** A backup's audit log: its chain walked, its end compared with its anchor (when it has one). */
function checkBackupAudit(db: Database, anchor: AnchorReading): BackupContents['audit'] {
  const firstBrokenId = firstBrokenAudit(db)?.id ?? null;
  if (anchor.state === 'valid') return { firstBrokenId, tail: compareAuditTail(db, anchor.anchor) };
  return anchor.state === 'invalid' ? { firstBrokenId, tail: { state: 'anchorInvalid' } } : { firstBrokenId };
}

/**
 * What a backup file holds, read without changing it: refused (the live database untouched) when it is not a
 * database, fails the integrity check, or comes from a newer app. Its audit log is checked against `anchor` (by
 * default the one saved beside it) and the result said, not refused: the user decides.
 */
export function inspectBackup(
  file: string,
  key: string | null,
  check: 'integrity' | 'quick' = 'integrity',
  anchor: AnchorReading = readAnchorFile(backupAnchorFile(file), key),
): BackupContents {
  let db: Database | null = null;
  try {
    db = openDatabaseFile(file, key, { readonly: true, fileMustExist: true });
    const result = db.pragma(`${check}_check`, { simple: true });
    if (result !== 'ok') throw new Error(String(result));
    const schemaVersion = db.pragma('user_version', { simple: true }) as number;
    if (schemaVersion > LATEST_SCHEMA_VERSION) {
      throw new AppError(
        'SCHEMA_TOO_NEW',
        `备份 ${path.basename(file)} 来自更新版本的程序（结构版本 ${schemaVersion}），无法恢复`,
        `The backup is from a newer app (schema ${schemaVersion})`,
      );
    }
    return {
      schemaVersion,
      ...readBackupSummary(db),
      ...(schemaVersion >= m0011AuditChain.version ? { audit: checkBackupAudit(db, anchor) } : {}),
    };
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError(
      'DB_CORRUPT',
      `${path.basename(file)} 不是有效的备份（无法读取、校验失败，或加密密钥不符），未作任何恢复`,
      `${path.basename(file)} is not a valid backup (unreadable, failing its check, or under another key); nothing was restored`,
      { file: path.basename(file) },
    );
  } finally {
    db?.close();
  }
}

/** SQLite's word that a file is damaged (or not a database at all). */
function isCorruptionError(error: unknown): boolean {
  const code = error instanceof Error ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' && (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB');
}

/** The live database's own quick check (a backup failed: was it the source?). */
function liveDatabaseFailsCheck(sqlite: Database): boolean {
  try {
    return sqlite.pragma('quick_check', { simple: true }) !== 'ok';
  } catch (error) {
    if (isCorruptionError(error)) return true;
    throw error;
  }
}

/**
 * Why a backup failed, in words about the backup: the live database damaged (its copy is byte for byte, so a copy
 * failing its check is the source's damage unless the source passes), the copy damaged on its way to the disk, or
 * the target not writable.
 */
function backupFailure(ctx: CoreContext, file: string, error: unknown): AppError {
  const { store } = ctx;
  const copyFailedCheck = error instanceof AppError && error.code === 'DB_CORRUPT';
  if (isCorruptionError(error) || (copyFailedCheck && liveDatabaseFailsCheck(store.sqlite))) {
    // The live file itself: once a full check agrees, the app serves only the recovery (a daily backup finds it too).
    ctx.database.suspect();
    return new AppError(
      'DB_CORRUPT',
      `数据库文件已损坏（完整性检查未通过），无法备份：${store.file}。未留下任何备份文件；请联系管理员。`,
      `The database file is damaged (integrity check failed) and cannot be backed up: ${store.file}. No backup file was left; contact the administrator.`,
      { file: path.basename(store.file) },
    );
  }
  if (copyFailedCheck) {
    return new AppError(
      'DB_CORRUPT',
      `备份副本 ${file} 未通过完整性检查（写入的磁盘可能有问题），已删除；数据库本身完好，请换一个位置再备份。`,
      `The backup copy ${file} failed its integrity check (the disk written to may be faulty) and was removed; the database itself is sound. Back up to another place.`,
      { file: path.basename(file) },
    );
  }
  if (error instanceof AppError) return error;
  const why = error instanceof Error ? error.message : String(error);
  return new AppError('VALIDATION', `无法写入备份 ${file}：${why}`, `Cannot write the backup ${file}: ${why}`, {
    field: 'target',
  });
}

/**
 * Backs the live database up to `target` (default: the backups folder, named by time and reason): its journal
 * checkpointed into the file, the file copied (nothing writes meanwhile: one connection, and this runs without
 * yielding), the copy made a single file, `quick_check`ed (the full check reads every index: a restore runs it), its
 * audit anchor (the log's head at the copy) saved beside it, then renamed. Nothing is left but a whole, checked
 * backup; a damaged live database is said to be so.
 */
export async function createBackup(
  ctx: CoreContext,
  reason: BackupReason,
  target?: string,
  staffCode: string | null = null,
): Promise<BackupInfo> {
  const at = new Date(ctx.now());
  const file = target ?? path.join(backupDir(ctx.store.file), backupFileName(at, reason));
  mkdirSync(path.dirname(file), { recursive: true });
  const part = `${file}.part`;
  // Written just before the rename: removed if the backup never lands (a same-named older backup keeps its own).
  let anchorWithoutBackup = false;
  try {
    const { sqlite, key } = ctx.store;
    const [checkpoint] = sqlite.pragma('wal_checkpoint(TRUNCATE)') as Array<{ busy: number }>;
    if (checkpoint.busy !== 0) throw new Error('数据库正忙，请稍后再备份 / the database is busy');
    const head = currentAuditHead(sqlite);
    copyFileSync(ctx.store.file, part);
    // A copy of a WAL database is in WAL mode: a single self-contained file is what a backup should be.
    const copy = openDatabaseFile(part, key);
    copy.pragma('journal_mode = DELETE');
    copy.close();
    const inside = inspectBackup(part, key, 'quick', { state: 'valid', anchor: head });
    fsyncFile(part);
    anchorWithoutBackup = true;
    writeAnchorFile(backupAnchorFile(file), key, head);
    renameSync(part, file);
    anchorWithoutBackup = false;
    appendAudit(ctx.store.sqlite, {
      at: ctx.now(),
      actor: staffCode,
      action: 'backups.create',
      target: path.basename(file),
      detail: { reason, customers: inside.customers },
    });
    return { fileName: path.basename(file), reason, at: at.toISOString(), bytes: statSync(file).size, ...inside };
  } catch (error) {
    if (anchorWithoutBackup) rmSync(backupAnchorFile(file), { force: true });
    rmSync(part, { force: true });
    throw backupFailure(ctx, file, error);
  }
}

/** The backups in the folder, newest first (their contents are read when one is chosen: `inspectBackup`). */
export function listBackups(ctx: CoreContext): Array<Pick<BackupInfo, 'fileName' | 'reason' | 'at' | 'bytes'>> {
  const dir = backupDir(ctx.store.file);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .flatMap((name) => {
      const match = BACKUP_NAME.exec(name);
      if (!match) return [];
      const [, d, t, reason] = match;
      const at = `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6)}T${t.slice(0, 2)}:${t.slice(2, 4)}:${t.slice(4)}.000Z`;
      return [{ fileName: name, reason: reason as BackupReason, at, bytes: statSync(path.join(dir, name)).size }];
    })
    .sort((a, b) => b.fileName.localeCompare(a.fileName));
}

/** A backup of the folder by its name (no paths: only files the folder holds). */
export function backupFile(ctx: CoreContext, fileName: string): string {
  if (!BACKUP_NAME.test(fileName))
    throw new AppError('NOT_FOUND', `没有名为 ${fileName} 的备份`, `No backup named ${fileName}`, {
      field: 'fileName',
    });
  const file = path.join(backupDir(ctx.store.file), fileName);
  if (!existsSync(file))
    throw new AppError('NOT_FOUND', `没有名为 ${fileName} 的备份`, `No backup named ${fileName}`, {
      field: 'fileName',
    });
  return file;
}

/** A backup before a change (an import), or null for a database in memory (tests), which has no file to lose. */
export async function backupBefore(ctx: CoreContext, reason: 'import'): Promise<BackupInfo | null> {
  return ctx.store.file === ':memory:' ? null : createBackup(ctx, reason);
}

/** A backup of the folder and what it holds. */
export function describeBackup(ctx: CoreContext, fileName: string): BackupInfo {
  const file = backupFile(ctx, fileName);
  const listed = listBackups(ctx).find((b) => b.fileName === fileName) as Pick<
    BackupInfo,
    'fileName' | 'reason' | 'at' | 'bytes'
  >;
  return { ...listed, ...inspectBackup(file, ctx.store.key) };
}

/** Today's daily backup, if there is none yet; the oldest daily ones beyond the kept number removed. */
export async function dailyBackup(ctx: CoreContext, keep = DAILY_BACKUPS_KEPT): Promise<BackupInfo | null> {
  const today = ctx.now().slice(0, 10).replaceAll('-', '');
  const daily = listBackups(ctx).filter((b) => b.reason === 'daily');
  const made = daily.some((b) => b.fileName.startsWith(`tierdesk-${today}-`)) ? null : await createBackup(ctx, 'daily');
  const kept = made ? [made, ...daily] : daily;
  for (const old of kept.slice(keep)) {
    const file = path.join(backupDir(ctx.store.file), old.fileName);
    rmSync(file, { force: true });
    rmSync(backupAnchorFile(file), { force: true });
  }
  return made;
}

/**
 * A copy of `backup` beside the live file (`.restoring`), flushed and checked in full against `anchor`: what a restore
 * renames into place. Nothing is left when the check fails.
 */
export function stageRestore(backup: string, live: string, key: string | null, anchor: AnchorReading): string {
  const staging = `${live}.restoring`;
  copyFileSync(backup, staging);
  fsyncFile(staging);
  try {
    inspectBackup(staging, key, 'integrity', anchor);
  } catch (error) {
    rmSync(staging, { force: true });
    throw error;
  }
  return staging;
}

/**
 * The staged backup in place of the live file (its journals gone: none may meet the restored file), opened (migrated
 * if older) with the backup's anchor as the live one — entries removed from the backup stay reported; a backup without
 * one is anchored at its head — and the restore audited in it.
 */
export function openRestored(
  ctx: CoreContext,
  staging: string,
  backup: string,
  anchor: AnchorReading,
  audit: { actor: string | null; detail: Record<string, unknown> },
): void {
  const live = ctx.store.file;
  const { key } = ctx.store;
  for (const journal of ['-wal', '-shm']) rmSync(live + journal, { force: true });
  renameSync(staging, live);
  // At once: the replaced database's anchor names entries the restored one may not have.
  if (anchor.state === 'valid') writeAnchorFile(auditAnchorFile(live), key, anchor.anchor);
  else rmSync(auditAnchorFile(live), { force: true });
  ctx.store = openStore(live, key);
  appendAudit(ctx.store.sqlite, {
    at: ctx.now(),
    actor: audit.actor,
    action: 'backups.restore',
    target: path.basename(backup),
    detail: { ...audit.detail, anchor: anchor.state },
  });
  if (anchor.state === 'valid') syncAuditAnchor(ctx.store);
  else
    reanchorAuditLog(ctx.store, {
      at: ctx.now(),
      actor: audit.actor,
      reason: anchor.state === 'invalid' ? 'backupAnchorInvalid' : 'backupWithoutAnchor',
    });
}

/**
 * Replaces the live database with a backup: checked first (a bad one is refused, nothing touched), the live one
 * backed up, the backup staged and checked again, the live database closed, then the copy renamed over it (atomic).
 */
export async function restoreBackup(ctx: CoreContext, file: string, staffCode: string | null): Promise<BackupInfo> {
  const { key } = ctx.store;
  const inside = inspectBackup(file, key);
  const anchor = readAnchorFile(backupAnchorFile(file), key);
  const before = await createBackup(ctx, 'restore');
  const staging = stageRestore(file, ctx.store.file, key, anchor);
  // Closed cleanly, the live database's journal is checkpointed and empty.
  await ctx.store.close();
  openRestored(ctx, staging, file, anchor, {
    actor: staffCode,
    detail: { previousSavedAs: before.fileName, customers: inside.customers },
  });
  const { size } = statSync(file);
  return { fileName: path.basename(file), reason: 'manual', at: ctx.now(), bytes: size, ...inside };
}
