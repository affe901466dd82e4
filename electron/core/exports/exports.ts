/**
 * Head-office report workbooks: 月度分层报表, 客户明细, 群体特征 and any customer list as shown, as xlsx or CSV.
 * Each template turns the services' figures into sheets (plain rows: money in 分, dates as text); the report worker
 * writes them. Each template reads only the rows of the exporting 客户经理's book where it is narrowed; every sheet's
 * customer rows are then narrowed and masked row by row (`protectSheet`): ID numbers and mobiles masked unless the
 * user exports in full with a reason, no balance for a teller. Every export, also a failed or cancelled one, is in
 * the audit log with what was exported.
 */
import path from 'node:path';
import { AppError } from '../../../shared/errors';
import { formatMonthTitle, formatPercent, formatWan } from '../../../shared/format';
import { addMonths } from '../../../shared/month';
import {
  COMPLAINT_CATEGORY_NAMES,
  COMPLAINT_CHANNEL_NAMES,
  COMPLAINT_STATUS_NAMES,
} from '../../../shared/schemas/complaints';
import {
  isPersonalTemplate,
  REPORT_TEMPLATE_NAMES,
  type ExportRequest,
  type ExportResult,
  type ReportTemplate,
} from '../../../shared/schemas/exports';
import {
  GROUP_DIMENSIONS,
  GROUP_DIMENSION_NAMES,
  type GroupReport,
  type GroupSegment,
} from '../../../shared/schemas/groups';
import { WARNING_LEVEL_NAMES, WARNING_SIGNAL_NAMES } from '../../../shared/schemas/retention';
import { TIER_STATUS_NAMES, TIER_STATUSES } from '../../../shared/schemas/tiers';
import type { CustomerFilter, CustomerSort } from '../../../shared/schemas/customer';
import { appendAudit } from '../trust/audit-repository';
import { getBranchSetting, staffNames } from '../branch/branch-repository';
import { snapshotSlot } from '../tiers/tier-snapshots-repository';
import type { CellValue, ReportColumn, SheetSpec } from './report-writer';
import { isWholeBranch, protectAggregates, type CustomerView } from '../trust/access-scope';
import type { TierMatrix, TierOverview } from '../../../shared/schemas/tier-views';
import { protectSheet } from './export-rows';
import { writeReport, type ReportSheet } from './write-report';
import type { JobControl } from '../platform/jobs';
import type { CoreContext } from '../platform/context';
import { getCustomersCount, getCustomersPage } from '../customers/customers';
import { getGroupReport } from '../groups/groups';
import { complaintAnalysis, complaintsReceived } from '../complaints/complaints';
import { getRetentionResults, getWarnings } from '../retention/retention';
import { tierNames } from '../tiers/tier-history';
import { careItems } from '../workbench/care';
import { CARE_KIND_NAMES, type CareItem, type CareQuery } from '../../../shared/schemas/workbench';
import { getTierMatrix, getTierOverview, rulesForMonth, tierSnapshotOf } from '../tiers/tiers';
import {
  countCustomersOfBook,
  listAuditRowsBetween,
  prepareCustomerDetailRows,
  prepareMobileLookup,
  prepareUnmaskedContactLookup,
} from './exports-repository';

/** Rows read and sent to the writer at a time (between them, other calls run and a cancel is noticed). */
const STEP = 5_000;
/** The customer list's page size (its largest). */
const LIST_PAGE = 500;

const col = (
  header: string,
  width: number,
  kind: ReportColumn['kind'],
  sum = false,
  customer?: ReportColumn['customer'],
): ReportColumn => ({ header, width, kind, sum, ...(customer ? { customer } : {}) });
/** The customer's number and name, the first two columns of every customer sheet. */
const customerNoColumn = col('客户编号', 14, 'text', false, 'number');
const customerNameColumn = (header = '姓名') => col(header, 10, 'string', false, 'name');
/** An amount of the customer's own (hidden from tellers), in 元. */
const balance = (header: string, sum = false) => col(header, 16, 'yuan', sum, 'balance');
const gender = (g: string | null) => (g === 'M' ? '男' : g === 'F' ? '女' : null);

function noData(month: string): AppError {
  return new AppError('NOT_FOUND', `${month} 没有资产数据，无法导出。`, `${month} has no asset data to export.`, {
    field: 'month',
  });
}

/** The title row: branch, report, month, and whether personal data is masked. */
function titleOf(branch: string, request: ExportRequest, extra = ''): string {
  const masking = isPersonalTemplate(request.template)
    ? request.full
      ? '（含完整个人信息）'
      : '（个人信息已脱敏）'
    : '';
  return (
    [branch, REPORT_TEMPLATE_NAMES[request.template], formatMonthTitle(request.month), extra]
      .filter(Boolean)
      .join(' ') + masking
  );
}

