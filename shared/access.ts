/**
 * Who may call what, from the contract's declarations: every channel's roles, each job kind's, and an export's by its
 * template and fullness. Main checks it on every call (`dispatch`); the renderer only uses it to hide what would be
 * refused.
 */
import { contract, jobContract, type Channel } from './contract';
import { BOOK, PUBLIC } from './roles';
import type { StaffRole } from './schemas/common';
import { REPORT_TEMPLATE_SPECS } from './schemas/exports';
import type { JobRequest } from './schemas/jobs';

export { ROLE_NAMES, ROLE_NAMES_EN } from './roles';

/** Tellers see no customer's balance anywhere (lists, cards, warnings, workbooks) and may not filter or sort by one. */
export const seesBalances = (role: StaffRole): boolean => role !== 'teller';

/**
 * May `role` use this channel — and, given the call's input, make this call (a job's kind, an export's template and
 * fullness)?
 */
export function allows(role: StaffRole | null, channel: Channel, input?: unknown): boolean {
  const roles = contract[channel].roles;
  if (roles === PUBLIC) return true;
  if (role === null || !roles.includes(role)) return false;
  if (channel !== 'jobs.start' || input === undefined) return true;
  const request = (input as { request?: JobRequest } | undefined)?.request;
  if (!request || !jobContract[request.kind].roles.includes(role)) return false;
  if (request.kind !== 'exports.report') return true;
  const { template, full } = request.export;
  // Full ID numbers and mobiles only for those who keep the book.
  return REPORT_TEMPLATE_SPECS[template].roles.includes(role) && (!full || BOOK.includes(role));
}

export const isPublic = (channel: Channel): boolean => contract[channel].roles === PUBLIC;
