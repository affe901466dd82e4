import { type ExportRequest } from '../../../../shared/schemas/exports';
import { TIER_STATUS_NAMES } from '../../../../shared/schemas/tiers';
import { type CustomerFilter, type CustomerSort } from '../../../../shared/schemas/customer';
import { type CellValue } from '../report-writer';
import { type CustomerView } from '../../trust/access-scope';
import { type ReportSheet } from '../write-report';
import { type CoreContext } from '../../platform/context';
import { getCustomersCount, getCustomersPage } from '../../customers/customers';
import { prepareUnmaskedContactLookup } from '../exports-repository';
import { LIST_PAGE, col, customerNoColumn, customerNameColumn, balance, gender } from '../sheets';

/** 客户列表: the list with its filter (within the book, for a 客户经理 without the branch view) and order, page by page, the columns it shows. */
export async function listSheet(
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
  const { total } = await getCustomersCount(ctx, { month, filter }, view.masksNames);
  const unmasked = prepareUnmaskedContactLookup(ctx.store.sqlite);
  async function* rows(): AsyncGenerator<CellValue[][]> {
    for (let cursor: string | null = null, first = true; first || cursor !== null; first = false) {
      const page = await getCustomersPage(ctx, { month, filter, sort, cursor, limit: LIST_PAGE }, view.masksNames);
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
