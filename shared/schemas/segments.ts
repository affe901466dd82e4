import { z } from 'zod';
import { FenSchema, MonthSchema } from './common';

export const SEGMENT_DIMENSIONS = ['tier', 'status', 'depth', 'priority', 'lifecycle', 'risk'] as const;
export type SegmentDimension = (typeof SEGMENT_DIMENSIONS)[number];
export const SegmentDimensionSchema = z.enum(SEGMENT_DIMENSIONS);

export const DEPTH_VALUES = ['shallow', 'medium', 'deep'] as const;
export const PRIORITY_VALUES = ['A', 'B', 'C'] as const;
export const LIFECYCLE_VALUES = ['new', 'growth', 'mature', 'decline', 'churned'] as const;
export const RISK_VALUES = ['C1', 'C2', 'C3', 'C4', 'C5', 'unknown'] as const;

/** The dimension values' Chinese words, for the UI's zh-CN text and the services. */
export const SEGMENT_VALUE_NAMES: Record<string, string> = {
  shallow: '浅',
  medium: '中',
  deep: '深',
  A: 'A',
  B: 'B',
  C: 'C',
  new: '导入期',
  growth: '成长',
  mature: '成熟',
  decline: '衰退',
  churned: '流失',
  unknown: '未评估',
};

const share = (label: string) =>
  z
    .number({ error: `${label}应为数字` })
    .min(0, `${label}应在 0–100% 之间`)
    .max(1, `${label}应在 0–100% 之间`);
const months = (label: string) =>
  z
    .number({ error: `${label}应为整数` })
    .int(`${label}应为整数`)
    .min(1, `${label}应为 1–60 个月`)
    .max(60, `${label}应为 1–60 个月`);
const categories = (label: string) =>
  z
    .number({ error: `${label}应为整数` })
    .int(`${label}应为整数`)
    .min(0, `${label}应为 0–6 类`)
    .max(6, `${label}应为 0–6 类`);

/** The thresholds of the other dimensions (docs/domain.md, "Other dimensions"); the branch may change them. */
export const DimensionSettingsSchema = z
  .strictObject({
    /** Product categories held: ≤ shallowMax → 浅, ≤ mediumMax → 中, more → 深. */
    depthShallowMax: categories('“浅”的产品类数上限'),
    depthMediumMax: categories('“中”的产品类数上限'),
    /** 活期 at least this share of 月日均 is idle money (an opportunity). */
    idleDemandShare: share('闲置活期占比'),
    /** 月日均 up at least this share on last month is a recent inflow. */
    inflowShare: z
      .number({ error: '资金流入增幅应为数字' })
      .min(0, '资金流入增幅应在 0–1000% 之间')
      .max(10, '资金流入增幅应在 0–1000% 之间'),
    /** Within this share of the next tier's threshold counts as near. */
    nearNextTierShare: share('接近上一层级的差距'),
    /** A risk assessment is valid this many months. */
    riskValidMonths: months('风险评估有效期'),
    /** Opened within this many months → 导入期 (the lifecycle stage; 新客 is the tier status: docs/domain.md, "Words"). */
    newCustomerMonths: months('导入期月数'),
    /** A 3-month change of at least this share is growth (up) or decline (down). */
    trendShare: share('三个月变动幅度'),
    /** Below this 月日均 (分) after having had more → 流失. */
    churnBelowFen: z.number({ error: '流失门槛应为金额数字' }).int().nonnegative('流失门槛不能为负'),
  })
  .refine((s) => s.depthMediumMax > s.depthShallowMax, {
    path: ['depthMediumMax'],
    message: '“中”的上限应大于“浅”的上限',
  });
export type DimensionSettings = z.infer<typeof DimensionSettingsSchema>;

export const DEFAULT_DIMENSION_SETTINGS: DimensionSettings = {
  depthShallowMax: 1,
  depthMediumMax: 3,
  idleDemandShare: 0.3,
  inflowShare: 0.1,
  nearNextTierShare: 0.2,
  riskValidMonths: 12,
  newCustomerMonths: 6,
  trendShare: 0.1,
  churnBelowFen: 100_000,
};

/** Customers in a month by the value of one dimension or more (the segment grid's click-through). */
export const SegmentFilterSchema = z.strictObject({
  depth: z.enum(DEPTH_VALUES).optional(),
  priority: z.enum(PRIORITY_VALUES).optional(),
  lifecycle: z.enum(LIFECYCLE_VALUES).optional(),
  risk: z.enum(RISK_VALUES).optional(),
});
export type SegmentFilter = z.infer<typeof SegmentFilterSchema>;

export const SegmentGridSchema = z.object({
  month: MonthSchema,
  rows: z.object({
    dimension: SegmentDimensionSchema,
    values: z.array(z.object({ value: z.string(), label: z.string() })),
  }),
  columns: z.object({
    dimension: SegmentDimensionSchema,
    values: z.array(z.object({ value: z.string(), label: z.string() })),
  }),
  /** The money null where the cell is too small to show a restricted viewer. */
  cells: z.array(
    z.object({ row: z.string(), column: z.string(), count: z.number().int(), aumFen: FenSchema.nullable() }),
  ),
});
export type SegmentGrid = z.infer<typeof SegmentGridSchema>;
