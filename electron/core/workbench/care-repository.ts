import type { Database } from 'better-sqlite3';

/** Holdings maturing from `from` to `to` (inclusive), of a book or (null) the branch: [customer id, product key, maturity date]. */
export function listMaturitiesBetween(
  sqlite: Database,
  from: string,
  to: string,
  managerCode: string | null,
): Array<[number, string, string]> {
  const between = '(h.maturity_date >= ? AND h.maturity_date <= ?)';
  const statement =
    managerCode === null
      ? sqlite.prepare(`SELECT h.customer_id, h.product_key, h.maturity_date FROM holdings h WHERE ${between}`)
      : // A book's: its customers' holdings by the holdings' key, not the whole branch's window read and dropped.
        sqlite.prepare(
          `SELECT h.customer_id, h.product_key, h.maturity_date FROM customers c CROSS JOIN holdings h ON h.customer_id = c.id WHERE c.manager_code = ? AND +${between}`,
        );
  const params = managerCode === null ? [from, to] : [managerCode, from, to];
  return statement.raw().all(...params) as Array<[number, string, string]>;
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
