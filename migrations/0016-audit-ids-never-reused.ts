import type { Migration } from './types';

/**
 * The audit log's ids are never handed out twice (AUTOINCREMENT keeps the highest ever used): entries removed from its
 * end behind the app's back stay a gap the anchor points into — "the last N entries are missing" — instead of being
 * filled by the next entries under the same ids. The table is rebuilt (its rows, links and hashes unchanged) with its
 * index and append-only triggers. Never edit once landed.
 */
export const m0016AuditIdsNeverReused: Migration = {
  version: 16,
  name: 'audit-ids-never-reused',
  up(db) {
    db.exec(`
      DROP TRIGGER audit_log_no_update;
      DROP TRIGGER audit_log_no_delete;
      CREATE TABLE audit_log_monotonic (
        id        INTEGER PRIMARY KEY AUTOINCREMENT,
        at        TEXT NOT NULL,
        actor     TEXT,
        action    TEXT NOT NULL,
        target    TEXT,
        detail    TEXT,
        hash_prev TEXT,
        hash      TEXT
      ) STRICT;
      INSERT INTO audit_log_monotonic (id, at, actor, action, target, detail, hash_prev, hash)
        SELECT id, at, actor, action, target, detail, hash_prev, hash FROM audit_log ORDER BY id;
      DROP TABLE audit_log;
      ALTER TABLE audit_log_monotonic RENAME TO audit_log;
      CREATE INDEX audit_log_at ON audit_log (at);
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
    `);
  },
};
