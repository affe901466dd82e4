import { z } from 'zod';
import { AppInfoSchema } from './schemas/app';
import {
  CustomerCardSchema,
  CustomerCountQuerySchema,
  CustomerPageQuerySchema,
  CustomerPageSchema,
  SaveSegmentInputSchema,
  SavedSegmentSchema,
} from './schemas/customer';
import { DateSchema, MonthSchema } from './schemas/common';
import { TierMatrixSchema, TierOverviewSchema, TierRulesPreviewSchema } from './schemas/tier-views';
import { TierRuleSetSchema } from './schemas/tiers';
import { JobEventSchema, JobRequestSchema } from './schemas/jobs';
import { ImportBatchSchema } from './schemas/imports';
import { AuditPageSchema, AuditQuerySchema, AuditVerificationSchema } from './schemas/audit';
import { BackupFileInputSchema, BackupInfoSchema, BackupListSchema } from './schemas/backups';
import {
  AccessSettingsSchema,
  AuthStatusSchema,
  RevealInputSchema,
  SetupInputSchema,
  SignedInSchema,
  SignInInputSchema,
  StaffAccountSchema,
  StaffSaveInputSchema,
} from './schemas/auth';
import { MigrationQuerySchema, MigrationReportSchema } from './schemas/migration';
import { GroupQuerySchema, GroupReportSchema } from './schemas/groups';
import {
  ActionBoardQuerySchema,
  ActionInputSchema,
  ActionSchema,
  ContactInputSchema,
  RetentionResultsQuerySchema,
  RetentionResultsSchema,
  SetOutcomeInputSchema,
  WarningPageSchema,
  WarningQuerySchema,
  WarningSettingsSchema,
} from './schemas/retention';
import { DimensionSettingsSchema, SegmentDimensionSchema, SegmentGridSchema } from './schemas/segments';
import {
  COMPLAINT_STATUSES,
  ComplaintAnalysisQuerySchema,
  ComplaintAnalysisSchema,
  ComplaintBoardSchema,
  ComplaintDatedSchema,
  ComplaintDeadlineSchema,
  ComplaintDetailSchema,
  ComplaintExtensionSchema,
  ComplaintInputSchema,
  ComplaintListQuerySchema,
  ComplaintPauseSchema,
  ComplaintSummarySchema,
  ComplaintTransitionSchema,
} from './schemas/complaints';
import {
  AttendanceInputSchema,
  BranchPlansSchema,
  CareCalendarSchema,
  CareQuerySchema,
  ContactStandardsSchema,
  CoverageQuerySchema,
  CoverageSchema,
  EventDetailSchema,
  EventInputSchema,
  EventSummarySchema,
  InviteInputSchema,
  PlanAddInputSchema,
  PlanMarkInputSchema,
  PlanQuerySchema,
  PlanSchema,
  TodayQuerySchema,
  TodaySchema,
  WeekSchema,
} from './schemas/workbench';
import { ResponseInputSchema, SurveyResultsQuerySchema, SurveyResultsSchema, SurveyTemplateSchema, TemplateInputSchema } from './schemas/surveys';

interface ChannelSpec {
  input: z.ZodType;
  output: z.ZodType;
  doc: string;
}

/**
 * THE table of IPC channels. The preload allowlist, the main-process handler table and the renderer client
 * are all derived from it; a channel that is not here does not exist.
 */
