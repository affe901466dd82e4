/**
 * The care calendar (关怀日历): birthdays (solar, or lunar where the customer keeps it), product maturities
 * 30/7/1 days ahead, risk-assessment expiry (the last day the assessment is valid, with its level), ID-document expiry and account
 * anniversaries (1, 3, 5 years and every 5), for a manager's book or the whole branch.
 */
import { addDays } from '../../../shared/month';
import {
  CARE_KINDS,
  type CareItem,
  type CareKind,
  type CareQuery,
  type CareCalendar,
} from '../../../shared/schemas/workbench';
import {
  lunarBirthdayIn,
  lunarLabel,
  lunarOf,
  maturityReminders,
  sameDayIn,
  solarBirthdayIn,
  type LunarDate,
} from './care-calendar';
import { findCustomerIdsOfManager, findCustomerNames } from '../customers/lookup';
import { customerAttributes, type CustomerAttributes } from '../segments/segments';
import type { CoreContext } from '../platform/context';
import { latestTiersOf } from '../tiers/tiers';
import { assessmentValidUntil } from '../suitability/suitability-rules';
import { listMaturitiesBetween, prepareHoldingProductLookup } from './care-repository';

/** The calendar shows at most this many items (a month of the whole branch can hold tens of thousands). */
const MAX_ITEMS = 5_000;
const isMilestone = (years: number) => years === 1 || years === 3 || (years > 0 && years % 5 === 0);

/** A care date before the customer's number and name are looked up (only those shown need them). */
type CareDate = Omit<CareItem, 'customerNo' | 'name' | 'managerName'> & { id: number; tierRank: number };

/** The days asked for, and the calendar years they touch. */
interface CareWindow {
  from: string;
  to: string;
  years: number[];
  /** `from` and `to` as YYYYMMDD numbers, as ID expiries are kept. */
  fromNumber: number;
  toNumber: number;
  wanted: Set<CareKind>;
}

type AddCareDate = (id: number, kind: CareKind, date: string, extra?: Partial<CareDate>) => void;

/**
 * Every care date from `from` to `to` (inclusive) of a book (`managerCode`) or the branch (null), in date order,
 * higher tiers first within a day; `total` counts them all, `items` names the first `limit`. Read from the customer
 * master as decoded once (no query per call but the maturities').
 */
export function careItems(
  ctx: CoreContext,
  query: { from: string; to: string; managerCode: string | null; kinds?: readonly CareKind[] },
  limit: number,
  /** Leaves out a customer's item for a date (today's list: already contacted). */
  done: (customerId: number, date: string) => boolean = () => false,
): { total: number; items: CareItem[] } {
  const { from, to, managerCode } = query;
  const [fromNumber, toNumber] = [from, to].map((date) => Number(date.replaceAll('-', '')));
  const window: CareWindow = { from, to, years: [], fromNumber, toNumber, wanted: new Set(query.kinds ?? CARE_KINDS) };
  for (let y = Number(from.slice(0, 4)); y <= Number(to.slice(0, 4)); y++) window.years.push(y);
  const attributes = customerAttributes(ctx);
  const dates: CareDate[] = [];
  const add: AddCareDate = (id, kind, date, extra = {}) => {
    if (date < from || date > to || done(id, date)) return;
    dates.push({
      id,
      date,
      kind,
      managerCode: attributes.manager[id] ?? null,
      tierCode: null,
      tierName: null,
      tierRank: -1,
      lunar: false,
      lunarLabel: null,
      rule: null,
      productName: null,
      amountFen: null,
      dueDate: null,
      daysAhead: null,
      years: null,
      riskLevel: null,
      ...extra,
    });
  };
  const ids = managerCode === null ? attributes.ids : findCustomerIdsOfManager(ctx.store.sqlite, managerCode);
  // Open customers of the book (or the branch): the ids above, and a holding's customer tested the same way.
  const inScope = (id: number) =>
    !attributes.closed[id] && (managerCode === null || attributes.manager[id] === managerCode);
  for (const id of ids) if (inScope(id)) addCustomerDates(attributes, id, window, add);
  if (window.wanted.has('maturity')) addMaturityDates(ctx, window, managerCode, inScope, add);
  return rankAndName(ctx, dates, limit);
}

