import { AppError } from '../../../shared/errors';
import { lastDayOfMonth } from '../../../shared/month';
import type { GroupDimension, GroupQuery, GroupReport } from '../../../shared/schemas/groups';
import { staffNames } from '../branch/branch-repository';
import { concentration, dimensionKeyOf, groupTable, type GroupOptions } from './group-figures';
import type { CoreContext } from '../platform/context';
import { customerIdsOfFilter } from '../customers/customers';
import { readSavedSegment } from '../segments/saved-segments';
import { customerAttributes } from '../segments/segments';
import { rulesForMonth, tierSnapshotOf } from '../tiers/tiers';

const DEFAULT_BAND_WIDTH_FEN = 100_000_000; // 100万
const DEFAULT_BANDS = 5;

/** The words of values that are codes (gender, unknowns); the rest are their own label. */
function labelOf(dimension: GroupDimension, managerNames: Map<string, string>) {
  return (key: string): string => {
    if (key === 'unknown') return dimension === 'risk' ? '未评估' : dimension === 'manager' ? '未分配' : '未知';
    if (dimension === 'gender') return key === 'M' ? '男' : '女';
    if (dimension === 'manager') return managerNames.get(key) ?? key;
    return key;
  };
}

/** A segment (an assigned tier, 月日均 ≥ X, or a saved segment) in a month: its floor, name, and members' ids and 月日均. */
function segmentMembers(ctx: CoreContext, query: GroupQuery) {
  const snapshot = tierSnapshotOf(ctx, query.month);
  if (!snapshot || !snapshot.aumFen.some((v) => !Number.isNaN(v))) {
    throw new AppError('NOT_FOUND', `${query.month} 没有资产数据，无法分析群体特征。`, `${query.month} has no asset data.`, { field: 'month' });
  }
  let segment: GroupReport['segment'];
  let isMember: (slot: number) => boolean;
  if (query.savedSegmentId !== undefined) {
    const saved = readSavedSegment(ctx, query.savedSegmentId);
    if (saved.filter.group) {
      throw new AppError('VALIDATION', `细分“${saved.name}”本身含群体特征条件，不能再作群体特征分析的对象。`, `Segment "${saved.name}" has a group condition itself.`, { field: 'savedSegmentId' });
    }
    segment = { tierCode: null, tierName: null, thresholdFen: saved.filter.aumMinFen ?? 0, savedSegmentName: saved.name };
    const chosen = new Set(customerIdsOfFilter(ctx, query.month, saved.filter));
    isMember = (slot) => chosen.has(snapshot.customerIds[slot]) && !Number.isNaN(snapshot.aumFen[slot]);
  } else if (query.thresholdFen !== undefined) {
    const threshold = query.thresholdFen;
    segment = { tierCode: null, tierName: null, thresholdFen: threshold, savedSegmentName: null };
    isMember = (slot) => snapshot.aumFen[slot] >= threshold;
  } else {
    const tiers = rulesForMonth(ctx, query.month).tiers;
    const tier = tiers.find((t) => t.code === query.tierCode);
    if (!tier) {
      const codes = tiers.map((t) => t.code).join('、');
      throw new AppError('VALIDATION', `没有层级 ${query.tierCode}（${query.month} 的层级：${codes}）`, `No tier ${query.tierCode} in ${query.month}`, { field: 'tierCode' });
    }
    segment = { tierCode: tier.code, tierName: tier.name, thresholdFen: tier.thresholdFen, savedSegmentName: null };
    const index = snapshot.tierCodes.indexOf(tier.code);
    isMember = (slot) => snapshot.tier[slot] === index && !Number.isNaN(snapshot.aumFen[slot]);
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

function groupOptions(query: GroupQuery, floorFen: number): GroupOptions {
  return {
    floorFen,
    bandWidthFen: query.bandWidthFen ?? DEFAULT_BAND_WIDTH_FEN,
    bands: query.bands ?? DEFAULT_BANDS,
    referenceDate: query.referenceDate ?? lastDayOfMonth(query.month),
  };
}

/** One dimension's table of a segment, with its Pareto shares and Lorenz curve. */
export async function getGroupReport(ctx: CoreContext, query: GroupQuery): Promise<GroupReport> {
  const { segment, ids, aums } = segmentMembers(ctx, query);
  const members = { ids, aums, columns: customerAttributes(ctx) };
  const managerNames = staffNames(ctx.store.sqlite);
  const options = groupOptions(query, segment.thresholdFen);
  return {
    month: query.month,
    referenceDate: options.referenceDate,
    segment,
    dimension: query.dimension,
    count: ids.length,
    aumFen: aums.reduce((sum, v) => sum + v, 0),
    rows: groupTable(query.dimension, members, options, labelOf(query.dimension, managerNames)),
    ...concentration(aums),
  };
}

/** The customers (ids ascending) of one value of one dimension: a cell of the group tables. */
export function groupMembers(ctx: CoreContext, filter: GroupQuery & { key: string }): number[] {
  const { segment, ids, aums } = segmentMembers(ctx, filter);
  const options = groupOptions(filter, segment.thresholdFen);
  const keyOf = dimensionKeyOf(filter.dimension, options, customerAttributes(ctx));
  return Array.from(ids.filter((id, i) => keyOf(id, aums[i]) === filter.key));
}
