import type { Database } from 'better-sqlite3';

/**
 * Every customer's assessment for one month, as parallel columns indexed by slot (customer ids ascending).
 * Stored as two rows per month: `month_values` (ids and 月日均, rewritten only when assets change) and
 * `tier_snapshots` (7 bytes a customer, all a rule change rewrites). A full recompute writes 48 rows, not millions.
 */
export interface TierSnapshot {
  month: string;
  /** Tier index → code under this month's rule set. */
  tierCodes: string[];
  customerIds: Int32Array;
  /** 月日均 of the month in 分; NaN when the month has no data. */
  aumFen: Float64Array;
  /** Product categories held × 2 + 1 when 活期 is idle money (see ASSET_SHAPE_SQL); 0 without data. */
  shape: Uint8Array;
  /** Assessed tier index after any override; -1 = in no tier (absent, no data, closed: docs/domain.md, "Presence"). */
  tier: Int8Array;
  /** The tier the rules give (the state carried to the next month). */
  ruleTier: Int8Array;
  /** Index into TIER_STATUSES. */
  status: Int8Array;
  monthsBelow: Int8Array;
  bestBelow: Int8Array;
  /** How many months before this one the best month below was, or −1. */
  bestBelowAgo: Int8Array;
  /** SEEN | OVERRIDDEN bits, and above them the consecutive months without data (capped at SNAPSHOT_MISSING_MAX). */
  flags: Uint8Array;
}

export const SNAPSHOT_SEEN = 1;
export const SNAPSHOT_OVERRIDDEN = 2;
/** The months-missing count sits in the flags' upper six bits: more than any rule set keeps (at most 12). */
export const SNAPSHOT_MISSING_SHIFT = 2;
export const SNAPSHOT_MISSING_MAX = 63;

/** Per-month totals kept beside the columns, so overviews need not decode 200,000 customers. */
export interface TierSnapshotSummary {
  tiers: Record<string, { count: number; aumFen: number }>;
  statuses: number[];
}

export function summarizeTierSnapshot(snapshot: TierSnapshot, statusCount: number): TierSnapshotSummary {
  // A table keyed by tier code: no inherited keys (a code is never a name every object has, but this holds regardless).
  const tiers: TierSnapshotSummary['tiers'] = Object.create(null) as TierSnapshotSummary['tiers'];
  const statuses = new Array<number>(statusCount).fill(0);
  for (let i = 0; i < snapshot.tier.length; i++) {
    statuses[snapshot.status[i]] += 1;
    if (snapshot.tier[i] < 0) continue;
    const entry = (tiers[snapshot.tierCodes[snapshot.tier[i]]] ??= { count: 0, aumFen: 0 });
    entry.count += 1;
    if (!Number.isNaN(snapshot.aumFen[i])) entry.aumFen += snapshot.aumFen[i];
  }
  return { tiers, statuses };
}

export function readTierSnapshotSummary(sqlite: Database, month: string): TierSnapshotSummary | null {
  const summary = sqlite.prepare('SELECT summary FROM tier_snapshots WHERE month = ?').pluck().get(month) as
    string | undefined;
  return summary === undefined ? null : (JSON.parse(summary) as TierSnapshotSummary);
}

type ColumnName = Exclude<keyof TierSnapshot, 'month' | 'tierCodes'>;
interface ColumnType {
  new (
    buffer: ArrayBuffer,
    offset: number,
    length: number,
  ): ArrayLike<number> & { byteLength: number; buffer: ArrayBufferLike; byteOffset: number };
  BYTES_PER_ELEMENT: number;
}
const VALUE_COLUMNS: Array<[ColumnName, ColumnType]> = [
  ['customerIds', Int32Array],
  ['aumFen', Float64Array],
  ['shape', Uint8Array],
];
const TIER_COLUMNS: Array<[ColumnName, ColumnType]> = [
  ['tier', Int8Array],
  ['ruleTier', Int8Array],
  ['status', Int8Array],
  ['monthsBelow', Int8Array],
  ['bestBelow', Int8Array],
  ['bestBelowAgo', Int8Array],
  ['flags', Uint8Array],
];

const align8 = (n: number) => Math.ceil(n / 8) * 8;

