import { z } from 'zod';
import { DateSchema, MonthSchema, ActorSchema } from './common';

export const COMPLAINT_STATUSES = ['registered', 'accepted', 'processing', 'replied', 'closed'] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];
/** The statuses of a complaint still open (not yet replied to or closed). */
export const OPEN_COMPLAINT_STATUSES: readonly ComplaintStatus[] = ['registered', 'accepted', 'processing'];
/** `column IN (…)` of the open statuses, for SQL. */
export const openComplaintSql = (column: string): string =>
  `${column} IN (${OPEN_COMPLAINT_STATUSES.map((s) => `'${s}'`).join(', ')})`;
export const COMPLAINT_STATUS_NAMES: Record<ComplaintStatus, string> = {
  registered: '登记',
  accepted: '受理',
  processing: '处理中',
  replied: '已答复',
  closed: '办结',
};

export const COMPLAINT_CHANNELS = ['counter', 'phone', 'hotline', 'letter', 'online', 'regulator'] as const;
export const COMPLAINT_CHANNEL_NAMES: Record<(typeof COMPLAINT_CHANNELS)[number], string> = {
  counter: '柜面',
  phone: '电话',
  hotline: '客服热线',
  letter: '信函',
  online: '网络',
  regulator: '监管转办',
};

export const COMPLAINT_CATEGORIES = [
  'deposit',
  'wealth',
  'card',
  'loan',
  'fee',
  'service',
  'privacy',
  'other',
] as const;
export const COMPLAINT_CATEGORY_NAMES: Record<(typeof COMPLAINT_CATEGORIES)[number], string> = {
  deposit: '存款',
  wealth: '理财',
  card: '银行卡',
  loan: '贷款',
  fee: '收费',
  service: '服务态度',
  privacy: '信息安全',
  other: '其他',
};

export const COMPLAINT_SEVERITIES = ['low', 'medium', 'high'] as const;

const ComplaintIdSchema = z.number().int().positive();

export const ComplaintInputSchema = z.strictObject({
  receivedAt: DateSchema,
  channel: z.enum(COMPLAINT_CHANNELS),
  category: z.enum(COMPLAINT_CATEGORIES),
  customerNo: z.string().trim().min(1).max(64).nullable(),
  /** The staff member the complaint is about. */
  involvedStaffCode: z.string().min(1).max(32).nullable(),
  description: z.string().trim().min(2, '请填写投诉内容').max(2000, '投诉内容最多 2000 个字'),
  demand: z.string().trim().max(1000, '诉求最多 1000 个字').nullable(),
  severity: z.enum(COMPLAINT_SEVERITIES),
  regulatorReferred: z.boolean(),
  staffCode: ActorSchema,
});
export type ComplaintInput = z.infer<typeof ComplaintInputSchema>;

/** A move along 登记 → 受理 → 处理中 → 已答复 → 办结, on a date; a reply needs its content, closing the customer's verdict. */
export const ComplaintTransitionSchema = z
  .strictObject({
    complaintId: ComplaintIdSchema,
    to: z.enum(COMPLAINT_STATUSES),
    date: DateSchema,
    /** On acceptance: a complex case (30 days instead of 15). */
    complex: z.boolean().optional(),
    reply: z.string().trim().max(2000, '答复内容最多 2000 个字').optional(),
    satisfied: z.boolean().optional(),
    staffCode: ActorSchema,
  })
  .refine((t) => t.to !== 'replied' || (t.reply ?? '').length >= 2, { path: ['reply'], message: '答复须写明答复内容' })
  .refine((t) => t.to !== 'closed' || t.satisfied !== undefined, {
    path: ['satisfied'],
    message: '办结须记录客户是否满意',
  });
export type ComplaintTransition = z.infer<typeof ComplaintTransitionSchema>;

export const ComplaintExtensionSchema = z.strictObject({
  complaintId: ComplaintIdSchema,
  days: z.number().int(),
  approverCode: z.string().trim().min(1, '延期须有审批人').max(32),
  reason: z.string().trim().min(2, '延期须写明原因').max(500),
  staffCode: ActorSchema,
});
export type ComplaintExtension = z.infer<typeof ComplaintExtensionSchema>;

export const ComplaintPauseSchema = z.strictObject({
  complaintId: ComplaintIdSchema,
  from: DateSchema,
  reason: z.string().trim().min(2, '请写明暂停原因（如鉴定、第三方核实）').max(200),
  staffCode: ActorSchema,
});
export type ComplaintPause = z.infer<typeof ComplaintPauseSchema>;

/** Resuming the clock, or requesting a review (复核), on a date. */
export const ComplaintDatedSchema = z.strictObject({
  complaintId: ComplaintIdSchema,
  date: DateSchema,
  staffCode: ActorSchema,
});
export type ComplaintDated = z.infer<typeof ComplaintDatedSchema>;

export const ComplaintDeadlineSchema = z.object({
  allowedDays: z.number().int(),
  pausedDays: z.number().int(),
  dueDate: DateSchema.nullable(),
  paused: z.boolean(),
  daysLeft: z.number().int().nullable(),
  overdue: z.boolean(),
  onTime: z.boolean().nullable(),
  handlingDays: z.number().int().nullable(),
});

