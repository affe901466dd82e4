import type { Database } from 'better-sqlite3';

/** A customer-master row as the dimensions read it (see `listCustomerAttributeRows`). */
export type CustomerAttributeRow = [
  id: number,
  opened: string | null,
  closed: string | null,
  riskAssessed: string | null,
  risk: string | null,
  manager: string | null,
  birth: string | null,
  gender: string | null,
  occupation: string | null,
  income: number | null,
  lunar: number,
  idExpiry: string | null,
];

const ATTRIBUTE_COLUMNS =
  'id, opened_date, closed_date, risk_assessed_date, risk_level, manager_code, birth_date, gender, occupation, annual_income, lunar_birthday, id_expiry_date';

/**
 * The customers' columns the dimensions and the group analysis need, in one pass over the customer master: every
 * customer's, or (`ids`) those whose id is in [from, to).
 */
export function listCustomerAttributeRows(
  sqlite: Database,
  ids?: { from: number; to: number },
): CustomerAttributeRow[] {
  const rows = ids
    ? sqlite.prepare(`SELECT ${ATTRIBUTE_COLUMNS} FROM customers WHERE id >= ? AND id < ?`).raw().all(ids.from, ids.to)
    : sqlite.prepare(`SELECT ${ATTRIBUTE_COLUMNS} FROM customers`).raw().all();
  return rows as CustomerAttributeRow[];
}

/**
 * For each customer moved after `date`, the manager before the first such move, and whether that move was a first
 * assignment (from nobody): what the managers of record on `date` differ by from today's (docs/domain.md, "Book
 * history").
 */
export function listFirstMovesAfter(
  sqlite: Database,
  date: string,
): Array<[customerId: number, fromCode: string | null, toCode: string | null]> {
  return sqlite
    .prepare(
      `SELECT customer_id, from_code, to_code FROM (
         SELECT customer_id, from_code, to_code,
           row_number() OVER (PARTITION BY customer_id ORDER BY effective_date, id) AS n
         FROM manager_changes WHERE effective_date > ?)
       WHERE n = 1`,
    )
    .raw()
    .all(date) as Array<[number, string | null, string | null]>;
}
