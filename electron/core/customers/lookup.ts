/** Lookups every domain makes before it acts: the customer by number, the staff member by 工号. */
import { AppError } from '../../../shared/errors';
import type { CoreContext } from '../platform/context';
import { findCustomerByNo, staffExists } from './customers-repository';

/** Refuses a 工号 that is no staff member, naming the field it came in. */
export function requireStaff(ctx: CoreContext, code: string, field: string): void {
  if (!staffExists(ctx.store.sqlite, code)) {
    throw new AppError('VALIDATION', `没有工号为 ${code} 的员工。`, `No staff member ${code}.`, { field });
  }
}

/** The customer with this number, or NOT_FOUND naming it. */
export async function requireCustomerByNo(ctx: CoreContext, customerNo: string) {
  const record = await findCustomerByNo(ctx.store.db, customerNo);
  if (!record) {
    throw new AppError(
      'NOT_FOUND',
      `找不到客户编号为 ${customerNo} 的客户。`,
      `No customer with number ${customerNo}.`,
      {
        field: 'customerNo',
      },
    );
  }
  return record;
}

/** What other domains read of the customer master, the assets by month and the books (the repositories stay private). */
export {
  countAllCustomers,
  findCustomerByNo,
  findCustomersByIdNumber,
  findIdNumbers,
  findIdsOpenedFrom,
  findCustomerIdsOfManager,
  findCustomerNames,
} from './customers-repository';
export {
  edgeAssetMonth,
  findMonthlyAssetsOfCustomer,
  findWealthOfCustomers,
  listAssetMonths,
} from './assets-repository';
export {
  coveredBooks,
  inMixedHouseholds,
  inTransitionFrom,
  listCoveredBooks,
  listInTransition,
  managerOnDay,
  managersOfCustomers,
  NOT_FOUND,
  ownerOf,
  UNOWNED,
} from './owners-repository';
