import { formatPercent } from '../../../../shared/format';
import { type ExportRequest } from '../../../../shared/schemas/exports';
import { WARNING_LEVEL_NAMES, WARNING_SIGNAL_NAMES } from '../../../../shared/schemas/retention';
import { TIER_STATUS_NAMES } from '../../../../shared/schemas/tiers';
import { type CellValue } from '../report-writer';
import { protectAggregates, type CustomerView } from '../../trust/access-scope';
import { type TierMatrix, type TierOverview } from '../../../../shared/schemas/tier-views';
import { type ReportSheet } from '../write-report';
import { type CoreContext } from '../../platform/context';
import { getRetentionResults, getWarnings } from '../../retention/retention';
import { getTierMatrix, getTierOverview } from '../../tiers/tiers';
import { LIST_PAGE, col, customerNoColumn, customerNameColumn, balance, noData, fixedSheet } from '../sheets';

/** 月度分层报表: tier summary and statuses, the tier matrix from the month before, warnings (of the book), retention results. */
export async function monthlySheets(
  ctx: CoreContext,
  request: ExportRequest,
  view: CustomerView,
  title: string,
): Promise<ReportSheet[]> {
  const { month } = request;
  const overview = protectAggregates(view, getTierOverview(ctx, month), true) as TierOverview;
  if (overview.tiers.every((t) => t.count === 0)) throw noData(month);
  const previous = overview.previousMonth;
  return [
    ...tierSummarySheets(overview, title),
    ...(previous ? matrixSheets(ctx, view, previous, month, title) : []),
    warningSheet(ctx, view, month, title),
    ...(previous ? [await retentionSheet(ctx, previous, month, title)] : []),
  ];
}

/** 层级汇总 and 层级状态. */
function tierSummarySheets(overview: TierOverview, title: string): ReportSheet[] {
  const total = overview.tiers.reduce((n, t) => n + t.count, 0);
  const previous = overview.previousMonth;
  return [
    fixedSheet(
      {
        name: '层级汇总',
        title: previous ? title : `${title}（无上月数据）`,
        totalLabel: '合计',
        columns: [
          col('层级代码', 10, 'text'),
          col('层级', 14, 'string'),
          col('门槛（万元）', 12, 'wan'),
          col('客户数', 10, 'int', true),
          col('占比', 9, 'percent', true),
          col('月日均合计（万元）', 18, 'wan', true),
          col('户均（万元）', 12, 'wan'),
          col(`上月客户数${previous ? `（${previous}）` : ''}`, 14, 'int', true),
          col('上月月日均（万元）', 18, 'wan', true),
          col('客户数增减', 12, 'int', true),
        ],
      },
      overview.tiers.map((t) => [
        t.code,
        t.name,
        t.thresholdFen,
        t.count,
        total === 0 ? 0 : t.count / total,
        t.aumFen,
        t.count === 0 || t.aumFen === null ? null : Math.round(t.aumFen / t.count),
        t.previousCount,
        t.previousAumFen,
        t.previousCount === null ? null : t.count - t.previousCount,
      ]),
    ),
    fixedSheet(
      {
        name: '层级状态',
        title,
        totalLabel: '合计',
        columns: [col('状态', 12, 'string'), col('客户数', 10, 'int', true)],
      },
      overview.statuses.map((s) => [TIER_STATUS_NAMES[s.status], s.count]),
    ),
  ];
}

