import { z } from 'zod';
import { ActorSchema, CountedCustomerSchema, DateSchema, MonthSchema } from './common';

// ── Tier benefits (客户权益, docs/domain.md "Benefits") ─────────────────────────────────────────────────────────────

/** The year a benefit's quota counts in: the calendar year, or the year from the tier's anniversary. */
export const BENEFIT_YEAR_BASES = ['calendar', 'anniversary'] as const;
export type BenefitYearBasis = (typeof BENEFIT_YEAR_BASES)[number];

/** One tier's yearly quota of a benefit: a count, or null for unlimited. A tier without a line is not entitled. */
export const BenefitQuotaSchema = z.strictObject({
  tierCode: z.string().trim().min(1).max(16),
  perYear: z.number().int().min(1, '每年次数应为正整数（不限次数请填“不限”）').max(9999).nullable(),
});
export type BenefitQuota = z.infer<typeof BenefitQuotaSchema>;

export const BenefitDefSchema = z
  .strictObject({
    code: z
      .string()
      .trim()
      .min(1, '请填写权益代码')
      .max(32)
      .regex(/^[A-Za-z0-9_-]+$/, '权益代码只能包含字母、数字、- 和 _'),
    name: z.string().trim().min(1, '请填写权益名称').max(40),
    yearBasis: z.enum(BENEFIT_YEAR_BASES),
    /** Whether a customer in 观察 keeps the benefit. */
    heldInWatch: z.boolean(),
    quotas: z.array(BenefitQuotaSchema).max(20),
  })
  .superRefine((b, issue) => {
    const seen = new Set<string>();
    b.quotas.forEach((q, i) => {
      if (seen.has(q.tierCode))
        issue.addIssue({ code: 'custom', path: ['quotas', i, 'tierCode'], message: `层级 ${q.tierCode} 重复` });
      seen.add(q.tierCode);
    });
  });
export type BenefitDef = z.infer<typeof BenefitDefSchema>;

/** The catalogue from a month on (effective-dated like the tier rule sets). */
export const BenefitCatalogueSchema = z
  .strictObject({
    validFrom: MonthSchema,
    benefits: z.array(BenefitDefSchema).max(60),
  })
  .superRefine((c, issue) => {
    const codes = new Set<string>();
    const names = new Set<string>();
    c.benefits.forEach((b, i) => {
      if (codes.has(b.code))
        issue.addIssue({ code: 'custom', path: ['benefits', i, 'code'], message: `权益代码 ${b.code} 重复` });
      if (names.has(b.name))
        issue.addIssue({ code: 'custom', path: ['benefits', i, 'name'], message: `权益名称 ${b.name} 重复` });
      codes.add(b.code);
      names.add(b.name);
    });
  });
export type BenefitCatalogue = z.infer<typeof BenefitCatalogueSchema>;

export const BenefitCataloguesSchema = z.object({ catalogues: z.array(BenefitCatalogueSchema) });

/** Why a use is refused; the overridable ones the 支行长 may record anyway with a reason. */
export const BENEFIT_REFUSALS = [
  'count',
  'future',
  'unknownBenefit',
  'beforeEntitled',
  'noTier',
  'notEntitled',
  'watch',
  'overQuota',
] as const;
export type BenefitRefusalCode = (typeof BENEFIT_REFUSALS)[number];
export const OVERRIDABLE_REFUSALS: ReadonlySet<BenefitRefusalCode> = new Set([
  'beforeEntitled',
  'noTier',
  'notEntitled',
  'watch',
  'overQuota',
]);

export const BenefitUseInputSchema = z.strictObject({
  customerNo: z.string().trim().min(1).max(64),
  benefitCode: z.string().trim().min(1).max(32),
  date: DateSchema,
  count: z.number().int(),
  note: z.string().trim().max(200).default(''),
  /** The 支行长's reason for recording a use the rules refuse (audited); only they may give one. */
  overrideReason: z.string().trim().min(2, '请填写越权登记的原因').max(200).optional(),
  staffCode: ActorSchema,
});
export type BenefitUseInput = z.infer<typeof BenefitUseInputSchema>;

