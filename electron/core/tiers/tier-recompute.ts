import type { Database } from 'better-sqlite3';
import { addMonths, monthIndex, monthRange } from '../../../shared/month';
import { TIER_STATUSES, type TierRuleSet } from '../../../shared/schemas/tiers';
import { edgeAssetMonth } from '../customers/lookup';
import { accruePoints } from '../loyalty/accrual';
import { listTierOverrides, listTierRuleSets } from './tier-rules-repository';
import {
  SNAPSHOT_MISSING_MAX,
  SNAPSHOT_MISSING_SHIFT,
  SNAPSHOT_OVERRIDDEN,
  SNAPSHOT_SEEN,
  createTierSnapshot,
  deleteTierSnapshotsFrom,
  listCustomerOpenings,
  type CustomerOpenings,
  prepareMonthAssetColumns,
  readMonthValues,
  readTierSnapshot,
  snapshotSlot,
  writeTierSnapshots,
  type MonthAssetColumns,
  type TierSnapshot,
} from './tier-snapshots-repository';
import { clearTiersStale, EVERY_MONTH, readDimensionSettings, tiersStaleFrom } from '../platform/settings';
import type { DimensionSettings } from '../../../shared/schemas/segments';
import {
  INITIAL_TIER_STATE,
  ruleSetLookup,
  stepTier,
  type TierInputMonth,
  type TierOverride,
  type TierState,
  type TierStepContext,
} from './tiering';
import { pause, throwIfCancelled, type JobControl } from '../platform/jobs';
import type { CoreContext } from '../platform/context';
import type { JobPhase, RecomputeResult } from '../../../shared/schemas/jobs';
import { HOUSEHOLD_ROLES, type HouseholdRole } from '../../../shared/schemas/households';
import { membershipColumns, type MembershipColumns } from '../households/household-figures';

/** The months and customers a recompute reassessed. */
export type RecomputeSummary = RecomputeResult;

const STATUS_INDEX = new Map(TIER_STATUSES.map((s, i) => [s, i]));

function dataMonthRange(sqlite: Database): [string, string] | null {
  // Two queries: SQLite answers a lone min() or max() from the index, but scans the table for both at once.
  const first = edgeAssetMonth(sqlite, 'first');
  const last = edgeAssetMonth(sqlite, 'last');
  return first && last ? [first, last] : null;
}

/** The state a customer carries out of `snapshot` (the rules' tier, not an override's). */
function stateFromSnapshot(snapshot: TierSnapshot, slot: number): TierState {
  const codes = snapshot.tierCodes;
  const ago = snapshot.bestBelowAgo[slot];
  return {
    tierCode: snapshot.ruleTier[slot] >= 0 ? codes[snapshot.ruleTier[slot]] : null,
    monthsBelow: snapshot.monthsBelow[slot],
    bestBelowCode: snapshot.bestBelow[slot] >= 0 ? codes[snapshot.bestBelow[slot]] : null,
    bestBelowMonth: ago >= 0 ? addMonths(snapshot.month, -ago) : null,
    monthsMissing: snapshot.flags[slot] >> SNAPSHOT_MISSING_SHIFT,
    seen: (snapshot.flags[slot] & SNAPSHOT_SEEN) !== 0,
  };
}

interface MonthValues {
  /** Per month, per customer slot: 月日均 in 分, NaN when missing. */
  avg: Float64Array[];
  /** Per month, per slot: the asset shape (ASSET_SHAPE_SQL in tier-snapshots-repository.ts). */
  shape: Uint8Array[];
  /** The same for month-end balances, when a rule set uses them. */
  monthEnd: Float64Array[] | null;
  /** Per month: whether the stored values row still lists exactly these customers (then it need not be rewritten). */
  storedValuesCurrent: boolean[];
}

/**
 * Every customer's values for `months`, by slot (customer ids ascending): after a rule change the stored
 * month_values columns (the assets have not changed since the last recompute), else one pass per month.
 */
