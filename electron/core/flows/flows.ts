import { AppError } from '../../../shared/errors';
import { lastDayOfMonth, monthOfDate } from '../../../shared/month';
import {
  FLOW_BREAKDOWN_GROUPS,
  type FlowBreakdown,
  type FlowBreakdownQuery,
  type FlowGroupName,
  type FlowQuery,
  type FlowReport,
} from '../../../shared/schemas/flows';
import { CUSTOMER_RISK_LEVELS } from '../../../shared/schemas/suitability';
import { customerAttributes } from '../segments/segments';
import { findingsByCustomer } from '../suitability/suitability';
import { readDimensionSettings } from '../platform/settings';
import { findWealthOfCustomers } from '../customers/lookup';
import { findCustomerFacts } from '../customers/lookup';
import type { TierSnapshot } from '../tiers/tiers';
import { analyzeFlows, type FlowEntry, type FlowFigures, type FlowPlace } from './flow-analysis';
import type { CoreContext } from '../platform/context';
import { derivedKind } from '../platform/derived-data';
import { getTierMatrix, rulesForMonth, tierSnapshotOf } from '../tiers/tiers';

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
      return Number.isNaN(aum) || snapshot.tier[slot] < 0 ? 'none' : aum >= threshold ? 'in' : 'below';
    };
  }
  // tierCodes ascend with the thresholds of the month's rule set.
  const target = snapshot.tierCodes.indexOf(query.tierCode as string);
  return (slot) => {
    const tier = snapshot.tier[slot];
    if (tier < 0) return 'none';
    if (target < 0) return 'below';
    return tier === target ? 'in' : tier > target ? 'above' : 'below';
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

function analyze(ctx: CoreContext, query: FlowQuery): FlowAnalysis {
  const segment = segmentOf(ctx, query);
  const a = snapshotWithData(ctx, query.fromMonth);
  const b = snapshotWithData(ctx, query.toMonth);
  const [placeA, placeB] = [placeOf(a, query), placeOf(b, query)];
  const entries: FlowEntry[] = [];
  // Both snapshots list customer ids ascending: merge them.
  for (let i = 0, j = 0; i < a.customerIds.length || j < b.customerIds.length;) {
    const idA = i < a.customerIds.length ? a.customerIds[i] : Infinity;
    const idB = j < b.customerIds.length ? b.customerIds[j] : Infinity;
    const slotA = idA <= idB ? i++ : -1;
    const slotB = idB <= idA ? j++ : -1;
    const pA = slotA >= 0 ? placeA(slotA) : 'none';
    const pB = slotB >= 0 ? placeB(slotB) : 'none';
    if (pA !== 'in' && pB !== 'in') continue;
    const aumA = slotA >= 0 && !Number.isNaN(a.aumFen[slotA]) ? a.aumFen[slotA] : null;
    const aumB = slotB >= 0 && !Number.isNaN(b.aumFen[slotB]) ? b.aumFen[slotB] : null;
    const id = Math.min(idA, idB);
    entries.push({ id, placeA: pA, placeB: pB, aumA, aumB, openedAfterA: false, idNumber: null, wealthRiseFen: 0 });
  }
  // Entrants without data at A need their opening date; they and those gone at B their ID number (renumbering).
  // An entrant with data at A was a customer then: not opened after A.
  const entering = entries.filter((e) => e.placeB === 'in' && e.placeA !== 'in');
  const unknown = entries.filter(
    (e) => (e.placeB === 'in' && e.placeA === 'none') || (e.placeA === 'in' && e.placeB === 'none'),
  );
  const facts = findCustomerFacts(
    ctx.store.sqlite,
    unknown.map((e) => e.id),
  );
  for (const e of unknown) {
    const fact = facts.get(e.id);
    e.openedAfterA = e.placeA === 'none' && (fact?.openedDate ? monthOfDate(fact.openedDate) > query.fromMonth : true);
    e.idNumber = fact?.idNumber ?? null;
  }
  // A rise in 理财 matters only above a threshold: 月日均 less a rise is never below 0.
  if (segment.thresholdFen > 0) {
    const ids = entering.map((e) => e.id);
    const wealthA = findWealthOfCustomers(ctx.store.sqlite, query.fromMonth, ids);
    const wealthB = findWealthOfCustomers(ctx.store.sqlite, query.toMonth, ids);
    for (const e of entering) e.wealthRiseFen = (wealthB.get(e.id) ?? 0) - (wealthA.get(e.id) ?? 0);
  }
  const figures = analyzeFlows(entries, {
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
  const numbers = findCustomerFacts(
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

/**
 * Each value's key and label, and a customer's key (by id), for a breakdown as of `asOf`: read from derived data
 * (the customer master's columns, the branch's suitability check), never a query per call.
 */
function breakdownKeys(ctx: CoreContext, query: FlowBreakdownQuery, asOf: string) {
  if (query.dimension === 'risk') {
    const { risk } = customerAttributes(ctx);
    return {
      values: [...CUSTOMER_RISK_LEVELS.map((l) => [l, l]), ['unknown', '未评估']] as Array<[string, string]>,
      keyOf: (id: number) => risk[id] ?? 'unknown',
    };
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
 * risk level as now assessed, or whether they hold a product above it as of B's month end. Counts only.
 */
export function getFlowBreakdown(ctx: CoreContext, query: FlowBreakdownQuery): FlowBreakdown {
  const { members } = cached(ctx, query).figures;
  const asOf = lastDayOfMonth(query.toMonth);
  const { values, keyOf } = breakdownKeys(ctx, query, asOf);
  const rows = values.map(([key, label]) => ({
    key,
    label,
    counts: Object.fromEntries(FLOW_BREAKDOWN_GROUPS.map((g) => [g, 0])) as FlowBreakdown['rows'][number]['counts'],
  }));
  const rowOf = new Map(rows.map((row) => [row.key, row]));
  for (const group of FLOW_BREAKDOWN_GROUPS)
    for (const id of members[group]) {
      const row = rowOf.get(keyOf(id)) ?? rowOf.get('unknown');
      if (row) row.counts[group]++;
    }
  return { dimension: query.dimension, asOf, rows };
}
