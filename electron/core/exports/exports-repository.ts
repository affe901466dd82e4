import type { Database } from 'better-sqlite3';
import type { CellValue } from './report-writer';

/**
 * Returns a function that reads the next `limit` customers after an id (of a book, or all with null) as 客户明细
 * rows: number, name, gender, birth date, ID number, mobile, manager code and name, opening date, the id (column 9,
 * where the sheet puts the tier), a blank for the status, then the month's 月日均 and its parts.
 */
export function prepareCustomerDetailRows(
  sqlite: Database,
  limit: number,
): (month: string, afterId: number, managerCode: string | null) => CellValue[][] {
  const statement = sqlite.prepare(
    `SELECT c.customer_no, c.name, c.gender, c.birth_date, c.id_number, c.mobile,
            c.manager_code, s.name, c.opened_date, c.id, NULL,
            a.aum_avg, a.deposit_avg, a.demand_avg, a.wealth_avg, a.fund_avg, a.insurance_avg, a.other_avg
     FROM customers c LEFT JOIN staff s ON s.code = c.manager_code LEFT JOIN monthly_assets a ON a.month = ? AND a.customer_id = c.id
     WHERE c.id > ? AND (? IS NULL OR c.manager_code = ?) ORDER BY c.id LIMIT ${limit}`,
  );
  return (month, afterId, managerCode) =>
    statement.raw().all(month, afterId, managerCode, managerCode) as CellValue[][];
}

/** How many customers a book has (every customer with null). */
export function countCustomersOfBook(sqlite: Database, managerCode: string | null): number {
  return sqlite
    .prepare('SELECT count(*) FROM customers WHERE ? IS NULL OR manager_code = ?')
    .pluck()
    .get(managerCode, managerCode) as number;
}

/** Returns a function that reads a customer's ID number and mobile, unmasked, by number (prepared once for a list). */
export function prepareUnmaskedContactLookup(
  sqlite: Database,
): (customerNo: string) => [idNumber: string | null, mobile: string | null] {
  const statement = sqlite.prepare('SELECT id_number, mobile FROM customers WHERE customer_no = ?').raw();
  return (customerNo) => statement.get(customerNo) as [string | null, string | null];
}

/** Returns a function that reads a customer's mobile by number (prepared once for a list). */
export function prepareMobileLookup(sqlite: Database): (customerNo: string) => string | null {
  const statement = sqlite.prepare('SELECT mobile FROM customers WHERE customer_no = ?').pluck();
  return (customerNo) => statement.get(customerNo) as string | null;
}

/** Audit entries from `from` to before `until`, oldest first: id, at, actor, action, target, detail, hash. */
export function listAuditRowsBetween(sqlite: Database, from: string, until: string): CellValue[][] {
  return sqlite
    .prepare('SELECT id, at, actor, action, target, detail, hash FROM audit_log WHERE at >= ? AND at < ? ORDER BY id')
    .raw()
    .all(from, until) as CellValue[][];
}
