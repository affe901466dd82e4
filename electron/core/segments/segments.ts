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
import { ABSENT_STATUSES, TIER_STATUS_NAMES, TIER_STATUSES } from '../../../shared/schemas/tiers';
import { readMonthValues, SNAPSHOT_SEEN, type TierSnapshot } from '../tiers/tiers';
import { readDimensionSettings } from '../platform/settings';
import {
  dimensionFacts,
  dimensionMonth,
  lifecycleWithStatus,
  priorityOf,
  withTierSignals,
  type DimensionFacts,
  type DimensionInput,
} from './dimensions';
import type { CoreContext } from '../platform/context';
import { derivedKind } from '../platform/derived-data';
import { rulesForMonth, tierLabels, tierSnapshotOf } from '../tiers/tiers';
import { listCustomerAttributeRows, listFirstMovesAfter, type CustomerAttributeRow } from './segments-repository';
import { inIdSteps } from '../platform/jobs';
import { lastCustomerId } from '../platform/bulk';

/** Every customer's value of every dimension in a month: per dimension a code per snapshot slot. */
export interface MonthDimensions {
  snapshot: TierSnapshot;
  /** The values of each dimension; a code is an index into this list. */
  values: Record<SegmentDimension, readonly string[]>;
  codes: Record<SegmentDimension, Int8Array>;
  /** The priority signals (engine/dimensions `SIGNAL_*` bits) per slot. */
  signals: Uint8Array;
}

function indexOf(values: readonly string[]): Map<string, number> {
  return new Map(values.map((v, i) => [v, i]));
}
const DEPTH_CODE = indexOf(DEPTH_VALUES);
const PRIORITY_CODE = indexOf(PRIORITY_VALUES);
const LIFECYCLE_CODE = indexOf(LIFECYCLE_VALUES);
const RISK_CODE = indexOf(RISK_VALUES);
const RISK_UNKNOWN = RISK_VALUES.indexOf('unknown');

/** The customer-master columns the dimensions and the group analysis need, indexed by customer id (ids are dense rowids). */
export interface CustomerAttributes {
  /** Every customer's id, ascending. */
  ids: Int32Array;
  opened: Array<string | null>;
  closed: Array<string | null>;
  riskAssessed: Array<string | null>;
  risk: Array<string | null>;
  manager: Array<string | null>;
  birth: Array<string | null>;
  gender: Array<string | null>;
  occupation: Array<string | null>;
  income: Array<number | null>;
  /** 1 where the customer keeps the lunar birthday. */
  lunar: Uint8Array;
  /** The ID document's expiry as YYYYMMDD, 0 for none (numbers: no 200,000 strings kept for the collector to walk). */
  idExpiry: Int32Array;
}

/** The customer master's columns, and each month's dimensions. */
const CUSTOMER_ATTRIBUTES = derivedKind<CustomerAttributes>('customer attributes', 1);
export const MONTH_DIMENSIONS = derivedKind<MonthDimensions | null>('month dimensions', 5);

export function customerAttributes(ctx: CoreContext): CustomerAttributes {
  return ctx.cache.get(CUSTOMER_ATTRIBUTES, '', () => toAttributes(listCustomerAttributeRows(ctx.store.sqlite)));
}

const MANAGERS_OF_RECORD = derivedKind<ReadonlyArray<string | null>>('managers of record', 24);

/**
 * Each customer's manager of record on `date` (by id; docs/domain.md, "Book history"): today's manager, except for
 * customers moved after that day, who had the manager they were moved from — or, when that move was their first
 * assignment (from nobody), the manager it assigned, who holds them from their first month. Per-manager figures of a
 * month read it at the month's end. Today's column itself when nobody moved since.
 */
export function managersOn(ctx: CoreContext, date: string): ReadonlyArray<string | null> {
  const { manager } = customerAttributes(ctx);
  return ctx.cache.get(MANAGERS_OF_RECORD, date, () => {
    const moves = listFirstMovesAfter(ctx.store.sqlite, date);
    if (moves.length === 0) return manager;
    const managers = manager.slice();
    for (const [id, from, to] of moves) managers[id] = from ?? to;
    return managers;
  });
}

/** The same, read a slice of ids at a time with other calls served between (the first screens, prepared at start). */
export function customerAttributesInSteps(ctx: CoreContext, signal?: AbortSignal): Promise<CustomerAttributes> {
  return ctx.cache.getInSteps(CUSTOMER_ATTRIBUTES, '', async () => {
    const { sqlite } = ctx.store;
    const rows: CustomerAttributeRow[] = [];
    await inIdSteps(
      lastCustomerId(sqlite),
      (ids) => {
        for (const row of listCustomerAttributeRows(sqlite, ids)) rows.push(row);
      },
      signal,
    );
    return toAttributes(rows);
  });
}