export function createTierSnapshot(month: string, tierCodes: string[], count: number): TierSnapshot {
  return {
    month,
    tierCodes,
    customerIds: new Int32Array(count),
    aumFen: new Float64Array(count).fill(Number.NaN),
    shape: new Uint8Array(count),
    tier: new Int8Array(count).fill(-1),
    ruleTier: new Int8Array(count).fill(-1),
    status: new Int8Array(count),
    monthsBelow: new Int8Array(count),
    bestBelow: new Int8Array(count).fill(-1),
    bestBelowAgo: new Int8Array(count).fill(-1),
    flags: new Uint8Array(count),
  };
}

function encode(snapshot: TierSnapshot, columns: Array<[ColumnName, ColumnType]>): Buffer {
  const count = snapshot.customerIds.length;
  const out = Buffer.alloc(columns.reduce((total, [, type]) => total + align8(count * type.BYTES_PER_ELEMENT), 0));
  let offset = 0;
  for (const [name, type] of columns) {
    const column = snapshot[name];
    out.set(new Uint8Array(column.buffer, column.byteOffset, column.byteLength), offset);
    offset += align8(count * type.BYTES_PER_ELEMENT);
  }
  return out;
}

function decodeInto(
  target: Partial<TierSnapshot>,
  columns: Array<[ColumnName, ColumnType]>,
  count: number,
  blob: Buffer,
): void {
  // Typed-array views need 8-byte alignment; copy only when the blob's memory is not aligned.
  let buffer: ArrayBufferLike = blob.buffer;
  let offset = blob.byteOffset;
  if (offset % 8 !== 0) {
    buffer = new ArrayBuffer(blob.length);
    new Uint8Array(buffer).set(blob);
    offset = 0;
  }
  for (const [name, type] of columns) {
    (target as Record<string, unknown>)[name] = new type(buffer as ArrayBuffer, offset, count);
    offset += align8(count * type.BYTES_PER_ELEMENT);
  }
}

/** One month's customer ids and 月日均 as stored at the last recompute from assets. */
export type MonthValueColumns = Pick<TierSnapshot, 'customerIds' | 'aumFen' | 'shape'>;

export function readMonthValues(sqlite: Database, month: string): MonthValueColumns | null {
  const row = sqlite.prepare('SELECT customers, columns FROM month_values WHERE month = ?').get(month) as
    { customers: number; columns: Buffer } | undefined;
  if (!row) return null;
  const values: Partial<TierSnapshot> = {};
  decodeInto(values, VALUE_COLUMNS, row.customers, row.columns);
  return values as MonthValueColumns;
}

export function readTierSnapshot(sqlite: Database, month: string): TierSnapshot | null {
  const row = sqlite
    .prepare(
      'SELECT t.tier_codes, t.customers, t.columns, v.columns AS value_columns FROM tier_snapshots t JOIN month_values v ON v.month = t.month WHERE t.month = ?',
    )
    .get(month) as { tier_codes: string; customers: number; columns: Buffer; value_columns: Buffer } | undefined;
  if (!row) return null;
  const snapshot: Partial<TierSnapshot> = { month, tierCodes: JSON.parse(row.tier_codes) as string[] };
  decodeInto(snapshot, VALUE_COLUMNS, row.customers, row.value_columns);
  decodeInto(snapshot, TIER_COLUMNS, row.customers, row.columns);
  return snapshot as TierSnapshot;
}

/**
 * Replaces the snapshots' months (no transaction here: the recompute service owns it). Values are written only
 * for `withValues` months; a tier row is valid only beside the values row it was computed on.
 */
export function writeTierSnapshots(
  sqlite: Database,
  snapshots: readonly TierSnapshot[],
  statusCount: number,
  computedAt: string,
  withValues: (snapshot: TierSnapshot) => boolean,
): void {
  const tiers = sqlite.prepare(
    'INSERT OR REPLACE INTO tier_snapshots (month, tier_codes, customers, summary, columns, computed_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const values = sqlite.prepare(
    'INSERT OR REPLACE INTO month_values (month, customers, columns, computed_at) VALUES (?, ?, ?, ?)',
  );
  for (const s of snapshots) {
    const count = s.customerIds.length;
    if (withValues(s)) values.run(s.month, count, encode(s, VALUE_COLUMNS), computedAt);
    const summary = JSON.stringify(summarizeTierSnapshot(s, statusCount));
    tiers.run(s.month, JSON.stringify(s.tierCodes), count, summary, encode(s, TIER_COLUMNS), computedAt);
  }
}