export const BenefitUseSchema = z.object({
  id: z.number().int(),
  benefitCode: z.string(),
  benefitName: z.string(),
  date: DateSchema,
  count: z.number().int(),
  note: z.string(),
  overrideReason: z.string().nullable(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
});
export type BenefitUse = z.infer<typeof BenefitUseSchema>;

/** One benefit as the card shows it in the counting year containing today. */
export const BenefitStandingSchema = z.object({
  code: z.string(),
  name: z.string(),
  entitled: z.boolean(),
  /** Why not, when not entitled today. */
  reason: z.string().nullable(),
  reasonEn: z.string().nullable(),
  perYear: z.number().int().nullable(),
  used: z.number().int(),
  remaining: z.number().int().nullable(),
  yearFrom: DateSchema.nullable(),
  yearTo: DateSchema.nullable(),
});
export type BenefitStanding = z.infer<typeof BenefitStandingSchema>;

/** A benefit the customer would lose, or have less of, at a downgrade. */
export const BenefitLossSchema = z.object({
  code: z.string(),
  name: z.string(),
  /** The yearly quota now (null = unlimited) and after the downgrade (0 = none). */
  perYearNow: z.number().int().nullable(),
  perYearAfter: z.number().int().nullable(),
});
export type BenefitLoss = z.infer<typeof BenefitLossSchema>;

/** The points multiplier a downgrade would take from (`now`) and leave (`after`). */
export const MultiplierLossSchema = z.object({ now: z.number(), after: z.number() });

export const CustomerBenefitsSchema = z.object({
  customerNo: z.string(),
  today: DateSchema,
  tierCode: z.string().nullable(),
  tierStatus: z.string().nullable(),
  benefits: z.array(BenefitStandingSchema),
  uses: z.array(BenefitUseSchema),
  /** What the warned customer's next tier would take away (empty when not warned). */
  downgradeLoss: z.array(BenefitLossSchema),
  /** The points multiplier now and after (null: the plan is off, or it would not fall). */
  downgradeMultiplier: MultiplierLossSchema.nullable(),
  downgradeTierCode: z.string().nullable(),
  /** The losses in words ("机场贵宾厅 4 次/年、体检 1 次/年"), empty when none. */
  downgradeText: z.string(),
  downgradeTextEn: z.string(),
});
export type CustomerBenefits = z.infer<typeof CustomerBenefitsSchema>;

/** What a downgrade would take from each warned customer of a page of the warning list. */
export const DowngradeLossesSchema = z.object({
  rows: z.array(
    z.object({
      customerNo: z.string(),
      nextTierCode: z.string().nullable(),
      losses: z.array(BenefitLossSchema),
      multiplier: MultiplierLossSchema.nullable(),
      text: z.string(),
      textEn: z.string(),
    }),
  ),
});
export type DowngradeLosses = z.infer<typeof DowngradeLossesSchema>;

// ── The benefits analysis (per tier and month) ─────────────────────────────────────────────────────────────────

export const BenefitAnalysisQuerySchema = z.strictObject({
  month: MonthSchema,
  /** A 客户经理's own book (dispatch sets it for one without the branch view). */
  managerCode: z.string().min(1).max(32).optional(),
});
export type BenefitAnalysisQuery = z.infer<typeof BenefitAnalysisQuerySchema>;

export const BenefitFigureSchema = z.object({
  code: z.string(),
  name: z.string(),
  /** Customers of the tier entitled to it in the month. */
  entitled: z.number().int(),
  /** Of them, those who used it in the year to the month's end, and their uses. */
  users: z.number().int(),
  uses: z.number().int(),
  /** The yearly quotas of the entitled summed (unlimited ones left out), and the share of it used (null: none). */
  quota: z.number().int(),
  quotaUsedShare: z.number().nullable(),
});

export const BenefitAnalysisSchema = z.object({
  month: MonthSchema,
  /** The uses counted: the calendar year to the month's end. */
  from: DateSchema,
  to: DateSchema,
  tiers: z.array(
    z.object({
      tierCode: z.string(),
      tierName: z.string(),
      customers: z.number().int(),
      /** Entitled to at least one benefit. */
      entitled: z.number().int(),
      /** Entitled to at least one, and used none in the year to the month's end (a care signal). */
      neverUsed: z.number().int(),
      benefits: z.array(BenefitFigureSchema),
    }),
  ),
});
export type BenefitAnalysis = z.infer<typeof BenefitAnalysisSchema>;

export const BENEFIT_ANALYSIS_COUNTS = ['entitled', 'users', 'neverUsed'] as const;

export const BenefitAnalysisCustomersQuerySchema = BenefitAnalysisQuerySchema.extend({
  tierCode: z.string().min(1).max(16),
  /** The count opened: entitled or users of one benefit (with its code), or the tier's entitled who used none. */
  count: z.enum(BENEFIT_ANALYSIS_COUNTS),
  benefitCode: z.string().min(1).max(32).optional(),
});
export type BenefitAnalysisCustomersQuery = z.infer<typeof BenefitAnalysisCustomersQuerySchema>;

/** Rows a list returns at most (the total says how many there are). */
export const BENEFIT_LIST_LIMIT = 2000;

export const BenefitAnalysisCustomersSchema = z.object({
  total: z.number().int(),
  rows: z.array(
    CountedCustomerSchema.extend({
      /** Uses in the year to the month's end (of the benefit, or of all). */
      uses: z.number().int(),
    }),
  ),
});
export type BenefitAnalysisCustomers = z.infer<typeof BenefitAnalysisCustomersSchema>;
