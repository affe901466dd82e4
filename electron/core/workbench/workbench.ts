/**
 * The relationship manager's workbench (今日工作台): what a manager should do today — retention actions due,
 * high-risk warnings, complaints near their deadline, this week's care dates, customers overdue for contact by their
 * tier's standard, priority-A opportunities — and the contact standards with each manager's coverage by month.
 */
import { addDays, daysBetween, lastDayOfMonth, monthRange } from '../../../shared/month';
import {
  OPPORTUNITY_SIGNALS,
  type ContactStandards,
  type Coverage,
  type CoverageFigures,
  type CoverageQuery,
  type Opportunity,
  type OverdueContact,
  type Today,
} from '../../../shared/schemas/workbench';
import { readContactStandards, replaceJsonSetting } from '../platform/settings';
import { staffNames } from '../trust/staff';
import { findCustomerIdsOfManager, findCustomerNames } from '../customers/lookup';
import { allContactDates, bookContactDates } from '../retention/retention';
import { SIGNAL_IDLE_DEMAND, SIGNAL_INFLOW, SIGNAL_NEAR_NEXT_TIER, SIGNAL_RISK_EXPIRED } from '../segments/dimensions';
import { careItems } from './care';
import { overdueCampaignMembers } from '../campaigns/campaigns';
import { complaintBoard } from '../complaints/complaints';
import type { CoreContext } from '../platform/context';
import { requireStaff } from '../customers/lookup';
import { bookWarnings, getActionBoard, toWarningRows } from '../retention/retention';
import { customerAttributes, dimensionsOfMonth, managersOn } from '../segments/segments';
import { bookMovesOf } from '../books/cover';
import { tierNames } from '../tiers/tier-history';
import { latestTierMonth, rulesForMonth, snapshotSlot, tierSnapshotOf, type TierSnapshot } from '../tiers/tiers';

/** Each list of the workbench shows this many, most urgent first. */
const LIST_LIMIT = 100;
/** Retention actions due within this many days are on today's list. */
const ACTIONS_AHEAD_DAYS = 7;
/** A care date is handled by a contact from this many days before it. */
const CARE_LEAD_DAYS = 7;
/** An opportunity is being worked on after a product contact within this many days. */
const OPPORTUNITY_DAYS = 30;
/** A customer never contacted is counted overdue from their opening, a year back at most. */
const NEVER_CONTACTED_DAYS = 365;

const SIGNAL_BITS: Record<(typeof OPPORTUNITY_SIGNALS)[number], number> = {
  idleDemand: SIGNAL_IDLE_DEMAND,
  inflow: SIGNAL_INFLOW,
  riskExpired: SIGNAL_RISK_EXPIRED,
  nearNextTier: SIGNAL_NEAR_NEXT_TIER,
};

const section = <T>(rows: T[]) => ({ total: rows.length, rows: rows.slice(0, LIST_LIMIT) });

/**
 * A manager's day. Care dates are those from `careFrom` to `careTo` (today and the next 6 days; a work plan asks
 * for its week). Each item leaves its list once what closes it is logged: a contact (for care dates one from 7 days
 * before; for warnings one since the data month; for opportunities one about products within 30 days), or the action
 * done, the complaint replied. It also shows the books moving and covered: the books the manager covers for colleagues
 * away, the manager's own time away, and the customers handed over in their transition period, both ways.
 */
export function todayOf(
  ctx: CoreContext,
  managerCode: string,
  careFrom = ctx.today(),
  careTo = addDays(careFrom, 6),
): Today {
  const { sqlite } = ctx.store;
  requireStaff(ctx, managerCode, 'managerCode');
  const today = ctx.today();
  const bookIds = findCustomerIdsOfManager(sqlite, managerCode);
  const contacts = bookContactDates(sqlite, managerCode);
  const lastContact = new Map([...contacts].map(([id, [last]]) => [id, last]));
  const month = latestTierMonth(ctx);
  const snapshot = month === null ? null : tierSnapshotOf(ctx, month);

  const actionsUntil = addDays(today, ACTIONS_AHEAD_DAYS);
  const actions = getActionBoard(ctx, { ownerCode: managerCode, includeClosed: false }).actions.filter(
    (a) => a.doneDate === null && a.dueDate <= actionsUntil,
  );
  const warnings =
    month !== null && snapshot ? uncontactedHighWarnings(ctx, month, managerCode, bookIds, lastContact) : [];
  const board = complaintBoard(ctx, { managerCode });
  const complaints = {
    total: board.counts.overdue + board.counts.dueSoon,
    rows: [...board.overdue, ...board.dueSoon].slice(0, LIST_LIMIT),
  };
  const care = careItems(
    ctx,
    { from: careFrom, to: careTo, managerCode },
    LIST_LIMIT,
    (id, date) => (lastContact.get(id) ?? '') >= addDays(date, -CARE_LEAD_DAYS),
  );
  const { overdue, opportunities } =
    month !== null && snapshot ? scanBook(ctx, month, snapshot, bookIds, contacts) : { overdue: [], opportunities: [] };
  const named = namer(ctx, month, [...overdue.slice(0, LIST_LIMIT), ...opportunities.slice(0, LIST_LIMIT)]);
  const moves = bookMovesOf(ctx, managerCode);

  return {
    today,
    managerCode,
    managerName: staffNames(sqlite).get(managerCode) ?? null,
    month,
    bookSize: bookIds.length,
    actions: section(actions),
    warnings: section(warnings),
    complaints,
    care: { total: care.total, rows: care.items },
    contacts: {
      total: overdue.length,
      rows: overdue.slice(0, LIST_LIMIT).map(({ rank: _rank, ...row }) => named(row) as OverdueContact),
    },
    opportunities: { total: opportunities.length, rows: opportunities.slice(0, LIST_LIMIT).map((row) => named(row)) },
    covers: moves.covers,
    away: moves.away,
    handedOver: section(moves.handedOver),
    newInBook: section(moves.newInBook),
    campaignsOverdue: overdueCampaignMembers(ctx, managerCode),
  };
}

