/**
 * Group characteristics (docs/domain.md, "Group analysis"): a segment's customers by one dimension — counts, share, 月日均 sum,
 * average and median per value — and how concentrated its 月日均 is (Pareto shares, Lorenz curve). Pure.
 */
import { ageAt } from '../../../shared/month';
import type { GroupDimension, GroupReport, GroupRow } from '../../../shared/schemas/groups';
import { SUITABILITY_FINDINGS } from '../../../shared/schemas/suitability';
import { HOUSEHOLD_ROLES } from '../../../shared/schemas/households';

/** The customer-master columns a dimension reads, indexed by customer id (as the service keeps them). */
export interface MemberColumns {
  birth: ReadonlyArray<string | null | undefined>;
  gender: ReadonlyArray<string | null | undefined>;
  occupation: ReadonlyArray<string | null | undefined>;
  /** Annual income in 分. */
  income: ReadonlyArray<number | null | undefined>;
  risk: ReadonlyArray<string | null | undefined>;
  opened: ReadonlyArray<string | null | undefined>;
  manager: ReadonlyArray<string | null | undefined>;
  /** Each customer's worst suitability finding (none: holds no product); read only for that dimension. */
  suitability?: ReadonlyArray<string | undefined>;
  /** Each customer's household in the month, its size and their role (docs/domain.md, "Households"); when needed. */
  households?: HouseholdColumns;
}

/** By customer id: the household (0: none), its size, and the member's role (an index of HOUSEHOLD_ROLES, −1: none). */
export interface HouseholdColumns {
  household: Int32Array;
  size: Uint8Array;
  role: Int8Array;
}

/** A segment's members: ids and 月日均 side by side (no object per customer: a large tier has 120,000). */
export interface GroupMembers {
  ids: ArrayLike<number>;
  aums: ArrayLike<number>;
  columns: MemberColumns;
}

export interface GroupOptions {
  /**
   * The segment's floor (its threshold) and the band width, in 分; `bands` bands from the floor up, the last open
   * (docs/domain.md, "Group analysis").
   */
  floorFen: number;
  bandWidthFen: number;
  bands: number;
  referenceDate: string;
  /** Count each row's distinct households too. */
  countHouseholds?: boolean;
}

const WAN = 1_000_000;
const UNKNOWN = 'unknown';
/** A tier's members below its threshold (in 观察): a row of their own beside the bands. */
export const BELOW_FLOOR = 'belowFloor';
const wan = (fen: number) => `${Number((fen / WAN).toFixed(2))}万`;

/** Band keys by lower bounds (the first 0): `[0, 30, 40]` → `<30`, `30–40`, `≥40`. */
function bandKeys(bounds: readonly number[], unit: string): string[] {
  return bounds.map((b, i) =>
    i === 0 ? `<${bounds[1]}${unit}` : i === bounds.length - 1 ? `≥${b}${unit}` : `${b}–${bounds[i + 1]}${unit}`,
  );
}

const AGE_BOUNDS = [0, 30, 40, 50, 60];
const INCOME_BOUNDS_WAN = [0, 10, 30, 50, 100];
const TENURE_BOUNDS = [0, 1, 3, 5, 10];

/** Every value's key in the order the table lists them (values not listed, e.g. occupations, follow by count). */
export function dimensionOrder(dimension: GroupDimension, options: GroupOptions): string[] {
  switch (dimension) {
    case 'aumBand': {
      const bound = (i: number) => wan(options.floorFen + i * options.bandWidthFen);
      const keys = [BELOW_FLOOR];
      for (let i = 0; i < options.bands - 1; i++) keys.push(`${bound(i)}–${bound(i + 1)}`);
      keys.push(`≥${bound(options.bands - 1)}`);
      return keys;
    }
    case 'age':
      return [...bandKeys(AGE_BOUNDS, '岁'), UNKNOWN];
    case 'income':
      return [...bandKeys(INCOME_BOUNDS_WAN, '万'), UNKNOWN];
    case 'tenure':
      return [...bandKeys(TENURE_BOUNDS, '年'), UNKNOWN];
    case 'gender':
      return ['M', 'F', UNKNOWN];
    case 'risk':
      return ['C1', 'C2', 'C3', 'C4', 'C5', UNKNOWN];
    case 'suitability':
      return [...SUITABILITY_FINDINGS, UNKNOWN];
    case 'householdSize':
      return ['1', '2', '3', '4', '5+', UNKNOWN];
    case 'householdRole':
      return [...HOUSEHOLD_ROLES, UNKNOWN];
    default:
      return [];
  }
}

