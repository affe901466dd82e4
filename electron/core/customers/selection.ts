/**
 * Who a filter selects: a list filter (tiers, a segment cell, a saved segment, a two-period group, a group cell) as
 * customer ids, and an analysis's segment (a tier, 月日均 ≥ X, or a saved segment) with its members. The customer
 * list, the group analysis and event invitations all select through here.
 */
import { AppError } from '../../../shared/errors';
import { lastDayOfMonth } from '../../../shared/month';
import type { CustomerFilter } from '../../../shared/schemas/customer';
import type { GroupDimension, GroupQuery, GroupReport } from '../../../shared/schemas/groups';
import { flowMembers } from '../flows/flows';
import { dimensionKeyOf, type GroupOptions, type MemberColumns } from '../groups/group-figures';
import { findingsByCustomer } from '../suitability/suitability';
import { householdColumnsOfMonth } from '../households/household-figures';
import type { CoreContext } from '../platform/context';
import { readSavedSegment } from '../segments/saved-segments';
import { customerAttributes, customersInSegment, managersOn, segmentFilterDimensions } from '../segments/segments';
import { rulesForMonth, tierSnapshotOf } from '../tiers/tiers';
import { customerIdsFound } from './customer-search';
import { customerIdsMatching, type CustomerQueryFilter } from './customers-repository';

const DEFAULT_BAND_WIDTH_FEN = 100_000_000; // 100万
const DEFAULT_BANDS = 5;

/** The ids in every one of the ascending id lists. */
function intersectAscending(lists: Array<readonly number[]>): readonly number[] {
  return lists.reduce((kept, next) => {
    const out: number[] = [];
    for (let i = 0, j = 0; i < kept.length && j < next.length;) {
      if (kept[i] === next[j]) {
        out.push(kept[i]);
        i++;
        j++;
      } else if (kept[i] < next[j]) i++;
      else j++;
    }
    return out;
  });
}

/**
 * Resolves the search text (as the search palette finds customers: docs/domain.md, "Finding a customer"), the tier,
 * segment, migration and group filters (of the queried month, and tiers of other months) into customer ids. A viewer
 * who sees names masked finds them only as the palette lets them.
 */
export function toQueryFilter(
  ctx: CoreContext,
  month: string,
  filter: CustomerFilter,
  masksNames = false,
): CustomerQueryFilter {
  const { tierCodes, tierStatuses, segment, tierAt, migration, group, search, ...rest } = filter;
  const lists: Array<readonly number[]> = [];
  if (search !== undefined) lists.push(customerIdsFound(ctx, search, masksNames, filter.managerCode ?? null));
  if (tierCodes || tierStatuses || segment) {
    lists.push(
      customersInSegment(ctx, month, {
        tier: tierCodes,
        status: tierStatuses,
        ...(segment ? segmentFilterDimensions(segment) : {}),
      }),
    );
  }
  for (const at of tierAt ?? []) lists.push(customersInSegment(ctx, at.month, { tier: [at.tierCode] }));
  if (migration) lists.push(flowMembers(ctx, migration, migration.group));
  if (group) lists.push(groupMembers(ctx, group, masksNames));
  return lists.length === 0 ? rest : { ...rest, customerIds: intersectAscending(lists) };
}

/**
 * The ids (ascending) of the customers a list filter selects in a month: a saved segment as an analysis's segment,
 * its search text matched as `masksNames` lets the viewer find names (as in the list).
 */
export function customerIdsOfFilter(
  ctx: CoreContext,
  month: string,
  filter: CustomerFilter,
  masksNames = false,
): number[] {
  return customerIdsMatching(ctx.store.sqlite, ctx.store.db, month, toQueryFilter(ctx, month, filter, masksNames));
}