/** The book's high warnings with no contact since the data month and no open action. */
function uncontactedHighWarnings(
  ctx: CoreContext,
  month: string,
  managerCode: string,
  bookIds: number[],
  lastContact: Map<number, string>,
): Today['warnings']['rows'] {
  const book = new Uint8Array(bookIds.reduce((max, id) => Math.max(max, id), 0) + 1);
  for (const id of bookIds) book[id] = 1;
  const since = addDays(lastDayOfMonth(month), 1);
  const high = bookWarnings(ctx, month, { managerCode, ids: book, lastContact }).filter(
    (r) => r.level === 'high' && (lastContact.get(r.id) ?? '') < since,
  );
  return toWarningRows(ctx, month, high).filter((r) => r.openActions === 0);
}

type OverdueRow = Omit<OverdueContact, 'customerNo' | 'name' | 'tierName'> & { id: number; rank: number };
type OpportunityRow = Omit<Opportunity, 'customerNo' | 'name' | 'tierName' | 'aumFen'> & { id: number; aumFen: number };

/**
 * One pass over the book: who is overdue for a contact or a visit by the tier's standard (a visit due answers the
 * contact too: one row per customer), and the priority-A customers not offered a product lately.
 */
function scanBook(
  ctx: CoreContext,
  month: string,
  snapshot: TierSnapshot,
  bookIds: number[],
  contacts: ReturnType<typeof bookContactDates>,
): { overdue: OverdueRow[]; opportunities: OpportunityRow[] } {
  const today = ctx.today();
  const standards = readContactStandards(ctx.store.sqlite).tiers;
  const attributes = customerAttributes(ctx);
  const dimensions = dimensionsOfMonth(ctx, month);
  const priorityA = dimensions ? dimensions.values.priority.indexOf('A') : -1;
  const productSince = addDays(today, -OPPORTUNITY_DAYS);
  const neverBefore = addDays(today, -NEVER_CONTACTED_DAYS);
  const overdue: OverdueRow[] = [];
  const opportunities: OpportunityRow[] = [];
  for (const id of bookIds) {
    if (attributes.closed[id]) continue;
    const slot = snapshotSlot(snapshot, id);
    // In no tier this month (no data yet or for too long): nothing due by a tier's standard, no opportunity scored.
    if (slot < 0 || snapshot.tier[slot] < 0) continue;
    const tier = snapshot.tier[slot];
    const tierCode = snapshot.tierCodes[tier];
    const [last = null, face = null, product = null] = contacts.get(id) ?? [];
    const standard = standards[tierCode];
    if (standard) {
      const opened = attributes.opened[id] ?? neverBefore;
      const from = (date: string | null) => date ?? (opened > neverBefore ? opened : neverBefore);
      const visitLate = standard.visitDays === null ? 0 : daysBetween(addDays(from(face), standard.visitDays), today);
      const contactLate = daysBetween(addDays(from(last), standard.contactDays), today);
      if (visitLate > 0)
        overdue.push({
          id,
          tierCode,
          kind: 'visit',
          lastDate: face,
          standardDays: standard.visitDays as number,
          daysOverdue: visitLate,
          rank: tier,
        });
      else if (contactLate > 0)
        overdue.push({
          id,
          tierCode,
          kind: 'contact',
          lastDate: last,
          standardDays: standard.contactDays,
          daysOverdue: contactLate,
          rank: tier,
        });
    }
    if (dimensions && dimensions.codes.priority[slot] === priorityA && !(product !== null && product >= productSince)) {
      const bits = dimensions.signals[slot];
      opportunities.push({
        id,
        tierCode,
        aumFen: snapshot.aumFen[slot],
        signals: OPPORTUNITY_SIGNALS.filter((s) => (bits & SIGNAL_BITS[s]) !== 0),
      });
    }
  }
  overdue.sort((a, b) => b.daysOverdue - a.daysOverdue || b.rank - a.rank || a.id - b.id);
  opportunities.sort((a, b) => b.aumFen - a.aumFen || a.id - b.id);
  return { overdue, opportunities };
}

