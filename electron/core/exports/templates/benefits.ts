import { type ExportRequest } from '../../../../shared/schemas/exports';
import { getBenefitAnalysis, listBenefitAnalysisCustomers } from '../../benefits/benefit-analysis';
import { type CoreContext } from '../../platform/context';
import { type CustomerView } from '../../trust/access-scope';
import { col, customerNameColumn, customerNoColumn, fixedSheet } from '../sheets';
import { type ReportSheet } from '../write-report';

/**
 * 客户权益分析 (docs/domain.md, "Benefits"): per tier and benefit the entitled, users, uses and quota used in the year
 * to the month's end, and the entitled who used no benefit — of the exporting 客户经理's book where narrowed.
 */
export function benefitSheets(
  ctx: CoreContext,
  request: ExportRequest,
  view: CustomerView,
  title: string,
): ReportSheet[] {
  const managerCode = view.bookOf ?? undefined;
  const analysis = getBenefitAnalysis(ctx, { month: request.month, managerCode });
  const heading = `${title}（${analysis.month}，使用按 ${analysis.from} 至 ${analysis.to} 计）`;
  return [
    fixedSheet(
      {
        name: '按层级',
        title: heading,
        totalLabel: '合计',
        columns: [
          col('层级', 14, 'string'),
          col('权益', 16, 'string'),
          col('享有', 10, 'int', true),
          col('使用人数', 10, 'int', true),
          col('使用次数', 10, 'int', true),
          col('年度额度', 10, 'int', true),
          col('额度使用率', 10, 'string'),
        ],
      },
      analysis.tiers.flatMap((tier) =>
        tier.benefits
          .filter((b) => b.entitled > 0)
          .map((b) => [
            tier.tierName,
            b.name,
            b.entitled,
            b.users,
            b.uses,
            b.quota,
            b.quotaUsedShare === null ? '—' : `${(b.quotaUsedShare * 100).toFixed(1)}%`,
          ]),
      ),
    ),
    fixedSheet(
      {
        name: '从未使用权益',
        title: heading,
        totalLabel: '合计（{n} 位）',
        columns: [customerNoColumn, customerNameColumn(), col('客户经理', 10, 'string'), col('层级', 14, 'string')],
      },
      analysis.tiers.flatMap((tier) =>
        tier.neverUsed === 0
          ? []
          : listBenefitAnalysisCustomers(ctx, {
              month: request.month,
              managerCode,
              tierCode: tier.tierCode,
              count: 'neverUsed',
            }).rows.map((r) => [r.customerNo, r.name, r.managerName ?? r.managerCode, tier.tierName]),
      ),
    ),
  ];
}
