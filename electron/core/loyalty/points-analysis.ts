/**
 * 积分分析 (docs/domain.md, "Loyalty points"): per month and tier (each customer's assessed tier that month), the points
 * earned, redeemed and expired in the month and those unspent at its end, with the customers holding any.
 *
 * Reading a year of a large branch's ledger takes seconds, so the figures are kept (derived data, while the branch's
 * data version holds) with the id of the newest line they count: the ledger is append-only, so a later call adds
 * only what the lines written since change — each customer they name counted out as before and in as now.
 */
import { AppError } from '../../../shared/errors';
import { monthRange } from '../../../shared/month';
import {
  POINTS_CUSTOMERS_SHOWN,
  type PointsAnalysis,
  type PointsAnalysisCustomers,
} from '../../../shared/schemas/loyalty';
import { findCustomerNames } from '../customers/lookup';
import type { CoreContext } from '../platform/context';
import { derivedKind } from '../platform/derived-data';
import { listTierSnapshotMonths, rulesForMonth, tierLabels, tierSnapshotOf } from '../tiers/tiers';
import {
  balancesAt,
  customerPointsByMonth,
  customersWithLinesBetween,
  lastLedgerId,
  readPointsByMonth,
} from './loyalty-repository';

type Cell = PointsAnalysis['cells'][number];

interface Kept {
  /** The newest line counted. */
  maxId: number;
  months: string[];
  /** By `${month}\t${tierCode}`. */
  cells: Map<string, Cell>;
}

/** Kept per range of months asked. */
const POINTS_ANALYSIS = derivedKind<Kept>('points analysis', 4);

/** Months the analysis covers by default: the last twelve with tier results. */
const DEFAULT_MONTHS = 12;
/** At most this many months at once. */
const MOST_MONTHS = 36;
/** More customers with new lines than this: counted afresh rather than one by one. */
const MOST_CUSTOMERS_ADDED = 2_000;

/** Each month's tier of a customer ('' in no tier or without results), by binary search in the month's snapshot. */
function tierLookup(ctx: CoreContext, months: string[]): (customerId: number, k: number) => string {
  const snapshots = months.map((m) => tierSnapshotOf(ctx, m));
  return (customerId, k) => {
    const snapshot = snapshots[k];
    if (!snapshot) return '';
    const ids = snapshot.customerIds;
    let lo = 0;
    let hi = ids.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (ids[mid] === customerId) {
        const tier = snapshot.tier[mid];
        return tier < 0 ? '' : snapshot.tierCodes[tier];
      }
      if (ids[mid] < customerId) lo = mid + 1;
      else hi = mid - 1;
    }
    return '';
  };
}

interface MonthFigures {
  e: number;
  r: number;
  x: number;
}

/** Counts one customer in (`sign` 1) or out (−1): their lines per month in range, and their balance before it. */
function countCustomer(
  kept: Kept,
  tierOf: (customerId: number, k: number) => string,
  customerId: number,
  before: number,
  perMonth: Map<string, MonthFigures>,
  sign: 1 | -1,
): void {
  let balance = before;
  kept.months.forEach((month, k) => {
    const figures = perMonth.get(month);
    if (!figures && balance <= 0) return;
    const tierCode = tierOf(customerId, k);
    const key = `${month}\t${tierCode}`;
    let cell = kept.cells.get(key);
    if (!cell) {
      cell = { month, tierCode, customers: 0, earned: 0, redeemed: 0, expired: 0, outstanding: 0 };
      kept.cells.set(key, cell);
    }
    if (figures) {
      cell.earned += sign * figures.e;
      cell.redeemed += sign * figures.r;
      cell.expired += sign * figures.x;
      balance += figures.e - figures.r - figures.x;
    }
    if (balance > 0) {
      cell.outstanding += sign * balance;
      cell.customers += sign;
    }
  });
}

/** Every customer counted from the lines up to `maxId`. */
function countAll(ctx: CoreContext, months: string[], maxId: number): Kept {
  const kept: Kept = { maxId, months, cells: new Map() };
  const tierOf = tierLookup(ctx, months);
  const data = readPointsByMonth(ctx.store.sqlite, months[0], months[months.length - 1], maxId);
  const before = new Map<number, number>();
  data.before.customerIds.forEach((id, k) => before.set(id, data.before.balances[k]));
  const { rows } = data;
  let k = 0;
  while (k < rows.customerIds.length) {
    const customerId = rows.customerIds[k];
    const perMonth = new Map<string, MonthFigures>();
    for (; k < rows.customerIds.length && rows.customerIds[k] === customerId; k++)
      perMonth.set(rows.months[k], { e: rows.earned[k], r: rows.redeemed[k], x: rows.expired[k] });
    countCustomer(kept, tierOf, customerId, before.get(customerId) ?? 0, perMonth, 1);
    before.delete(customerId);
  }
  // Customers with points from before and no line in the range.
  for (const [customerId, balance] of before) countCustomer(kept, tierOf, customerId, balance, new Map(), 1);
  return kept;
}

