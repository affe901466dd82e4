/**
 * The words a channel's contract entry uses to say who may call it and what it tells about customers
 * (docs/architecture.md, "Trust"). Main enforces them in dispatch; the renderer only reads them to hide what
 * main would refuse.
 */
import type { StaffRole } from './schemas/common';

export const ROLE_NAMES: Record<StaffRole, string> = {
  manager: '客户经理',
  branch_manager: '支行长',
  teller: '柜员',
  admin: '管理员',
};
export const ROLE_NAMES_EN: Record<StaffRole, string> = {
  manager: 'Relationship manager',
  branch_manager: 'Branch manager',
  teller: 'Teller',
  admin: 'Administrator',
};

/** Callable before signing in. */
export const PUBLIC = 'public' as const;
/** Every signed-in role: reading (a teller's masked; a manager's own book unless the branch view is on). */
export const ANYONE: readonly StaffRole[] = ['manager', 'branch_manager', 'teller', 'admin'];
/** Acting on customers: retention, contacts, complaints, surveys, saved segments, tier overrides. */
export const BOOK: readonly StaffRole[] = ['manager', 'branch_manager'];
/** Settings, rules, imports and the audit log. */
export const SETTINGS: readonly StaffRole[] = ['branch_manager', 'admin'];
/** Staff accounts. */
export const ADMIN: readonly StaffRole[] = ['admin'];
/** Everyone but tellers: workbooks of customer rows with their contact data. */
export const NOT_TELLER: readonly StaffRole[] = ['manager', 'branch_manager', 'admin'];

export type Roles = typeof PUBLIC | readonly StaffRole[];

/**
 * Whose customer rows a call may show a 客户经理: always only their book (`book`: their day, their plan), or their
 * book unless the branch view is on (`branchView`: reading lists and cards). Other roles see the whole branch.
 */
export type RowScope = 'book' | 'branchView';

/**
 * What a call answers about customers:
 * - `nothing`: no customer-level data at all;
 * - `aggregates`: branch figures over customers that name no one — a teller sees them unless the access settings
 *   turn them off; a restricted viewer (a teller, a 客户经理 without the branch view) sees their counts but no money,
 *   except each tier's own total where `tierTotals` (the tier overview);
 * - `rows`: customer rows (anything with a `customerNo`), narrowed to the scope and masked for the role, row by row;
 *   `bookField` is the input's manager field (a dotted path) that dispatch sets to the caller's own code whenever
 *   the scope narrows, so filters, counts and totals are the book's too.
 */
export type Exposure =
  | { answers: 'nothing' }
  | { answers: 'aggregates'; tierTotals?: true }
  | { answers: 'rows'; scope: RowScope; bookField?: string };

export const NO_CUSTOMERS: Exposure = { answers: 'nothing' };
export const AGGREGATES: Exposure = { answers: 'aggregates' };
export const TIER_TOTALS: Exposure = { answers: 'aggregates', tierTotals: true };
export const customerRows = (scope: RowScope, bookField?: string): Exposure => ({
  answers: 'rows',
  scope,
  ...(bookField ? { bookField } : {}),
});

/**
 * What a call acts on, found from its input (`field`: a dotted path; `items[].customerNo` for each item of an
 * array): a 客户经理 may act only within their own book — on their customers (and what belongs to them: complaints,
 * retention actions, tier overrides) and on their own events, saved segments and plan items. `staff` is a staff code
 * that must be the caller's own.
 */
export type ActTarget =
  'customer' | 'complaint' | 'action' | 'override' | 'event' | 'segment' | 'segmentName' | 'plan' | 'staff';
export interface Acts {
  on: ActTarget;
  field: string;
}
export const actsOn = (on: ActTarget, field: string): Acts => ({ on, field });