/** Gives the rows shown their customer's number, name and tier name (looked up for those rows only). */
function namer(ctx: CoreContext, month: string | null, shown: Array<{ id: number }>) {
  const names = findCustomerNames(
    ctx.store.sqlite,
    shown.map((r) => r.id),
  );
  const tierName = month === null ? new Map<string, string>() : tierNames(rulesForMonth(ctx, month));
  return <T extends { id: number; tierCode: string | null }>({ id, ...rest }: T) => ({
    ...rest,
    customerNo: names.get(id)?.customerNo ?? '',
    name: names.get(id)?.name ?? '',
    tierName: rest.tierCode === null ? null : (tierName.get(rest.tierCode) ?? rest.tierCode),
  });
}

/** Contact dates per customer (ascending), and which of them were face to face. */
interface ContactHistory {
  dates: Map<number, string[]>;
  faces: Map<number, string[]>;
}

function contactHistory(ctx: CoreContext): ContactHistory {
  const dates = new Map<number, string[]>();
  const faces = new Map<number, string[]>();
  for (const [id, date, face] of allContactDates(ctx.store.sqlite)) {
    let list = dates.get(id);
    if (!list) dates.set(id, (list = []));
    list.push(date);
    if (face === 1) {
      let faceList = faces.get(id);
      if (!faceList) faces.set(id, (faceList = []));
      faceList.push(date);
    }
  }
  return { dates, faces };
}

/** Whether an ascending list of dates has one from `from` to `to` (inclusive). */
function hasDateIn(dates: string[] | undefined, from: string, to: string): boolean {
  if (!dates) return false;
  let lo = 0;
  let hi = dates.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (dates[mid] < from) lo = mid + 1;
    else hi = mid;
  }
  return lo < dates.length && dates[lo] <= to;
}

const noFigures = (month: string): CoverageFigures => ({
  month,
  customers: 0,
  onTime: 0,
  visitCustomers: 0,
  visitsOnTime: 0,
});

/**
 * Coverage by month (接触覆盖率): of each manager's customers with a contact standard (by their tier that month,
 * open at the month's end), how many had a contact within the standard at the month's end — or today, for the
 * month in progress — and likewise for visits (by whoever made them). Books are the managers of record at the month's
 * end (docs/domain.md, "Book history").
 */
export function contactCoverage(ctx: CoreContext, query: CoverageQuery): Coverage {
  const { sqlite } = ctx.store;
  const today = ctx.today();
  const standards = readContactStandards(sqlite).tiers;
  const attributes = customerAttributes(ctx);
  const history = contactHistory(ctx);
  const byManager = new Map<string, CoverageFigures[]>();
  const branch: CoverageFigures[] = [];
  const months = monthRange(query.fromMonth, query.toMonth);
  months.forEach((month, m) => {
    branch.push(noFigures(month));
    const snapshot = tierSnapshotOf(ctx, month);
    const end = lastDayOfMonth(month) < today ? lastDayOfMonth(month) : today;
    if (!snapshot || month > today.slice(0, 7)) return;
    const standardOf = snapshot.tierCodes.map((code) => standards[code]);
    const managers = managersOn(ctx, end);
    for (let slot = 0; slot < snapshot.customerIds.length; slot++) {
      const tier = snapshot.tier[slot];
      const standard = tier < 0 ? undefined : standardOf[tier];
      const id = snapshot.customerIds[slot];
      const manager = managers[id];
      const closed = attributes.closed[id];
      if (!standard || !manager || (closed && closed <= end)) continue;
      let figures = byManager.get(manager);
      if (!figures) byManager.set(manager, (figures = months.map(noFigures)));
      const onTime = hasDateIn(history.dates.get(id), addDays(end, 1 - standard.contactDays), end);
      for (const f of [figures[m], branch[m]]) {
        f.customers += 1;
        if (onTime) f.onTime += 1;
      }
      if (standard.visitDays !== null) {
        const visited = hasDateIn(history.faces.get(id), addDays(end, 1 - standard.visitDays), end);
        for (const f of [figures[m], branch[m]]) {
          f.visitCustomers += 1;
          if (visited) f.visitsOnTime += 1;
        }
      }
    }
  });
  const names = staffNames(sqlite);
  return {
    ...query,
    managers: [...byManager]
      .map(([managerCode, figures]) => ({ managerCode, managerName: names.get(managerCode) ?? null, months: figures }))
      .sort((a, b) => a.managerCode.localeCompare(b.managerCode)),
    branch,
  };
}

export function getContactStandards(ctx: CoreContext): { settings: ContactStandards } {
  return { settings: readContactStandards(ctx.store.sqlite) };
}

/** Saves the contact standards, audited; warnings score the contact signal by them, so they are scored afresh. */
export function saveContactStandards(
  ctx: CoreContext,
  standards: ContactStandards,
  staffCode: string | null,
): { saved: true } {
  replaceJsonSetting(ctx.store.sqlite, 'contact_standards', standards, {
    at: ctx.now(),
    actor: staffCode,
    action: 'workbench.saveStandards',
  });
  return { saved: true };
}
