/**
 * Handovers (管户交接, docs/domain.md "Book history"): the branch manager moves customers — a manager's whole book,
 * customers by number, or a saved segment — to another manager from a day, for a reason. The preview lists what goes
 * with them; the handover is written in one transaction, audited, and the latest can be undone while nothing has
 * moved its customers since.
 */
import type { Database } from 'better-sqlite3';
import { AppError } from '../../../shared/errors';
import { addDays, mondayOf } from '../../../shared/month';
import {
  HANDOVER_AHEAD_DAYS,
  HANDOVER_LIMIT,
  HANDOVER_REASON_NAMES,
  type Handover,
  type HandoverPreview,
  type HandoverRequest,
  type HandoverSelection,
} from '../../../shared/schemas/books';
import { customerIdsOfFilter } from '../customers/selection';
import { appendAudit } from '../platform/audit-log';
import type { CoreContext } from '../platform/context';
import { readSavedSegment } from '../segments/saved-segments';
import { latestTierMonth, rulesForMonth, snapshotSlot, tierSnapshotOf } from '../tiers/tiers';
import {
  applyHandover,
  bookCustomerIds,
  countCustomerItems,
  dueHandovers,
  customerIdsByNo,
  findHandoverRow,
  handoverInForceAfter,
  latestHandoverId,
  listHandoverCustomers,
  listHandoverRows,
  readHandoverCandidates,
  undoableHandoverId,
  undoHandoverRows,
  writeHandover,
  type HandoverCandidateRow,
} from './handovers-repository';
import { requireBookHolder } from './cover';

/** The ids a selection names (ascending); numbers the branch lacks are refused, naming the first of them. */
function selectedIds(ctx: CoreContext, selection: HandoverSelection): number[] {
  const { sqlite } = ctx.store;
  if (selection.by === 'book') return bookCustomerIds(sqlite, selection.managerCode);
  if (selection.by === 'segment')
    return customerIdsOfFilter(ctx, selection.month, readSavedSegment(ctx, selection.savedSegmentId).filter);
  const found = customerIdsByNo(sqlite, selection.customerNos);
  const unknown = [...new Set(selection.customerNos)].filter((no) => !found.has(no));
  if (unknown.length > 0)
    throw new AppError(
      'VALIDATION',
      `客户号 ${unknown.slice(0, 5).join('、')}${unknown.length > 5 ? ` 等 ${unknown.length} 个` : ''} 不在客户名单中`,
      `Unknown customer numbers: ${unknown.slice(0, 5).join(', ')}${unknown.length > 5 ? ` and ${unknown.length - 5} more` : ''}`,
      { field: 'selection' },
    );
  return [...new Set(found.values())].sort((a, b) => a - b);
}

/**
 * The customers a request moves (those it names who have another manager now), checked: the new manager is an
 * active 客户经理 or 支行长, the day is at most HANDOVER_AHEAD_DAYS ahead and not before any of them last moved (a
 * handover dated ahead counts as a move on its day), and there is someone to move.
 */
function plannedMoves(ctx: CoreContext, request: HandoverRequest): { moved: HandoverCandidateRow[]; already: number } {
  requireBookHolder(ctx, request.toManagerCode, 'toManagerCode', '，不能接管客户');
  const latest = addDays(ctx.today(), HANDOVER_AHEAD_DAYS);
  if (request.effectiveDate > latest)
    throw new AppError(
      'VALIDATION',
      `交接生效日最晚为 ${latest}（今天起 ${HANDOVER_AHEAD_DAYS} 天内）`,
      `The handover can take effect at most ${HANDOVER_AHEAD_DAYS} days ahead (${latest})`,
      { field: 'effectiveDate' },
    );
  const candidates = readHandoverCandidates(ctx.store.sqlite, selectedIds(ctx, request.selection));
  const moved = candidates.filter((c) => c.manager_code !== request.toManagerCode);
  if (moved.length === 0)
    throw new AppError('VALIDATION', '没有需要交接的客户（所选客户已由该客户经理管户）', 'No customer to hand over', {
      field: 'selection',
    });
  if (moved.length > HANDOVER_LIMIT)
    throw new AppError(
      'VALIDATION',
      `一次最多交接 ${HANDOVER_LIMIT.toLocaleString('en')} 位客户（所选 ${moved.length.toLocaleString('en')} 位）`,
      `At most ${HANDOVER_LIMIT} customers at once (${moved.length} selected)`,
      { field: 'selection' },
    );
  const late = moved.find((c) => c.last_moved !== null && c.last_moved > request.effectiveDate);
  if (late)
    throw new AppError(
      'VALIDATION',
      `客户 ${late.customer_no} 已于 ${late.last_moved} 调整过客户经理，交接生效日不能早于这一天`,
      `Customer ${late.customer_no} last changed manager on ${late.last_moved}: the handover cannot take effect before that`,
      { field: 'effectiveDate' },
    );
  return { moved, already: candidates.length - moved.length };
}