/** The tier matrix from the month before, in customers and in this month's 月日均. */
function matrixSheets(
  ctx: CoreContext,
  view: CustomerView,
  previous: string,
  month: string,
  title: string,
): ReportSheet[] {
  const sheets: ReportSheet[] = [];
  const matrix = protectAggregates(view, getTierMatrix(ctx, previous, month)) as TierMatrix;
  // In no tier in the month before: 新进; in none this month: 流失/无数据 (docs/domain.md, "Presence").
  const label = (code: string | null, none: string) =>
    code === null ? none : (matrix.rows.concat(matrix.columns).find((t) => t.code === code)?.name ?? code);
  const fromCodes = [...matrix.rows.map((t) => t.code), null];
  const toCodes = [...matrix.columns.map((t) => t.code), null];
  const cell = (from: string | null, to: string | null) => matrix.cells.find((c) => c.from === from && c.to === to);
  for (const [name, kind, value] of [
    ['层级迁移（户数）', 'int', (from: string | null, to: string | null) => cell(from, to)?.count ?? 0],
    // A cell too small to show this viewer its money stays empty (null); a cell nobody is in, 0.
    [
      '层级迁移（本月月日均）',
      'wan',
      (from: string | null, to: string | null) => {
        const found = cell(from, to);
        return found ? found.toAumFen : 0;
      },
    ],
  ] as const) {
    sheets.push(
      fixedSheet(
        {
          name,
          title: `${title} ${previous} → ${month}`,
          totalLabel: '合计',
          columns: [
            col(`${previous} 层级 \\ ${month}`, 18, 'string'),
            ...toCodes.map((to) => col(label(to, '流失/无数据'), 12, kind, true)),
            col('合计', 12, kind, true),
          ],
        },
        fromCodes.map((from) => {
          const values = toCodes.map((to) => value(from, to));
          return [
            label(from, '新进'),
            ...values,
            values.includes(null) ? null : (values as number[]).reduce((a, b) => a + b, 0),
          ];
        }),
      ),
    );
  }
  return sheets;
}

/** 防降级预警: the month's warnings (of the book), written page by page. */
function warningSheet(ctx: CoreContext, view: CustomerView, month: string, title: string): ReportSheet {
  const book = view.bookOf === null ? {} : { managerCode: view.bookOf };
  const warnings = getWarnings(ctx, { month, ...book, offset: 0, limit: 1 });
  async function* warningRows(): AsyncGenerator<CellValue[][]> {
    for (let offset = 0; offset < warnings.total; offset += LIST_PAGE) {
      const page = getWarnings(ctx, { month, ...book, offset, limit: LIST_PAGE });
      yield page.rows.map((w) => [
        w.customerNo,
        w.name,
        w.managerName ?? w.managerCode,
        w.tierName,
        w.status === 'watch' ? '观察' : '临近门槛',
        w.aumFen,
        w.thresholdFen,
        w.amountNeededFen,
        w.score,
        WARNING_LEVEL_NAMES[w.level],
        w.reasons.map((r) => WARNING_SIGNAL_NAMES[r.signal]).join('、'),
        w.openActions,
      ]);
      await Promise.resolve();
    }
  }
  return {
    spec: {
      name: '防降级预警',
      title: `${title}（观察及门槛上方 ${formatPercent(warnings.marginShare)} 以内）`,
      totalLabel: '合计（{n} 户）',
      columns: [
        customerNoColumn,
        customerNameColumn(),
        col('客户经理', 10, 'string'),
        col('层级', 12, 'string'),
        col('状态', 10, 'string'),
        balance('月日均（元）'),
        col('门槛（元）', 16, 'yuan'),
        balance('保级尚需（元）', true),
        col('风险分', 8, 'int', false, 'balance'),
        col('风险等级', 8, 'string'),
        // The reasons are built from balances (a gap, an outflow, a maturing amount): hidden from tellers with them.
        col('主要原因', 36, 'string', false, 'balance'),
        col('进行中的行动', 12, 'int', true),
      ],
    },
    expectedRows: warnings.total,
    chunks: warningRows(),
  };
}

/** 保级成效: each manager's warned customers and what became of them since the month before. */
async function retentionSheet(ctx: CoreContext, previous: string, month: string, title: string): Promise<ReportSheet> {
  const results = await getRetentionResults(ctx, { fromMonth: previous, toMonth: month });
  return fixedSheet(
    {
      name: '保级成效',
      title: `${title} ${previous} → ${month}`,
      totalLabel: '合计',
      columns: [
        col('客户经理工号', 12, 'text'),
        col('客户经理', 10, 'string'),
        col('预警客户', 10, 'int', true),
        col('期初观察', 10, 'int', true),
        col('保级行动', 10, 'int', true),
        col('保级成功', 10, 'int', true),
        col('未行动仍保级', 12, 'int', true),
        col('降级', 8, 'int', true),
        col('流失', 8, 'int', true),
      ],
    },
    results.managers.map((m) => [
      m.managerCode,
      m.managerName ?? '未分配',
      m.warned,
      m.inWatch,
      m.actions,
      m.saved,
      m.heldWithoutAction,
      m.downgraded,
      m.churned,
    ]),
  );
}
