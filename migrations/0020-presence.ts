import type { Migration } from './types';

/**
 * Presence (docs/domain.md, "Presence"): each rule set says how many consecutive months without data a customer keeps
 * its assessment for (3 until changed), and every stored tier result is marked stale so the next start reassesses
 * every month under the presence rules (customers before their first data, without data for too long or closed
 * leave every tier). Never edit once landed.
 */
export const m0020Presence: Migration = {
  version: 20,
  name: 'presence',
  up(db) {
    db.exec(`
      ALTER TABLE tier_rule_sets ADD COLUMN missing_months_kept INTEGER NOT NULL DEFAULT 3
        CHECK (missing_months_kept BETWEEN 0 AND 12);
      INSERT INTO branch_settings (key, value) VALUES ('tiers_stale_from', '0000-01')
        ON CONFLICT (key) DO UPDATE SET value = excluded.value;
    `);
  },
};