/**
 * Each customer's 月日均 and tier of `month` (none without a month) and what they carry now: open retention actions,
 * open complaints, plan items from this week, invitations to coming events — as a handover's preview and list show.
 */
function whatCustomersCarry(ctx: CoreContext, customerIds: readonly number[], month: string | null) {
  const items = countCustomerItems(ctx.store.sqlite, customerIds, mondayOf(ctx.today()), ctx.today());
  const snapshot = month ? tierSnapshotOf(ctx, month) : null;
  const tiers = month ? rulesForMonth(ctx, month).tiers : [];
  return (customerId: number) => {
    const slot = snapshot ? snapshotSlot(snapshot, customerId) : -1;
    const aum = snapshot && slot >= 0 ? snapshot.aumFen[slot] : Number.NaN;
    return {
      aumFen: Number.isNaN(aum) ? null : aum,
      tierName: (snapshot && slot >= 0 ? tiers[snapshot.tier[slot]]?.name : null) ?? null,
      counts: items.get(customerId) ?? { actions: 0, complaints: 0, plans: 0, invitations: 0 },
    };
  };
}

/** What a handover would move, and what goes with each customer: the preview 支行长 confirms. */
export function previewHandover(ctx: CoreContext, request: HandoverRequest): HandoverPreview {
  const { moved, already } = plannedMoves(ctx, request);
  const month = latestTierMonth(ctx);
  const carried = whatCustomersCarry(
    ctx,
    moved.map((c) => c.id),
    month,
  );
  const customers = moved.map((c) => {
    const { aumFen, tierName, counts } = carried(c.id);
    return {
      customerNo: c.customer_no,
      name: c.name,
      fromManagerCode: c.manager_code,
      fromManagerName: c.manager_name,
      aumFen,
      tierName,
      openActions: counts.actions,
      openComplaints: counts.complaints,
      planItems: counts.plans,
      invitations: counts.invitations,
    };
  });
  const sum = (f: (c: (typeof customers)[number]) => number) => customers.reduce((n, c) => n + f(c), 0);
  return {
    month,
    customers,
    totals: {
      customers: customers.length,
      aumFen: sum((c) => c.aumFen ?? 0),
      openActions: sum((c) => c.openActions),
      openComplaints: sum((c) => c.openComplaints),
      planItems: sum((c) => c.planItems),
      invitations: sum((c) => c.invitations),
    },
    alreadyWithTarget: already,
  };
}

/** Writes a handover in one transaction (checked again inside it), audited. */
export function handOver(ctx: CoreContext, request: HandoverRequest): { handoverId: number; customers: number } {
  const { sqlite } = ctx.store;
  return sqlite
    .transaction(() => {
      const { moved } = plannedMoves(ctx, request);
      if (request.previewed !== undefined && request.previewed !== moved.length)
        throw new AppError(
          'CONFLICT',
          `预览后所选客户有变化（预览 ${request.previewed} 位，现在 ${moved.length} 位），请重新预览`,
          `The selection changed since the preview (${request.previewed} then, ${moved.length} now): preview again`,
          { field: 'selection' },
        );
      const from = [...new Set(moved.map((c) => c.manager_code ?? '—'))].sort();
      const handoverId = writeHandover(
        sqlite,
        {
          to_code: request.toManagerCode,
          effective_date: request.effectiveDate,
          reason: request.reason,
          note: request.note || null,
          customers: moved.length,
          transition_days: request.transitionDays,
          applied: request.effectiveDate > ctx.today() ? 0 : 1,
          created_at: ctx.now(),
          created_by: request.staffCode,
        },
        moved.map((c) => c.id),
      );
      appendAudit(sqlite, {
        at: ctx.now(),
        actor: request.staffCode,
        action: 'books.handover',
        target: request.toManagerCode,
        detail: {
          handoverId,
          customers: moved.length,
          from,
          effectiveDate: request.effectiveDate,
          reason: HANDOVER_REASON_NAMES[request.reason],
          transitionDays: request.transitionDays,
          ...(request.note ? { note: request.note } : {}),
        },
      });
      return { handoverId, customers: moved.length };
    })
    .immediate();
}

