import type { z } from 'zod';
import type { Channel, ChannelOutput, Contract } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { getAppInfo } from './branch/app-info';
import type { CoreContext } from './platform/context';
import { getCustomerCard, getCustomersCount, getCustomersPage, revealCustomerField } from './customers/customers';
import { recomputeAllTiers } from './tiers/tier-recompute';
import { getTierMatrix, getTierOverview } from './tiers/tiers';
import { removeTierOverride, saveTierOverride } from './tiers/tier-overrides';
import type { JobRequest } from '../../shared/schemas/jobs';
import type { JobControl } from './platform/jobs';
import { getTierRules, previewTierRules, saveTierRules } from './tiers/tier-rules';
import { getSegmentGrid } from './segments/segments';
import { getDimensionSettings, saveDimensionSettings } from './segments/dimension-settings';
import { analyzeHeldFile, commitAnalysis, listImports, problemsWorkbook, undoLatestImport } from './imports/imports';
import { getMigrationReport } from './flows/flows';
import { getGroupReport } from './groups/groups';
import { exportForDownload } from './exports/exports';
import { listTemplates, recordResponse, saveTemplate, surveyResults } from './surveys/surveys';
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
} from './complaints/complaints';
import {
  createAction,
  getActionBoard,
  getRetentionResults,
  getWarnings,
  getWarningSettings,
  logContact,
  saveWarningSettings,
  setOutcome,
} from './retention/retention';
import { listSavedSegments, removeSegment, saveSegment } from './segments/saved-segments';
import type { SavedSegment } from '../../shared/schemas/customer';
import { listAudit, verifyAudit } from './trust/audit';
import { backupFile, createBackup, describeBackup, listBackups, restoreBackup } from './trust/backups';
import { restoreOverDamaged } from './trust/recovery';
import type { DatabaseState } from '../../shared/schemas/recovery';
import { backupDir, backupFileName } from './platform/backup-names';
import {
  authStatus,
  getAccessSettings,
  listStaffAccounts,
  saveAccessSettings,
  saveStaffAccount,
  setupAdministrator,
  signIn,
  signOut,
  type Session,
} from './trust/auth';
import { bookOf, customerViewOf, type CustomerView, type Viewer } from './trust/access-scope';
import { maskName } from './trust/masking';
import { contactCoverage, getContactStandards, saveContactStandards, todayOf } from './workbench/workbench';
import { careCalendar } from './workbench/care';
import { addPlanItems, branchPlans, markPlanItem, planOf, removePlanItem } from './workbench/plans';
import { eventDetail, inviteToEvent, listEvents, saveEvent, setAttendance } from './workbench/events';

/** The work of each kind of job. */
function jobWork(ctx: CoreContext, request: JobRequest, view: CustomerView, control: JobControl): Promise<unknown> {
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
      return exportForDownload(ctx, request.export, view, control);
  }
}

/** Who is calling: the window's session, the staff member signed in on it with the access settings (null only for public channels), and how customer rows reach them in this call. */
export interface Caller {
  session: Session;
  viewer: Viewer | null;
  view: CustomerView;
}

export type Handler<C extends Channel> = (
  ctx: CoreContext,
  input: z.output<Contract[C]['input']>,
  caller: Caller,
) => Promise<ChannelOutput<C>>;

/** Recovery is for a damaged database only: a sound one is restored from the backups page, by the administrator. */
function requireDamaged(ctx: CoreContext): Extract<DatabaseState, { state: 'damaged' }> {
  const { state } = ctx.database;
  if (state.state !== 'damaged')
    throw new AppError(
      'CONFLICT',
      '数据库完好，无需在此恢复；如需恢复备份，请管理员在“数据备份”页操作。',
      'The database is sound; to restore a backup, the administrator uses the backups page.',
    );
  return state;
}

/** The signed-in staff member of a channel that needs one (the dispatch has checked). */
const viewerOf = (caller: Caller): Viewer => caller.viewer as Viewer;

/**
 * The only handler table: contract channel → service function. Who may call, whose customers and how masked are the
 * contract's declarations, applied around these by `dispatch` (dispatch.ts).
 */
