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
