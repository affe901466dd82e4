import type { z } from 'zod';
import { contract, isChannel, type Channel, type ChannelOutput, type Contract } from '../../shared/contract';
import { AppError, type Envelope, type ErrorBody } from '../../shared/errors';
import { getAppInfo } from './services/app-info';
import type { CoreContext } from './services/context';
import { getCustomerCard, getCustomersCount, getCustomersPage, revealCustomerField } from './services/customers';
import { recomputeAllTiers } from './services/tier-recompute';
import { getTierMatrix, getTierOverview } from './services/tiers';
import { removeTierOverride, saveTierOverride } from './services/tier-overrides';
import type { JobRequest } from '../../shared/schemas/jobs';
import type { JobControl } from './jobs';
import { getTierRules, previewTierRules, saveTierRules } from './services/tier-rules';
import { getSegmentGrid } from './services/segments';
import { getDimensionSettings, saveDimensionSettings } from './services/dimension-settings';
import { analyzeHeldFile, commitAnalysis, listImports, problemsWorkbook, undoLatestImport } from './services/imports';
import { getMigrationReport } from './services/migration';
import { getGroupReport } from './services/groups';
import { exportForDownload } from './services/exports';
import { listTemplates, recordResponse, saveTemplate, surveyResults } from './services/surveys';
import {
  complaintAnalysis,
  complaintBoard,
  complaintDetail,
  extendComplaint,
  listComplaints,
  pauseComplaint,
  registerComplaint,
  requestReview,
  resumeComplaint,
  transitionComplaint,
} from './services/complaints';
import {
  createAction,
  getActionBoard,
  getRetentionResults,
  getWarnings,
  getWarningSettings,
  logContact,
  saveWarningSettings,
  setOutcome,
} from './services/retention';
import { listSavedSegments, removeSegment, saveSegment } from './services/saved-segments';
import { listAudit, verifyAudit } from './services/audit';
import { backupFile, createBackup, describeBackup, listBackups, restoreBackup } from './services/backups';
import { backupDir, backupFileName } from './db/backup-names';
import { activeStaff, authStatus, getAccessSettings, listStaffAccounts, saveAccessSettings, saveStaffAccount, setupAdministrator, signIn, signOut, type Session } from './services/auth';
import { bookExport, bookFilter, onlyBookOf, ownManager, requireInBook, tellerCard, tellerPage, tellerView, type Viewer } from './access-scope';
import { readAccessSettings } from './db/repositories/branch';
import { allows, isPublic, ROLE_NAMES, ROLE_NAMES_EN } from '../../shared/access';
import type { SignedIn } from '../../shared/schemas/auth';
import { appendAudit } from './db/repositories/audit';
import { contactCoverage, getContactStandards, saveContactStandards, todayOf } from './services/workbench';
import { careCalendar } from './services/care';
import { addPlanItems, branchPlans, markPlanItem, planItemManager, planOf, removePlanItem } from './services/plans';
import { eventDetail, inviteToEvent, listEvents, saveEvent, setAttendance } from './services/events';

/** The work of each kind of job. */
function jobWork(ctx: CoreContext, request: JobRequest, control: JobControl): Promise<unknown> {
  switch (request.kind) {
    case 'tiers.recompute':
      return recomputeAllTiers(ctx, control);
    case 'tiers.saveRules':
      return saveTierRules(ctx, request.rules, request.staffCode, control);
    case 'tiers.saveOverride':
      return saveTierOverride(ctx, request.override, request.staffCode, control);
    case 'tiers.removeOverride':
      return removeTierOverride(ctx, request.overrideId, request.staffCode, control);
    case 'dimensions.saveSettings':
      return saveDimensionSettings(ctx, request.settings, request.staffCode, control);
    case 'imports.analyze':
      return analyzeHeldFile(ctx, request, control);
    case 'imports.commit':
      return commitAnalysis(ctx, request, control);
    case 'imports.undo':
      return undoLatestImport(ctx, request.staffCode, control);
    case 'exports.report':
      return exportForDownload(ctx, request.export, control);
  }
}

/** Who is calling: the window's session, and the staff member signed in on it with the access settings (null only for public channels). */
export interface Caller {
  session: Session;
  viewer: Viewer | null;
}

type Handler<C extends Channel> = (ctx: CoreContext, input: z.output<Contract[C]['input']>, caller: Caller) => Promise<ChannelOutput<C>>;

/** The signed-in staff member of a channel that needs one (the dispatch has checked). */
const viewerOf = (caller: Caller): Viewer => caller.viewer as Viewer;

