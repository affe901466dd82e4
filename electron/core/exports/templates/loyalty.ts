import { type ExportRequest } from '../../../../shared/schemas/exports';
import { getPointsAnalysis } from '../../loyalty/points-analysis';
import { type CoreContext } from '../../platform/context';
import { col, fixedSheet } from '../sheets';
import { type ReportSheet } from '../write-report';

/**
 * 积分分析 (docs/domain.md, "Loyalty points"): per month of the twelve to the report's month and per tier, the customers
 * with points, the points earned, redeemed and expired in the month and those unspent at its end.
 */
export function loyaltySheets(ctx: CoreContext, request: ExportRequest, title: string): ReportSheet[] {
  const analysis = getPointsAnalysis(ctx, { toMonth: request.month });
  const names = new Map(analysis.tiers.map((tier) => [tier.code, tier.name]));
  const order = new Map(analysis.tiers.map((tier, i) => [tier.code, i]));
  const cells = [...analysis.cells].sort(
    (a, b) => a.month.localeCompare(b.month) || (order.get(a.tierCode) ?? 99) - (order.get(b.tierCode) ?? 99),
  );
  return [
    fixedSheet(
      {
        name: '按月按层级',
        title: `${title}（${analysis.months[0] ?? request.month} 至 ${request.month}）`,
        columns: [
          col('月份', 10, 'string'),
          col('层级', 14, 'string'),
          col('有积分客户', 12, 'int'),
          col('计提', 12, 'int'),
          col('兑换', 12, 'int'),
          col('到期', 12, 'int'),
          col('月末未用', 14, 'int'),
        ],
      },
      cells.map((c) => [
        c.month,
        c.tierCode ? (names.get(c.tierCode) ?? c.tierCode) : '未分层',
        c.customers,
        c.earned,
        c.redeemed,
        c.expired,
        c.outstanding,
      ]),
    ),
  ];
}
