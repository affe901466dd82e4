import type { Store } from '../platform/connection';
import {
  prepareCustomerInsert,
  prepareMonthlyAssetsInsert,
  prepareStaffInsert,
  type NewMonthlyAssetsRecord,
} from '../platform/bulk';
import {
  DEMO_BRANCH_NAME,
  DEMO_STAFF,
  generateDemoCustomers,
  type DemoMonthlyAssets,
  type DemoOptions,
} from './generate';
import { AppError } from '../../../shared/errors';
import { recomputeTiers } from '../tiers/tier-recompute';
import { analyzeDatabase, countCustomers, insertDemoBranchSettings, prepareDemoContactInsert } from './demo-repository';

export const DEFAULT_DEMO_SEED = 20_241;

export function toMonthlyAssetsRecord(customerId: number, a: DemoMonthlyAssets): NewMonthlyAssetsRecord {
  return {
    customer_id: customerId,
    month: a.month,
    aum_avg: a.aum,
    deposit_avg: a.deposit,
    demand_avg: a.demand,
    wealth_avg: a.wealth,
    fund_avg: a.fund,
    insurance_avg: a.insurance,
    other_avg: a.other,
    loan_avg: a.loan,
    aum_month_end: a.monthEnd,
  };
}

export interface DemoLoadSummary {
  customers: number;
  assetRows: number;
}

/**
 * Fills an empty branch database with the demo branch, all in one transaction (a failure leaves it empty),
 * then refreshes the planner's statistics so the first queries use the right indexes.
 */
export async function loadDemoBranch(
  store: Store,
  options: DemoOptions,
  now: string,
  onProgress?: (done: number, total: number) => void,
): Promise<DemoLoadSummary> {
  const { sqlite } = store;
  if (countCustomers(sqlite) > 0) {
    throw new AppError(
      'CONFLICT',
      '数据库中已有客户，演示数据只能载入空库。',
      'The database already has customers; demo data loads only into an empty one.',
    );
  }
  const summary: DemoLoadSummary = { customers: 0, assetRows: 0 };
  sqlite
    .transaction(() => {
      const insertStaff = prepareStaffInsert(sqlite, now);
      for (const staff of DEMO_STAFF) insertStaff(staff);
      insertDemoBranchSettings(sqlite, DEMO_BRANCH_NAME, String(options.seed));
      const insertCustomer = prepareCustomerInsert(sqlite, now);
      const insertAssets = prepareMonthlyAssetsInsert(sqlite);
      const insertContact = prepareDemoContactInsert(sqlite, now);
      for (const customer of generateDemoCustomers(options)) {
        const customerId = insertCustomer({
          customer_no: customer.customerNo,
          name: customer.name,
          gender: customer.gender,
          id_number: customer.idNumber,
          birth_date: customer.birthDate,
          mobile: customer.mobile,
          occupation: customer.occupation,
          annual_income: customer.annualIncomeFen,
          risk_level: customer.riskLevel,
          risk_assessed_date: customer.riskAssessedDate,
          opened_date: customer.openedDate,
          closed_date: customer.closedDate,
          manager_code: customer.managerCode,
          lunar_birthday: customer.lunarBirthday ? 1 : 0,
          id_expiry_date: customer.idExpiryDate,
        });
        for (const assets of customer.assets) insertAssets(toMonthlyAssetsRecord(customerId, assets));
        for (const contact of customer.contacts)
          insertContact(customerId, contact.date, contact.channel, customer.managerCode);
        summary.customers += 1;
        summary.assetRows += customer.assets.length;
        if (onProgress && summary.customers % 5_000 === 0) onProgress(summary.customers, options.customers);
      }
    })
    .immediate();
  analyzeDatabase(sqlite);
  await recomputeTiers(sqlite, now);
  return summary;
}
