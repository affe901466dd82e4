import { AppError } from '../../../shared/errors';
import { addMonths, lastDayOfMonth } from '../../../shared/month';
import {
  FLOW_BREAKDOWN_GROUPS,
  type FlowBreakdown,
  type FlowBreakdownQuery,
  type FlowGroupName,
  type FlowQuery,
  type FlowReport,
} from '../../../shared/schemas/flows';
import { CUSTOMER_RISK_LEVELS } from '../../../shared/schemas/suitability';
import { customerAttributes, managersOn } from '../segments/segments';
import { staffNames } from '../trust/staff';
import { staffName } from '../../../shared/staff-name';
import { findingsByCustomer } from '../suitability/suitability';
import { readDimensionSettings } from '../platform/settings';
import {
  findCustomerNames,
  findCustomersByIdNumber,
  findIdNumbers,
  findIdsOpenedFrom,
  findWealthOfCustomers,
} from '../customers/lookup';
import type { TierSnapshot } from '../tiers/tiers';
import {
  ABOVE,
  analyzeFlows,
  BELOW,
  flowEntries,
  IN,
  NONE,
  type FlowEntries,
  type FlowFigures,
  type FlowPlace,
} from './flow-analysis';
import type { CoreContext } from '../platform/context';
import { derivedKind } from '../platform/derived-data';
import { getTierMatrix, rulesForMonth, SNAPSHOT_OVERRIDDEN, snapshotSlot, tierSnapshotOf } from '../tiers/tiers';
import { householdFiguresOfMonth } from '../households/household-figures';

export interface FlowAnalysis {
  figures: FlowFigures;
  segment: FlowReport['segment'];
}

/** A month's snapshot, or the error that names the month without data (never zeros). */
function snapshotWithData(ctx: CoreContext, month: string): TierSnapshot {
  const snapshot = tierSnapshotOf(ctx, month);
  if (!snapshot || !snapshot.aumFen.some((v) => !Number.isNaN(v))) {
    throw new AppError(
      'NOT_FOUND',
      `${month} 没有资产数据，无法做两期对比；请先导入该月的金融资产月报。`,
      `${month} has no asset data; import that month's report first.`,
      {
        field: 'month',
        month,
      },
    );
  }
  return snapshot;
}

/** Where each slot of a snapshot stands against the segment. */
function placeOf(snapshot: TierSnapshot, query: FlowQuery): (slot: number) => FlowPlace {
  if (query.thresholdFen !== undefined) {
    const threshold = query.thresholdFen;
    return (slot) => {
      const aum = snapshot.aumFen[slot];
      // In no tier (closed, or no data: docs/domain.md, "Presence") is in no threshold's segment either.
      return Number.isNaN(aum) || snapshot.tier[slot] < 0 ? NONE : aum >= threshold ? IN : BELOW;
    };
  }
  // tierCodes ascend with the thresholds of the month's rule set.
  const target = snapshot.tierCodes.indexOf(query.tierCode as string);
  return (slot) => {
    const tier = snapshot.tier[slot];
    if (tier < 0) return NONE;
    if (target < 0) return BELOW;
    return tier === target ? IN : tier > target ? ABOVE : BELOW;
  };
}

function segmentOf(ctx: CoreContext, query: FlowQuery): FlowReport['segment'] {
  if (query.thresholdFen !== undefined) return { tierCode: null, tierName: null, thresholdFen: query.thresholdFen };
  const tier = rulesForMonth(ctx, query.toMonth).tiers.find((t) => t.code === query.tierCode);
  if (!tier) {
    const codes = rulesForMonth(ctx, query.toMonth)
      .tiers.map((t) => t.code)
      .join('、');
    throw new AppError(
      'VALIDATION',
      `没有层级 ${query.tierCode}（${query.toMonth} 的层级：${codes}）`,
      `No tier ${query.tierCode} in ${query.toMonth} (tiers: ${codes})`,
      { field: 'tierCode' },
    );
  }
  return { tierCode: tier.code, tierName: tier.name, thresholdFen: tier.thresholdFen };
}

/**
 * Gives the ID number to the rows gone at B and to the entrants without data at A who share one with them — the only
 * pairs the analysis can match as renumbered (docs/domain.md, "Flows"). The leavers are few; the customers holding
 * their numbers are found through the ID number's index rather than by reading every entrant's.
 */
function markRenumbering(ctx: CoreContext, e: FlowEntries): void {
  const { sqlite } = ctx.store;
  const goneRows = new Map<number, number>();
  const arrivalRows = new Map<number, number>();
  for (let row = 0; row < e.length; row++) {
    if (e.placeA[row] === IN && e.placeB[row] === NONE) goneRows.set(e.ids[row], row);
    else if (e.placeB[row] === IN && e.placeA[row] === NONE) arrivalRows.set(e.ids[row], row);
  }
  const goneNumbers = findIdNumbers(sqlite, [...goneRows.keys()]);
  if (goneNumbers.size === 0 || arrivalRows.size === 0) return;
  for (const [id, idNumber] of goneNumbers) e.idNumbers.set(goneRows.get(id) as number, idNumber);
  for (const [id, idNumber] of findCustomersByIdNumber(sqlite, [...new Set(goneNumbers.values())])) {
    const row = arrivalRows.get(id);
    if (row !== undefined) e.idNumbers.set(row, idNumber);
  }
}

