/**
 * Complaint log (投诉, docs/domain.md, "Complaints"): registration with an automatic number, the workflow 登记 → 受理 → 处理中 →
 * 已答复 → 办结 with every step time-stamped and attributed, extensions with an approver and a reason, pauses for
 * appraisal or third-party time, reviews (复核) within 30 days of the reply, and the board of what is due. Deadlines come
 * from the pure `engine/complaint-deadline.ts`.
 */
import { AppError } from '../../../shared/errors';
import { addDays, addMonths } from '../../../shared/month';
import {
  COMPLAINT_STATUS_NAMES,
  type ComplaintAnalysis,
  type ComplaintAnalysisQuery,
  type ComplaintBoard,
  type ComplaintDated,
  type ComplaintDetail,
  type ComplaintExtension,
  type ComplaintInput,
  type ComplaintListQuery,
  type ComplaintPause,
  type ComplaintStatus,
  type ComplaintSummary,
  type ComplaintTransition,
} from '../../../shared/schemas/complaints';
import { appendAudit } from '../trust/audit-repository';
import { staffNames } from '../branch/branch-repository';
import { findCustomerNames } from '../customers/customers-repository';
import {
  complaintDeadline,
  extensionProblem,
  handlingOf,
  reviewDeadline,
  type ComplaintDeadline,
} from './complaint-deadline';
import type { CoreContext } from '../platform/context';
import { requireCustomerByNo, requireStaff } from '../customers/lookup';
import { customerAttributes } from '../segments/segments';

/** The steps each status may go to (a review, from 已答复 or 办结, is its own action). */
export const NEXT_STATUSES: Record<ComplaintStatus, readonly ComplaintStatus[]> = {
  registered: ['accepted'],
  accepted: ['processing', 'replied'],
  processing: ['replied'],
  replied: ['closed'],
  closed: [],
};

/** Days ahead that count as "due soon" on the board. */
const DUE_SOON_DAYS = 3;

