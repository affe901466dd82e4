import type { Migration } from './types';

/**
 * Book cover (docs/domain.md, "Book history"): a handover's transition period, during which the previous manager
 * still reads the customers handed over, and handovers dated ahead, applied on their day; each manager's backup (AB角); and the days a manager is away, during which
 * the backup covers the book. Never edit once landed.
 */
export const m0029BookCover: Migration = {
  version: 29,
  name: 'book-cover',
  up(db) {
    db.exec(`
      -- Days from the effective date the previous manager still reads the customers (0: none).
      ALTER TABLE handovers ADD COLUMN transition_days INTEGER NOT NULL DEFAULT 0
        CHECK (transition_days BETWEEN 0 AND 90);
      -- 0 while a handover dated ahead waits for its day: its moves are kept, the customers not yet moved.
      ALTER TABLE handovers ADD COLUMN applied INTEGER NOT NULL DEFAULT 1 CHECK (applied IN (0, 1));
      CREATE INDEX handovers_pending ON handovers (effective_date) WHERE applied = 0 AND undone_at IS NULL;

      -- A manager's backup (AB角): covers the book while the manager is away.
      CREATE TABLE staff_backups (
        manager_code TEXT PRIMARY KEY REFERENCES staff (code) ON UPDATE CASCADE ON DELETE CASCADE,
        backup_code  TEXT NOT NULL REFERENCES staff (code) ON UPDATE CASCADE ON DELETE CASCADE,
        set_at       TEXT NOT NULL,
        set_by       TEXT,
        CHECK (backup_code <> manager_code)
      ) STRICT;

      -- A manager away (leave, training), from and to a day inclusive; a cancelled one is kept.
      CREATE TABLE staff_absences (
        id           INTEGER PRIMARY KEY,
        manager_code TEXT NOT NULL REFERENCES staff (code) ON UPDATE CASCADE ON DELETE CASCADE,
        from_date    TEXT NOT NULL,
        to_date      TEXT NOT NULL CHECK (to_date >= from_date),
        note         TEXT,
        created_at   TEXT NOT NULL,
        created_by   TEXT,
        cancelled_at TEXT,
        cancelled_by TEXT
      ) STRICT;
      CREATE INDEX staff_absences_manager ON staff_absences (manager_code, to_date) WHERE cancelled_at IS NULL;
    `);
  },
};
