/** Campaign lists (名单制营销, docs/domain.md "Campaign lists"): what the channels take and answer. */
import { z } from 'zod';
import { ActorSchema, DateSchema, MonthSchema } from './common';

export const CAMPAIGN_GOALS = ['aum', 'tier', 'product', 'reinvest'] as const;
export type CampaignGoal = (typeof CAMPAIGN_GOALS)[number];
export const CAMPAIGN_GOAL_NAMES: Record<CampaignGoal, string> = {
  aum: '提升月日均',
  tier: '达到层级',
  product: '购买产品',
  reinvest: '到期再投资',
};

/** A member's status: 待联系 → 已联系 / 无法联系 → 有意向 / 已办理 / 拒绝. */
export const MEMBER_STATUSES = ['pending', 'contacted', 'unreachable', 'interested', 'done', 'refused'] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];
export const MEMBER_STATUS_NAMES: Record<MemberStatus, string> = {
  pending: '待联系',
  contacted: '已联系',
  unreachable: '无法联系',
  interested: '有意向',
  done: '已办理',
  refused: '拒绝',
};

/** The largest hold-out share (a half: the rest is worked). */
export const MAX_HOLDOUT_SHARE = 0.5;
/** The most members one campaign holds. */
export const CAMPAIGN_MEMBER_LIMIT = 100_000;

const CampaignSourceSchema = z.discriminatedUnion('by', [
  z.strictObject({ by: z.literal('segment'), savedSegmentId: z.number().int().positive(), month: MonthSchema }),
  z.strictObject({ by: z.literal('file'), fileToken: z.uuid() }),
]);

export const CampaignInputSchema = z.strictObject({
  name: z.string().trim().min(1, '请填写活动名称').max(100, '活动名称最多 100 个字'),
  goalKind: z.enum(CAMPAIGN_GOALS),
  /** The tier code to reach (`tier`) or the product type to take up (`product`). */
  goalTarget: z.string().trim().max(64).optional(),
  startDate: DateSchema,
  endDate: DateSchema,
  /** Members still 待联系 after this day are overdue (default: 14 days after the start, within the period). */
  contactBy: DateSchema.optional(),
  /** The share held out as a control group, 0–0.5. Checked by the service for a clear message. */
  holdoutShare: z.number(),
  /** The hold-out's random seed (recorded); a new one when absent. */
  seed: z.number().int().min(0).max(0x7fffffff).optional(),
  source: CampaignSourceSchema,
  staffCode: ActorSchema,
});
export type CampaignInput = z.infer<typeof CampaignInputSchema>;

export const CampaignSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  goalKind: z.enum(CAMPAIGN_GOALS),
  goalTarget: z.string().nullable(),
  startDate: DateSchema,
  endDate: DateSchema,
  contactBy: DateSchema,
  ownerCode: z.string(),
  source: z.enum(['segment', 'file']),
  sourceName: z.string(),
  /** Head office's column headers in their order (a segment's campaign: none). */
  columns: z.array(z.string()),
  baselineMonth: MonthSchema.nullable(),
  /** The hold-out's share and seed (null for a 客户经理, who never learns the hold-out). */
  holdoutShare: z.number().nullable(),
  holdoutSeed: z.number().int().nullable(),
  createdAt: z.string(),
  members: z.number().int(),
  holdout: z.number().int(),
  /** Members not customers of the branch. */
  outside: z.number().int(),
  /** Members (outside the hold-out) per status. */
  statuses: z.record(z.enum(MEMBER_STATUSES), z.number().int()),
});
export type Campaign = z.infer<typeof CampaignSchema>;

export const CampaignCreatedSchema = z.object({
  campaignId: z.number().int(),
  members: z.number().int(),
  holdout: z.number().int(),
  outside: z.number().int(),
});

export const MemberQuerySchema = z.strictObject({
  campaignId: z.number().int().positive(),
  status: z.enum(MEMBER_STATUSES).optional(),
  /** A 客户经理's own book (dispatch sets it): their customers' members, never the hold-out. */
  managerCode: z.string().min(1).max(32).optional(),
  /** Whose credit: the manager who worked the member, else the one assigned. */
  creditCode: z.string().min(1).max(32).optional(),
  group: z.enum(['worked', 'holdout']).optional(),
  /** Only members who reached the goal (true) or did not (false): the comparison's numbers opened. */
  achieved: z.boolean().optional(),
  overdue: z.boolean().optional(),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(500).default(100),
});
export type MemberQuery = z.input<typeof MemberQuerySchema>;

export const MemberRowSchema = z.object({
  customerNo: z.string(),
  name: z.string().nullable(),
  rowNo: z.number().int(),
  /** Not a customer of the branch. */
  outside: z.boolean(),
  managerCode: z.string().nullable(),
  assignedCode: z.string().nullable(),
  assignedName: z.string().nullable(),
  holdout: z.boolean(),
  status: z.enum(MEMBER_STATUSES),
  statusDate: DateSchema.nullable(),
  workedBy: z.string().nullable(),
  note: z.string().nullable(),
  overdue: z.boolean(),
});
export type MemberRow = z.infer<typeof MemberRowSchema>;

export const MemberPageSchema = z.object({
  campaign: CampaignSchema,
  total: z.number().int(),
  rows: z.array(MemberRowSchema),
});
export type MemberPage = z.infer<typeof MemberPageSchema>;

export const MemberStatusInputSchema = z.strictObject({
  campaignId: z.number().int().positive(),
  customerNo: z.string().trim().min(1).max(64),
  status: z.enum(MEMBER_STATUSES),
  date: DateSchema,
  note: z.string().trim().max(200, '备注最多 200 个字').optional(),
  staffCode: ActorSchema,
});
export type MemberStatusInput = z.infer<typeof MemberStatusInputSchema>;

/** One group's comparison: worked (outside the hold-out) against the hold-out, on the goal. */
export const ComparisonSchema = z.object({
  /** The manager credited (null: the whole campaign). */
  managerCode: z.string().nullable(),
  managerName: z.string().nullable(),
  worked: z.number().int(),
  holdout: z.number().int(),
  /** Of the worked, those with a status beyond 待联系. */
  contacted: z.number().int(),
  /** Reached the goal (proportion goals), or null for the 月日均 goal. */
  workedAchieved: z.number().int().nullable(),
  holdoutAchieved: z.number().int().nullable(),
  /** Share reached, or mean 月日均 change in 分. */
  workedValue: z.number().nullable(),
  holdoutValue: z.number().nullable(),
  /** Worked less hold-out, and its 95 % interval (normal approximation); null when a group is empty. */
  difference: z.number().nullable(),
  low: z.number().nullable(),
  high: z.number().nullable(),
});
export type Comparison = z.infer<typeof ComparisonSchema>;

export const CampaignResultSchema = z.object({
  campaignId: z.number().int(),
  goalKind: z.enum(CAMPAIGN_GOALS),
  baselineMonth: MonthSchema.nullable(),
  /** The month measured (null: no month of data after the baseline yet). */
  resultMonth: MonthSchema.nullable(),
  /** The period has ended. */
  ended: z.boolean(),
  total: ComparisonSchema,
  managers: z.array(ComparisonSchema),
});
export type CampaignResult = z.infer<typeof CampaignResultSchema>;
