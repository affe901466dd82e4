import { z } from 'zod';
import { DateSchema, FenSchema, MonthSchema, ActorSchema } from './common';

/** The signals of the early-warning model (docs/domain.md, "Downgrade warnings and retention"), in the order a tie ranks them. */
export const WARNING_SIGNALS = [
  'gap',
  'months',
  'trend',
  'maturity',
  'outflow',
  'complaint',
  'survey',
  'contact',
] as const;
export type WarningSignal = (typeof WARNING_SIGNALS)[number];

export const WARNING_SIGNAL_NAMES: Record<WarningSignal, string> = {
  gap: '距门槛',
  months: '低于门槛月数',
  trend: '三个月趋势',
  maturity: '产品到期',
  outflow: '大额流出',
  complaint: '未结投诉',
  survey: '满意度低',
  contact: '久未联系',
};

export const WARNING_LEVELS = ['high', 'medium', 'low'] as const;
export type WarningLevel = (typeof WARNING_LEVELS)[number];
export const WARNING_LEVEL_NAMES: Record<WarningLevel, string> = { high: '高', medium: '中', low: '低' };

const share = (label: string) =>
  z
    .number({ error: `${label}应为数字` })
    .min(0.01, `${label}应在 1%–100% 之间`)
    .max(1, `${label}应在 1%–100% 之间`);
const weight = z.number({ error: '权重应为数字' }).min(0, '权重应为 0–100').max(100, '权重应为 0–100');

/**
 * The warning model's parameters (see engine/warning.ts for how each signal scores). Weights are the points a
 * signal gives at full strength; they need not add up to 100 (the score is capped at 100).
 */
export const WarningSettingsSchema = z
  .strictObject({
    /** Customers this share above their tier's threshold are watched too (default 10%). */
    marginShare: share('预警范围'),
    weights: z.strictObject(
      Object.fromEntries(WARNING_SIGNALS.map((s) => [s, weight])) as Record<WarningSignal, typeof weight>,
    ),
    /** A gap below the threshold of this share of it scores the gap weight in full. */
    gapFullShare: share('缺口满分比例'),
    /** A fall of this share over three months scores in full. */
    trendFullShare: share('趋势满分比例'),
    /** Maturing within 30 days (31–60 days count half) of this share of 月日均 scores in full. */
    maturityFullShare: share('到期满分比例'),
    /** A fall on last month of at least `outflowMinShare` is a large outflow; `outflowFullShare` scores in full. */
    outflowMinShare: share('大额流出起点'),
    outflowFullShare: share('大额流出满分比例'),
    /** Score at or above: 高; at or above medium: 中; else 低. */
    highScore: z.number().int().min(1).max(100),
    mediumScore: z.number().int().min(1).max(100),
  })
  .refine((s) => s.mediumScore < s.highScore, { path: ['mediumScore'], message: '“中”的分数线应低于“高”' })
  .refine((s) => s.outflowMinShare <= s.outflowFullShare, {
    path: ['outflowFullShare'],
    message: '满分比例不能低于起点',
  });
export type WarningSettings = z.infer<typeof WarningSettingsSchema>;

export const DEFAULT_WARNING_SETTINGS: WarningSettings = {
  marginShare: 0.1,
  weights: { gap: 30, months: 20, trend: 10, maturity: 10, outflow: 10, complaint: 8, survey: 6, contact: 6 },
  gapFullShare: 0.3,
  trendFullShare: 0.3,
  maturityFullShare: 0.3,
  outflowMinShare: 0.1,
  outflowFullShare: 0.4,
  highScore: 60,
  mediumScore: 30,
};

/** One reason of a warning; `points` is what it added to the score. Amounts in 分. */
export const WarningReasonSchema = z.discriminatedUnion('signal', [
  z.object({ signal: z.literal('gap'), points: z.number(), gapFen: FenSchema, share: z.number() }),
  z.object({
    signal: z.literal('months'),
    points: z.number(),
    monthsBelow: z.number().int(),
    graceMonths: z.number().int(),
  }),
  z.object({ signal: z.literal('trend'), points: z.number(), share: z.number(), fromMonth: MonthSchema }),
  z.object({ signal: z.literal('maturity'), points: z.number(), within30Fen: FenSchema, within60Fen: FenSchema }),
  z.object({ signal: z.literal('outflow'), points: z.number(), amountFen: FenSchema, share: z.number() }),
  z.object({ signal: z.literal('complaint'), points: z.number(), open: z.number().int() }),
  z.object({ signal: z.literal('survey'), points: z.number(), score: z.number() }),
  z.object({
    signal: z.literal('contact'),
    points: z.number(),
    days: z.number().int().nullable(),
    standardDays: z.number().int(),
  }),
]);
export type WarningReason = z.infer<typeof WarningReasonSchema>;

