/** The households' SQL (docs/domain.md, "Households"): households, memberships with their dates, figures by month. */
import type { Database } from 'better-sqlite3';
import type { HouseholdRole } from '../../../shared/schemas/households';

export interface MembershipRow {
  id: number;
  household_id: number;
  customer_id: number;
  customer_no: string;
  name: string;
  manager_code: string | null;
  role: HouseholdRole;
  joined_date: string;
  left_date: string | null;
}

export interface HouseholdRow {
  id: number;
  created_date: string;
  closed_date: string | null;
}

const MEMBERSHIP_COLUMNS = `m.id, m.household_id, m.customer_id, c.customer_no, c.name, c.manager_code, m.role,
  m.joined_date, m.left_date`;

/** The customer's membership now (no left date), if any. */
export function currentMembershipOf(sqlite: Database, customerId: number): MembershipRow | undefined {
  return sqlite
    .prepare(
      `SELECT ${MEMBERSHIP_COLUMNS} FROM household_members m JOIN customers c ON c.id = m.customer_id
       WHERE m.customer_id = ? AND m.left_date IS NULL`,
    )
    .get(customerId) as MembershipRow | undefined;
}

/** Every membership of a household, current first (the head first), then those ended, newest first. */
export function membershipsOf(sqlite: Database, householdId: number): MembershipRow[] {
  return sqlite
    .prepare(
      `SELECT ${MEMBERSHIP_COLUMNS} FROM household_members m JOIN customers c ON c.id = m.customer_id
       WHERE m.household_id = ?
       ORDER BY m.left_date IS NOT NULL, m.role <> 'head', m.left_date DESC, m.joined_date, c.customer_no`,
    )
    .all(householdId) as MembershipRow[];
}

export function findHousehold(sqlite: Database, id: number): HouseholdRow | undefined {
  return sqlite.prepare('SELECT id, created_date, closed_date FROM households WHERE id = ?').get(id) as
    HouseholdRow | undefined;
}

/** The customers' memberships now, by customer id. */
export function currentMembershipsOf(sqlite: Database, customerIds: readonly number[]): Map<number, MembershipRow> {
  const rows = sqlite
    .prepare(
      `SELECT ${MEMBERSHIP_COLUMNS} FROM json_each(?) j
       JOIN household_members m ON m.customer_id = j.value AND m.left_date IS NULL
       JOIN customers c ON c.id = m.customer_id`,
    )
    .all(JSON.stringify(customerIds)) as MembershipRow[];
  return new Map(rows.map((r) => [r.customer_id, r]));
}

/** How many are members now, by household. */
export function currentSizes(sqlite: Database, householdIds: readonly number[]): Map<number, number> {
  const rows = sqlite
    .prepare(
      `SELECT m.household_id AS id, count(*) AS n FROM json_each(?) j
       JOIN household_members m ON m.household_id = j.value AND m.left_date IS NULL GROUP BY m.household_id`,
    )
    .all(JSON.stringify(householdIds)) as Array<{ id: number; n: number }>;
  return new Map(rows.map((r) => [r.id, r.n]));
}

export interface NewHousehold {
  createdDate: string;
  batchId: number | null;
  now: string;
  by: string | null;
}

export function insertHousehold(sqlite: Database, h: NewHousehold): number {
  return Number(
    sqlite
      .prepare('INSERT INTO households (created_date, import_batch_id, created_at, created_by) VALUES (?, ?, ?, ?)')
      .run(h.createdDate, h.batchId, h.now, h.by).lastInsertRowid,
  );
}

export interface NewMembership {
  householdId: number;
  customerId: number;
  role: HouseholdRole;
  joinedDate: string;
  batchId: number | null;
  now: string;
  by: string | null;
}

