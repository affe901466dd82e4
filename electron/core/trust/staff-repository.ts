import type { Database } from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { DB } from '../platform/schema';
import type { StaffRole } from '../../../shared/schemas/common';

/** A staff member who can sign in, with their credential's failures and lock. */
export interface CredentialRow {
  code: string;
  name: string;
  role: StaffRole;
  active: number;
  secret_hash: string;
  failures: number;
  lockouts: number;
  locked_until: string | null;
}

/** A staff member with whether they have a sign-in credential and its lock. */
export interface StaffAccountRow {
  code: string;
  name: string;
  role: StaffRole;
  active: number;
  has_secret: number;
  locked_until: string | null;
}

/** Writes a staff member's credential afresh (replacing any): the hash given, no failures, lockouts or lock. */
export function replaceCredential(sqlite: Database, code: string, secretHash: string, changedAt: string): void {
  sqlite
    .prepare(
      'INSERT OR REPLACE INTO staff_credentials (code, secret_hash, failures, lockouts, locked_until, changed_at) VALUES (?, ?, 0, 0, NULL, ?)',
    )
    .run(code, secretHash, changedAt);
}

/** Counts the credentials of active staff (none: the administrator is still to be set up). */
export function countActiveCredentials(sqlite: Database): number {
  return sqlite
    .prepare('SELECT count(*) FROM staff_credentials c JOIN staff s ON s.code = c.code WHERE s.active = 1')
    .pluck()
    .get() as number;
}

/** Reads a staff member's name, role, whether active and credential hash, or undefined without a credential. */
export function readSignInAccount(
  sqlite: Database,
  code: string,
): { name: string; role: StaffRole; active: number; secret_hash: string } | undefined {
  return sqlite
    .prepare(
      'SELECT s.name, s.role, s.active, c.secret_hash FROM staff s JOIN staff_credentials c ON c.code = s.code WHERE s.code = ?',
    )
    .get(code) as { name: string; role: StaffRole; active: number; secret_hash: string } | undefined;
}

/** Reads a staff member's stored credential hash, or undefined without a credential. */
export function readSecretHash(sqlite: Database, code: string): string | undefined {
  return sqlite.prepare('SELECT secret_hash FROM staff_credentials WHERE code = ?').pluck().get(code) as
    string | undefined;
}

/** Reads a staff member's name, or undefined when there is no staff member with that code. */
export function readStaffName(sqlite: Database, code: string): string | undefined {
  return sqlite.prepare('SELECT name FROM staff WHERE code = ?').pluck().get(code) as string | undefined;
}

/** Renames an existing staff member and makes them an active administrator. */
export function makeActiveAdministrator(sqlite: Database, code: string, name: string): void {
  sqlite.prepare("UPDATE staff SET name = ?, role = 'admin', active = 1 WHERE code = ?").run(name, code);
}

/** Inserts a new staff member as an active administrator. */
export function insertAdministrator(sqlite: Database, code: string, name: string, createdAt: string): void {
  sqlite
    .prepare("INSERT INTO staff (code, name, role, active, created_at) VALUES (?, ?, 'admin', 1, ?)")
    .run(code, name, createdAt);
}

/** Reads a staff member joined with their credential (failures and lock included), or undefined without one. */
export function readCredential(sqlite: Database, code: string): CredentialRow | undefined {
  return sqlite
    .prepare(
      'SELECT s.code, s.name, s.role, s.active, c.secret_hash, c.failures, c.lockouts, c.locked_until FROM staff s JOIN staff_credentials c ON c.code = s.code WHERE s.code = ?',
    )
    .get(code) as CredentialRow | undefined;
}

/** Writes a credential's count of failures in a row. */
export function setCredentialFailures(sqlite: Database, code: string, failures: number): void {
  sqlite.prepare('UPDATE staff_credentials SET failures = ? WHERE code = ?').run(failures, code);
}

/** Writes a credential's failures, lockouts and the time its lock runs out. */
export function lockCredential(
  sqlite: Database,
  code: string,
  lock: { failures: number; lockouts: number; lockedUntil: string },
): void {
  sqlite
    .prepare('UPDATE staff_credentials SET failures = ?, lockouts = ?, locked_until = ? WHERE code = ?')
    .run(lock.failures, lock.lockouts, lock.lockedUntil, code);
}

/** Clears a credential's failures, lockouts and lock. */
export function clearCredentialLock(sqlite: Database, code: string): void {
  sqlite
    .prepare('UPDATE staff_credentials SET failures = 0, lockouts = 0, locked_until = NULL WHERE code = ?')
    .run(code);
}

/** Reads a credential's failures, lockouts and lock, or undefined when the code has no credential. */
export function readCredentialLock(
  sqlite: Database,
  code: string,
): { failures: number; lockouts: number; locked_until: string | null } | undefined {
  return sqlite.prepare('SELECT failures, lockouts, locked_until FROM staff_credentials WHERE code = ?').get(code) as
    { failures: number; lockouts: number; locked_until: string | null } | undefined;
}

/** Reads every staff member, by code, with whether they have a credential and its lock. */
export function listStaffWithCredentials(sqlite: Database): StaffAccountRow[] {
  return sqlite
    .prepare(
      'SELECT s.code, s.name, s.role, s.active, c.code IS NOT NULL AS has_secret, c.locked_until FROM staff s LEFT JOIN staff_credentials c ON c.code = s.code ORDER BY s.code',
    )
    .all() as StaffAccountRow[];
}

/** Reads the codes of the active administrators who have a credential (who can sign in). */
export function listSignInAdministratorCodes(sqlite: Database): string[] {
  return sqlite
    .prepare(
      "SELECT s.code FROM staff s JOIN staff_credentials c ON c.code = s.code WHERE s.role = 'admin' AND s.active = 1",
    )
    .pluck()
    .all() as string[];
}

/** Inserts a staff member, or updates the name, role and whether active of an existing one (created_at kept). */
export function upsertStaff(
  sqlite: Database,
  staff: { code: string; name: string; role: StaffRole; active: boolean; createdAt: string },
): void {
  sqlite
    .prepare(
      'INSERT INTO staff (code, name, role, active, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (code) DO UPDATE SET name = excluded.name, role = excluded.role, active = excluded.active',
    )
    .run(staff.code, staff.name, staff.role, staff.active ? 1 : 0, staff.createdAt);
}

/** The role of an active staff member, or undefined when there is no active one with this code. */
export function activeStaffRole(sqlite: Database, code: string): string | undefined {
  return sqlite.prepare('SELECT role FROM staff WHERE code = ? AND active = 1').pluck().get(code) as string | undefined;
}

/** Every staff member's name by 工号 (for labelling codes in reports and boards). */
export function staffNames(sqlite: Database): Map<string, string> {
  return new Map(sqlite.prepare('SELECT code, name FROM staff').raw().all() as Array<[string, string]>);
}

export async function listStaff(db: Kysely<DB>) {
  return db.selectFrom('staff').selectAll().orderBy('code').execute();
}
