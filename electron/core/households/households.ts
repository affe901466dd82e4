/**
 * Households (docs/domain.md, "Households"): started, joined and left on the card (a 客户经理 within the book; another
 * book's customer only by the 支行长), their members with the history, and the household's figures per month — the
 * exact sums of its members' — on the card and as a list.
 */
import { AppError } from '../../../shared/errors';
import type {
  CustomerHousehold,
  HouseholdAddInput,
  HouseholdListQuery,
  HouseholdListRow,
  HouseholdMember,
  HouseholdPage,
  HouseholdRole,
} from '../../../shared/schemas/households';
import { requireCustomerByNo } from '../customers/lookup';
import { appendAudit } from '../platform/audit-log';
import type { CoreContext } from '../platform/context';
import { derivedKind } from '../platform/derived-data';
import { markTiersStale } from '../platform/settings';
import { getTierRules } from '../tiers/tier-rules';
import { recomputeTiers } from '../tiers/tier-recompute';
import type { CustomerView } from '../trust/access-scope';
import { maskName } from '../trust/masking';
import { joinRefusal, ROLE_WORDS, type FileState, type Standing } from './household-rules';
import {
  closeHousehold,
  currentMembershipOf,
  currentMembershipsOf,
  currentSizes,
  endMembership,
  findHousehold,
  householdMonths,
  insertHousehold,
  insertMembership,
  membershipsOf,
  ownAumOf,
  readCurrentMemberships,
  readMonthHouseholds,
  type MembershipRow,
  type MonthHouseholds,
} from './households-repository';

/** A customer number shown to someone outside its book: its first two and last two characters. */
export function maskCustomerNo(no: string): string {
  return no.length <= 4 ? '*'.repeat(no.length) : no.slice(0, 2) + '*'.repeat(no.length - 4) + no.slice(-2);
}

const outsideOf = (view: CustomerView, m: MembershipRow) => view.bookOf !== null && m.manager_code !== view.bookOf;

/** The card's 家庭 part for `customerNo`: their household now, its members (other books' masked) and figures. */
export async function getCustomerHousehold(
  ctx: CoreContext,
  customerNo: string,
  view: CustomerView,
): Promise<CustomerHousehold> {
  const customer = await requireCustomerByNo(ctx, customerNo);
  const { sqlite } = ctx.store;
  const today = ctx.today();
  const membership = currentMembershipOf(sqlite, customer.id);
  if (!membership) return { customerNo, today, household: null };
  const household = findHousehold(sqlite, membership.household_id);
  if (!household) return { customerNo, today, household: null };
  const months = householdMonths(sqlite, household.id);
  const latest = months[0]?.month ?? null;
  const memberships = membershipsOf(sqlite, household.id);
  const own =
    latest === null
      ? new Map<number, number>()
      : ownAumOf(
          sqlite,
          memberships.map((m) => m.customer_id),
          latest,
        );
  // A sum over another book's member, less one's own customers, would tell that member's money.
  const withheld = memberships.some((m) => outsideOf(view, m));
  const members: HouseholdMember[] = memberships.map((m) =>
    outsideOf(view, m)
      ? {
          customerNo: null,
          shownNo: maskCustomerNo(m.customer_no),
          name: maskName(m.name),
          role: m.role,
          joinedDate: m.joined_date,
          leftDate: m.left_date,
          aumFen: null,
        }
      : {
          customerNo: m.customer_no,
          shownNo: m.customer_no,
          name: m.name,
          role: m.role,
          joinedDate: m.joined_date,
          leftDate: m.left_date,
          aumFen: own.get(m.customer_id) ?? null,
        },
  );
  return {
    customerNo,
    today,
    household: {
      id: household.id,
      createdDate: household.created_date,
      closedDate: household.closed_date,
      members,
      withheld,
      aumFen: withheld ? null : (months[0]?.aum ?? null),
      month: latest,
      months: (withheld ? [] : months).map((m) => ({
        month: m.month,
        members: m.members,
        aumFen: m.aum,
        depositFen: m.deposit,
        wealthFen: m.wealth,
        fundFen: m.fund,
        insuranceFen: m.insurance,
        otherFen: m.other,
      })),
    },
  };
}