/** 客户明细: one row per customer (of the book, for a 客户经理 without the branch view) with the month's tier, status and assets; read in steps of customers by id. */
function customerDetailSheet(ctx: CoreContext, request: ExportRequest, view: CustomerView, title: string): ReportSheet {
  const found = tierSnapshotOf(ctx, request.month);
  if (!found || !found.aumFen.some((v) => !Number.isNaN(v))) throw noData(request.month);
  const snapshot = found;
  const { sqlite } = ctx.store;
  const names = tierNames(rulesForMonth(ctx, request.month));
  // The row as written, but for tier and status (from the snapshot): filled in place, no copies.
  const customers = prepareCustomerDetailRows(sqlite, STEP);
  const book = view.bookOf;
  // No statement stays open between chunks: other calls share the connection while the worker writes.
  function* chunks(): Generator<CellValue[][]> {
    for (let after = 0; ;) {
      const chunk = customers(request.month, after, book);
      if (chunk.length === 0) return;
      after = chunk[chunk.length - 1][9] as number;
      for (const row of chunk) {
        const slot = snapshotSlot(snapshot, row[9] as number);
        const tier = slot >= 0 && snapshot.tier[slot] >= 0 ? snapshot.tierCodes[snapshot.tier[slot]] : null;
        row[9] = tier ? (names.get(tier) ?? tier) : null;
        row[10] = TIER_STATUS_NAMES[slot >= 0 ? TIER_STATUSES[snapshot.status[slot]] : 'missing'];
        row[2] = gender(row[2] as string | null);
      }
      yield chunk;
    }
  }
  const money = (header: string) => balance(`${header}（元）`, true);
  return {
    spec: {
      name: '客户明细',
      title,
      totalLabel: '合计（{n} 户）',
      columns: [
        customerNoColumn,
        customerNameColumn(),
        col('性别', 6, 'string'),
        col('出生日期', 12, 'date'),
        col('证件号码', 20, 'text', false, 'idNumber'),
        col('手机号', 14, 'text', false, 'mobile'),
        col('客户经理工号', 12, 'text'),
        col('客户经理', 10, 'string'),
        col('开户日期', 12, 'date'),
        col('客户层级', 12, 'string'),
        col('层级状态', 10, 'string'),
        { ...money('金融资产月日均'), width: 18 },
        money('储蓄存款'),
        money('其中活期'),
        money('理财'),
        money('基金'),
        money('保险'),
        money('其他'),
      ],
    },
    expectedRows: countCustomersOfBook(sqlite, book),
    chunks: chunks(),
  };
}

/**
 * A small sheet whose rows are all known. A column with a figure not shown (a group too small to show this viewer its
 * money) has no total: the sum of the rest would pass for the whole.
 */
const fixedSheet = (spec: SheetSpec, rows: CellValue[][]): ReportSheet => ({
  spec: {
    ...spec,
    columns: spec.columns.map((c, i) => (c.sum && rows.some((row) => row[i] === null) ? { ...c, sum: false } : c)),
  },
  expectedRows: rows.length,
  chunks: [rows],
});

/** 月度分层报表: tier summary and statuses, the tier matrix from the month before, warnings (of the book), retention results. */
async function monthlySheets(
  ctx: CoreContext,
  request: ExportRequest,
  view: CustomerView,
  title: string,
): Promise<ReportSheet[]> {
  const { month } = request;
  const overview = protectAggregates(view, getTierOverview(ctx, month), true) as TierOverview;
  if (overview.tiers.every((t) => t.count === 0)) throw noData(month);
  const total = overview.tiers.reduce((n, t) => n + t.count, 0);
  const previous = overview.previousMonth;
  const sheets: ReportSheet[] = [
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
  if (previous) {
    const matrix = protectAggregates(view, getTierMatrix(ctx, previous, month)) as TierMatrix;
    const label = (code: string | null) =>
      code === null ? '未评定' : (matrix.rows.concat(matrix.columns).find((t) => t.code === code)?.name ?? code);
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
              ...toCodes.map((to) => col(label(to), 12, kind, true)),
              col('合计', 12, kind, true),
            ],
          },
          fromCodes.map((from) => {
            const values = toCodes.map((to) => value(from, to));
            return [
              label(from),
              ...values,
              values.includes(null) ? null : (values as number[]).reduce((a, b) => a + b, 0),
            ];
          }),
        ),
      );
    }
  }
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
  sheets.push({
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
  });
  if (previous) {
    const results = await getRetentionResults(ctx, { fromMonth: previous, toMonth: month });
    sheets.push(
      fixedSheet(
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
      ),
    );
  }
  return sheets;
}