/** The index of the band a value falls in (`bounds` ascending, the first 0): 0 for below the second bound. */
function bandIndex(value: number, bounds: readonly number[]): number {
  let i = bounds.length - 1;
  while (i > 0 && value < bounds[i]) i--;
  return i;
}

/**
 * A function giving a member's key in one dimension. Band keys are built once and picked by index, since the
 * function runs for every member of a segment (120,000 in a large tier).
 */
export function dimensionKeyOf(
  dimension: GroupDimension,
  options: GroupOptions,
  c: MemberColumns,
): (id: number, aumFen: number) => string {
  const order = dimensionOrder(dimension, options);
  const { referenceDate } = options;
  switch (dimension) {
    case 'aumBand': {
      const { floorFen, bandWidthFen, bands } = options;
      // order: below the floor, then the bands (the last open); no data this month (a tier kept through a missing
      // month): unknown.
      return (_id, aum) =>
        aum !== aum
          ? UNKNOWN
          : aum < floorFen
            ? BELOW_FLOOR
            : order[1 + Math.min(bands - 1, Math.floor((aum - floorFen) / bandWidthFen))];
    }
    case 'age':
      return (id) => {
        const birth = c.birth[id];
        return birth && birth <= referenceDate ? order[bandIndex(ageAt(birth, referenceDate), AGE_BOUNDS)] : UNKNOWN;
      };
    case 'income':
      return (id) => {
        const income = c.income[id];
        return income === null || income === undefined ? UNKNOWN : order[bandIndex(income / WAN, INCOME_BOUNDS_WAN)];
      };
    case 'tenure':
      return (id) => {
        const opened = c.opened[id];
        return opened && opened <= referenceDate
          ? order[bandIndex(ageAt(opened, referenceDate), TENURE_BOUNDS)]
          : UNKNOWN;
      };
    case 'gender':
      return (id) => (c.gender[id] === 'M' || c.gender[id] === 'F' ? (c.gender[id] as string) : UNKNOWN);
    case 'risk':
      return (id) => c.risk[id] ?? UNKNOWN;
    case 'occupation':
      return (id) => c.occupation[id]?.trim() || UNKNOWN;
    case 'manager':
      return (id) => c.manager[id] ?? UNKNOWN;
    case 'suitability':
      return (id) => c.suitability?.[id] ?? UNKNOWN;
    case 'householdSize':
      return (id) => {
        const size = c.households?.size[id] ?? 0;
        return size === 0 ? UNKNOWN : size >= 5 ? '5+' : String(size);
      };
    case 'householdRole':
      return (id) => {
        const role = c.households?.role[id] ?? -1;
        return role < 0 ? UNKNOWN : HOUSEHOLD_ROLES[role];
      };
  }
}

function median(sorted: Float64Array): number {
  if (sorted.length === 0) return 0;
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : Math.round((sorted[mid - 1] + sorted[mid]) / 2);
}

/**
 * One row per value of the dimension, in its order (empty bands kept, so a table always has its shape). Members are
 * numbered by group, then their 月日均 laid out group after group in one typed array and each group's part sorted in
 * place for its median: no array per group (a large tier has 120,000 members).
 */
