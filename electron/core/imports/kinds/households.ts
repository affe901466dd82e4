import { householdFileState } from '../../households/households';
import { planHouseholdFile, type FileMembership } from '../../households/household-rules';
import { recordImportedHouseholds } from '../household-import-repository';
import type { HouseholdRecord } from '../import-rows';
import type { ImportKindSpec } from './kind';
import { planRecords, type ImportPlan } from './planner';

const FIELD_COLUMNS: Record<'customerNo' | 'headNo' | 'relation', string> = {
  customerNo: 'customerNo',
  headNo: 'headNo',
  relation: 'relation',
};

const idsOf = (plan: ImportPlan) => (no: string) => plan.ids.get(no);

/**
 * Head office's households file (家庭成员: 客户号, 户主客户号, 关系, 加入日期): the head's row names the head itself;
 * each member's row its head and relation. The whole file is checked as the card checks a member (docs/domain.md,
 * "Households"), each refusal naming its row; new households and members are written with the batch, which undo takes
 * back.
 */
export const households: ImportKindSpec = {
  plan: (ctx, planner) => {
    const all: HouseholdRecord[] = [];
    return planRecords<HouseholdRecord, null>(planner, {
      lookUp: (customerNos) => {
        planner.customerIds(customerNos);
        return null;
      },
      plan: (record) => {
        all.push(record);
        if (!planner.plan.ids.has(record.customerNo))
          planner.refuse(
            record,
            `客户号 ${record.customerNo} 不在客户名单中；家庭成员只能是已有客户`,
            `customer ${record.customerNo} is unknown`,
            record.customerNo,
            planner.where.keyColumn,
          );
      },
      finish: () => {
        planner.customerIds([...new Set(all.map((r) => r.headNo))]);
        const state = householdFileState(ctx, idsOf(planner.plan));
        const plan = planHouseholdFile(all, state);
        const byRow = new Map(all.map((r) => [r.row, r]));
        for (const r of plan.refusals)
          planner.refuse(
            byRow.get(r.row) ?? r,
            r.message,
            r.messageEn,
            r.value,
            planner.columnOf(FIELD_COLUMNS[r.field]),
          );
      },
    });
  },
  commit: (ctx, { plan, records }) => {
    const rows = records as HouseholdRecord[];
    return (batch) => {
      const planned = planHouseholdFile(rows, householdFileState(ctx, idsOf(plan)));
      const joinedOf = (r: FileMembership) => (r as HouseholdRecord).joinedDate ?? batch.today;
      const membership = (r: FileMembership) => ({
        customerId: plan.ids.get(r.customerNo) as number,
        role: r.relation ?? 'head',
        joinedDate: joinedOf(r),
      });
      recordImportedHouseholds(
        ctx.store.sqlite,
        batch,
        planned.created.map((h) => ({
          createdDate: h.rows.map(joinedOf).reduce((a, b) => (a < b ? a : b)),
          members: h.rows.map(membership),
        })),
        planned.joining.map((j) => ({ householdId: j.householdId, ...membership(j.row) })),
      );
    };
  },
  summaryRows: 'householdRows',
  // With household qualification on, a member's tier follows their household's figure (docs/domain.md, "Households").
  tiers: { from: 'everyMonth', valuesFromSnapshots: true },
};
