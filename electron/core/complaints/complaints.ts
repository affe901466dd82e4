/**
 * Complaint log (投诉, docs/domain.md, "Complaints"): registration with an automatic number, the workflow 登记 → 受理 → 处理中 →
 * 已答复 → 办结 with every step time-stamped and attributed, extensions with an approver and a reason, pauses for
 * appraisal or third-party time, reviews (复核) within 30 days of the reply, and the board of what is due. Deadlines come
 * from the pure `engine/complaint-deadline.ts`.
 */
import { AppError } from '../../../shared/errors';
import { addDays, addMonths, lastDayOfMonth } from '../../../shared/month';
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
import { appendAudit } from '../platform/audit-log';
import { staffNames } from '../trust/staff';
import { findCustomerNames } from '../customers/lookup';
import {
  complaintDeadline,
  extensionProblem,
  handlingOf,
  reviewDeadline,
  type ComplaintDeadline,
} from './complaint-deadline';
import type { CoreContext } from '../platform/context';
import { activeStaffRole } from '../trust/staff';
import { requireCustomerByNo, requireStaff } from '../customers/lookup';
import { customerAttributes, managersOn } from '../segments/segments';
import {
  addExtensionDays,
  deletePauses,
  endOpenPauses,
  endPause,
  findComplaint,
  findOpenPause,
  insertComplaint,
  insertComplaintEvent,
  insertPause,
  isPaused,
  lastComplaintNo,
  listComplaintAnalysisColumns,
  listComplaintEvents,
  listComplaintPage,
  listComplaintPauses,
  listComplaintsReceived,
  listOpenComplaints,
  listPauseSpans,
  reopenForReview,
  updateComplaintStep,
  type ComplaintRow,
  type ComplaintStepUpdate,
  type ComplaintSummaryRow,
} from './complaints-repository';

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