/**
 * The entrants in the segment at B only through their household (docs/domain.md, "Households"): their own 月日均
 * below its threshold, not held by an override, and their household's figure at B reaching it — with household
 * qualification on in B's rules.
 */
function markViaHousehold(
  ctx: CoreContext,
  e: FlowEntries,
  entering: readonly number[],
  toMonth: string,
  thresholdFen: number,
): void {
  if (thresholdFen <= 0 || !rulesForMonth(ctx, toMonth).tiers.some((t) => t.household !== undefined)) return;
  const below = entering.filter((row) => !(e.aumB[row] >= thresholdFen));
  if (below.length === 0) return;
  const b = snapshotWithData(ctx, toMonth);
  const figures = householdFiguresOfMonth(ctx.store.sqlite, toMonth, (id) => {
    const slot = snapshotSlot(b, id);
    return slot < 0 ? Number.NaN : b.aumFen[slot];
  });
  for (const row of below) {
    const slot = snapshotSlot(b, e.ids[row]);
    if (slot < 0 || (b.flags[slot] & SNAPSHOT_OVERRIDDEN) !== 0) continue;
    const household = figures.get(e.ids[row]);
    if (household && household.fen >= thresholdFen) e.viaHouseholdB[row] = 1;
  }
}

/** One row per customer in the segment at either month (both snapshots list ids ascending: merged). */
function segmentRows(a: TierSnapshot, b: TierSnapshot, query: FlowQuery): FlowEntries {
  const [placeA, placeB] = [placeOf(a, query), placeOf(b, query)];
  const e = flowEntries(a.customerIds.length + b.customerIds.length);
  let row = 0;
  for (let i = 0, j = 0; i < a.customerIds.length || j < b.customerIds.length;) {
    const idA = i < a.customerIds.length ? a.customerIds[i] : Infinity;
    const idB = j < b.customerIds.length ? b.customerIds[j] : Infinity;
    const slotA = idA <= idB ? i++ : -1;
    const slotB = idB <= idA ? j++ : -1;
    const pA = slotA >= 0 ? placeA(slotA) : NONE;
    const pB = slotB >= 0 ? placeB(slotB) : NONE;
    if (pA !== IN && pB !== IN) continue;
    e.ids[row] = Math.min(idA, idB);
    e.placeA[row] = pA;
    e.placeB[row] = pB;
    e.aumA[row] = slotA >= 0 ? a.aumFen[slotA] : Number.NaN;
    e.aumB[row] = slotB >= 0 ? b.aumFen[slotB] : Number.NaN;
    row++;
  }
  e.length = row;
  return e;
}

function analyze(ctx: CoreContext, query: FlowQuery): FlowAnalysis {
  const segment = segmentOf(ctx, query);
  const e = segmentRows(snapshotWithData(ctx, query.fromMonth), snapshotWithData(ctx, query.toMonth), query);
  // The entrants; those without data at A need their opening date (an entrant with data at A was a customer then).
  const entering: number[] = [];
  const openedAfterA = findIdsOpenedFrom(ctx.store.sqlite, `${addMonths(query.fromMonth, 1)}-01`);
  for (let row = 0; row < e.length; row++) {
    if (e.placeB[row] !== IN || e.placeA[row] === IN) continue;
    entering.push(row);
    e.openedAfterA[row] = Number(e.placeA[row] === NONE && openedAfterA.has(e.ids[row]));
  }
  markRenumbering(ctx, e);
  // A rise in 理财 matters only above a threshold: 月日均 less a rise is never below 0.
  if (segment.thresholdFen > 0) {
    const ids = entering.map((row) => e.ids[row]);
    const wealthA = findWealthOfCustomers(ctx.store.sqlite, query.fromMonth, ids);
    const wealthB = findWealthOfCustomers(ctx.store.sqlite, query.toMonth, ids);
    for (const row of entering) {
      const id = e.ids[row];
      e.wealthRiseFen[row] = (wealthB.get(id) ?? 0) - (wealthA.get(id) ?? 0);
    }
  }
  markViaHousehold(ctx, e, entering, query.toMonth, segment.thresholdFen);
  const figures = analyzeFlows(e, {
    churnBelowFen: readDimensionSettings(ctx.store.sqlite).churnBelowFen,
    thresholdBFen: segment.thresholdFen,
  });
  return { figures, segment };
}

