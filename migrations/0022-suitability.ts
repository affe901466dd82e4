import type { Migration } from './types';

const bumps = (table: string) =>
  ['INSERT', 'UPDATE', 'DELETE']
    .map(
      (event) => `CREATE TRIGGER ${table}_${event.toLowerCase()}_bumps_version AFTER ${event} ON ${table}
        BEGIN UPDATE data_versions SET version = lower(hex(randomblob(8))) WHERE kind = 'branchData'; END;`,
    )
    .join('\n');

/**
 * Suitability (docs/domain.md, "Suitability"): the product catalogue (a sixth kind of import batch, with what
 * undoing it restores), professional investors and the assessment's channel on the customer, and the assessments
 * recorded on the card. Never edit once landed.
 */
export const m0022Suitability: Migration = {
  version: 22,
  name: 'suitability',
  rebuildsTables: true,
  up(db) {
    db.exec(`
      -- The kind's CHECK is widened by rebuilding the table (the rows keep their ids; the tables referring to it do
      -- so by name, and the runner checks every reference before committing). Its index and triggers go with it.
      CREATE TABLE import_batches_new (
        id         INTEGER PRIMARY KEY,
        file_name  TEXT NOT NULL,
        sha256     TEXT NOT NULL,
        kind       TEXT NOT NULL CHECK (kind IN ('customers', 'assignments', 'assets', 'products', 'holdings', 'surveys')),
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

      -- The product catalogue, by head office's product code (holdings name it in product_code).
      CREATE TABLE products (
        code       TEXT PRIMARY KEY,
        name       TEXT NOT NULL,
        type       TEXT,
        risk_level TEXT NOT NULL CHECK (risk_level IN ('R1', 'R2', 'R3', 'R4', 'R5')),
        term       TEXT,
        currency   TEXT,
        issuer     TEXT,
        sale_start TEXT,
        sale_end   TEXT,
        -- 分.
        min_amount INTEGER,
        CHECK (sale_start IS NULL OR sale_end IS NULL OR sale_end >= sale_start)
      ) STRICT;
      ${bumps('products')}

      -- Per product an import touched: the row before (JSON array of the columns), null when it was new.
      CREATE TABLE import_undo_products (
        batch_id INTEGER NOT NULL REFERENCES import_batches (id),
        code     TEXT NOT NULL,
        before   TEXT,
        PRIMARY KEY (batch_id, code)
      ) STRICT;

      ALTER TABLE customers ADD COLUMN professional_investor INTEGER NOT NULL DEFAULT 0 CHECK (professional_investor IN (0, 1));
      ALTER TABLE customers ADD COLUMN risk_assessed_channel TEXT;

      -- Assessments recorded on the card (the customer's columns are written in the same transaction).
      CREATE TABLE risk_assessments (
        id            INTEGER PRIMARY KEY,
        customer_id   INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
        risk_level    TEXT CHECK (risk_level IN ('C1', 'C2', 'C3', 'C4', 'C5')),
        assessed_date TEXT,
        channel       TEXT,
        professional  INTEGER NOT NULL CHECK (professional IN (0, 1)),
        recorded_at   TEXT NOT NULL,
        recorded_by   TEXT
      ) STRICT;
      CREATE INDEX risk_assessments_customer ON risk_assessments (customer_id);
      ${bumps('risk_assessments')}
    `);
  },
};
