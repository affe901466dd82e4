import { holdingsOf, moveHoldingsToUndo, prepareHoldingInsert } from '../imports-repository';
import type { HoldingRecord } from '../import-rows';
import { catalogueCodes } from '../product-import-repository';
import type { ImportKindSpec } from './kind';
import { planRecords, type ImportPlanner } from './planner';

/** Products of unknown code named one by one; beyond these, one warning counts the rest. */
const UNKNOWN_PRODUCTS_NAMED = 50;

/** A warning of the whole file. */
const fileWide = (planner: ImportPlanner) => ({
  severity: 'warning' as const,
  file: planner.where.file,
  sheet: planner.where.sheet,
  row: null,
  column: null,
  value: null,
});

/**
 * Holdings whose product is not in the catalogue (or that have no code) are written all the same and checked as
 * such (docs/domain.md, "Suitability"); the preview lists each such product once, with its first row and its count.
 */
function listUnknownProducts(planner: ImportPlanner): void {
  const known = catalogueCodes(planner.sqlite);
  if (known.size === 0) {
    planner.plan.problems.push({
      ...fileWide(planner),
      message: '产品目录为空：持有的产品都无法检查适当性；请导入产品目录',
      messageEn: 'the product catalogue is empty: no holding can be checked for suitability; import the catalogue',
    });
    return;
  }
  const unknown = new Map<string, { first: HoldingRecord; rows: number }>();
  for (const record of planner.records as HoldingRecord[]) {
    if (record.productCode !== null && known.has(record.productCode)) continue;
    const entry = unknown.get(record.productKey);
    if (entry) entry.rows++;
    else unknown.set(record.productKey, { first: record, rows: 1 });
  }
  let named = 0;
  for (const { first, rows } of unknown.values()) {
    if (named++ === UNKNOWN_PRODUCTS_NAMED) break;
    const what =
      first.productCode === null
        ? `产品“${first.productName}”没有产品代码`
        : `产品代码 ${first.productCode}（${first.productName}）不在产品目录中`;
    planner.problem(
      first,
      'warning',
      `${what}，共 ${rows} 行；照常导入，适当性检查列为“产品不在目录”`,
      `${first.productCode === null ? `product "${first.productName}" has no code` : `product ${first.productCode} is not in the catalogue`} (${rows} rows): imported, and listed by the suitability check`,
      first.productCode ?? first.productName,
    );
  }
  if (unknown.size > UNKNOWN_PRODUCTS_NAMED)
    planner.plan.problems.push({
      ...fileWide(planner),
      message: `另有 ${unknown.size - UNKNOWN_PRODUCTS_NAMED} 个产品不在产品目录中`,
      messageEn: `${unknown.size - UNKNOWN_PRODUCTS_NAMED} more products are not in the catalogue`,
    });
}

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
        listUnknownProducts(planner);
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
