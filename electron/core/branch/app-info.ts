import type { AppInfo } from '../../../shared/schemas/app';
import { listAssetMonths } from '../customers/lookup';
import { getBranchSetting } from '../platform/settings';
import { listStaff } from '../trust/staff';
import { countAllCustomers } from '../customers/lookup';
import type { CoreContext } from '../platform/context';

export async function getAppInfo(ctx: CoreContext): Promise<AppInfo> {
  const { db, schemaVersion } = ctx.store;
  const [branchName, months, staff, customerCount] = await Promise.all([
    getBranchSetting(db, 'branch_name'),
    listAssetMonths(db),
    listStaff(db),
    countAllCustomers(db),
  ]);
  return {
    branchName: branchName ?? '未命名支行',
    months,
    latestMonth: months[0] ?? null,
    staff: staff.map((s) => ({ code: s.code, name: s.name, role: s.role, active: s.active === 1 })),
    customerCount,
    schemaVersion,
  };
}
