import type { Database, Statement } from 'better-sqlite3';
import type { ActTarget } from '../../../shared/roles';

/** Nothing of that id or name exists (the service says so in its own words). */
export const NOT_FOUND = Symbol('not found');
/** It exists but is in no 客户经理's book (a complaint registered without a customer: the 支行长's). */
export const UNOWNED = Symbol('in nobody’s book');

export type Owner = string | null | typeof NOT_FOUND | typeof UNOWNED;

/**
 * Whose each thing a call may act on is — the manager of its customer's book, or the staff member it belongs to —
 * and whether it is in nobody's book (second column).
 */
const OWNER_QUERIES: Record<Exclude<ActTarget, 'staff'>, string> = {
  customer: 'SELECT manager_code, 0 FROM customers WHERE customer_no = ?',
  complaint:
    'SELECT c.manager_code, k.customer_id IS NULL FROM complaints k LEFT JOIN customers c ON c.id = k.customer_id WHERE k.id = ?',
  action: 'SELECT c.manager_code, 0 FROM retention_actions a JOIN customers c ON c.id = a.customer_id WHERE a.id = ?',
  override: 'SELECT c.manager_code, 0 FROM tier_overrides o JOIN customers c ON c.id = o.customer_id WHERE o.id = ?',
  event: 'SELECT owner_code, 0 FROM events WHERE id = ?',
  segment: 'SELECT created_by, 0 FROM saved_segments WHERE id = ?',
  segmentName: 'SELECT created_by, 0 FROM saved_segments WHERE name = ?',
  plan: 'SELECT manager_code, 0 FROM plan_items WHERE id = ?',
};

/** The staff code `value` (an id, number or name of a `target`) belongs to. */
export function ownerOf(sqlite: Database, target: ActTarget, value: string | number): Owner {
  if (target === 'staff') return String(value);
  const row = sqlite.prepare(OWNER_QUERIES[target]).raw().get(value) as [string | null, number] | undefined;
  if (!row) return NOT_FOUND;
  return row[1] === 1 ? UNOWNED : row[0];
}

/** Prepared once per connection: every answer of a 客户经理 without the branch view is checked with it. */
const managersStatements = new WeakMap<Database, Statement>();

/** The manager of each customer number given (absent: no such customer). */
export function managersOfCustomers(sqlite: Database, customerNos: readonly string[]): Map<string, string | null> {
  if (customerNos.length === 0) return new Map();
  let statement = managersStatements.get(sqlite);
  if (!statement) {
    statement = sqlite
      .prepare('SELECT customer_no, manager_code FROM customers WHERE customer_no IN (SELECT value FROM json_each(?))')
      .raw();
    managersStatements.set(sqlite, statement);
  }
  return new Map(statement.all(JSON.stringify(customerNos)) as Array<[string, string | null]>);
}

/**
 * A customer's manager of record on `day` (docs/domain.md, "Book history"): `current` unless the customer moved after
 * that day — then the manager before the first such move, or the one a first assignment (from nobody) named.
 */
export function managerOnDay(sqlite: Database, customerId: number, day: string, current: string | null): string | null {
  const move = sqlite
    .prepare(
      'SELECT from_code, to_code FROM manager_changes WHERE customer_id = ? AND effective_date > ? ORDER BY effective_date, id LIMIT 1',
    )
    .raw()
    .get(customerId, day) as [string | null, string | null] | undefined;
  return move ? (move[0] ?? move[1]) : current;
}

/** The books `code` covers on `day` (managers away whose backup `code` is), with until when. */
export function listCoveredBooks(
  sqlite: Database,
  code: string,
  day: string,
): Array<{ manager_code: string; manager_name: string | null; to_date: string }> {
  return sqlite
    .prepare(
      `SELECT a.manager_code, s.name AS manager_name, max(a.to_date) AS to_date
       FROM staff_backups b JOIN staff_absences a ON a.manager_code = b.manager_code LEFT JOIN staff s ON s.code = a.manager_code
       WHERE b.backup_code = ? AND a.cancelled_at IS NULL AND a.from_date <= ? AND a.to_date >= ?
       GROUP BY a.manager_code ORDER BY a.manager_code`,
    )
    .all(code, day, day) as Array<{ manager_code: string; manager_name: string | null; to_date: string }>;
}