/** Household qualification is on in some rule set: a membership then moves tiers (docs/domain.md, "Households"). */
function householdsQualify(ctx: CoreContext): boolean {
  return getTierRules(ctx).ruleSets.some((rules) => rules.tiers.some((t) => t.household !== undefined));
}

/**
 * A membership changed on `date`: with household qualification on, the tiers from its month are marked stale in the
 * change's transaction (`stale`) and recomputed after it (`recompute`), as an import's are.
 */
function tiersFollow(ctx: CoreContext, date: string) {
  const on = householdsQualify(ctx);
  return {
    stale: () => on && markTiersStale(ctx.store.sqlite, date.slice(0, 7)),
    recompute: async () => {
      if (on) await recomputeTiers(ctx.store.sqlite, ctx.now(), { fromMonth: date.slice(0, 7) });
    },
  };
}

function refusal(field: string, message: string, messageEn: string): AppError {
  return new AppError('VALIDATION', message, messageEn, { field });
}

function checkDate(ctx: CoreContext, date: string, field: string): void {
  if (date > ctx.today()) throw refusal(field, `日期 ${date} 晚于今天`, `the date ${date} is after today`);
}

/** Where a customer stands now, with the head of their household. */
function standingOf(ctx: CoreContext, customerId: number): Standing | null {
  const m = currentMembershipOf(ctx.store.sqlite, customerId);
  if (!m) return null;
  const head = membershipsOf(ctx.store.sqlite, m.household_id).find((x) => x.role === 'head' && x.left_date === null);
  return { householdId: m.household_id, role: m.role, headNo: head?.customer_no ?? '' };
}

/** Starts a household headed by a customer of none; audited. */
export async function createHousehold(
  ctx: CoreContext,
  input: { headCustomerNo: string; joinedDate: string; staffCode: string | null },
  view: CustomerView,
): Promise<CustomerHousehold> {
  const head = await requireCustomerByNo(ctx, input.headCustomerNo);
  checkDate(ctx, input.joinedDate, 'joinedDate');
  const { sqlite } = ctx.store;
  const tiers = tiersFollow(ctx, input.joinedDate);
  sqlite.transaction(() => {
    tiers.stale();
    const refused = joinRefusal(input.headCustomerNo, standingOf(ctx, head.id), 0);
    if (refused) throw refusal('headCustomerNo', refused.message, refused.messageEn);
    const id = insertHousehold(sqlite, {
      createdDate: input.joinedDate,
      batchId: null,
      now: ctx.now(),
      by: input.staffCode,
    });
    insertMembership(sqlite, {
      householdId: id,
      customerId: head.id,
      role: 'head',
      joinedDate: input.joinedDate,
      batchId: null,
      now: ctx.now(),
      by: input.staffCode,
    });
    appendAudit(sqlite, {
      at: ctx.now(),
      actor: input.staffCode,
      action: 'households.create',
      target: input.headCustomerNo,
      detail: { household: id, date: input.joinedDate },
    });
  })();
  await tiers.recompute();
  return getCustomerHousehold(ctx, input.headCustomerNo, view);
}

