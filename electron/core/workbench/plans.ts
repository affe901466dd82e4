/**
 * Weekly work plans (工作计划): a manager's week of customers to contact or visit and events to hold, made
 * from the workbench's suggestions; an item is done when marked by hand, when a contact with the customer is logged
 * that week (face to face for a visit), or when the event was held with someone attending.
 */
import { AppError } from '../../../shared/errors';
import { addDays } from '../../../shared/month';
import type {
  BranchPlans,
  Plan,
  PlanAddInput,
  PlanItem,
  PlanKind,
  PlanMarkInput,
  PlanQuery,
  PlanReason,
  PlanSuggestion,
} from '../../../shared/schemas/workbench';
import { appendAudit } from '../platform/audit-log';
import { staffNames } from '../trust/staff';
import type { CoreContext } from '../platform/context';
import { requireCustomerByNo, requireStaff } from '../customers/lookup';
import { todayOf } from './workbench';
import { eventExists, listOwnerEventsBetween } from './events-repository';
import {
  deletePlanItem,
  findPlanItemManager,
  firstContactsBetween,
  listPlanRowsOfWeek,
  preparePlanItemInsert,
  updatePlanItemDone,
} from './plans-repository';

/** Suggestions offered at most. */
const SUGGESTIONS = 60;

/** The items of a week (one manager's, or every manager's), with how each was completed. */
function itemsOfWeek(
  ctx: CoreContext,
  week: string,
  managerCode: string | null,
): Array<PlanItem & { managerCode: string }> {
  const { sqlite } = ctx.store;
  const rows = listPlanRowsOfWeek(sqlite, week, managerCode);
  const weekEnd = addDays(week, 6);
  const today = ctx.today();
  const customerIds = [...new Set(rows.flatMap((r) => (r.customer_id === null ? [] : [r.customer_id])))];
  const contacted = firstContactsBetween(sqlite, customerIds, week, weekEnd);
  return rows.map((r) => {
    const contact = r.customer_id === null ? undefined : contacted.get(r.customer_id);
    const byContact = contact ? (r.kind === 'visit' ? contact.face : contact.any) : null;
    const held = r.event_date !== null && r.event_date <= today && r.attended > 0 ? r.event_date : null;
    const [doneDate, doneBy] =
      r.done_date !== null
        ? [r.done_date, 'hand' as const]
        : byContact
          ? [byContact, 'contact' as const]
          : held
            ? [held, 'event' as const]
            : [null, null];
    return {
      id: r.id,
      managerCode: r.manager_code,
      kind: r.kind,
      customerNo: r.customer_no,
      name: r.name,
      eventId: r.event_id,
      eventTitle: r.title,
      reason: r.reason,
      note: r.note,
      doneDate,
      doneBy,
    };
  });
}

/** What the workbench would have the manager do that week, less what is planned already. */
function suggestionsFor(ctx: CoreContext, managerCode: string, week: string, planned: PlanItem[]): PlanSuggestion[] {
  const weekEnd = addDays(week, 6);
  const today = ctx.today();
  const careFrom = week > today ? week : today;
  const day = todayOf(ctx, managerCode, careFrom, careFrom <= weekEnd ? weekEnd : careFrom);
  const taken = new Set(planned.map((p) => `${p.kind}:${p.customerNo ?? ''}:${p.eventId ?? ''}`));
  const suggestions: PlanSuggestion[] = [];
  const offer = (
    kind: PlanKind,
    reason: PlanReason,
    customerNo: string | null,
    name: string | null,
    date: string | null,
    event: { id: number; title: string } | null = null,
  ) => {
    const key = `${kind}:${customerNo ?? ''}:${event?.id ?? ''}`;
    if (taken.has(key) || suggestions.length >= SUGGESTIONS) return;
    taken.add(key);
    suggestions.push({
      kind,
      reason,
      customerNo,
      name,
      eventId: event?.id ?? null,
      eventTitle: event?.title ?? null,
      date,
    });
  };
  const events = listOwnerEventsBetween(ctx.store.sqlite, managerCode, week, weekEnd);
  for (const e of events) offer('event', 'event', null, null, e.event_date, e);
  for (const a of day.actions.rows)
    if (a.dueDate <= weekEnd)
      offer(a.kind === 'visit' ? 'visit' : 'contact', 'action', a.customerNo, a.customerName, a.dueDate);
  for (const w of day.warnings.rows) offer('contact', 'warning', w.customerNo, w.name, null);
  for (const c of day.care.rows) if (c.date >= week) offer('contact', 'care', c.customerNo, c.name, c.date);
  for (const c of day.contacts.rows)
    offer(c.kind, c.kind === 'visit' ? 'overdueVisit' : 'overdueContact', c.customerNo, c.name, c.lastDate);
  for (const o of day.opportunities.rows) offer('contact', 'opportunity', o.customerNo, o.name, null);
  return suggestions;
}

