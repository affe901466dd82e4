import type { Migration } from './types';

/**
 * Tellers never see a customer's balance any more (it stopped being a setting); what the branch may still choose is
 * whether they see its tier counts and 月日均 totals. The stored access settings lose the old flag and gain the new
 * one (on, as before). Never edit once landed.
 */
export const m0015TellerBranchFigures: Migration = {
  version: 15,
  name: 'teller-branch-figures',
  up(db) {
    const stored = db.prepare("SELECT value FROM branch_settings WHERE key = 'access_settings'").pluck().get() as
      string | undefined;
    if (stored === undefined) return;
    const settings = JSON.parse(stored) as Record<string, unknown>;
    delete settings.tellerHidesBalances;
    db.prepare("UPDATE branch_settings SET value = ? WHERE key = 'access_settings'").run(
      JSON.stringify({ ...settings, tellerSeesAggregates: true }),
    );
  },
};
