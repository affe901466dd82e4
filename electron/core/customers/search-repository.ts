/** The SQL of the customer search (docs/domain.md, "Finding a customer"): each way to match, one index each. */
import type { Database } from 'better-sqlite3';
import { prefixUpperBound } from './customers-repository';

/** One customer found, as the search answers it (the service masks and labels it). */
export interface SearchRecord {
  id: number;
  customer_no: string;
  name: string;
  manager_code: string | null;
  manager_name: string | null;
  mobile: string | null;
}

/** A column a search key is compared with; each has its own index (migration 0019, and 0001 for the others). */
export type KeyColumn = 'customer_no' | 'name' | 'name_pinyin' | 'name_initials';

/** How a key is compared: the whole key, or its start. */
export type KeyMatch = 'exact' | 'prefix';

export interface SearchScope {
  /** Only this manager's customers (a 客户经理's book), or the whole branch. */
  managerCode: string | null;
  limit: number;
}

const COLUMNS = 'c.id, c.customer_no, c.name, c.manager_code, s.name AS manager_name, c.mobile';
const FROM_CUSTOMERS = 'customers c LEFT JOIN staff s ON s.code = c.manager_code';

function run(
  sqlite: Database,
  query: { from?: string; where: string; order: string },
  params: unknown[],
  scope: SearchScope,
): SearchRecord[] {
  const book = scope.managerCode === null ? '' : ' AND c.manager_code = ?';
  const bookParams = scope.managerCode === null ? [] : [scope.managerCode];
  return sqlite
    .prepare(
      `SELECT ${COLUMNS} FROM ${query.from ?? FROM_CUSTOMERS} WHERE ${query.where}${book} ORDER BY ${query.order} LIMIT ?`,
    )
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
  if (match === 'exact') return run(sqlite, { where: `c.${column} = ?`, order: 'c.id' }, [text], scope);
  return run(
    sqlite,
    { where: `c.${column} >= ? AND c.${column} < ?`, order: `c.${column}, c.id` },
    [text, prefixUpperBound(text)],
    scope,
  );
}

/** Customers whose mobile ends with these 4 digits (its generated column's index). */
export function findByMobileLast4(sqlite: Database, last4: string, scope: SearchScope): SearchRecord[] {
  return run(sqlite, { where: 'c.mobile_last4 = ?', order: 'c.id' }, [last4], scope);
}

/**
 * What a masked name shows of itself, its first character — a name of one character shows nothing (`*`) and is never
 * found this way. By the character, in the order the customers came (the name's order would tell the rest of it).
 */
export function findByFirstCharacter(sqlite: Database, character: string, scope: SearchScope): SearchRecord[] {
  return run(sqlite, { where: 'substr(c.name, 1, 1) = ? AND length(c.name) > 1', order: 'c.id' }, [character], scope);
}

/** The same by the first character's pinyin or its start, in the order of that pinyin, then as they came. */
export function findByFirstPinyin(sqlite: Database, prefix: string, scope: SearchScope): SearchRecord[] {
  return run(
    sqlite,
    {
      where: 'c.name_first_pinyin >= ? AND c.name_first_pinyin < ? AND length(c.name) > 1',
      order: 'c.name_first_pinyin, c.id',
    },
    [prefix, prefixUpperBound(prefix)],
    scope,
  );
}

/**
 * Customers whose name holds `text` after its first character: one of the name's parts starts with it (migration
 * 0019), in the order of those parts. A name holding it twice comes twice (the service keeps it once).
 */
export function findByNamePart(sqlite: Database, text: string, scope: SearchScope): SearchRecord[] {
  return run(
    sqlite,
    {
      from: `customer_name_parts p JOIN customers c ON c.id = p.customer_id LEFT JOIN staff s ON s.code = c.manager_code`,
      where: 'p.part >= ? AND p.part < ?',
      order: 'p.part, c.id',
    },
    [text, prefixUpperBound(text)],
    scope,
  );
}