interface ComplaintRow {
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

function requireComplaint(ctx: CoreContext, id: number): ComplaintRow {
  const row = ctx.store.sqlite.prepare('SELECT * FROM complaints WHERE id = ?').get(id) as ComplaintRow | undefined;
  if (!row) throw new AppError('NOT_FOUND', `找不到投诉（编号 ${id}）`, `No complaint ${id}`, { field: 'complaintId' });
  return row;
}

function refuseClosed(row: ComplaintRow): void {
  if (row.status === 'closed') {
    throw new AppError(
      'CONFLICT',
      `投诉 ${row.complaint_no} 已办结，不能再改动；如需重新处理，请在答复后 30 天内申请复核。`,
      `Complaint ${row.complaint_no} is closed; request a review to reopen it.`,
      {
        field: 'complaintId',
      },
    );
  }
}

function recordEvent(
  ctx: CoreContext,
  complaintId: number,
  kind: string,
  from: ComplaintStatus | null,
  to: ComplaintStatus | null,
  staffCode: string | null,
  detail: object | null,
): void {
  ctx.store.sqlite
    .prepare(
      'INSERT INTO complaint_events (complaint_id, at, kind, from_status, to_status, staff_code, detail) VALUES (?, ?, ?, ?, ?, ?, ?)',
    )
    .run(complaintId, ctx.now(), kind, from, to, staffCode, detail ? JSON.stringify(detail) : null);
  appendAudit(ctx.store.sqlite, {
    at: ctx.now(),
    actor: staffCode,
    action: `complaints.${kind}`,
    target: String(complaintId),
    detail: { from, to, ...detail },
  });
}

/** A complaint's dates are of what has happened: none after today. */
function refuseFuture(ctx: CoreContext, date: string, field: string): void {
  if (date > ctx.today())
    throw new AppError('VALIDATION', `日期 ${date} 晚于今天，请更正。`, `The date ${date} is in the future.`, {
      field,
    });
}

/** Registers a complaint (登记) under the next number of its month: TS202403 0001. */
export async function registerComplaint(
  ctx: CoreContext,
  input: ComplaintInput,
): Promise<{ id: number; complaintNo: string }> {
  refuseFuture(ctx, input.receivedAt, 'receivedAt');
  const customerId = input.customerNo === null ? null : (await requireCustomerByNo(ctx, input.customerNo)).id;
  const { sqlite } = ctx.store;
  return sqlite.transaction(() => {
    const prefix = `TS${input.receivedAt.slice(0, 4)}${input.receivedAt.slice(5, 7)}`;
    const last = sqlite
      .prepare("SELECT max(complaint_no) FROM complaints WHERE complaint_no LIKE ? || '%'")
      .pluck()
      .get(prefix) as string | null;
    const complaintNo = `${prefix}${String(last ? Number(last.slice(prefix.length)) + 1 : 1).padStart(4, '0')}`;
    const now = ctx.now();
    const id = Number(
      sqlite
        .prepare(
          `INSERT INTO complaints (complaint_no, received_at, channel, category, customer_id, staff_code, description, demand, severity, regulator_referred, status, created_at, created_by, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'registered', ?, ?, ?)`,
        )
        .run(
          complaintNo,
          input.receivedAt,
          input.channel,
          input.category,
          customerId,
          input.involvedStaffCode,
          input.description,
          input.demand,
          input.severity,
          input.regulatorReferred ? 1 : 0,
          now,
          input.staffCode,
          now,
        ).lastInsertRowid,
    );
    recordEvent(ctx, id, 'register', null, 'registered', input.staffCode, { complaintNo });
    ctx.cache.changed('serviceRecord'); // an open complaint is a warning signal
    return { id, complaintNo };
  })();
}

/** Moves a complaint one step on; out of order is refused naming the steps allowed. */
export function transitionComplaint(ctx: CoreContext, input: ComplaintTransition): { status: ComplaintStatus } {
  const row = requireComplaint(ctx, input.complaintId);
  refuseClosed(row);
  const allowed = NEXT_STATUSES[row.status];
  if (!allowed.includes(input.to)) {
    const names = allowed.map((s) => COMPLAINT_STATUS_NAMES[s]).join('、');
    throw new AppError(
      'VALIDATION',
      `投诉 ${row.complaint_no} 目前为“${COMPLAINT_STATUS_NAMES[row.status]}”，不能直接转为“${COMPLAINT_STATUS_NAMES[input.to]}”；下一步可为：${names}。`,
      `Complaint ${row.complaint_no} is ${row.status}; it cannot go to ${input.to} (next: ${allowed.join(', ')}).`,
      { field: 'to', allowed },
    );
  }
  refuseFuture(ctx, input.date, 'date');
  const since = row.status === 'registered' ? row.received_at : (row.accepted_date ?? row.received_at);
  if (input.date < since) {
    throw new AppError(
      'VALIDATION',
      `日期 ${input.date} 早于${row.status === 'registered' ? '收到' : '受理'}日期 ${since}`,
      `The date ${input.date} is before ${since}`,
      { field: 'date' },
    );
  }
  const { sqlite } = ctx.store;
  sqlite.transaction(() => {
    const set: Record<string, unknown> = { status: input.to, updated_at: ctx.now() };
    if (input.to === 'accepted') Object.assign(set, { accepted_date: input.date, complex: input.complex ? 1 : 0 });
    if (input.to === 'replied') Object.assign(set, { replied_date: input.date, reply: input.reply });
    if (input.to === 'closed') Object.assign(set, { closed_date: input.date, satisfied: input.satisfied ? 1 : 0 });
    const columns = Object.keys(set);
    sqlite
      .prepare(`UPDATE complaints SET ${columns.map((c) => `${c} = ?`).join(', ')} WHERE id = ?`)
      .run(...columns.map((c) => set[c]), row.id);
    // Time paused and not resumed ends with the reply.
    if (input.to === 'replied')
      sqlite
        .prepare('UPDATE complaint_pauses SET to_date = ? WHERE complaint_id = ? AND to_date IS NULL')
        .run(input.date, row.id);
    recordEvent(ctx, row.id, 'transition', row.status, input.to, input.staffCode, {
      date: input.date,
      ...(input.to === 'closed' ? { satisfied: input.satisfied } : {}),
    });
    ctx.cache.changed('serviceRecord');
  })();
  return { status: input.to };
}

/** Extends the handling time with an approver and a reason: up to 30 days in all, 60 days of handling at most. */
export function extendComplaint(ctx: CoreContext, input: ComplaintExtension): ComplaintDeadline {
  const row = requireComplaint(ctx, input.complaintId);
  refuseClosed(row);
  if (row.accepted_date === null || row.replied_date !== null) {
    throw new AppError(
      'VALIDATION',
      '只有已受理、尚未答复的投诉可以延期。',
      'Only an accepted complaint not yet replied can be extended.',
      { field: 'complaintId' },
    );
  }
  requireApprover(ctx, input.approverCode);
  const problem = extensionProblem(row.complex === 1, row.extension_days, input.days);
  if (problem)
    throw new AppError(
      'VALIDATION',
      `投诉 ${row.complaint_no}：${problem}`,
      `Complaint ${row.complaint_no}: the extension is not allowed (${problem})`,
      { field: 'days' },
    );
  ctx.store.sqlite.transaction(() => {
    ctx.store.sqlite
      .prepare('UPDATE complaints SET extension_days = extension_days + ?, updated_at = ? WHERE id = ?')
      .run(input.days, ctx.now(), row.id);
    recordEvent(ctx, row.id, 'extend', row.status, row.status, input.staffCode, {
      days: input.days,
      approver: input.approverCode,
      reason: input.reason,
    });
  })();
  return deadlineOf(ctx, row.id, ctx.today());
}

/** An extension is approved by the 支行长 (or an administrator): an active staff member in one of those roles. */
function requireApprover(ctx: CoreContext, code: string): void {
  const role = ctx.store.sqlite.prepare('SELECT role FROM staff WHERE code = ? AND active = 1').pluck().get(code) as
    string | undefined;
  if (role === undefined) requireStaff(ctx, code, 'approverCode');
  if (role !== 'branch_manager' && role !== 'admin') {
    throw new AppError(
      'VALIDATION',
      `延期须由支行长或管理员审批，${code} 不是在岗的支行长或管理员。`,
      `An extension is approved by the branch manager or an administrator; ${code} is neither (or is inactive).`,
      { field: 'approverCode' },
    );
  }
}

/** Pauses the clock from `from` (appraisal, a third party); one pause at a time. */
export function pauseComplaint(ctx: CoreContext, input: ComplaintPause): { paused: true } {
  const row = requireComplaint(ctx, input.complaintId);
  refuseClosed(row);
  if (row.accepted_date === null || row.replied_date !== null)
    throw new AppError(
      'VALIDATION',
      '只有已受理、尚未答复的投诉可以暂停计时。',
      'Only an accepted complaint not yet replied can be paused.',
    );
  if (input.from < row.accepted_date)
    throw new AppError(
      'VALIDATION',
      `暂停日期 ${input.from} 早于受理日期 ${row.accepted_date}`,
      `Pause before acceptance`,
      { field: 'from' },
    );
  const { sqlite } = ctx.store;
  if (sqlite.prepare('SELECT 1 FROM complaint_pauses WHERE complaint_id = ? AND to_date IS NULL').get(row.id)) {
    throw new AppError('CONFLICT', `投诉 ${row.complaint_no} 已在暂停中，请先恢复计时。`, 'Already paused.');
  }
  sqlite.transaction(() => {
    sqlite
      .prepare('INSERT INTO complaint_pauses (complaint_id, from_date, reason) VALUES (?, ?, ?)')
      .run(row.id, input.from, input.reason);
    recordEvent(ctx, row.id, 'pause', row.status, row.status, input.staffCode, {
      from: input.from,
      reason: input.reason,
    });
  })();
  return { paused: true };
}

/** Resumes the clock on `date` (the paused days are added to the due date). */
export function resumeComplaint(ctx: CoreContext, input: ComplaintDated): { resumed: true } {
  const row = requireComplaint(ctx, input.complaintId);
  refuseClosed(row);
  const { sqlite } = ctx.store;
  const open = sqlite
    .prepare('SELECT id, from_date FROM complaint_pauses WHERE complaint_id = ? AND to_date IS NULL')
    .get(row.id) as { id: number; from_date: string } | undefined;
  if (!open) throw new AppError('CONFLICT', `投诉 ${row.complaint_no} 没有在暂停中。`, 'Not paused.');
  if (input.date < open.from_date)
    throw new AppError(
      'VALIDATION',
      `恢复日期 ${input.date} 早于暂停日期 ${open.from_date}`,
      'Resume before the pause',
      { field: 'date' },
    );
  sqlite.transaction(() => {
    sqlite.prepare('UPDATE complaint_pauses SET to_date = ? WHERE id = ?').run(input.date, open.id);
    recordEvent(ctx, row.id, 'resume', row.status, row.status, input.staffCode, { date: input.date });
  })();
  return { resumed: true };
}

/**
 * A review (复核) requested on `date`: allowed within 30 days of the reply; it reopens the complaint (处理中) with a
 * fresh handling period from that date, the earlier reply kept in its events.
 */
export function requestReview(ctx: CoreContext, input: ComplaintDated): { status: ComplaintStatus } {
  const row = requireComplaint(ctx, input.complaintId);
  if (row.replied_date === null)
    throw new AppError('VALIDATION', `投诉 ${row.complaint_no} 尚未答复，无需复核。`, 'Not replied yet.', {
      field: 'complaintId',
    });
  const last = reviewDeadline(row.replied_date);
  if (input.date > last || input.date < row.replied_date) {
    throw new AppError(
      'VALIDATION',
      `复核须在答复（${row.replied_date}）后 30 天内申请，即不晚于 ${last}。`,
      `A review must be requested by ${last} (30 days after the reply).`,
      { field: 'date', deadline: last },
    );
  }
  const { sqlite } = ctx.store;
  sqlite.transaction(() => {
    sqlite
      .prepare(
        "UPDATE complaints SET status = 'processing', accepted_date = ?, extension_days = 0, replied_date = NULL, closed_date = NULL, satisfied = NULL, reviews = reviews + 1, updated_at = ? WHERE id = ?",
      )
      .run(input.date, ctx.now(), row.id);
    sqlite.prepare('DELETE FROM complaint_pauses WHERE complaint_id = ?').run(row.id);
    recordEvent(ctx, row.id, 'review', row.status, 'processing', input.staffCode, {
      date: input.date,
      previousReply: row.replied_date,
    });
    ctx.cache.changed('serviceRecord');
  })();
  return { status: 'processing' };
}

/** A complaint's own columns (no joins: the customers table is wide, and its rows are looked up only for what is shown). */
const COMPLAINT_SELECT = `SELECT id, complaint_no, received_at, channel, category, customer_id, staff_code, severity, regulator_referred, complex, status,
  accepted_date, extension_days, replied_date, closed_date, satisfied, reviews FROM complaints`;
/** The ones not yet replied: on the board. */
const OPEN = "status IN ('registered', 'accepted', 'processing')";
/** Items listed per board list (most urgent first); the counts cover them all. */
const BOARD_LIMIT = 100;

interface SummaryRow extends ComplaintRow {
  channel: ComplaintSummary['channel'];
  category: ComplaintSummary['category'];
  severity: ComplaintSummary['severity'];
  staff_code: string | null;
  closed_date: string | null;
  satisfied: number | null;
  reviews: number;
}

type Pauses = Array<{ from: string; to: string | null }>;
const NO_PAUSES: Pauses = [];

/** Paused spans of the given complaints (all when `ids` is null). */
function pausesByComplaint(ctx: CoreContext, ids: readonly number[] | null): Map<number, Pauses> {
  const rows = (
    ids === null
      ? ctx.store.sqlite.prepare('SELECT complaint_id, from_date, to_date FROM complaint_pauses').all()
      : ctx.store.sqlite
          .prepare(
            'SELECT complaint_id, from_date, to_date FROM complaint_pauses WHERE complaint_id IN (SELECT value FROM json_each(?))',
          )
          .all(JSON.stringify(ids))
  ) as Array<{ complaint_id: number; from_date: string; to_date: string | null }>;
  const byId = new Map<number, Pauses>();
  for (const p of rows) {
    const list = byId.get(p.complaint_id) ?? [];
    list.push({ from: p.from_date, to: p.to_date });
    byId.set(p.complaint_id, list);
  }
  return byId;
}

function clockOf(row: ComplaintRow, pauses: Pauses) {
  return {
    acceptedDate: row.accepted_date,
    complex: row.complex === 1,
    extensionDays: row.extension_days,
    pauses,
    repliedDate: row.replied_date,
  };
}

/** Complaints with their deadlines on `asOf`. */
function withDeadlines(
  ctx: CoreContext,
  rows: SummaryRow[],
  asOf: string,
  pauses = pausesByComplaint(
    ctx,
    rows.map((r) => r.id),
  ),
) {
  return rows.map((row) => ({ row, deadline: complaintDeadline(clockOf(row, pauses.get(row.id) ?? []), asOf) }));
}

/** The customer's manager, from the customer master kept in memory. */
const managerOf = (ctx: CoreContext, row: ComplaintRow) =>
  row.customer_id === null ? null : (customerAttributes(ctx).manager[row.customer_id] ?? null);

/** Summaries of the complaints shown, with customer numbers and names looked up for them alone. */
function toSummaries(
  ctx: CoreContext,
  items: Array<{ row: SummaryRow; deadline: ComplaintDeadline }>,
): ComplaintSummary[] {
  const customers = findCustomerNames(ctx.store.sqlite, [
    ...new Set(items.flatMap(({ row }) => (row.customer_id === null ? [] : [row.customer_id]))),
  ]);
  const staff = staffNames(ctx.store.sqlite);
  return items.map(({ row, deadline }) => {
    const customer = row.customer_id === null ? undefined : customers.get(row.customer_id);
    const managerCode = customer?.managerCode ?? null;
    return {
      id: row.id,
      complaintNo: row.complaint_no,
      receivedAt: row.received_at,
      channel: row.channel,
      category: row.category,
      customerNo: customer?.customerNo ?? null,
      customerName: customer?.name ?? null,
      managerCode,
      managerName: customer?.managerName ?? null,
      involvedStaffName: row.staff_code === null ? null : (staff.get(row.staff_code) ?? row.staff_code),
      severity: row.severity,
      regulatorReferred: row.regulator_referred === 1,
      complex: row.complex === 1,
      status: row.status,
      acceptedDate: row.accepted_date,
      repliedDate: row.replied_date,
      closedDate: row.closed_date,
      satisfied: row.satisfied === null ? null : row.satisfied === 1,
      reviews: row.reviews,
      deadline,
    };
  });
}

/** A complaint's deadline on `asOf`. */
export function deadlineOf(ctx: CoreContext, id: number, asOf: string): ComplaintDeadline {
  return complaintDeadline(clockOf(requireComplaint(ctx, id), pausesByComplaint(ctx, [id]).get(id) ?? []), asOf);
}

/** One complaint whole: the summary, its texts, its paused spans, every event, and what may come next. */
export function complaintDetail(ctx: CoreContext, id: number): ComplaintDetail {
  const { sqlite } = ctx.store;
  const row = sqlite.prepare('SELECT * FROM complaints WHERE id = ?').get(id) as
    (SummaryRow & { description: string; demand: string | null; reply: string | null }) | undefined;
  if (!row) throw new AppError('NOT_FOUND', `找不到投诉（编号 ${id}）`, `No complaint ${id}`, { field: 'complaintId' });
  const pauses = sqlite
    .prepare('SELECT from_date, to_date, reason FROM complaint_pauses WHERE complaint_id = ? ORDER BY from_date')
    .all(id) as Array<{ from_date: string; to_date: string | null; reason: string }>;
  const events = sqlite
    .prepare(
      'SELECT e.at, e.kind, e.from_status, e.to_status, e.staff_code, s.name AS staff_name, e.detail FROM complaint_events e LEFT JOIN staff s ON s.code = e.staff_code WHERE e.complaint_id = ? ORDER BY e.id',
    )
    .all(id) as Array<{
    at: string;
    kind: string;
    from_status: string | null;
    to_status: string | null;
    staff_code: string | null;
    staff_name: string | null;
    detail: string | null;
  }>;
  const [summary] = toSummaries(ctx, withDeadlines(ctx, [row], ctx.today()));
  return {
    ...summary,
    description: row.description,
    demand: row.demand,
    reply: row.reply,
    extensionDays: row.extension_days,
    nextStatuses: [...NEXT_STATUSES[row.status]],
    reviewUntil: row.replied_date === null ? null : reviewDeadline(row.replied_date),
    pauses: pauses.map((p) => ({ from: p.from_date, to: p.to_date, reason: p.reason })),
    events: events.map((e) => ({
      at: e.at,
      kind: e.kind,
      fromStatus: e.from_status,
      toStatus: e.to_status,
      staffCode: e.staff_code,
      staffName: e.staff_name,
      detail: e.detail === null ? null : (JSON.parse(e.detail) as Record<string, unknown>),
    })),
  };
}

/**
 * The board on `asOf`: open complaints (not yet replied) overdue, due within 3 days, paused, and referred by the
 * regulator — counted in full, the most urgent 100 of each listed — and per customer manager how many are open,
 * overdue and due soon.
 */
export function complaintBoard(ctx: CoreContext, query: { managerCode?: string }, asOf = ctx.today()): ComplaintBoard {
  const all = ctx.store.sqlite.prepare(`${COMPLAINT_SELECT} WHERE ${OPEN}`).all() as SummaryRow[];
  const rows = query.managerCode === undefined ? all : all.filter((r) => managerOf(ctx, r) === query.managerCode);
  const items = withDeadlines(ctx, rows, asOf).sort(
    (a, b) =>
      (a.deadline.daysLeft ?? Infinity) - (b.deadline.daysLeft ?? Infinity) ||
      a.row.complaint_no.localeCompare(b.row.complaint_no),
  );
  const soon = addDays(asOf, DUE_SOON_DAYS);
  const isSoon = ({ deadline }: (typeof items)[number]) =>
    !deadline.overdue && deadline.dueDate !== null && deadline.dueDate <= soon;
  const lists = {
    overdue: items.filter(({ deadline }) => deadline.overdue),
    dueSoon: items.filter(isSoon),
    paused: items.filter(({ deadline }) => deadline.paused),
    regulatorReferred: items.filter(({ row }) => row.regulator_referred === 1),
  };
  const staff = staffNames(ctx.store.sqlite);
  const managers = new Map<string | null, ComplaintBoard['managers'][number]>();
  for (const item of items) {
    const code = managerOf(ctx, item.row);
    const m = managers.get(code) ?? {
      managerCode: code,
      managerName: code === null ? null : (staff.get(code) ?? code),
      open: 0,
      overdue: 0,
      dueSoon: 0,
    };
    m.open += 1;
    if (item.deadline.overdue) m.overdue += 1;
    if (isSoon(item)) m.dueSoon += 1;
    managers.set(code, m);
  }
  const listed = (list: typeof items) => toSummaries(ctx, list.slice(0, BOARD_LIMIT));
  return {
    asOf,
    counts: {
      overdue: lists.overdue.length,
      dueSoon: lists.dueSoon.length,
      paused: lists.paused.length,
      regulatorReferred: lists.regulatorReferred.length,
    },
    overdue: listed(lists.overdue),
    dueSoon: listed(lists.dueSoon),
    paused: listed(lists.paused),
    regulatorReferred: listed(lists.regulatorReferred),
    managers: [...managers.values()].sort((a, b) => b.overdue - a.overdue || b.open - a.open),
  };
}

/** The complaint log, newest first, by status and customer manager. */
export function listComplaints(
  ctx: CoreContext,
  query: ComplaintListQuery,
): { total: number; rows: ComplaintSummary[] } {
  const { sqlite } = ctx.store;
  const where = `WHERE (? IS NULL OR status IN (SELECT value FROM json_each(?))) AND (? IS NULL OR customer_id IN (SELECT id FROM customers WHERE manager_code = ?))`;
  const statuses = query.statuses ? JSON.stringify(query.statuses) : null;
  const params = [statuses, statuses, query.managerCode ?? null, query.managerCode ?? null];
  const total = sqlite
    .prepare(`SELECT count(*) FROM complaints ${where}`)
    .pluck()
    .get(...params) as number;
  const rows = sqlite
    .prepare(`${COMPLAINT_SELECT} ${where} ORDER BY received_at DESC, id DESC LIMIT ? OFFSET ?`)
    .all(...params, query.limit, query.offset) as SummaryRow[];
  return { total, rows: toSummaries(ctx, withDeadlines(ctx, rows, ctx.today())) };
}

/** Every complaint received from `fromMonth` to `toMonth`, oldest first, with its deadline today (for the export). */
export function complaintsReceived(ctx: CoreContext, fromMonth: string, toMonth: string): ComplaintSummary[] {
  const rows = ctx.store.sqlite
    .prepare(`${COMPLAINT_SELECT} WHERE received_at >= ? AND received_at < ? ORDER BY received_at, id`)
    .all(`${fromMonth}-01`, `${addMonths(toMonth, 1)}-01`) as SummaryRow[];
  return toSummaries(ctx, withDeadlines(ctx, rows, ctx.today(), pausesByComplaint(ctx, null)));
}

const countBy = (keys: string[]) => {
  const counts = new Map<string, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return [...counts]
    .map(([key, count]) => ({ key, count }))
    .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
};

/**
 * Complaints received from `fromMonth` to `toMonth`: counts by category, channel, month and customer manager; of those
 * replied, the median handling days (pauses excluded) and the share replied on time; of those closed, the share
 * satisfied; and the customers who complained twice or more.
 */
export function complaintAnalysis(ctx: CoreContext, query: ComplaintAnalysisQuery): ComplaintAnalysis {
  // Rows as arrays of the columns needed: a year of a large branch's complaints is tens of thousands.
  type Row = [
    number,
    string,
    SummaryRow['channel'],
    SummaryRow['category'],
    number | null,
    ComplaintStatus,
    number,
    string | null,
    number,
    string | null,
    number | null,
  ];
  const rows = ctx.store.sqlite
    .prepare(
      'SELECT id, received_at, channel, category, customer_id, status, complex, accepted_date, extension_days, replied_date, satisfied FROM complaints WHERE received_at >= ? AND received_at < ?',
    )
    .raw()
    .all(`${query.fromMonth}-01`, `${addMonths(query.toMonth, 1)}-01`) as Row[];
  const pauses = pausesByComplaint(ctx, null);
  const staff = staffNames(ctx.store.sqlite);
  const managerById = customerAttributes(ctx).manager;
  const months = new Map<string, ComplaintAnalysis['byMonth'][number]>();
  const managers = new Map<string | null, ComplaintAnalysis['byManager'][number]>();
  // Complaints per customer id (a typed array: tens of thousands of customers complain in a large branch's year).
  const perCustomer = new Uint32Array(
    Math.max(managerById.length, 1 + rows.reduce((max, r) => Math.max(max, r[4] ?? 0), 0)),
  );
  const handling: number[] = [];
  let onTime = 0;
  let closed = 0;
  let satisfied = 0;
  for (const [
    id,
    receivedAt,
    ,
    ,
    customerId,
    status,
    complex,
    acceptedDate,
    extensionDays,
    repliedDate,
    verdict,
  ] of rows) {
    const handled = handlingOf({
      acceptedDate,
      complex: complex === 1,
      extensionDays,
      pauses: pauses.get(id) ?? NO_PAUSES,
      repliedDate,
    });
    const key = receivedAt.slice(0, 7);
    let month = months.get(key);
    if (!month) months.set(key, (month = { month: key, count: 0, replied: 0, onTime: 0 }));
    month.count += 1;
    if (handled) {
      month.replied += 1;
      handling.push(handled.handlingDays);
      if (handled.onTime) {
        month.onTime += 1;
        onTime += 1;
      }
    }
    const code = customerId === null ? null : (managerById[customerId] ?? null);
    let manager = managers.get(code);
    if (!manager)
      managers.set(
        code,
        (manager = {
          managerCode: code,
          managerName: code === null ? null : (staff.get(code) ?? code),
          count: 0,
          open: 0,
        }),
      );
    manager.count += 1;
    if (status !== 'closed') manager.open += 1;
    if (status === 'closed' && verdict !== null) {
      closed += 1;
      satisfied += verdict;
    }
    if (customerId !== null) perCustomer[customerId] += 1;
  }
  handling.sort((a, b) => a - b);
  const mid = handling.length >> 1;
  const repeated: Array<[number, number]> = [];
  perCustomer.forEach((count, id) => count >= 2 && repeated.push([id, count]));
  const names = findCustomerNames(
    ctx.store.sqlite,
    repeated.map(([id]) => id),
  );
  return {
    fromMonth: query.fromMonth,
    toMonth: query.toMonth,
    total: rows.length,
    byCategory: countBy(rows.map((r) => r[3])),
    byChannel: countBy(rows.map((r) => r[2])),
    byMonth: [...months.values()].sort((a, b) => a.month.localeCompare(b.month)),
    byManager: [...managers.values()].sort((a, b) => b.count - a.count),
    replied: handling.length,
    medianHandlingDays:
      handling.length === 0 ? null : handling.length % 2 ? handling[mid] : (handling[mid - 1] + handling[mid]) / 2,
    onTimeRate: handling.length === 0 ? null : onTime / handling.length,
    satisfiedRate: closed === 0 ? null : satisfied / closed,
    repeatComplainants: repeated
      .map(([id, count]) => ({
        customerNo: names.get(id)?.customerNo ?? '',
        customerName: names.get(id)?.name ?? '',
        count,
      }))
      .sort((a, b) => b.count - a.count || a.customerNo.localeCompare(b.customerNo)),
  };
}