async function loadValues(
  sqlite: Database,
  months: string[],
  customerIds: number[],
  needMonthEnd: boolean,
  fromSnapshots: boolean,
  options: RecomputeOptions,
): Promise<MonthValues> {
  const count = customerIds.length;
  const avg = months.map(() => new Float64Array(count).fill(Number.NaN));
  const shape = months.map(() => new Uint8Array(count));
  const monthEnd = needMonthEnd ? months.map(() => new Float64Array(count).fill(Number.NaN)) : null;
  // Customer ids are dense rowids: an array beats a Map over millions of look-ups.
  const slotById = new Int32Array((customerIds[count - 1] ?? 0) + 1).fill(-1);
  customerIds.forEach((id, slot) => (slotById[id] = slot));
  const slotOf = (id: number) => (id < slotById.length ? slotById[id] : -1);

  const notStored = months.map(() => false);
  const stored = fromSnapshots && !needMonthEnd ? months.map((m) => readMonthValues(sqlite, m)) : null;
  if (stored && stored.every((s) => s !== null)) {
    const storedValuesCurrent = stored.map((values, j) => {
      const { customerIds: ids, aumFen, shape: storedShape } = values as NonNullable<typeof values>;
      for (let k = 0; k < ids.length; k++) {
        const slot = slotOf(ids[k]);
        if (slot < 0) continue;
        avg[j][slot] = aumFen[k];
        shape[j][slot] = storedShape[k];
      }
      return ids.length === count && ids.every((id, k) => id === customerIds[k]);
    });
    return { avg, shape, monthEnd, storedValuesCurrent };
  }

  // One pass per month over its clustered rows; the shape and month-end come from the same row.
  const idleShare = (options.dimensionSettings ?? readDimensionSettings(sqlite)).idleDemandShare;
  const perMonth = prepareMonthAssetColumns(sqlite, needMonthEnd);
  for (let j = 0; j < months.length; j++) {
    options.onProgress?.('read', j, months.length);
    await pause(options.signal);
    readMonthRows(perMonth(months[j], idleShare), slotById, avg[j], shape[j], monthEnd?.[j] ?? null);
  }
  return { avg, shape, monthEnd, storedValuesCurrent: notStored };
}

/**
 * One month's rows into its slots. Hot loops live in plain functions: in an async function every local that
 * survives an await is kept on the heap, which costs a third of the speed over millions of rows.
 */
function readMonthRows(
  rows: MonthAssetColumns,
  slotById: Int32Array,
  avg: Float64Array,
  shape: Uint8Array,
  monthEnd: Float64Array | null,
): void {
  const { customerIds, aumAvg, shape: rowShape, monthEnd: rowEnd } = rows;
  for (let k = 0; k < customerIds.length; k++) {
    const id = customerIds[k];
    const slot = id < slotById.length ? slotById[id] : -1;
    if (slot < 0) continue;
    avg[slot] = aumAvg[k];
    shape[slot] = rowShape[k];
    const end = rowEnd?.[k] ?? null;
    if (monthEnd && end !== null) monthEnd[slot] = end;
  }
}

/** Per month, per slot: the household's figure on the month's basis (NaN: in none, or none of it has data) and the role. */
interface HouseholdValues {
  fen: Float64Array[];
  /** Index in HOUSEHOLD_ROLES; −1 when in no household that month. */
  role: Int8Array[];
}

/**
 * The household figure of every member for every month (docs/domain.md, "Households"): the exact sum of the values of
 * the members in the household that month (from the month they joined to the month before they left), read from the
 * values the recompute has already loaded — two passes over the memberships per month, no query per household.
 */
