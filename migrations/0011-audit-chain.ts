import { createHash } from 'node:crypto';
import type { Migration } from './types';

/**
 * Seals the audit entries written before the log was hash-chained: each gets its link (the same as
 * `auditHash` in the audit repository: SHA-256 of the previous hash and the entry), the append-only
 * triggers lifted for this one pass only. Never edit once landed.
 */
export const m0011AuditChain: Migration = {
  version: 11,
  name: 'audit-chain',
  up(db) {
    db.exec('DROP TRIGGER audit_log_no_update');
    const rows = db.prepare('SELECT id, at, actor, action, target, detail FROM audit_log ORDER BY id').all() as Array<{
      id: number;
      at: string;
      actor: string | null;
      action: string;
      target: string | null;
      detail: string | null;
    }>;
    const seal = db.prepare('UPDATE audit_log SET hash_prev = ?, hash = ? WHERE id = ?');
    let prev: string | null = null;
    for (const row of rows) {
      const hash: string = createHash('sha256')
        .update(JSON.stringify([prev ?? '', row.id, row.at, row.actor, row.action, row.target, row.detail]))
        .digest('hex');
      seal.run(prev, hash, row.id);
      prev = hash;
    }
    db.exec(`CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;`);
  },
};