/** A 客户经理 may change only their own plan. */
function requireOwnPlan(ctx: CoreContext, viewer: Viewer, id: number): void {
  const own = onlyBookOf(viewer);
  if (own !== null && planItemManager(ctx, id) !== own) throw new AppError('FORBIDDEN', '这不是您的工作计划，不能修改', 'This is not your work plan');
}

/** The only dispatch table: contract channel → service function. Used by Electron IPC and browser mode alike. */
export const handlers: { [C in Channel]: Handler<C> } = {
  'auth.status': (ctx, _input, caller) => authStatus(ctx, caller.session),
  'auth.setup': async (ctx, input, caller) => setupAdministrator(ctx, caller.session, input),
  'auth.signIn': async (ctx, input, caller) => signIn(ctx, caller.session, input),
  'auth.signOut': async (ctx, _input, caller) => signOut(ctx, caller.session),
  'staff.list': async (ctx) => listStaffAccounts(ctx),
  'staff.save': async (ctx, input) => saveStaffAccount(ctx, input),
  'access.settings': async (ctx) => getAccessSettings(ctx),
  'access.saveSettings': async (ctx, input) => saveAccessSettings(ctx, input.settings, input.staffCode),
  'app.info': (ctx) => getAppInfo(ctx),
  'customers.page': async (ctx, input, caller) => tellerPage(viewerOf(caller), await getCustomersPage(ctx, { ...input, filter: bookFilter(viewerOf(caller), input.filter) })),
  'customers.count': (ctx, input, caller) => getCustomersCount(ctx, { ...input, filter: bookFilter(viewerOf(caller), input.filter) }),
  'customers.card': async (ctx, input, caller) => {
    await requireInBook(ctx, viewerOf(caller), input.customerNo, 'read');
    return tellerCard(viewerOf(caller), await getCustomerCard(ctx, input.customerNo));
  },
  'customers.reveal': async (ctx, input, caller) => {
    await requireInBook(ctx, viewerOf(caller), input.customerNo, 'act');
    return revealCustomerField(ctx, input);
  },
  'tiers.overview': async (ctx, input) => getTierOverview(ctx, input.month),
  'tiers.matrix': async (ctx, input) => getTierMatrix(ctx, input.fromMonth, input.toMonth),
  'migration.report': async (ctx, input) => getMigrationReport(ctx, input),
  'groups.report': (ctx, input) => getGroupReport(ctx, input),
  'warnings.list': async (ctx, input, caller) => getWarnings(ctx, bookFilter(viewerOf(caller), input)),
  'warnings.settings': async (ctx) => getWarningSettings(ctx),
  'warnings.saveSettings': async (ctx, input) => saveWarningSettings(ctx, input.settings, input.staffCode),
  'retention.board': async (ctx, input) => getActionBoard(ctx, input),
  'retention.createAction': async (ctx, input, caller) => {
    await requireInBook(ctx, viewerOf(caller), input.customerNo, 'act');
    return createAction(ctx, input);
  },
  'retention.setOutcome': async (ctx, input) => setOutcome(ctx, input),
  'retention.results': (ctx, input) => getRetentionResults(ctx, input),
  'contacts.log': async (ctx, input, caller) => {
    await requireInBook(ctx, viewerOf(caller), input.customerNo, 'act');
    return logContact(ctx, input);
  },
  'complaints.board': async (ctx, input) => complaintBoard(ctx, input),
  'complaints.list': async (ctx, input) => listComplaints(ctx, input),
  'complaints.detail': async (ctx, input) => complaintDetail(ctx, input.complaintId),
  'complaints.analysis': async (ctx, input) => complaintAnalysis(ctx, input),
  'complaints.register': async (ctx, input, caller) => {
    if (input.customerNo !== null) await requireInBook(ctx, viewerOf(caller), input.customerNo, 'act');
    return registerComplaint(ctx, input);
  },
  'complaints.transition': async (ctx, input) => transitionComplaint(ctx, input),
  'complaints.extend': async (ctx, input) => extendComplaint(ctx, input),
  'complaints.pause': async (ctx, input) => pauseComplaint(ctx, input),
  'complaints.resume': async (ctx, input) => resumeComplaint(ctx, input),
  'complaints.review': async (ctx, input) => requestReview(ctx, input),
  'surveys.templates': async (ctx) => listTemplates(ctx),
  'surveys.templates.save': async (ctx, input) => saveTemplate(ctx, input),
  'surveys.respond': async (ctx, input, caller) => {
    await requireInBook(ctx, viewerOf(caller), input.customerNo, 'act');
    return recordResponse(ctx, input);
  },
  'surveys.results': (ctx, input) => surveyResults(ctx, input),
  'workbench.today': async (ctx, input, caller) => todayOf(ctx, ownManager(viewerOf(caller), input.managerCode)),
  'workbench.coverage': async (ctx, input, caller) => {
    const coverage = contactCoverage(ctx, input);
    const own = onlyBookOf(viewerOf(caller));
    return own === null ? coverage : { ...coverage, managers: coverage.managers.filter((m) => m.managerCode === own) };
  },
  'workbench.standards': async (ctx) => getContactStandards(ctx),
  'workbench.saveStandards': async (ctx, input) => saveContactStandards(ctx, input.settings, input.staffCode),
  'care.calendar': async (ctx, input, caller) => careCalendar(ctx, bookFilter(viewerOf(caller), input)),
  'plans.week': async (ctx, input, caller) => planOf(ctx, { ...input, managerCode: ownManager(viewerOf(caller), input.managerCode) }),
  'plans.add': async (ctx, input, caller) => {
    const viewer = viewerOf(caller);
    for (const item of input.items) if (item.customerNo !== undefined) await requireInBook(ctx, viewer, item.customerNo, 'act');
    return addPlanItems(ctx, { ...input, managerCode: ownManager(viewer, input.managerCode) });
  },
  'plans.mark': async (ctx, input, caller) => {
    requireOwnPlan(ctx, viewerOf(caller), input.id);
    return markPlanItem(ctx, input);
  },
  'plans.remove': async (ctx, input, caller) => {
    requireOwnPlan(ctx, viewerOf(caller), input.id);
    return removePlanItem(ctx, input.id, input.staffCode);
  },
  'plans.branch': async (ctx, input) => branchPlans(ctx, input.week),
  'events.list': async (ctx, input) => listEvents(ctx, input),
  'events.detail': async (ctx, input, caller) => eventDetail(ctx, input.eventId, onlyBookOf(viewerOf(caller))),
  'events.save': async (ctx, input) => saveEvent(ctx, input),
  'events.invite': async (ctx, input, caller) => {
    const viewer = viewerOf(caller);
    for (const customerNo of input.customerNos ?? []) await requireInBook(ctx, viewer, customerNo, 'act');
    return inviteToEvent(ctx, input, onlyBookOf(viewer));
  },
  'events.attendance': async (ctx, input, caller) => {
    await requireInBook(ctx, viewerOf(caller), input.customerNo, 'act');
    return setAttendance(ctx, input);
  },
  'tiers.rules': async (ctx) => getTierRules(ctx),
  'segments.grid': async (ctx, input) => getSegmentGrid(ctx, input.month, input.rows, input.columns),
  'tiers.previewRules': async (ctx, input) => previewTierRules(ctx, input.rules),
  'dimensions.settings': async (ctx) => getDimensionSettings(ctx),
  'segments.saved': (ctx) => listSavedSegments(ctx),
  'segments.save': (ctx, input) => saveSegment(ctx, input),
  'segments.remove': (ctx, input) => removeSegment(ctx, input.id),
  'imports.history': async (ctx) => listImports(ctx),
  'imports.problems': (ctx, input) => problemsWorkbook(ctx, input.analysisId),
  'audit.list': async (ctx, input) => listAudit(ctx, input),
  'audit.verify': async (ctx, input) => verifyAudit(ctx, input.staffCode),
  'backups.list': async (ctx) => ({ folder: backupDir(ctx.store.file), backups: listBackups(ctx) }),
  'backups.inspect': async (ctx, input) => describeBackup(ctx, input.fileName),
  'backups.create': async (ctx, input) => {
    if (!input.chooseLocation) return createBackup(ctx, 'manual', undefined, input.staffCode);
    if (!ctx.chooseSaveTarget) throw new AppError('NOT_FOUND', '浏览器模式的备份保存在备份文件夹中', 'In browser mode, backups go to the backups folder');
    const target = await ctx.chooseSaveTarget(backupFileName(new Date(ctx.now()), 'manual'));
    return target === null ? null : createBackup(ctx, 'manual', target, input.staffCode);
  },
  'backups.restore': (ctx, input) => restoreBackup(ctx, backupFile(ctx, input.fileName), input.staffCode),
  'files.pick': async (ctx) => {
    if (!ctx.pickFile) throw new AppError('NOT_FOUND', '浏览器模式请用“选择文件”上传', 'In browser mode, upload the file instead');
    const file = await ctx.pickFile();
    return { file: file ? ctx.uploads.put(file.name, file.bytes) : null };
  },
  'exports.save': async (ctx, input) => {
    const held = ctx.downloads.get(input.token);
    if (!ctx.chooseSaveTarget) throw new AppError('NOT_FOUND', '浏览器模式请从浏览器下载', 'In browser mode, download the file instead');
    const target = await ctx.chooseSaveTarget(held.fileName);
    if (target === null) return { saved: false };
    ctx.downloads.saveAs(input.token, target);
    return { saved: true };
  },
  'jobs.start': async (ctx, input, caller) => {
    const { request } = input;
    if (request.kind === 'tiers.saveOverride') await requireInBook(ctx, viewerOf(caller), request.override.customerNo, 'act');
    const scoped = request.kind === 'exports.report' ? { ...request, export: bookExport(viewerOf(caller), request.export) } : request;
    return { jobId: ctx.jobs.start(scoped.kind, (control) => jobWork(ctx, scoped, control)) };
  },
  'jobs.status': async (ctx, input) => {
    const status = ctx.jobs.status(input.jobId);
    if (!status) throw new AppError('NOT_FOUND', '找不到该任务（可能已过期）。', 'No such job (it may have expired).', { field: 'jobId' });
    return status;
  },
  'jobs.current': async (ctx) => ({ job: ctx.jobs.current() }),
  'jobs.cancel': async (ctx, input) => ({ cancelling: ctx.jobs.cancel(input.jobId) }),
};

