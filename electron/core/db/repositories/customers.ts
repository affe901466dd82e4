import type { ExpressionBuilder, Kysely } from 'kysely';
import type { CustomerFilter, CustomerSortField } from '../../../../shared/schemas/customer';
import type { DB } from '../schema';

/** Where a keyset page starts: after the row with this sort key and id (phase 2 = rows whose key is NULL). */
export interface CustomerCursor {
  phase: 1 | 2;
  key: string | number | null;
  id: number;
}

export interface CustomerPageRequest {
  month: string;
  sortField: CustomerSortField;
  direction: 'asc' | 'desc';
  filter: CustomerFilter;
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
function prefixUpperBound(prefix: string): string {
  const last = prefix.charCodeAt(prefix.length - 1);
  return prefix.slice(0, -1) + String.fromCharCode(last + 1);
}

function startsWith(eb: Eb, column: 'c.name' | 'c.customer_no', prefix: string) {
  return eb.and([eb(column, '>=', prefix), eb(column, '<', prefixUpperBound(prefix))]);
}

function filterConditions(eb: Eb, filter: CustomerFilter) {
  const conditions = [];
  if (filter.managerCode !== undefined) conditions.push(eb('c.manager_code', '=', filter.managerCode));
  if (filter.aumMinFen !== undefined) conditions.push(eb('ma.aum_avg', '>=', filter.aumMinFen));
  if (filter.aumMaxFen !== undefined) conditions.push(eb('ma.aum_avg', '<=', filter.aumMaxFen));
  if (filter.search !== undefined) {
    const q = filter.search;
    const alternatives = [startsWith(eb, 'c.name', q), startsWith(eb, 'c.customer_no', q)];
    if (/^\d{4}$/.test(q)) alternatives.push(eb('c.mobile_last4', '=', q));
    conditions.push(eb.or(alternatives));
  }
  return conditions;
}

/** Customers left-joined to their assets of one month (and their manager's name). */
function customersOfMonth(db: Kysely<DB>, month: string) {
  return db
    .selectFrom('customers as c')
    .leftJoin('monthly_assets as ma', (join) => join.onRef('ma.customer_id', '=', 'c.id').on('ma.month', '=', month))
    .leftJoin('staff as s', 's.code', 'c.manager_code');
}

function selectListColumns(db: Kysely<DB>, month: string) {
  return customersOfMonth(db, month).select([
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
  ]);
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

  if (!cursor || cursor.phase === 1) {
    const phase1 = await selectListColumns(db, request.month)
      .where((eb) => {
        const conditions = [eb(key.column, 'is not', null), ...filterConditions(eb, request.filter)];
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
    const phase2 = await selectListColumns(db, request.month)
      .where((eb) => {
        const conditions = [eb(key.column, 'is', null), ...filterConditions(eb, request.filter)];
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

export async function countCustomers(db: Kysely<DB>, month: string, filter: CustomerFilter): Promise<number> {
  const result = await customersOfMonth(db, month)
    .where((eb) => eb.and(filterConditions(eb, filter)))
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .executeTakeFirstOrThrow();
  return Number(result.total);
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