/** The last two-period analysis (its lists are paged through). */
const ANALYSES = derivedKind<FlowAnalysis>('two-period analyses', 1);

function cached(ctx: CoreContext, query: FlowQuery): FlowAnalysis {
  const key = JSON.stringify([query.fromMonth, query.toMonth, query.tierCode ?? null, query.thresholdFen ?? null]);
  return ctx.cache.get(ANALYSES, key, () => analyze(ctx, query));
}

/** The two-period analysis of a tier or a threshold (docs/domain.md, "Flows"). */
export function getFlowReport(ctx: CoreContext, query: FlowQuery): FlowReport {
  const { figures, segment } = cached(ctx, query);
  const { groups } = figures;
  const numbers = findCustomerNames(
    ctx.store.sqlite,
    figures.renumbered.flatMap((r) => [r.fromId, r.toId]),
  );
  return {
    fromMonth: query.fromMonth,
    toMonth: query.toMonth,
    segment,
    groups,
    net: { count: groups.end.count - groups.start.count, aumFen: groups.end.aumBFen - groups.start.aumAFen },
    viaWealthRiseFen: figures.viaWealthRiseFen,
    renumbered: figures.renumbered.map((r) => ({
      fromCustomerNo: numbers.get(r.fromId)?.customerNo ?? '',
      toCustomerNo: numbers.get(r.toId)?.customerNo ?? '',
    })),
    matrix: getTierMatrix(ctx, query.fromMonth, query.toMonth),
  };
}

/** The customers (ids ascending) of one group, for the click-through list. */
export function flowMembers(ctx: CoreContext, query: FlowQuery, group: FlowGroupName): number[] {
  return [...cached(ctx, query).figures.members[group]].sort((x, y) => x - y);
}

type BreakdownGroup = (typeof FLOW_BREAKDOWN_GROUPS)[number];

/**
 * Each value's key and label (in order; for managers, those met, by 工号), and a customer's key (by id and group),
 * for a breakdown as of `asOf`: read from derived data (the customer master's columns, the managers of record, the
 * branch's suitability check), never a query per call.
 */
function breakdownKeys(ctx: CoreContext, query: FlowBreakdownQuery, asOf: string, members: FlowFigures['members']) {
  if (query.dimension === 'risk') {
    const { risk } = customerAttributes(ctx);
    return {
      values: [...CUSTOMER_RISK_LEVELS.map((l) => [l, l]), ['unknown', '未评估']] as Array<[string, string]>,
      keyOf: (id: number) => risk[id] ?? 'unknown',
    };
  }
  if (query.dimension === 'manager') {
    const atA = managersOn(ctx, lastDayOfMonth(query.fromMonth));
    const atB = managersOn(ctx, asOf);
    const keyOf = (id: number, group: BreakdownGroup) =>
      (group === 'start' || group === 'lost' ? atA : atB)[id] ?? 'unknown';
    const codes = new Set<string>();
    for (const group of FLOW_BREAKDOWN_GROUPS) for (const id of members[group]) codes.add(keyOf(id, group));
    const names = staffNames(ctx.store.sqlite);
    const values = [...codes]
      .filter((c) => c !== 'unknown')
      .sort()
      .map((c) => [c, staffName(names.get(c) ?? null, c) ?? c] as [string, string]);
    return { values: [...values, ['unknown', '未分配']] as Array<[string, string]>, keyOf };
  }
  const findings = findingsByCustomer(ctx, asOf);
  return {
    values: [
      ['yes', '是'],
      ['no', '否'],
    ] as Array<[string, string]>,
    keyOf: (id: number) => (findings[id] === 'aboveLevel' ? 'yes' : 'no'),
  };
}

/**
 * The groups of the two-period analysis counted by a customer dimension (docs/domain.md, "Flows"): the customer's
 * risk level as now assessed, whether they hold a product above it as of B's month end, or their manager of record
 * (those at the start and those lost by A's month end, the others by B's). Counts only.
 */
export function getFlowBreakdown(ctx: CoreContext, query: FlowBreakdownQuery): FlowBreakdown {
  const { members } = cached(ctx, query).figures;
  const asOf = lastDayOfMonth(query.toMonth);
  const { values, keyOf } = breakdownKeys(ctx, query, asOf, members);
  const rows = values.map(([key, label]) => ({
    key,
    label,
    counts: Object.fromEntries(FLOW_BREAKDOWN_GROUPS.map((g) => [g, 0])) as FlowBreakdown['rows'][number]['counts'],
  }));
  const rowOf = new Map(rows.map((row) => [row.key, row]));
  for (const group of FLOW_BREAKDOWN_GROUPS)
    for (const id of members[group]) {
      const row = rowOf.get(keyOf(id, group)) ?? rowOf.get('unknown');
      if (row) row.counts[group]++;
    }
  return { dimension: query.dimension, asOf, rows };
}