export const ACTION_KINDS = ['phone', 'visit', 'proposal', 'event', 'care', 'complaint'] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];
export const ACTION_KIND_NAMES: Record<ActionKind, string> = {
  phone: '电话',
  visit: '拜访',
  proposal: '产品方案',
  event: '活动邀约',
  care: '关怀礼品',
  complaint: '投诉化解',
};

export const ACTION_OUTCOMES = ['open', 'saved', 'downgraded', 'churned'] as const;
export type ActionOutcome = (typeof ACTION_OUTCOMES)[number];
export const ACTION_OUTCOME_NAMES: Record<ActionOutcome, string> = {
  open: '进行中',
  saved: '保级成功',
  downgraded: '已降级',
  churned: '流失',
};

export const CONTACT_CHANNELS = ['phone', 'visit', 'branch', 'wechat', 'sms', 'event'] as const;
export const CONTACT_CHANNEL_NAMES: Record<(typeof CONTACT_CHANNELS)[number], string> = {
  phone: '电话',
  visit: '上门拜访',
  branch: '网点面谈',
  wechat: '微信',
  sms: '短信',
  event: '活动',
};
export const CONTACT_PURPOSES = ['retention', 'care', 'product', 'service', 'complaint', 'other'] as const;
export const CONTACT_PURPOSE_NAMES: Record<(typeof CONTACT_PURPOSES)[number], string> = {
  retention: '保级',
  care: '关怀',
  product: '产品营销',
  service: '服务',
  complaint: '投诉处理',
  other: '其他',
};

export const WarningRowSchema = z.object({
  customerNo: z.string(),
  name: z.string(),
  managerCode: z.string().nullable(),
  managerName: z.string().nullable(),
  tierCode: z.string(),
  tierName: z.string(),
  status: z.enum(['watch', 'near']),
  /** Null for a teller (no customer's balance), like the amount needed and the score built from it. */
  aumFen: FenSchema.nullable(),
  thresholdFen: FenSchema,
  /** 月日均 this month must reach to hold the tier (0 when already at or above the threshold). */
  amountNeededFen: FenSchema.nullable(),
  score: z.number().int().nullable(),
  level: z.enum(WARNING_LEVELS),
  /** Strongest first. */
  reasons: z.array(WarningReasonSchema),
  /** Open retention actions on this customer. */
  openActions: z.number().int(),
});
export type WarningRow = z.infer<typeof WarningRowSchema>;

export const WarningQuerySchema = z.strictObject({
  month: MonthSchema,
  managerCode: z.string().min(1).max(32).optional(),
  tierCodes: z.array(z.string().min(1).max(12)).min(1).max(12).optional(),
  levels: z.array(z.enum(WARNING_LEVELS)).min(1).max(3).optional(),
  /** Only customers with this reason. */
  signal: z.enum(WARNING_SIGNALS).optional(),
  offset: z.number().int().min(0),
  limit: z.number().int().min(1).max(500),
});
export type WarningQuery = z.infer<typeof WarningQuerySchema>;

export const WarningPageSchema = z.object({
  month: MonthSchema,
  /** The model's watched margin above the threshold (the list's scope). */
  marginShare: z.number(),
  /** Matching the filter, before paging. */
  total: z.number().int(),
  levels: z.record(z.enum(WARNING_LEVELS), z.number().int()),
  rows: z.array(WarningRowSchema),
});
export type WarningPage = z.infer<typeof WarningPageSchema>;

export const ContactInputSchema = z.strictObject({
  customerNo: z.string().trim().min(1).max(64),
  date: DateSchema,
  channel: z.enum(CONTACT_CHANNELS),
  purpose: z.enum(CONTACT_PURPOSES),
  note: z.string().trim().max(500, '备注最多 500 个字').optional(),
  /** The retention action this contact carries out (marks it done). */
  actionId: z.number().int().positive().optional(),
  /** The catalogue product proposed (产品推荐): refused above the customer's level or without a current assessment. */
  productCode: z.string().trim().min(1).max(64, '产品代码最多 64 个字符').optional(),
  /** The customer asked for the product themselves (客户主动要求): allowed despite the refusals, with why; audited. */
  ownRequest: z.boolean().optional(),
  ownRequestReason: z.string().trim().max(200, '原因最多 200 个字').optional(),
  /** The 双录 reference number (required for wealth products to retail customers, per the suitability setting). */
  dualRecordingRef: z.string().trim().max(64, '双录编号最多 64 个字符').optional(),
  /** The campaign this contact works (名单制营销): its member moves from 待联系 to 已联系. */
  campaignId: z.number().int().positive().optional(),
  staffCode: ActorSchema,
});
export type ContactInput = z.infer<typeof ContactInputSchema>;

