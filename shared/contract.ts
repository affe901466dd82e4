import { z } from 'zod';
import {
  actsOn,
  ADMIN,
  AGGREGATES,
  ANYONE,
  BOOK,
  customerRows,
  NO_CUSTOMERS,
  PUBLIC,
  SETTINGS,
  TIER_TOTALS,
  type Acts,
  type Exposure,
  type Roles,
} from './roles';
import { AppInfoSchema } from './schemas/app';
import { RecoveryBackupsSchema, RecoveryRestoreInputSchema, RecoveryRestoreSchema } from './schemas/recovery';
import {
  CustomerCardSchema,
  CustomerCountQuerySchema,
  CustomerPageQuerySchema,
  CustomerPageSchema,
  SaveSegmentInputSchema,
  SavedSegmentSchema,
} from './schemas/customer';
import { DateSchema, MonthSchema, type StaffRole } from './schemas/common';
import { TierMatrixSchema, TierOverviewSchema, TierRulesPreviewSchema } from './schemas/tier-views';
import { TierRuleSetSchema } from './schemas/tiers';
import { JobEventSchema, JobRequestSchema, type JobKind } from './schemas/jobs';
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
import {
  ResponseInputSchema,
  SurveyResultsQuerySchema,
  SurveyResultsSchema,
  SurveyTemplateSchema,
  TemplateInputSchema,
} from './schemas/surveys';

export interface ChannelSpec {
  input: z.ZodType;
  output: z.ZodType;
  doc: string;
  /** Who may call it (docs/architecture.md, "Trust"). */
  roles: Roles;
  /** What it answers about customers, and whose rows a 客户经理 may see in it. */
  customers: Exposure;
  /** What it acts on: a 客户经理 only within their own book. */
  acts?: readonly Acts[];
}

/**
 * THE table of IPC channels: per channel its input and output, who may call it and what it tells about customers.
 * The preload allowlist, the main-process dispatch, the access checks and the renderer client are all derived from
 * it; a channel that is not here does not exist.
 */