/** A segment (an assigned tier, 月日均 ≥ X, or a saved segment) in a month: its floor, name, and members' ids and 月日均. */
export function segmentMembers(ctx: CoreContext, query: GroupQuery, masksNames = false) {
  const snapshot = tierSnapshotOf(ctx, query.month);
  if (!snapshot || !snapshot.aumFen.some((v) => !Number.isNaN(v))) {
    throw new AppError(
      'NOT_FOUND',
      `${query.month} 没有资产数据，无法分析群体特征。`,
      `${query.month} has no asset data.`,
      { field: 'month' },
    );
  }
  let segment: GroupReport['segment'];
  let isMember: (slot: number) => boolean;
  if (query.savedSegmentId !== undefined) {
    const saved = readSavedSegment(ctx, query.savedSegmentId);
    if (saved.filter.group) {
      throw new AppError(
        'VALIDATION',
        `细分“${saved.name}”本身含群体特征条件，不能再作群体特征分析的对象。`,
        `Segment "${saved.name}" has a group condition itself.`,
        { field: 'savedSegmentId' },
      );
    }
    segment = {
      tierCode: null,
      tierName: null,
      thresholdFen: saved.filter.aumMinFen ?? 0,
      savedSegmentName: saved.name,
    };
    const chosen = new Set(customerIdsOfFilter(ctx, query.month, saved.filter, masksNames));
    isMember = (slot) =>
      chosen.has(snapshot.customerIds[slot]) && snapshot.tier[slot] >= 0 && !Number.isNaN(snapshot.aumFen[slot]);
  } else if (query.thresholdFen !== undefined) {
    const threshold = query.thresholdFen;
    segment = { tierCode: null, tierName: null, thresholdFen: threshold, savedSegmentName: null };
    isMember = (slot) => snapshot.aumFen[slot] >= threshold && snapshot.tier[slot] >= 0;
  } else {
    const tiers = rulesForMonth(ctx, query.month).tiers;
    const tier = tiers.find((t) => t.code === query.tierCode);
    if (!tier) {
      const codes = tiers.map((t) => t.code).join('、');
      throw new AppError(
        'VALIDATION',
        `没有层级 ${query.tierCode}（${query.month} 的层级：${codes}）`,
        `No tier ${query.tierCode} in ${query.month}`,
        { field: 'tierCode' },
      );
    }
    segment = { tierCode: tier.code, tierName: tier.name, thresholdFen: tier.thresholdFen, savedSegmentName: null };
    const index = snapshot.tierCodes.indexOf(tier.code);
    // Every customer the tier counts, those keeping it through a month without data too (月日均 NaN): the same
    // number as the overview's (docs/domain.md, "Presence").
    isMember = (slot) => snapshot.tier[slot] === index;
  }
  // Typed arrays, counted first: no growing arrays of 120,000 numbers.
  let count = 0;
  for (let slot = 0; slot < snapshot.customerIds.length; slot++) if (isMember(slot)) count++;
  const ids = new Int32Array(count);
  const aums = new Float64Array(count);
  for (let slot = 0, i = 0; slot < snapshot.customerIds.length; slot++) {
    if (!isMember(slot)) continue;
    ids[i] = snapshot.customerIds[slot];
    aums[i++] = snapshot.aumFen[slot];
  }
  return { segment, ids, aums };
}

export function groupOptions(query: GroupQuery, floorFen: number): GroupOptions {
  return {
    floorFen,
    bandWidthFen: query.bandWidthFen ?? DEFAULT_BAND_WIDTH_FEN,
    bands: query.bands ?? DEFAULT_BANDS,
    referenceDate: query.referenceDate ?? lastDayOfMonth(query.month),
    ...(query.countHouseholds ? { countHouseholds: true } : {}),
  };
}

/**
 * What a group dimension reads of each customer: the master's columns, the managers of record and for 适当性 the
 * finding as of the day, and for the household dimensions (or a count of households) each customer's household in the month.
 */
export function memberColumns(
  ctx: CoreContext,
  dimension: GroupDimension,
  referenceDate: string,
  month: string,
  countHouseholds = false,
): MemberColumns {
  const columns = customerAttributes(ctx);
  const households =
    countHouseholds || dimension === 'householdSize' || dimension === 'householdRole'
      ? householdColumnsOfMonth(ctx.store.sqlite, month, columns.gender.length - 1)
      : undefined;
  return {
    ...columns,
    ...(dimension === 'manager' ? { manager: managersOn(ctx, referenceDate) } : {}),
    ...(dimension === 'suitability' ? { suitability: findingsByCustomer(ctx, referenceDate) } : {}),
    ...(households ? { households } : {}),
  };
}

/** The customers (ids ascending) of one value of one dimension: a cell of the group tables. */
export function groupMembers(ctx: CoreContext, filter: GroupQuery & { key: string }, masksNames = false): number[] {
  const { segment, ids, aums } = segmentMembers(ctx, filter, masksNames);
  const options = groupOptions(filter, segment.thresholdFen);
  const keyOf = dimensionKeyOf(
    filter.dimension,
    options,
    memberColumns(ctx, filter.dimension, options.referenceDate, filter.month),
  );
  return Array.from(ids.filter((id, i) => keyOf(id, aums[i]) === filter.key));
}