export const ContactSchema = z.object({
  id: z.number().int(),
  date: DateSchema,
  channel: z.enum(CONTACT_CHANNELS),
  purpose: z.enum(CONTACT_PURPOSES),
  note: z.string().nullable(),
  staffCode: z.string().nullable(),
  staffName: z.string().nullable(),
  actionId: z.number().int().nullable(),
  productCode: z.string().nullable(),
  ownRequest: z.boolean(),
  ownRequestReason: z.string().nullable(),
  dualRecordingRef: z.string().nullable(),
});
export type Contact = z.infer<typeof ContactSchema>;

export const ActionInputSchema = z.strictObject({
  customerNo: z.string().trim().min(1).max(64),
  /** The warning month the action answers. */
  month: MonthSchema,
  kind: z.enum(ACTION_KINDS),
  ownerCode: z.string().min(1, '请选择负责人').max(32),
  dueDate: DateSchema,
  notes: z.string().trim().max(500, '备注最多 500 个字').optional(),
  /** A benefit the action offers the customer (docs/domain.md, "Benefits"): one the customer still has this year. */
  benefitCode: z.string().trim().min(1).max(32).optional(),
  staffCode: ActorSchema,
});
export type ActionInput = z.infer<typeof ActionInputSchema>;

export const ActionSchema = z.object({
  id: z.number().int(),
  customerNo: z.string(),
  customerName: z.string(),
  month: MonthSchema,
  tierCode: z.string(),
  tierName: z.string(),
  kind: z.enum(ACTION_KINDS),
  ownerCode: z.string().nullable(),
  ownerName: z.string().nullable(),
  dueDate: DateSchema,
  notes: z.string().nullable(),
  /** The benefit offered, as it was named when the action was made. */
  benefitCode: z.string().nullable(),
  benefitName: z.string().nullable(),
  riskScore: z.number().int().nullable(),
  doneDate: DateSchema.nullable(),
  outcome: z.enum(ACTION_OUTCOMES),
  /** The month whose data decided the outcome, or null (still open, or set by hand). */
  outcomeMonth: MonthSchema.nullable(),
  /** Set by a person (with the reason), not from the data. */
  outcomeReason: z.string().nullable(),
  /** Not done and past its due date. */
  overdue: z.boolean(),
});
export type Action = z.infer<typeof ActionSchema>;

export const ActionBoardQuerySchema = z.strictObject({
  ownerCode: z.string().min(1).max(32).optional(),
  /** Also actions whose outcome is decided (default: only open ones). */
  includeClosed: z.boolean(),
});

export const SetOutcomeInputSchema = z
  .strictObject({
    actionId: z.number().int().positive(),
    /** null = back to the outcome the data gives. */
    outcome: z.enum(ACTION_OUTCOMES).nullable(),
    reason: z.string().trim().max(200, '原因最多 200 个字'),
    staffCode: ActorSchema,
  })
  .refine((i) => i.outcome === null || i.reason.length >= 2, {
    path: ['reason'],
    message: '手工改结果请写明原因（至少 2 个字）',
  });
export type SetOutcomeInput = z.infer<typeof SetOutcomeInputSchema>;

export const RetentionResultsQuerySchema = z
  .strictObject({ fromMonth: MonthSchema, toMonth: MonthSchema })
  .refine((q) => q.fromMonth < q.toMonth, { path: ['toMonth'], message: '起始月份应早于结束月份' });

const ResultFiguresSchema = z.object({
  /** On the warning list of the first month (观察 or near the threshold). */
  warned: z.number().int(),
  /** In 观察 at the first month: the customers the rest is about. */
  inWatch: z.number().int(),
  /** Retention actions for months in the period. */
  actions: z.number().int(),
  /** In 观察 at the start, in the tier or higher at the end, with an action. */
  saved: z.number().int(),
  /** The same without any action. */
  heldWithoutAction: z.number().int(),
  downgraded: z.number().int(),
  churned: z.number().int(),
});
export type ResultFigures = z.infer<typeof ResultFiguresSchema>;

export const RetentionResultsSchema = z.object({
  fromMonth: MonthSchema,
  toMonth: MonthSchema,
  /** By the customers' manager (book); managerCode null = no manager. */
  managers: z.array(
    ResultFiguresSchema.extend({ managerCode: z.string().nullable(), managerName: z.string().nullable() }),
  ),
  total: ResultFiguresSchema,
  /** Month by month: customers in 观察, downgraded that month, actions for the month, actions saved that month. */
  months: z.array(
    z.object({
      month: MonthSchema,
      watch: z.number().int(),
      downgraded: z.number().int(),
      actions: z.number().int(),
      saved: z.number().int(),
    }),
  ),
});
export type RetentionResults = z.infer<typeof RetentionResultsSchema>;
