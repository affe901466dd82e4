import type { Database } from 'better-sqlite3';
import type { ActionKind, ActionOutcome } from '../../../shared/schemas/retention';

export interface ContactRecord {
  id: number;
  customer_id: number;
  contact_date: string;
  channel: string;
  purpose: string;
  note: string | null;
  staff_code: string | null;
  staff_name: string | null;
  action_id: number | null;
  product_code: string | null;
  own_request: number;
  own_request_reason: string | null;
  dual_recording_ref: string | null;
}

export type NewContact = Omit<ContactRecord, 'id' | 'staff_name'> & { created_at: string; created_by: string | null };

export function insertContact(sqlite: Database, contact: NewContact): number {
  const result = sqlite
    .prepare(
      `INSERT INTO contacts (customer_id, contact_date, channel, purpose, note, staff_code, action_id, product_code,
         own_request, own_request_reason, dual_recording_ref, created_at, created_by)
       VALUES (@customer_id, @contact_date, @channel, @purpose, @note, @staff_code, @action_id, @product_code,
         @own_request, @own_request_reason, @dual_recording_ref, @created_at, @created_by)`,
    )
    .run(contact);
  return Number(result.lastInsertRowid);
}

/** A customer's contacts, newest first. */
export function listContactsOfCustomer(sqlite: Database, customerId: number): ContactRecord[] {
  return sqlite
    .prepare(
      `SELECT k.id, k.customer_id, k.contact_date, k.channel, k.purpose, k.note, k.staff_code, s.name AS staff_name, k.action_id,
         k.product_code, k.own_request, k.own_request_reason, k.dual_recording_ref
       FROM contacts k LEFT JOIN staff s ON s.code = k.staff_code WHERE k.customer_id = ? ORDER BY k.contact_date DESC, k.id DESC`,
    )
    .all(customerId) as ContactRecord[];
}

/** The last contact date of each customer given who has one. */
export function lastContactDates(sqlite: Database, customerIds: readonly number[]): Map<number, string> {
  // One seek into the (customer, date) index per customer: a few thousand warned, not every contact of the branch.
  const rows = sqlite
    .prepare(
      'SELECT j.value, (SELECT max(contact_date) FROM contacts WHERE customer_id = j.value) AS last FROM json_each(?) j WHERE last IS NOT NULL',
    )
    .raw()
    .all(JSON.stringify(customerIds)) as Array<[number, string]>;
  return new Map(rows);
}

export interface ActionRecord {
  id: number;
  customer_id: number;
  customer_no: string;
  customer_name: string;
  month: string;
  tier_code: string;
  kind: ActionKind;
  owner_code: string | null;
  owner_name: string | null;
  due_date: string;
  notes: string | null;
  benefit_code: string | null;
  benefit_name: string | null;
  risk_score: number | null;
  done_date: string | null;
  outcome: ActionOutcome | null;
  outcome_reason: string | null;
}

export interface NewAction {
  customer_id: number;
  month: string;
  tier_code: string;
  kind: ActionKind;
  owner_code: string;
  due_date: string;
  notes: string | null;
  risk_score: number | null;
  created_at: string;
  created_by: string | null;
  /** The import batch that created it (a low score in imported survey answers): undoing the batch deletes it. */
  import_batch_id?: number | null;
  /** The benefit it offers, and its name then. */
  benefit_code?: string | null;
  benefit_name?: string | null;
}

export function insertAction(sqlite: Database, action: NewAction): number {
  const result = sqlite
    .prepare(
      `INSERT INTO retention_actions (customer_id, month, tier_code, kind, owner_code, due_date, notes, risk_score, created_at, created_by, updated_at, import_batch_id, benefit_code, benefit_name)
       VALUES (@customer_id, @month, @tier_code, @kind, @owner_code, @due_date, @notes, @risk_score, @created_at, @created_by, @created_at, @import_batch_id, @benefit_code, @benefit_name)`,
    )
    .run({ import_batch_id: null, benefit_code: null, benefit_name: null, ...action });
  return Number(result.lastInsertRowid);
}

const ACTION_SELECT = `SELECT a.id, a.customer_id, c.customer_no, c.name AS customer_name, a.month, a.tier_code, a.kind, a.owner_code,
    s.name AS owner_name, a.due_date, a.notes, a.benefit_code, a.benefit_name, a.risk_score, a.done_date, a.outcome,
    a.outcome_reason
  FROM retention_actions a JOIN customers c ON c.id = a.customer_id LEFT JOIN staff s ON s.code = a.owner_code`;