export function insertMembership(sqlite: Database, m: NewMembership): number {
  return Number(
    sqlite
      .prepare(
        `INSERT INTO household_members (household_id, customer_id, role, joined_date, import_batch_id, created_at, created_by)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(m.householdId, m.customerId, m.role, m.joinedDate, m.batchId, m.now, m.by).lastInsertRowid,
  );
}

/** Ends a membership on a day (the row stays: the history). */
export function endMembership(sqlite: Database, membershipId: number, leftDate: string): void {
  sqlite.prepare('UPDATE household_members SET left_date = ? WHERE id = ?').run(leftDate, membershipId);
}

export function closeHousehold(sqlite: Database, id: number, closedDate: string): void {
  sqlite.prepare('UPDATE households SET closed_date = ? WHERE id = ?').run(closedDate, id);
}

/** A member belongs to a month's household from the month they joined to the month before they left. */
const IN_MONTH = (month: string) =>
  `substr(m.joined_date, 1, 7) <= ${month} AND (m.left_date IS NULL OR substr(m.left_date, 1, 7) > ${month})`;

export interface HouseholdMonthRow {
  month: string;
  members: number;
  aum: number;
  deposit: number;
  wealth: number;
  fund: number;
  insurance: number;
  other: number;
}

/** The household's figures per month with data, newest first: exact sums of its members' in that month. */
export function householdMonths(sqlite: Database, householdId: number): HouseholdMonthRow[] {
  return sqlite
    .prepare(
      `SELECT a.month, count(*) AS members, sum(a.aum_avg) AS aum, total(a.deposit_avg) AS deposit,
              total(a.wealth_avg) AS wealth, total(a.fund_avg) AS fund, total(a.insurance_avg) AS insurance,
              total(a.other_avg) AS other
       FROM household_members m JOIN monthly_assets a ON a.customer_id = m.customer_id
       WHERE m.household_id = ? AND ${IN_MONTH('a.month')}
       GROUP BY a.month ORDER BY a.month DESC`,
    )
    .all(householdId) as HouseholdMonthRow[];
}

/** The customers' own 月日均 of a month. */
export function ownAumOf(sqlite: Database, customerIds: readonly number[], month: string): Map<number, number> {
  const rows = sqlite
    .prepare(
      `SELECT a.customer_id AS id, a.aum_avg AS aum FROM json_each(?) j
       JOIN monthly_assets a ON a.month = ? AND a.customer_id = j.value`,
    )
    .all(JSON.stringify(customerIds), month) as Array<{ id: number; aum: number }>;
  return new Map(rows.map((r) => [r.id, r.aum]));
}

/** Every household of a month, as columns: its id, head, the head's manager, size and sums (null: no data). */
export interface MonthHouseholds {
  ids: number[];
  headNos: string[];
  headNames: string[];
  managers: Array<string | null>;
  sizes: number[];
  aum: Array<number | null>;
  wealth: Array<number | null>;
  /** The one manager of all its members that month (null: members of two books, or of none). */
  soleManagers: Array<string | null>;
}

export function readMonthHouseholds(sqlite: Database, month: string): MonthHouseholds {
  const row = sqlite
    .prepare(
      `WITH members AS (
         SELECT m.household_id, count(*) AS size, sum(a.aum_avg) AS aum, sum(coalesce(a.wealth_avg, 0)) AS wealth,
                max(CASE WHEN m.role = 'head' THEN m.customer_id END) AS head,
                CASE WHEN count(DISTINCT coalesce(mc.manager_code, '')) = 1 THEN max(mc.manager_code) END AS sole
         FROM household_members m LEFT JOIN monthly_assets a ON a.month = @month AND a.customer_id = m.customer_id
         JOIN customers mc ON mc.id = m.customer_id
         WHERE ${IN_MONTH('@month')}
         GROUP BY m.household_id
       )
       SELECT json_group_array(h.household_id) AS ids, json_group_array(c.customer_no) AS headNos,
              json_group_array(c.name) AS headNames, json_group_array(c.manager_code) AS managers,
              json_group_array(h.size) AS sizes, json_group_array(h.aum) AS aum,
              json_group_array(CASE WHEN h.aum IS NULL THEN NULL ELSE h.wealth END) AS wealth,
              json_group_array(h.sole) AS soleManagers
       FROM members h JOIN customers c ON c.id = h.head`,
    )
    .get({ month }) as Record<keyof MonthHouseholds, string>;
  return {
    ids: JSON.parse(row.ids),
    headNos: JSON.parse(row.headNos),
    headNames: JSON.parse(row.headNames),
    managers: JSON.parse(row.managers),
    sizes: JSON.parse(row.sizes),
    aum: JSON.parse(row.aum),
    wealth: JSON.parse(row.wealth),
    soleManagers: JSON.parse(row.soleManagers),
  };
}

/** The import's view: every current membership as columns (customer id, household, role). */
export function readCurrentMemberships(sqlite: Database): {
  customerIds: number[];
  households: number[];
  roles: HouseholdRole[];
} {
  const row = sqlite
    .prepare(
      `SELECT json_group_array(customer_id) AS c, json_group_array(household_id) AS h, json_group_array(role) AS r
       FROM household_members WHERE left_date IS NULL`,
    )
    .get() as { c: string; h: string; r: string };
  return { customerIds: JSON.parse(row.c), households: JSON.parse(row.h), roles: JSON.parse(row.r) };
}

/** Every membership, past and present, as columns (the recompute's household figures). */
export interface MembershipColumns {
  customerIds: number[];
  households: number[];
  roles: HouseholdRole[];
  joinedMonths: string[];
  /** The month they left (null: still a member): from then on not in the household. */
  leftMonths: Array<string | null>;
}

export function readMembershipColumns(sqlite: Database): MembershipColumns {
  const row = sqlite
    .prepare(
      `SELECT json_group_array(customer_id) AS c, json_group_array(household_id) AS h, json_group_array(role) AS r,
              json_group_array(substr(joined_date, 1, 7)) AS j, json_group_array(substr(left_date, 1, 7)) AS l
       FROM household_members`,
    )
    .get() as { c: string; h: string; r: string; j: string; l: string };
  return {
    customerIds: JSON.parse(row.c),
    households: JSON.parse(row.h),
    roles: JSON.parse(row.r),
    joinedMonths: JSON.parse(row.j),
    leftMonths: JSON.parse(row.l),
  };
}

export interface CustomerHouseholdMonthRow {
  month: string;
  role: HouseholdRole;
  avg: number;
  monthEnd: number | null;
  head: string | null;
}

/** The household figures of each month a customer was in a household: its members' sums then, their role, its head. */
export function householdMonthsOfCustomer(sqlite: Database, customerId: number): CustomerHouseholdMonthRow[] {
  return sqlite
    .prepare(
      `SELECT a.month, m1.role, sum(a.aum_avg) AS avg, sum(a.aum_month_end) AS monthEnd,
              (SELECT c.name FROM household_members h JOIN customers c ON c.id = h.customer_id
               WHERE h.household_id = m1.household_id AND h.role = 'head' ORDER BY h.joined_date DESC LIMIT 1) AS head
       FROM household_members m1
       JOIN household_members m2 ON m2.household_id = m1.household_id
       JOIN monthly_assets a ON a.customer_id = m2.customer_id
       WHERE m1.customer_id = ?
         AND substr(m1.joined_date, 1, 7) <= a.month AND (m1.left_date IS NULL OR substr(m1.left_date, 1, 7) > a.month)
         AND substr(m2.joined_date, 1, 7) <= a.month AND (m2.left_date IS NULL OR substr(m2.left_date, 1, 7) > a.month)
       GROUP BY a.month, m1.id ORDER BY a.month`,
    )
    .all(customerId) as CustomerHouseholdMonthRow[];
}

/** Whether any household has a member now (the card's changes need a recompute only then). */
export function anyHouseholdMember(sqlite: Database): boolean {
  return sqlite.prepare('SELECT 1 FROM household_members LIMIT 1').get() !== undefined;
}
