import type { Migration } from './types';

/**
 * Campaign lists (名单制营销, docs/domain.md "Campaign lists"): a campaign, its members (from a saved segment or head
 * office's list, each row as head office sent it), each member's assigned manager, hold-out flag and status.
 * Read live (nothing decoded reads them): no version triggers (platform/derived-data.test.ts). Never edit once landed.
 */
export const m0030Campaigns: Migration = {
  version: 30,
  name: 'campaigns',
  up(db) {
    db.exec(`
      CREATE TABLE campaigns (
        id            INTEGER PRIMARY KEY,
        name          TEXT NOT NULL,
        -- aum: 月日均 up; tier: reach goal_target (a tier code); product: take up a product of type goal_target;
        -- reinvest: re-invest maturities (any product started in the period).
        goal_kind     TEXT NOT NULL CHECK (goal_kind IN ('aum', 'tier', 'product', 'reinvest')),
        goal_target   TEXT,
        start_date    TEXT NOT NULL CHECK (start_date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
        end_date      TEXT NOT NULL CHECK (end_date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
        -- Members still 待联系 after this day are overdue.
        contact_by    TEXT NOT NULL,
        owner_code    TEXT NOT NULL,
        -- segment: a saved segment as of baseline_month; file: head office's list.
        source        TEXT NOT NULL CHECK (source IN ('segment', 'file')),
        source_name   TEXT NOT NULL,
        -- JSON array: head office's column headers in their order (a segment's: empty).
        columns       TEXT NOT NULL DEFAULT '[]',
        -- The header of the column the customer number was found in (file only).
        number_column TEXT,
        baseline_month TEXT,
        holdout_share REAL NOT NULL DEFAULT 0 CHECK (holdout_share >= 0 AND holdout_share <= 0.5),
        holdout_seed  INTEGER NOT NULL DEFAULT 0,
        created_at    TEXT NOT NULL,
        created_by    TEXT,
        CHECK (end_date >= start_date)
      ) STRICT;

      CREATE TABLE campaign_members (
        id               INTEGER PRIMARY KEY,
        campaign_id      INTEGER NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
        -- The member's place in the list as it came (1-based).
        row_no           INTEGER NOT NULL,
        customer_no      TEXT NOT NULL,
        -- Null: not a customer of the branch (listed, never dropped).
        customer_id      INTEGER REFERENCES customers (id) ON DELETE SET NULL,
        -- The manager of record when the campaign was made (else the 支行长): a handover does not move it.
        assigned_code    TEXT,
        holdout          INTEGER NOT NULL DEFAULT 0 CHECK (holdout IN (0, 1)),
        status           TEXT NOT NULL DEFAULT 'pending'
                           CHECK (status IN ('pending', 'contacted', 'unreachable', 'interested', 'done', 'refused')),
        status_date      TEXT,
        -- Who set the status last: the credit for the member.
        worked_by        TEXT,
        note             TEXT,
        contact_id       INTEGER REFERENCES contacts (id) ON DELETE SET NULL,
        -- JSON array: the row's cells as head office sent them (a segment's: empty).
        source_row       TEXT NOT NULL DEFAULT '[]',
        baseline_aum_fen INTEGER,
        baseline_tier    TEXT,
        UNIQUE (campaign_id, customer_no)
      ) STRICT;
      CREATE INDEX campaign_members_customer ON campaign_members (customer_id, campaign_id);
      CREATE INDEX campaign_members_status ON campaign_members (campaign_id, status);
    `);
  },
};
