import type { Database } from 'better-sqlite3';

/** Reads what a backup's database holds: its customers, its latest month of assets and its audit entries. */
export function readBackupSummary(db: Database): {
  customers: number;
  latestMonth: string | null;
  auditEntries: number;
} {
  const count = (sql: string) => db.prepare(sql).pluck().get() as number | string | null;
  return {
    customers: count('SELECT count(*) FROM customers') as number,
    latestMonth: (count('SELECT max(month) FROM monthly_assets') as string | null) ?? null,
    auditEntries: count('SELECT count(*) FROM audit_log') as number,
  };
}
