import { z } from 'zod';
import { FenSchema, MonthSchema } from './common';

/** Names every object already has: a tier code is a key of per-tier tables, so it may not be one of them. */
const RESERVED_CODES = new Set(['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty']);

export const TierDefSchema = z.strictObject({
  code: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_-]{1,12}$/, '代码只能是 1–12 位字母、数字、_ 或 -')
    .refine((code) => !RESERVED_CODES.has(code), '该代码是保留字，请换一个（如 T5）'),
  name: z.string().trim().min(1, '名称不能为空').max(20, '名称最多 20 个字'),
  /** Lower bound of the tier, in 分, on the rule set's basis. */
  thresholdFen: FenSchema.nonnegative(),
  /** Months below the threshold before a downgrade takes effect; 0 = the raw tier each month. */
  graceMonths: z
    .number({ error: '宽限月数应为 0–24 的整数' })
    .int()
    .min(0, '宽限月数应为 0–24')
    .max(24, '宽限月数应为 0–24'),
  /**
   * Household qualification (docs/domain.md, "Households"; absent: off): a member below the threshold holds the
   * tier when their household's figure reaches it — only the head's spouse and parents when `spouseParentsOnly`,
   * and only from their own `minOwnFen`.
   */
  household: z
    .strictObject({
      spouseParentsOnly: z.boolean(),
      minOwnFen: FenSchema.nonnegative(),
    })
    .optional(),
});
export type TierDef = z.infer<typeof TierDefSchema>;

export const TierBasisSchema = z.enum(['avg', 'month_end']);
export type TierBasis = z.infer<typeof TierBasisSchema>;

/** A tier scheme effective from a month on (until the next rule set). Tiers ascend by threshold; the first is 0. */
export const TierRuleSetSchema = z
  .strictObject({
    validFrom: MonthSchema,
    basis: TierBasisSchema,
    tiers: z.array(TierDefSchema).min(2, '至少需要两个层级').max(12, '最多 12 个层级'),
    /**
     * Consecutive months without data a customer keeps its assessment for; the next one leaves it 无数据
     * (docs/domain.md, "Presence"). Rule sets written before this existed read as 3.
     */
    missingMonthsKept: z
      .number({ error: '数据缺失保留月数应为 0–12 的整数' })
      .int('数据缺失保留月数应为 0–12 的整数')
      .min(0, '数据缺失保留月数应为 0–12')
      .max(12, '数据缺失保留月数应为 0–12')
      .default(3),
  })
  .superRefine((rules, ctx) => {
    const { tiers } = rules;
    if (tiers[0].thresholdFen !== 0) {
      ctx.addIssue({ code: 'custom', path: ['tiers', 0, 'thresholdFen'], message: '最低层级的门槛应为 0' });
    }
    for (let i = 1; i < tiers.length; i++) {
      if (tiers[i].thresholdFen <= tiers[i - 1].thresholdFen) {
        ctx.addIssue({ code: 'custom', path: ['tiers', i, 'thresholdFen'], message: '门槛应逐级升高' });
      }
    }
    for (const key of ['code', 'name'] as const) {
      const seen = new Set<string>();
      tiers.forEach((tier, i) => {
        if (seen.has(tier[key]))
          ctx.addIssue({
            code: 'custom',
            path: ['tiers', i, key],
            message: key === 'code' ? '层级代码重复' : '层级名称重复',
          });
        seen.add(tier[key]);
      });
    }
  });
export type TierRuleSet = z.infer<typeof TierRuleSetSchema>;

/** The start month of a rule set that applies to all history (the default one's). */
export const ALL_HISTORY = '1900-01';

/** The default scheme (docs/domain.md, "Tiers"): 月日均, T1–T2 grace 3 months, T3–T4 grace 6. */
export const DEFAULT_TIER_RULE_SET: TierRuleSet = {
  validFrom: ALL_HISTORY,
  basis: 'avg',
  missingMonthsKept: 3,
  tiers: [
    { code: 'T0', name: '大众客户', thresholdFen: 0, graceMonths: 0 },
    { code: 'T1', name: '金卡客户', thresholdFen: 5_000_000, graceMonths: 3 },
    { code: 'T2', name: '白金客户', thresholdFen: 50_000_000, graceMonths: 3 },
    { code: 'T3', name: '钻石客户', thresholdFen: 200_000_000, graceMonths: 6 },
    { code: 'T4', name: '私人银行客户', thresholdFen: 600_000_000, graceMonths: 6 },
  ],
};

