import { z } from 'zod';
import { FenSchema, MonthSchema } from './common';
import { TIER_STATUSES, TierReasonSchema } from './tiers';

export const TierStatusSchema = z.enum(TIER_STATUSES);

export const TierOverviewSchema = z.object({
  month: MonthSchema,
  previousMonth: MonthSchema.nullable(),
  /** Highest tier first. */
  tiers: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      thresholdFen: FenSchema,
      count: z.number().int(),
      /** Null (like the month before's) where the tier is too small to show a restricted viewer its money. */
      aumFen: FenSchema.nullable(),
      previousCount: z.number().int().nullable(),
      previousAumFen: FenSchema.nullable(),
    }),
  ),
  statuses: z.array(z.object({ status: TierStatusSchema, count: z.number().int() })),
});
export type TierOverview = z.infer<typeof TierOverviewSchema>;

const TierLabelSchema = z.object({ code: z.string(), name: z.string() });

export const TierMatrixSchema = z.object({
  fromMonth: MonthSchema,
  toMonth: MonthSchema,
  rows: z.array(TierLabelSchema),
  columns: z.array(TierLabelSchema),
  /**
   * from/to null = not assessed in that month (no data yet, or no longer a customer); the money null where the cell is
   * too small to show a restricted viewer.
   */
  cells: z.array(
    z.object({
      from: z.string().nullable(),
      to: z.string().nullable(),
      count: z.number().int(),
      fromAumFen: FenSchema.nullable(),
      toAumFen: FenSchema.nullable(),
    }),
  ),
});
export type TierMatrix = z.infer<typeof TierMatrixSchema>;

export const TierHistoryMonthSchema = z.object({
  month: MonthSchema,
  tierCode: z.string().nullable(),
  tierName: z.string().nullable(),
  status: TierStatusSchema,
  monthsBelow: z.number().int(),
  monthsLeft: z.number().int().nullable(),
  holdGapFen: FenSchema.nullable(),
  nextGapFen: FenSchema.nullable(),
  overridden: z.boolean(),
  explanation: z.string(),
  reasons: z.array(TierReasonSchema),
});
export type TierHistoryMonth = z.infer<typeof TierHistoryMonthSchema>;

export const TierRulesPreviewSchema = z.object({
  /** The first month with data the proposed rules apply to: the month previewed. */
  month: MonthSchema,
  /** The months with data the proposed rules would govern: from `month` until the next rule set's (or the latest). */
  governed: z.object({ from: MonthSchema, to: MonthSchema, months: z.number().int() }),
  /** Tiers now (the month's current rules), highest first. */
  rows: z.array(TierLabelSchema),
  /** Tiers under the proposed rules, highest first. */
  columns: z.array(TierLabelSchema),
  cells: TierMatrixSchema.shape.cells,
  /** Customers whose tier would change. */
  moved: z.number().int(),
});
export type TierRulesPreview = z.infer<typeof TierRulesPreviewSchema>;