export const ComplaintSummarySchema = z.object({
  id: z.number().int(),
  complaintNo: z.string(),
  receivedAt: DateSchema,
  channel: z.enum(COMPLAINT_CHANNELS),
  category: z.enum(COMPLAINT_CATEGORIES),
  customerNo: z.string().nullable(),
  customerName: z.string().nullable(),
  /** The customer's manager (whose board it is on). */
  managerCode: z.string().nullable(),
  managerName: z.string().nullable(),
  involvedStaffName: z.string().nullable(),
  severity: z.enum(COMPLAINT_SEVERITIES),
  regulatorReferred: z.boolean(),
  complex: z.boolean(),
  status: z.enum(COMPLAINT_STATUSES),
  acceptedDate: DateSchema.nullable(),
  repliedDate: DateSchema.nullable(),
  closedDate: DateSchema.nullable(),
  satisfied: z.boolean().nullable(),
  reviews: z.number().int(),
  deadline: ComplaintDeadlineSchema,
});
export type ComplaintSummary = z.infer<typeof ComplaintSummarySchema>;

export const ComplaintDetailSchema = ComplaintSummarySchema.extend({
  description: z.string(),
  demand: z.string().nullable(),
  reply: z.string().nullable(),
  extensionDays: z.number().int(),
  /** The steps it may go to next (a review is offered apart, while its window is open). */
  nextStatuses: z.array(z.enum(COMPLAINT_STATUSES)),
  /** The last day a review may be requested; null before the reply. */
  reviewUntil: DateSchema.nullable(),
  pauses: z.array(z.object({ from: DateSchema, to: DateSchema.nullable(), reason: z.string() })),
  events: z.array(
    z.object({
      at: z.string(),
      kind: z.string(),
      fromStatus: z.string().nullable(),
      toStatus: z.string().nullable(),
      staffCode: z.string().nullable(),
      staffName: z.string().nullable(),
      detail: z.record(z.string(), z.unknown()).nullable(),
    }),
  ),
});
export type ComplaintDetail = z.infer<typeof ComplaintDetailSchema>;

export const ComplaintBoardSchema = z.object({
  asOf: DateSchema,
  /** How many in each list (the lists show the most urgent 100). */
  counts: z.object({
    overdue: z.number().int(),
    dueSoon: z.number().int(),
    paused: z.number().int(),
    regulatorReferred: z.number().int(),
  }),
  overdue: z.array(ComplaintSummarySchema),
  dueSoon: z.array(ComplaintSummarySchema),
  paused: z.array(ComplaintSummarySchema),
  regulatorReferred: z.array(ComplaintSummarySchema),
  /** Open complaints per customer manager: how many, overdue, due soon. */
  managers: z.array(
    z.object({
      managerCode: z.string().nullable(),
      managerName: z.string().nullable(),
      open: z.number().int(),
      overdue: z.number().int(),
      dueSoon: z.number().int(),
    }),
  ),
});
export type ComplaintBoard = z.infer<typeof ComplaintBoardSchema>;

export const ComplaintListQuerySchema = z.strictObject({
  statuses: z.array(z.enum(COMPLAINT_STATUSES)).min(1).max(5).optional(),
  managerCode: z.string().min(1).max(32).optional(),
  offset: z.number().int().min(0),
  limit: z.number().int().min(1).max(500),
});
export type ComplaintListQuery = z.infer<typeof ComplaintListQuerySchema>;

export const ComplaintAnalysisQuerySchema = z
  .strictObject({ fromMonth: MonthSchema, toMonth: MonthSchema })
  .refine((q) => q.fromMonth <= q.toMonth, { path: ['toMonth'], message: '起始月份不能晚于结束月份' });
export type ComplaintAnalysisQuery = z.infer<typeof ComplaintAnalysisQuerySchema>;

const CountSchema = z.object({ key: z.string(), count: z.number().int() });

/** Complaints received in a period: counts by category, channel, month and manager; handling; repeat complainants. */
export const ComplaintAnalysisSchema = z.object({
  fromMonth: MonthSchema,
  toMonth: MonthSchema,
  total: z.number().int(),
  byCategory: z.array(CountSchema),
  byChannel: z.array(CountSchema),
  byMonth: z.array(
    z.object({ month: MonthSchema, count: z.number().int(), replied: z.number().int(), onTime: z.number().int() }),
  ),
  byManager: z.array(
    z.object({
      managerCode: z.string().nullable(),
      managerName: z.string().nullable(),
      count: z.number().int(),
      open: z.number().int(),
    }),
  ),
  /** Of those replied: days from acceptance to the reply, pauses excluded. */
  replied: z.number().int(),
  medianHandlingDays: z.number().nullable(),
  onTimeRate: z.number().nullable(),
  /** Of those closed: the customer said satisfied. */
  satisfiedRate: z.number().nullable(),
  /** Customers with two complaints or more in the period, most first. */
  repeatComplainants: z.array(z.object({ customerNo: z.string(), customerName: z.string(), count: z.number().int() })),
});
export type ComplaintAnalysis = z.infer<typeof ComplaintAnalysisSchema>;
