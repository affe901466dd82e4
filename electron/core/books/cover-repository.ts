import type { Database } from 'better-sqlite3';

/** A manager with a book (or a backup named), with the backup. */
export interface BackupRow {
  manager_code: string;
  manager_name: string;
  backup_code: string | null;
  backup_name: string | null;
}

/** The 客户经理 and 支行长 in post, and whoever has a backup named, with their backups, by 工号. */
export function listBackupRows(sqlite: Database): BackupRow[] {
  return sqlite
    .prepare(
      `SELECT s.code AS manager_code, s.name AS manager_name, b.backup_code, t.name AS backup_name
       FROM staff s LEFT JOIN staff_backups b ON b.manager_code = s.code LEFT JOIN staff t ON t.code = b.backup_code
       WHERE (s.active = 1 AND s.role IN ('manager', 'branch_manager')) OR b.backup_code IS NOT NULL
       ORDER BY s.code`,
    )
    .all() as BackupRow[];
}

/** A manager's backup (undefined: none). */
export function backupOf(sqlite: Database, managerCode: string): string | undefined {
  return sqlite.prepare('SELECT backup_code FROM staff_backups WHERE manager_code = ?').pluck().get(managerCode) as
    string | undefined;
}

export function saveBackup(
  sqlite: Database,
  managerCode: string,
  backupCode: string | null,
  at: string,
  by: string | null,
) {
  if (backupCode === null) sqlite.prepare('DELETE FROM staff_backups WHERE manager_code = ?').run(managerCode);
  else
    sqlite
      .prepare(
        `INSERT INTO staff_backups (manager_code, backup_code, set_at, set_by) VALUES (?, ?, ?, ?)
         ON CONFLICT (manager_code) DO UPDATE SET backup_code = excluded.backup_code, set_at = excluded.set_at, set_by = excluded.set_by`,
      )
      .run(managerCode, backupCode, at, by);
}

export interface AbsenceRow {
  id: number;
  manager_code: string;
  from_date: string;
  to_date: string;
  note: string | null;
}

const ABSENCE_COLUMNS = 'id, manager_code, from_date, to_date, note';

/** Time away not cancelled and not over by `day`, by manager and start. */
export function listAbsenceRows(sqlite: Database, day: string): AbsenceRow[] {
  return sqlite
    .prepare(
      `SELECT ${ABSENCE_COLUMNS} FROM staff_absences WHERE cancelled_at IS NULL AND to_date >= ? ORDER BY manager_code, from_date`,
    )
    .all(day) as AbsenceRow[];
}

/** A manager's time away (not cancelled) overlapping [from, to], the earliest first (undefined: none). */
export function overlappingAbsence(
  sqlite: Database,
  managerCode: string,
  from: string,
  to: string,
): AbsenceRow | undefined {
  return sqlite
    .prepare(
      `SELECT ${ABSENCE_COLUMNS} FROM staff_absences
       WHERE manager_code = ? AND cancelled_at IS NULL AND from_date <= ? AND to_date >= ? ORDER BY from_date LIMIT 1`,
    )
    .get(managerCode, to, from) as AbsenceRow | undefined;
}

/** Time away of the managers `backupCode` backs up (not cancelled) overlapping [from, to] (undefined: none). */
export function overlappingCoveredAbsence(
  sqlite: Database,
  backupCode: string,
  from: string,
  to: string,
): AbsenceRow | undefined {
  return sqlite
    .prepare(
      `SELECT a.id, a.manager_code, a.from_date, a.to_date, a.note FROM staff_absences a
       JOIN staff_backups b ON b.manager_code = a.manager_code AND b.backup_code = ?
       WHERE a.cancelled_at IS NULL AND a.from_date <= ? AND a.to_date >= ? ORDER BY a.from_date LIMIT 1`,
    )
    .get(backupCode, to, from) as AbsenceRow | undefined;
}

/** The time away (not cancelled) of a manager not over by `day`, the earliest first. */
export function comingAbsences(sqlite: Database, managerCode: string, day: string): AbsenceRow[] {
  return sqlite
    .prepare(
      `SELECT ${ABSENCE_COLUMNS} FROM staff_absences WHERE manager_code = ? AND cancelled_at IS NULL AND to_date >= ? ORDER BY from_date`,
    )
    .all(managerCode, day) as AbsenceRow[];
}

export function insertAbsence(
  sqlite: Database,
  absence: {
    manager_code: string;
    from_date: string;
    to_date: string;
    note: string | null;
    created_at: string;
    created_by: string | null;
  },
): number {
  return Number(
    sqlite
      .prepare(
        `INSERT INTO staff_absences (manager_code, from_date, to_date, note, created_at, created_by)
         VALUES (@manager_code, @from_date, @to_date, @note, @created_at, @created_by)`,
      )
      .run(absence).lastInsertRowid,
  );
}

/** One time away not cancelled (undefined: none such). */
export function findAbsence(sqlite: Database, id: number): AbsenceRow | undefined {
  return sqlite
    .prepare(`SELECT ${ABSENCE_COLUMNS} FROM staff_absences WHERE id = ? AND cancelled_at IS NULL`)
    .get(id) as AbsenceRow | undefined;
}

export function cancelAbsenceRow(sqlite: Database, id: number, at: string, by: string | null): void {
  sqlite.prepare('UPDATE staff_absences SET cancelled_at = ?, cancelled_by = ? WHERE id = ?').run(at, by, id);
}
