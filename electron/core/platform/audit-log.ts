/**
 * Appending to the audit log: every domain records its changes inside their own transaction. Reading, searching and
 * verifying the chain belong to trust/ (docs/architecture.md, "Trust").
 */
import type { Database } from 'better-sqlite3';
import { createHash } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { AuditLogTable } from './schema';

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
export function auditHash(
  prev: string | null,
  row: Pick<AuditRow, 'id' | 'at' | 'actor' | 'action' | 'target' | 'detail'>,
): string {
  return createHash('sha256')
    .update(JSON.stringify([prev ?? '', row.id, row.at, row.actor, row.action, row.target, row.detail]))
    .digest('hex');
}

/** Appends to the append-only, hash-chained audit log; call inside the transaction of the change it records. */
export function appendAudit(sqlite: Database, entry: AuditEntry): void {
  const last = sqlite.prepare('SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as
    { id: number; hash: string | null } | undefined;
  // Never an id used before, even by an entry since removed (the highest ever used is kept for AUTOINCREMENT).
  const used = sqlite.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'").pluck().get() as
    number | undefined;
  const row = {
    id: Math.max(last?.id ?? 0, used ?? 0) + 1,
    at: entry.at,
    actor: entry.actor,
    action: entry.action,
    target: entry.target,
    detail: JSON.stringify(entry.detail),
  };
  const prev = last?.hash ?? null;
  sqlite
    .prepare(
      'INSERT INTO audit_log (id, at, actor, action, target, detail, hash_prev, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    )
    .run(row.id, row.at, row.actor, row.action, row.target, row.detail, prev, auditHash(prev, row));
}
