import path from 'node:path';

/** Why a backup was made: part of its file name. */
export type BackupReasonName = 'daily' | 'manual' | 'import' | 'migration' | 'restore' | 'reset';

/**
 * `tierdesk-20240410-090000-daily.db`: the time (UTC) and reason a backup was made. Ends at `.db`: a backup's anchor
 * (`….db.anchor`) and a copy being made (`….db.part`) are not backups.
 */
export const BACKUP_NAME = /^tierdesk-(\d{8})-(\d{6})-(daily|manual|import|migration|restore|reset)\.db$/;

/** The audit anchor saved beside a backup: where its audit log ended when it was made. */
export function backupAnchorFile(backupFile: string): string {
  return `${backupFile}.anchor`;
}

/** The backups folder beside a database file. */
export function backupDir(databaseFile: string): string {
  return path.join(path.dirname(databaseFile), 'backups');
}

export function backupFileName(at: Date, reason: BackupReasonName): string {
  const iso = at.toISOString();
  return `tierdesk-${iso.slice(0, 10).replaceAll('-', '')}-${iso.slice(11, 19).replaceAll(':', '')}-${reason}.db`;
}