function validationError(channel: Channel, error: z.ZodError): ErrorBody {
  const issues = error.issues.map((issue) => ({ field: issue.path.join('.') || '(input)', message: issue.message }));
  const first = issues[0];
  return {
    code: 'VALIDATION',
    message: `输入无效：字段 ${first.field}：${first.message}`,
    messageEn: `Invalid input for ${channel}: ${first.field}: ${first.message}`,
    details: { field: first.field, issues },
  };
}

/** Every `staffCode` in a call (also a job's and an export's) is who is signed in, whatever the window sent. */
function withActor(value: unknown, code: string): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const entries = Object.entries(value).map(([key, v]) => [key, key === 'staffCode' ? code : key === 'request' || key === 'export' ? withActor(v, code) : v]);
  return Object.fromEntries(entries);
}

const failure = (code: 'UNAUTHENTICATED' | 'FORBIDDEN', message: string, messageEn: string): Envelope<never> => ({ ok: false, error: { code, message, messageEn } });

/** A call the role may not make: refused, and audited. */
function forbidden(ctx: CoreContext, staff: SignedIn, channel: Channel): Envelope<never> {
  appendAudit(ctx.store.sqlite, { at: ctx.now(), actor: staff.code, action: 'auth.forbidden', target: channel, detail: { role: staff.role } });
  return failure('FORBIDDEN', `${ROLE_NAMES[staff.role]}无权进行此操作`, `A ${ROLE_NAMES_EN[staff.role].toLowerCase()} may not do this`);
}

