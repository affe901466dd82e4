import type { Migration } from './types';

/**
 * The relationship manager's workbench: what a customer's care calendar needs (lunar birthday kept, ID
 * document expiry), weekly work plans, customer events with invitees, and the contact standards moved out of the
 * warning settings into their own setting. Never edit once landed.
 */
export const m0013Workbench: Migration = {
  version: 13,
  name: 'workbench',
  up(db) {
    db.exec(`
      -- 1: the customer keeps the lunar birthday (农历生日); the care calendar converts it each year.
      ALTER TABLE customers ADD COLUMN lunar_birthday INTEGER NOT NULL DEFAULT 0 CHECK (lunar_birthday IN (0, 1));
      ALTER TABLE customers ADD COLUMN id_expiry_date TEXT;

      -- Customer events (客户活动): forums, salons, care visits.
      CREATE TABLE events (
        id          INTEGER PRIMARY KEY,
        title       TEXT NOT NULL,
        kind        TEXT NOT NULL CHECK (kind IN ('forum', 'salon', 'care_visit', 'other')),
        event_date  TEXT NOT NULL,
        place       TEXT,
        owner_code  TEXT REFERENCES staff (code) ON UPDATE CASCADE ON DELETE SET NULL,
        notes       TEXT,
        created_at  TEXT NOT NULL,
        created_by  TEXT
      ) STRICT;
      CREATE INDEX events_date ON events (event_date);

      CREATE TABLE event_invitees (
        event_id    INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
        customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
        status      TEXT NOT NULL DEFAULT 'invited' CHECK (status IN ('invited', 'attended', 'absent')),
        -- What came of it (跟进结果), after the event.
        follow_up   TEXT,
        invited_at  TEXT NOT NULL,
        invited_by  TEXT,
        PRIMARY KEY (event_id, customer_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX event_invitees_customer ON event_invitees (customer_id);

      -- A manager's weekly plan (工作计划): one item per customer and kind of work, or an event to hold.
      CREATE TABLE plan_items (
        id           INTEGER PRIMARY KEY,
        manager_code TEXT NOT NULL REFERENCES staff (code) ON UPDATE CASCADE ON DELETE CASCADE,
        -- The Monday of the week.
        week         TEXT NOT NULL,
        kind         TEXT NOT NULL CHECK (kind IN ('contact', 'visit', 'event')),
        customer_id  INTEGER REFERENCES customers (id) ON DELETE CASCADE,
        event_id     INTEGER REFERENCES events (id) ON DELETE CASCADE,
        -- Why it was planned (the suggestion it came from), for the list.
        reason       TEXT NOT NULL,
        note         TEXT,
        -- Marked done by hand; otherwise a contact in the week (a visit for a visit) completes it.
        done_date    TEXT,
        created_at   TEXT NOT NULL,
        created_by   TEXT,
        CHECK ((customer_id IS NULL) <> (event_id IS NULL))
      ) STRICT;
      -- Once per week, kind and customer (or event); also the week's list of a manager.
      CREATE UNIQUE INDEX plan_items_once ON plan_items (week, manager_code, kind, ifnull(customer_id, 0), ifnull(event_id, 0));
    `);
    // The contact standards leave the warning settings (the warning model reads them from their own setting).
    const stored = db.prepare("SELECT value FROM branch_settings WHERE key = 'warning_settings'").pluck().get() as
      string | undefined;
    if (stored === undefined) return;
    const { contactDays, ...warning } = JSON.parse(stored) as { contactDays?: Record<string, number> };
    if (contactDays === undefined) return;
    const tiers = Object.fromEntries(
      Object.entries(contactDays).map(([code, days]) => [
        code,
        { contactDays: days, visitDays: code === 'T4' ? 92 : null },
      ]),
    );
    db.prepare("UPDATE branch_settings SET value = ? WHERE key = 'warning_settings'").run(JSON.stringify(warning));
    db.prepare("INSERT INTO branch_settings (key, value) VALUES ('contact_standards', ?)").run(
      JSON.stringify({ tiers }),
    );
  },
};