/** A customer of a handover in force whose transition period runs on the day, and who has not moved since. */
export interface TransitionRow {
  customer_id: number;
  customer_no: string;
  name: string;
  from_code: string | null;
  from_name: string | null;
  to_code: string | null;
  to_name: string | null;
  effective_date: string;
  until: string;
  /** The previous manager's last contact with the customer (null: none). */
  last_contact: string | null;
}

const IN_TRANSITION = `SELECT c.id AS customer_id, c.customer_no, c.name, m.from_code, f.name AS from_name, m.to_code,
    t.name AS to_name, h.effective_date, date(h.effective_date, '+' || (h.transition_days - 1) || ' days') AS until,
    (SELECT max(k.contact_date) FROM contacts k WHERE k.customer_id = c.id AND k.staff_code = m.from_code) AS last_contact
  FROM manager_changes m JOIN handovers h ON h.id = m.handover_id JOIN customers c ON c.id = m.customer_id
  LEFT JOIN staff f ON f.code = m.from_code LEFT JOIN staff t ON t.code = m.to_code
  WHERE h.undone_at IS NULL AND h.effective_date <= @day
    AND date(h.effective_date, '+' || h.transition_days || ' days') > @day
    AND m.to_code IS c.manager_code
    AND NOT EXISTS (SELECT 1 FROM manager_changes later WHERE later.customer_id = c.id AND later.id > m.id)`;

/** The customers in transition moved away from `code` (`side` 'from') or to `code` ('to') on `day`, newest first. */
export function listInTransition(sqlite: Database, side: 'from' | 'to', code: string, day: string): TransitionRow[] {
  return sqlite
    .prepare(`${IN_TRANSITION} AND m.${side}_code = @code ORDER BY h.effective_date DESC, c.customer_no`)
    .all({ day, code }) as TransitionRow[];
}

/** The managers whose books `code` covers on `day`: those away that day whose backup (AB角) `code` is. */
export function coveredBooks(sqlite: Database, code: string, day: string): string[] {
  return listCoveredBooks(sqlite, code, day).map((c) => c.manager_code);
}

/**
 * Of these customer numbers, those a handover in force moved away from `code` whose transition period runs on `day`
 * and who have not moved since: `code` still reads them (docs/domain.md, "Book history").
 */
export function inTransitionFrom(
  sqlite: Database,
  code: string,
  day: string,
  customerNos: readonly string[],
): Set<string> {
  const rows = sqlite
    .prepare(`${IN_TRANSITION} AND m.from_code = @code AND c.customer_no IN (SELECT value FROM json_each(@numbers))`)
    .all({ day, code, numbers: JSON.stringify(customerNos) }) as TransitionRow[];
  return new Set(rows.map((r) => r.customer_no));
}

/**
 * Of these customer numbers, those whose household (now) has a member outside `books` (or in none): a narrowed viewer
 * is not shown what is measured from the household's figure (docs/domain.md, "Households").
 */
export function inMixedHouseholds(
  sqlite: Database,
  books: readonly string[],
  customerNos: readonly string[],
): Set<string> {
  const rows = sqlite
    .prepare(
      `SELECT c.customer_no FROM json_each(?) j JOIN customers c ON c.customer_no = j.value
       JOIN household_members m ON m.customer_id = c.id AND m.left_date IS NULL
       WHERE EXISTS (SELECT 1 FROM household_members o JOIN customers oc ON oc.id = o.customer_id
         WHERE o.household_id = m.household_id AND o.left_date IS NULL
           AND (oc.manager_code IS NULL OR oc.manager_code NOT IN (SELECT value FROM json_each(?))))`,
    )
    .pluck()
    .all(JSON.stringify(customerNos), JSON.stringify(books)) as string[];
  return new Set(rows);
}