function toAttributes(rows: CustomerAttributeRow[]): CustomerAttributes {
  const size = rows.reduce((max, row) => Math.max(max, row[0] + 1), 0);
  const attributes: CustomerAttributes = {
    ids: Int32Array.from(rows, (row) => row[0]).sort(),
    lunar: new Uint8Array(size),
    idExpiry: new Int32Array(size),
    opened: [],
    closed: [],
    riskAssessed: [],
    risk: [],
    manager: [],
    birth: [],
    gender: [],
    occupation: [],
    income: [],
  };
  for (const [
    id,
    opened,
    closed,
    riskAssessed,
    risk,
    manager,
    birth,
    gender,
    occupation,
    income,
    lunar,
    idExpiry,
  ] of rows) {
    attributes.lunar[id] = lunar;
    if (idExpiry) attributes.idExpiry[id] = Number(idExpiry.replaceAll('-', ''));
    attributes.manager[id] = manager;
    attributes.birth[id] = birth;
    attributes.gender[id] = gender;
    attributes.occupation[id] = occupation;
    attributes.income[id] = income;
    attributes.opened[id] = opened;
    attributes.closed[id] = closed;
    attributes.riskAssessed[id] = riskAssessed;
    attributes.risk[id] = risk;
  }
  return attributes;
}

/** 月日均 of a month by customer id (NaN where unknown). */
function aumById(ctx: CoreContext, month: string, size: number): Float64Array {
  const byId = new Float64Array(size).fill(Number.NaN);
  const values = readMonthValues(ctx.store.sqlite, month);
  if (values)
    for (let k = 0; k < values.customerIds.length; k++)
      if (values.customerIds[k] < size) byId[values.customerIds[k]] = values.aumFen[k];
  return byId;
}

const known = (fen: number) => (Number.isNaN(fen) ? null : fen);

/**
 * Depth, priority, lifecycle and risk level combine the stored asset shape with the month's tier, last month and
 * three months ago, and the customer master (thresholds: the branch's dimension settings).
 */
export function dimensionsOfMonth(ctx: CoreContext, month: string): MonthDimensions | null {
  return ctx.cache.get(MONTH_DIMENSIONS, month, () => computeDimensions(ctx, month));
}

function computeDimensions(ctx: CoreContext, month: string): MonthDimensions | null {
  const snapshot = tierSnapshotOf(ctx, month);
  if (!snapshot) return null;
  const attributes = customerAttributes(ctx);
  const size = (snapshot.customerIds[snapshot.customerIds.length - 1] ?? 0) + 1;
  const previous = aumById(ctx, addMonths(month, -1), size);
  const threeAgo = aumById(ctx, addMonths(month, -3), size);
  const tiers = rulesForMonth(ctx, month).tiers;
  const nextThreshold = (tierIndex: number) => tiers[tierIndex + 1]?.thresholdFen ?? null;
  const count = snapshot.customerIds.length;
  const settings = readDimensionSettings(ctx.store.sqlite);
  const at = dimensionMonth(month, settings);
  // Customers in no tier this month are in no segment (docs/domain.md, "Presence"): their code, 'missing', is asked
  // for only by a matrix cell's 新进 row or 流失/无数据 column (`customersInSegment`).
  const missingTier = snapshot.tierCodes.length;
  const values: MonthDimensions['values'] = {
    tier: [...snapshot.tierCodes, 'missing'],
    status: TIER_STATUSES,
    depth: DEPTH_VALUES,
    priority: PRIORITY_VALUES,
    lifecycle: LIFECYCLE_VALUES,
    risk: RISK_VALUES,
  };
  const codes: MonthDimensions['codes'] = {
    tier: new Int8Array(count),
    status: new Int8Array(snapshot.status),
    depth: new Int8Array(count),
    priority: new Int8Array(count),
    lifecycle: new Int8Array(count),
    risk: new Int8Array(count),
  };
  // One input and one output object refilled per customer: 200,000 fresh objects per month would mostly feed the GC.
  const input: DimensionInput = {
    month,
    aumFen: null,
    categories: 0,
    idleDemand: false,
    previousAumFen: null,
    aumThreeMonthsAgoFen: null,
    hadAssets: false,
    openedDate: null,
    closedDate: null,
    riskAssessedDate: null,
  };
  const facts: DimensionFacts = { depth: 'shallow', signals: 0, lifecycle: 'mature' };
  const signalsOf = new Uint8Array(count);
  for (let slot = 0; slot < count; slot++) {
    const id = snapshot.customerIds[slot];
    const aum = snapshot.aumFen[slot];
    input.aumFen = known(aum);
    input.categories = snapshot.shape[slot] >> 1;
    input.idleDemand = (snapshot.shape[slot] & 1) === 1;
    input.previousAumFen = known(previous[id]);
    input.aumThreeMonthsAgoFen = known(threeAgo[id]);
    input.hadAssets = (snapshot.flags[slot] & SNAPSHOT_SEEN) !== 0;
    input.openedDate = attributes.opened[id] ?? null;
    input.closedDate = attributes.closed[id] ?? null;
    input.riskAssessedDate = attributes.riskAssessed[id] ?? null;
    dimensionFacts(input, at, facts);
    const tier = snapshot.tier[slot];
    const signals = tier >= 0 ? withTierSignals(facts.signals, aum, nextThreshold(tier), settings) : facts.signals;
    codes.tier[slot] = tier >= 0 ? tier : missingTier;
    codes.depth[slot] = DEPTH_CODE.get(facts.depth) ?? 0;
    signalsOf[slot] = signals;
    codes.priority[slot] = PRIORITY_CODE.get(priorityOf(signals)) ?? 0;
    codes.lifecycle[slot] =
      LIFECYCLE_CODE.get(lifecycleWithStatus(facts.lifecycle, TIER_STATUSES[snapshot.status[slot]] === 'watch')) ?? 0;
    codes.risk[slot] = RISK_CODE.get(attributes.risk[id] ?? 'unknown') ?? RISK_UNKNOWN;
  }
  return { snapshot, values, codes, signals: signalsOf };
}

