/**
 * Group characteristics (DOMAIN.md, seed 002): a segment's customers by one dimension — counts, share, 月日均 sum,
 * average and median per value — and how concentrated its 月日均 is (Pareto shares, Lorenz curve). Pure.
 */
import { ageAt } from '../../../shared/month';
import type { GroupDimension, GroupReport, GroupRow } from '../../../shared/schemas/groups';

export interface GroupMember {
  aumFen: number;
  birthDate: string | null;
  gender: string | null;
  occupation: string | null;
  /** Annual income in 分. */
  incomeFen: number | null;
  risk: string | null;
  openedDate: string | null;
  manager: string | null;
}

export interface GroupOptions {
  /** The segment's floor (its threshold) and the band width, in 分; `bands` closed bands, then an open top band. */
  floorFen: number;
  bandWidthFen: number;
  bands: number;
  referenceDate: string;
}

const WAN = 1_000_000;
const UNKNOWN = 'unknown';
const wan = (fen: number) => `${Number((fen / WAN).toFixed(2))}万`;

/** Bands by lower bounds: `[0, 30, 40]` → keys `<30`, `30–40`, `≥40`. */
function bandKey(value: number, bounds: readonly number[], unit = ''): string {
  let i = bounds.length - 1;
  while (i > 0 && value < bounds[i]) i--;
  if (i === 0 && value < bounds[0]) return `<${bounds[0]}${unit}`;
  if (i === 0 && bounds[0] === 0) return `<${bounds[1]}${unit}`;
  return i === bounds.length - 1 ? `≥${bounds[i]}${unit}` : `${bounds[i]}–${bounds[i + 1]}${unit}`;
}

const AGE_BOUNDS = [0, 30, 40, 50, 60];
const INCOME_BOUNDS_WAN = [0, 10, 30, 50, 100];
const TENURE_BOUNDS = [0, 1, 3, 5, 10];

/** Every value's key in the order the table lists them (values not listed, e.g. occupations, follow by count). */
export function dimensionOrder(dimension: GroupDimension, options: GroupOptions): string[] {
  const bands = (bounds: number[], unit: string) => bounds.map((b) => bandKey(b, bounds, unit));
  switch (dimension) {
    case 'aumBand': {
      const keys = [`<${wan(options.floorFen)}`];
      for (let i = 0; i < options.bands; i++) keys.push(`${wan(options.floorFen + i * options.bandWidthFen)}–${wan(options.floorFen + (i + 1) * options.bandWidthFen)}`);
      keys.push(`≥${wan(options.floorFen + options.bands * options.bandWidthFen)}`);
      return keys;
    }
    case 'age':
      return [...bands(AGE_BOUNDS, '岁'), UNKNOWN];
    case 'income':
      return [...bands(INCOME_BOUNDS_WAN, '万'), UNKNOWN];
    case 'tenure':
      return [...bands(TENURE_BOUNDS, '年'), UNKNOWN];
    case 'gender':
      return ['M', 'F', UNKNOWN];
    case 'risk':
      return ['C1', 'C2', 'C3', 'C4', 'C5', UNKNOWN];
    default:
      return [];
  }
}

/** The key of a member's value in one dimension. */
export function dimensionKey(dimension: GroupDimension, m: GroupMember, options: GroupOptions): string {
  switch (dimension) {
    case 'aumBand': {
      if (m.aumFen < options.floorFen) return `<${wan(options.floorFen)}`;
      const band = Math.floor((m.aumFen - options.floorFen) / options.bandWidthFen);
      if (band >= options.bands) return `≥${wan(options.floorFen + options.bands * options.bandWidthFen)}`;
      return `${wan(options.floorFen + band * options.bandWidthFen)}–${wan(options.floorFen + (band + 1) * options.bandWidthFen)}`;
    }
    case 'age':
      return m.birthDate && m.birthDate <= options.referenceDate ? bandKey(ageAt(m.birthDate, options.referenceDate), AGE_BOUNDS, '岁') : UNKNOWN;
    case 'income':
      return m.incomeFen === null ? UNKNOWN : bandKey(m.incomeFen / WAN, INCOME_BOUNDS_WAN, '万');
    case 'tenure':
      return m.openedDate && m.openedDate <= options.referenceDate ? bandKey(ageAt(m.openedDate, options.referenceDate), TENURE_BOUNDS, '年') : UNKNOWN;
    case 'gender':
      return m.gender === 'M' || m.gender === 'F' ? m.gender : UNKNOWN;
    case 'risk':
      return m.risk ?? UNKNOWN;
    case 'occupation':
      return m.occupation?.trim() || UNKNOWN;
    case 'manager':
      return m.manager ?? UNKNOWN;
  }
}

function median(sorted: number[]): number {
  if (sorted.length === 0) return 0;
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : Math.round((sorted[mid - 1] + sorted[mid]) / 2);
}

/** One row per value of the dimension, in its order (empty bands kept, so a table always has its shape). */
export function groupTable(dimension: GroupDimension, members: readonly GroupMember[], options: GroupOptions, label: (key: string) => string): GroupRow[] {
  const order = dimensionOrder(dimension, options);
  const byKey = new Map<string, number[]>();
  for (const key of order) byKey.set(key, []);
  for (const m of members) {
    const key = dimensionKey(dimension, m, options);
    let list = byKey.get(key);
    if (!list) byKey.set(key, (list = []));
    list.push(m.aumFen);
  }
  // Empty values stay listed, but for "unknown" and the band below the segment's floor (customers in 观察).
  const belowFloor = dimension === 'aumBand' ? order[0] : null;
  const entries = [...byKey].filter(([key, list]) => list.length > 0 || (key !== UNKNOWN && key !== belowFloor));
  // Open-ended values (occupations, managers) by count, unknown last.
  if (order.length === 0) entries.sort((a, b) => Number(a[0] === UNKNOWN) - Number(b[0] === UNKNOWN) || b[1].length - a[1].length || a[0].localeCompare(b[0]));
  return entries.map(([key, list]) => {
    const aumFen = list.reduce((sum, v) => sum + v, 0);
    list.sort((a, b) => a - b);
    return {
      key,
      label: label(key),
      count: list.length,
      share: members.length === 0 ? 0 : list.length / members.length,
      aumFen,
      averageFen: list.length === 0 ? 0 : Math.round(aumFen / list.length),
      medianFen: median(list),
    };
  });
}

/** Pareto shares (top 1/5/10/20% of customers) and a Lorenz curve of 20 steps, from the members' 月日均. */
export function concentration(aums: readonly number[]): Pick<GroupReport, 'pareto' | 'lorenz'> {
  const sorted = [...aums].sort((a, b) => a - b);
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