export const contract = {
  'auth.status': {
    input: z.strictObject({}),
    output: AuthStatusSchema,
    doc: 'Who is signed in on this window, whether the administrator must first be created, the idle lock.',
  },
  'auth.setup': {
    input: SetupInputSchema,
    output: SignedInSchema,
    doc: 'First run only: create the administrator (工号, name, PIN or password) and sign in.',
  },
  'auth.signIn': {
    input: SignInInputSchema,
    output: SignedInSchema,
    doc: 'Sign in with 工号 and PIN or password; 5 failures in a row lock the account for 15 minutes. Audited.',
  },
  'auth.signOut': {
    input: z.strictObject({}),
    output: z.object({ signedOut: z.literal(true) }),
    doc: 'Sign out of this window. Audited.',
  },
  'staff.list': {
    input: z.strictObject({}),
    output: z.object({ staff: z.array(StaffAccountSchema) }),
    doc: 'Staff accounts with role, active flag, whether they can sign in and any lock (管理员).',
  },
  'staff.save': {
    input: StaffSaveInputSchema,
    output: z.object({ staff: z.array(StaffAccountSchema) }),
    doc: 'Add or change a staff account, optionally setting its PIN or password (which unlocks it). Audited.',
  },
  'access.settings': {
    input: z.strictObject({}),
    output: z.object({ settings: AccessSettingsSchema }),
    doc: "Idle lock minutes, the managers' branch view, what tellers see.",
  },
  'access.saveSettings': {
    input: z.strictObject({ settings: AccessSettingsSchema, staffCode: z.string().max(32).nullable() }),
    output: z.object({ settings: AccessSettingsSchema }),
    doc: 'Change the access settings (管理员). Audited.',
  },
  'app.info': {
    input: z.strictObject({}),
    output: AppInfoSchema,
    doc: 'Branch name, months with data, staff list and counts for the app shell.',
  },
  'customers.page': {
    input: CustomerPageQuerySchema,
    output: CustomerPageSchema,
    doc: 'One keyset page of the customer list for a month, sorted and filtered; personal data masked.',
  },
  'customers.count': {
    input: CustomerCountQuerySchema,
    output: z.object({ total: z.number().int() }),
    doc: 'How many customers match a filter (for the list footer).',
  },
  'customers.card': {
    input: z.strictObject({ customerNo: z.string().trim().min(1).max(64) }),
    output: CustomerCardSchema,
    doc: "One customer's profile and monthly assets; personal data masked.",
  },
  'customers.reveal': {
    input: RevealInputSchema,
    output: z.object({ value: z.string().nullable(), expiresAt: z.string() }),
    doc: "One customer's ID number or mobile in full, with a reason; audited, shown for a minute.",
  },
  'tiers.overview': {
    input: z.strictObject({ month: MonthSchema }),
    output: TierOverviewSchema,
    doc: 'Counts and 月日均 per tier for a month vs the month before, and counts per status.',
  },
  'tiers.matrix': {
    input: z.strictObject({ fromMonth: MonthSchema, toMonth: MonthSchema }),
    output: TierMatrixSchema,
    doc: 'Customers by tier in one month × tier in another (counts and 月日均).',
  },
  'migration.report': {
    input: MigrationQuerySchema,
    output: MigrationReportSchema,
    doc: 'Two-period analysis of a tier or a 月日均 threshold: retained, lost, new, via wealth products, tier × tier matrix.',
  },
  'groups.report': {
    input: GroupQuerySchema,
    output: GroupReportSchema,
    doc: 'Group characteristics of a tier or a 月日均 threshold in a month, by one dimension, with Pareto shares and a Lorenz curve.',
  },
  'warnings.list': {
    input: WarningQuerySchema,
    output: WarningPageSchema,
    doc: 'Early warning (防降级): customers in 观察 or near their threshold, ranked by risk, with reasons and the amount needed.',
  },
  'warnings.settings': {
    input: z.strictObject({}),
    output: z.object({ settings: WarningSettingsSchema }),
    doc: "The warning model's parameters (margin, signal weights and scales, contact standards, level cut-offs).",
  },
  'warnings.saveSettings': {
    input: z.strictObject({ settings: WarningSettingsSchema, staffCode: z.string().min(1).max(32).nullable() }),
    output: z.object({ saved: z.literal(true) }),
    doc: "Save the warning model's parameters (audited); warnings are scored afresh.",
  },
  'retention.board': {
    input: ActionBoardQuerySchema,
    output: z.object({ actions: z.array(ActionSchema) }),
    doc: "A manager's retention actions (all managers' when none given): overdue first, then by due date.",
  },
  'retention.createAction': {
    input: ActionInputSchema,
    output: z.object({ id: z.number().int() }),
    doc: 'Create a retention action for a customer from a warning: kind, owner, due date, notes.',
  },
  'retention.setOutcome': {
    input: SetOutcomeInputSchema,
    output: z.object({ action: ActionSchema }),
    doc: "Set an action's outcome by hand with a reason (or back to the data's); audited.",
  },
  'retention.results': {
    input: RetentionResultsQuerySchema,
    output: RetentionResultsSchema,
    doc: 'Downgrade prevention over a period, per manager and branch: warned, actions, saved, downgraded, churned; by month.',
  },
  'contacts.log': {
    input: ContactInputSchema,
    output: z.object({ id: z.number().int() }),
    doc: 'Log a contact with a customer (date, channel, purpose, note); one made for a retention action marks it done.',
  },
  'complaints.board': {
    input: z.strictObject({ managerCode: z.string().min(1).max(32).optional() }),
    output: ComplaintBoardSchema,
    doc: 'Open complaints overdue, due within 3 days, paused and regulator-referred, and counts per customer manager.',
  },
  'complaints.list': {
    input: ComplaintListQuerySchema,
    output: z.object({ total: z.number().int(), rows: z.array(ComplaintSummarySchema) }),
    doc: 'The complaint log, newest first, by status and customer manager, each with its deadline.',
  },
  'complaints.detail': {
    input: z.strictObject({ complaintId: z.number().int().positive() }),
    output: ComplaintDetailSchema,
    doc: 'One complaint: texts, deadline, paused spans, every event, the next steps and the review window.',
  },
  'complaints.analysis': {
    input: ComplaintAnalysisQuerySchema,
    output: ComplaintAnalysisSchema,
    doc: 'Complaints received in a period by category, channel, month and manager; median handling days, on-time and satisfied rates; repeat complainants.',
  },
  'complaints.register': {
    input: ComplaintInputSchema,
    output: z.object({ id: z.number().int(), complaintNo: z.string() }),
    doc: 'Register a complaint (登记) under the next number of its month; audited.',
  },
  'complaints.transition': {
    input: ComplaintTransitionSchema,
    output: z.object({ status: z.enum(COMPLAINT_STATUSES) }),
    doc: 'Move a complaint one step (受理 / 处理中 / 已答复 / 办结); out of order refused naming the next steps; audited.',
  },
  'complaints.extend': {
    input: ComplaintExtensionSchema,
    output: ComplaintDeadlineSchema,
    doc: 'Extend the handling time with an approver and a reason (30 days more at most, 60 in all); audited.',
  },
  'complaints.pause': {
    input: ComplaintPauseSchema,
    output: z.object({ paused: z.literal(true) }),
    doc: 'Pause the clock for appraisal or third-party time from a date; audited.',
  },
  'complaints.resume': {
    input: ComplaintDatedSchema,
    output: z.object({ resumed: z.literal(true) }),
    doc: 'Resume the clock on a date (the paused days move the due date); audited.',
  },
  'complaints.review': {
    input: ComplaintDatedSchema,
    output: z.object({ status: z.enum(COMPLAINT_STATUSES) }),
    doc: 'Request a review (复核) within 30 days of the reply: reopens the complaint with a fresh handling period; audited.',
  },
  'surveys.templates': {
    input: z.strictObject({}),
    output: z.object({ templates: z.array(SurveyTemplateSchema) }),
    doc: 'Survey templates, the latest version of each, with their response counts.',
  },
  'surveys.templates.save': {
    input: TemplateInputSchema,
    output: SurveyTemplateSchema,
    doc: 'Save a survey template: a used version is kept and the edit becomes the next version; audited.',
  },
  'surveys.respond': {
    input: ResponseInputSchema,
    output: z.object({ id: z.number().int(), followUpActionId: z.number().int().nullable(), followUpProblem: z.string().nullable() }),
    doc: "Record a customer's answers; out of range refused naming the question; a low score creates a follow-up action.",
  },
  'surveys.results': {
    input: SurveyResultsQuerySchema,
    output: SurveyResultsSchema,
    doc: 'CSAT and NPS with respondents by month, tier, manager and template; per question and free text for one template.',
  },
  'workbench.today': {
    input: TodayQuerySchema,
    output: TodaySchema,
    doc: "A manager's day (a 客户经理's own): actions due, high-risk warnings, complaints near deadline, care dates this week, overdue contacts, priority-A opportunities.",
  },
  'workbench.coverage': {
    input: CoverageQuerySchema,
    output: CoverageSchema,
    doc: 'Contact coverage by month per manager (a 客户经理 sees their own) and for the branch: customers with a standard, contacted and visited on time.',
  },
  'workbench.standards': {
    input: z.strictObject({}),
    output: z.object({ settings: ContactStandardsSchema }),
    doc: 'The contact standards per tier: days between contacts, and between face-to-face visits.',
  },
  'workbench.saveStandards': {
    input: z.strictObject({ settings: ContactStandardsSchema, staffCode: z.string().min(1).max(32).nullable() }),
    output: z.object({ saved: z.literal(true) }),
    doc: 'Save the contact standards (audited); warnings are scored afresh.',
  },
  'care.calendar': {
    input: CareQuerySchema,
    output: CareCalendarSchema,
    doc: 'Care dates of a period (≤ 62 days): birthdays (solar or lunar), maturities 30/7/1 days ahead, risk-assessment and ID expiry, anniversaries.',
  },
  'plans.week': {
    input: PlanQuerySchema,
    output: PlanSchema,
    doc: "A manager's weekly plan with completion, and suggestions from the workbench (a 客户经理's own).",
  },
  'plans.add': {
    input: PlanAddInputSchema,
    output: z.object({ added: z.number().int(), skipped: z.number().int() }),
    doc: "Add customers to contact or visit, or events, to a manager's week (a 客户经理: own book only).",
  },
  'plans.mark': {
    input: PlanMarkInputSchema,
    output: z.object({ saved: z.literal(true) }),
    doc: 'Mark a plan item done by hand (or not).',
  },
  'plans.remove': {
    input: z.strictObject({ id: z.number().int().positive(), staffCode: z.string().min(1).max(32).nullable() }),
    output: z.object({ removed: z.literal(true) }),
    doc: 'Take an item out of a plan; audited.',
  },
  'plans.branch': {
    input: z.strictObject({ week: WeekSchema }),
    output: BranchPlansSchema,
    doc: "Every manager's plan for a week: items planned and done.",
  },
  'events.list': {
    input: z.strictObject({ from: DateSchema.optional(), to: DateSchema.optional() }),
    output: z.object({ events: z.array(EventSummarySchema) }),
    doc: 'Customer events (forums, salons, care visits), newest first, with invitees, attendance and follow-ups counted.',
  },
  'events.detail': {
    input: z.strictObject({ eventId: z.number().int().positive() }),
    output: EventDetailSchema,
    doc: 'One event and its invitees (a 客户经理 sees those of their book).',
  },
  'events.save': {
    input: EventInputSchema,
    output: z.object({ id: z.number().int() }),
    doc: 'Create or edit an event; audited.',
  },
  'events.invite': {
    input: InviteInputSchema,
    output: z.object({ added: z.number().int(), already: z.number().int() }),
    doc: "Invite a saved segment's customers or named customers (≤ 500 an event; a 客户经理 from their book).",
  },
  'events.attendance': {
    input: AttendanceInputSchema,
    output: z.object({ saved: z.literal(true) }),
    doc: "Record an invitee's attendance and the follow-up result.",
  },
  'tiers.rules': {
    input: z.strictObject({}),
    output: z.object({ ruleSets: z.array(TierRuleSetSchema) }),
    doc: 'Every tier rule set, oldest first (each applies from its month until the next).',
  },
  'tiers.previewRules': {
    input: z.strictObject({ rules: TierRuleSetSchema }),
    output: TierRulesPreviewSchema,
    doc: 'What-if: how this month’s customers would move between tiers under proposed rules; saves nothing.',
  },
  'segments.grid': {
    input: z.strictObject({ month: MonthSchema, rows: SegmentDimensionSchema, columns: SegmentDimensionSchema }),
    output: SegmentGridSchema,
    doc: 'Customers and 月日均 for every pair of values of two dimensions in a month.',
  },
  'dimensions.settings': {
    input: z.strictObject({}),
    output: z.object({ settings: DimensionSettingsSchema }),
    doc: 'The thresholds of the other dimensions (depth, priority signals, lifecycle); saved through a job.',
  },
  'segments.saved': {
    input: z.strictObject({}),
    output: z.object({ segments: z.array(SavedSegmentSchema) }),
    doc: 'Saved segments (named customer-list filters), by name.',
  },
  'segments.save': {
    input: SaveSegmentInputSchema,
    output: z.object({ id: z.number().int() }),
    doc: 'Save the customer-list filter under a name (refused if the name is taken, unless replace).',
  },
  'segments.remove': {
    input: z.strictObject({ id: z.number().int().positive() }),
    output: z.object({ removed: z.literal(true) }),
    doc: 'Delete a saved segment.',
  },
  'imports.history': {
    input: z.strictObject({}),
    output: z.object({ batches: z.array(ImportBatchSchema) }),
    doc: 'Import batches, newest first, and which one can be undone.',
  },
  'imports.problems': {
    input: z.strictObject({ analysisId: z.uuid() }),
    output: z.object({ fileName: z.string(), base64: z.string() }),
    doc: 'Every problem of a preview as an xlsx workbook (file, sheet, row, column, value, message).',
  },
  'audit.list': {
    input: AuditQuerySchema,
    output: AuditPageSchema,
    doc: 'The audit log, newest first, by period, staff and action.',
  },
  'audit.verify': {
    input: z.strictObject({ staffCode: z.string().min(1).max(32).nullable() }),
    output: AuditVerificationSchema,
    doc: "Check every link of the audit log's hash chain; the first broken entry, if any.",
  },
  'backups.list': {
    input: z.strictObject({}),
    output: BackupListSchema,
    doc: 'The backups folder and its backups, newest first.',
  },
  'backups.inspect': {
    input: BackupFileInputSchema,
    output: BackupInfoSchema,
    doc: "What a backup holds (date, schema, customers, latest month), checked; a bad one is refused.",
  },
  'backups.create': {
    input: z.strictObject({ chooseLocation: z.boolean(), staffCode: z.string().max(32).nullable() }),
    output: BackupInfoSchema.nullable(),
    doc: 'Back up now: into the backups folder, or (desktop app) where the user chooses; null when the dialog is cancelled.',
  },
  'backups.restore': {
    input: BackupFileInputSchema,
    output: BackupInfoSchema,
    doc: 'Replace the live database with a backup (the live one backed up first). Audited.',
  },
  'files.pick': {
    input: z.strictObject({}),
    output: z.object({ file: z.object({ token: z.string(), name: z.string(), size: z.number().int() }).nullable() }),
    doc: 'Electron: choose a file in the system dialog; it is held under a token (browser mode uploads to /upload instead).',
  },
  'exports.save': {
    input: z.strictObject({ token: z.uuid() }),
    output: z.object({ saved: z.boolean() }),
    doc: 'Electron: save a finished export where the user chooses in the system dialog (browser mode downloads GET /download/TOKEN).',
  },
  'jobs.start': {
    input: z.strictObject({ request: JobRequestSchema }),
    output: z.object({ jobId: z.string() }),
    doc: 'Start long work (recompute, saving rules or an override, imports, exports); progress arrives as job events. One job at a time.',
  },
  'jobs.status': {
    input: z.strictObject({ jobId: z.string().max(64) }),
    output: JobEventSchema,
    doc: "A job's state and progress (also pushed as events); finished jobs keep their result or error.",
  },
  'jobs.current': {
    input: z.strictObject({}),
    output: z.object({ job: JobEventSchema.nullable() }),
    doc: 'The running job, if any.',
  },
  'jobs.cancel': {
    input: z.strictObject({ jobId: z.string().max(64) }),
    output: z.object({ cancelling: z.boolean() }),
    doc: 'Ask a running job to stop; it leaves the data as it was.',
  },
} as const satisfies Record<string, ChannelSpec>;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export type ChannelInput<C extends Channel> = z.input<Contract[C]['input']>;
export type ChannelOutput<C extends Channel> = z.output<Contract[C]['output']>;

export const CHANNELS = Object.keys(contract) as Channel[];

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.hasOwn(contract, name);
}
