import type { Database } from 'better-sqlite3';
import type { HandoverReason } from '../../../shared/schemas/books';
import { openComplaintSql } from '../../../shared/schemas/complaints';

/** A retention action `a` still open: not carried out, no outcome; a handover gives these to the new manager. */
const OPEN_ACTION = 'a.done_date IS NULL AND a.outcome IS NULL';

/** A customer a handover may move, as it is now. */
export interface HandoverCandidateRow {
  id: number;
  customer_no: string;
  name: string;
  manager_code: string | null;
  manager_name: string | null;
  /** The day the customer's last move took effect (null: never moved). */
  last_moved: string | null;
}

const CANDIDATES = `SELECT c.id, c.customer_no, c.name, c.manager_code, s.name AS manager_name,
    (SELECT max(m.effective_date) FROM manager_changes m WHERE m.customer_id = c.id) AS last_moved
  FROM json_each(?) j CROSS JOIN customers c ON c.id = j.value LEFT JOIN staff s ON s.code = c.manager_code ORDER BY c.id`;

/** The customers with these ids, as a handover reads them. */
export function readHandoverCandidates(sqlite: Database, customerIds: readonly number[]): HandoverCandidateRow[] {
  return sqlite.prepare(CANDIDATES).all(JSON.stringify(customerIds)) as HandoverCandidateRow[];
}

/** The ids of a manager's book. */
export function bookCustomerIds(sqlite: Database, managerCode: string): number[] {
  return sqlite
    .prepare('SELECT id FROM customers WHERE manager_code = ? ORDER BY id')
    .pluck()
    .all(managerCode) as number[];
}

/** Customer numbers to ids; the numbers the branch lacks are missing from the map. */
export function customerIdsByNo(sqlite: Database, customerNos: readonly string[]): Map<string, number> {
  const rows = sqlite
    .prepare('SELECT c.customer_no, c.id FROM json_each(?) j CROSS JOIN customers c ON c.customer_no = j.value')
    .raw()
    .all(JSON.stringify(customerNos)) as Array<[string, number]>;
  return new Map(rows);
}

/** What goes with each customer (id → counts): open actions, open complaints, plan items from `week`, invitations from `today`. */
export function countCustomerItems(
  sqlite: Database,
  customerIds: readonly number[],
  week: string,
  today: string,
): Map<number, { actions: number; complaints: number; plans: number; invitations: number }> {
  const rows = sqlite
    .prepare(
      `SELECT j.value AS id,
         (SELECT count(*) FROM retention_actions a WHERE a.customer_id = j.value AND ${OPEN_ACTION}) AS actions,
         (SELECT count(*) FROM complaints k WHERE k.customer_id = j.value AND ${openComplaintSql('k.status')}) AS complaints,
         (SELECT count(*) FROM plan_items p WHERE p.customer_id = j.value AND p.week >= ? AND p.done_date IS NULL) AS plans,
         (SELECT count(*) FROM event_invitees i JOIN events e ON e.id = i.event_id
            WHERE i.customer_id = j.value AND i.status = 'invited' AND e.event_date >= ?) AS invitations
       FROM json_each(?) j`,
    )
    .all(week, today, JSON.stringify(customerIds)) as Array<{
    id: number;
    actions: number;
    complaints: number;
    plans: number;
    invitations: number;
  }>;
  return new Map(rows.map(({ id, ...counts }) => [id, counts]));
}

export interface NewHandover {
  to_code: string;
  effective_date: string;
  reason: HandoverReason;
  note: string | null;
  customers: number;
  transition_days: number;
  /** 0: dated ahead, its customers moved on the day (`applyHandover`). */
  applied: 0 | 1;
  created_at: string;
  created_by: string | null;
}

/**
 * Writes a handover: its row and each customer's move (from the manager it has now); applied at once unless dated
 * ahead. Returns the handover's id.
 */
