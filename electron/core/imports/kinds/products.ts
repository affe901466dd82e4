import { saveProducts, productChanges, storedProducts } from '../product-import-repository';
import type { ProductRecord } from '../import-rows';
import { unpackRecords } from '../packed-records';
import type { ImportKindSpec } from './kind';

/**
 * The product catalogue (docs/domain.md, "Suitability"): each product added, or replacing the one of its code
 * (the row before kept for undo); products the file does not name stay. A code twice in the file is refused.
 */
export const products: ImportKindSpec = {
  plan: (_ctx, planner) => {
    const firstRows = new Map<string, number>();
    return {
      add(packed) {
        const records = unpackRecords<ProductRecord>(packed);
        const stored = storedProducts(planner.sqlite, [...new Set(records.map((r) => r.productCode))]);
        for (const record of records) {
          const first = firstRows.get(record.productCode);
          if (first !== undefined) {
            planner.refuse(
              record,
              `产品代码 ${record.productCode} 在文件中重复：第 ${first} 行和第 ${record.row} 行`,
              `product ${record.productCode} is in the file twice: rows ${first} and ${record.row}`,
              record.productCode,
              planner.where.keyColumn,
            );
            continue;
          }
          firstRows.set(record.productCode, record.row);
          planner.plan.products[productChanges(record, stored.get(record.productCode))]++;
          planner.records.push(record);
        }
      },
    };
  },
  preview: (plan, recordCount) => ({ products: { ...plan.products, rows: recordCount } }),
  commit:
    ({ store: { sqlite } }, { records }) =>
    (batch) =>
      saveProducts(sqlite, batch.id, records as ProductRecord[]),
  summaryRows: 'productRows',
  tiers: null,
};
