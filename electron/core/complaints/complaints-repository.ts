import type { Database } from 'better-sqlite3';
import {
  openComplaintSql,
  type ComplaintInput,
  type ComplaintStatus,
  type ComplaintSummary,
} from '../../../shared/schemas/complaints';

/** Open complaints (not yet 办结) per customer: the warning model's "open complaint" signal. */
export function openComplaintCounts(sqlite: Database): Map<number, number> {
  const rows = sqlite
    .prepare(
      "SELECT customer_id, count(*) AS n FROM complaints WHERE status <> 'closed' AND customer_id IS NOT NULL GROUP BY customer_id",
    )
    .raw()
    .all() as Array<[number, number]>;
  return new Map(rows);
}

/** The columns the workflow and the deadline read. */
export interface ComplaintRow {
  id: number;
  complaint_no: string;
  received_at: string;
  status: ComplaintStatus;
  complex: number;
  accepted_date: string | null;
  extension_days: number;
  replied_date: string | null;
  regulator_referred: number;
  customer_id: number | null;
}

/** A complaint's own columns as lists show them (`COMPLAINT_SELECT`). */
export interface ComplaintSummaryRow extends ComplaintRow {
  channel: ComplaintSummary['channel'];
  category: ComplaintSummary['category'];
  severity: ComplaintSummary['severity'];
  staff_code: string | null;
  closed_date: string | null;
  satisfied: number | null;
  reviews: number;
}

/** A whole complaint row, its texts included. */
export interface ComplaintRecord extends ComplaintSummaryRow {
  description: string;
  demand: string | null;
  reply: string | null;
}

/** A whole complaint row by id. */
export function findComplaint(sqlite: Database, id: number): ComplaintRecord | undefined {
  return sqlite.prepare('SELECT * FROM complaints WHERE id = ?').get(id) as ComplaintRecord | undefined;
}

/** The highest complaint number starting with `prefix` (a month's TS202403), or null when none does. */
export function lastComplaintNo(sqlite: Database, prefix: string): string | null {
  return sqlite
    .prepare("SELECT max(complaint_no) FROM complaints WHERE complaint_no LIKE ? || '%'")
    .pluck()
    .get(prefix) as string | null;
}

export interface NewComplaint {
  complaint_no: string;
  received_at: string;
  channel: ComplaintInput['channel'];
  category: ComplaintInput['category'];
  customer_id: number | null;
  staff_code: string | null;
  description: string;
  demand: string | null;
  severity: ComplaintInput['severity'];
  regulator_referred: number;
  created_at: string;
  created_by: string | null;
  updated_at: string;
}

/** Inserts a registered (登记) complaint; returns its id. */
export function insertComplaint(sqlite: Database, complaint: NewComplaint): number {
  return Number(
    sqlite
      .prepare(
        `INSERT INTO complaints (complaint_no, received_at, channel, category, customer_id, staff_code, description, demand, severity, regulator_referred, status, created_at, created_by, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'registered', ?, ?, ?)`,
      )
      .run(
        complaint.complaint_no,
        complaint.received_at,
        complaint.channel,
        complaint.category,
        complaint.customer_id,
        complaint.staff_code,
        complaint.description,
        complaint.demand,
        complaint.severity,
        complaint.regulator_referred,
        complaint.created_at,
        complaint.created_by,
        complaint.updated_at,
      ).lastInsertRowid,
  );
}

/** The columns a step of the workflow sets: always the status and time, and what the step records. */
export interface ComplaintStepUpdate {
  status: ComplaintStatus;
  updated_at: string;
  accepted_date?: string;
  complex?: number;
  replied_date?: string;
  reply?: string;
  closed_date?: string;
  satisfied?: number;
}

/** Writes a workflow step's columns to a complaint, in the order the object holds them. */
export function updateComplaintStep(sqlite: Database, id: number, set: ComplaintStepUpdate): void {
  const columns = Object.keys(set) as Array<keyof ComplaintStepUpdate>;
  sqlite
    .prepare(`UPDATE complaints SET ${columns.map((c) => `${c} = ?`).join(', ')} WHERE id = ?`)
    .run(...columns.map((c) => set[c]), id);
}

/** Adds extension days to a complaint. */
export function addExtensionDays(sqlite: Database, id: number, days: number, at: string): void {
  sqlite
    .prepare('UPDATE complaints SET extension_days = extension_days + ?, updated_at = ? WHERE id = ?')
    .run(days, at, id);
}