/**
 * Validates `input` against the channel's contract (strict: unknown keys rejected), then who may make the call:
 * signed in on this window (`session`), in a role the channel allows (refusals audited), acting as themselves.
 * Never throws: every outcome is an envelope.
 */
export async function dispatch(ctx: CoreContext, session: Session, channel: unknown, input: unknown): Promise<Envelope<unknown>> {
  if (!isChannel(channel)) {
    const name = String(channel).slice(0, 80);
    return {
      ok: false,
      error: { code: 'UNKNOWN_CHANNEL', message: `未知的调用：${name}`, messageEn: `Unknown channel: ${name}` },
    };
  }
  try {
    // Who first (a refused call learns nothing of its input's checks), then the input, then the call itself.
    const access = isPublic(channel) ? null : readAccessSettings(ctx.store.sqlite);
    const staff = access === null ? null : activeStaff(ctx, session, access.idleMinutes);
    if (!isPublic(channel) && !staff) return failure('UNAUTHENTICATED', '请先登录（或因长时间未操作已锁定，请重新登录）', 'Sign in first (or again, after the idle lock)');
    if (staff && !allows(staff.role, channel)) return forbidden(ctx, staff, channel);
    const parsed = contract[channel].input.safeParse(input);
    if (!parsed.success) return { ok: false, error: validationError(channel, parsed.error) };
    if (staff && !allows(staff.role, channel, parsed.data)) return forbidden(ctx, staff, channel);
    const data = staff ? withActor(parsed.data, staff.code) : parsed.data;
    const handler = handlers[channel] as Handler<Channel>;
    const viewer = staff && access ? { staff, access } : null;
    const value = await handler(ctx, data as never, { session, viewer });
    return { ok: true, value: viewer ? tellerView(viewer, value) : value };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, error: error.toBody() };
    // Internal details go to the log only; never personal data, never to the user.
    console.error(`[tierdesk] ${channel} failed:`, error instanceof Error ? error.stack : error);
    return {
      ok: false,
      error: { code: 'INTERNAL', message: '内部错误，操作未完成。请重试；若仍失败请联系管理员。', messageEn: 'Internal error; the operation did not complete. Try again, or contact the administrator if it keeps failing.' },
    };
  }
}
