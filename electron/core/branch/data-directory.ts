/**
 * Moving the data directory (docs/architecture.md, "The data directory"): the branch's files — the database, its key,
 * its backups and the files kept beside it — copied into a staging folder beside the target, the copy verified
 * (SQLite's integrity_check, every table's row count, each file's checksum), then renamed into place. The database is
 * closed before and opened at the new place after, by the caller; on any failure the staging folder is removed and
 * the error names the step.
 */
import { createHash } from 'node:crypto';
import {
  createReadStream,
  createWriteStream,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  closeSync,
  readdirSync,
  renameSync,
  rmdirSync,
  rmSync,
  statSync,
  chmodSync,
} from 'node:fs';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError } from '../../../shared/errors';
import type { DataDirMoveResult } from '../../../shared/schemas/data-directory';
import { openDatabaseFile } from '../platform/connection';
import { checkDatabaseFile, countRowsByTable, recordPassedCheck } from '../platform/integrity';
import { throwIfCancelled, type JobControl } from '../platform/jobs';
import { backupDir } from '../platform/backup-names';
import { auditAnchorFile } from '../trust/audit-anchor';
import { KEY_FILE_NAMES } from '../trust/keys';
import { refuseMoveTarget } from './move-target';

/** The database file being moved and its key (null: plaintext). */
export interface MovingDatabase {
  file: string;
  key: string | null;
}

/**
 * The branch's files in a data directory, as paths relative to it: the database, the files kept beside it (its key,
 * the audit log's anchor, a damaged file kept after a restore) and the backups folder — never a file half-written
 * (`….part`, `….creating`, `….restoring`), SQLite's journal of an open connection, or the check's stamp (the copy
 * gets its own).
 */
export function branchFiles(databaseFile: string): string[] {
  const dir = path.dirname(databaseFile);
  const db = path.basename(databaseFile);
  const beside = new Set<string>([db, path.basename(auditAnchorFile(databaseFile)), ...KEY_FILE_NAMES]);
  const files = readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isFile() && (beside.has(entry.name) || entry.name.startsWith(`${db}.damaged-`)))
    .map((entry) => entry.name);
  const backups = backupDir(databaseFile);
  if (existsSync(backups))
    for (const entry of readdirSync(backups, { withFileTypes: true }))
      if (entry.isFile() && !entry.name.endsWith('.part'))
        files.push(path.join(path.relative(dir, backups), entry.name));
  return files.sort();
}

const bytesOf = (dir: string, files: string[]) => files.reduce((n, file) => n + statSync(path.join(dir, file)).size, 0);

/** The branch's files and their size, once `target` is known to take them (`refuseMoveTarget`). */
export function checkMoveTarget(databaseFile: string, target: string): { files: string[]; bytes: number } {
  const files = branchFiles(databaseFile);
  const bytes = bytesOf(path.dirname(databaseFile), files);
  refuseMoveTarget(path.dirname(databaseFile), target, bytes);
  return { files, bytes };
}

/** The steps of a move, named in its errors. */
const STEPS = {
  copy: ['复制文件', 'copying the files'],
  verify: ['校验副本', 'verifying the copy'],
  switch: ['切换到新目录', 'switching to the new folder'],
} as const;

/** A step's failure, in the app's words: which step, what went wrong (the system's code), nothing changed. */
function stepFailed(step: keyof typeof STEPS, from: string, error: unknown): AppError {
  const code = (error as { code?: unknown }).code;
  const [why, whyEn] =
    error instanceof AppError
      ? [error.message, error.messageEn]
      : [0, 1].map(() => (typeof code === 'string' ? code : error instanceof Error ? error.message : String(error)));
  const [zh, en] = STEPS[step];
  return new AppError(
    error instanceof AppError ? error.code : code === 'ENOSPC' ? 'DISK_FULL' : 'IO_ERROR',
    `移动数据目录失败（${zh}：${why}）。应用仍使用原数据目录 ${from}，不完整的副本已删除。`,
    `Moving the data directory failed (${en}: ${whyEn}). The app still uses ${from}; the partial copy was removed.`,
    { step },
  );
}

function copyMismatch(what: string, whatEn: string): AppError {
  return new AppError('IO_ERROR', `副本与原文件不一致：${what}。`, `The copy differs from the original: ${whatEn}.`);
}

/** Copies one file, flushed to the disk, with its mode (a key file stays 0600); returns its checksum. */
async function copyFile(from: string, to: string, onBytes: (n: number) => void, signal: AbortSignal): Promise<string> {
  const hash = createHash('sha256');
  const counting = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      onBytes(chunk.length);
      done(null, chunk);
    },
  });
  mkdirSync(path.dirname(to), { recursive: true });
  await pipeline(createReadStream(from), counting, createWriteStream(to), { signal });
  chmodSync(to, statSync(from).mode & 0o777);
  const fd = openSync(to, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return hash.digest('hex');
}

