import type { Migration } from './types';

const bumps = (table: string) =>
  ['INSERT', 'UPDATE', 'DELETE']
    .map(
      (event) => `CREATE TRIGGER ${table}_${event.toLowerCase()}_bumps_version AFTER ${event} ON ${table}
        BEGIN UPDATE data_versions SET version = lower(hex(randomblob(8))) WHERE kind = 'branchData'; END;`,
    )
    .join('\n');

/**
 * Households (docs/domain.md, "Households"): a household and its memberships, each with the day it began and the day
 * it ended (never deleted: leaving sets the day, so the history stays); a households import, a ninth kind of import
 * batch, which undo takes back. Never edit once landed.
 */
export const m0031Households: Migration = {
  version: 31,
  name: 'households',
  rebuildsTables: true,
  up(db) {
    db.exec(`
      -- The kind's CHECK is widened by rebuilding the table, as migrations 0022 and 0028 did.
      CREATE TABLE import_batches_new (
        id         INTEGER PRIMARY KEY,
        file_name  TEXT NOT NULL,
        sha256     TEXT NOT NULL,
        kind       TEXT NOT NULL CHECK (kind IN ('customers', 'assignments', 'assessments', 'assets', 'products', 'holdings', 'surveys', 'benefit-usage', 'households')),
        summary    TEXT NOT NULL,
        created_at TEXT NOT NULL,
        created_by TEXT,
        undone_at  TEXT,
        undone_by  TEXT,
        set_id     INTEGER REFERENCES import_batches (id)
      ) STRICT;
      INSERT INTO import_batches_new (id, file_name, sha256, kind, summary, created_at, created_by, undone_at, undone_by, set_id)
        SELECT id, file_name, sha256, kind, summary, created_at, created_by, undone_at, undone_by, set_id FROM import_batches;
      DROP TABLE import_batches;
      ALTER TABLE import_batches_new RENAME TO import_batches;
      CREATE INDEX import_batches_sha256 ON import_batches (sha256);
      CREATE INDEX import_batches_set ON import_batches (set_id);
      ${bumps('import_batches')}

      -- A household; its head is the membership of role 'head'. Closed (closed_date) when its last member leaves.
      CREATE TABLE households (
        id              INTEGER PRIMARY KEY,
        created_date    TEXT NOT NULL CHECK (created_date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
        closed_date     TEXT CHECK (closed_date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
        import_batch_id INTEGER REFERENCES import_batches (id),
        created_at      TEXT NOT NULL,
        created_by      TEXT
      ) STRICT;
      ${bumps('households')}

      -- Who belongs when: from joined_date; left_date set when they leave (the row stays).
      CREATE TABLE household_members (
        id              INTEGER PRIMARY KEY,
        household_id    INTEGER NOT NULL REFERENCES households (id) ON DELETE CASCADE,
        customer_id     INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
        role            TEXT NOT NULL CHECK (role IN ('head', 'spouse', 'parent', 'child', 'other')),
        joined_date     TEXT NOT NULL CHECK (joined_date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
        left_date       TEXT CHECK (left_date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
        -- The import batch that wrote the row, and the one that ended it (undo takes each back).
        import_batch_id INTEGER REFERENCES import_batches (id),
        left_batch_id   INTEGER REFERENCES import_batches (id),
        created_at      TEXT NOT NULL,
        created_by      TEXT,
        CHECK (left_date IS NULL OR left_date >= joined_date)
      ) STRICT;
      -- A customer is in at most one household at a time; a household has one head at a time.
      CREATE UNIQUE INDEX household_members_current ON household_members (customer_id) WHERE left_date IS NULL;
      CREATE UNIQUE INDEX household_members_head ON household_members (household_id) WHERE left_date IS NULL AND role = 'head';
      CREATE INDEX household_members_household ON household_members (household_id, left_date);
      CREATE INDEX household_members_customer ON household_members (customer_id, joined_date);
      CREATE INDEX household_members_batch ON household_members (import_batch_id) WHERE import_batch_id IS NOT NULL;
      ${bumps('household_members')}
    `);
  },
};
