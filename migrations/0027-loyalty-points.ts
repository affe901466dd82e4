import type { Migration } from './types';

/**
 * The loyalty points plan (docs/domain.md, "Loyalty points"): its rules as effective-dated versions (none: the plan is
 * off), the append-only points ledger and the gift catalogue. Never edit once landed.
 */
export const m0027LoyaltyPoints: Migration = {
  version: 27,
  name: 'loyalty-points',
  up(db) {
    db.exec(`
      -- A version applies from valid_from until the next one; rules is the JSON of LoyaltyRuleSet.
      CREATE TABLE loyalty_rule_sets (
        valid_from TEXT PRIMARY KEY,
        rules      TEXT NOT NULL,
        created_at TEXT NOT NULL,
        created_by TEXT
      ) STRICT;

      CREATE TABLE loyalty_gifts (
        code         TEXT PRIMARY KEY,
        name         TEXT NOT NULL,
        points_price INTEGER NOT NULL CHECK (points_price > 0),
        stock        INTEGER NOT NULL CHECK (stock >= 0),
        active       INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
      ) STRICT;

      -- Append-only: a line is never changed; an earn line is undone by a reversal line naming it. month is the
      -- month a line counts in (the accrual month for earn and reversal lines).
      CREATE TABLE loyalty_ledger (
        id          INTEGER PRIMARY KEY,
        -- customers.id; no foreign key: checking one costs a monthly accrual of 200,000 lines a tenth of its time.
        -- Every writer takes the id from the customer row in the same transaction; the lines go with the customer.
        customer_id INTEGER NOT NULL,
        kind        TEXT NOT NULL CHECK (kind IN ('earn', 'bonus', 'redeem', 'expire', 'adjust', 'reversal')),
        points      INTEGER NOT NULL,
        month       TEXT NOT NULL,
        reverses    INTEGER REFERENCES loyalty_ledger (id),
        gift_code   TEXT,
        quantity    INTEGER,
        bonus_event TEXT CHECK (bonus_event IN ('event', 'survey', 'referral')),
        reason      TEXT,
        created_at  TEXT NOT NULL,
        created_by  TEXT,
        CHECK ((kind = 'reversal') = (reverses IS NOT NULL)),
        CHECK (kind NOT IN ('earn', 'bonus') OR points > 0),
        CHECK (kind NOT IN ('redeem', 'expire', 'reversal') OR points <= 0)
      ) STRICT;
      -- The years an expiry pass ran in: a new year's first recompute expires what the year before ended.
      CREATE TABLE loyalty_expiry_runs (
        year   INTEGER PRIMARY KEY,
        ran_at TEXT NOT NULL
      ) STRICT;

      CREATE INDEX loyalty_ledger_customer ON loyalty_ledger (customer_id, month);
      CREATE INDEX loyalty_ledger_month ON loyalty_ledger (month, kind);
      CREATE UNIQUE INDEX loyalty_ledger_reverses ON loyalty_ledger (reverses) WHERE reverses IS NOT NULL;
      CREATE TRIGGER loyalty_ledger_no_update BEFORE UPDATE ON loyalty_ledger
        BEGIN SELECT RAISE(ABORT, 'loyalty_ledger is append-only'); END;
      -- Lines go only with their customer (an import's new customers taken back by its undo).
      CREATE TRIGGER loyalty_ledger_no_delete BEFORE DELETE ON loyalty_ledger
        WHEN EXISTS (SELECT 1 FROM customers WHERE id = OLD.customer_id)
        BEGIN SELECT RAISE(ABORT, 'loyalty_ledger is append-only'); END;
      CREATE TRIGGER customers_delete_points AFTER DELETE ON customers
        BEGIN DELETE FROM loyalty_ledger WHERE customer_id = OLD.id; END;
    `);
  },
};
