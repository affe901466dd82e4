import type { Database } from 'better-sqlite3';
import type { TierDef, TierRuleSet } from '../../../../shared/schemas/tiers';
import type { TierOverride } from '../../engine/tiering';

/** All rule sets, oldest first. */
export function listTierRuleSets(sqlite: Database): TierRuleSet[] {
  const rows = sqlite.prepare('SELECT valid_from, basis, tiers FROM tier_rule_sets ORDER BY valid_from').all() as Array<{
    valid_from: string;
    basis: 'avg' | 'month_end';
    tiers: string;
  }>;
  return rows.map((r) => ({ validFrom: r.valid_from, basis: r.basis, tiers: JSON.parse(r.tiers) as TierDef[] }));
}

export function saveTierRuleSet(sqlite: Database, rules: TierRuleSet, now: string, by: string | null): void {
  sqlite
    .prepare('INSERT OR REPLACE INTO tier_rule_sets (valid_from, basis, tiers, created_at, created_by) VALUES (?, ?, ?, ?, ?)')
    .run(rules.validFrom, rules.basis, JSON.stringify(rules.tiers), now, by);
}

/** Overrides by customer id. */
export function listTierOverrides(sqlite: Database, customerId?: number): Map<number, TierOverride[]> {
  const rows = (
    customerId === undefined
      ? sqlite.prepare('SELECT customer_id, tier_code, reason, from_month, until_month FROM tier_overrides').all()
      : sqlite.prepare('SELECT customer_id, tier_code, reason, from_month, until_month FROM tier_overrides WHERE customer_id = ?').all(customerId)
  ) as Array<{ customer_id: number; tier_code: string; reason: string; from_month: string; until_month: string }>;
  const byCustomer = new Map<number, TierOverride[]>();
  for (const r of rows) {
    const list = byCustomer.get(r.customer_id) ?? [];
    list.push({ tierCode: r.tier_code, reason: r.reason, from: r.from_month, until: r.until_month });
    byCustomer.set(r.customer_id, list);
  }
  return byCustomer;
}
