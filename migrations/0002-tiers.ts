import { DEFAULT_TIER_RULE_SET } from '../shared/schemas/tiers';
import type { Migration } from './types';

/** Tier rule sets (effective-dated), manual overrides, and per-month tier snapshots. Never edit once landed. */
export const m0002Tiers: Migration = {
  version: 2,
  name: 'tiers',
  up(db) {
    db.exec(`
      -- A rule set applies from valid_from until the next one; tiers is JSON (code, name, thresholdFen, graceMonths).
      CREATE TABLE tier_rule_sets (
        valid_from TEXT PRIMARY KEY,
        basis      TEXT NOT NULL CHECK (basis IN ('avg', 'month_end')),
        tiers      TEXT NOT NULL,
        created_at TEXT NOT NULL,
        created_by TEXT
      ) STRICT;

      CREATE TABLE tier_overrides (
        id          INTEGER PRIMARY KEY,
        customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
        tier_code   TEXT NOT NULL,
        reason      TEXT NOT NULL,
        from_month  TEXT NOT NULL,
        until_month TEXT NOT NULL,
        created_at  TEXT NOT NULL,
        created_by  TEXT
      ) STRICT;
      CREATE INDEX tier_overrides_customer ON tier_overrides (customer_id);

      -- Row-per-customer-month storage would cost millions of inserts on every recompute (see bench).
      -- Each month's customer ids and 月日均 as packed columns (rewritten only when assets change).
      CREATE TABLE month_values (
        month       TEXT PRIMARY KEY,
        customers   INTEGER NOT NULL,
        columns     BLOB NOT NULL,
        computed_at TEXT NOT NULL
      ) STRICT;

      -- Every customer's tier state for a month, aligned slot by slot with month_values of the same month.
      -- summary (JSON counts and 月日均 per tier and status) sits before the large columns blob, so reading it
      -- never touches the blob's overflow pages.
      CREATE TABLE tier_snapshots (
        month       TEXT PRIMARY KEY,
        tier_codes  TEXT NOT NULL,
        customers   INTEGER NOT NULL,
        summary     TEXT NOT NULL,
        columns     BLOB NOT NULL,
        computed_at TEXT NOT NULL
      ) STRICT;
    `);
    db.prepare('INSERT INTO tier_rule_sets (valid_from, basis, tiers, created_at) VALUES (?, ?, ?, ?)').run(
      DEFAULT_TIER_RULE_SET.validFrom,
      DEFAULT_TIER_RULE_SET.basis,
      JSON.stringify(DEFAULT_TIER_RULE_SET.tiers),
      new Date(0).toISOString(),
    );
  },
};