/** Reopens a replied complaint for a review (复核): 处理中 from `acceptedDate`, extensions and reply cleared, one more review. */
export function reopenForReview(sqlite: Database, id: number, acceptedDate: string, at: string): void {
  sqlite
    .prepare(
      "UPDATE complaints SET status = 'processing', accepted_date = ?, extension_days = 0, replied_date = NULL, closed_date = NULL, satisfied = NULL, reviews = reviews + 1, updated_at = ? WHERE id = ?",
    )
    .run(acceptedDate, at, id);
}

export interface NewComplaintEvent {
  complaint_id: number;
  at: string;
  kind: string;
  from_status: ComplaintStatus | null;
  to_status: ComplaintStatus | null;
  staff_code: string | null;
  /** JSON, or null. */
  detail: string | null;
}

/** Appends an event to a complaint's history. */
export function insertComplaintEvent(sqlite: Database, event: NewComplaintEvent): void {
  sqlite
    .prepare(
      'INSERT INTO complaint_events (complaint_id, at, kind, from_status, to_status, staff_code, detail) VALUES (?, ?, ?, ?, ?, ?, ?)',
    )
    .run(event.complaint_id, event.at, event.kind, event.from_status, event.to_status, event.staff_code, event.detail);
}

export interface ComplaintEventRecord {
  at: string;
  kind: string;
  from_status: string | null;
  to_status: string | null;
  staff_code: string | null;
  staff_name: string | null;
  detail: string | null;
}

/** A complaint's events in order, with the staff member's name. */
export function listComplaintEvents(sqlite: Database, complaintId: number): ComplaintEventRecord[] {
  return sqlite
    .prepare(
      'SELECT e.at, e.kind, e.from_status, e.to_status, e.staff_code, s.name AS staff_name, e.detail FROM complaint_events e LEFT JOIN staff s ON s.code = e.staff_code WHERE e.complaint_id = ? ORDER BY e.id',
    )
    .all(complaintId) as ComplaintEventRecord[];
}

/** Whether a complaint's clock is paused now (a pause not yet resumed). */
export function isPaused(sqlite: Database, complaintId: number): boolean {
  return (
    sqlite.prepare('SELECT 1 FROM complaint_pauses WHERE complaint_id = ? AND to_date IS NULL').get(complaintId) !==
    undefined
  );
}

/** A complaint's pause not yet resumed, if any. */
export function findOpenPause(sqlite: Database, complaintId: number): { id: number; from_date: string } | undefined {
  return sqlite
    .prepare('SELECT id, from_date FROM complaint_pauses WHERE complaint_id = ? AND to_date IS NULL')
    .get(complaintId) as { id: number; from_date: string } | undefined;
}

/** Inserts a pause of a complaint's clock from `fromDate`, not yet resumed. */
export function insertPause(sqlite: Database, complaintId: number, fromDate: string, reason: string): void {
  sqlite
    .prepare('INSERT INTO complaint_pauses (complaint_id, from_date, reason) VALUES (?, ?, ?)')
    .run(complaintId, fromDate, reason);
}

/** Ends a pause on `toDate`. */
export function endPause(sqlite: Database, pauseId: number, toDate: string): void {
  sqlite.prepare('UPDATE complaint_pauses SET to_date = ? WHERE id = ?').run(toDate, pauseId);
}

/** Ends a complaint's pauses not yet resumed on `toDate`. */
export function endOpenPauses(sqlite: Database, complaintId: number, toDate: string): void {
  sqlite
    .prepare('UPDATE complaint_pauses SET to_date = ? WHERE complaint_id = ? AND to_date IS NULL')
    .run(toDate, complaintId);
}

/** Deletes a complaint's pauses. */
export function deletePauses(sqlite: Database, complaintId: number): void {
  sqlite.prepare('DELETE FROM complaint_pauses WHERE complaint_id = ?').run(complaintId);
}

export interface PauseSpanRow {
  complaint_id: number;
  from_date: string;
  to_date: string | null;
}

/** Paused spans of the given complaints (all when `ids` is null). */
export function listPauseSpans(sqlite: Database, ids: readonly number[] | null): PauseSpanRow[] {
  return (
    ids === null
      ? sqlite.prepare('SELECT complaint_id, from_date, to_date FROM complaint_pauses').all()
      : sqlite
          .prepare(
            'SELECT complaint_id, from_date, to_date FROM complaint_pauses WHERE complaint_id IN (SELECT value FROM json_each(?))',
          )
          .all(JSON.stringify(ids))
  ) as PauseSpanRow[];
}

