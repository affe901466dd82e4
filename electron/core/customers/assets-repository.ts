import type { Database } from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { DB } from '../platform/schema';

/** One customer's months, oldest first: a primary-key probe per month with data (the key leads with the month). */
export async function findMonthlyAssetsOfCustomer(db: Kysely<DB>, customerId: number) {
  const months = await listAssetMonths(db);
  if (months.length === 0) return [];
  return db
    .selectFrom('monthly_assets')
    .selectAll()
    .where('month', 'in', months)
    .where('customer_id', '=', customerId)
    .orderBy('month')
    .execute();
}

/**
 * Months that have asset data, newest first. Walks the (month, …) index one distinct month at a time
 * (a `max` per step) instead of scanning millions of rows for DISTINCT.
 */
export async function listAssetMonths(db: Kysely<DB>): Promise<string[]> {
  const months: string[] = [];
  let before: string | null = null;
  for (;;) {
    const query = db.selectFrom('monthly_assets').select((eb) => eb.fn.max('month').as('month'));
    const row: { month: string | null } | undefined = await (
      before === null ? query : query.where('month', '<', before)
    ).executeTakeFirst();
    if (!row?.month) return months;
    months.push(row.month);
    before = row.month;
  }
}

/** The first or last month with asset data, from the month index (a lone min() or max() does not scan). */
export function edgeAssetMonth(sqlite: Database, edge: 'first' | 'last'): string | null {
  return sqlite
    .prepare(`SELECT ${edge === 'first' ? 'min' : 'max'}(month) FROM monthly_assets`)
    .pluck()
    .get() as string | null;
}

/** 理财 月日均 (分) of these customers in a month; customers without data that month are absent. */
export function findWealthOfCustomers(
  sqlite: Database,
  month: string,
  customerIds: readonly number[],
): Map<number, number> {
  if (customerIds.length === 0) return new Map();
  const rows = sqlite
    .prepare(
      'SELECT customer_id, ifnull(wealth_avg, 0) FROM monthly_assets WHERE month = ? AND customer_id IN (SELECT value FROM json_each(?))',
    )
    .raw()
    .all(month, JSON.stringify(customerIds)) as Array<[number, number]>;
  return new Map(rows);
}
