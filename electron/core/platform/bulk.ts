import type { Database } from 'better-sqlite3';
import { nameParts, prepareNameKeys, type NameKeys } from '../../../shared/name-keys';
import { loadPinyin } from './pinyin';

/**
 * Prepared-statement writers for bulk loads (demo data, imports). They never open transactions:
 * the calling service wraps the whole load in one.
 */

export interface NewCustomerRecord {
  customer_no: string;
  name: string;
  gender: 'M' | 'F' | null;
  id_number: string | null;
  birth_date: string | null;
  mobile: string | null;
  occupation: string | null;
  annual_income: number | null;
  risk_level: string | null;
  risk_assessed_date: string | null;
  risk_assessed_channel?: string | null;
  opened_date: string | null;
  closed_date: string | null;
  manager_code: string | null;
  /** Not in head-office files yet: the demo sets them. */
  lunar_birthday?: number;
  id_expiry_date?: string | null;
}

export interface NewMonthlyAssetsRecord {
  customer_id: number;
  month: string;
  aum_avg: number;
  deposit_avg: number | null;
  demand_avg: number | null;
  wealth_avg: number | null;
  fund_avg: number | null;
  insurance_avg: number | null;
  other_avg: number | null;
  loan_avg: number | null;
  aum_month_end: number | null;
}

export interface NameKeyColumns {
  name_pinyin: string;
  name_initials: string;
  name_first_pinyin: string;
}

/**
 * Returns a function giving the search-key columns of a name, written wherever the name is (docs/domain.md, "Finding a
 * customer"); the pinyin dictionary is loaded when it first converts one, and each distinct name is converted once.
 */
export function prepareNameKeyColumns(): (name: string) => NameKeyColumns {
  let keysOf: ((name: string) => NameKeys) | null = null;
  const converted = new Map<string, NameKeyColumns>();
  return (name) => {
    let columns = converted.get(name);
    if (columns === undefined) {
      keysOf ??= prepareNameKeys(loadPinyin());
      const keys = keysOf(name);
      columns = { name_pinyin: keys.full, name_initials: keys.initials, name_first_pinyin: keys.first };
      converted.set(name, columns);
    }
    return columns;
  };
}

/**
 * Returns a function that writes the parts of a customer's name (docs/domain.md, "Finding a customer"), replacing
 * any (`replace: false`: a customer just created, who has none).
 */
export function prepareNamePartsWrite(
  sqlite: Database,
  { replace }: { replace: boolean } = { replace: true },
): (customerId: number, name: string) => void {
  const clear = sqlite.prepare('DELETE FROM customer_name_parts WHERE customer_id = ?');
  const insert = sqlite.prepare('INSERT INTO customer_name_parts (part, customer_id) VALUES (?, ?)');
  return (customerId, name) => {
    if (replace) clear.run(customerId);
    for (const part of nameParts(name)) insert.run(part, customerId);
  };
}

/** How many rows `table` has. */
export function countRows(sqlite: Database, table: 'customers'): number {
  return sqlite.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
}

/**
 * Runs `work` (inside the caller's transaction) with `table`'s plain secondary indexes dropped, then builds them again
 * from their own definitions: for a bulk insert that at least doubles a table, sorting each index once is faster than
 * keeping a dozen of them up to date row by row (docs/architecture.md, "Data"). Unique indexes stay, as they check
 * the rows as they come.
 */
export function withIndexesRebuilt<T>(sqlite: Database, table: 'customers' | 'customer_name_parts', work: () => T): T {
  const indexes = sqlite
    .prepare(
      "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%'",
    )
    .all(table) as Array<{ name: string; sql: string }>;
  for (const index of indexes) sqlite.exec(`DROP INDEX "${index.name}"`);
  const result = work();
  for (const index of indexes) sqlite.exec(index.sql);
  return result;
}

