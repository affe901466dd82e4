import { formatPercent } from '../../../../shared/format';
import { addMonths } from '../../../../shared/month';
import {
  COMPLAINT_CATEGORY_NAMES,
  COMPLAINT_CHANNEL_NAMES,
  COMPLAINT_STATUS_NAMES,
} from '../../../../shared/schemas/complaints';
import { type ExportRequest } from '../../../../shared/schemas/exports';
import { type ReportSheet } from '../write-report';
import { type CoreContext } from '../../platform/context';
import { complaintAnalysis, complaintsReceived } from '../../complaints/complaints';
import { col, customerNoColumn, customerNameColumn, fixedSheet } from '../sheets';

/** 投诉统计: the complaints received in the 12 months to `month`, each with its handling, and the analysis tables. */
export function complaintSheets(ctx: CoreContext, request: ExportRequest, title: string): ReportSheet[] {
  const fromMonth = addMonths(request.month, -11);
  const period = `${title}（${fromMonth} 至 ${request.month} 收到）`;
  const complaints = complaintsReceived(ctx, fromMonth, request.month);
  const analysis = complaintAnalysis(ctx, { fromMonth, toMonth: request.month });
  const counts = (name: string, header: string, rows: Array<[string, number]>) =>
    fixedSheet(
      { name, title: period, totalLabel: '合计', columns: [col(header, 16, 'string'), col('件数', 10, 'int', true)] },
      rows,
    );
  return [
    complaintRecordSheet(complaints, period),
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

const yesNo = (v: boolean | null) => (v === null ? null : v ? '是' : '否');

/** 投诉记录: one row per complaint with its handling. */
function complaintRecordSheet(complaints: ReturnType<typeof complaintsReceived>, period: string): ReportSheet {
  return fixedSheet(
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
  );
}