/** One customer's figures from the lines up to `maxId`: the balance before the range and each month's in it. */
function figuresOf(ctx: CoreContext, customerId: number, months: string[], maxId: number) {
  let before = 0;
  const perMonth = new Map<string, MonthFigures>();
  for (const row of customerPointsByMonth(ctx.store.sqlite, customerId, months[months.length - 1], maxId)) {
    if (row.month < months[0]) before += row.e - row.r - row.x;
    else perMonth.set(row.month, { e: row.e, r: row.r, x: row.x });
  }
  return { before, perMonth };
}

/** The kept figures brought up to the newest line: the customers written to since are counted out and in again. */
function catchUp(ctx: CoreContext, kept: Kept, maxId: number): void {
  if (kept.maxId >= maxId) return;
  const to = kept.months[kept.months.length - 1];
  const customers = customersWithLinesBetween(ctx.store.sqlite, kept.maxId, maxId, to, MOST_CUSTOMERS_ADDED + 1);
  if (customers.length > MOST_CUSTOMERS_ADDED) {
    const fresh = countAll(ctx, kept.months, maxId);
    kept.cells = fresh.cells;
  } else {
    const tierOf = tierLookup(ctx, kept.months);
    for (const customerId of customers) {
      const was = figuresOf(ctx, customerId, kept.months, kept.maxId);
      countCustomer(kept, tierOf, customerId, was.before, was.perMonth, -1);
      const now = figuresOf(ctx, customerId, kept.months, maxId);
      countCustomer(kept, tierOf, customerId, now.before, now.perMonth, 1);
    }
  }
  kept.maxId = maxId;
}

/** The analysis of `fromMonth`–`toMonth` (default: the last twelve months with tier results). */
export function getPointsAnalysis(ctx: CoreContext, query: { fromMonth?: string; toMonth?: string }): PointsAnalysis {
  const available = listTierSnapshotMonths(ctx.store.sqlite);
  const toMonth = query.toMonth ?? available.at(-1);
  if (!toMonth) return { months: [], tiers: [], cells: [] };
  const fromMonth = query.fromMonth ?? available.filter((m) => m <= toMonth).slice(-DEFAULT_MONTHS)[0] ?? toMonth;
  if (fromMonth > toMonth)
    throw new AppError('VALIDATION', '开始月份不能晚于结束月份。', 'The first month is after the last.', {
      field: 'fromMonth',
    });
  const months = monthRange(fromMonth, toMonth);
  if (months.length > MOST_MONTHS)
    throw new AppError('VALIDATION', `最多分析 ${MOST_MONTHS} 个月。`, `At most ${MOST_MONTHS} months.`, {
      field: 'fromMonth',
    });
  const maxId = lastLedgerId(ctx.store.sqlite);
  const kept = ctx.cache.get(POINTS_ANALYSIS, `${fromMonth}/${toMonth}`, () => countAll(ctx, months, maxId));
  catchUp(ctx, kept, maxId);
  const cells = [...kept.cells.values()]
    .filter((c) => c.customers !== 0 || c.earned !== 0 || c.redeemed !== 0 || c.expired !== 0 || c.outstanding !== 0)
    .map((c) => ({ ...c }))
    .sort((a, b) => a.month.localeCompare(b.month) || a.tierCode.localeCompare(b.tierCode));
  return { months, tiers: tierLabels(rulesForMonth(ctx, toMonth)), cells };
}

/**
 * The customers behind one count of the analysis: those in `tierCode` in `month` (`''`: in no tier) with points unspent
 * at its end, most points first (at most `POINTS_CUSTOMERS_SHOWN`; `total` counts them all).
 */
export function pointsAnalysisCustomers(
  ctx: CoreContext,
  query: { month: string; tierCode: string },
): PointsAnalysisCustomers {
  const tierOf = tierLookup(ctx, [query.month]);
  const { customerIds, points } = balancesAt(ctx.store.sqlite, query.month);
  const chosen = customerIds
    .map((id, k) => ({ id, points: points[k] }))
    .filter((c) => tierOf(c.id, 0) === query.tierCode)
    .sort((a, b) => b.points - a.points || a.id - b.id);
  const shown = chosen.slice(0, POINTS_CUSTOMERS_SHOWN);
  const names = findCustomerNames(
    ctx.store.sqlite,
    shown.map((c) => c.id),
  );
  return {
    total: chosen.length,
    rows: shown.flatMap((c) => {
      const customer = names.get(c.id);
      return customer ? [{ ...customer, points: c.points }] : [];
    }),
  };
}
