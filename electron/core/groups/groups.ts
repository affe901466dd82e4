import type { GroupDimension, GroupQuery, GroupReport } from '../../../shared/schemas/groups';
import { staffNames } from '../trust/staff';
import { BELOW_FLOOR, concentration, groupTable } from './group-figures';
import { staffName } from '../../../shared/staff-name';
import type { CoreContext } from '../platform/context';
import { groupOptions, memberColumns, segmentMembers } from '../customers/selection';
import { SUITABILITY_FINDING_NAMES, type SuitabilityFinding } from '../../../shared/schemas/suitability';
import type { HouseholdRole } from '../../../shared/schemas/households';

const HOUSEHOLD_ROLE_WORDS: Record<HouseholdRole, string> = {
  head: '户主',
  spouse: '配偶',
  parent: '父母',
  child: '子女',
  other: '其他',
};

/** The words of values that are codes (gender, unknowns); the rest are their own label. */
function labelOf(dimension: GroupDimension, managerNames: Map<string, string>) {
  return (key: string): string => {
    if (dimension === 'householdSize') return key === 'unknown' ? '不在家庭中' : `${key} 人`;
    if (dimension === 'householdRole')
      return key === 'unknown' ? '不在家庭中' : HOUSEHOLD_ROLE_WORDS[key as HouseholdRole];
    if (key === 'unknown')
      return dimension === 'risk'
        ? '未评估'
        : dimension === 'manager'
          ? '未分配'
          : dimension === 'suitability'
            ? '未持有产品'
            : '未知';
    if (dimension === 'suitability') return SUITABILITY_FINDING_NAMES[key as SuitabilityFinding][0];
    if (key === BELOW_FLOOR) return '低于门槛（观察中）';
    if (dimension === 'gender') return key === 'M' ? '男' : '女';
    if (dimension === 'manager') return staffName(managerNames.get(key) ?? null, key) ?? key;
    return key;
  };
}

/** One dimension's table of a segment, with its Pareto shares and Lorenz curve. */
export async function getGroupReport(ctx: CoreContext, query: GroupQuery): Promise<GroupReport> {
  const { segment, ids, aums } = segmentMembers(ctx, query);
  const options = groupOptions(query, segment.thresholdFen);
  const members = {
    ids,
    aums,
    columns: memberColumns(ctx, query.dimension, options.referenceDate, query.month, query.countHouseholds === true),
  };
  const managerNames = staffNames(ctx.store.sqlite);
  return {
    month: query.month,
    referenceDate: options.referenceDate,
    segment,
    dimension: query.dimension,
    count: ids.length,
    aumFen: aums.reduce((sum, v) => (Number.isNaN(v) ? sum : sum + v), 0),
    rows: groupTable(query.dimension, members, options, labelOf(query.dimension, managerNames)),
    ...concentration(aums),
  };
}