/** The last day of a transition period of `days` from `effectiveDate` (null: none). */
export const transitionUntil = (effectiveDate: string, days: number): string | null =>
  days > 0 ? addDays(effectiveDate, days - 1) : null;

/** The handovers, newest first, the one that can be undone marked. */
export function listHandovers(ctx: CoreContext): { handovers: Handover[] } {
  const { sqlite } = ctx.store;
  const undoable = undoableHandoverId(sqlite);
  return {
    handovers: listHandoverRows(sqlite, 100).map((h) => ({
      id: h.id,
      toManagerCode: h.to_code,
      toManagerName: h.to_name,
      effectiveDate: h.effective_date,
      reason: h.reason,
      note: h.note,
      customers: h.customers,
      transitionDays: h.transition_days,
      scheduled: h.applied === 0 && h.undone_at === null,
      transitionUntil: transitionUntil(h.effective_date, h.transition_days),
      createdAt: h.created_at,
      createdBy: h.created_by,
      undoneAt: h.undone_at,
      canUndo: h.id === undoable,
    })),
  };
}

/**
 * A handover as its 交接清单 lists it (the latest in force when no id is given; null when there is none; an undone one
 * refused): its row, and each customer moved with the tier, 月日均 (of `month`) and open items they carry now.
 */
export function handoverListing(ctx: CoreContext, handoverId: number | undefined, month: string) {
  const { sqlite } = ctx.store;
  const id = handoverId ?? latestHandoverId(sqlite);
  const handover = id === null ? undefined : findHandoverRow(sqlite, id);
  if (id !== null && !handover)
    throw new AppError('NOT_FOUND', `没有编号为 ${id} 的交接`, `No handover ${id}`, { field: 'handoverId' });
  if (handover?.undone_at)
    throw new AppError('CONFLICT', `交接 ${handover.id} 已撤销，没有交接清单`, `Handover ${handover.id} was undone`, {
      field: 'handoverId',
    });
  if (!handover) return null;
  const customers = listHandoverCustomers(sqlite, handover.id);
  const carried = whatCustomersCarry(
    ctx,
    customers.map((c) => c.id),
    month,
  );
  return {
    handover,
    customers: customers.map((c) => ({
      customerNo: c.customer_no,
      name: c.name,
      fromManagerCode: c.from_code,
      fromManagerName: c.from_name,
      ...carried(c.id),
    })),
  };
}

/** Undoes the latest handover, when nothing has moved its customers since; audited. */
export function undoHandover(
  ctx: CoreContext,
  input: { handoverId: number; staffCode: string | null },
): { handoverId: number } {
  const { sqlite } = ctx.store;
  sqlite
    .transaction(() => {
      if (undoableHandoverId(sqlite) !== input.handoverId)
        throw new AppError(
          'CONFLICT',
          '只能撤销最近一次交接，且其客户此后没有再调整客户经理',
          'Only the latest handover can be undone, and only while none of its customers has moved since',
          { field: 'handoverId' },
        );
      undoHandoverRows(sqlite, input.handoverId, ctx.now(), input.staffCode);
      appendAudit(sqlite, {
        at: ctx.now(),
        actor: input.staffCode,
        action: 'books.undoHandover',
        target: String(input.handoverId),
        detail: { handoverId: input.handoverId },
      });
    })
    .immediate();
  return { handoverId: input.handoverId };
}

/** The day each connection was last looked at for handovers due: one dated ahead never falls due the day it is made. */
const checkedOn = new WeakMap<Database, string>();

/**
 * Applies the handovers dated ahead whose day has come (each in its own transaction, audited as the branch's own
 * doing); called before each call is served, so a book moves on its day whoever calls first — looked at once a day.
 */
export function applyDueHandovers(ctx: CoreContext): void {
  const { sqlite } = ctx.store;
  const today = ctx.today();
  if (checkedOn.get(sqlite) === today) return;
  checkedOn.set(sqlite, today);
  for (const due of dueHandovers(sqlite, today))
    sqlite
      .transaction(() => {
        applyHandover(sqlite, due.id, due.to_code, ctx.now());
        appendAudit(sqlite, {
          at: ctx.now(),
          actor: null,
          action: 'books.handoverApplied',
          target: due.to_code,
          detail: { handoverId: due.id, customers: due.customers },
        });
      })
      .immediate();
}

/** The latest handover in force made after import batch `batchId`: while there is one, the import is not undone. */
export function handoverInForceSince(ctx: CoreContext, batchId: number): number | null {
  return handoverInForceAfter(ctx.store.sqlite, batchId);
}