/** Actions by owner, customers or id (all when none given), by due date; each condition only when given, so indexes serve it. */
export function listActions(
  sqlite: Database,
  where: { ownerCode?: string; customerIds?: readonly number[]; id?: number },
): ActionRecord[] {
  const conditions: string[] = [];
  const params: unknown[] = [];
  if (where.ownerCode !== undefined) {
    conditions.push('a.owner_code = ?');
    params.push(where.ownerCode);
  }
  if (where.customerIds !== undefined) {
    conditions.push('a.customer_id IN (SELECT value FROM json_each(?))');
    params.push(JSON.stringify(where.customerIds));
  }
  if (where.id !== undefined) {
    conditions.push('a.id = ?');
    params.push(where.id);
  }
  const filter = conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
  return sqlite.prepare(`${ACTION_SELECT} ${filter} ORDER BY a.due_date, a.id`).all(...params) as ActionRecord[];
}

export function markActionDone(sqlite: Database, actionId: number, date: string, at: string): void {
  sqlite
    .prepare('UPDATE retention_actions SET done_date = coalesce(done_date, ?), updated_at = ? WHERE id = ?')
    .run(date, at, actionId);
}

export function setActionOutcome(
  sqlite: Database,
  actionId: number,
  outcome: ActionOutcome | null,
  reason: string | null,
  at: string,
): void {
  sqlite
    .prepare('UPDATE retention_actions SET outcome = ?, outcome_reason = ?, updated_at = ? WHERE id = ?')
    .run(outcome, reason, at, actionId);
}

/**
 * Amounts maturing per customer from `from`: within the first window, and after it up to `until` (both inclusive);
 * of every customer, or of a book (its customers' holdings looked up one by one).
 */
export function maturingAmounts(
  sqlite: Database,
  from: string,
  firstUntil: string,
  until: string,
  managerCode?: string,
): Map<number, [number, number]> {
  const sums = `SELECT h.customer_id, sum(CASE WHEN h.maturity_date <= @firstUntil THEN ifnull(h.amount, 0) ELSE 0 END),
       sum(CASE WHEN h.maturity_date > @firstUntil THEN ifnull(h.amount, 0) ELSE 0 END)`;
  const window = '(h.maturity_date >= @from AND h.maturity_date <= @until)';
  const rows = sqlite
    .prepare(
      managerCode === undefined
        ? `${sums} FROM holdings h WHERE ${window} GROUP BY h.customer_id`
        : // Customer by customer through the holdings' key (`+`: not the maturity index, which would scan the window each time).
          `${sums} FROM customers c CROSS JOIN holdings h ON h.customer_id = c.id WHERE c.manager_code = @managerCode AND +${window} GROUP BY h.customer_id`,
    )
    .raw()
    .all({ from, firstUntil, until, ...(managerCode === undefined ? {} : { managerCode }) }) as Array<
    [number, number, number]
  >;
  return new Map(rows.map(([id, first, second]) => [id, [first, second]]));
}

/** A book's last contact dates by customer id: of any kind, face to face (拜访/网点面谈), about products. */
export function bookContactDates(
  sqlite: Database,
  managerCode: string,
): Map<number, [last: string, face: string | null, product: string | null]> {
  const rows = sqlite
    .prepare(
      `SELECT k.customer_id, max(k.contact_date), max(CASE WHEN k.channel IN ('visit', 'branch') THEN k.contact_date END),
              max(CASE WHEN k.purpose = 'product' THEN k.contact_date END)
       FROM contacts k JOIN customers c ON c.id = k.customer_id WHERE c.manager_code = ? GROUP BY k.customer_id`,
    )
    .raw()
    .all(managerCode) as Array<[number, string, string | null, string | null]>;
  return new Map(rows.map(([id, last, face, product]) => [id, [last, face, product]]));
}

/** Every contact, by customer then date: the date, and whether it was face to face. */
export function allContactDates(sqlite: Database): Array<[customerId: number, date: string, face: number]> {
  return sqlite
    .prepare(
      "SELECT customer_id, contact_date, channel IN ('visit', 'branch') FROM contacts ORDER BY customer_id, contact_date",
    )
    .raw()
    .all() as Array<[number, string, number]>;
}
