/** The SQL of the customer search (docs/domain.md, "Finding a customer"): each way to match, one index each. */
import type { Database } from 'better-sqlite3';
import { prefixUpperBound } from './customers-repository';

/** One customer found, as the search answers it (the service masks and labels it). */
export interface SearchRecord {
  id: number;
  customer_no: string;
  name: string;
  manager_name: string | null;
  mobile: string | null;
}

/** A column a search key is compared with; each has its own index (migration 0018, and 0001 for the others). */
export type KeyColumn = 'customer_no' | 'name' | 'name_pinyin' | 'name_initials' | 'name_first_pinyin';

/** How a key is compared: the whole key, or its start. */
export type KeyMatch = 'exact' | 'prefix';

export interface SearchScope {
  /** Only this manager's customers (a 客户经理's book), or the whole branch. */
  managerCode: string | null;
  limit: number;
}

const SELECT = `SELECT c.id, c.customer_no, c.name, s.name AS manager_name, c.mobile
  FROM customers c LEFT JOIN staff s ON s.code = c.manager_code`;

function run(sqlite: Database, where: string, order: string, params: unknown[], scope: SearchScope): SearchRecord[] {
  const book = scope.managerCode === null ? '' : ' AND c.manager_code = ?';
  const bookParams = scope.managerCode === null ? [] : [scope.managerCode];
  return sqlite
    .prepare(`${SELECT} WHERE ${where}${book} ORDER BY ${order} LIMIT ?`)
    .all(...params, ...bookParams, scope.limit) as SearchRecord[];
}

/**
 * Customers whose key equals `text`, or starts with it, in the key's order (a shorter key first) — walked in its
 * index, so a one-letter prefix costs what a whole key does.
 */
export function findByKey(
  sqlite: Database,
  column: KeyColumn,
  match: KeyMatch,
  text: string,
  scope: SearchScope,
): SearchRecord[] {
  if (match === 'exact') return run(sqlite, `c.${column} = ?`, 'c.id', [text], scope);
  return run(
    sqlite,
    `c.${column} >= ? AND c.${column} < ?`,
    `c.${column}, c.id`,
    [text, prefixUpperBound(text)],
    scope,
  );
}

/** Customers whose mobile ends with these 4 digits (its generated column's index). */
export function findByMobileLast4(sqlite: Database, last4: string, scope: SearchScope): SearchRecord[] {
  return run(sqlite, 'c.mobile_last4 = ?', 'c.id', [last4], scope);
}

/** Customers whose name starts with this character, in the order they came (not the name's: it would tell the rest). */
export function findByFirstCharacter(sqlite: Database, character: string, scope: SearchScope): SearchRecord[] {
  return run(sqlite, 'substr(c.name, 1, 1) = ?', 'c.id', [character], scope);
}

/** Customers whose name holds `text` after its first character, in name order (a walk of the name index). */
export function findByNamePart(sqlite: Database, text: string, scope: SearchScope): SearchRecord[] {
  return run(sqlite, 'instr(c.name, ?) > 1', 'c.name, c.id', [text], scope);
}
