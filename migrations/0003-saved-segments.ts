import type { Migration } from './types';

/** Saved segments: named customer-list filters. Never edit once landed. */
export const m0003SavedSegments: Migration = {
  version: 3,
  name: 'saved-segments',
  up(db) {
    db.exec(`
      CREATE TABLE saved_segments (
        id         INTEGER PRIMARY KEY,
        name       TEXT NOT NULL UNIQUE,
        -- JSON of the customer-list filter (shared/schemas/customer.ts), applied to whatever month is shown.
        filter     TEXT NOT NULL,
        created_at TEXT NOT NULL,
        created_by TEXT,
        updated_at TEXT NOT NULL
      ) STRICT;
    `);
  },
};