/** Adds a customer to the household a head heads, with a role; audited. */
export async function addHouseholdMember(
  ctx: CoreContext,
  input: HouseholdAddInput & { staffCode: string | null },
  view: CustomerView,
): Promise<CustomerHousehold> {
  const head = await requireCustomerByNo(ctx, input.headCustomerNo);
  const member = await requireCustomerByNo(ctx, input.customerNo);
  checkDate(ctx, input.joinedDate, 'joinedDate');
  const { sqlite } = ctx.store;
  const tiers = tiersFollow(ctx, input.joinedDate);
  sqlite.transaction(() => {
    tiers.stale();
    const headStanding = standingOf(ctx, head.id);
    if (headStanding === null || headStanding.role !== 'head')
      throw refusal(
        'headCustomerNo',
        `客户 ${input.headCustomerNo} 不是任何家庭的户主`,
        `customer ${input.headCustomerNo} heads no household`,
      );
    const size = currentSizes(sqlite, [headStanding.householdId]).get(headStanding.householdId) ?? 0;
    const refused = joinRefusal(input.customerNo, standingOf(ctx, member.id), size);
    if (refused) throw refusal('customerNo', refused.message, refused.messageEn);
    insertMembership(sqlite, {
      householdId: headStanding.householdId,
      customerId: member.id,
      role: input.role,
      joinedDate: input.joinedDate,
      batchId: null,
      now: ctx.now(),
      by: input.staffCode,
    });
    appendAudit(sqlite, {
      at: ctx.now(),
      actor: input.staffCode,
      action: 'households.addMember',
      target: input.customerNo,
      detail: {
        household: headStanding.householdId,
        headNo: input.headCustomerNo,
        role: ROLE_WORDS[input.role][0],
        date: input.joinedDate,
      },
    });
  })();
  await tiers.recompute();
  return getCustomerHousehold(ctx, input.headCustomerNo, view);
}

/**
 * A member leaves their household on a date (the row stays, with the date). The head leaves only as the last member,
 * which closes the household. Answers the household as the head's card shows it (the leaver's own when it closed).
 */
export async function leaveHousehold(
  ctx: CoreContext,
  input: { customerNo: string; leftDate: string; staffCode: string | null },
  view: CustomerView,
): Promise<CustomerHousehold> {
  const customer = await requireCustomerByNo(ctx, input.customerNo);
  checkDate(ctx, input.leftDate, 'leftDate');
  const { sqlite } = ctx.store;
  let headNo: string | null = null;
  const tiers = tiersFollow(ctx, input.leftDate);
  sqlite.transaction(() => {
    tiers.stale();
    const m = currentMembershipOf(sqlite, customer.id);
    if (!m)
      throw refusal(
        'customerNo',
        `客户 ${input.customerNo} 不在任何家庭中`,
        `customer ${input.customerNo} is in no household`,
      );
    if (input.leftDate < m.joined_date)
      throw refusal(
        'leftDate',
        `移出日期 ${input.leftDate} 早于加入日期 ${m.joined_date}`,
        `the date left ${input.leftDate} is before the date joined ${m.joined_date}`,
      );
    const current = membershipsOf(sqlite, m.household_id).filter((x) => x.left_date === null);
    if (m.role === 'head' && current.length > 1)
      throw refusal(
        'customerNo',
        `户主只能在其他成员都移出后移出（还有 ${current.length - 1} 人）`,
        `the head leaves only after every other member (${current.length - 1} left)`,
      );
    endMembership(sqlite, m.id, input.leftDate);
    if (m.role === 'head') closeHousehold(sqlite, m.household_id, input.leftDate);
    else headNo = current.find((x) => x.role === 'head')?.customer_no ?? null;
    appendAudit(sqlite, {
      at: ctx.now(),
      actor: input.staffCode,
      action: 'households.leave',
      target: input.customerNo,
      detail: { household: m.household_id, role: ROLE_WORDS[m.role][0], date: input.leftDate },
    });
  })();
  await tiers.recompute();
  return getCustomerHousehold(ctx, headNo ?? input.customerNo, view);
}

// ── The list ───────────────────────────────────────────────────────────────────────────────────────────────────────

/** A month's households, read once and kept with their orders (docs/architecture.md, "Derived data"). */
interface MonthList extends MonthHouseholds {
  orders: Map<string, Int32Array>;
}
const MONTH_HOUSEHOLDS = derivedKind<MonthList>('households of a month', 4);

