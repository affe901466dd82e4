import { AppError } from '../../../shared/errors';
import { addMonths } from '../../../shared/month';
import { ABSENT_STATUSES, TIER_STATUSES, type TierRuleSet, type TierStatus } from '../../../shared/schemas/tiers';
import type { TierMatrix, TierOverview } from '../../../shared/schemas/tier-views';
import { listTierRuleSets } from './tier-rules-repository';
import {
  listTierSnapshotMonths,
  readTierSnapshot,
  readTierSnapshotSummary,
  snapshotSlot,
  type TierSnapshot,
  type TierSnapshotSummary,
} from './tier-snapshots-repository';
import { ruleSetLookup } from './tiering';
import type { CoreContext } from '../platform/context';
import { derivedKind } from '../platform/derived-data';

/** Decoded tier snapshots by month. */
export const TIER_SNAPSHOTS = derivedKind<TierSnapshot | null>('tier snapshots', 7);

/** The decoded snapshot of a month, kept while the tier results are current. */
export function tierSnapshotOf(ctx: CoreContext, month: string): TierSnapshot | null {
  return ctx.cache.get(TIER_SNAPSHOTS, month, () => readTierSnapshot(ctx.store.sqlite, month));
}

/** The latest month with tier results (the data month the screens open on), null before any. */
export function latestTierMonth(ctx: CoreContext): string | null {
  return listTierSnapshotMonths(ctx.store.sqlite).at(-1) ?? null;
}

/** A rule set's tiers as labels, highest first (the order every table shows). */
export function tierLabels(rules: TierRuleSet): Array<{ code: string; name: string }> {
  return [...rules.tiers].reverse().map((t) => ({ code: t.code, name: t.name }));
}

export function rulesForMonth(ctx: CoreContext, month: string): TierRuleSet {
  return ruleSetLookup(listTierRuleSets(ctx.store.sqlite))(month);
}

function noResults(month: string): AppError {
  return new AppError(
    'NOT_FOUND',
    `${month} 没有分层结果（该月无资产数据或尚未重新计算）。`,
    `No tier results for ${month} (no asset data, or not recomputed yet).`,
    {
      field: 'month',
    },
  );
}

function requireSnapshot(ctx: CoreContext, month: string): TierSnapshot {
  const snapshot = tierSnapshotOf(ctx, month);
  if (!snapshot) throw noResults(month);
  return snapshot;
}

/** The tier and status of customers (by id) in a month, for list rows. */
export function tiersOfCustomers(ctx: CoreContext, month: string, customerIds: readonly number[]) {
  const snapshot = tierSnapshotOf(ctx, month);
  return customerIds.map((id) => {
    const slot = snapshot ? snapshotSlot(snapshot, id) : -1;
    // Not in the month's results at all (added since): no state yet.
    if (!snapshot || slot < 0) return { tierCode: null, status: 'absent' as TierStatus };
    const tier = snapshot.tier[slot];
    return { tierCode: tier < 0 ? null : snapshot.tierCodes[tier], status: TIER_STATUSES[snapshot.status[slot]] };
  });
}

/**
 * The tier of each customer in the latest month with tier results (null before any, or without one), its name,
 * and its rank (higher tiers higher; −1 for none): what lists of people show beside a name.
 */
export function latestTiersOf(
  ctx: CoreContext,
  customerIds: readonly number[],
): Array<{ tierCode: string | null; tierName: string | null; rank: number }> {
  const month = latestTierMonth(ctx);
  if (month === null) return customerIds.map(() => ({ tierCode: null, tierName: null, rank: -1 }));
  const tiers = rulesForMonth(ctx, month).tiers;
  const rank = new Map(tiers.map((t, i) => [t.code, i]));
  return tiersOfCustomers(ctx, month, customerIds).map(({ tierCode }) =>
    tierCode === null
      ? { tierCode, tierName: null, rank: -1 }
      : { tierCode, tierName: tiers[rank.get(tierCode) ?? -1]?.name ?? tierCode, rank: rank.get(tierCode) ?? -1 },
  );
}

/** Counts and 月日均 per tier for a month and the month before, and counts per status (from the stored totals). */
/** Statuses of a customer with no figures of its own that month. */
const WITHOUT_DATA: ReadonlySet<TierStatus> = new Set<TierStatus>(['missing', ...ABSENT_STATUSES]);

/**
 * The latest month before `month` the branch has data for (some customer assessed on its own figures), with its
 * summary: the month changes are measured against (a month no file came for is skipped). Null when there is none.
 */