export const contract = {
  'auth.status': {
    input: z.strictObject({}),
    output: AuthStatusSchema,
    doc: 'Who is signed in on this window, whether the administrator must first be created, the idle lock.',
    roles: PUBLIC,
    customers: NO_CUSTOMERS,
  },
  'auth.setup': {
    input: SetupInputSchema,
    output: SignedInSchema,
    doc: 'First run only: create the administrator (工号, name, PIN or password) and sign in.',
    roles: PUBLIC,
    customers: NO_CUSTOMERS,
  },
  'auth.signIn': {
    input: SignInInputSchema,
    output: SignedInSchema,
    doc: 'Sign in with 工号 and PIN or password; 5 failures in a row lock the account for 15 minutes. Audited.',
    roles: PUBLIC,
    customers: NO_CUSTOMERS,
  },
  'auth.signOut': {
    input: z.strictObject({}),
    output: z.object({ signedOut: z.literal(true) }),
    doc: 'Sign out of this window. Audited.',
    roles: ANYONE,
    customers: NO_CUSTOMERS,
  },
  'recovery.backups': {
    input: z.strictObject({}),
    output: RecoveryBackupsSchema,
    doc: 'A damaged database only: the file, what its check said, and the backups, newest first.',
    roles: PUBLIC,
    customers: NO_CUSTOMERS,
  },
  'recovery.restore': {
    input: RecoveryRestoreInputSchema,
    output: RecoveryRestoreSchema,
    doc: 'A damaged database only: restore the newest backup that passes its integrity check, the damaged file kept aside. Audited.',
    roles: PUBLIC,
    customers: NO_CUSTOMERS,
  },
  'staff.list': {
    input: z.strictObject({}),
    output: z.object({ staff: z.array(StaffAccountSchema) }),
    doc: 'Staff accounts with role, active flag, whether they can sign in and any lock (管理员).',
    roles: ADMIN,
    customers: NO_CUSTOMERS,
  },
  'staff.save': {
    input: StaffSaveInputSchema,
    output: z.object({ staff: z.array(StaffAccountSchema) }),
    doc: 'Add or change a staff account, optionally setting its PIN or password (which unlocks it). Audited.',
    roles: ADMIN,
    customers: NO_CUSTOMERS,
  },
  'access.settings': {
    input: z.strictObject({}),
    output: z.object({ settings: AccessSettingsSchema }),
    doc: "Idle lock minutes, the managers' branch view, what tellers see.",
    roles: ANYONE,
    customers: NO_CUSTOMERS,
  },
  'access.saveSettings': {
    input: z.strictObject({ settings: AccessSettingsSchema, staffCode: z.string().max(32).nullable() }),
    output: z.object({ settings: AccessSettingsSchema }),
    doc: 'Change the access settings (管理员). Audited.',
    roles: ADMIN,
    customers: NO_CUSTOMERS,
  },
  'app.info': {
    input: z.strictObject({}),
    output: AppInfoSchema,
    doc: 'Branch name, months with data, staff list and counts for the app shell.',
    roles: ANYONE,
    customers: NO_CUSTOMERS,
  },
  'customers.page': {
    input: CustomerPageQuerySchema,
    output: CustomerPageSchema,
    doc: 'One keyset page of the customer list for a month, sorted and filtered; personal data masked.',
    roles: ANYONE,
    customers: customerRows('branchView', 'filter.managerCode'),
  },
  'customers.count': {
    input: CustomerCountQuerySchema,
    output: z.object({ total: z.number().int() }),
    doc: 'How many customers match a filter (for the list footer).',
    roles: ANYONE,
    customers: customerRows('branchView', 'filter.managerCode'),
  },
  'customers.card': {
    input: z.strictObject({ customerNo: z.string().trim().min(1).max(64) }),
    output: CustomerCardSchema,
    doc: "One customer's profile and monthly assets; personal data masked.",
    roles: ANYONE,
    customers: customerRows('branchView'),
  },
  'customers.reveal': {
    input: RevealInputSchema,
    output: z.object({ value: z.string().nullable(), expiresAt: z.string() }),
    doc: "One customer's ID number or mobile in full, with a reason; audited, shown for a minute.",
    roles: BOOK,
    customers: customerRows('book'),
    acts: [actsOn('customer', 'customerNo')],
  },
  'tiers.overview': {
    input: z.strictObject({ month: MonthSchema }),
    output: TierOverviewSchema,
    doc: 'Counts and 月日均 per tier for a month vs the month before, and counts per status.',
    roles: ANYONE,
    customers: TIER_TOTALS,
  },
  'tiers.matrix': {
    input: z.strictObject({ fromMonth: MonthSchema, toMonth: MonthSchema }),
    output: TierMatrixSchema,
    doc: 'Customers by tier in one month × tier in another (counts and 月日均).',
    roles: ANYONE,
    customers: AGGREGATES,
  },
  'migration.report': {
    input: MigrationQuerySchema,
    output: MigrationReportSchema,
    doc: 'Two-period analysis of a tier or a 月日均 threshold: retained, lost, new, via wealth products, tier × tier matrix.',
    roles: ANYONE,
    customers: AGGREGATES,
  },
  'groups.report': {
    input: GroupQuerySchema,
    output: GroupReportSchema,
    doc: 'Group characteristics of a tier or a 月日均 threshold in a month, by one dimension, with Pareto shares and a Lorenz curve.',
    roles: ANYONE,
    customers: AGGREGATES,
  },
  'warnings.list': {
    input: WarningQuerySchema,
    output: WarningPageSchema,
    doc: 'Early warning (防降级): customers in 观察 or near their threshold, ranked by risk, with reasons and the amount needed.',
    roles: ANYONE,
    customers: customerRows('branchView', 'managerCode'),
  },
  'warnings.settings': {
    input: z.strictObject({}),
    output: z.object({ settings: WarningSettingsSchema }),
    doc: "The warning model's parameters (margin, signal weights and scales, contact standards, level cut-offs).",
    roles: ANYONE,
    customers: NO_CUSTOMERS,
  },
  'warnings.saveSettings': {
    input: z.strictObject({ settings: WarningSettingsSchema, staffCode: z.string().min(1).max(32).nullable() }),
    output: z.object({ saved: z.literal(true) }),
    doc: "Save the warning model's parameters (audited); warnings are scored afresh.",
    roles: SETTINGS,
    customers: NO_CUSTOMERS,
  },
  'retention.board': {
    input: ActionBoardQuerySchema,
    output: z.object({ actions: z.array(ActionSchema) }),
    doc: "A manager's retention actions (all managers' when none given): overdue first, then by due date.",
    roles: ANYONE,
    customers: customerRows('branchView', 'ownerCode'),
  },
  'retention.createAction': {
    input: ActionInputSchema,
    output: z.object({ id: z.number().int() }),
    doc: 'Create a retention action for a customer from a warning: kind, owner, due date, notes.',
    roles: BOOK,
    customers: NO_CUSTOMERS,
    acts: [actsOn('customer', 'customerNo')],
  },
  'retention.setOutcome': {
    input: SetOutcomeInputSchema,
    output: z.object({ action: ActionSchema }),
    doc: "Set an action's outcome by hand with a reason (or back to the data's); audited.",
    roles: BOOK,
    customers: customerRows('book'),
    acts: [actsOn('action', 'actionId')],
  },
  'retention.results': {
    input: RetentionResultsQuerySchema,
    output: RetentionResultsSchema,
    doc: 'Downgrade prevention over a period, per manager and branch: warned, actions, saved, downgraded, churned; by month.',
    roles: ANYONE,
    customers: AGGREGATES,
  },
  'contacts.log': {
    input: ContactInputSchema,
    output: z.object({ id: z.number().int() }),
    doc: 'Log a contact with a customer (date, channel, purpose, note); one made for a retention action marks it done.',
    roles: BOOK,
    customers: NO_CUSTOMERS,
    acts: [actsOn('customer', 'customerNo'), actsOn('action', 'actionId')],
  },
  'complaints.board': {
    input: z.strictObject({ managerCode: z.string().min(1).max(32).optional() }),
    output: ComplaintBoardSchema,
    doc: 'Open complaints overdue, due within 3 days, paused and regulator-referred, and counts per customer manager.',
    roles: ANYONE,
    customers: customerRows('branchView', 'managerCode'),
  },
  'complaints.list': {
    input: ComplaintListQuerySchema,
    output: z.object({ total: z.number().int(), rows: z.array(ComplaintSummarySchema) }),
    doc: 'The complaint log, newest first, by status and customer manager, each with its deadline.',
    roles: ANYONE,
    customers: customerRows('branchView', 'managerCode'),
  },
  'complaints.detail': {
    input: z.strictObject({ complaintId: z.number().int().positive() }),
    output: ComplaintDetailSchema,
    doc: 'One complaint: texts, deadline, paused spans, every event, the next steps and the review window.',
    roles: ANYONE,
    customers: customerRows('branchView'),
  },
  'complaints.analysis': {
    input: ComplaintAnalysisQuerySchema,
    output: ComplaintAnalysisSchema,
    doc: 'Complaints received in a period by category, channel, month and manager; median handling days, on-time and satisfied rates; repeat complainants.',
    roles: ANYONE,
    customers: customerRows('branchView'),
  },
  'complaints.register': {
    input: ComplaintInputSchema,
    output: z.object({ id: z.number().int(), complaintNo: z.string() }),
    doc: 'Register a complaint (登记) under the next number of its month; audited.',
    roles: BOOK,
    customers: NO_CUSTOMERS,
    acts: [actsOn('customer', 'customerNo')],
  },
  'complaints.transition': {
    input: ComplaintTransitionSchema,
    output: z.object({ status: z.enum(COMPLAINT_STATUSES) }),
    doc: 'Move a complaint one step (受理 / 处理中 / 已答复 / 办结); out of order refused naming the next steps; audited.',
    roles: BOOK,
    customers: NO_CUSTOMERS,
    acts: [actsOn('complaint', 'complaintId')],
  },
  'complaints.extend': {
    input: ComplaintExtensionSchema,
    output: ComplaintDeadlineSchema,
    doc: 'Extend the handling time with an approver and a reason (30 days more at most, 60 in all); audited.',
    roles: BOOK,
    customers: NO_CUSTOMERS,
    acts: [actsOn('complaint', 'complaintId')],
  },
  'complaints.pause': {
    input: ComplaintPauseSchema,
    output: z.object({ paused: z.literal(true) }),
    doc: 'Pause the clock for appraisal or third-party time from a date; audited.',
    roles: BOOK,
    customers: NO_CUSTOMERS,
    acts: [actsOn('complaint', 'complaintId')],
  },
  'complaints.resume': {
    input: ComplaintDatedSchema,
    output: z.object({ resumed: z.literal(true) }),
    doc: 'Resume the clock on a date (the paused days move the due date); audited.',
    roles: BOOK,
    customers: NO_CUSTOMERS,
    acts: [actsOn('complaint', 'complaintId')],
  },
  'complaints.review': {
    input: ComplaintDatedSchema,
    output: z.object({ status: z.enum(COMPLAINT_STATUSES) }),
    doc: 'Request a review (复核) within 30 days of the reply: reopens the complaint with a fresh handling period; audited.',
    roles: BOOK,
    customers: NO_CUSTOMERS,
    acts: [actsOn('complaint', 'complaintId')],
  },
  'surveys.templates': {
    input: z.strictObject({}),
    output: z.object({ templates: z.array(SurveyTemplateSchema) }),
    doc: 'Survey templates, the latest version of each, with their response counts.',
    roles: ANYONE,
    customers: NO_CUSTOMERS,
  },
  'surveys.templates.save': {
    input: TemplateInputSchema,
    output: SurveyTemplateSchema,
    doc: 'Save a survey template: a used version is kept and the edit becomes the next version; audited.',
    roles: SETTINGS,
    customers: NO_CUSTOMERS,
  },
  'surveys.respond': {
    input: ResponseInputSchema,
    output: z.object({
      id: z.number().int(),
      followUpActionId: z.number().int().nullable(),
      followUpProblem: z.string().nullable(),
    }),
    doc: "Record a customer's answers; out of range refused naming the question; a low score creates a follow-up action.",
    roles: BOOK,
    customers: NO_CUSTOMERS,
    acts: [actsOn('customer', 'customerNo')],
  },
  'surveys.results': {
    input: SurveyResultsQuerySchema,
    output: SurveyResultsSchema,
    doc: 'CSAT and NPS with respondents by month, tier, manager and template; per question and free text for one template.',
    roles: ANYONE,
    customers: AGGREGATES,
  },
  'workbench.today': {
    input: TodayQuerySchema,
    output: TodaySchema,
    doc: "A manager's day (a 客户经理's own): actions due, high-risk warnings, complaints near deadline, care dates this week, overdue contacts, priority-A opportunities.",
    roles: BOOK,
    customers: customerRows('book', 'managerCode'),
  },
  'workbench.coverage': {
    input: CoverageQuerySchema,
    output: CoverageSchema,
    doc: 'Contact coverage by month per manager (a 客户经理 sees their own) and for the branch: customers with a standard, contacted and visited on time.',
    roles: BOOK,
    customers: AGGREGATES,
  },
  'workbench.standards': {
    input: z.strictObject({}),
    output: z.object({ settings: ContactStandardsSchema }),
    doc: 'The contact standards per tier: days between contacts, and between face-to-face visits.',
    roles: ANYONE,
    customers: NO_CUSTOMERS,
  },
  'workbench.saveStandards': {
    input: z.strictObject({ settings: ContactStandardsSchema, staffCode: z.string().min(1).max(32).nullable() }),
    output: z.object({ saved: z.literal(true) }),
    doc: 'Save the contact standards (audited); warnings are scored afresh.',
    roles: SETTINGS,
    customers: NO_CUSTOMERS,
  },
  'care.calendar': {
    input: CareQuerySchema,
    output: CareCalendarSchema,
    doc: 'Care dates of a period (≤ 62 days): birthdays (solar or lunar), maturities 30/7/1 days ahead, risk-assessment and ID expiry, anniversaries.',
    roles: BOOK,
    customers: customerRows('branchView', 'managerCode'),
  },
  'plans.week': {
    input: PlanQuerySchema,
    output: PlanSchema,
    doc: "A manager's weekly plan with completion, and suggestions from the workbench (a 客户经理's own).",
    roles: BOOK,
    customers: customerRows('book', 'managerCode'),
  },
  'plans.add': {
    input: PlanAddInputSchema,
    output: z.object({ added: z.number().int(), skipped: z.number().int() }),
    doc: "Add customers to contact or visit, or events, to a manager's week (a 客户经理: own book only).",
    roles: BOOK,
    customers: customerRows('book', 'managerCode'),
    acts: [actsOn('customer', 'items[].customerNo')],
  },
  'plans.mark': {
    input: PlanMarkInputSchema,
    output: z.object({ saved: z.literal(true) }),
    doc: 'Mark a plan item done by hand (or not).',
    roles: BOOK,
    customers: NO_CUSTOMERS,
    acts: [actsOn('plan', 'id')],
  },
  'plans.remove': {
    input: z.strictObject({ id: z.number().int().positive(), staffCode: z.string().min(1).max(32).nullable() }),
    output: z.object({ removed: z.literal(true) }),
    doc: 'Take an item out of a plan; audited.',
    roles: BOOK,
    customers: NO_CUSTOMERS,
    acts: [actsOn('plan', 'id')],
  },
  'plans.branch': {
    input: z.strictObject({ week: WeekSchema }),
    output: BranchPlansSchema,
    doc: "Every manager's plan for a week: items planned and done.",
    roles: SETTINGS,
    customers: AGGREGATES,
  },
  'events.list': {
    input: z.strictObject({ from: DateSchema.optional(), to: DateSchema.optional() }),
    output: z.object({ events: z.array(EventSummarySchema) }),
    doc: 'Customer events (forums, salons, care visits), newest first, with invitees, attendance and follow-ups counted.',
    roles: BOOK,
    customers: NO_CUSTOMERS,
  },
  'events.detail': {
    input: z.strictObject({ eventId: z.number().int().positive() }),
    output: EventDetailSchema,
    doc: 'One event and its invitees (a 客户经理 sees those of their book).',
    roles: BOOK,
    customers: customerRows('book'),
  },
  'events.save': {
    input: EventInputSchema,
    output: z.object({ id: z.number().int() }),
    doc: 'Create or edit an event; audited.',
    roles: BOOK,
    customers: NO_CUSTOMERS,
    acts: [actsOn('event', 'id'), actsOn('staff', 'ownerCode')],
  },
  'events.invite': {
    input: InviteInputSchema,
    output: z.object({ added: z.number().int(), already: z.number().int() }),
    doc: "Invite a saved segment's customers or named customers (≤ 500 an event; a 客户经理 from their book).",
    roles: BOOK,
    customers: NO_CUSTOMERS,
    acts: [actsOn('customer', 'customerNos[]')],
  },
  'events.attendance': {
    input: AttendanceInputSchema,
    output: z.object({ saved: z.literal(true) }),
    doc: "Record an invitee's attendance and the follow-up result.",
    roles: BOOK,
    customers: NO_CUSTOMERS,
    acts: [actsOn('customer', 'customerNo')],
  },
  'tiers.rules': {
    input: z.strictObject({}),
    output: z.object({ ruleSets: z.array(TierRuleSetSchema) }),
    doc: 'Every tier rule set, oldest first (each applies from its month until the next).',
    roles: ANYONE,
    customers: NO_CUSTOMERS,
  },
  'tiers.previewRules': {
    input: z.strictObject({ rules: TierRuleSetSchema }),
    output: TierRulesPreviewSchema,
    doc: 'What-if: how this month’s customers would move between tiers under proposed rules; saves nothing.',
    roles: SETTINGS,
    customers: AGGREGATES,
  },
  'segments.grid': {
    input: z.strictObject({ month: MonthSchema, rows: SegmentDimensionSchema, columns: SegmentDimensionSchema }),
    output: SegmentGridSchema,
    doc: 'Customers and 月日均 for every pair of values of two dimensions in a month.',
    roles: ANYONE,
    customers: AGGREGATES,
  },
  'dimensions.settings': {
    input: z.strictObject({}),
    output: z.object({ settings: DimensionSettingsSchema }),
    doc: 'The thresholds of the other dimensions (depth, priority signals, lifecycle); saved through a job.',
    roles: ANYONE,
    customers: NO_CUSTOMERS,
  },
  'segments.saved': {
    input: z.strictObject({}),
    output: z.object({ segments: z.array(SavedSegmentSchema) }),
    doc: 'Saved segments (named customer-list filters), by name.',
    roles: ANYONE,
    customers: NO_CUSTOMERS,
  },
  'segments.save': {
    input: SaveSegmentInputSchema,
    output: z.object({ id: z.number().int() }),
    doc: 'Save the customer-list filter under a name (refused if the name is taken, unless replace).',
    roles: BOOK,
    customers: NO_CUSTOMERS,
    acts: [actsOn('segmentName', 'name')],
  },
  'segments.remove': {
    input: z.strictObject({ id: z.number().int().positive() }),
    output: z.object({ removed: z.literal(true) }),
    doc: 'Delete a saved segment.',
    roles: BOOK,
    customers: NO_CUSTOMERS,
    acts: [actsOn('segment', 'id')],
  },
  'imports.history': {
    input: z.strictObject({}),
    output: z.object({ batches: z.array(ImportBatchSchema) }),
    doc: 'Import batches, newest first, and which one can be undone.',
    roles: SETTINGS,
    customers: NO_CUSTOMERS,
  },
  'imports.problems': {
    input: z.strictObject({ analysisId: z.uuid() }),
    output: z.object({ fileName: z.string(), base64: z.string() }),
    doc: 'Every problem of a preview as an xlsx workbook (file, sheet, row, column, value, message).',
    roles: SETTINGS,
    customers: NO_CUSTOMERS,
  },
  'audit.list': {
    input: AuditQuerySchema,
    output: AuditPageSchema,
    doc: 'The audit log, newest first, by period, staff and action.',
    roles: SETTINGS,
    customers: NO_CUSTOMERS,
  },
  'audit.verify': {
    input: z.strictObject({ staffCode: z.string().min(1).max(32).nullable() }),
    output: AuditVerificationSchema,
    doc: "Check every link of the audit log's hash chain; the first broken entry, if any.",
    roles: SETTINGS,
    customers: NO_CUSTOMERS,
  },
  'backups.list': {
    input: z.strictObject({}),
    output: BackupListSchema,
    doc: 'The backups folder and its backups, newest first.',
    roles: SETTINGS,
    customers: NO_CUSTOMERS,
  },
  'backups.inspect': {
    input: BackupFileInputSchema,
    output: BackupInfoSchema,
    doc: 'What a backup holds (date, schema, customers, latest month), checked; a bad one is refused.',
    roles: SETTINGS,
    customers: NO_CUSTOMERS,
  },
  'backups.create': {
    input: z.strictObject({ chooseLocation: z.boolean(), staffCode: z.string().max(32).nullable() }),
    output: BackupInfoSchema.nullable(),
    doc: 'Back up now: into the backups folder, or (desktop app) where the user chooses; null when the dialog is cancelled.',
    roles: SETTINGS,
    customers: NO_CUSTOMERS,
  },
  'backups.restore': {
    input: BackupFileInputSchema,
    output: BackupInfoSchema,
    doc: 'Replace the live database with a backup (the live one backed up first). Audited.',
    roles: ADMIN,
    customers: NO_CUSTOMERS,
  },
  'files.pick': {
    input: z.strictObject({}),
    output: z.object({ file: z.object({ token: z.string(), name: z.string(), size: z.number().int() }).nullable() }),
    doc: 'Electron: choose a file in the system dialog; it is held under a token (browser mode uploads to /upload instead).',
    roles: SETTINGS,
    customers: NO_CUSTOMERS,
  },
  'exports.save': {
    input: z.strictObject({ token: z.uuid() }),
    output: z.object({ saved: z.boolean() }),
    doc: 'Electron: save a finished export where the user chooses in the system dialog (browser mode downloads GET /download/TOKEN).',
    roles: ANYONE,
    customers: NO_CUSTOMERS,
  },
  'jobs.start': {
    input: z.strictObject({ request: JobRequestSchema }),
    output: z.object({ jobId: z.string() }),
    doc: 'Start long work (recompute, saving rules or an override, imports, exports); progress arrives as job events. One job at a time.',
    roles: ANYONE,
    customers: NO_CUSTOMERS,
  },
  'jobs.status': {
    input: z.strictObject({ jobId: z.string().max(64) }),
    output: JobEventSchema,
    doc: "A job's state and progress (also pushed as events); finished jobs keep their result or error.",
    roles: ANYONE,
    customers: NO_CUSTOMERS,
  },
  'jobs.current': {
    input: z.strictObject({}),
    output: z.object({ job: JobEventSchema.nullable() }),
    doc: 'The running job, if any.',
    roles: ANYONE,
    customers: NO_CUSTOMERS,
  },
  'jobs.cancel': {
    input: z.strictObject({ jobId: z.string().max(64) }),
    output: z.object({ cancelling: z.boolean() }),
    doc: 'Ask a running job to stop; it leaves the data as it was.',
    roles: ANYONE,
    customers: NO_CUSTOMERS,
  },
} as const satisfies Record<string, ChannelSpec>;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export type ChannelInput<C extends Channel> = z.input<Contract[C]['input']>;
export type ChannelOutput<C extends Channel> = z.output<Contract[C]['output']>;