function householdValues(
  members: MembershipColumns,
  months: string[],
  customerIds: number[],
  values: MonthValues,
  monthRules: TierRuleSet[],
): HouseholdValues {
  const count = customerIds.length;
  const slotById = new Int32Array((customerIds[count - 1] ?? 0) + 1).fill(-1);
  customerIds.forEach((id, slot) => (slotById[id] = slot));
  const n = members.customerIds.length;
  const slots = new Int32Array(n);
  let maxHousehold = 0;
  for (let k = 0; k < n; k++) {
    const id = members.customerIds[k];
    slots[k] = id < slotById.length ? slotById[id] : -1;
    if (members.households[k] > maxHousehold) maxHousehold = members.households[k];
  }
  const roleIndex = new Map<HouseholdRole, number>(HOUSEHOLD_ROLES.map((r, i) => [r, i]));
  const roles = Int8Array.from(members.roles, (r) => roleIndex.get(r) ?? -1);
  // Each membership's months as indexes into `months`: [from, to).
  const first = monthIndex(months[0]);
  const span = months.length;
  const from = new Int32Array(n);
  const to = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    from[k] = Math.max(0, monthIndex(members.joinedMonths[k]) - first);
    const left = members.leftMonths[k];
    to[k] = left === null ? span : Math.min(span, monthIndex(left) - first);
  }
  const households = maxHousehold + 1;
  const sums = new Float64Array(households * span);
  const seen = new Uint8Array(households * span);
  const series = months.map((_, j) =>
    monthRules[j].basis === 'avg' || !values.monthEnd ? values.avg[j] : values.monthEnd[j],
  );
  for (let k = 0; k < n; k++) {
    const slot = slots[k];
    if (slot < 0) continue;
    const base = members.households[k] * span;
    for (let j = from[k]; j < to[k]; j++) {
      const value = series[j][slot];
      if (value !== value) continue; // NaN: no data
      sums[base + j] += value;
      seen[base + j] = 1;
    }
  }
  const fen = months.map(() => new Float64Array(count).fill(Number.NaN));
  const role = months.map(() => new Int8Array(count).fill(-1));
  for (let k = 0; k < n; k++) {
    const slot = slots[k];
    if (slot < 0) continue;
    const base = members.households[k] * span;
    for (let j = from[k]; j < to[k]; j++) {
      if (seen[base + j]) fen[j][slot] = sums[base + j];
      role[j][slot] = roles[k];
    }
  }
  return { fen, role };
}

export interface RecomputeOptions {
  /** Recompute from this month on, carrying the state of the month before (default: all months). */
  fromMonth?: string;
  /** Only the rules changed: take each month's 月日均 from the current snapshots instead of re-reading assets. */
  valuesFromSnapshots?: boolean;
  /** Rule sets to assess with instead of the stored ones (a what-if preview, or ones being saved). */
  ruleSets?: TierRuleSet[];
  /** Dimension thresholds to read assets with instead of the stored ones (ones being saved). */
  dimensionSettings?: DimensionSettings;
  /** Overrides to assess with instead of the stored ones (ones being saved or removed). */
  overrides?: Map<number, TierOverride[]>;
  onProgress?: (phase: JobPhase, done: number, total: number) => void;
  /** Stops the work between steps (nothing is written then). */
  signal?: AbortSignal;
  /** Runs first inside the write transaction: the change the recompute follows (a rule set, an override). */
  apply?: (sqlite: Database) => void;
}

/** Customers assessed between two looks at the event loop (progress, cancel, other calls). */
const CUSTOMERS_PER_STEP = 10_000;

/**
 * Reassesses every customer for every month from `fromMonth` (default: the first month with data) to the
 * last, and replaces those months' snapshots in one transaction: a failure leaves the old results.
 */
export async function recomputeTiers(
  sqlite: Database,
  now: string,
  options: RecomputeOptions = {},
): Promise<RecomputeSummary> {
  const computed = await computeTierSnapshots(sqlite, options);
  options.onProgress?.('write', 0, computed.snapshots.length);
  throwIfCancelled(options.signal);
  sqlite
    .transaction(() => {
      options.apply?.(sqlite);
      // Results are current again from here on: a mark left by a data change at or after this start is done with.
      const stale = tiersStaleFrom(sqlite);
      if (stale !== null && (!options.fromMonth || options.fromMonth <= stale)) clearTiersStale(sqlite);
      // Months past the last with data (or all, when none is left) lose their results, and their points.
      const emptiedFrom = computed.lastDataMonth ? addMonths(computed.lastDataMonth, 1) : EVERY_MONTH;
      deleteTierSnapshotsFrom(sqlite, emptiedFrom);
      const current = new Set(computed.snapshots.filter((_, j) => computed.storedValuesCurrent[j]).map((s) => s.month));
      writeTierSnapshots(
        sqlite,
        computed.snapshots,
        TIER_STATUSES.length,
        now,
        (snapshot) => !current.has(snapshot.month),
      );
      // The points plan accrues the months just assessed, in the same transaction (docs/domain.md, "Loyalty points").
      accruePoints(sqlite, computed.snapshots, now, emptiedFrom);
    })
    .immediate();
  options.onProgress?.('write', computed.snapshots.length, computed.snapshots.length);
  const months = computed.snapshots.map((snapshot) => snapshot.month);
  return {
    months: months.length,
    customers: computed.customers,
    firstMonth: months[0] ?? null,
    lastMonth: months[months.length - 1] ?? null,
  };
}

