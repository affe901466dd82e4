import type { Database } from 'better-sqlite3';
import type { Store } from '../platform/connection';
import { pause, type JobControl } from '../platform/jobs';
import {
  prepareCustomerInsert,
  prepareMonthlyAssetsInsert,
  prepareStaffInsert,
  type NewMonthlyAssetsRecord,
} from '../platform/bulk';
import {
  DEMO_BRANCH_NAME,
  DEMO_STAFF,
  demoHouseholds,
  generateDemoCustomers,
  type DemoCustomer,
  type DemoMonthlyAssets,
  type DemoOptions,
} from './generate';
import { AppError } from '../../../shared/errors';
import { addMonths } from '../../../shared/month';
import { recomputeTiers } from '../tiers/tier-recompute';
import {
  analyzeDatabase,
  beginDemoLoad,
  commitDemoLoad,
  countCustomers,
  customerIdsInOrder,
  insertDemoBranchSettings,
  insertDemoHouseholds,
  prepareDemoContactInsert,
  rollbackDemoLoad,
} from './demo-repository';

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

/** Customers generated and written between two looks at the event loop (progress, cancel, other calls). */
const CUSTOMERS_PER_STEP = 500;

/**
 * Fills an empty branch database with the demo branch, all in one transaction (a failure or a cancel leaves it
 * empty), then refreshes the planner's statistics and assesses the tiers. It yields between steps, so a server
 * answers other calls meanwhile; progress in three phases: 生成客户, 写入 (the commit), 计算分层.
 */
export async function loadDemoBranch(
  store: Store,
  options: DemoOptions,
  now: string,
  control: Partial<JobControl> = {},
): Promise<DemoLoadSummary> {
  const { sqlite } = store;
  const report = control.report ?? (() => undefined);
  if (countCustomers(sqlite) > 0) {
    throw new AppError(
      'CONFLICT',
      '数据库中已有客户，演示数据只能载入空库。',
      'The database already has customers; demo data loads only into an empty one.',
    );
  }
  const summary: DemoLoadSummary = { customers: 0, assetRows: 0 };
  // One transaction held across the pauses (better-sqlite3's transaction() cannot span an await).
  beginDemoLoad(sqlite);
  try {
    const insertStaff = prepareStaffInsert(sqlite, now);
    for (const staff of DEMO_STAFF) insertStaff(staff);
    insertDemoBranchSettings(sqlite, DEMO_BRANCH_NAME, String(options.seed));
    const insert = prepareDemoCustomerInsert(sqlite, now);
    report('generate', 0, options.customers);
    for (const customer of generateDemoCustomers(options)) {
      summary.assetRows += insert(customer);
      summary.customers += 1;
      if (summary.customers % CUSTOMERS_PER_STEP === 0) {
        report('generate', summary.customers, options.customers);
        await pause(control.signal);
      }
    }
    // Households of consecutive customers, in the branch from its first month (docs/domain.md, "Households").
    const ids = customerIdsInOrder(sqlite);
    insertDemoHouseholds(
      sqlite,
      demoHouseholds(ids.length, options.seed).map((h) =>
        h.roles.map((role, k): [number, string] => [ids[h.start + k], role]),
      ),
      `${addMonths(options.endMonth, -(options.months - 1))}-01`,
      now,
    );
    report('commit', 0, 0);
    commitDemoLoad(sqlite);
  } catch (error) {
    rollbackDemoLoad(sqlite);
    throw error;
  }
  analyzeDatabase(sqlite);
  report('tiers', 0, 0);
  // Its own steps (read, assess, write) are one phase here, counted by the customers assessed.
  let assessed = { done: 0, total: 0 };
  await recomputeTiers(sqlite, now, {
    onProgress: (phase, done, total) => {
      if (phase === 'assess') assessed = { done, total };
      report('tiers', assessed.done, assessed.total);
    },
    signal: control.signal,
  });
  return summary;
}

/** One demo customer's rows (the customer, its months, its contacts); returns the months written. */
function prepareDemoCustomerInsert(sqlite: Database, now: string): (customer: DemoCustomer) => number {
  const insertCustomer = prepareCustomerInsert(sqlite, now);
  const insertAssets = prepareMonthlyAssetsInsert(sqlite);
  const insertContact = prepareDemoContactInsert(sqlite, now);
  return (customer) => {
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
    return customer.assets.length;
  };
}
