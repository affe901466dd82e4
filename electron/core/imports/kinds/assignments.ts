import type { CustomerChanges } from '../imports-repository';
import type { CustomerRecord } from '../import-rows';
import type { ImportKindSpec } from './kind';
import { planCustomers, updateCustomers } from './customers';

/** The manager, when given (an empty cell erases nothing); whatever else the row says is left alone. */
const managerColumn = (record: CustomerRecord): CustomerChanges =>
  record.managerCode === null ? {} : { manager_code: record.managerCode };

/** The book assignments: each existing customer's manager, whatever else the rows say; no customer is created. */
export const assignments: ImportKindSpec = {
  plan: (_ctx, planner) =>
    planCustomers(planner, {
      refuseUnknown: (record) =>
        planner.refuse(
          record,
          `客户号 ${record.customerNo} 不在客户名单中；管户关系只调整已有客户，请先导入客户信息`,
          `customer ${record.customerNo} is unknown; an assignment file only changes existing customers`,
          record.customerNo,
        ),
      columns: managerColumn,
    }),
  commit:
    ({ store: { sqlite } }, { plan }) =>
    (batch) =>
      updateCustomers(sqlite, batch, plan),
  summaryRows: null,
  tiers: null,
};