export function writeHandover(sqlite: Database, handover: NewHandover, customerIds: readonly number[]): number {
  const id = Number(
    sqlite
      .prepare(
        `INSERT INTO handovers (to_code, effective_date, reason, note, customers, transition_days, applied, last_batch_id, created_at, created_by)
         VALUES (@to_code, @effective_date, @reason, @note, @customers, @transition_days, @applied, (SELECT max(id) FROM import_batches), @created_at, @created_by)`,
      )
      .run(handover).lastInsertRowid,
  );
  sqlite
    .prepare(
      `INSERT INTO manager_changes (customer_id, from_code, to_code, effective_date, reason, handover_id, recorded_at, recorded_by)
       SELECT c.id, c.manager_code, ?, ?, ?, ?, ?, ? FROM json_each(?) j CROSS JOIN customers c ON c.id = j.value`,
    )
    .run(
      handover.to_code,
      handover.effective_date,
      handover.reason,
      id,
      handover.created_at,
      handover.created_by,
      JSON.stringify(customerIds),
    );
  if (handover.applied) moveHandoverCustomers(sqlite, id, handover.to_code, handover.created_at);
  return id;
}

/**
 * Moves a handover's customers to the new manager with their open retention actions (their owners before kept for
 * the undo).
 */
function moveHandoverCustomers(sqlite: Database, id: number, toCode: string, at: string): void {
  sqlite
    .prepare(
      `INSERT INTO handover_actions (handover_id, action_id, owner_before)
       SELECT m.handover_id, a.id, a.owner_code FROM manager_changes m JOIN retention_actions a ON a.customer_id = m.customer_id
       WHERE m.handover_id = ? AND ${OPEN_ACTION} AND a.owner_code IS NOT ?`,
    )
    .run(id, toCode);
  sqlite
    .prepare(
      `UPDATE retention_actions SET owner_code = ?, updated_at = ?
       WHERE id IN (SELECT action_id FROM handover_actions WHERE handover_id = ?)`,
    )
    .run(toCode, at, id);
  sqlite
    .prepare(
      'UPDATE customers SET manager_code = ?, updated_at = ? WHERE id IN (SELECT customer_id FROM manager_changes WHERE handover_id = ?)',
    )
    .run(toCode, at, id);
}

/** The handovers dated ahead whose day has come (by `day`), oldest first. */
export function dueHandovers(sqlite: Database, day: string): Array<{ id: number; to_code: string; customers: number }> {
  return sqlite
    .prepare(
      'SELECT id, to_code, customers FROM handovers WHERE applied = 0 AND undone_at IS NULL AND effective_date <= ? ORDER BY effective_date, id',
    )
    .all(day) as Array<{ id: number; to_code: string; customers: number }>;
}

/**
 * Applies a handover dated ahead on its day: each move's manager before becomes the customer's manager now (an
 * import may have moved it since; a customer already with the new manager is no move), then the customers and their
 * open actions move. It counts as made now for the undo order of imports and handovers.
 */
export function applyHandover(sqlite: Database, id: number, toCode: string, at: string): void {
  sqlite
    .prepare(
      `UPDATE manager_changes SET from_code = (SELECT c.manager_code FROM customers c WHERE c.id = manager_changes.customer_id)
       WHERE handover_id = ?`,
    )
    .run(id);
  sqlite.prepare('DELETE FROM manager_changes WHERE handover_id = ? AND from_code IS to_code').run(id);
  moveHandoverCustomers(sqlite, id, toCode, at);
  sqlite
    .prepare('UPDATE handovers SET applied = 1, last_batch_id = (SELECT max(id) FROM import_batches) WHERE id = ?')
    .run(id);
}

export interface HandoverRow {
  id: number;
  to_code: string;
  to_name: string | null;
  effective_date: string;
  reason: HandoverReason;
  note: string | null;
  customers: number;
  transition_days: number;
  applied: 0 | 1;
  created_at: string;
  created_by: string | null;
  undone_at: string | null;
}

const HANDOVER_SELECT = `SELECT h.id, h.to_code, s.name AS to_name, h.effective_date, h.reason, h.note, h.customers,
    h.transition_days, h.applied, h.created_at, h.created_by, h.undone_at
  FROM handovers h LEFT JOIN staff s ON s.code = h.to_code`;

/** The handovers, newest first. */
export function listHandoverRows(sqlite: Database, limit: number): HandoverRow[] {
  return sqlite.prepare(`${HANDOVER_SELECT} ORDER BY h.id DESC LIMIT ?`).all(limit) as HandoverRow[];
}

/** One handover (undefined: no such). */
export function findHandoverRow(sqlite: Database, id: number): HandoverRow | undefined {
  return sqlite.prepare(`${HANDOVER_SELECT} WHERE h.id = ?`).get(id) as HandoverRow | undefined;
}

