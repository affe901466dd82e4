import type { Migration } from './types';

/**
 * Survey answers imported from spreadsheets: a fifth kind of import batch, and the responses and follow-up actions a
 * batch created (what undoing it deletes). Never edit once landed.
 */
export const m0010SurveyImports: Migration = {
  version: 10,
  name: 'survey-imports',
  rebuildsTables: true,
  up(db) {
    db.exec(`
      -- The kind's CHECK is widened by rebuilding the table (the rows keep their ids; the undo tables refer to it by
      -- name, and the runner checks every reference before committing).
      CREATE TABLE import_batches_new (
        id         INTEGER PRIMARY KEY,
        file_name  TEXT NOT NULL,
        sha256     TEXT NOT NULL,
        kind       TEXT NOT NULL CHECK (kind IN ('customers', 'assignments', 'assets', 'holdings', 'surveys')),
        -- JSON: rows, new and updated customers, months, staff created.
        summary    TEXT NOT NULL,
        created_at TEXT NOT NULL,
        created_by TEXT,
        undone_at  TEXT,
        undone_by  TEXT
      ) STRICT;
      INSERT INTO import_batches_new SELECT * FROM import_batches;
      DROP TABLE import_batches;
      ALTER TABLE import_batches_new RENAME TO import_batches;
      CREATE INDEX import_batches_sha256 ON import_batches (sha256);

      ALTER TABLE survey_responses ADD COLUMN import_batch_id INTEGER REFERENCES import_batches (id);
      CREATE INDEX survey_responses_batch ON survey_responses (import_batch_id) WHERE import_batch_id IS NOT NULL;
      ALTER TABLE retention_actions ADD COLUMN import_batch_id INTEGER REFERENCES import_batches (id);
      CREATE INDEX retention_actions_batch ON retention_actions (import_batch_id) WHERE import_batch_id IS NOT NULL;
    `);
  },
};