/** A manager's plan for a week, with suggestions for what is not in it yet (none for a past week). */
export function planOf(ctx: CoreContext, query: PlanQuery): Plan {
  requireStaff(ctx, query.managerCode, 'managerCode');
  const items = itemsOfWeek(ctx, query.week, query.managerCode).map(({ managerCode: _m, ...item }) => item);
  const past = addDays(query.week, 6) < ctx.today();
  return {
    week: query.week,
    managerCode: query.managerCode,
    managerName: staffNames(ctx.store.sqlite).get(query.managerCode) ?? null,
    items,
    suggestions: past ? [] : suggestionsFor(ctx, query.managerCode, query.week, items),
  };
}

/** Adds items to a manager's week; one already planned is skipped. Audited. */
export async function addPlanItems(ctx: CoreContext, input: PlanAddInput): Promise<{ added: number; skipped: number }> {
  const { sqlite } = ctx.store;
  requireStaff(ctx, input.managerCode, 'managerCode');
  const resolved: Array<{
    kind: PlanKind;
    reason: PlanReason;
    customerId: number | null;
    eventId: number | null;
    note: string | null;
  }> = [];
  for (const item of input.items) {
    if (item.kind === 'event') {
      if (item.eventId === undefined || !eventExists(sqlite, item.eventId)) {
        throw new AppError('VALIDATION', '计划中的活动不存在，请重新选择。', 'The planned event does not exist.', {
          field: 'eventId',
        });
      }
      resolved.push({
        kind: item.kind,
        reason: item.reason,
        customerId: null,
        eventId: item.eventId,
        note: item.note ?? null,
      });
    } else {
      if (item.customerNo === undefined)
        throw new AppError('VALIDATION', '联系或拜访须选择客户。', 'A contact or visit needs a customer.', {
          field: 'customerNo',
        });
      const customer = await requireCustomerByNo(ctx, item.customerNo);
      resolved.push({
        kind: item.kind,
        reason: item.reason,
        customerId: customer.id,
        eventId: null,
        note: item.note ?? null,
      });
    }
  }
  const insert = preparePlanItemInsert(sqlite);
  const added = sqlite.transaction(() => {
    let count = 0;
    for (const r of resolved)
      count += insert({
        manager_code: input.managerCode,
        week: input.week,
        kind: r.kind,
        customer_id: r.customerId,
        event_id: r.eventId,
        reason: r.reason,
        note: r.note,
        created_at: ctx.now(),
        created_by: input.staffCode,
      });
    appendAudit(sqlite, {
      at: ctx.now(),
      actor: input.staffCode,
      action: 'plans.add',
      target: input.managerCode,
      detail: { week: input.week, items: resolved.length, added: count },
    });
    return count;
  })();
  return { added, skipped: resolved.length - added };
}

/** The manager whose plan an item is in (NOT_FOUND when there is no such item). */
export function planItemManager(ctx: CoreContext, id: number): string {
  const manager = findPlanItemManager(ctx.store.sqlite, id);
  if (manager === undefined)
    throw new AppError('NOT_FOUND', '找不到该计划项（可能已被删除）。', 'No such plan item.', { field: 'id' });
  return manager;
}

/** Marks an item done today (or not done); a contact logged that week completes it anyway. */
export function markPlanItem(ctx: CoreContext, input: PlanMarkInput): { saved: true } {
  planItemManager(ctx, input.id);
  updatePlanItemDone(ctx.store.sqlite, input.id, input.done ? ctx.today() : null);
  return { saved: true };
}

export function removePlanItem(ctx: CoreContext, id: number, staffCode: string | null): { removed: true } {
  const manager = planItemManager(ctx, id);
  ctx.store.sqlite.transaction(() => {
    deletePlanItem(ctx.store.sqlite, id);
    appendAudit(ctx.store.sqlite, {
      at: ctx.now(),
      actor: staffCode,
      action: 'plans.remove',
      target: manager,
      detail: { id },
    });
  })();
  return { removed: true };
}

/** Every manager's plan for a week: items planned and done (for the 支行长). */
export function branchPlans(ctx: CoreContext, week: string): BranchPlans {
  const names = staffNames(ctx.store.sqlite);
  const byManager = new Map<string, { planned: number; done: number }>();
  for (const item of itemsOfWeek(ctx, week, null)) {
    const figures = byManager.get(item.managerCode) ?? { planned: 0, done: 0 };
    figures.planned += 1;
    if (item.doneDate !== null) figures.done += 1;
    byManager.set(item.managerCode, figures);
  }
  return {
    week,
    managers: [...byManager]
      .map(([managerCode, f]) => ({ managerCode, managerName: names.get(managerCode) ?? null, ...f }))
      .sort((a, b) => a.managerCode.localeCompare(b.managerCode)),
  };
}