/**
 * Returns a function that inserts one customer (with its name's search keys, and unless `nameParts` is false its
 * name's parts: see `insertNamePartsAfter`) and gives back its id.
 */
export function prepareCustomerInsert(
  sqlite: Database,
  now: string,
  { nameParts = true }: { nameParts?: boolean } = {},
): (row: NewCustomerRecord) => number {
  const statement = sqlite.prepare(`
    INSERT INTO customers (customer_no, name, gender, id_number, birth_date, mobile, occupation, annual_income,
      risk_level, risk_assessed_date, risk_assessed_channel, opened_date, closed_date, manager_code, lunar_birthday,
      id_expiry_date, name_pinyin, name_initials, name_first_pinyin, created_at, updated_at)
    VALUES (${'?, '.repeat(20)}?)`);
  const writeNameParts = nameParts ? prepareNamePartsWrite(sqlite, { replace: false }) : null;
  const nameKeyColumns = prepareNameKeyColumns();
  return (row) => {
    const keys = nameKeyColumns(row.name);
    const id = Number(
      statement.run(
        row.customer_no,
        row.name,
        row.gender,
        row.id_number,
        row.birth_date,
        row.mobile,
        row.occupation,
        row.annual_income,
        row.risk_level,
        row.risk_assessed_date,
        row.risk_assessed_channel ?? null,
        row.opened_date,
        row.closed_date,
        row.manager_code,
        row.lunar_birthday ?? 0,
        row.id_expiry_date ?? null,
        keys.name_pinyin,
        keys.name_initials,
        keys.name_first_pinyin,
        now,
        now,
      ).lastInsertRowid,
    );
    writeNameParts?.(id, row.name);
    return id;
  };
}

/** The highest customer id (0 without customers): the customers inserted after it have higher ones. */
export function lastCustomerId(sqlite: Database): number {
  return sqlite.prepare('SELECT coalesce(max(id), 0) FROM customers').pluck().get() as number;
}

/**
 * Writes the name parts (see `nameParts` in shared/name-keys.ts: each suffix after the first character, characters
 * counted as code points as SQLite's `substr` counts them) of the customers with ids above `lastId`, in one
 * statement, in the order of the table's key: the rows go in as an append, not one search of the tree each.
 */
export function insertNamePartsAfter(sqlite: Database, lastId: number): void {
  sqlite
    .prepare(
      `WITH RECURSIVE parts (part, customer_id) AS (
         SELECT substr(name, 2), id FROM customers WHERE id > ? AND length(name) > 1
         UNION ALL SELECT substr(part, 2), customer_id FROM parts WHERE length(part) > 1)
       INSERT INTO customer_name_parts (part, customer_id) SELECT part, customer_id FROM parts ORDER BY part, customer_id`,
    )
    .run(lastId);
}

export const MONTHLY_ASSETS_INSERT_SQL = `
  INSERT INTO monthly_assets (customer_id, month, aum_avg, deposit_avg, demand_avg, wealth_avg, fund_avg,
    insurance_avg, other_avg, loan_avg, aum_month_end)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

/** Returns a function that inserts one month of one customer's assets. */
export function prepareMonthlyAssetsInsert(sqlite: Database): (row: NewMonthlyAssetsRecord) => void {
  const statement = sqlite.prepare(MONTHLY_ASSETS_INSERT_SQL);
  return (row) => {
    statement.run(
      row.customer_id,
      row.month,
      row.aum_avg,
      row.deposit_avg,
      row.demand_avg,
      row.wealth_avg,
      row.fund_avg,
      row.insurance_avg,
      row.other_avg,
      row.loan_avg,
      row.aum_month_end,
    );
  };
}

export function prepareStaffInsert(sqlite: Database, now: string) {
  const statement = sqlite.prepare('INSERT INTO staff (code, name, role, active, created_at) VALUES (?, ?, ?, 1, ?)');
  return (row: { code: string; name: string; role: string }) => {
    statement.run(row.code, row.name, row.role, now);
  };
}
