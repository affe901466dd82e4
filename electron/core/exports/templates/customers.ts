import { type ExportRequest } from '../../../../shared/schemas/exports';
import { TIER_STATUS_NAMES, TIER_STATUSES } from '../../../../shared/schemas/tiers';
import { snapshotSlot } from '../../tiers/tiers';
import { type CellValue } from '../report-writer';
import { type CustomerView } from '../../trust/access-scope';
import { type ReportSheet } from '../write-report';
import { type CoreContext } from '../../platform/context';
import { tierNames } from '../../tiers/tier-history';
import { rulesForMonth, tierSnapshotOf } from '../../tiers/tiers';
import { countCustomersOfBook, prepareCustomerDetailRows } from '../exports-repository';
import { STEP, col, customerNoColumn, customerNameColumn, balance, gender, noData } from '../sheets';

/** 客户明细: one row per customer (of the book, for a 客户经理 without the branch view) with the month's tier, status and assets; read in steps of customers by id. */
export function customerDetailSheet(
  ctx: CoreContext,
  request: ExportRequest,
  view: CustomerView,
  title: string,
): ReportSheet {
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
        row[10] = TIER_STATUS_NAMES[slot >= 0 ? TIER_STATUSES[snapshot.status[slot]] : 'absent'];
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
