import type { Migration } from './types';

/**
 * Several files imported at once are one set: their batches share `set_id` (the id of the set's first batch), are
 * written in one transaction and undone together (docs/domain.md, "Head-office spreadsheets"). Every batch before
 * is a set of its own. Never edit once landed.
 */
export const m0018ImportSets: Migration = {
  version: 18,
  name: 'import-sets',
  up(db) {
    db.exec(`
      ALTER TABLE import_batches ADD COLUMN set_id INTEGER REFERENCES import_batches (id);
      UPDATE import_batches SET set_id = id;
      CREATE INDEX import_batches_set ON import_batches (set_id);
    `);
  },
};