export const handlers: { [C in Channel]: Handler<C> } = {
  'auth.status': (ctx, _input, caller) => authStatus(ctx, caller.session),
  'auth.setup': async (ctx, input, caller) => setupAdministrator(ctx, caller.session, input),
  'auth.signIn': async (ctx, input, caller) => signIn(ctx, caller.session, input),
  'auth.signOut': async (ctx, _input, caller) => signOut(ctx, caller.session),
  'recovery.backups': async (ctx) => ({ database: requireDamaged(ctx), backups: listBackups(ctx) }),
  'recovery.restore': async (ctx) => {
    requireDamaged(ctx);
    const restored = restoreOverDamaged(ctx, null, null);
    ctx.database.state = { state: 'ok' };
    return restored;
  },
  'staff.list': async (ctx) => listStaffAccounts(ctx),
  'staff.save': async (ctx, input, caller) => saveStaffAccount(ctx, input, caller.session),
  'access.settings': async (ctx) => getAccessSettings(ctx),
  'access.saveSettings': async (ctx, input) => saveAccessSettings(ctx, input.settings, input.staffCode),
  'app.info': (ctx) => getAppInfo(ctx),
  'customers.page': (ctx, input) => getCustomersPage(ctx, input),
  'customers.count': (ctx, input) => getCustomersCount(ctx, input),
  'customers.card': (ctx, input) => getCustomerCard(ctx, input.customerNo),
  'customers.reveal': (ctx, input) => revealCustomerField(ctx, input),
  'tiers.overview': async (ctx, input) => getTierOverview(ctx, input.month),
  'tiers.matrix': async (ctx, input) => getTierMatrix(ctx, input.fromMonth, input.toMonth),
  'migration.report': async (ctx, input) => getMigrationReport(ctx, input),
  'groups.report': (ctx, input) => getGroupReport(ctx, input),
  'warnings.list': async (ctx, input) => getWarnings(ctx, input),
  'warnings.settings': async (ctx) => getWarningSettings(ctx),
  'warnings.saveSettings': async (ctx, input) => saveWarningSettings(ctx, input.settings, input.staffCode),
  'retention.board': async (ctx, input) => getActionBoard(ctx, input),
  'retention.createAction': (ctx, input) => createAction(ctx, input),
  'retention.setOutcome': async (ctx, input) => setOutcome(ctx, input),
  'retention.results': (ctx, input) => getRetentionResults(ctx, input),
  'contacts.log': (ctx, input) => logContact(ctx, input),
  'complaints.board': async (ctx, input) => complaintBoard(ctx, input),
  'complaints.list': async (ctx, input) => listComplaints(ctx, input),
  'complaints.detail': async (ctx, input) => complaintDetail(ctx, input.complaintId),
  'complaints.analysis': async (ctx, input) => complaintAnalysis(ctx, input),
  'complaints.register': (ctx, input) => registerComplaint(ctx, input),
  'complaints.transition': async (ctx, input) => transitionComplaint(ctx, input),
  'complaints.extend': async (ctx, input) => extendComplaint(ctx, input),
  'complaints.pause': async (ctx, input) => pauseComplaint(ctx, input),
  'complaints.resume': async (ctx, input) => resumeComplaint(ctx, input),
  'complaints.review': async (ctx, input) => requestReview(ctx, input),
  'surveys.templates': async (ctx) => listTemplates(ctx),
  'surveys.templates.save': async (ctx, input) => saveTemplate(ctx, input),
  'surveys.respond': (ctx, input) => recordResponse(ctx, input),
  'surveys.results': (ctx, input) => surveyResults(ctx, input),
  'workbench.today': async (ctx, input) => todayOf(ctx, input.managerCode),
  'workbench.coverage': async (ctx, input, caller) => {
    // Figures per manager, not customer rows: a 客户经理 sees their own row and the branch's.
    const coverage = contactCoverage(ctx, input);
    const own = bookOf(viewerOf(caller), 'book');
    return own === null ? coverage : { ...coverage, managers: coverage.managers.filter((m) => m.managerCode === own) };
  },
  'workbench.standards': async (ctx) => getContactStandards(ctx),
  'workbench.saveStandards': async (ctx, input) => saveContactStandards(ctx, input.settings, input.staffCode),
  'care.calendar': async (ctx, input) => careCalendar(ctx, input),
  'plans.week': async (ctx, input) => planOf(ctx, input),
  'plans.add': (ctx, input) => addPlanItems(ctx, input),
  'plans.mark': async (ctx, input) => markPlanItem(ctx, input),
  'plans.remove': async (ctx, input) => removePlanItem(ctx, input.id, input.staffCode),
  'plans.branch': async (ctx, input) => branchPlans(ctx, input.week),
  'events.list': async (ctx, input) => listEvents(ctx, input),
  'events.detail': async (ctx, input, caller) => eventDetail(ctx, input.eventId, caller.view.bookOf),
  'events.save': async (ctx, input) => saveEvent(ctx, input),
  // A saved segment's customers are invited from the 客户经理's own book only.
  'events.invite': (ctx, input, caller) => inviteToEvent(ctx, input, bookOf(viewerOf(caller), 'book')),
  'events.attendance': (ctx, input) => setAttendance(ctx, input),
  'tiers.rules': async (ctx) => getTierRules(ctx),
  'segments.grid': async (ctx, input) => getSegmentGrid(ctx, input.month, input.rows, input.columns),
  'tiers.previewRules': async (ctx, input) => previewTierRules(ctx, input.rules),
  'dimensions.settings': async (ctx) => getDimensionSettings(ctx),
  'segments.saved': async (ctx, _input, caller) => {
    const { segments } = await listSavedSegments(ctx);
    const view = customerViewOf(viewerOf(caller), 'branchView');
    // A segment's search is often a customer's name: masked for a teller like every name, and for a 客户经理 without
    // the branch view in others' segments (another book's customer, perhaps). Such a segment then finds no one for
    // them; they look a customer up by name in the list's own search.
    const masked = (s: SavedSegment) =>
      s.filter.search !== undefined && (view.masksNames || (view.bookOf !== null && s.createdBy !== view.bookOf));
    return {
      segments: segments.map((s) =>
        masked(s) ? { ...s, filter: { ...s.filter, search: maskName(s.filter.search ?? '') } } : s,
      ),
    };
  },
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
    if (!ctx.chooseSaveTarget)
      throw new AppError(
        'NOT_FOUND',
        '浏览器模式的备份保存在备份文件夹中',
        'In browser mode, backups go to the backups folder',
      );
    const target = await ctx.chooseSaveTarget(backupFileName(new Date(ctx.now()), 'manual'));
    return target === null ? null : createBackup(ctx, 'manual', target, input.staffCode);
  },
  'backups.restore': (ctx, input) => restoreBackup(ctx, backupFile(ctx, input.fileName), input.staffCode),
  'files.pick': async (ctx) => {
    if (!ctx.pickFile)
      throw new AppError('NOT_FOUND', '浏览器模式请用“选择文件”上传', 'In browser mode, upload the file instead');
    const file = await ctx.pickFile();
    return { file: file ? ctx.uploads.put(file.name, file.bytes) : null };
  },
  'exports.save': async (ctx, input, caller) => {
    const who = viewerOf(caller).staff.code;
    const held = ctx.downloads.get(input.token, who);
    if (!ctx.chooseSaveTarget)
      throw new AppError('NOT_FOUND', '浏览器模式请从浏览器下载', 'In browser mode, download the file instead');
    const target = await ctx.chooseSaveTarget(held.fileName);
    if (target === null) return { saved: false };
    ctx.downloads.saveAs(input.token, who, target);
    return { saved: true };
  },
  'jobs.start': async (ctx, input, caller) => {
    const { request } = input;
    const { staff } = viewerOf(caller);
    return {
      jobId: ctx.jobs.start(request.kind, (control) => jobWork(ctx, request, caller.view, control), staff.code),
    };
  },
  'jobs.status': async (ctx, input, caller) => {
    const status = ctx.jobs.status(input.jobId, viewerOf(caller).staff.code);
    if (!status)
      throw new AppError('NOT_FOUND', '找不到该任务（可能已过期）。', 'No such job (it may have expired).', {
        field: 'jobId',
      });
    return status;
  },
  'jobs.current': async (ctx, _input, caller) => ({ job: ctx.jobs.current(viewerOf(caller).staff.code) }),
  'jobs.cancel': async (ctx, input, caller) => ({
    cancelling: ctx.jobs.cancel(input.jobId, viewerOf(caller).staff.code),
  }),
};
