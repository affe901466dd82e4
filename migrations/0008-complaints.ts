import type { Migration } from './types';

/** Complaint log (投诉) with its workflow events and paused spans. Never edit once landed. */
export const m0008Complaints: Migration = {
  version: 8,
  name: 'complaints',
  up(db) {
    db.exec(`
      CREATE TABLE complaints (
        id                 INTEGER PRIMARY KEY,
        -- TS + YYYYMM of receipt + a 4-digit sequence in that month.
        complaint_no       TEXT NOT NULL UNIQUE,
        received_at        TEXT NOT NULL,
        channel            TEXT NOT NULL CHECK (channel IN ('counter', 'phone', 'hotline', 'letter', 'online', 'regulator')),
        category           TEXT NOT NULL CHECK (category IN ('deposit', 'wealth', 'card', 'loan', 'fee', 'service', 'privacy', 'other')),
        customer_id        INTEGER REFERENCES customers (id) ON DELETE SET NULL,
        -- The staff member the complaint is about (not who handles it).
        staff_code         TEXT REFERENCES staff (code) ON UPDATE CASCADE ON DELETE SET NULL,
        description        TEXT NOT NULL,
        demand             TEXT,
        severity           TEXT NOT NULL CHECK (severity IN ('low', 'medium', 'high')),
        regulator_referred INTEGER NOT NULL CHECK (regulator_referred IN (0, 1)),
        complex            INTEGER NOT NULL DEFAULT 0 CHECK (complex IN (0, 1)),
        status             TEXT NOT NULL CHECK (status IN ('registered', 'accepted', 'processing', 'replied', 'closed')),
        accepted_date      TEXT,
        extension_days     INTEGER NOT NULL DEFAULT 0 CHECK (extension_days BETWEEN 0 AND 30),
        replied_date       TEXT,
        reply              TEXT,
        satisfied          INTEGER CHECK (satisfied IN (0, 1)),
        closed_date        TEXT,
        -- Reviews (复核) requested: each reopens the complaint.
        reviews            INTEGER NOT NULL DEFAULT 0,
        created_at         TEXT NOT NULL,
        created_by         TEXT,
        updated_at         TEXT NOT NULL
      ) STRICT;
      CREATE INDEX complaints_status ON complaints (status, accepted_date);
      CREATE INDEX complaints_customer ON complaints (customer_id);

      -- Every change, time-stamped and attributed: transitions, extensions (approver, reason), pauses, reviews.
      CREATE TABLE complaint_events (
        id           INTEGER PRIMARY KEY,
        complaint_id INTEGER NOT NULL REFERENCES complaints (id) ON DELETE CASCADE,
        at           TEXT NOT NULL,
        kind         TEXT NOT NULL CHECK (kind IN ('register', 'transition', 'extend', 'pause', 'resume', 'review')),
        from_status  TEXT,
        to_status    TEXT,
        staff_code   TEXT,
        detail       TEXT
      ) STRICT;
      CREATE INDEX complaint_events_complaint ON complaint_events (complaint_id, id);

      -- Time on appraisal or a third party: from its first day to the day it was resumed (NULL: still paused).
      CREATE TABLE complaint_pauses (
        id           INTEGER PRIMARY KEY,
        complaint_id INTEGER NOT NULL REFERENCES complaints (id) ON DELETE CASCADE,
        from_date    TEXT NOT NULL,
        to_date      TEXT,
        reason       TEXT NOT NULL
      ) STRICT;
      CREATE INDEX complaint_pauses_complaint ON complaint_pauses (complaint_id);
    `);
  },
};