/** Every month from the assets (after an import, or on request), then the caches are dropped. */
export async function recomputeAllTiers(ctx: CoreContext, control?: JobControl): Promise<RecomputeSummary> {
  const summary = await recomputeTiers(ctx.store.sqlite, ctx.now(), {
    onProgress: control?.report,
    signal: control?.signal,
  });
  return summary;
}

/** The assessments of `recomputeTiers`, computed but not written. */
export async function computeTierSnapshots(
  sqlite: Database,
  options: RecomputeOptions,
): Promise<{
  snapshots: TierSnapshot[];
  customers: number;
  storedValuesCurrent: boolean[];
  lastDataMonth: string | null;
}> {
  const range = dataMonthRange(sqlite);
  if (!range) return { snapshots: [], customers: 0, storedValuesCurrent: [], lastDataMonth: null };
  // Nothing assessed changes before `fromMonth`; past the last month with data there is nothing to assess.
  if (options.fromMonth && options.fromMonth > range[1])
    return { snapshots: [], customers: 0, storedValuesCurrent: [], lastDataMonth: range[1] };
  const previous =
    options.fromMonth && options.fromMonth > range[0]
      ? readTierSnapshot(sqlite, addMonths(options.fromMonth, -1))
      : null;
  const first = previous ? (options.fromMonth as string) : range[0];
  const months = monthRange(first, range[1]);
  const ruleSets = options.ruleSets ?? listTierRuleSets(sqlite);
  const rulesFor = ruleSetLookup(ruleSets);
  const monthRules: TierRuleSet[] = months.map(rulesFor);
  const overrides = options.overrides ?? listTierOverrides(sqlite);

  const customers = listCustomerOpenings(sqlite);
  const snapshots = months.map((month, j) =>
    createTierSnapshot(
      month,
      monthRules[j].tiers.map((t) => t.code),
      customers.ids.length,
    ),
  );
  const tierIndexes = monthRules.map((rules) => new Map(rules.tiers.map((t, i) => [t.code, i])));

  const needMonthEnd = monthRules.some((r) => r.basis === 'month_end');
  const values = await loadValues(
    sqlite,
    months,
    customers.ids,
    needMonthEnd,
    options.valuesFromSnapshots === true,
    options,
  );

  // Household qualification on in some month: every member's household figure, fed to the engine as a column.
  const householdsOn = monthRules.some((rules) => rules.tiers.some((t) => t.household !== undefined));
  const members = householdsOn ? membershipColumns(sqlite) : null;
  const households =
    members && members.customerIds.length > 0
      ? householdValues(members, months, customers.ids, values, monthRules)
      : null;

  const plan: AssessPlan = {
    households,
    months,
    monthIndices: months.map(monthIndex),
    // One context per month, refilled per customer: the loop runs millions of times.
    contexts: monthRules.map((rules) => ({
      rules,
      openedMonth: null,
      closedMonth: null,
      override: null,
      explain: false,
    })),
    tierIndexes,
    customers,
    previous,
    overrides,
    values,
    snapshots,
  };
  const count = customers.ids.length;
  for (let start = 0; start < count; start += CUSTOMERS_PER_STEP) {
    assessSlots(plan, start, Math.min(start + CUSTOMERS_PER_STEP, count));
    options.onProgress?.('assess', Math.min(start + CUSTOMERS_PER_STEP, count), count);
    await pause(options.signal);
  }

  return {
    snapshots,
    customers: count,
    storedValuesCurrent: values.storedValuesCurrent,
    lastDataMonth: range[1],
  };
}

