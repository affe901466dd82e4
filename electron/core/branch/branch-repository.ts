import type { Database } from 'better-sqlite3';

/**
 * Everything recorded about customers, children before parents (the foreign keys), in one list: what clearing the
 * demo removes (a customer's points lines go with the customer, by trigger). The branch's configuration stays: rules,
 * settings, survey templates, saved segments, column layouts.
 */
const CUSTOMER_DATA_TABLES = [
  'handover_actions',
  'manager_changes',
  'handovers',
  'risk_assessments',
  'event_invitees',
  'events',
  'plan_items',
  'survey_answers',
  'survey_responses',
  'survey_tallies', // after the responses, whose delete trigger updates it
  'complaint_events',
  'complaint_pauses',
  'complaints',
  'contacts',
  'retention_actions',
  'tier_overrides',
  'benefit_uses',
  'holdings',
  'monthly_assets',
  'import_undo_customers',
  'import_undo_assets',
  'import_undo_holdings',
  'import_undo_staff',
  'import_undo_products',
  'import_batches',
  'tier_snapshots',
  'month_values',
  'customer_name_parts',
  'customers',
];

/**
 * Removes every customer and what is recorded about them, and the staff who cannot sign in (call inside the
 * transaction that records it). Returns how many customers and staff members went.
 */
export function clearCustomerData(sqlite: Database): { customers: number; staff: number } {
  const customers = sqlite.prepare('SELECT count(*) FROM customers').pluck().get() as number;
  for (const table of CUSTOMER_DATA_TABLES) sqlite.prepare(`DELETE FROM ${table}`).run();
  const staff = sqlite
    .prepare('DELETE FROM staff WHERE code NOT IN (SELECT code FROM staff_credentials)')
    .run().changes;
  return { customers, staff };
}

/** The SQLite library's version (the cipher build's, as linked into the app). */
export function sqliteVersion(sqlite: Database): string {
  return sqlite.prepare('SELECT sqlite_version()').pluck().get() as string;
}

/** What the branch holds so far, for the getting-started list. */
export function branchContents(sqlite: Database): {
  customers: number;
  managed: number;
  holdings: number;
  rulesSaved: boolean;
  lastImports: Record<string, string>;
} {
  const count = (sql: string) => sqlite.prepare(sql).pluck().get() as number;
  return {
    customers: count('SELECT count(*) FROM customers'),
    managed: count('SELECT count(*) FROM customers WHERE manager_code IS NOT NULL'),
    holdings: count('SELECT count(*) FROM holdings'),
    // Rules saved on their screen, or taken from a head-office rule package.
    rulesSaved:
      count("SELECT EXISTS (SELECT 1 FROM audit_log WHERE action IN ('tiers.saveRules', 'rules.importPackage'))") === 1,
    lastImports: Object.fromEntries(
      sqlite
        .prepare('SELECT kind, max(created_at) FROM import_batches WHERE undone_at IS NULL GROUP BY kind')
        .raw()
        .all() as Array<[string, string]>,
    ),
  };
}
