import { formatPercent, formatThreshold } from '../../../../shared/format';
import { type ExportRequest } from '../../../../shared/schemas/exports';
import {
  GROUP_DIMENSIONS,
  GROUP_DIMENSION_NAMES,
  type GroupReport,
  type GroupSegment,
} from '../../../../shared/schemas/groups';
import { isWholeBranch, protectAggregates, type CustomerView } from '../../trust/access-scope';
import { type ReportSheet } from '../write-report';
import { type CoreContext } from '../../platform/context';
import { getGroupReport } from '../../groups/groups';
import { col, titleOf, fixedSheet } from '../sheets';

/**
 * 群体特征: every dimension's table of one segment, then its concentration (Pareto shares, Lorenz curve) — for a viewer
 * the branch's money is withheld from, the counts alone: no AUM bands, no concentration.
 */
export async function groupSheets(
  ctx: CoreContext,
  request: ExportRequest,
  view: CustomerView,
  branch: string,
): Promise<ReportSheet[]> {
  const segment = request.segment as GroupSegment;
  const sheets: ReportSheet[] = [];
  const reports = [];
  const restricted = !isWholeBranch(view);
  for (const dimension of GROUP_DIMENSIONS.filter((d) => !restricted || d !== 'aumBand')) {
    reports.push(
      protectAggregates(
        view,
        await getGroupReport(ctx, { ...segment, month: request.month, dimension }),
      ) as GroupReport,
    );
  }
  const report = reports[0];
  const name =
    report.segment.tierName ??
    report.segment.savedSegmentName ??
    `月日均≥${formatThreshold(report.segment.thresholdFen, 'wan', 'zh')}`;
  const title = titleOf(branch, request, `${name}（${report.count} 户，年龄与开户年限以 ${report.referenceDate} 计）`);
  for (const { dimension, rows } of reports) {
    sheets.push(
      fixedSheet(
        {
          name: GROUP_DIMENSION_NAMES[dimension],
          title,
          totalLabel: '合计',
          columns: [
            col(GROUP_DIMENSION_NAMES[dimension], 16, 'string'),
            col('客户数', 10, 'int', true),
            col('占比', 9, 'percent', true),
            col('月日均合计（万元）', 18, 'wan', true),
            col('户均（万元）', 12, 'wan'),
            col('中位数（万元）', 14, 'wan'),
          ],
        },
        rows.map((r) => [r.label, r.count, r.share, r.aumFen, r.averageFen, r.medianFen]),
      ),
    );
  }
  if (restricted) return sheets;
  sheets.push(
    fixedSheet(
      { name: '集中度', title, columns: [col('月日均最高的客户', 18, 'string'), col('持有月日均占比', 16, 'percent')] },
      report.pareto.map((p) => [`前 ${formatPercent(p.topShare)}`, p.aumShare]),
    ),
    fixedSheet(
      {
        name: '洛伦兹曲线',
        title,
        columns: [col('客户累计占比（由低到高）', 22, 'percent'), col('月日均累计占比', 16, 'percent')],
      },
      report.lorenz.map((p) => [p.customers, p.aum]),
    ),
  );
  return sheets;
}