function orderOf(list: MonthList, field: HouseholdListQuery['sort']['field']): Int32Array {
  let order = list.orders.get(field);
  if (order) return order;
  order = Int32Array.from(list.ids.keys());
  const byNo = (a: number, b: number) =>
    list.headNos[a] < list.headNos[b] ? -1 : list.headNos[a] > list.headNos[b] ? 1 : 0;
  const compare =
    field === 'headNo'
      ? byNo
      : field === 'size'
        ? (a: number, b: number) => list.sizes[a] - list.sizes[b] || byNo(a, b)
        : (a: number, b: number) => (list.aum[a] ?? -1) - (list.aum[b] ?? -1) || byNo(a, b);
  order.sort(compare);
  list.orders.set(field, order);
  return order;
}

/** A page of a month's households by their head: narrowed to the head's manager and filtered, in the order asked. */
export function getHouseholdPage(ctx: CoreContext, query: HouseholdListQuery, view: CustomerView): HouseholdPage {
  const list = ctx.cache.get(MONTH_HOUSEHOLDS, query.month, () => ({
    ...readMonthHouseholds(ctx.store.sqlite, query.month),
    orders: new Map(),
  }));
  const order = orderOf(list, query.sort.field);
  const { managerCode, minSize, text } = query.filter;
  const filtered = managerCode !== undefined || minSize !== undefined || (text !== undefined && text !== '');
  const matches = (i: number) =>
    (managerCode === undefined || list.managers[i] === managerCode) &&
    (minSize === undefined || list.sizes[i] >= minSize) &&
    (!text || list.headNos[i].includes(text) || list.headNames[i].includes(text));
  const rows: HouseholdListRow[] = [];
  const desc = query.sort.direction === 'desc';
  const n = order.length;
  let total = 0;
  const end = query.offset + query.limit;
  for (let k = 0; k < n; k++) {
    const i = order[desc ? n - 1 - k : k];
    if (filtered && !matches(i)) continue;
    if (total >= query.offset && total < end) {
      // Withheld, as on the card, from a 客户经理 limited to their book when a member is of another book.
      const shown = view.bookOf === null || list.soleManagers[i] === view.bookOf;
      const aum = shown ? list.aum[i] : null;
      const wealth = list.wealth[i];
      rows.push({
        id: list.ids[i],
        customerNo: list.headNos[i],
        name: list.headNames[i],
        managerCode: list.managers[i],
        size: list.sizes[i],
        aumFen: aum,
        wealthPct: aum === null || aum <= 0 || wealth === null ? null : Math.round((wealth / aum) * 1000) / 10,
      });
    }
    total++;
    if (!filtered && total >= end) {
      total = n;
      break;
    }
  }
  return { rows, total };
}

// ── What the households import reads ───────────────────────────────────────────────────────────────────────────────

/** Where every customer stands now, for a households file's plan (customers by number via `idOf`). */
export function householdFileState(ctx: CoreContext, idOf: (customerNo: string) => number | undefined): FileState {
  const { sqlite } = ctx.store;
  const current = readCurrentMemberships(sqlite);
  const byCustomer = new Map<number, { household: number; role: HouseholdRole }>();
  const heads = new Map<number, number>();
  const sizes = new Map<number, number>();
  current.customerIds.forEach((id, i) => {
    const household = current.households[i];
    byCustomer.set(id, { household, role: current.roles[i] });
    if (current.roles[i] === 'head') heads.set(household, id);
    sizes.set(household, (sizes.get(household) ?? 0) + 1);
  });
  const headIds = [...new Set(heads.values())];
  const headNos = new Map(
    [...currentMembershipsOf(sqlite, headIds).values()].map((m) => [m.household_id, m.customer_no] as const),
  );
  return {
    known: (no) => idOf(no) !== undefined,
    standing: (no) => {
      const id = idOf(no);
      const at = id === undefined ? undefined : byCustomer.get(id);
      return at ? { householdId: at.household, role: at.role, headNo: headNos.get(at.household) ?? '' } : null;
    },
    size: (household) => sizes.get(household) ?? 0,
  };
}
