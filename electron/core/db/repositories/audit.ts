import type { Database } from 'better-sqlite3';
import { createHash } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { AuditLogTable } from '../schema';

export interface AuditEntry {
  at: string;
  /** 工号 of who did it, null when unknown (the CLI). */
  actor: string | null;
  /** What was done, e.g. `tiers.saveRules`. */
  action: string;
  /** What it was done to (a customer number, a month); never personal data. */
  target: string | null;
  detail: Record<string, unknown>;
}

export type AuditRow = Selectable<AuditLogTable>;

/**
 * An entry's link in the chain: SHA-256 of the previous entry's hash and this entry's id and fields, so changing,
 * removing or reordering any entry breaks every link after it.
 */
export function auditHash(prev: string | null, row: Pick<AuditRow, 'id' | 'at' | 'actor' | 'action' | 'target' | 'detail'>): string {
  return createHash('sha256')
    .update(JSON.stringify([prev ?? '', row.id, row.at, row.actor, row.action, row.target, row.detail]))
    .digest('hex');
}

/** Appends to the append-only, hash-chained audit log; call inside the transaction of the change it records. */
export function appendAudit(sqlite: Database, entry: AuditEntry): void {
  const last = sqlite.prepare('SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as { id: number; hash: string | null } | undefined;
  const row = { id: (last?.id ?? 0) + 1, at: entry.at, actor: entry.actor, action: entry.action, target: entry.target, detail: JSON.stringify(entry.detail) };
  const prev = last?.hash ?? null;
  sqlite
    .prepare('INSERT INTO audit_log (id, at, actor, action, target, detail, hash_prev, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
    .run(row.id, row.at, row.actor, row.action, row.target, row.detail, prev, auditHash(prev, row));
}

/**
 * Walks the chain from the first entry: the first whose stored link differs from the one recomputed (changed, or
 * after one removed or inserted), or null when every link holds.
 */
export function firstBrokenAudit(sqlite: Database): { id: number; at: string; action: string; reason: 'changed' | 'unlinked' } | null {
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
  const row = sqlite.prepare('SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as { id: number; hash: string | null } | undefined;
  return row ? { id: row.id, hash: row.hash ?? '' } : null;
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

/** Whether any entry records `action` (e.g. whether the log was ever anchored). */
export function hasAuditAction(sqlite: Database, action: string): boolean {
  return sqlite.prepare('SELECT 1 FROM audit_log WHERE action = ? LIMIT 1').get(action) !== undefined;
}
