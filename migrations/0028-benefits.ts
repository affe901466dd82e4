import type { Migration } from './types';

const bumps = (table: string) =>
  ['INSERT', 'UPDATE', 'DELETE']
    .map(
      (event) => `CREATE TRIGGER ${table}_${event.toLowerCase()}_bumps_version AFTER ${event} ON ${table}
        BEGIN UPDATE data_versions SET version = lower(hex(randomblob(8))) WHERE kind = 'branchData'; END;`,
    )
    .join('\n');

/**
 * Tier benefits (docs/domain.md, "Benefits"): the catalogue, effective-dated like the tier rule sets; the uses
 * recorded (on the card, or by a benefit-usage import: an eighth kind of import batch, which undo takes back).
 * Never edit once landed.
 */
export const m0028Benefits: Migration = {
  version: 28,
  name: 'benefits',
  rebuildsTables: true,
  up(db) {
    db.exec(`
      -- The kind's CHECK is widened by rebuilding the table, as migration 0022 did.
      CREATE TABLE import_batches_new (
        id         INTEGER PRIMARY KEY,
        file_name  TEXT NOT NULL,
        sha256     TEXT NOT NULL,
        kind       TEXT NOT NULL CHECK (kind IN ('customers', 'assignments', 'assessments', 'assets', 'products', 'holdings', 'surveys', 'benefit-usage')),
        -- JSON: rows, new and updated customers, months, staff created.
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

      -- The catalogue from a month on: its benefits as JSON (code, name, year basis, held in watch, quotas per tier).
      CREATE TABLE benefit_catalogues (
        valid_from TEXT PRIMARY KEY CHECK (valid_from GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
        benefits   TEXT NOT NULL,
        created_at TEXT NOT NULL,
        created_by TEXT
      ) STRICT;
      ${bumps('benefit_catalogues')}

      -- Each use recorded. The benefit is kept by its code as written (a later catalogue may drop it).
      CREATE TABLE benefit_uses (
        id              INTEGER PRIMARY KEY,
        customer_id     INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
        benefit_code    TEXT NOT NULL,
        used_date       TEXT NOT NULL CHECK (used_date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
        count           INTEGER NOT NULL CHECK (count > 0),
        note            TEXT NOT NULL DEFAULT '',
        -- The 支行长's reason when the rules refused the use and it was recorded anyway.
        override_reason TEXT,
        import_batch_id INTEGER REFERENCES import_batches (id),
        created_at      TEXT NOT NULL,
        created_by      TEXT
      ) STRICT;
      CREATE INDEX benefit_uses_customer ON benefit_uses (customer_id, used_date);
      CREATE INDEX benefit_uses_date ON benefit_uses (used_date);
      CREATE INDEX benefit_uses_batch ON benefit_uses (import_batch_id) WHERE import_batch_id IS NOT NULL;
          -- A retention action may offer the customer a benefit (its code, and its name as offered).
      ALTER TABLE retention_actions ADD COLUMN benefit_code TEXT;
      ALTER TABLE retention_actions ADD COLUMN benefit_name TEXT;
    `);
  },
};
