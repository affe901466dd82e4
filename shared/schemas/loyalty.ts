/** The loyalty points plan (积分计划): its rules, ledger, gifts and analysis (docs/domain.md, "Loyalty points"). */
import { z } from 'zod';
import { CountedCustomerSchema, DateSchema, MonthSchema } from './common';

/** 1万元 in 分: the default unit of 月日均 that earns points. */
export const TEN_THOUSAND_YUAN_FEN = 1_000_000;

/**
 * One version of the plan's rules, applying from `validFrom` until the next version (effective-dated like the tier
 * rule sets). The numbers are checked by the pure rules (`loyalty/points-rules.ts`), which name the field refused.
 */
export const LoyaltyRuleSetSchema = z.strictObject({
  validFrom: MonthSchema,
  /** The plan is off by default; a version with `enabled: false` stops accrual from its month. */
  enabled: z.boolean(),
  /** 月日均 per full unit that earns `pointsPerUnit` (分; default 1万元). */
  unitFen: z.number().int(),
  pointsPerUnit: z.number().int(),
  /** Per tier code; a tier not listed earns with multiplier 1. At most two decimals. */
  multipliers: z.array(z.strictObject({ tierCode: z.string().min(1).max(16), multiplier: z.number() })).max(20),
  /** Points earned in year Y expire at the end of year Y + expireAfterYears. */
  expireAfterYears: z.number().int(),
  /** Bonus points offered per named event (a manual 奖励 may give another number). */
  bonus: z.strictObject({ event: z.number().int(), survey: z.number().int(), referral: z.number().int() }),
});
export type LoyaltyRuleSet = z.infer<typeof LoyaltyRuleSetSchema>;

export const DEFAULT_LOYALTY_MULTIPLIERS: LoyaltyRuleSet['multipliers'] = [
  { tierCode: 'T0', multiplier: 1 },
  { tierCode: 'T1', multiplier: 1 },
  { tierCode: 'T2', multiplier: 1.2 },
  { tierCode: 'T3', multiplier: 1.5 },
  { tierCode: 'T4', multiplier: 2 },
];

/** What the settings screen offers for a first version (the plan is off until one is saved enabled). */
export function defaultLoyaltyRuleSet(validFrom: string): LoyaltyRuleSet {
  return {
    validFrom,
    enabled: true,
    unitFen: TEN_THOUSAND_YUAN_FEN,
    pointsPerUnit: 1,
    multipliers: DEFAULT_LOYALTY_MULTIPLIERS,
    expireAfterYears: 1,
    bonus: { event: 50, survey: 20, referral: 200 },
  };
}

export const LEDGER_KINDS = ['earn', 'bonus', 'redeem', 'expire', 'adjust', 'reversal'] as const;
export type LedgerKind = (typeof LEDGER_KINDS)[number];
export const BONUS_EVENTS = ['event', 'survey', 'referral'] as const;
export type BonusEvent = (typeof BONUS_EVENTS)[number];

export const LedgerLineSchema = z.object({
  id: z.number().int(),
  kind: z.enum(LEDGER_KINDS),
  points: z.number().int(),
  /** The month the line counts in: the accrual month for earn and its reversal, else the month it was written. */
  month: z.string(),
  giftCode: z.string().nullable(),
  quantity: z.number().int().nullable(),
  bonusEvent: z.enum(BONUS_EVENTS).nullable(),
  reason: z.string().nullable(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
});
export type LedgerLine = z.infer<typeof LedgerLineSchema>;

export const CustomerPointsSchema = z.object({
  customerNo: z.string(),
  enabled: z.boolean(),
  balance: z.number().int(),
  /** The points that expire next, and when (null when none will). */
  nextExpiry: z.object({ date: DateSchema, points: z.number().int() }).nullable(),
  lines: z.array(LedgerLineSchema),
});
export type CustomerPoints = z.infer<typeof CustomerPointsSchema>;

export const GiftSchema = z.strictObject({
  code: z.string().trim().min(1).max(32),
  name: z.string().trim().min(1).max(60),
  pointsPrice: z.number().int(),
  stock: z.number().int(),
  active: z.boolean(),
});
export type Gift = z.infer<typeof GiftSchema>;

export const LoyaltySettingsSchema = z.object({
  ruleSets: z.array(LoyaltyRuleSetSchema),
  gifts: z.array(GiftSchema),
});
export type LoyaltySettings = z.infer<typeof LoyaltySettingsSchema>;

export const PointsAnalysisQuerySchema = z.strictObject({
  fromMonth: MonthSchema.optional(),
  toMonth: MonthSchema.optional(),
});

/** Per month and tier (the customer's assessed tier that month; `''` for customers in no tier). */
export const PointsAnalysisSchema = z.object({
  months: z.array(z.string()),
  tiers: z.array(z.object({ code: z.string(), name: z.string() })),
  cells: z.array(
    z.object({
      month: z.string(),
      tierCode: z.string(),
      customers: z.number().int(),
      earned: z.number().int(),
      redeemed: z.number().int(),
      expired: z.number().int(),
      outstanding: z.number().int(),
    }),
  ),
});
export type PointsAnalysis = z.infer<typeof PointsAnalysisSchema>;

/** The customers behind one count of 积分分析: those in a tier (`''`: in no tier) with points unspent at a month's end. */
export const PointsAnalysisCustomersQuerySchema = z.strictObject({
  month: MonthSchema,
  tierCode: z.string().max(16),
});

/** Most customers listed at once (the total counts them all). */
export const POINTS_CUSTOMERS_SHOWN = 1_000;

export const PointsAnalysisCustomersSchema = z.object({
  total: z.number().int(),
  /** Most points first. */
  rows: z.array(CountedCustomerSchema.extend({ points: z.number().int() })),
});
export type PointsAnalysisCustomers = z.infer<typeof PointsAnalysisCustomersSchema>;
