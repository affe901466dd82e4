import type { Database } from 'better-sqlite3';

/**
 * Every customer's assessment for one month, as parallel columns indexed by slot (customer ids ascending).
 * One row per month in `tier_snapshots`: a full recompute writes 24 rows, not millions.
 */
export interface TierSnapshot {
  month: string;
  /** Tier index → code under this month's rule set. */
  tierCodes: string[];
  customerIds: Int32Array;
  /** Assessed tier index after any override; -1 = none yet. */
  tier: Int8Array;
  /** The tier the rules give (the state carried to the next month). */
  ruleTier: Int8Array;
  /** Index into TIER_STATUSES. */
  status: Int8Array;
  monthsBelow: Int8Array;
  bestBelow: Int8Array;
  /** Month index (year × 12 + month − 1) of the best month below, or −1. */
  bestBelowMonth: Int32Array;
  seen: Uint8Array;
  overridden: Uint8Array;
  /** 月日均 of the month in 分; NaN when the month has no data. */
  aumFen: Float64Array;
}

/** Per-month totals kept beside the columns, so overviews need not decode 200,000 customers. */
export interface TierSnapshotSummary {
  tiers: Record<string, { count: number; aumFen: number }>;
  statuses: number[];
}

export function summarizeTierSnapshot(snapshot: TierSnapshot, statusCount: number): TierSnapshotSummary {
  const tiers: TierSnapshotSummary['tiers'] = {};
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
  const summary = sqlite.prepare('SELECT summary FROM tier_snapshots WHERE month = ?').pluck().get(month) as string | undefined;
  return summary === undefined ? null : (JSON.parse(summary) as TierSnapshotSummary);
}

type ColumnName = Exclude<keyof TierSnapshot, 'month' | 'tierCodes'>;
const COLUMNS: Array<[ColumnName, { new (buffer: ArrayBuffer, offset: number, length: number): ArrayLike<number> & { byteLength: number; buffer: ArrayBufferLike; byteOffset: number }; BYTES_PER_ELEMENT: number }]> = [
  ['customerIds', Int32Array],
  ['tier', Int8Array],
  ['ruleTier', Int8Array],
  ['status', Int8Array],
  ['monthsBelow', Int8Array],
  ['bestBelow', Int8Array],
  ['bestBelowMonth', Int32Array],
  ['seen', Uint8Array],
  ['overridden', Uint8Array],
  ['aumFen', Float64Array],
];

const align8 = (n: number) => Math.ceil(n / 8) * 8;

export function createTierSnapshot(month: string, tierCodes: string[], count: number): TierSnapshot {
  return {
    month,
    tierCodes,
    customerIds: new Int32Array(count),
    tier: new Int8Array(count).fill(-1),
    ruleTier: new Int8Array(count).fill(-1),
    status: new Int8Array(count),
    monthsBelow: new Int8Array(count),
    bestBelow: new Int8Array(count).fill(-1),
    bestBelowMonth: new Int32Array(count).fill(-1),
    seen: new Uint8Array(count),
    overridden: new Uint8Array(count),
    aumFen: new Float64Array(count).fill(Number.NaN),
  };
}

function encodeColumns(snapshot: TierSnapshot): Buffer {
  const count = snapshot.customerIds.length;
  const size = COLUMNS.reduce((total, [, type]) => total + align8(count * type.BYTES_PER_ELEMENT), 0);
  const out = Buffer.alloc(size);
  let offset = 0;
  for (const [name, type] of COLUMNS) {
    const column = snapshot[name];
    out.set(new Uint8Array(column.buffer, column.byteOffset, column.byteLength), offset);
    offset += align8(count * type.BYTES_PER_ELEMENT);
  }
  return out;
}

function decodeSnapshot(month: string, tierCodes: string[], count: number, blob: Buffer): TierSnapshot {
  // Typed-array views need 8-byte alignment; copy only when the blob's memory is not aligned.
  let buffer: ArrayBufferLike = blob.buffer;
  let base = blob.byteOffset;
  if (base % 8 !== 0) {
    buffer = new ArrayBuffer(blob.length);
    new Uint8Array(buffer).set(blob);
    base = 0;
  }
  const snapshot = { month, tierCodes } as TierSnapshot;
  let offset = base;
  for (const [name, type] of COLUMNS) {
    (snapshot as unknown as Record<string, unknown>)[name] = new type(buffer as ArrayBuffer, offset, count);
    offset += align8(count * type.BYTES_PER_ELEMENT);
  }
  return snapshot;
}

export function readTierSnapshot(sqlite: Database, month: string): TierSnapshot | null {
  const row = sqlite.prepare('SELECT tier_codes, customers, columns FROM tier_snapshots WHERE month = ?').get(month) as
    | { tier_codes: string; customers: number; columns: Buffer }
    | undefined;
  return row ? decodeSnapshot(month, JSON.parse(row.tier_codes) as string[], row.customers, row.columns) : null;
}

/** Replaces the snapshots of `months` (no transaction here: the recompute service owns it). */
export function writeTierSnapshots(sqlite: Database, snapshots: readonly TierSnapshot[], statusCount: number, computedAt: string): void {
  const insert = sqlite.prepare(
    'INSERT OR REPLACE INTO tier_snapshots (month, tier_codes, customers, summary, columns, computed_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  for (const s of snapshots) {
    const summary = JSON.stringify(summarizeTierSnapshot(s, statusCount));
    insert.run(s.month, JSON.stringify(s.tierCodes), s.customerIds.length, summary, encodeColumns(s), computedAt);
  }
}

export function deleteTierSnapshotsFrom(sqlite: Database, month: string): void {
  sqlite.prepare('DELETE FROM tier_snapshots WHERE month >= ?').run(month);
}

export function listTierSnapshotMonths(sqlite: Database): string[] {
  return sqlite.prepare('SELECT month FROM tier_snapshots ORDER BY month').pluck().all() as string[];
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
