import { addMonths } from '../../../shared/month';
import {
  DEPTH_VALUES,
  LIFECYCLE_VALUES,
  PRIORITY_VALUES,
  RISK_VALUES,
  SEGMENT_VALUE_NAMES,
  type SegmentDimension,
  type SegmentFilter,
  type SegmentGrid,
} from '../../../shared/schemas/segments';
import { TIER_STATUS_NAMES, TIER_STATUSES, type TierStatus } from '../../../shared/schemas/tiers';
import { readMonthValues, SNAPSHOT_SEEN, type TierSnapshot } from '../db/repositories/tier-snapshots';
import { DEFAULT_DIMENSION_SETTINGS, dimensionFacts, dimensionMonth, lifecycleWithStatus, priorityOf, withTierSignals } from '../engine/dimensions';
import type { CoreContext } from './context';
import { rulesForMonth, tierSnapshotOf } from './tiers';


/** Every customer's value of every dimension in a month, by snapshot slot. */
export interface MonthDimensions {
  snapshot: TierSnapshot;
  values: Record<SegmentDimension, string[]>;
}

/** The customer-master columns the dimensions need, indexed by customer id (ids are dense rowids). */
export interface CustomerAttributes {
  opened: Array<string | null>;
  closed: Array<string | null>;
  riskAssessed: Array<string | null>;
  risk: Array<string | null>;
}

function customerAttributes(ctx: CoreContext): CustomerAttributes {
  const cached = ctx.cache.customerAttributes;
  if (cached) return cached;
  const rows = ctx.store.sqlite.prepare('SELECT id, opened_date, closed_date, risk_assessed_date, risk_level FROM customers').raw().all() as Array<
    [number, string | null, string | null, string | null, string | null]
  >;
  const attributes: CustomerAttributes = { opened: [], closed: [], riskAssessed: [], risk: [] };
  for (const [id, opened, closed, riskAssessed, risk] of rows) {
    attributes.opened[id] = opened;
    attributes.closed[id] = closed;
    attributes.riskAssessed[id] = riskAssessed;
    attributes.risk[id] = risk;
  }
  ctx.cache.customerAttributes = attributes;
  return attributes;
}

/** 月日均 of a month by customer id (NaN where unknown). */
function aumById(ctx: CoreContext, month: string, size: number): Float64Array {
  const byId = new Float64Array(size).fill(Number.NaN);
  const values = readMonthValues(ctx.store.sqlite, month);
  if (values) for (let k = 0; k < values.customerIds.length; k++) if (values.customerIds[k] < size) byId[values.customerIds[k]] = values.aumFen[k];
  return byId;
}

const known = (fen: number) => (Number.isNaN(fen) ? null : fen);

/**
 * Depth, priority, lifecycle and risk level combine the stored asset shape with the month's tier, last month and
 * three months ago, and the customer master (thresholds: DEFAULT_DIMENSION_SETTINGS).
 */
export function dimensionsOfMonth(ctx: CoreContext, month: string): MonthDimensions | null {
  const cached = ctx.cache.monthDimensions.get(month);
  if (cached) return cached;
  const snapshot = tierSnapshotOf(ctx, month);
  if (!snapshot) return null;
  const attributes = customerAttributes(ctx);
  const size = (snapshot.customerIds[snapshot.customerIds.length - 1] ?? 0) + 1;
  const previous = aumById(ctx, addMonths(month, -1), size);
  const threeAgo = aumById(ctx, addMonths(month, -3), size);
  const tiers = rulesForMonth(ctx, month).tiers;
  const nextThreshold = (tierIndex: number) => tiers[tierIndex + 1]?.thresholdFen ?? null;
  const count = snapshot.customerIds.length;
  const at = dimensionMonth(month, DEFAULT_DIMENSION_SETTINGS);
  const values: Record<SegmentDimension, string[]> = { tier: [], status: [], depth: [], priority: [], lifecycle: [], risk: [] };
  for (let slot = 0; slot < count; slot++) {
    const id = snapshot.customerIds[slot];
    const aum = snapshot.aumFen[slot];
    const status: TierStatus = TIER_STATUSES[snapshot.status[slot]];
    const facts = dimensionFacts({
      month,
      aumFen: known(aum),
      categories: snapshot.shape[slot] >> 1,
      idleDemand: (snapshot.shape[slot] & 1) === 1,
      previousAumFen: known(previous[id]),
      aumThreeMonthsAgoFen: known(threeAgo[id]),
      hadAssets: (snapshot.flags[slot] & SNAPSHOT_SEEN) !== 0,
      openedDate: attributes.opened[id] ?? null,
      closedDate: attributes.closed[id] ?? null,
      riskAssessedDate: attributes.riskAssessed[id] ?? null,
    }, at);
    const tier = snapshot.tier[slot];
    values.tier.push(tier >= 0 ? snapshot.tierCodes[tier] : 'missing');
    values.status.push(status);
    values.depth.push(facts.depth);
    values.priority.push(priorityOf(tier >= 0 ? withTierSignals(facts.signals, aum, nextThreshold(tier), DEFAULT_DIMENSION_SETTINGS) : facts.signals));
    values.lifecycle.push(lifecycleWithStatus(facts.lifecycle, status === 'watch'));
    values.risk.push(attributes.risk[id] ?? 'unknown');
  }
  if (ctx.cache.monthDimensions.size > 4) ctx.cache.monthDimensions.clear();
  ctx.cache.monthDimensions.set(month, { snapshot, values });
  return { snapshot, values };
}