/**
 * The handover that can be undone: the latest one in force, when no import in force came after it and no customer of it
 * has moved since (a later handover that was undone leaves it undoable again). Null when there is none.
 */
export function undoableHandoverId(sqlite: Database): number | null {
  const latest = sqlite
    .prepare('SELECT id FROM handovers WHERE undone_at IS NULL ORDER BY id DESC LIMIT 1')
    .pluck()
    .get() as number | undefined;
  if (latest === undefined) return null;
  // An import since: its undo data was taken with the handover in force, so the handover goes back only after it
  // (one dated ahead and not applied yet has moved nobody).
  const importedSince = sqlite
    .prepare(
      'SELECT 1 FROM import_batches b, handovers h WHERE h.id = ? AND h.applied = 1 AND b.undone_at IS NULL AND b.id > ifnull(h.last_batch_id, 0) LIMIT 1',
    )
    .get(latest);
  if (importedSince) return null;
  const movedSince = sqlite
    .prepare(
      `SELECT 1 FROM manager_changes m JOIN manager_changes later ON later.customer_id = m.customer_id AND later.id > m.id
       WHERE m.handover_id = ? LIMIT 1`,
    )
    .get(latest);
  return movedSince ? null : latest;
}

/**
 * Takes a handover back: each customer to the manager it had, the actions it gave (still with that manager) to their
 * owners, its moves forgotten (one not applied yet moved nobody: only its moves go).
 */
export function undoHandoverRows(sqlite: Database, id: number, at: string, by: string | null): void {
  const applied = sqlite.prepare('SELECT applied FROM handovers WHERE id = ?').pluck().get(id) === 1;
  if (applied) restoreHandoverCustomers(sqlite, id, at);
  sqlite.prepare('DELETE FROM manager_changes WHERE handover_id = ?').run(id);
  sqlite.prepare('UPDATE handovers SET undone_at = ?, undone_by = ? WHERE id = ?').run(at, by, id);
}

function restoreHandoverCustomers(sqlite: Database, id: number, at: string): void {
  sqlite
    .prepare(
      `UPDATE customers SET manager_code = (SELECT m.from_code FROM manager_changes m WHERE m.handover_id = ? AND m.customer_id = customers.id), updated_at = ?
       WHERE id IN (SELECT customer_id FROM manager_changes WHERE handover_id = ?)`,
    )
    .run(id, at, id);
  sqlite
    .prepare(
      `UPDATE retention_actions SET owner_code = (SELECT h.owner_before FROM handover_actions h WHERE h.handover_id = ? AND h.action_id = retention_actions.id), updated_at = ?
       WHERE id IN (SELECT action_id FROM handover_actions WHERE handover_id = ?)
         AND owner_code IS (SELECT to_code FROM handovers WHERE id = ?)`,
    )
    .run(id, at, id, id);
}

/** A handover's customers as its list shows them: number, name, the manager they came from. */
export function listHandoverCustomers(
  sqlite: Database,
  handoverId: number,
): Array<{ id: number; customer_no: string; name: string; from_code: string | null; from_name: string | null }> {
  return sqlite
    .prepare(
      `SELECT c.id, c.customer_no, c.name, m.from_code, s.name AS from_name
       FROM manager_changes m JOIN customers c ON c.id = m.customer_id LEFT JOIN staff s ON s.code = m.from_code
       WHERE m.handover_id = ? ORDER BY m.from_code, c.customer_no`,
    )
    .all(handoverId) as Array<{
    id: number;
    customer_no: string;
    name: string;
    from_code: string | null;
    from_name: string | null;
  }>;
}

/** The latest handover in force (null: none). */
export function latestHandoverId(sqlite: Database): number | null {
  return (
    (sqlite.prepare('SELECT max(id) FROM handovers WHERE undone_at IS NULL').pluck().get() as number | null) ?? null
  );
}

/** The latest handover in force made after import batch `batchId`, or null. */
export function handoverInForceAfter(sqlite: Database, batchId: number): number | null {
  return (
    (sqlite
      .prepare('SELECT max(id) FROM handovers WHERE undone_at IS NULL AND ifnull(last_batch_id, 0) >= ?')
      .pluck()
      .get(batchId) as number | null) ?? null
  );
}
