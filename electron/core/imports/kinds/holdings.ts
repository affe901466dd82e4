import { holdingsOf, moveHoldingsToUndo, prepareHoldingInsert } from '../imports-repository';
import type { HoldingRecord } from '../import-rows';
import type { ImportKindSpec } from './kind';
import { planRecords } from './planner';

/** Product holdings and maturities: each customer's holdings replaced by the file's (kept for undo). */
export const holdings: ImportKindSpec = {
  plan: (_ctx, planner) =>
    planRecords<HoldingRecord, Map<string, number>>(planner, {
      lookUp: (customerNos) => planner.customerIds(customerNos),
      plan: (record, ids) => {
        const id = ids.get(record.customerNo);
        if (id === undefined)
          planner.refuse(
            record,
            `客户号 ${record.customerNo} 不在客户名单中；请先导入客户信息`,
            `customer ${record.customerNo} is unknown; import the customer master first`,
            record.customerNo,
          );
        else planner.plan.holdingCustomers.add(id);
      },
      finish: () => {
        planner.plan.holdingsReplaced = holdingsOf(planner.sqlite, [...planner.plan.holdingCustomers]);
      },
    }),
  preview: (plan, recordCount) => ({
    holdings: { customers: plan.holdingCustomers.size, rows: recordCount, replacesRows: plan.holdingsReplaced },
  }),
  commit:
    ({ store: { sqlite } }, { plan, records }) =>
    (batch) => {
      moveHoldingsToUndo(sqlite, batch.id, [...plan.holdingCustomers]);
      const insertHolding = prepareHoldingInsert(sqlite);
      for (const h of records as HoldingRecord[]) insertHolding(plan.ids.get(h.customerNo), h);
    },
  summaryRows: 'holdingRows',
  tiers: null,
};
