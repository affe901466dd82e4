import type { Migration } from './types';

/** Contact log (接触记录), retention actions (保级行动), and an index of closed customers. Never edit once landed. */
export const m0007Retention: Migration = {
  version: 7,
  name: 'retention',
  up(db) {
    db.exec(`
      -- What a retention action answers: the customer's tier in a warning month; its outcome follows from the
      -- months after (保级成功 / 已降级 / 流失) unless a person set one, with a reason.
      CREATE TABLE retention_actions (
        id             INTEGER PRIMARY KEY,
        customer_id    INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
        month          TEXT NOT NULL,
        tier_code      TEXT NOT NULL,
        kind           TEXT NOT NULL CHECK (kind IN ('phone', 'visit', 'proposal', 'event', 'care', 'complaint')),
        owner_code     TEXT REFERENCES staff (code) ON UPDATE CASCADE ON DELETE SET NULL,
        due_date       TEXT NOT NULL,
        notes          TEXT,
        risk_score     INTEGER,
        -- When the action was carried out (a contact logged for it).
        done_date      TEXT,
        outcome        TEXT CHECK (outcome IN ('open', 'saved', 'downgraded', 'churned')),
        outcome_reason TEXT,
        created_at     TEXT NOT NULL,
        created_by     TEXT,
        updated_at     TEXT NOT NULL,
        CHECK ((outcome IS NULL) = (outcome_reason IS NULL))
      ) STRICT;
      CREATE INDEX retention_actions_owner ON retention_actions (owner_code, due_date);
      CREATE INDEX retention_actions_customer ON retention_actions (customer_id);

      CREATE TABLE contacts (
        id           INTEGER PRIMARY KEY,
        customer_id  INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
        contact_date TEXT NOT NULL,
        channel      TEXT NOT NULL CHECK (channel IN ('phone', 'visit', 'branch', 'wechat', 'sms', 'event')),
        staff_code   TEXT REFERENCES staff (code) ON UPDATE CASCADE ON DELETE SET NULL,
        purpose      TEXT NOT NULL CHECK (purpose IN ('retention', 'care', 'product', 'service', 'complaint', 'other')),
        note         TEXT,
        action_id    INTEGER REFERENCES retention_actions (id) ON DELETE SET NULL,
        created_at   TEXT NOT NULL,
        created_by   TEXT
      ) STRICT;
      -- A customer's log, and every customer's last contact (max per customer from the index).
      CREATE INDEX contacts_customer ON contacts (customer_id, contact_date);

      -- Customers closed by a date (the two-period analysis counts them as churned) without a scan.
      CREATE INDEX customers_closed ON customers (closed_date) WHERE closed_date IS NOT NULL;
    `);
  },
};