/** Everything `assessSlots` reads and fills. */
interface AssessPlan {
  households: HouseholdValues | null;
  months: string[];
  monthIndices: number[];
  contexts: TierStepContext[];
  tierIndexes: Array<Map<string, number>>;
  customers: CustomerOpenings;
  previous: TierSnapshot | null;
  overrides: Map<number, TierOverride[]>;
  values: MonthValues;
  snapshots: TierSnapshot[];
}

/** Assesses the customers in slots [from, to) for every month (synchronous: see `readMonthRows`). */
function assessSlots(plan: AssessPlan, from: number, to: number): void {
  const { months, monthIndices, contexts, tierIndexes, customers, previous, overrides, values, snapshots, households } =
    plan;
  const input: TierInputMonth = { month: '', valueFen: null, householdFen: null, householdRole: null };
  for (let slot = from; slot < to; slot++) {
    const customerId = customers.ids[slot];
    const openedDate = customers.opened[slot];
    const closedDate = customers.closed[slot];
    const prevSlot = previous ? snapshotSlot(previous, customerId) : -1;
    let state = previous && prevSlot >= 0 ? stateFromSnapshot(previous, prevSlot) : INITIAL_TIER_STATE;
    const customerOverrides = overrides.get(customerId);
    const openedMonth = openedDate ? openedDate.slice(0, 7) : null;
    const closedMonth = closedDate ? closedDate.slice(0, 7) : null;

    for (let j = 0; j < months.length; j++) {
      const context = contexts[j];
      const value = context.rules.basis === 'avg' || !values.monthEnd ? values.avg[j][slot] : values.monthEnd[j][slot];
      context.openedMonth = openedMonth;
      context.closedMonth = closedMonth;
      context.override = customerOverrides?.find((o) => o.from <= months[j] && months[j] <= o.until) ?? null;
      // One input object, refilled: one shape for every call, members or not, and no allocation per month.
      input.month = months[j];
      input.valueFen = Number.isNaN(value) ? null : value;
      const roleIndex = households ? households.role[j][slot] : -1;
      if (roleIndex < 0) {
        input.householdFen = null;
        input.householdRole = null;
      } else {
        const householdFen = (households as HouseholdValues).fen[j][slot];
        input.householdFen = Number.isNaN(householdFen) ? null : householdFen;
        input.householdRole = HOUSEHOLD_ROLES[roleIndex];
      }
      const step = stepTier(state, input, context);
      state = step.state;
      const snapshot = snapshots[j];
      const codes = tierIndexes[j];
      snapshot.customerIds[slot] = customerId;
      const ruleTier = state.tierCode === null ? -1 : (codes.get(state.tierCode) ?? -1);
      snapshot.ruleTier[slot] = ruleTier;
      snapshot.tier[slot] = step.result.tierCode === null ? -1 : (codes.get(step.result.tierCode) ?? ruleTier);
      snapshot.status[slot] = STATUS_INDEX.get(step.result.status) ?? 0;
      snapshot.monthsBelow[slot] = Math.min(state.monthsBelow, 127);
      snapshot.bestBelow[slot] = state.bestBelowCode === null ? -1 : (codes.get(state.bestBelowCode) ?? -1);
      snapshot.bestBelowAgo[slot] =
        state.bestBelowMonth === null ? -1 : monthIndices[j] - monthIndex(state.bestBelowMonth);
      snapshot.flags[slot] =
        (state.seen ? SNAPSHOT_SEEN : 0) |
        (step.result.overridden ? SNAPSHOT_OVERRIDDEN : 0) |
        (Math.min(state.monthsMissing, SNAPSHOT_MISSING_MAX) << SNAPSHOT_MISSING_SHIFT);
      snapshot.aumFen[slot] = values.avg[j][slot];
      snapshot.shape[slot] = values.shape[j][slot];
    }
  }
}
