import { z } from 'zod';
import { DateSchema, FenSchema, MonthSchema } from './common';
import { TierMatrixSchema } from './tier-views';

export const FLOW_GROUPS = [
  'start',
  'end',
  'retained',
  'lost',
  'lostDown',
  'lostUp',
  'lostChurned',
  'new',
  'newUp',
  'newDown',
  'newOpened',
  'viaWealth',
  'viaHousehold',
] as const;
export type FlowGroupName = (typeof FLOW_GROUPS)[number];
export const FlowGroupSchema = z.enum(FLOW_GROUPS);

/** The groups' Chinese words (the CLI and the zh-CN screen). */
export const FLOW_GROUP_NAMES: Record<FlowGroupName, string> = {
  start: '期初',
  end: '期末',
  retained: '留存',
  lost: '流出',
  lostDown: '降至较低层级',
  lostUp: '升至更高层级',
  lostChurned: '流失',
  new: '新进',
  newUp: '存量客户升入',
  newDown: '从更高层级降入',
  newOpened: '期间新开户',
  viaWealth: '理财带动',
  viaHousehold: '家庭合并达标',
};

/** The group whose list is best shown in month B (else month A). */
export function groupShownAtEnd(group: FlowGroupName): boolean {
  return group !== 'start' && group !== 'lost' && group !== 'lostDown' && group !== 'lostUp' && group !== 'lostChurned';
}

const FlowQueryObject = z.strictObject({
  fromMonth: MonthSchema,
  toMonth: MonthSchema,
  tierCode: z.string().trim().min(1).max(12).optional(),
  /** 月日均 ≥ this, in 分. */
  thresholdFen: FenSchema.positive('门槛应大于 0').optional(),
});

function checkedQuery<T extends typeof FlowQueryObject>(schema: T) {
  return schema
    .refine((q) => q.fromMonth < q.toMonth, { path: ['toMonth'], message: '起始月份应早于结束月份' })
    .refine((q) => (q.tierCode === undefined) !== (q.thresholdFen === undefined), {
      path: ['tierCode'],
      message: '请选择一个层级或填写一个门槛（二选一）',
    });
}

/** A segment over two months: an assigned tier, or a raw threshold on 月日均 (one of the two). */
export const FlowQuerySchema = checkedQuery(FlowQueryObject);
/** One group of an analysis (the customer list's click-through filter). */
export const FlowGroupFilterSchema = checkedQuery(FlowQueryObject.extend({ group: FlowGroupSchema }));
export type FlowQuery = z.infer<typeof FlowQuerySchema>;

/** The money null where the group is too small to show a restricted viewer (its count stays). */
const GroupFiguresSchema = z.object({
  count: z.number().int(),
  aumAFen: FenSchema.nullable(),
  aumBFen: FenSchema.nullable(),
});

export const FlowReportSchema = z.object({
  fromMonth: MonthSchema,
  toMonth: MonthSchema,
  segment: z.object({ tierCode: z.string().nullable(), tierName: z.string().nullable(), thresholdFen: FenSchema }),
  groups: z.record(FlowGroupSchema, GroupFiguresSchema),
  net: z.object({ count: z.number().int(), aumFen: FenSchema.nullable() }),
  /** Sum of the 理财 rise of the customers reached via wealth products (null like their group's money). */
  viaWealthRiseFen: FenSchema.nullable(),
  /** Gone at A's number, back under a new number at B with the same ID number: counted as retained. */
  renumbered: z.array(z.object({ fromCustomerNo: z.string(), toCustomerNo: z.string() })),
  /** Every customer's tier at A × at B. */
  matrix: TierMatrixSchema,
});
export type FlowReport = z.infer<typeof FlowReportSchema>;

// ── A breakdown of the groups by a customer dimension (docs/domain.md, "Flows") ─────────────────────────────────

/**
 * The customer's assessed level (C1–C5, 未评估), whether they hold a product above it (as of B's month end), and
 * their manager of record (期初 and 流出 at A's month end, the others at B's).
 */
export const FLOW_DIMENSIONS = ['risk', 'aboveLevel', 'manager'] as const;
export type FlowDimension = (typeof FLOW_DIMENSIONS)[number];
export const FLOW_DIMENSION_NAMES: Record<FlowDimension, string> = {
  risk: '风险等级',
  aboveLevel: '持有超风险等级产品',
  manager: '客户经理',
};

/** The groups a breakdown counts: the segment at A and B, and who stayed, left and came. */
export const FLOW_BREAKDOWN_GROUPS = ['start', 'retained', 'lost', 'new', 'end'] as const;

export const FlowBreakdownQuerySchema = checkedQuery(FlowQueryObject.extend({ dimension: z.enum(FLOW_DIMENSIONS) }));
export type FlowBreakdownQuery = z.infer<typeof FlowBreakdownQuerySchema>;

export const FlowBreakdownSchema = z.object({
  dimension: z.enum(FLOW_DIMENSIONS),
  /** The day the products held are checked as of (B's month end). */
  asOf: DateSchema,
  /** One row per value (C1–C5 and unknown; yes and no), each with its count in every group. */
  rows: z.array(
    z.object({
      key: z.string(),
      label: z.string(),
      counts: z.object(
        Object.fromEntries(FLOW_BREAKDOWN_GROUPS.map((g) => [g, z.number().int()])) as Record<
          (typeof FLOW_BREAKDOWN_GROUPS)[number],
          z.ZodNumber
        >,
      ),
    }),
  ),
});
export type FlowBreakdown = z.infer<typeof FlowBreakdownSchema>;
