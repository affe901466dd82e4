import type { Migration } from './types';

const bumps = (table: string) =>
  ['INSERT', 'UPDATE', 'DELETE']
    .map(
      (event) => `CREATE TRIGGER ${table}_${event.toLowerCase()}_bumps_version AFTER ${event} ON ${table}
        BEGIN UPDATE data_versions SET version = lower(hex(randomblob(8))) WHERE kind = 'branchData'; END;`,
    )
    .join('\n');

/**
 * Book history and handovers (docs/domain.md, "Book history"): each change of a customer's manager, with the day it
 * took effect, why, and the import batch or handover that made it (undo takes it back). The periods a customer was managed in are read from
 * these changes and the customer's first month. Never edit once landed.
 */
export const m0026ManagerChanges: Migration = {
  version: 26,
  name: 'manager-changes',
  up(db) {
    db.exec(`
      -- A handover (管户交接) by the branch manager: customers moved to one manager, from a day, for a reason.
      CREATE TABLE handovers (
        id             INTEGER PRIMARY KEY,
        to_code        TEXT NOT NULL,
        effective_date TEXT NOT NULL,
        reason         TEXT NOT NULL CHECK (reason IN ('transfer', 'leave', 'balance', 'request', 'other')),
        note           TEXT,
        customers      INTEGER NOT NULL,
        -- The newest import batch when it was made: imports and handovers are undone newest first, across both.
        last_batch_id  INTEGER,
        created_at     TEXT NOT NULL,
        created_by     TEXT,
        undone_at      TEXT,
        undone_by      TEXT
      ) STRICT;
      ${bumps('handovers')}
      -- The open retention actions a handover gave to the new manager, with their owner before (for its undo).
      CREATE TABLE handover_actions (
        handover_id  INTEGER NOT NULL REFERENCES handovers (id),
        action_id    INTEGER NOT NULL REFERENCES retention_actions (id) ON DELETE CASCADE,
        owner_before TEXT,
        PRIMARY KEY (handover_id, action_id)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE manager_changes (
        id             INTEGER PRIMARY KEY,
        customer_id    INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
        -- Staff codes as they were (a manager may leave the staff list; the history keeps the code).
        from_code      TEXT,
        to_code        TEXT,
        -- YYYY-MM-DD: the new manager's first day.
        effective_date TEXT NOT NULL,
        -- 'import' (a customer master or book assignment file), else the handover's reason.
        reason         TEXT NOT NULL,
        import_batch_id INTEGER REFERENCES import_batches (id),
        handover_id    INTEGER REFERENCES handovers (id),
        recorded_at    TEXT NOT NULL,
        recorded_by    TEXT
      ) STRICT;
      CREATE INDEX manager_changes_customer ON manager_changes (customer_id, effective_date, id);
      CREATE INDEX manager_changes_batch ON manager_changes (import_batch_id) WHERE import_batch_id IS NOT NULL;
      CREATE INDEX manager_changes_handover ON manager_changes (handover_id) WHERE handover_id IS NOT NULL;
      -- An import writes a change per customer it moves (a rebalanced branch: tens of thousands) beside its batch
      -- row, which changes the version already: only the other writers' rows need to.
      CREATE TRIGGER manager_changes_insert_bumps_version AFTER INSERT ON manager_changes WHEN NEW.import_batch_id IS NULL
        BEGIN UPDATE data_versions SET version = lower(hex(randomblob(8))) WHERE kind = 'branchData'; END;
      CREATE TRIGGER manager_changes_update_bumps_version AFTER UPDATE ON manager_changes
        BEGIN UPDATE data_versions SET version = lower(hex(randomblob(8))) WHERE kind = 'branchData'; END;
      CREATE TRIGGER manager_changes_delete_bumps_version AFTER DELETE ON manager_changes WHEN OLD.import_batch_id IS NULL
        BEGIN UPDATE data_versions SET version = lower(hex(randomblob(8))) WHERE kind = 'branchData'; END;
    `);
  },
};
