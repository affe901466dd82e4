import type { Database } from 'better-sqlite3';
import type { PlanKind, PlanReason } from '../../../shared/schemas/workbench';

export interface PlanRow {
  id: number;
  manager_code: string;
  kind: PlanKind;
  customer_id: number | null;
  customer_no: string | null;
  name: string | null;
  event_id: number | null;
  title: string | null;
  event_date: string | null;
  attended: number;
  reason: PlanReason;
  note: string | null;
  done_date: string | null;
}

const PLAN_SELECT = `SELECT p.id, p.manager_code, p.kind, p.customer_id, c.customer_no, c.name, p.event_id, e.title, e.event_date,
    (SELECT count(*) FROM event_invitees i WHERE i.event_id = p.event_id AND i.status = 'attended') AS attended,
    p.reason, p.note, p.done_date
  FROM plan_items p LEFT JOIN customers c ON c.id = p.customer_id LEFT JOIN events e ON e.id = p.event_id`;

/** The plan items of a week (one manager's, or every manager's when null), with customer, event and attendance. */
export function listPlanRowsOfWeek(sqlite: Database, week: string, managerCode: string | null): PlanRow[] {
  return sqlite
    .prepare(`${PLAN_SELECT} WHERE p.week = ? AND (? IS NULL OR p.manager_code = ?) ORDER BY p.id`)
    .all(week, managerCode, managerCode) as PlanRow[];
}

/** Each customer's first contact from `from` to `to` (inclusive), and first face-to-face one (visit or branch). */
export function firstContactsBetween(
  sqlite: Database,
  customerIds: number[],
  from: string,
  to: string,
): Map<number, { any: string; face: string | null }> {
  return new Map(
    (
      sqlite
        .prepare(
          `SELECT customer_id, min(contact_date), min(CASE WHEN channel IN ('visit', 'branch') THEN contact_date END) FROM contacts
         WHERE customer_id IN (SELECT value FROM json_each(?)) AND contact_date >= ? AND contact_date <= ? GROUP BY customer_id`,
        )
        .raw()
        .all(JSON.stringify(customerIds), from, to) as Array<[number, string, string | null]>
    ).map(([id, any, face]) => [id, { any, face }]),
  );
}

export interface NewPlanItem {
  manager_code: string;
  week: string;
  kind: PlanKind;
  customer_id: number | null;
  event_id: number | null;
  reason: PlanReason;
  note: string | null;
  created_at: string;
  created_by: string | null;
}

/** Returns a function that adds one plan item, giving the rows inserted (0: already planned). */
export function preparePlanItemInsert(sqlite: Database): (item: NewPlanItem) => number {
  const statement = sqlite.prepare(
    `INSERT INTO plan_items (manager_code, week, kind, customer_id, event_id, reason, note, created_at, created_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
  );
  return (item) =>
    statement.run(
      item.manager_code,
      item.week,
      item.kind,
      item.customer_id,
      item.event_id,
      item.reason,
      item.note,
      item.created_at,
      item.created_by,
    ).changes;
}

/** The manager whose plan an item is in, or undefined when there is no such item. */
export function findPlanItemManager(sqlite: Database, id: number): string | undefined {
  return sqlite.prepare('SELECT manager_code FROM plan_items WHERE id = ?').pluck().get(id) as string | undefined;
}

/** Sets (or clears, with null) the date an item was marked done. */
export function updatePlanItemDone(sqlite: Database, id: number, doneDate: string | null): void {
  sqlite.prepare('UPDATE plan_items SET done_date = ? WHERE id = ?').run(doneDate, id);
}

/** Deletes a plan item. */
export function deletePlanItem(sqlite: Database, id: number): void {
  sqlite.prepare('DELETE FROM plan_items WHERE id = ?').run(id);
}
