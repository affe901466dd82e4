/**
 * What a signed-in role sees and may touch (issue 8), applied in main around the services: a 客户经理 reads their own
 * book (others' too, read-only, when the branch view is on) and acts only on it; a 柜员 sees customers' names masked
 * in every answer and no balances on the list and card (branch settings). ID numbers and mobiles are masked for everyone by the services themselves.
 */
import { AppError } from '../../shared/errors';
import type { AccessSettings, SignedIn } from '../../shared/schemas/auth';
import type { CustomerCard, CustomerPage } from '../../shared/schemas/customer';
import type { ExportRequest } from '../../shared/schemas/exports';
import { findCustomerByNo } from './db/repositories/customers';
import { maskName } from './engine/masking';
import type { CoreContext } from './services/context';

/** Who is calling and the access settings in force, read once per call. */
export interface Viewer {
  staff: SignedIn;
  access: AccessSettings;
}

/** A manager without the branch view sees only their book: the filter is narrowed to it. */
export function bookFilter<F extends { managerCode?: string }>({ staff, access }: Viewer, filter: F): F {
  if (staff.role !== 'manager' || access.managerBranchView) return filter;
  return { ...filter, managerCode: staff.code };
}

/** A 客户经理's own code (whose book bounds what they may plan, invite or see listed), or null for others. */
export const onlyBookOf = ({ staff }: Viewer): string | null => (staff.role === 'manager' ? staff.code : null);

/** The manager whose day, plan or coverage a call is about: a 客户经理's own, whatever was asked; others' as asked. */
export const ownManager = (viewer: Viewer, managerCode: string): string => onlyBookOf(viewer) ?? managerCode;

function notYourBook(customerNo: string): AppError {
  return new AppError('FORBIDDEN', `客户 ${customerNo} 不在您的管户名下，不能查看或操作`, `Customer ${customerNo} is not in your book`, { field: 'customerNo' });
}

/**
 * Refuses a manager a customer outside their book: to act on (always), or to read (unless the branch view is on).
 * Other roles pass (a teller's calls to act never get here: the role table refuses them).
 */
export async function requireInBook(ctx: CoreContext, { staff, access }: Viewer, customerNo: string, use: 'read' | 'act'): Promise<void> {
  if (staff.role !== 'manager') return;
  if (use === 'read' && access.managerBranchView) return;
  const customer = await findCustomerByNo(ctx.store.db, customerNo);
  if (customer && customer.manager_code !== staff.code) throw notYourBook(customerNo);
}

/**
 * An export as a manager may make it: a customer list or a call list of their book only; the whole branch's 客户明细 only with the
 * branch view on. Others' exports pass unchanged.
 */
export function bookExport(viewer: Viewer, request: ExportRequest): ExportRequest {
  if (viewer.staff.role !== 'manager' || viewer.access.managerBranchView) return request;
  if (request.template === 'customers') {
    throw new AppError('FORBIDDEN', '客户明细包含全行客户；请在客户列表中导出您管户的客户', 'The customer detail covers the whole branch; export your book from the customer list');
  }
  return { ...request, ...(request.filter ? { filter: bookFilter(viewer, request.filter) } : {}), ...(request.care ? { care: bookFilter(viewer, request.care) } : {}) };
}

/** Customer names masked in any answer, deep: every object naming a customer (`customerNo`) has its name masked. */
function maskCustomerNames(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskCustomerNames);
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value).map(([key, v]) => [key, maskCustomerNames(v)] as const);
  const customer = Object.hasOwn(value, 'customerNo');
  return Object.fromEntries(entries.map(([key, v]) => [key, customer && (key === 'name' || key === 'customerName') && typeof v === 'string' ? maskName(v) : v]));
}

/**
 * Any answer as a teller may see it: customer names masked everywhere (the setting); balances hidden on the list and
 * the card, where a teller looks a customer up (aggregates stay: they name no one).
 */
export function tellerView({ staff, access }: Viewer, value: unknown): unknown {
  return staff.role === 'teller' && access.tellerMasksNames ? maskCustomerNames(value) : value;
}

/** A page of the customer list as a teller may see it: no balances. */
export function tellerPage({ staff, access }: Viewer, page: CustomerPage): CustomerPage {
  if (staff.role !== 'teller' || !access.tellerHidesBalances) return page;
  return { ...page, rows: page.rows.map((r) => ({ ...r, aumFen: null })) };
}

/** A customer card as a teller may see it: no balances means no months, no income and no gaps or warning. */
export function tellerCard({ staff, access }: Viewer, card: CustomerCard): CustomerCard {
  if (staff.role !== 'teller' || !access.tellerHidesBalances) return card;
  return {
    ...card,
    customer: { ...card.customer, annualIncomeFen: null },
    months: [],
    warning: null,
    tierHistory: card.tierHistory.map((m) => ({ ...m, holdGapFen: null, nextGapFen: null, explanation: '', reasons: [] })),
  };
}