/** A manual tier for one customer over a span of months, with the reason (docs/domain.md, "Tiers": the override wins, explained). */
export const TierOverrideInputSchema = z
  .strictObject({
    customerNo: z.string().trim().min(1).max(64),
    tierCode: z.string().trim().min(1).max(12),
    reason: z.string().trim().min(2, '请写明原因（至少 2 个字）').max(200, '原因最多 200 个字'),
    fromMonth: MonthSchema,
    untilMonth: MonthSchema,
  })
  .refine((o) => o.untilMonth >= o.fromMonth, { path: ['untilMonth'], message: '到期月份不能早于起始月份' });
export type TierOverrideInput = z.infer<typeof TierOverrideInputSchema>;

export const TierOverrideSchema = z.object({
  id: z.number().int(),
  tierCode: z.string(),
  tierName: z.string(),
  reason: z.string(),
  fromMonth: MonthSchema,
  untilMonth: MonthSchema,
  createdAt: z.string(),
  createdBy: z.string().nullable(),
});
export type TierOverrideView = z.infer<typeof TierOverrideSchema>;

/**
 * A month's status (docs/domain.md, "Presence"). The last three have no tier and count in no tier total: 'absent'
 * before the customer's first month with data (shown nowhere), 'nodata' after more missing months than the rule set
 * keeps, 'closed' from the closing month. Stored by position: new ones go at the end.
 */
export const TIER_STATUSES = [
  'normal',
  'watch',
  'downgraded',
  'upgraded',
  'new',
  'missing',
  'absent',
  'nodata',
  'closed',
] as const;
export type TierStatus = (typeof TIER_STATUSES)[number];

/** The statuses' Chinese words (docs/domain.md), for the UI's zh-CN text and the CLI. */
export const TIER_STATUS_NAMES: Record<TierStatus, string> = {
  normal: '正常',
  watch: '观察',
  downgraded: '已降级',
  upgraded: '已升级',
  new: '新客',
  missing: '数据缺失',
  absent: '尚无数据',
  nodata: '无数据',
  closed: '已销户',
};

/** Statuses of a customer who is in no tier that month. */
export const ABSENT_STATUSES: ReadonlySet<TierStatus> = new Set(['absent', 'nodata', 'closed']);

/** Why a month's tier is what it is; the UI and exports render these, `explainTierMonth` writes the Chinese. */
export const TierReasonSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('value'), month: MonthSchema, basis: TierBasisSchema, valueFen: FenSchema }),
  z.object({ kind: z.literal('missing'), month: MonthSchema }),
  z.object({ kind: z.literal('nodata'), month: MonthSchema, monthsMissing: z.number().int(), kept: z.number().int() }),
  z.object({ kind: z.literal('closed'), closedMonth: MonthSchema }),
  z.object({ kind: z.literal('returned'), month: MonthSchema }),
  z.object({ kind: z.literal('first'), opened: z.boolean() }),
  z.object({ kind: z.literal('reached'), tierCode: z.string(), thresholdFen: FenSchema }),
  /** Reached through the household's figure (docs/domain.md, "Households"); the head named as 张某. */
  z.object({
    kind: z.literal('household'),
    tierCode: z.string(),
    thresholdFen: FenSchema,
    householdFen: FenSchema,
    headName: z.string().nullable(),
  }),
  z.object({ kind: z.literal('upgraded'), fromCode: z.string(), toCode: z.string() }),
  z.object({
    kind: z.literal('below'),
    tierCode: z.string(),
    thresholdFen: FenSchema,
    monthsBelow: z.number().int(),
    graceMonths: z.number().int(),
  }),
  z.object({
    kind: z.literal('downgraded'),
    fromCode: z.string(),
    toCode: z.string(),
    bestMonth: MonthSchema.nullable(),
  }),
  z.object({ kind: z.literal('hold'), tierCode: z.string(), thresholdFen: FenSchema, gapFen: FenSchema }),
  z.object({ kind: z.literal('next'), tierCode: z.string(), thresholdFen: FenSchema, gapFen: FenSchema }),
  z.object({ kind: z.literal('override'), tierCode: z.string(), reason: z.string(), until: MonthSchema }),
]);
export type TierReason = z.infer<typeof TierReasonSchema>;