function requireComplaint(ctx: CoreContext, id: number): ComplaintRow {
  const row = findComplaint(ctx.store.sqlite, id);
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
  insertComplaintEvent(ctx.store.sqlite, {
    complaint_id: complaintId,
    at: ctx.now(),
    kind,
    from_status: from,
    to_status: to,
    staff_code: staffCode,
    detail: detail ? JSON.stringify(detail) : null,
  });
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
    const last = lastComplaintNo(sqlite, prefix);
    const complaintNo = `${prefix}${String(last ? Number(last.slice(prefix.length)) + 1 : 1).padStart(4, '0')}`;
    const now = ctx.now();
    const id = insertComplaint(sqlite, {
      complaint_no: complaintNo,
      received_at: input.receivedAt,
      channel: input.channel,
      category: input.category,
      customer_id: customerId,
      staff_code: input.involvedStaffCode,
      description: input.description,
      demand: input.demand,
      severity: input.severity,
      regulator_referred: input.regulatorReferred ? 1 : 0,
      created_at: now,
      created_by: input.staffCode,
      updated_at: now,
    });
    recordEvent(ctx, id, 'register', null, 'registered', input.staffCode, { complaintNo });
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
    const set: ComplaintStepUpdate = { status: input.to, updated_at: ctx.now() };
    if (input.to === 'accepted') {
      set.accepted_date = input.date;
      set.complex = input.complex ? 1 : 0;
    }
    if (input.to === 'replied') {
      set.replied_date = input.date;
      set.reply = input.reply;
    }
    if (input.to === 'closed') {
      set.closed_date = input.date;
      set.satisfied = input.satisfied ? 1 : 0;
    }
    updateComplaintStep(sqlite, row.id, set);
    // Time paused and not resumed ends with the reply.
    if (input.to === 'replied') endOpenPauses(sqlite, row.id, input.date);
    recordEvent(ctx, row.id, 'transition', row.status, input.to, input.staffCode, {
      date: input.date,
      ...(input.to === 'closed' ? { satisfied: input.satisfied } : {}),
    });
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
    addExtensionDays(ctx.store.sqlite, row.id, input.days, ctx.now());
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
  const role = activeStaffRole(ctx.store.sqlite, code);
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
  if (isPaused(sqlite, row.id)) {
    throw new AppError('CONFLICT', `投诉 ${row.complaint_no} 已在暂停中，请先恢复计时。`, 'Already paused.');
  }
  sqlite.transaction(() => {
    insertPause(sqlite, row.id, input.from, input.reason);
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
  const open = findOpenPause(sqlite, row.id);
  if (!open) throw new AppError('CONFLICT', `投诉 ${row.complaint_no} 没有在暂停中。`, 'Not paused.');
  if (input.date < open.from_date)
    throw new AppError(
      'VALIDATION',
      `恢复日期 ${input.date} 早于暂停日期 ${open.from_date}`,
      'Resume before the pause',
      { field: 'date' },
    );
  sqlite.transaction(() => {
    endPause(sqlite, open.id, input.date);
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
    reopenForReview(sqlite, row.id, input.date, ctx.now());
    deletePauses(sqlite, row.id);
    recordEvent(ctx, row.id, 'review', row.status, 'processing', input.staffCode, {
      date: input.date,
      previousReply: row.replied_date,
    });
  })();
  return { status: 'processing' };
}

/** Items listed per board list (most urgent first); the counts cover them all. */
const BOARD_LIMIT = 100;

type Pauses = Array<{ from: string; to: string | null }>;
const NO_PAUSES: Pauses = [];

/** Paused spans of the given complaints (all when `ids` is null). */
function pausesByComplaint(ctx: CoreContext, ids: readonly number[] | null): Map<number, Pauses> {
  const byId = new Map<number, Pauses>();
  for (const p of listPauseSpans(ctx.store.sqlite, ids)) {
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
  rows: ComplaintSummaryRow[],
  asOf: string,
  pauses = pausesByComplaint(
    ctx,
    rows.map((r) => r.id),
  ),
) {
  return rows.map((row) => ({ row, deadline: complaintDeadline(clockOf(row, pauses.get(row.id) ?? []), asOf) }));
}

/** Each complaint's customer's manager, from the customer master kept in memory (looked up once, not per row). */
function managerLookup(ctx: CoreContext): (row: ComplaintRow) => string | null {
  const { manager } = customerAttributes(ctx);
  return (row) => (row.customer_id === null ? null : (manager[row.customer_id] ?? null));
}

/** Summaries of the complaints shown, with customer numbers and names looked up for them alone. */
function toSummaries(
  ctx: CoreContext,
  items: Array<{ row: ComplaintSummaryRow; deadline: ComplaintDeadline }>,
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
  const row = findComplaint(sqlite, id);
  if (!row) throw new AppError('NOT_FOUND', `找不到投诉（编号 ${id}）`, `No complaint ${id}`, { field: 'complaintId' });
  const pauses = listComplaintPauses(sqlite, id);
  const events = listComplaintEvents(sqlite, id);
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
  const all = listOpenComplaints(ctx.store.sqlite);
  const managerOf = managerLookup(ctx);
  const rows = query.managerCode === undefined ? all : all.filter((r) => managerOf(r) === query.managerCode);
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
    const code = managerOf(item.row);
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
  const { total, rows } = listComplaintPage(ctx.store.sqlite, query);
  return { total, rows: toSummaries(ctx, withDeadlines(ctx, rows, ctx.today())) };
}

/** Every complaint received from `fromMonth` to `toMonth`, oldest first, with its deadline today (for the export). */
export function complaintsReceived(ctx: CoreContext, fromMonth: string, toMonth: string): ComplaintSummary[] {
  const rows = listComplaintsReceived(ctx.store.sqlite, `${fromMonth}-01`, `${addMonths(toMonth, 1)}-01`);
  return toSummaries(ctx, withDeadlines(ctx, rows, ctx.today(), pausesByComplaint(ctx, null)));
}

/** How many times each key occurs, most first. */
function countBy(keys: string[]): Array<{ key: string; count: number }> {
  const counts = new Map<string, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return [...counts]
    .map(([key, count]) => ({ key, count }))
    .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
}

/**
 * Complaints received from `fromMonth` to `toMonth`: counts by category, channel, month and customer manager (the
 * manager of record at the end of the month received, docs/domain.md "Book history"); of those replied, the median handling days (pauses excluded) and the share replied on time; of those closed, the share
 * satisfied; and the customers who complained twice or more.
 */
export function complaintAnalysis(ctx: CoreContext, query: ComplaintAnalysisQuery): ComplaintAnalysis {
  const rows = listComplaintAnalysisColumns(
    ctx.store.sqlite,
    `${query.fromMonth}-01`,
    `${addMonths(query.toMonth, 1)}-01`,
  );
  const pauses = pausesByComplaint(ctx, null);
  const staff = staffNames(ctx.store.sqlite);
  const customerCount = customerAttributes(ctx).manager.length;
  const byMonth = new Map<string, ReadonlyArray<string | null>>();
  const managersOf = (month: string) => entryOf(byMonth, month, () => managersOn(ctx, lastDayOfMonth(month)));
  const months = new Map<string, ComplaintAnalysis['byMonth'][number]>();
  const managers = new Map<string | null, ComplaintAnalysis['byManager'][number]>();
  // Complaints per customer id (a typed array: tens of thousands of customers complain in a large branch's year).
  const perCustomer = new Uint32Array(
    Math.max(customerCount, 1 + rows.customerId.reduce<number>((max, id) => Math.max(max, id ?? 0), 0)),
  );
  const handling: number[] = [];
  let onTime = 0;
  let closed = 0;
  let satisfied = 0;
  for (let i = 0; i < rows.id.length; i++) {
    const id = rows.id[i];
    const key = rows.month[i];
    const customerId = rows.customerId[i];
    const isClosed = rows.closed[i];
    const verdict = rows.satisfied[i];
    const handled = handlingOf({
      acceptedDate: rows.acceptedDate[i],
      complex: rows.complex[i] === 1,
      extensionDays: rows.extensionDays[i],
      pauses: pauses.get(id) ?? NO_PAUSES,
      repliedDate: rows.repliedDate[i],
    });
    const month = entryOf(months, key, () => ({ month: key, count: 0, replied: 0, onTime: 0 }));
    month.count += 1;
    if (handled) {
      month.replied += 1;
      handling.push(handled.handlingDays);
      if (handled.onTime) {
        month.onTime += 1;
        onTime += 1;
      }
    }
    const code = customerId === null ? null : (managersOf(key)[customerId] ?? null);
    const manager = entryOf(managers, code, () => ({
      managerCode: code,
      managerName: code === null ? null : (staff.get(code) ?? code),
      count: 0,
      open: 0,
    }));
    manager.count += 1;
    if (!isClosed) manager.open += 1;
    if (isClosed && verdict !== null) {
      closed += 1;
      satisfied += verdict;
    }
    if (customerId !== null) perCustomer[customerId] += 1;
  }
  return {
    fromMonth: query.fromMonth,
    toMonth: query.toMonth,
    total: rows.id.length,
    byCategory: countBy(rows.category),
    byChannel: countBy(rows.channel),
    byMonth: [...months.values()].sort((a, b) => a.month.localeCompare(b.month)),
    byManager: [...managers.values()].sort((a, b) => b.count - a.count),
    replied: handling.length,
    medianHandlingDays: medianDays(handling),
    onTimeRate: handling.length === 0 ? null : onTime / handling.length,
    satisfiedRate: closed === 0 ? null : satisfied / closed,
    repeatComplainants: repeatComplainants(ctx, perCustomer),
  };
}

/** The entry for `key`, made by `make` the first time. */
function entryOf<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let entry = map.get(key);
  if (entry === undefined) map.set(key, (entry = make()));
  return entry;
}

/** The median of handling days (null for none); sorts `days` in place. */
function medianDays(days: number[]): number | null {
  if (days.length === 0) return null;
  days.sort((a, b) => a - b);
  const mid = days.length >> 1;
  return days.length % 2 ? days[mid] : (days[mid - 1] + days[mid]) / 2;
}

/** The customers who complained twice or more, most complaints first. */
function repeatComplainants(ctx: CoreContext, perCustomer: Uint32Array): ComplaintAnalysis['repeatComplainants'] {
  const repeated: Array<[number, number]> = [];
  perCustomer.forEach((count, id) => count >= 2 && repeated.push([id, count]));
  const names = findCustomerNames(
    ctx.store.sqlite,
    repeated.map(([id]) => id),
  );
  return repeated
    .map(([id, count]) => ({
      customerNo: names.get(id)?.customerNo ?? '',
      customerName: names.get(id)?.name ?? '',
      count,
    }))
    .sort((a, b) => b.count - a.count || a.customerNo.localeCompare(b.customerNo));
}

/** What the warning model reads of complaints. */
export { openComplaintCounts } from './complaints-repository';