function dimensionValues(ctx: CoreContext, month: string, dimension: SegmentDimension) {
  switch (dimension) {
    case 'tier':
      return [...rulesForMonth(ctx, month).tiers].reverse().map((t) => ({ value: t.code, label: t.name })).concat({ value: 'missing', label: TIER_STATUS_NAMES.missing });
    case 'status':
      return TIER_STATUSES.map((value) => ({ value, label: TIER_STATUS_NAMES[value] }));
    case 'depth':
      return DEPTH_VALUES.map((value) => ({ value, label: SEGMENT_VALUE_NAMES[value] }));
    case 'priority':
      return PRIORITY_VALUES.map((value) => ({ value, label: SEGMENT_VALUE_NAMES[value] }));
    case 'lifecycle':
      return LIFECYCLE_VALUES.map((value) => ({ value, label: SEGMENT_VALUE_NAMES[value] }));
    case 'risk':
      return RISK_VALUES.map((value) => ({ value, label: SEGMENT_VALUE_NAMES[value] ?? value }));
  }
}

/** Counts and 月日均 for every pair of values of two dimensions in a month. */
export function getSegmentGrid(ctx: CoreContext, month: string, rows: SegmentDimension, columns: SegmentDimension): SegmentGrid {
  const dims = dimensionsOfMonth(ctx, month);
  const cells = new Map<string, { row: string; column: string; count: number; aumFen: number }>();
  if (dims) {
    const rowValues = dims.values[rows];
    const columnValues = dims.values[columns];
    for (let slot = 0; slot < rowValues.length; slot++) {
      const key = `${rowValues[slot]}\u0000${columnValues[slot]}`;
      const cell = cells.get(key) ?? { row: rowValues[slot], column: columnValues[slot], count: 0, aumFen: 0 };
      cell.count += 1;
      const aum = dims.snapshot.aumFen[slot];
      if (!Number.isNaN(aum)) cell.aumFen += aum;
      cells.set(key, cell);
    }
  }
  return {
    month,
    rows: { dimension: rows, values: dimensionValues(ctx, month, rows) },
    columns: { dimension: columns, values: dimensionValues(ctx, month, columns) },
    cells: [...cells.values()],
  };
}

/** Ids of the customers whose dimensions match every given value in a month. */
export function customersInSegment(ctx: CoreContext, month: string, wanted: Partial<Record<SegmentDimension, readonly string[]>>): number[] {
  const dims = dimensionsOfMonth(ctx, month);
  if (!dims) return [];
  const checks = (Object.entries(wanted) as Array<[SegmentDimension, readonly string[] | undefined]>)
    .filter((entry): entry is [SegmentDimension, readonly string[]] => entry[1] !== undefined)
    .map(([dimension, accepted]) => ({ values: dims.values[dimension], accepted: new Set(accepted) }));
  const ids: number[] = [];
  for (let slot = 0; slot < dims.snapshot.customerIds.length; slot++) {
    if (checks.every((c) => c.accepted.has(c.values[slot]))) ids.push(dims.snapshot.customerIds[slot]);
  }
  return ids;
}

export function segmentFilterDimensions(filter: SegmentFilter): Partial<Record<SegmentDimension, string[]>> {
  return Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined).map(([k, v]) => [k, [v as string]]));
}
