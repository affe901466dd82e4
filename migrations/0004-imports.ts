import type { Migration } from './types';

/** Import batches, what undoing the latest one restores, and remembered column mappings. Never edit once landed. */
export const m0004Imports: Migration = {
  version: 4,
  name: 'imports',
  up(db) {
    db.exec(`
      CREATE TABLE import_batches (
        id         INTEGER PRIMARY KEY,
        file_name  TEXT NOT NULL,
        sha256     TEXT NOT NULL,
        kind       TEXT NOT NULL CHECK (kind IN ('customers', 'assignments', 'assets', 'holdings')),
        -- JSON: rows, new and updated customers, months, staff created.
        summary    TEXT NOT NULL,
        created_at TEXT NOT NULL,
        created_by TEXT,
        undone_at  TEXT,
        undone_by  TEXT
      ) STRICT;
      CREATE INDEX import_batches_sha256 ON import_batches (sha256);

      -- Only the latest batch can be undone, so only its before-images are kept (older ones are dropped).
      -- A customer as it was before the batch (before = JSON of the row), or NULL when the batch created it.
      CREATE TABLE import_undo_customers (
        batch_id    INTEGER NOT NULL REFERENCES import_batches (id),
        customer_id INTEGER NOT NULL,
        before      TEXT,
        PRIMARY KEY (batch_id, customer_id)
      ) STRICT;
      -- The rows of every month the batch replaced, as they were.
      CREATE TABLE import_undo_assets (
        batch_id       INTEGER NOT NULL REFERENCES import_batches (id),
        customer_id    INTEGER NOT NULL,
        month          TEXT NOT NULL,
        aum_avg        INTEGER NOT NULL,
        deposit_avg    INTEGER,
        demand_avg     INTEGER,
        wealth_avg     INTEGER,
        fund_avg       INTEGER,
        insurance_avg  INTEGER,
        other_avg      INTEGER,
        loan_avg       INTEGER,
        aum_month_end  INTEGER
      ) STRICT;
      CREATE INDEX import_undo_assets_batch ON import_undo_assets (batch_id);
      -- Placeholder staff the batch created for unknown manager codes.
      CREATE TABLE import_undo_staff (
        batch_id INTEGER NOT NULL REFERENCES import_batches (id),
        code     TEXT NOT NULL,
        PRIMARY KEY (batch_id, code)
      ) STRICT;

      -- A user's column mapping, remembered for the next file of the same layout.
      CREATE TABLE import_layouts (
        signature  TEXT PRIMARY KEY,
        kind       TEXT NOT NULL,
        mapping    TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
    `);
  },
};
