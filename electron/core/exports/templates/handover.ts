import { formatWan } from '../../../../shared/format';
import { HANDOVER_REASON_NAMES } from '../../../../shared/schemas/books';
import { type ExportRequest } from '../../../../shared/schemas/exports';
import { staffName } from '../../../../shared/staff-name';
import { handoverListing } from '../../books/handovers';
import { type CoreContext } from '../../platform/context';
import { type ReportSheet } from '../write-report';
import { balance, col, customerNameColumn, customerNoColumn, fixedSheet } from '../sheets';

const who = (name: string | null, code: string | null) =>
  code === null ? '未分配' : `${staffName(name, code)}（${code}）`;

/**
 * 交接清单 (docs/domain.md, "Book history"): a handover's customers with their tier, 月日均 of the month and what goes
 * with them, and a sheet for both managers to sign. The latest handover when none is named; none yet: the lists empty.
 */
export function handoverSheets(ctx: CoreContext, request: ExportRequest, title: string): ReportSheet[] {
  const listing = handoverListing(ctx, request.handoverId, request.month);
  const h = listing?.handover;
  const customers = listing?.customers ?? [];
  const total = customers.reduce((n, c) => n + (c.aumFen ?? 0), 0);
  return [
    fixedSheet(
      {
        name: '交接客户',
        title: h ? `${title} 交接编号 ${h.id}` : `${title}（尚无交接）`,
        totalLabel: '合计（{n} 位）',
        columns: [
          customerNoColumn,
          customerNameColumn(),
          col('原客户经理', 16, 'string'),
          col('层级', 12, 'string'),
          balance('月日均（元）', true),
          col('保级行动', 10, 'int', true),
          col('投诉', 8, 'int', true),
          col('计划', 8, 'int', true),
          col('活动邀请', 10, 'int', true),
        ],
      },
      customers.map((c) => [
        c.customerNo,
        c.name,
        who(c.fromManagerName, c.fromManagerCode),
        c.tierName,
        c.aumFen,
        c.counts.actions,
        c.counts.complaints,
        c.counts.plans,
        c.counts.invitations,
      ]),
    ),
    fixedSheet(
      {
        name: '签字',
        title: `${title} 签字`,
        columns: [col('项目', 16, 'string'), col('内容', 48, 'string')],
      },
      h
        ? [
            ['交接编号', String(h.id)],
            ['生效日', h.effective_date],
            ['原因', HANDOVER_REASON_NAMES[h.reason]],
            ['备注', h.note ?? ''],
            ['原客户经理', [...new Set(customers.map((c) => who(c.fromManagerName, c.fromManagerCode)))].join('、')],
            ['接手客户经理', who(h.to_name, h.to_code)],
            ['客户数', String(customers.length)],
            [`月日均合计（${request.month}）`, formatWan(total)],
            ['随之转交', '未完成的保级行动转给接手客户经理；投诉、工作计划和活动邀请保持不变'],
            ['交出客户经理签字', ''],
            ['接手客户经理签字', ''],
            ['支行长签字', ''],
            ['日期', ''],
          ]
        : [],
    ),
  ];
}