export const CHANNELS = Object.keys(contract) as Channel[];

export interface JobSpec {
  doc: string;
  roles: readonly StaffRole[];
  acts?: readonly Acts[];
}

/**
 * Each kind of long work started with `jobs.start`, declared like a channel (its request is in `JobRequestSchema`;
 * `acts` paths are within the request). An export is further decided by its template (`REPORT_TEMPLATE_SPECS`).
 */
export const jobContract: Record<JobKind, JobSpec> = {
  'tiers.recompute': { doc: 'Reassess every customer for every month.', roles: SETTINGS },
  'tiers.saveRules': { doc: 'Save a tier rule set and reassess from its month.', roles: SETTINGS },
  'tiers.saveOverride': {
    doc: "Set a customer's tier by hand with a reason and expiry; audited.",
    roles: BOOK,
    acts: [actsOn('customer', 'override.customerNo')],
  },
  'tiers.removeOverride': {
    doc: 'Remove a manual tier; audited.',
    roles: BOOK,
    acts: [actsOn('override', 'overrideId')],
  },
  'dimensions.saveSettings': { doc: "Save the other dimensions' thresholds and reassess.", roles: SETTINGS },
  'imports.analyze': {
    doc: 'Read an uploaded spreadsheet and preview what importing it would change.',
    roles: SETTINGS,
  },
  'imports.commit': { doc: 'Import a previewed file in one transaction; audited.', roles: SETTINGS },
  'imports.undo': { doc: 'Undo the latest import batch; audited.', roles: SETTINGS },
  'exports.report': { doc: 'Write a report workbook for download (who may, by template); audited.', roles: ANYONE },
};

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.hasOwn(contract, name);
}