/** A customer's birthday (solar or lunar), risk assessment and ID expiries, and opening anniversaries in the window. */
function addCustomerDates(attributes: CustomerAttributes, id: number, window: CareWindow, add: AddCareDate): void {
  const { years, wanted } = window;
  const birth = attributes.birth[id];
  if (birth && wanted.has('birthday')) {
    const birthYear = Number(birth.slice(0, 4));
    if (attributes.lunar[id] === 1) {
      const born = lunarBirth(birth);
      // Lunar year y's birthday may fall in January of y + 1.
      for (const y of [years[0] - 1, ...years]) {
        const { date, rule } = lunarBirthdayIn(born, y);
        add(id, 'birthday', date, { lunar: true, lunarLabel: lunarLabel(born), rule, years: y - birthYear });
      }
    } else {
      for (const y of years) {
        const { date, rule } = solarBirthdayIn(birth, y);
        add(id, 'birthday', date, { rule, years: y - birthYear });
      }
    }
  }
  const risk = attributes.riskAssessed[id];
  if (risk && wanted.has('riskExpiry')) {
    // The last day it is valid, as the suitability check counts it (docs/domain.md, "Suitability").
    const expires = assessmentValidUntil(risk);
    add(id, 'riskExpiry', expires, { dueDate: expires, riskLevel: attributes.risk[id] ?? null });
  }
  const expiry = attributes.idExpiry[id];
  if (expiry >= window.fromNumber && expiry <= window.toNumber && wanted.has('idExpiry')) {
    const idExpiry = `${Math.floor(expiry / 10_000)}-${String(Math.floor(expiry / 100) % 100).padStart(2, '0')}-${String(expiry % 100).padStart(2, '0')}`;
    add(id, 'idExpiry', idExpiry, { dueDate: idExpiry });
  }
  const opened = attributes.opened[id];
  if (opened && wanted.has('anniversary')) {
    for (const y of years) {
      const count = y - Number(opened.slice(0, 4));
      if (isMilestone(count)) add(id, 'anniversary', sameDayIn(opened, y), { years: count });
    }
  }
}

/** Reminders of the maturities in scope: from the maturity index alone; the product's name and amount only for those. */
function addMaturityDates(
  ctx: CoreContext,
  window: CareWindow,
  managerCode: string | null,
  inScope: (id: number) => boolean,
  add: AddCareDate,
): void {
  const { sqlite } = ctx.store;
  const due = listMaturitiesBetween(sqlite, addDays(window.from, 1), addDays(window.to, 30), managerCode);
  const product = prepareHoldingProductLookup(sqlite);
  for (const [id, key, dueDate] of due) {
    if (!inScope(id)) continue;
    for (const { date, daysAhead } of maturityReminders(dueDate)) {
      if (date < window.from || date > window.to) continue;
      const [productName, amountFen] = product(id, key);
      add(id, 'maturity', date, { productName, amountFen, dueDate, daysAhead });
    }
  }
}

/** Orders the dates (day, then higher tiers) and names the first `limit`. */
function rankAndName(ctx: CoreContext, dates: CareDate[], limit: number): { total: number; items: CareItem[] } {
  latestTiersOf(
    ctx,
    dates.map((d) => d.id),
  ).forEach(({ tierCode, tierName, rank }, i) => Object.assign(dates[i], { tierCode, tierName, tierRank: rank }));
  dates.sort(
    (a, b) => a.date.localeCompare(b.date) || b.tierRank - a.tierRank || a.id - b.id || a.kind.localeCompare(b.kind),
  );
  const shown = dates.slice(0, limit);
  const names = findCustomerNames(ctx.store.sqlite, [...new Set(shown.map((d) => d.id))]);
  const items = shown.map(({ id, tierRank: _rank, ...rest }) => {
    const customer = names.get(id);
    return {
      ...rest,
      customerNo: customer?.customerNo ?? '',
      name: customer?.name ?? '',
      managerName: customer?.managerName ?? null,
    };
  });
  return { total: dates.length, items };
}

/** Lunar dates of birth, kept: the platform's Chinese calendar takes tens of microseconds a date. */
const lunarBirths = new Map<string, LunarDate>();
function lunarBirth(birth: string): LunarDate {
  let lunar = lunarBirths.get(birth);
  if (!lunar) {
    if (lunarBirths.size >= 50_000) lunarBirths.clear();
    lunarBirths.set(birth, (lunar = lunarOf(birth)));
  }
  return lunar;
}

/** The calendar of a period (at most 62 days: the schema's limit) for the month and week views. */
export function careCalendar(ctx: CoreContext, query: CareQuery): CareCalendar {
  return {
    from: query.from,
    to: query.to,
    ...careItems(ctx, { ...query, managerCode: query.managerCode ?? null }, MAX_ITEMS),
  };
}