function previousMonthWithData(
  ctx: CoreContext,
  month: string,
): { month: string; summary: TierSnapshotSummary } | null {
  for (let before = addMonths(month, -1); ; before = addMonths(before, -1)) {
    const summary = readTierSnapshotSummary(ctx.store.sqlite, before);
    if (!summary) return null;
    if (TIER_STATUSES.some((status, i) => !WITHOUT_DATA.has(status) && (summary.statuses[i] ?? 0) > 0))
      return { month: before, summary };
  }
}

export function getTierOverview(ctx: CoreContext, month: string): TierOverview {
  const current = readTierSnapshotSummary(ctx.store.sqlite, month);
  if (!current) throw noResults(month);
  const before = previousMonthWithData(ctx, month);
  const previous = before?.summary ?? null;
  const rules = rulesForMonth(ctx, month);
  return {
    month,
    previousMonth: before?.month ?? null,
    tiers: [...rules.tiers].reverse().map((t) => ({
      code: t.code,
      name: t.name,
      thresholdFen: t.thresholdFen,
      count: current.tiers[t.code]?.count ?? 0,
      aumFen: current.tiers[t.code]?.aumFen ?? 0,
      previousCount: previous ? (previous.tiers[t.code]?.count ?? 0) : null,
      previousAumFen: previous ? (previous.tiers[t.code]?.aumFen ?? 0) : null,
    })),
    // Customers before their first month with data are shown nowhere (docs/domain.md, "Presence").
    statuses: TIER_STATUSES.flatMap((status, i) =>
      status === 'absent' ? [] : [{ status, count: current.statuses[i] ?? 0 }],
    ),
  };
}

/** Customers by tier in month A × tier in month B (counts and 月日均 at both ends); "—" = not assessed. */
export function getTierMatrix(ctx: CoreContext, fromMonth: string, toMonth: string): TierMatrix {
  const a = requireSnapshot(ctx, fromMonth);
  const b = requireSnapshot(ctx, toMonth);
  return {
    fromMonth,
    toMonth,
    rows: tierLabels(rulesForMonth(ctx, fromMonth)),
    columns: tierLabels(rulesForMonth(ctx, toMonth)),
    cells: crossTabulate(a, b),
  };
}

/** Customers by tier in snapshot `a` × tier in snapshot `b`; a null tier = not assessed in that snapshot. */
export function crossTabulate(a: TierSnapshot, b: TierSnapshot): TierMatrix['cells'] {
  // Cells keyed by number: (tier index in A + 1) × 256 + (tier index in B + 1), 0 = not assessed.
  const cells = new Map<number, { count: number; fromAumFen: number; toAumFen: number }>();
  let i = 0;
  let j = 0;
  // Both snapshots list customer ids ascending: merge them.
  while (i < a.customerIds.length || j < b.customerIds.length) {
    const idA = i < a.customerIds.length ? a.customerIds[i] : Infinity;
    const idB = j < b.customerIds.length ? b.customerIds[j] : Infinity;
    const inA = idA <= idB ? i : -1;
    const inB = idB <= idA ? j : -1;
    const from = inA >= 0 ? a.tier[inA] + 1 : 0;
    const to = inB >= 0 ? b.tier[inB] + 1 : 0;
    if (from !== 0 || to !== 0) {
      const key = from * 256 + to;
      let cell = cells.get(key);
      if (!cell) cells.set(key, (cell = { count: 0, fromAumFen: 0, toAumFen: 0 }));
      cell.count += 1;
      if (inA >= 0 && !Number.isNaN(a.aumFen[inA])) cell.fromAumFen += a.aumFen[inA];
      if (inB >= 0 && !Number.isNaN(b.aumFen[inB])) cell.toAumFen += b.aumFen[inB];
    }
    if (inA >= 0) i++;
    if (inB >= 0) j++;
  }
  return [...cells].map(([key, cell]) => {
    const from = Math.floor(key / 256) - 1;
    const to = (key % 256) - 1;
    return { from: from >= 0 ? a.tierCodes[from] : null, to: to >= 0 ? b.tierCodes[to] : null, ...cell };
  });
}

/** What other domains read of the stored tier results. */
export {
  listTierSnapshotMonths,
  readMonthValues,
  readTierSnapshotSummary,
  SNAPSHOT_OVERRIDDEN,
  SNAPSHOT_SEEN,
  snapshotSlot,
  type TierSnapshot,
} from './tier-snapshots-repository';
