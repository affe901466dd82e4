import type { Database } from 'better-sqlite3';
import { appendAudit, auditHash, type AuditRow } from '../platform/audit-log';
import type { AuditEntryView } from '../../../shared/schemas/audit';

/**
 * Walks the chain from the first entry: the first whose stored link differs from the one recomputed (changed, or
 * after one removed or inserted), or null when every link holds.
 */
export function firstBrokenAudit(
  sqlite: Database,
): { id: number; at: string; action: string; reason: 'changed' | 'unlinked' } | null {
  let prev: string | null = null;
  for (const row of sqlite.prepare('SELECT * FROM audit_log ORDER BY id').iterate() as IterableIterator<AuditRow>) {
    if (row.hash_prev !== prev) return { id: row.id, at: row.at, action: row.action, reason: 'unlinked' };
    if (row.hash !== auditHash(prev, row)) return { id: row.id, at: row.at, action: row.action, reason: 'changed' };
    prev = row.hash;
  }
  return null;
}

/** The newest entry's id and hash (the chain's head), or null for an empty log. */
export function lastAuditEntry(sqlite: Database): { id: number; hash: string } | null {
  const row = sqlite.prepare('SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as
    { id: number; hash: string | null } | undefined;
  return row ? { id: row.id, hash: row.hash ?? '' } : null;
}

/** The newest entry's id before `id` (0: none). */
export function lastAuditIdBefore(sqlite: Database, id: number): number {
  return (sqlite.prepare('SELECT max(id) FROM audit_log WHERE id < ?').pluck().get(id) as number | null) ?? 0;
}

/** The stored hash of entry `id`, or null when there is no such entry. */
export function auditHashOf(sqlite: Database, id: number): string | null {
  const row = sqlite.prepare('SELECT hash FROM audit_log WHERE id = ?').get(id) as { hash: string | null } | undefined;
  return row ? (row.hash ?? '') : null;
}

/** Entries after `id` (a range of the primary key: cheap however long the log). */
export function countAuditAfter(sqlite: Database, id: number): number {
  return sqlite.prepare('SELECT count(*) FROM audit_log WHERE id > ?').pluck().get(id) as number;
}

export function countAudit(sqlite: Database): number {
  return sqlite.prepare('SELECT count(*) FROM audit_log').pluck().get() as number;
}

/** Which entries a listing covers; null leaves that side open. */
export interface AuditFilter {
  /** Entries at or after this time. */
  from: string | null;
  /** Entries before this time. */
  to: string | null;
  actor: string | null;
  /** An action's name, or a prefix ending in `.` (every action under it). */
  action: string | null;
}

const AUDIT_FILTER = `WHERE (@from IS NULL OR at >= @from) AND (@to IS NULL OR at < @to) AND (@actor IS NULL OR actor = @actor)
    AND (@action IS NULL OR action = @action OR (substr(@action, -1) = '.' AND substr(action, 1, length(@action)) = @action))`;

/** Counts the entries `filter` covers. */
export function countAuditMatching(sqlite: Database, filter: AuditFilter): number {
  return sqlite.prepare(`SELECT count(*) FROM audit_log ${AUDIT_FILTER}`).pluck().get(filter) as number;
}

/** Reads one page of the entries `filter` covers, newest first. */
export function listAuditMatching(
  sqlite: Database,
  filter: AuditFilter,
  page: { limit: number; offset: number },
): Array<Omit<AuditEntryView, 'actorName'>> {
  return sqlite
    .prepare(
      `SELECT id, at, actor, action, target, detail FROM audit_log ${AUDIT_FILTER} ORDER BY id DESC LIMIT @limit OFFSET @offset`,
    )
    .all({ ...filter, limit: page.limit, offset: page.offset }) as Array<Omit<AuditEntryView, 'actorName'>>;
}

/** Whether any entry records `action` (e.g. whether the log was ever anchored). */
export function hasAuditAction(sqlite: Database, action: string): boolean {
  return sqlite.prepare('SELECT 1 FROM audit_log WHERE action = ? LIMIT 1').get(action) !== undefined;
}

/** The append-only guards of the log, as migration 0016 made them. */
const AUDIT_GUARDS: Record<string, string> = {
  audit_log_no_update:
    "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
  audit_log_no_delete:
    "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
};

/**
 * Puts back an append-only guard of the log someone dropped (only possible with the key, behind the app's back), and
 * records that it did, once: the log then says it was unguarded since its last check. Returns the guards put back.
 */
export function restoreAuditGuards(sqlite: Database, at: string): string[] {
  const present = new Set(
    sqlite
      .prepare("SELECT name FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = 'audit_log'")
      .pluck()
      .all() as string[],
  );
  const missing = Object.keys(AUDIT_GUARDS).filter((name) => !present.has(name));
  if (missing.length === 0) return missing;
  sqlite.transaction(() => {
    for (const name of missing) sqlite.exec(AUDIT_GUARDS[name]);
    appendAudit(sqlite, { at, actor: null, action: 'audit.guardsRestored', target: null, detail: { guards: missing } });
  })();
  return missing;
}
