import { type ExportRequest } from '../../../../shared/schemas/exports';
import { SUITABILITY_FINDING_NAMES, SUITABILITY_FINDINGS } from '../../../../shared/schemas/suitability';
import { type CoreContext } from '../../platform/context';
import { getSuitabilityOverview, suitabilityRows } from '../../suitability/suitability';
import { type CustomerView } from '../../trust/access-scope';
import { col, customerNameColumn, customerNoColumn, fixedSheet } from '../sheets';
import { type ReportSheet } from '../write-report';

/**
 * 适当性检查 (docs/domain.md, "Suitability"): as of the data month's end, customers by worst finding per manager,
 * and every customer holding products with their assessment and finding — of the exporting 客户经理's book where
 * narrowed.
 */
export function suitabilitySheets(
  ctx: CoreContext,
  request: ExportRequest,
  view: CustomerView,
  title: string,
): ReportSheet[] {
  const managerCode = view.bookOf ?? null;
  const overview = getSuitabilityOverview(ctx, { month: request.month, managerCode: managerCode ?? undefined });
  const heading = `${title}（截至 ${overview.asOf}，每位客户按其最差一笔产品计）`;
  const findings = SUITABILITY_FINDINGS.map((f) => col(SUITABILITY_FINDING_NAMES[f][0], 12, 'int', true));
  return [
    fixedSheet(
      {
        name: '按客户经理',
        title: heading,
        totalLabel: '合计',
        columns: [col('客户经理', 14, 'string'), col('持有产品客户', 12, 'int', true), ...findings],
      },
      overview.managers.map((m) => [
        m.managerCode === null ? '未分配' : (m.managerName ?? m.managerCode),
        m.customers,
        ...SUITABILITY_FINDINGS.map((f) => m.counts[f]),
      ]),
    ),
    fixedSheet(
      {
        name: '客户明细',
        title: heading,
        totalLabel: '合计（{n} 位）',
        columns: [
          customerNoColumn,
          customerNameColumn(),
          col('客户经理', 10, 'string'),
          col('风险等级', 8, 'string'),
          col('评估日期', 12, 'date'),
          col('有效至', 12, 'date'),
          col('专业投资者', 10, 'string'),
          col('适当性', 14, 'string'),
          col('持有笔数', 8, 'int', true),
          col('超出等级的产品', 30, 'string'),
        ],
      },
      suitabilityRows(ctx, request.month, managerCode).map((r) => [
        r.customerNo,
        r.name,
        r.managerName ?? r.managerCode,
        r.riskLevel,
        r.assessedDate,
        r.validUntil,
        r.professional ? '是' : '否',
        SUITABILITY_FINDING_NAMES[r.finding][0],
        r.holdings,
        r.aboveLevel.join('、'),
      ]),
    ),
  ];
}
