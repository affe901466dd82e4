import type { Database } from 'better-sqlite3';
import type { Selectable } from 'kysely';
import type { TierOverridesTable } from '../platform/schema';
import type { TierDef, TierRuleSet } from '../../../shared/schemas/tiers';
import type { TierOverride } from './tiering';

/** All rule sets, oldest first. */
export function listTierRuleSets(sqlite: Database): TierRuleSet[] {
  const rows = sqlite
    .prepare('SELECT valid_from, basis, tiers, missing_months_kept FROM tier_rule_sets ORDER BY valid_from')
    .all() as Array<{
    valid_from: string;
    basis: 'avg' | 'month_end';
    tiers: string;
    missing_months_kept: number;
  }>;
  return rows.map((r) => ({
    validFrom: r.valid_from,
    basis: r.basis,
    missingMonthsKept: r.missing_months_kept,
    tiers: JSON.parse(r.tiers) as TierDef[],
  }));
}

export function saveTierRuleSet(sqlite: Database, rules: TierRuleSet, now: string, by: string | null): void {
  sqlite
    .prepare(
      'INSERT OR REPLACE INTO tier_rule_sets (valid_from, basis, tiers, missing_months_kept, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?)',
    )
    .run(rules.validFrom, rules.basis, JSON.stringify(rules.tiers), rules.missingMonthsKept, now, by);
}

export function deleteTierRuleSet(sqlite: Database, validFrom: string): void {
  sqlite.prepare('DELETE FROM tier_rule_sets WHERE valid_from = ?').run(validFrom);
}

/** Overrides by customer id. */
export function listTierOverrides(sqlite: Database, customerId?: number): Map<number, TierOverride[]> {
  const rows = (
    customerId === undefined
      ? sqlite.prepare('SELECT * FROM tier_overrides').all()
      : sqlite.prepare('SELECT * FROM tier_overrides WHERE customer_id = ?').all(customerId)
  ) as TierOverrideRow[];
  const byCustomer = new Map<number, TierOverride[]>();
  for (const row of rows)
    byCustomer.set(row.customer_id, [...(byCustomer.get(row.customer_id) ?? []), toTierOverride(row)]);
  return byCustomer;
}

export function toTierOverride(row: TierOverrideRow): TierOverride {
  return { tierCode: row.tier_code, reason: row.reason, from: row.from_month, until: row.until_month };
}

export type TierOverrideRow = Selectable<TierOverridesTable>;

/** One customer's overrides, latest start first. */
export function listTierOverrideRows(sqlite: Database, customerId: number): TierOverrideRow[] {
  return sqlite
    .prepare('SELECT * FROM tier_overrides WHERE customer_id = ? ORDER BY from_month DESC, id DESC')
    .all(customerId) as TierOverrideRow[];
}

export function findTierOverride(sqlite: Database, id: number): TierOverrideRow | null {
  return (sqlite.prepare('SELECT * FROM tier_overrides WHERE id = ?').get(id) as TierOverrideRow | undefined) ?? null;
}

export function insertTierOverride(sqlite: Database, row: Omit<TierOverrideRow, 'id'>): number {
  return Number(
    sqlite
      .prepare(
        'INSERT INTO tier_overrides (customer_id, tier_code, reason, from_month, until_month, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)',
      )
      .run(row.customer_id, row.tier_code, row.reason, row.from_month, row.until_month, row.created_at, row.created_by)
      .lastInsertRowid,
  );
}

export function deleteTierOverride(sqlite: Database, id: number): void {
  sqlite.prepare('DELETE FROM tier_overrides WHERE id = ?').run(id);
}

/** The number of the customer with this id (an override's audit entry names the customer by it). */
export function findCustomerNoById(sqlite: Database, customerId: number): string {
  return sqlite.prepare('SELECT customer_no FROM customers WHERE id = ?').pluck().get(customerId) as string;
}
