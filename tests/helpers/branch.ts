import { openStore, type Store } from '../../electron/core/platform/connection';
import {
  prepareCustomerInsert,
  prepareMonthlyAssetsInsert,
  prepareStaffInsert,
  type NewCustomerRecord,
} from '../../electron/core/platform/bulk';
import { createContext, type CoreContext } from '../../electron/core/platform/context';
import { NO_CUSTOMER_COLUMNS } from '../../electron/core/imports/kinds/customers';
import type { Session } from '../../electron/core/trust/auth';
import { dispatch } from '../../electron/core/dispatch';
import type { Channel } from '../../shared/contract';
import type { StaffRole } from '../../shared/schemas/common';

export const TEST_NOW = '2024-04-10T09:00:00.000Z';
export const TEST_TODAY = '2024-04-10';

/** A window signed in as `code` in `role` (default: M01 as 支行长, who may make every call but staff management). */
export function testSession(code = 'M01', role: StaffRole = 'branch_manager', name = '周文静'): Session {
  return { staff: { code, name, role }, lastActive: Date.parse(TEST_NOW) };
}

/** Calls a channel through dispatch (access, scope and masking included) as `who`: its value, or an error naming it. */
export async function callAs(ctx: CoreContext, who: Session, channel: Channel, input: unknown): Promise<never> {
  const result = await dispatch(ctx, who, channel, input);
  if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
  return result.value as never;
}

/** A real in-memory database with the real migrations and a fixed clock. */
export function createTestContext(): CoreContext & { store: Store } {
  const ctx = createContext(openStore(':memory:'));
  ctx.today = () => TEST_TODAY;
  ctx.now = () => TEST_NOW;
  return ctx;
}

export interface TestCustomer extends Partial<NewCustomerRecord> {
  customer_no: string;
  /** 月日均 per month in 分. */
  assets?: Record<string, number>;
  /** 理财 月日均 per month in 分 (part of the month's 月日均; 0 where not given). */
  wealth?: Record<string, number>;
}

/** Inserts staff and customers the way a test reads them: number, name, manager, and 月日均 by month. */
export function seedBranch(
  store: Store,
  customers: TestCustomer[],
  staff = [{ code: 'M01', name: '周文静', role: 'manager' }],
): void {
  const { sqlite } = store;
  sqlite.transaction(() => {
    const insertStaff = prepareStaffInsert(sqlite, TEST_NOW);
    for (const s of staff) insertStaff(s);
    const insertCustomer = prepareCustomerInsert(sqlite, TEST_NOW);
    const insertAssets = prepareMonthlyAssetsInsert(sqlite);
    for (const c of customers) {
      const { assets, wealth, ...record } = c;
      const id = insertCustomer({ ...NO_CUSTOMER_COLUMNS, name: '客户', ...record });
      for (const [month, aum] of Object.entries(assets ?? {})) {
        const wealthFen = wealth?.[month] ?? 0;
        insertAssets({
          customer_id: id,
          month,
          aum_avg: aum,
          deposit_avg: aum - wealthFen,
          demand_avg: null,
          wealth_avg: wealthFen,
          fund_avg: 0,
          insurance_avg: 0,
          other_avg: 0,
          loan_avg: 0,
          aum_month_end: null,
        });
      }
    }
  })();
}