function dimensionValues(ctx: CoreContext, month: string, dimension: SegmentDimension) {
  switch (dimension) {
    case 'tier':
      return tierLabels(rulesForMonth(ctx, month)).map((t) => ({ value: t.code, label: t.name }));
    case 'status':
      return TIER_STATUSES.filter((value) => !ABSENT_STATUSES.has(value)).map((value) => ({
        value,
        label: TIER_STATUS_NAMES[value],
      }));
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
export function getSegmentGrid(
  ctx: CoreContext,
  month: string,
  rows: SegmentDimension,
  columns: SegmentDimension,
): SegmentGrid {
  const dims = dimensionsOfMonth(ctx, month);
  const cells: SegmentGrid['cells'] = [];
  if (dims) {
    const rowCodes = dims.codes[rows];
    const columnCodes = dims.codes[columns];
    const width = dims.values[columns].length;
    const counts = new Float64Array(dims.values[rows].length * width);
    const sums = new Float64Array(counts.length);
    const { tier } = dims.snapshot;
    for (let slot = 0; slot < rowCodes.length; slot++) {
      if (tier[slot] < 0) continue;
      const cell = rowCodes[slot] * width + columnCodes[slot];
      counts[cell] += 1;
      const aum = dims.snapshot.aumFen[slot];
      if (!Number.isNaN(aum)) sums[cell] += aum;
    }
    counts.forEach((count, cell) => {
      if (count > 0) {
        cells.push({
          row: dims.values[rows][Math.floor(cell / width)],
          column: dims.values[columns][cell % width],
          count,
          aumFen: sums[cell],
        });
      }
    });
  }
  return {
    month,
    rows: { dimension: rows, values: dimensionValues(ctx, month, rows) },
    columns: { dimension: columns, values: dimensionValues(ctx, month, columns) },
    cells,
  };
}

/** Ids of the customers whose dimensions match every given value in a month. */
export function customersInSegment(
  ctx: CoreContext,
  month: string,
  wanted: Partial<Record<SegmentDimension, readonly string[]>>,
): number[] {
  const dims = dimensionsOfMonth(ctx, month);
  if (!dims) return [];
  const checks = (Object.entries(wanted) as Array<[SegmentDimension, readonly string[] | undefined]>)
    .filter((entry): entry is [SegmentDimension, readonly string[]] => entry[1] !== undefined)
    .map(([dimension, accepted]) => ({
      codes: dims.codes[dimension],
      accepted: new Set(accepted.map((value) => dims.values[dimension].indexOf(value))),
    }));
  const ids: number[] = [];
  // A customer in no tier this month is in no segment, unless asked for as such: by its status (无数据, 已销户) or as
  // tier 'missing' (a matrix's 新进 row or 流失/无数据 column).
  const { tier, status, customerIds } = dims.snapshot;
  const statuses = new Set(wanted.status ?? []);
  const noTier = wanted.tier?.includes('missing') === true;
  for (let slot = 0; slot < customerIds.length; slot++) {
    if (tier[slot] < 0 && !noTier && !statuses.has(TIER_STATUSES[status[slot]])) continue;
    if (checks.every((c) => c.accepted.has(c.codes[slot]))) ids.push(customerIds[slot]);
  }
  return ids;
}

export function segmentFilterDimensions(filter: SegmentFilter): Partial<Record<SegmentDimension, string[]>> {
  return Object.fromEntries(
    Object.entries(filter)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, [v as string]]),
  );
}
