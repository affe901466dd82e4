import type { Database } from 'better-sqlite3';

/** Holdings maturing from `from` to `to` (inclusive): [customer id, product key, maturity date]. */
export function listMaturitiesBetween(sqlite: Database, from: string, to: string): Array<[number, string, string]> {
  return sqlite
    .prepare(
      'SELECT customer_id, product_key, maturity_date FROM holdings WHERE maturity_date >= ? AND maturity_date <= ?',
    )
    .raw()
    .all(from, to) as Array<[number, string, string]>;
}

/** Returns a function that reads one holding's product name and amount (prepared once for a whole calendar). */
export function prepareHoldingProductLookup(
  sqlite: Database,
): (customerId: number, productKey: string) => [productName: string, amountFen: number | null] {
  const statement = sqlite
    .prepare('SELECT product_name, amount FROM holdings WHERE customer_id = ? AND product_key = ?')
    .raw();
  return (customerId, productKey) => statement.get(customerId, productKey) as [string, number | null];
}
