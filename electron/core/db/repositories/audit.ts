import type { Database } from 'better-sqlite3';

export interface AuditEntry {
  at: string;
  /** 工号 of who did it, null when unknown (the CLI, before sign-in exists). */
  actor: string | null;
  /** What was done, e.g. `tiers.saveRules`. */
  action: string;
  /** What it was done to (a customer number, a month); never personal data. */
  target: string | null;
  detail: Record<string, unknown>;
}

/** Appends to the append-only audit log; call inside the transaction of the change it records. */
export function appendAudit(sqlite: Database, entry: AuditEntry): void {
  sqlite
    .prepare('INSERT INTO audit_log (at, actor, action, target, detail) VALUES (?, ?, ?, ?, ?)')
    .run(entry.at, entry.actor, entry.action, entry.target, JSON.stringify(entry.detail));
}