/** Drops the results (and values) of `month` and later, e.g. months no longer in the data. */
export function deleteTierSnapshotsFrom(sqlite: Database, month: string): void {
  sqlite.prepare('DELETE FROM tier_snapshots WHERE month >= ?').run(month);
  sqlite.prepare('DELETE FROM month_values WHERE month >= ?').run(month);
}

export function listTierSnapshotMonths(sqlite: Database): string[] {
  return sqlite.prepare('SELECT month FROM tier_snapshots ORDER BY month').pluck().all() as string[];
}

/** Every customer's id, opening and closing dates, ids ascending: the slots of a recompute. */
export interface CustomerOpenings {
  ids: number[];
  opened: Array<string | null>;
  closed: Array<string | null>;
}

/** The customers' openings as columns: one JSON array per column crosses from SQLite, not a row at a time. */
export function listCustomerOpenings(sqlite: Database): CustomerOpenings {
  const [ids, opened, closed] = sqlite
    .prepare(
      'SELECT json_group_array(id), json_group_array(opened_date), json_group_array(closed_date) FROM (SELECT id, opened_date, closed_date FROM customers ORDER BY id)',
    )
    .raw()
    .get() as [string, string, string];
  return {
    ids: JSON.parse(ids) as number[],
    opened: JSON.parse(opened) as Array<string | null>,
    closed: JSON.parse(closed) as Array<string | null>,
  };
}

/**
 * A month's asset shape for the dimensions, from its parts: product categories held × 2, plus 1 when 活期 is at
 * least the idle share (`@idleShare`) of 月日均. Computed in SQL while the row is read, so parts never reach JS.
 */
const ASSET_SHAPE_SQL = `((ifnull(deposit_avg, 0) > 0) + (ifnull(wealth_avg, 0) > 0) + (ifnull(fund_avg, 0) > 0)
  + (ifnull(insurance_avg, 0) > 0) + (ifnull(other_avg, 0) > 0) + (ifnull(loan_avg, 0) > 0)) * 2
  + (aum_avg > 0 AND ifnull(demand_avg, 0) >= aum_avg * @idleShare)`;

/** One month's monthly_assets as a recompute reads them, column by column, in the same row order. */
export interface MonthAssetColumns {
  customerIds: number[];
  /** 月日均 in 分. */
  aumAvg: number[];
  /** ASSET_SHAPE_SQL. */
  shape: number[];
  /** The month-end balance (null when unknown); null when not asked for. */
  monthEnd: Array<number | null> | null;
}

/**
 * Returns a function that reads one month's monthly_assets rows (prepared once for every month of a recompute) as
 * columns: one JSON array per column crosses from SQLite, not one row at a time — half the time over 200,000 rows.
 * The month-end balance is read only with `withMonthEnd`.
 */
export function prepareMonthAssetColumns(
  sqlite: Database,
  withMonthEnd: boolean,
): (month: string, idleShare: number) => MonthAssetColumns {
  const statement = sqlite
    .prepare(
      `SELECT json_group_array(customer_id), json_group_array(aum_avg), json_group_array(${ASSET_SHAPE_SQL}), ${withMonthEnd ? 'json_group_array(aum_month_end)' : 'NULL'} FROM monthly_assets WHERE month = @month`,
    )
    .raw();
  return (month, idleShare) => {
    const [ids, avg, shape, monthEnd] = statement.get({ month, idleShare }) as [string, string, string, string | null];
    return {
      customerIds: JSON.parse(ids) as number[],
      aumAvg: JSON.parse(avg) as number[],
      shape: JSON.parse(shape) as number[],
      monthEnd: monthEnd === null ? null : (JSON.parse(monthEnd) as Array<number | null>),
    };
  };
}

/** The slot of a customer in a snapshot (binary search over ascending ids), or −1. */
export function snapshotSlot(snapshot: TierSnapshot, customerId: number): number {
  const ids = snapshot.customerIds;
  let lo = 0;
  let hi = ids.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (ids[mid] === customerId) return mid;
    if (ids[mid] < customerId) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}