export function groupTable(
  dimension: GroupDimension,
  members: GroupMembers,
  options: GroupOptions,
  label: (key: string) => string,
): GroupRow[] {
  const order = dimensionOrder(dimension, options);
  const keyOf = dimensionKeyOf(dimension, options, members.columns);
  const keys = [...order];
  const indexOf = new Map(keys.map((key, g) => [key, g]));
  const { ids, aums } = members;
  const n = ids.length;
  const groupOf = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const key = keyOf(ids[i], aums[i]);
    let g = indexOf.get(key);
    if (g === undefined) {
      g = keys.length;
      keys.push(key);
      indexOf.set(key, g);
    }
    groupOf[i] = g;
  }
  const counts = new Int32Array(keys.length);
  // Members with a 月日均 this month: sums, averages and medians are of those (NaN = a month without data).
  const known = new Int32Array(keys.length);
  const sums = new Float64Array(keys.length);
  for (let i = 0; i < n; i++) {
    counts[groupOf[i]] += 1;
    if (aums[i] !== aums[i]) continue;
    known[groupOf[i]] += 1;
    sums[groupOf[i]] += aums[i];
  }
  const start = new Int32Array(keys.length + 1);
  for (let g = 0; g < keys.length; g++) start[g + 1] = start[g] + counts[g];
  const values = new Float64Array(n);
  const next = start.slice(0, keys.length);
  for (let i = 0; i < n; i++) values[next[groupOf[i]]++] = aums[i];
  // Empty values stay listed, but for "unknown" and the band below the segment's floor (customers in 观察).
  const groups = keys
    .map((key, g) => ({ key, g }))
    .filter(({ key, g }) => counts[g] > 0 || (key !== UNKNOWN && key !== BELOW_FLOOR));
  // Open-ended values (occupations, managers) by count, unknown last.
  if (order.length === 0)
    groups.sort(
      (a, b) =>
        Number(a.key === UNKNOWN) - Number(b.key === UNKNOWN) ||
        counts[b.g] - counts[a.g] ||
        a.key.localeCompare(b.key),
    );
  // Households: each row's members' distinct households, a customer in none one of their own.
  const households = options.countHouseholds ? new Int32Array(keys.length) : null;
  const column = members.columns.households?.household;
  if (households) {
    const seen = new Set<number>();
    for (let i = 0; i < n; i++) {
      const household = column?.[ids[i]] ?? 0;
      if (household === 0) households[groupOf[i]] += 1;
      else {
        // One key per group and household: the group in the high bits.
        const key = groupOf[i] * 2 ** 32 + household;
        if (seen.has(key)) continue;
        seen.add(key);
        households[groupOf[i]] += 1;
      }
    }
  }
  return groups.map(({ key, g }) => ({
    ...(households ? { households: households[g] } : {}),
    key,
    label: label(key),
    count: counts[g],
    share: n === 0 ? 0 : counts[g] / n,
    aumFen: sums[g],
    averageFen: known[g] === 0 ? 0 : Math.round(sums[g] / known[g]),
    // A typed array sorts numbers natively (no comparator calls), here in place, NaN last.
    medianFen: median(
      values
        .subarray(start[g], start[g + 1])
        .sort()
        .subarray(0, known[g]),
    ),
  }));
}

/** Pareto shares (top 1/5/10/20% of customers) and a Lorenz curve of 20 steps, from the members' 月日均. */
export function concentration(aums: Float64Array): Pick<GroupReport, 'pareto' | 'lorenz'> {
  // Of the members with a 月日均 this month (sorted, NaN last and cut off).
  const all = Float64Array.from(aums).sort();
  const firstMissing = all.findIndex((v) => Number.isNaN(v));
  const sorted = firstMissing < 0 ? all : all.subarray(0, firstMissing);
  const total = sorted.reduce((sum, v) => sum + v, 0);
  const n = sorted.length;
  const prefix = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) prefix[i + 1] = prefix[i] + sorted[i];
  const share = (fen: number) => (total > 0 ? fen / total : 0);
  const pareto = [0.01, 0.05, 0.1, 0.2].map((topShare) => {
    const top = Math.max(n > 0 ? 1 : 0, Math.round(n * topShare));
    return { topShare, aumShare: share(total - prefix[n - top]) };
  });
  const lorenz = Array.from({ length: 21 }, (_, i) => {
    const k = Math.round((n * i) / 20);
    return { customers: n === 0 ? i / 20 : k / n, aum: share(prefix[k]) };
  });
  return { pareto, lorenz };
}
