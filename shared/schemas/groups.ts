import { z } from 'zod';
import { DateSchema, FenSchema, MonthSchema } from './common';

/** The dimensions of the group analysis (docs/domain.md, "Group analysis"). */
export const GROUP_DIMENSIONS = [
  'aumBand',
  'age',
  'gender',
  'occupation',
  'income',
  'risk',
  'tenure',
  'manager',
  'suitability',
  'householdSize',
  'householdRole',
] as const;
export type GroupDimension = (typeof GROUP_DIMENSIONS)[number];

export const GROUP_DIMENSION_NAMES: Record<GroupDimension, string> = {
  aumBand: '资产区间',
  age: '年龄',
  gender: '性别',
  occupation: '职业',
  income: '年收入',
  risk: '风险等级',
  tenure: '开户年限',
  manager: '客户经理',
  suitability: '适当性',
  householdSize: '家庭人数',
  householdRole: '家庭角色',
};

const GroupQueryObject = z.strictObject({
  month: MonthSchema,
  tierCode: z.string().trim().min(1).max(12).optional(),
  /** 月日均 ≥ this, in 分. */
  thresholdFen: FenSchema.positive('门槛应大于 0').optional(),
  /** A saved segment (a customer-list filter) in the month. */
  savedSegmentId: z.number().int().positive().optional(),
  dimension: z.enum(GROUP_DIMENSIONS),
  /** Width of an AUM band (default 100万) and how many closed bands before the open top one (default 5). */
  bandWidthFen: FenSchema.positive('区间宽度应大于 0').optional(),
  bands: z.number().int().min(1, '区间数应为 1–20').max(20, '区间数应为 1–20').optional(),
  /** Ages and tenure at this date (default: the month's last day). */
  referenceDate: DateSchema.optional(),
  /** Count households too: each row's members' distinct households (docs/domain.md, "Households"). */
  countHouseholds: z.boolean().optional(),
});

const oneSegment = <T extends z.ZodType<{ tierCode?: string; thresholdFen?: number; savedSegmentId?: number }>>(
  schema: T,
) =>
  schema.refine((q) => [q.tierCode, q.thresholdFen, q.savedSegmentId].filter((v) => v !== undefined).length === 1, {
    path: ['tierCode'],
    message: '请选择一个层级、一个门槛或一个已存细分（三选一）',
  });

export const GroupQuerySchema = oneSegment(GroupQueryObject);
/** A segment and its band settings, without month and dimension (the 群体特征 export covers every dimension). */
export const GroupSegmentSchema = oneSegment(GroupQueryObject.omit({ month: true, dimension: true }));
export type GroupSegment = z.infer<typeof GroupSegmentSchema>;
/** One value of one dimension (a cell of the group tables): the customer list's click-through filter. */
export const GroupFilterSchema = oneSegment(GroupQueryObject.extend({ key: z.string().min(1).max(60) }));
export type GroupQuery = z.infer<typeof GroupQuerySchema>;

/** The money null where the group is too small to show a restricted viewer (its count stays). */
export const GroupRowSchema = z.object({
  key: z.string(),
  label: z.string(),
  count: z.number().int(),
  share: z.number(),
  aumFen: FenSchema.nullable(),
  averageFen: FenSchema.nullable(),
  medianFen: FenSchema.nullable(),
  /** The distinct households of its members (a customer in none is one of their own); when counted. */
  households: z.number().int().optional(),
});
export type GroupRow = z.infer<typeof GroupRowSchema>;

export const GroupReportSchema = z.object({
  month: MonthSchema,
  referenceDate: DateSchema,
  /** The tier, or the threshold, or the saved segment (its floor: its 月日均 lower bound, else 0). */
  segment: z.object({
    tierCode: z.string().nullable(),
    tierName: z.string().nullable(),
    thresholdFen: FenSchema,
    savedSegmentName: z.string().nullable(),
  }),
  dimension: z.enum(GROUP_DIMENSIONS),
  count: z.number().int(),
  aumFen: FenSchema.nullable(),
  rows: z.array(GroupRowSchema),
  /** The top x of customers by 月日均 hold this share of the segment's 月日均. */
  pareto: z.array(z.object({ topShare: z.number(), aumShare: z.number() })),
  /** Lorenz curve: cumulative share of customers (poorest first) → cumulative share of 月日均; 0 → 0 to 1 → 1. */
  lorenz: z.array(z.object({ customers: z.number(), aum: z.number() })),
});
export type GroupReport = z.infer<typeof GroupReportSchema>;
