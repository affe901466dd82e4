/**
 * Customer events (客户活动): forums, salons and care visits; invitees from a saved segment or by name
 * (a 客户经理 invites from their own book only), attendance and what came of it.
 */
import { AppError } from '../../../shared/errors';
import {
  MAX_INVITEES,
  type AttendanceInput,
  type EventDetail,
  type EventInput,
  type EventSummary,
  type InviteInput,
} from '../../../shared/schemas/workbench';
import { appendAudit } from '../platform/audit-log';
import { findCustomerByNo } from '../customers/lookup';
import type { CoreContext } from '../platform/context';
import { customerIdsOfFilter } from '../customers/selection';
import { requireCustomerByNo, requireStaff } from '../customers/lookup';
import { readSavedSegment } from '../segments/saved-segments';
import { latestTiersOf } from '../tiers/tiers';
import {
  findEventSummary,
  insertEvent,
  listEventInvitees,
  listEventSummaries,
  listInvitedCustomerIds,
  prepareInviteeInsert,
  updateEvent,
  updateInviteeAttendance,
  type EventRecord,
} from './events-repository';

/** Events, newest first (a period when given). */
export function listEvents(ctx: CoreContext, query: { from?: string; to?: string }): { events: EventSummary[] } {
  const events = listEventSummaries(ctx.store.sqlite, query.from ?? null, query.to ?? null);
  return { events };
}

function requireEvent(ctx: CoreContext, id: number): EventSummary {
  const event = findEventSummary(ctx.store.sqlite, id);
  if (!event) throw new AppError('NOT_FOUND', '找不到该活动（可能已被删除）。', 'No such event.', { field: 'eventId' });
  return event;
}

/** One event with its invitees (tier as of the latest month), by number; with `onlyManager`, those of that book. */
export function eventDetail(ctx: CoreContext, id: number, onlyManager: string | null): EventDetail {
  const event = requireEvent(ctx, id);
  const rows = listEventInvitees(ctx.store.sqlite, id, onlyManager);
  const tiers = latestTiersOf(
    ctx,
    rows.map((r) => r.id),
  );
  return {
    event,
    invitees: rows.map((r, i) => ({
      customerNo: r.customer_no,
      name: r.name,
      tierCode: tiers[i].tierCode,
      tierName: tiers[i].tierName,
      managerCode: r.manager_code,
      managerName: r.manager_name,
      status: r.status,
      followUp: r.follow_up,
    })),
  };
}

/** Creates or edits an event; audited. */
export function saveEvent(ctx: CoreContext, input: EventInput): { id: number } {
  const { sqlite } = ctx.store;
  requireStaff(ctx, input.ownerCode, 'ownerCode');
  if (input.id !== undefined) requireEvent(ctx, input.id);
  const values: EventRecord = {
    title: input.title,
    kind: input.kind,
    event_date: input.date,
    place: input.place || null,
    owner_code: input.ownerCode,
    notes: input.notes || null,
  };
  const id = sqlite.transaction(() => {
    const saved =
      input.id === undefined
        ? insertEvent(sqlite, values, ctx.now(), input.staffCode)
        : (updateEvent(sqlite, input.id, values), input.id);
    appendAudit(sqlite, {
      at: ctx.now(),
      actor: input.staffCode,
      action: 'events.save',
      target: String(saved),
      detail: { title: input.title, date: input.date, kind: input.kind },
    });
    return saved;
  })();
  return { id };
}

/**
 * Invites a saved segment's customers (as of a month) or named customers; those invited already are skipped. With
 * `onlyManager` (a 客户经理), a segment is narrowed to that book (named customers are checked like every call that
 * acts on one, in dispatch). At most 500 invitees an event.
 */
export async function inviteToEvent(
  ctx: CoreContext,
  input: InviteInput,
  onlyManager: string | null,
): Promise<{ added: number; already: number }> {
  const { sqlite } = ctx.store;
  const event = requireEvent(ctx, input.eventId);
  let ids: number[];
  if (input.segmentId !== undefined && input.month !== undefined) {
    const { filter } = readSavedSegment(ctx, input.segmentId);
    ids = customerIdsOfFilter(
      ctx,
      input.month,
      onlyManager === null ? filter : { ...filter, managerCode: onlyManager },
    );
  } else {
    ids = [];
    for (const customerNo of input.customerNos ?? []) ids.push((await requireCustomerByNo(ctx, customerNo)).id);
  }
  const invited = new Set(listInvitedCustomerIds(sqlite, event.id));
  const fresh = [...new Set(ids)].filter((id) => !invited.has(id));
  if (invited.size + fresh.length > MAX_INVITEES) {
    throw new AppError(
      'VALIDATION',
      `邀请后共 ${invited.size + fresh.length} 位客户，超过每场活动 ${MAX_INVITEES} 位的上限；请缩小客户群后再邀请。`,
      `That makes ${invited.size + fresh.length} invitees, more than ${MAX_INVITEES} an event; narrow the segment.`,
      { field: 'segmentId' },
    );
  }
  const insert = prepareInviteeInsert(sqlite);
  sqlite.transaction(() => {
    for (const id of fresh) insert(event.id, id, ctx.now(), input.staffCode);
    appendAudit(sqlite, {
      at: ctx.now(),
      actor: input.staffCode,
      action: 'events.invite',
      target: String(event.id),
      detail: { added: fresh.length, segmentId: input.segmentId ?? null },
    });
  })();
  return { added: fresh.length, already: ids.length - fresh.length };
}

/** Records whether an invitee came and what came of it. */
export async function setAttendance(ctx: CoreContext, input: AttendanceInput): Promise<{ saved: true }> {
  requireEvent(ctx, input.eventId);
  const customer = await findCustomerByNo(ctx.store.db, input.customerNo);
  const changed = customer
    ? updateInviteeAttendance(ctx.store.sqlite, input.eventId, customer.id, input.status, input.followUp || null)
    : 0;
  if (changed === 0)
    throw new AppError(
      'NOT_FOUND',
      `客户 ${input.customerNo} 未受邀参加该活动。`,
      `Customer ${input.customerNo} is not invited to this event.`,
      { field: 'customerNo' },
    );
  return { saved: true };
}