/** A complaint's pauses with their reasons, by start date. */
export function listComplaintPauses(
  sqlite: Database,
  complaintId: number,
): Array<{ from_date: string; to_date: string | null; reason: string }> {
  return sqlite
    .prepare('SELECT from_date, to_date, reason FROM complaint_pauses WHERE complaint_id = ? ORDER BY from_date')
    .all(complaintId) as Array<{ from_date: string; to_date: string | null; reason: string }>;
}

/** A complaint's own columns (no joins: the customers table is wide, and its rows are looked up only for what is shown). */
const COMPLAINT_SELECT = `SELECT id, complaint_no, received_at, channel, category, customer_id, staff_code, severity, regulator_referred, complex, status,
  accepted_date, extension_days, replied_date, closed_date, satisfied, reviews FROM complaints`;
/** The ones not yet replied: on the board. */
const OPEN = openComplaintSql('status');

/** Every complaint not yet replied (登记, 受理, 处理中). */
export function listOpenComplaints(sqlite: Database): ComplaintSummaryRow[] {
  return sqlite.prepare(`${COMPLAINT_SELECT} WHERE ${OPEN}`).all() as ComplaintSummaryRow[];
}

export interface ComplaintPageQuery {
  statuses?: readonly ComplaintStatus[];
  /** Only complaints of this manager's customers. */
  managerCode?: string;
  limit: number;
  offset: number;
}

/** A page of complaints, newest first, by status and customer manager, and how many match in all. */
export function listComplaintPage(
  sqlite: Database,
  query: ComplaintPageQuery,
): { total: number; rows: ComplaintSummaryRow[] } {
  const where = `WHERE (? IS NULL OR status IN (SELECT value FROM json_each(?))) AND (? IS NULL OR customer_id IN (SELECT id FROM customers WHERE manager_code = ?))`;
  const statuses = query.statuses ? JSON.stringify(query.statuses) : null;
  const params = [statuses, statuses, query.managerCode ?? null, query.managerCode ?? null];
  const total = sqlite
    .prepare(`SELECT count(*) FROM complaints ${where}`)
    .pluck()
    .get(...params) as number;
  const rows = sqlite
    .prepare(`${COMPLAINT_SELECT} ${where} ORDER BY received_at DESC, id DESC LIMIT ? OFFSET ?`)
    .all(...params, query.limit, query.offset) as ComplaintSummaryRow[];
  return { total, rows };
}

/** Complaints received from `from` (inclusive) to `until` (exclusive), oldest first. */
export function listComplaintsReceived(sqlite: Database, from: string, until: string): ComplaintSummaryRow[] {
  return sqlite
    .prepare(`${COMPLAINT_SELECT} WHERE received_at >= ? AND received_at < ? ORDER BY received_at, id`)
    .all(from, until) as ComplaintSummaryRow[];
}

/** What the analysis reads of each complaint received in a period, column by column in the same row order. */
export interface ComplaintAnalysisColumns {
  id: number[];
  /** The month received, YYYY-MM. */
  month: string[];
  channel: string[];
  category: string[];
  customerId: Array<number | null>;
  /** 1 when closed. */
  closed: number[];
  complex: number[];
  acceptedDate: Array<string | null>;
  extensionDays: number[];
  repliedDate: Array<string | null>;
  satisfied: Array<number | null>;
}

const ANALYSIS_COLUMNS: Record<keyof ComplaintAnalysisColumns, string> = {
  id: 'id',
  month: 'substr(received_at, 1, 7)',
  channel: 'channel',
  category: 'category',
  customerId: 'customer_id',
  closed: "status = 'closed'",
  complex: 'complex',
  acceptedDate: 'accepted_date',
  extensionDays: 'extension_days',
  repliedDate: 'replied_date',
  satisfied: 'satisfied',
};

/**
 * The complaints received from `from` (inclusive) to `until` (exclusive) as columns: a year of a large branch's is
 * tens of thousands, and one JSON array per column crosses from SQLite faster than a row at a time.
 */
export function listComplaintAnalysisColumns(sqlite: Database, from: string, until: string): ComplaintAnalysisColumns {
  const keys = Object.keys(ANALYSIS_COLUMNS) as Array<keyof ComplaintAnalysisColumns>;
  const arrays = sqlite
    .prepare(
      `SELECT ${keys.map((k) => `json_group_array(${ANALYSIS_COLUMNS[k]})`).join(', ')} FROM complaints WHERE received_at >= ? AND received_at < ?`,
    )
    .raw()
    .get(from, until) as string[];
  return Object.fromEntries(
    keys.map((k, i) => [k, JSON.parse(arrays[i]) as unknown]),
  ) as unknown as ComplaintAnalysisColumns;
}
