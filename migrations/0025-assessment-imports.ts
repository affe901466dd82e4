import type { Migration } from './types';

const bumps = (table: string) =>
  ['INSERT', 'UPDATE', 'DELETE']
    .map(
      (event) => `CREATE TRIGGER ${table}_${event.toLowerCase()}_bumps_version AFTER ${event} ON ${table}
        BEGIN UPDATE data_versions SET version = lower(hex(randomblob(8))) WHERE kind = 'branchData'; END;`,
    )
    .join('\n');

/**
 * Assessment files (docs/domain.md, "Suitability"): a seventh kind of import batch, and each assessment recorded
 * says which batch wrote it (undo takes it back; null for one recorded on the card). Never edit once landed.
 */
export const m0025AssessmentImports: Migration = {
  version: 25,
  name: 'assessment-imports',
  rebuildsTables: true,
  up(db) {
    db.exec(`
      -- The kind's CHECK is widened by rebuilding the table, as migration 0022 did.
      CREATE TABLE import_batches_new (
        id         INTEGER PRIMARY KEY,
        file_name  TEXT NOT NULL,
        sha256     TEXT NOT NULL,
        kind       TEXT NOT NULL CHECK (kind IN ('customers', 'assignments', 'assessments', 'assets', 'products', 'holdings', 'surveys')),
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

      ALTER TABLE risk_assessments ADD COLUMN import_batch_id INTEGER REFERENCES import_batches (id);
      CREATE INDEX risk_assessments_batch ON risk_assessments (import_batch_id) WHERE import_batch_id IS NOT NULL;
      -- An import writes an assessment per customer whose assessment it changes (a go-live master: every customer)
      -- beside its batch row, which changes the version already: only the card's rows need to.
      DROP TRIGGER risk_assessments_insert_bumps_version;
      CREATE TRIGGER risk_assessments_insert_bumps_version AFTER INSERT ON risk_assessments WHEN NEW.import_batch_id IS NULL
        BEGIN UPDATE data_versions SET version = lower(hex(randomblob(8))) WHERE kind = 'branchData'; END;
    `);
  },
};