async function checksumOf(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

function rowCountsOf(file: string, key: string | null): Record<string, number> {
  const db = openDatabaseFile(file, key, { readonly: true, fileMustExist: true });
  try {
    return countRowsByTable(db);
  } finally {
    db.close();
  }
}

/** The copy in `staging` is the original: each file's checksum, SQLite's full check, and every table's rows. */
async function verifyCopy(
  database: MovingDatabase,
  staging: string,
  files: string[],
  checksums: Map<string, string>,
  control: JobControl,
): Promise<void> {
  const copy = path.join(staging, path.basename(database.file));
  for (const [n, file] of files.entries()) {
    control.report('verify', n, files.length + 2);
    throwIfCancelled(control.signal);
    if ((await checksumOf(path.join(staging, file))) !== checksums.get(file))
      throw copyMismatch(`${file} 的校验和不同`, `the checksum of ${file}`);
  }
  control.report('verify', files.length, files.length + 2);
  const check = checkDatabaseFile(copy, database.key, 'integrity_check');
  if (!check.ok)
    throw copyMismatch(`数据库副本未通过完整性检查（${check.problem}）`, `integrity_check failed (${check.problem})`);
  control.report('verify', files.length + 1, files.length + 2);
  const original = rowCountsOf(database.file, database.key);
  const copied = rowCountsOf(copy, database.key);
  for (const [table, rows] of Object.entries(original))
    if (copied[table] !== rows)
      throw copyMismatch(
        `表 ${table} 原有 ${rows} 行，副本有 ${copied[table] ?? 0} 行`,
        `${table} has ${rows} rows, the copy ${copied[table] ?? 0}`,
      );
  // Checked in full just now: a later open that only reads need not check it again.
  recordPassedCheck(copy);
}

/** Where a move to `target` stages its copy: beside the target, on the same disk, so it is renamed into place. */
export const stagingDirOf = (target: string): string =>
  path.join(path.dirname(path.resolve(target)), `.${path.basename(path.resolve(target))}.tierdesk-moving`);

/**
 * Copies the closed database's data directory to `target` (refused first: `refuseMoveTarget`), verifies the copy and
 * renames it into place; the original is left as it was. On failure or a cancel the staging folder is removed and
 * nothing is at `target` that was not there before.
 */
export async function moveDataDirectory(
  database: MovingDatabase,
  target: string,
  control: JobControl,
): Promise<DataDirMoveResult> {
  const from = path.dirname(database.file);
  const { files, bytes } = checkMoveTarget(database.file, target);
  const to = path.resolve(target);
  const staging = stagingDirOf(to);
  rmSync(staging, { recursive: true, force: true });
  let step: keyof typeof STEPS = 'copy';
  try {
    mkdirSync(staging, { mode: 0o700 });
    const checksums = new Map<string, string>();
    let copied = 0;
    for (const file of files) {
      control.report('copy', copied, bytes);
      throwIfCancelled(control.signal);
      const checksum = await copyFile(
        path.join(from, file),
        path.join(staging, file),
        (n) => control.report('copy', (copied += n), bytes),
        control.signal,
      );
      checksums.set(file, checksum);
    }
    step = 'verify';
    await verifyCopy(database, staging, files, checksums, control);
    throwIfCancelled(control.signal);
    step = 'switch';
    control.report('switch', 0, 0);
    // An empty folder chosen as the target gives way to the copy (a rename cannot replace a folder everywhere).
    if (existsSync(to)) rmdirSync(to);
    renameSync(staging, to);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    if (control.signal.aborted) throwIfCancelled(control.signal);
    throw stepFailed(step, from, error);
  }
  return { from, to, files: files.length, bytes };
}

/**
 * Removes the branch's files from a data directory the data was moved away from (only those: the default one is the
 * desktop app's own folder, which holds its other files too), then the folder itself when nothing else is left in it.
 * Returns how many files were removed.
 */
export function removeBranchFiles(databaseFile: string): number {
  const dir = path.dirname(databaseFile);
  if (!existsSync(dir)) return 0;
  const files = branchFiles(databaseFile);
  for (const file of files) rmSync(path.join(dir, file), { force: true });
  // What SQLite and the check leave beside the file (`-wal`, `-shm`, `.checked`) goes too.
  for (const name of readdirSync(dir))
    if (name.startsWith(path.basename(databaseFile))) rmSync(path.join(dir, name), { force: true });
  const backups = backupDir(databaseFile);
  if (existsSync(backups) && readdirSync(backups).every((name) => name.endsWith('.part')))
    rmSync(backups, { recursive: true, force: true });
  if (readdirSync(dir).length === 0) rmdirSync(dir);
  return files.length;
}
