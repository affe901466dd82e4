import { formatWan } from '../../../../shared/format';
import { type ExportRequest } from '../../../../shared/schemas/exports';
import { type CustomerView } from '../../trust/access-scope';
import { type ReportSheet } from '../write-report';
import { type CoreContext } from '../../platform/context';
import { careItems } from '../../workbench/care';
import { CARE_KIND_NAMES, type CareItem, type CareQuery } from '../../../../shared/schemas/workbench';
import { prepareMobileLookup } from '../exports-repository';
import { col, customerNoColumn, customerNameColumn, titleOf, fixedSheet } from '../sheets';

/** What a care date is about, in words: 60 岁生日（农历八月十五）, 大额存单 50.00万 2026-12-31 到期（提前 7 天）. */
function careDetail(item: CareItem): string {
  switch (item.kind) {
    case 'birthday':
      return `${item.years} 岁生日${item.lunar ? `（农历${item.lunarLabel}）` : ''}`;
    case 'maturity':
      return `${item.productName ?? ''} ${item.amountFen === null ? '' : `${formatWan(item.amountFen)} `}${item.dueDate} 到期（提前 ${item.daysAhead} 天）`;
    case 'anniversary':
      return `开户 ${item.years} 周年`;
    case 'riskExpiry':
      return `风险评估${item.riskLevel ? ` ${item.riskLevel}` : ''} 有效期至 ${item.dueDate}`;
    default:
      return `${item.dueDate} 到期`;
  }
}

/** 关怀名单: the care calendar's items of the period (of the book, for a 客户经理 without the branch view), with the mobile to call. */
export function callListSheet(
  ctx: CoreContext,
  request: ExportRequest,
  view: CustomerView,
  branch: string,
): ReportSheet {
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
