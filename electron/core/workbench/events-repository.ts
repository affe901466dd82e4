import type { Database } from 'better-sqlite3';
import type { EventDetail, EventInput, EventSummary } from '../../../shared/schemas/workbench';

const EVENT_SELECT = `SELECT e.id, e.title, e.kind, e.event_date AS date, e.place, e.owner_code AS ownerCode, s.name AS ownerName, e.notes,
    count(i.customer_id) AS invited, ifnull(sum(i.status = 'attended'), 0) AS attended, ifnull(sum(i.status = 'absent'), 0) AS absent,
    ifnull(sum(i.follow_up IS NOT NULL), 0) AS followedUp
  FROM events e LEFT JOIN staff s ON s.code = e.owner_code LEFT JOIN event_invitees i ON i.event_id = e.id`;

/** Event summaries, newest first, within `from`..`to` (either end null: open). */
export function listEventSummaries(sqlite: Database, from: string | null, to: string | null): EventSummary[] {
  return sqlite
    .prepare(
      `${EVENT_SELECT} WHERE (? IS NULL OR e.event_date >= ?) AND (? IS NULL OR e.event_date <= ?) GROUP BY e.id ORDER BY e.event_date DESC, e.id DESC`,
    )
    .all(from, from, to, to) as EventSummary[];
}

/** One event's summary with its invitee counts, or undefined. */
export function findEventSummary(sqlite: Database, id: number): EventSummary | undefined {
  return sqlite.prepare(`${EVENT_SELECT} WHERE e.id = ? GROUP BY e.id`).get(id) as EventSummary | undefined;
}

/** Whether an event with this id exists. */
export function eventExists(sqlite: Database, id: number): boolean {
  return sqlite.prepare('SELECT 1 FROM events WHERE id = ?').get(id) !== undefined;
}

/** An owner's events from `from` to `to` (inclusive), in date order. */
export function listOwnerEventsBetween(
  sqlite: Database,
  ownerCode: string,
  from: string,
  to: string,
): Array<{ id: number; title: string; event_date: string }> {
  return sqlite
    .prepare(
      'SELECT id, title, event_date FROM events WHERE owner_code = ? AND event_date >= ? AND event_date <= ? ORDER BY event_date',
    )
    .all(ownerCode, from, to) as Array<{ id: number; title: string; event_date: string }>;
}

export interface EventInviteeRow {
  id: number;
  customer_no: string;
  name: string;
  manager_code: string | null;
  manager_name: string | null;
  status: EventDetail['invitees'][number]['status'];
  follow_up: string | null;
}

/** An event's invitees by customer number, with their manager's name; with `managerCode`, those of that book only. */
export function listEventInvitees(sqlite: Database, eventId: number, managerCode: string | null): EventInviteeRow[] {
  return sqlite
    .prepare(
      `SELECT c.id, c.customer_no, c.name, c.manager_code, s.name AS manager_name, i.status, i.follow_up FROM event_invitees i JOIN customers c ON c.id = i.customer_id
       LEFT JOIN staff s ON s.code = c.manager_code WHERE i.event_id = ? AND (? IS NULL OR c.manager_code = ?) ORDER BY c.customer_no`,
    )
    .all(eventId, managerCode, managerCode) as EventInviteeRow[];
}

/** An event's editable columns. */
export interface EventRecord {
  title: string;
  kind: EventInput['kind'];
  event_date: string;
  place: string | null;
  owner_code: string;
  notes: string | null;
}

/** Inserts an event; its id. */
export function insertEvent(sqlite: Database, event: EventRecord, createdAt: string, createdBy: string | null): number {
  return Number(
    sqlite
      .prepare(
        'INSERT INTO events (title, kind, event_date, place, owner_code, notes, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(event.title, event.kind, event.event_date, event.place, event.owner_code, event.notes, createdAt, createdBy)
      .lastInsertRowid,
  );
}

/** Overwrites an event's editable columns. */
export function updateEvent(sqlite: Database, id: number, event: EventRecord): void {
  sqlite
    .prepare('UPDATE events SET title = ?, kind = ?, event_date = ?, place = ?, owner_code = ?, notes = ? WHERE id = ?')
    .run(event.title, event.kind, event.event_date, event.place, event.owner_code, event.notes, id);
}

/** The ids of an event's invitees. */
export function listInvitedCustomerIds(sqlite: Database, eventId: number): number[] {
  return sqlite.prepare('SELECT customer_id FROM event_invitees WHERE event_id = ?').pluck().all(eventId) as number[];
}

/** Returns a function that adds one invitee to an event (prepared once for a whole invitation). */
export function prepareInviteeInsert(
  sqlite: Database,
): (eventId: number, customerId: number, invitedAt: string, invitedBy: string | null) => void {
  const statement = sqlite.prepare(
    'INSERT INTO event_invitees (event_id, customer_id, invited_at, invited_by) VALUES (?, ?, ?, ?)',
  );
  return (eventId, customerId, invitedAt, invitedBy) => {
    statement.run(eventId, customerId, invitedAt, invitedBy);
  };
}

/** Writes an invitee's attendance and follow-up; the rows changed (0: not invited). */
export function updateInviteeAttendance(
  sqlite: Database,
  eventId: number,
  customerId: number,
  status: EventInviteeRow['status'],
  followUp: string | null,
): number {
  return sqlite
    .prepare('UPDATE event_invitees SET status = ?, follow_up = ? WHERE event_id = ? AND customer_id = ?')
    .run(status, followUp, eventId, customerId).changes;
}
