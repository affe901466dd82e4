import { benefitUseChecker, type BenefitUseChecker } from '../../benefits/benefits';
import { recordImportedBenefitUses } from '../benefit-usage-import-repository';
import type { BenefitUseRecord } from '../import-rows';
import type { ImportKindSpec } from './kind';
import { planRecords, type ImportPlanner } from './planner';

/** The column a refusal of the rules names (`D 使用日期`), by the field it is about. */
const FIELD_OF: Record<string, string> = { count: 'useCount', date: 'usedDate', benefitCode: 'benefit' };

/**
 * A use: of a known customer, naming a benefit of the catalogue of its month (by code or name), and allowed by
 * the rules as the card would allow it (docs/domain.md, "Benefits"), counting the file's earlier uses. Nothing
 * overrides a refusal here: the 支行长 records such a use on the card.
 */
function planUse(planner: ImportPlanner, checker: BenefitUseChecker, record: BenefitUseRecord): void {
  const id = planner.plan.ids.get(record.customerNo);
  if (id === undefined) {
    planner.refuse(
      record,
      `客户号 ${record.customerNo} 不在客户名单中；权益使用只能记到已有客户名下`,
      `customer ${record.customerNo} is unknown`,
      record.customerNo,
      planner.where.keyColumn,
    );
    return;
  }
  const code = checker.resolve(record.benefit, record.usedDate);
  if (code === null) {
    planner.refuse(
      record,
      `权益“${record.benefit}”不在 ${record.usedDate.slice(0, 7)} 的权益目录中（设置 · 客户权益）`,
      `no benefit "${record.benefit}" in the catalogue of ${record.usedDate.slice(0, 7)}`,
      record.benefit,
      planner.columnOf('benefit'),
    );
    return;
  }
  const refusal = checker.check(id, { benefitCode: code, date: record.usedDate, count: record.count });
  // The commit writes the code the preview found, whatever the catalogue says by then.
  if (!refusal) record.benefit = code;
  else
    planner.refuse(
      record,
      `客户 ${record.customerNo}：${refusal.message}`,
      `customer ${record.customerNo}: ${refusal.messageEn}`,
      refusal.field === 'count' ? String(record.count) : refusal.field === 'date' ? record.usedDate : record.benefit,
      planner.columnOf(FIELD_OF[refusal.field] ?? 'benefit'),
    );
}

/**
 * Head office's benefit-usage file (权益使用: 客户号, 权益名称或代码, 使用日期, 次数, 备注): each use recorded for its
 * customer with the batch; undoing the batch removes them.
 */
export const benefitUsage: ImportKindSpec = {
  plan: (ctx, planner) => {
    const checker = benefitUseChecker(ctx);
    return planRecords<BenefitUseRecord, null>(planner, {
      lookUp: (customerNos) => {
        checker.addCustomers([...planner.customerIds(customerNos).values()]);
        return null;
      },
      plan: (record) => planUse(planner, checker, record),
    });
  },
  commit:
    (ctx, { plan, records }) =>
    (batch) => {
      recordImportedBenefitUses(
        ctx.store.sqlite,
        batch,
        (records as BenefitUseRecord[]).map((r) => ({
          customerId: plan.ids.get(r.customerNo) as number,
          benefitCode: r.benefit,
          usedDate: r.usedDate,
          count: r.count,
          note: r.note,
        })),
      );
    },
  summaryRows: 'benefitUseRows',
  tiers: null,
};