/**
 * 群体特征: every dimension's table of one segment, then its concentration (Pareto shares, Lorenz curve) — for a viewer
 * the branch's money is withheld from, the counts alone: no AUM bands, no concentration.
 */
async function groupSheets(
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
    report.segment.tierName ?? report.segment.savedSegmentName ?? `月日均≥${formatWan(report.segment.thresholdFen)}`;
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

/** 客户列表: the list with its filter (within the book, for a 客户经理 without the branch view) and order, page by page, the columns it shows. */
async function listSheet(
  ctx: CoreContext,
  request: ExportRequest,
  view: CustomerView,
  title: string,
): Promise<ReportSheet> {
  const { month } = request;
  const filter = {
    ...(request.filter as CustomerFilter),
    ...(view.bookOf === null ? {} : { managerCode: view.bookOf }),
  };
  const sort = request.sort as CustomerSort;
  const { total } = await getCustomersCount(ctx, { month, filter });
  const unmasked = prepareUnmaskedContactLookup(ctx.store.sqlite);
  async function* rows(): AsyncGenerator<CellValue[][]> {
    for (let cursor: string | null = null, first = true; first || cursor !== null; first = false) {
      const page = await getCustomersPage(ctx, { month, filter, sort, cursor, limit: LIST_PAGE });
      cursor = page.nextCursor;
      yield page.rows.map((r) => {
        const [idNumber, mobile] = request.full ? unmasked(r.customerNo) : [r.idNumberMasked, r.mobileMasked];
        return [
          r.customerNo,
          r.name,
          gender(r.gender),
          r.age,
          r.aumFen,
          r.tierName,
          TIER_STATUS_NAMES[r.tierStatus],
          r.managerName ?? r.managerCode,
          mobile,
          idNumber,
          r.riskLevel,
          r.openedDate,
          r.closedDate,
        ];
      });
    }
  }
  return {
    spec: {
      name: '客户列表',
      title,
      totalLabel: '合计（{n} 户）',
      columns: [
        customerNoColumn,
        customerNameColumn(),
        col('性别', 6, 'string'),
        col('年龄', 6, 'int'),
        balance('月日均（元）', true),
        col('层级', 12, 'string'),
        col('层级状态', 10, 'string'),
        col('客户经理', 10, 'string'),
        col('手机号', 14, 'text', false, 'mobile'),
        col('证件号码', 20, 'text', false, 'idNumber'),
        col('风险等级', 8, 'string'),
        col('开户日期', 12, 'date'),
        col('销户日期', 12, 'date'),
      ],
    },
    expectedRows: total,
    chunks: rows(),
  };
}

/** 投诉统计: the complaints received in the 12 months to `month`, each with its handling, and the analysis tables. */
function complaintSheets(ctx: CoreContext, request: ExportRequest, title: string): ReportSheet[] {
  const fromMonth = addMonths(request.month, -11);
  const period = `${title}（${fromMonth} 至 ${request.month} 收到）`;
  const complaints = complaintsReceived(ctx, fromMonth, request.month);
  const analysis = complaintAnalysis(ctx, { fromMonth, toMonth: request.month });
  const yesNo = (v: boolean | null) => (v === null ? null : v ? '是' : '否');
  const counts = (name: string, header: string, rows: Array<[string, number]>) =>
    fixedSheet(
      { name, title: period, totalLabel: '合计', columns: [col(header, 16, 'string'), col('件数', 10, 'int', true)] },
      rows,
    );
  return [
    fixedSheet(
      {
        name: '投诉记录',
        title: period,
        totalLabel: '合计（{n} 件）',
        columns: [
          col('投诉编号', 16, 'text'),
          col('收到日期', 12, 'date'),
          customerNoColumn,
          customerNameColumn('客户'),
          col('客户经理', 10, 'string'),
          col('类别', 10, 'string'),
          col('渠道', 10, 'string'),
          col('监管转办', 8, 'string'),
          col('状态', 8, 'string'),
          col('受理日期', 12, 'date'),
          col('到期日', 12, 'date'),
          col('答复日期', 12, 'date'),
          col('办理天数', 8, 'int'),
          col('按时答复', 8, 'string'),
          col('客户满意', 8, 'string'),
          col('复核次数', 8, 'int', true),
        ],
      },
      complaints.map((c) => [
        c.complaintNo,
        c.receivedAt,
        c.customerNo,
        c.customerName,
        c.managerName,
        COMPLAINT_CATEGORY_NAMES[c.category],
        COMPLAINT_CHANNEL_NAMES[c.channel],
        yesNo(c.regulatorReferred),
        COMPLAINT_STATUS_NAMES[c.status],
        c.acceptedDate,
        c.deadline.dueDate,
        c.repliedDate,
        c.deadline.handlingDays,
        yesNo(c.deadline.onTime),
        yesNo(c.satisfied),
        c.reviews,
      ]),
    ),
    fixedSheet(
      {
        name: '按月份',
        title: `${period} 办理天数中位数 ${analysis.medianHandlingDays ?? '—'} 天，按时答复率 ${analysis.onTimeRate === null ? '—' : formatPercent(analysis.onTimeRate)}，客户满意率 ${analysis.satisfiedRate === null ? '—' : formatPercent(analysis.satisfiedRate)}`,
        totalLabel: '合计',
        columns: [
          col('月份', 10, 'string'),
          col('收到', 8, 'int', true),
          col('已答复', 8, 'int', true),
          col('按时', 8, 'int', true),
        ],
      },
      analysis.byMonth.map((m) => [m.month, m.count, m.replied, m.onTime]),
    ),
    counts(
      '按类别',
      '类别',
      analysis.byCategory.map((c) => [
        COMPLAINT_CATEGORY_NAMES[c.key as keyof typeof COMPLAINT_CATEGORY_NAMES] ?? c.key,
        c.count,
      ]),
    ),
    counts(
      '按渠道',
      '渠道',
      analysis.byChannel.map((c) => [
        COMPLAINT_CHANNEL_NAMES[c.key as keyof typeof COMPLAINT_CHANNEL_NAMES] ?? c.key,
        c.count,
      ]),
    ),
    counts(
      '按客户经理',
      '客户经理',
      analysis.byManager.map((m) => [m.managerName ?? '未分配', m.count]),
    ),
    fixedSheet(
      {
        name: '重复投诉',
        title: period,
        columns: [customerNoColumn, customerNameColumn('客户'), col('件数', 8, 'int')],
      },
      analysis.repeatComplainants.map((r) => [r.customerNo, r.customerName, r.count]),
    ),
  ];
}

/** What a care date is about, in words: 60 岁生日（农历八月十五）, 大额存单 50.00万 2026-12-31 到期（提前 7 天）. */
function careDetail(item: CareItem): string {
  switch (item.kind) {
    case 'birthday':
      return `${item.years} 岁生日${item.lunar ? `（农历${item.lunarLabel}）` : ''}`;
    case 'maturity':
      return `${item.productName ?? ''} ${item.amountFen === null ? '' : `${formatWan(item.amountFen)} `}${item.dueDate} 到期（提前 ${item.daysAhead} 天）`;
    case 'anniversary':
      return `开户 ${item.years} 周年`;
    default:
      return `${item.dueDate} 到期`;
  }
}

/** 关怀名单: the care calendar's items of the period (of the book, for a 客户经理 without the branch view), with the mobile to call. */
function callListSheet(ctx: CoreContext, request: ExportRequest, view: CustomerView, branch: string): ReportSheet {
  const care = request.care as CareQuery;
  const { items } = careItems(
    ctx,
    { ...care, managerCode: view.bookOf ?? care.managerCode ?? null },
    Number.POSITIVE_INFINITY,
  );
  const mobile = prepareMobileLookup(ctx.store.sqlite);
  return fixedSheet(
    {
      name: '关怀名单',
      title: titleOf(branch, request, `${care.from} 至 ${care.to}`),
      totalLabel: '合计（{n} 项）',
      columns: [
        col('日期', 12, 'date'),
        col('事由', 12, 'string'),
        col('详情', 36, 'string'),
        customerNoColumn,
        customerNameColumn(),
        col('层级', 12, 'string'),
        col('客户经理', 10, 'string'),
        col('手机号', 14, 'text', false, 'mobile'),
        col('联系结果', 20, 'string'),
      ],
    },
    items.map((item) => [
      item.date,
      CARE_KIND_NAMES[item.kind],
      careDetail(item),
      item.customerNo,
      item.name,
      item.tierName,
      item.managerName ?? item.managerCode,
      mobile(item.customerNo),
      null,
    ]),
  );
}

/**
 * Each template's sheets (`view`: whose rows and how masked; `title`: the title row; `branch`: the branch's name, for
 * templates that title their own).
 */
type Template = (
  ctx: CoreContext,
  request: ExportRequest,
  view: CustomerView,
  title: string,
  branch: string,
) => ReportSheet[] | Promise<ReportSheet[]>;
const TEMPLATES: Record<ReportTemplate, Template> = {
  monthly: monthlySheets,
  customers: (ctx, request, view, title) => [customerDetailSheet(ctx, request, view, title)],
  groups: (ctx, request, view, _title, branch) => groupSheets(ctx, request, view, branch),
  list: async (ctx, request, view, title) => [await listSheet(ctx, request, view, title)],
  complaints: (ctx, request, _view, title) => complaintSheets(ctx, request, title),
  audit: (ctx, request, _view, title) => auditSheets(ctx, request, title),
  callList: (ctx, request, view, _title, branch) => [callListSheet(ctx, request, view, branch)],
};

/** 审计日志: every entry of the 12 months to the month, oldest first, with its link in the chain. */
function auditSheets(ctx: CoreContext, request: ExportRequest, title: string): ReportSheet[] {
  const fromMonth = addMonths(request.month, -11);
  const names = staffNames(ctx.store.sqlite);
  const rows = listAuditRowsBetween(ctx.store.sqlite, `${fromMonth}-01`, `${addMonths(request.month, 1)}-01`);
  for (const row of rows) row[3] = row[2] === null ? null : (names.get(row[2] as string) ?? null);
  return [
    fixedSheet(
      {
        name: '审计日志',
        title: `${title}（${fromMonth} 至 ${request.month}）`,
        columns: [
          col('序号', 8, 'int'),
          col('时间', 22, 'text'),
          col('工号', 10, 'text'),
          col('姓名', 10, 'string'),
          col('操作', 24, 'text'),
          col('对象', 16, 'text'),
          col('详情', 60, 'text'),
          col('链校验值', 66, 'text'),
        ],
      },
      rows,
    ),
  ];
}

/** The name the file is offered under: `客户明细-2024-03.xlsx`. */
export function exportFileName(request: Pick<ExportRequest, 'template' | 'month' | 'format'>): string {
  return `${REPORT_TEMPLATE_NAMES[request.template]}-${request.month}.${request.format}`;
}

/**
 * Writes the report `request` asks for to `out` as `view` may see it (replaced only once the new file is complete;
 * nothing left on failure or cancel). Audited with what was exported, also when it fails.
 */
export async function exportReport(
  ctx: CoreContext,
  request: ExportRequest,
  view: CustomerView,
  out: string,
  control: JobControl,
): Promise<{ rows: number; unencodable: number }> {
  if (request.full && (request.reason ?? '').trim().length < 2) {
    throw new AppError('VALIDATION', '导出完整个人信息须写明原因（至少 2 个字）。', 'A full export needs a reason.', {
      field: 'reason',
    });
  }
  const audit = (outcome: string, rows: number) =>
    appendAudit(ctx.store.sqlite, {
      at: ctx.now(),
      actor: request.staffCode,
      action: 'exports.report',
      target: request.month,
      detail: {
        template: request.template,
        format: request.format === 'csv' ? `csv-${request.encoding}` : 'xlsx',
        file: path.basename(out),
        full: request.full,
        reason: request.reason,
        ...(request.filter ? { filter: request.filter } : {}),
        ...(request.segment ? { segment: request.segment } : {}),
        rows,
        outcome,
      },
    });
  let rows = 0;
  try {
    const branch = (await getBranchSetting(ctx.store.db, 'branch_name')) ?? '';
    const title = titleOf(branch, request);
    control.report('read', 0, 0);
    const sheets = (await TEMPLATES[request.template](ctx, request, view, title, branch)).map((sheet) =>
      protectSheet(ctx, view, request.full, sheet),
    );
    const format = { format: request.format, encoding: request.encoding };
    const result = await writeReport(out, format, sheets, {
      signal: control.signal,
      report: (phase, done, total) => control.report(phase, (rows = done), total),
    });
    audit('written', result.rows);
    return result;
  } catch (error) {
    audit(error instanceof AppError && error.code === 'CANCELLED' ? 'cancelled' : 'failed', rows);
    throw error;
  }
}

/** The export job: the report written to the private downloads folder, held under a token for whoever exported it. */
export async function exportForDownload(
  ctx: CoreContext,
  request: ExportRequest,
  view: CustomerView,
  control: JobControl,
): Promise<ExportResult> {
  const fileName = exportFileName(request);
  const file = ctx.downloads.reserve(fileName);
  const { rows, unencodable } = await exportReport(ctx, request, view, file, control);
  return { token: ctx.downloads.add(file, fileName, request.staffCode), fileName, rows, unencodable };
}
