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
  new: '新客',
  growth: '成长',
  mature: '成熟',
  decline: '衰退',
  churned: '流失',
  unknown: '未评估',
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
  rows: z.object({ dimension: SegmentDimensionSchema, values: z.array(z.object({ value: z.string(), label: z.string() })) }),
  columns: z.object({ dimension: SegmentDimensionSchema, values: z.array(z.object({ value: z.string(), label: z.string() })) }),
  cells: z.array(z.object({ row: z.string(), column: z.string(), count: z.number().int(), aumFen: FenSchema })),
});
export type SegmentGrid = z.infer<typeof SegmentGridSchema>;
