/**
 * Who may call what (issue 8): every contract channel and every kind of job, by role. Main checks it on every
 * call (`dispatch`); the renderer only uses it to hide what would be refused. A channel missing here fails the
 * channel × role test, so a new channel must be placed before it ships.
 */
import type { Channel } from './contract';
import type { JobRequest } from './schemas/jobs';
import { PERSONAL_TEMPLATES } from './schemas/exports';
import type { StaffRole } from './schemas/common';

export const ROLE_NAMES: Record<StaffRole, string> = { manager: '客户经理', branch_manager: '支行长', teller: '柜员', admin: '管理员' };
export const ROLE_NAMES_EN: Record<StaffRole, string> = { manager: 'Relationship manager', branch_manager: 'Branch manager', teller: 'Teller', admin: 'Administrator' };

/** Callable before signing in. */
const PUBLIC = 'public' as const;
/** Every signed-in role: reading (a teller's masked; a manager's own book unless the branch view is on). */
const ANYONE: readonly StaffRole[] = ['manager', 'branch_manager', 'teller', 'admin'];
/** Acting on customers: retention, contacts, complaints, surveys, saved segments, tier overrides. */
const BOOK: readonly StaffRole[] = ['manager', 'branch_manager'];
/** Settings, rules, imports and the audit log. */
const SETTINGS: readonly StaffRole[] = ['branch_manager', 'admin'];
/** Staff accounts. */
const ADMIN: readonly StaffRole[] = ['admin'];

export const CHANNEL_ACCESS: Record<Channel, typeof PUBLIC | readonly StaffRole[]> = {
  'auth.status': PUBLIC,
  'auth.setup': PUBLIC,
  'auth.signIn': PUBLIC,
  'auth.signOut': ANYONE,
  'staff.list': ADMIN,
  'staff.save': ADMIN,
  'access.settings': ANYONE,
  'access.saveSettings': ADMIN,
  'app.info': ANYONE,
  'customers.page': ANYONE,
  'customers.count': ANYONE,
  'customers.card': ANYONE,
  'customers.reveal': BOOK,
  'tiers.overview': ANYONE,
  'tiers.matrix': ANYONE,
  'migration.report': ANYONE,
  'groups.report': ANYONE,
  'warnings.list': ANYONE,
  'warnings.settings': ANYONE,
  'warnings.saveSettings': SETTINGS,
  'retention.board': ANYONE,
  'retention.createAction': BOOK,
  'retention.setOutcome': BOOK,
  'retention.results': ANYONE,
  'contacts.log': BOOK,
  'complaints.board': ANYONE,
  'complaints.list': ANYONE,
  'complaints.detail': ANYONE,
  'complaints.analysis': ANYONE,
  'complaints.register': BOOK,
  'complaints.transition': BOOK,
  'complaints.extend': BOOK,
  'complaints.pause': BOOK,
  'complaints.resume': BOOK,
  'complaints.review': BOOK,
  'surveys.templates': ANYONE,
  'surveys.templates.save': SETTINGS,
  'surveys.respond': BOOK,
  'surveys.results': ANYONE,
  'workbench.today': BOOK,
  'workbench.coverage': BOOK,
  'workbench.standards': ANYONE,
  'workbench.saveStandards': SETTINGS,
  'care.calendar': BOOK,
  'plans.week': BOOK,
  'plans.add': BOOK,
  'plans.mark': BOOK,
  'plans.remove': BOOK,
  'plans.branch': ['branch_manager', 'admin'],
  'events.list': BOOK,
  'events.detail': BOOK,
  'events.save': BOOK,
  'events.invite': BOOK,
  'events.attendance': BOOK,
  'tiers.rules': ANYONE,
  'tiers.previewRules': SETTINGS,
  'segments.grid': ANYONE,
  'dimensions.settings': ANYONE,
  'segments.saved': ANYONE,
  'segments.save': BOOK,
  'segments.remove': BOOK,
  'imports.history': SETTINGS,
  'imports.problems': SETTINGS,
  'audit.list': SETTINGS,
  'audit.verify': SETTINGS,
  'backups.list': SETTINGS,
  'backups.inspect': SETTINGS,
  'backups.create': SETTINGS,
  'backups.restore': ADMIN,
  'files.pick': SETTINGS,
  'exports.save': ANYONE,
  'jobs.start': ANYONE,
  'jobs.status': ANYONE,
  'jobs.current': ANYONE,
  'jobs.cancel': ANYONE,
};

export const JOB_ACCESS: Record<JobRequest['kind'], readonly StaffRole[]> = {
  'tiers.recompute': SETTINGS,
  'tiers.saveRules': SETTINGS,
  'tiers.saveOverride': BOOK,
  'tiers.removeOverride': BOOK,
  'dimensions.saveSettings': SETTINGS,
  'imports.analyze': SETTINGS,
  'imports.commit': SETTINGS,
  'imports.undo': SETTINGS,
  'exports.report': ANYONE,
};

/**
 * May `role` use this channel — and, given the call's input, make this call (a job's kind, an export's template and
 * fullness)?
 */
export function allows(role: StaffRole | null, channel: Channel, input?: unknown): boolean {
  const access = CHANNEL_ACCESS[channel];
  if (access === PUBLIC) return true;
  if (role === null || !access.includes(role)) return false;
  if (channel !== 'jobs.start' || input === undefined) return true;
  const request = (input as { request?: JobRequest } | undefined)?.request;
  if (!request || !JOB_ACCESS[request.kind].includes(role)) return false;
  if (request.kind !== 'exports.report') return true;
  const { template, full } = request.export;
  // The audit log is for those who keep it; customer-level workbooks not for tellers; full data only for the book's keepers.
  if (template === 'audit') return SETTINGS.includes(role);
  if (role === 'teller' && PERSONAL_TEMPLATES.includes(template)) return false;
  return !full || BOOK.includes(role);
}

export const isPublic = (channel: Channel): boolean => CHANNEL_ACCESS[channel] === PUBLIC;
