import type { Database } from 'better-sqlite3';
import { expressionBuilder, sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';
import type { CustomerFilter, CustomerSortField } from '../../../shared/schemas/customer';
import type { DB } from '../platform/schema';

/** Where a keyset page starts: after the row with this sort key and id (phase 2 = rows whose key is NULL). */
export interface CustomerCursor {
  phase: 1 | 2;
  key: string | number | null;
  id: number;
}

/** The list filter as the repository takes it: tier-derived filters already resolved to customer ids. */
export interface CustomerQueryFilter extends Omit<CustomerFilter, 'tierCodes' | 'tierStatuses' | 'segment' | 'search'> {
  /** Only these customers (ids from a month's tier snapshot). */
  customerIds?: readonly number[];
}

export interface CustomerPageRequest {
  month: string;
  sortField: CustomerSortField;
  direction: 'asc' | 'desc';
  filter: CustomerQueryFilter;
  cursor: CustomerCursor | null;
  limit: number;
}

export interface CustomerListRecord {
  id: number;
  customer_no: string;
  name: string;
  gender: 'M' | 'F' | null;
  birth_date: string | null;
  mobile: string | null;
  id_number: string | null;
  manager_code: string | null;
  manager_name: string | null;
  opened_date: string | null;
  closed_date: string | null;
  risk_level: string | null;
  aum_avg: number | null;
}

type Tables = DB & { c: DB['customers']; ma: DB['monthly_assets']; s: DB['staff'] };
type From = 'c' | 'ma' | 's';
type Eb = ExpressionBuilder<Tables, From>;
type SortColumn = 'c.customer_no' | 'c.name' | 'ma.aum_avg' | 'c.manager_code' | 'c.opened_date';

interface SortKey {
  column: SortColumn;
  /** The id column that breaks ties; for 月日均 the asset row's, so the (month, aum, customer) index serves. */
  tie: 'c.id' | 'ma.customer_id';
  /** Nullable keys sort their NULLs last in both directions, in a second keyset phase. */
  nullable: boolean;
}

const SORT_KEYS: Record<CustomerSortField, SortKey> = {
  customerNo: { column: 'c.customer_no', tie: 'c.id', nullable: false },
  name: { column: 'c.name', tie: 'c.id', nullable: false },
  aum: { column: 'ma.aum_avg', tie: 'ma.customer_id', nullable: true },
  manager: { column: 'c.manager_code', tie: 'c.id', nullable: true },
  openedDate: { column: 'c.opened_date', tie: 'c.id', nullable: true },
};

/** The smallest string greater than every string starting with `prefix` (BINARY collation). */
export function prefixUpperBound(prefix: string): string {
  const last = prefix.charCodeAt(prefix.length - 1);
  return prefix.slice(0, -1) + String.fromCharCode(last + 1);
}

/** A filter term whose own index may drive the query, or not. */
type FilterPart = 'manager' | 'aum' | 'ids';

/**
 * `+column` tells SQLite not to use an index for that term. We use it for a filter whose match set is
 * large: then walking the sort order's index and checking the filter beats sorting every match.
 */
function column<T>(name: string, unindexed: boolean): Expression<T> {
  return unindexed ? sql<T>`+${sql.ref(name)}` : sql<T>`${sql.ref(name)}`;
}

function filterParts(eb: Eb, filter: CustomerQueryFilter, unindexed: ReadonlySet<FilterPart> = new Set()) {
  const parts: Array<{ part: FilterPart; condition: Expression<SqlBool> }> = [];
  if (filter.customerIds !== undefined) {
    // One JSON parameter however many ids; SQLite builds a lookup table from it once per query.
    const ids = sql<number>`(SELECT value FROM json_each(${JSON.stringify(filter.customerIds)}))`;
    parts.push({ part: 'ids', condition: eb(column<number>('c.id', unindexed.has('ids')), 'in', ids) });
  }
  if (filter.managerCode !== undefined) {
    parts.push({
      part: 'manager',
      condition: eb(column<string>('c.manager_code', unindexed.has('manager')), '=', filter.managerCode),
    });
  }
  const aum = column<number>('ma.aum_avg', unindexed.has('aum'));
  if (filter.aumMinFen !== undefined) parts.push({ part: 'aum', condition: eb(aum, '>=', filter.aumMinFen) });
  if (filter.aumMaxFen !== undefined) parts.push({ part: 'aum', condition: eb(aum, '<=', filter.aumMaxFen) });
  return parts;
}

function filterConditions(eb: Eb, filter: CustomerQueryFilter, unindexed?: ReadonlySet<FilterPart>) {
  return filterParts(eb, filter, unindexed).map((p) => p.condition);
}

/** Above this many matches a filter counts as large (see `column`). */
const LARGE_MATCH_SET = 2_000;

/** Which filter parts match so many customers that the sort order's index should drive instead. */
async function largeFilterParts(
  db: Kysely<DB>,
  month: string,
  filter: CustomerQueryFilter,
  sortField: CustomerSortField,
) {
  const sortsOn: Record<FilterPart, boolean> = {
    // (manager_code, key, id) indexes serve a manager filter under every sort but 月日均.
    manager: sortField !== 'aum',
    aum: sortField === 'aum',
    ids: false,
  };
  const large = new Set<FilterPart>();
  if ((filter.customerIds?.length ?? 0) >= LARGE_MATCH_SET) large.add('ids');
  const candidates = new Set(filterParts(expressionBuilder<Tables, From>(), filter).map((p) => p.part));
  for (const part of candidates) {
    if (sortsOn[part] || part === 'ids') continue;
    // Only the 月日均 range needs the month's assets; the other parts are decided by the customers table alone.
    const source =
      part === 'aum'
        ? customersOfMonth(db, month)
        : (db.selectFrom('customers as c') as unknown as ReturnType<typeof customersOfMonth>);
    const matches = await source
      .select('c.id')
      .where((eb) =>
        eb.and(
          filterParts(eb, filter)
            .filter((p) => p.part === part)
            .map((p) => p.condition),
        ),
      )
      .limit(LARGE_MATCH_SET)
      .execute();
    if (matches.length >= LARGE_MATCH_SET) large.add(part);
  }
  return large;
}

/** Customers left-joined to their assets of one month (and their manager's name). */
function customersOfMonth(db: Kysely<DB>, month: string) {
  return db
    .selectFrom('customers as c')
    .leftJoin('monthly_assets as ma', (join) => join.onRef('ma.customer_id', '=', 'c.id').on('ma.month', '=', month))
    .leftJoin('staff as s', 's.code', 'c.manager_code');
}

/**
 * Customers that have assets in the month, customers forced to be the outer loop (SQLite never reorders a
 * CROSS JOIN): for a large 月日均 range under a customer-table sort, walk the sort index and look each
 * customer's month up by primary key, instead of sorting every match.
 */
function customersWithAssetsInSortOrder(db: Kysely<DB>, month: string) {
  return db
    .selectFrom('customers as c')
    .crossJoin('monthly_assets as ma')
    .leftJoin('staff as s', 's.code', 'c.manager_code')
    .where((eb) => eb.and([eb('ma.customer_id', '=', eb.ref('c.id')), eb('ma.month', '=', month)]));
}

const LIST_COLUMNS = [
  'c.id',
  'c.customer_no',
  'c.name',
  'c.gender',
  'c.birth_date',
  'c.mobile',
  'c.id_number',
  'c.manager_code',
  's.name as manager_name',
  'c.opened_date',
  'c.closed_date',
  'c.risk_level',
  'ma.aum_avg',
] as const;

function selectListColumns(db: Kysely<DB>, month: string, unindexed: ReadonlySet<FilterPart>) {
  const source = unindexed.has('aum') ? customersWithAssetsInSortOrder(db, month) : customersOfMonth(db, month);
  return (source as ReturnType<typeof customersOfMonth>).select(LIST_COLUMNS);
}

/**
 * One keyset page of customers (no OFFSET: page 500 costs what page 1 costs). Ties are broken by id so the
 * order is total and stable; NULL keys come last in both directions.
 */
export async function findCustomersPage(db: Kysely<DB>, request: CustomerPageRequest): Promise<CustomerListRecord[]> {
  const key = SORT_KEYS[request.sortField];
  const desc = request.direction === 'desc';
  const cmp = desc ? '<' : '>';
  const wanted = request.limit + 1;
  const cursor = request.cursor;
  const rows: CustomerListRecord[] = [];
  const unindexed = await largeFilterParts(db, request.month, request.filter, request.sortField);

  if (!cursor || cursor.phase === 1) {
    const phase1 = await selectListColumns(db, request.month, unindexed)
      .where((eb) => {
        const conditions = [eb(key.column, 'is not', null), ...filterConditions(eb, request.filter, unindexed)];
        if (cursor) {
          conditions.push(eb(eb.refTuple(key.column, key.tie), cmp, eb.tuple(cursor.key as never, cursor.id)));
        }
        return eb.and(conditions);
      })
      .orderBy(key.column, request.direction)
      .orderBy(key.tie, request.direction)
      .limit(wanted)
      .execute();
    rows.push(...phase1);
  }

  if (key.nullable && rows.length < wanted) {
    const afterId = cursor?.phase === 2 ? cursor.id : null;
    const phase2 = await selectListColumns(db, request.month, unindexed)
      .where((eb) => {
        const conditions = [eb(key.column, 'is', null), ...filterConditions(eb, request.filter, unindexed)];
        if (afterId !== null) conditions.push(eb('c.id', cmp, afterId));
        return eb.and(conditions);
      })
      .orderBy('c.id', request.direction)
      .limit(wanted - rows.length)
      .execute();
    rows.push(...phase2);
  }
  return rows;
}

/** The cursor that continues after `row` under the given sort. */
export function cursorAfter(row: CustomerListRecord, sortField: CustomerSortField): CustomerCursor {
  const value = sortKeyValue(row, sortField);
  return value === null ? { phase: 2, key: null, id: row.id } : { phase: 1, key: value, id: row.id };
}

function sortKeyValue(row: CustomerListRecord, sortField: CustomerSortField): string | number | null {
  switch (sortField) {
    case 'customerNo':
      return row.customer_no;
    case 'name':
      return row.name;
    case 'aum':
      return row.aum_avg;
    case 'manager':
      return row.manager_code;
    case 'openedDate':
      return row.opened_date;
  }
}

/** The customers matching a filter in a month, reading only the tables the filter names. */
function filteredCustomers(db: Kysely<DB>, month: string, filter: CustomerQueryFilter) {
  const needsAssets = filter.aumMinFen !== undefined || filter.aumMaxFen !== undefined;
  const needsCustomers = filter.managerCode !== undefined || filter.customerIds !== undefined || !needsAssets;
  // A plain count or a 月日均 range alone is one index range.
  const from = !needsAssets
    ? db.selectFrom('customers as c')
    : !needsCustomers
      ? db.selectFrom('monthly_assets as ma').where('ma.month', '=', month)
      : db
          .selectFrom('customers as c')
          .innerJoin('monthly_assets as ma', (join) =>
            join.onRef('ma.customer_id', '=', 'c.id').on('ma.month', '=', month),
          );
  // The conditions name only the tables joined above, so the wider type is safe.
  const query = (from as unknown as ReturnType<typeof customersOfMonth>).where((eb) =>
    eb.and(filterConditions(eb, filter)),
  );
  return { query, idColumn: needsCustomers ? ('c.id' as const) : ('ma.customer_id' as const) };
}

export async function countCustomers(db: Kysely<DB>, month: string, filter: CustomerQueryFilter): Promise<number> {
  const result = await filteredCustomers(db, month, filter)
    .query.select((eb) => eb.fn.countAll<number>().as('total'))
    .executeTakeFirstOrThrow();
  return Number(result.total);
}

/** The ids (ascending) of the customers matching a filter in a month, read at once (for analyses that run in one step). */
export function customerIdsMatching(
  sqlite: Database,
  db: Kysely<DB>,
  month: string,
  filter: CustomerQueryFilter,
): number[] {
  const { query, idColumn } = filteredCustomers(db, month, filter);
  const compiled = query.select(sql.ref<number>(idColumn).as('id')).orderBy(idColumn).compile();
  return sqlite
    .prepare(compiled.sql)
    .pluck()
    .all(...(compiled.parameters as unknown[])) as number[];
}

export async function findCustomerByNo(db: Kysely<DB>, customerNo: string) {
  return db
    .selectFrom('customers as c')
    .leftJoin('staff as s', 's.code', 'c.manager_code')
    .selectAll('c')
    .select('s.name as manager_name')
    .where('c.customer_no', '=', customerNo)
    .executeTakeFirst();
}

export async function countAllCustomers(db: Kysely<DB>): Promise<number> {
  const result = await db
    .selectFrom('customers')
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .executeTakeFirstOrThrow();
  return Number(result.total);
}

/**
 * The customers opened on or after `day`, or with no opening date: two ranges of the opening date's index, read in
 * its order (new customers are few beside the branch; no look-up per customer).
 */
export function findIdsOpenedFrom(sqlite: Database, day: string): Set<number> {
  return new Set(
    sqlite
      .prepare(
        'SELECT id FROM customers WHERE opened_date >= ? UNION ALL SELECT id FROM customers WHERE opened_date IS NULL',
      )
      .pluck()
      .all(day) as number[],
  );
}

/**
 * The ID numbers of these customers, by id (those without one left out). Unmasked: for matching only, never returned
 * to the UI.
 */
export function findIdNumbers(sqlite: Database, customerIds: readonly number[]): Map<number, string> {
  if (customerIds.length === 0) return new Map();
  const rows = sqlite
    .prepare(
      'SELECT id, id_number FROM customers WHERE id IN (SELECT value FROM json_each(?)) AND id_number IS NOT NULL',
    )
    .raw()
    .all(JSON.stringify(customerIds)) as Array<[number, string]>;
  return new Map(rows);
}

/** Every customer holding one of these ID numbers, as [id, ID number] (through the ID number's index). */
export function findCustomersByIdNumber(sqlite: Database, idNumbers: readonly string[]): Array<[number, string]> {
  if (idNumbers.length === 0) return [];
  return sqlite
    .prepare('SELECT id, id_number FROM customers WHERE id_number IN (SELECT value FROM json_each(?))')
    .raw()
    .all(JSON.stringify(idNumbers)) as Array<[number, string]>;
}

/** Number, name and manager of these customers, by id (what a list row of another service shows). */
export function findCustomerNames(
  sqlite: Database,
  customerIds: readonly number[],
): Map<number, { customerNo: string; name: string; managerCode: string | null; managerName: string | null }> {
  if (customerIds.length === 0) return new Map();
  const rows = sqlite
    .prepare(
      `SELECT c.id, c.customer_no, c.name, c.manager_code, s.name FROM customers c LEFT JOIN staff s ON s.code = c.manager_code
       WHERE c.id IN (SELECT value FROM json_each(?))`,
    )
    .raw()
    .all(JSON.stringify(customerIds)) as Array<[number, string, string, string | null, string | null]>;
  return new Map(
    rows.map(([id, customerNo, name, managerCode, managerName]) => [
      id,
      { customerNo, name, managerCode, managerName },
    ]),
  );
}

export function staffExists(sqlite: Database, code: string): boolean {
  return sqlite.prepare('SELECT 1 FROM staff WHERE code = ?').pluck().get(code) !== undefined;
}

/** A manager's book (from the (manager, id) index). */
export function findCustomerIdsOfManager(sqlite: Database, managerCode: string): number[] {
  return sqlite.prepare('SELECT id FROM customers WHERE manager_code = ?').pluck().all(managerCode) as number[];
}
