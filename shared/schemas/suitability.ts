import { z } from 'zod';
import { ActorSchema, DateSchema, FenSchema, MonthSchema } from './common';

// ── Suitability (适当性, docs/domain.md "Suitability") ─────────────────────────────────────────────────────────────

export const CUSTOMER_RISK_LEVELS = ['C1', 'C2', 'C3', 'C4', 'C5'] as const;
export type CustomerRiskLevel = (typeof CUSTOMER_RISK_LEVELS)[number];
export const CustomerRiskLevelSchema = z.enum(CUSTOMER_RISK_LEVELS);

export const PRODUCT_RISK_LEVELS = ['R1', 'R2', 'R3', 'R4', 'R5'] as const;
export type ProductRiskLevel = (typeof PRODUCT_RISK_LEVELS)[number];
export const ProductRiskLevelSchema = z.enum(PRODUCT_RISK_LEVELS);

/** The highest product risk (1–5) a customer level may hold. */
const maxRisk = z.number().int().min(1, '最高产品风险等级为 R1–R5').max(5, '最高产品风险等级为 R1–R5');

/** The branch's suitability setting: per customer level the highest product level, and for professional investors. */
export const SuitabilitySettingsSchema = z.strictObject({
  maxProductRisk: z.strictObject({ C1: maxRisk, C2: maxRisk, C3: maxRisk, C4: maxRisk, C5: maxRisk }),
  professionalMaxRisk: maxRisk,
  /** A wealth product proposed to a retail customer needs a 双录 reference number. */
  requireDualRecording: z.boolean().default(true),
});
export type SuitabilitySettings = z.infer<typeof SuitabilitySettingsSchema>;

/** C1→R1, C2→R1–R2, C3→R1–R3, C4→R1–R4, C5→R1–R5; a professional investor up to R5. */
export const DEFAULT_SUITABILITY_SETTINGS: SuitabilitySettings = {
  maxProductRisk: { C1: 1, C2: 2, C3: 3, C4: 4, C5: 5 },
  professionalMaxRisk: 5,
  requireDualRecording: true,
};

/**
 * What the check finds of a holding, worst first: the product above the customer's level, no assessment, the
 * assessment expired, the product not in the catalogue, suitable.
 */
export const SUITABILITY_FINDINGS = ['aboveLevel', 'unassessed', 'expired', 'unknownProduct', 'suitable'] as const;
export type SuitabilityFinding = (typeof SUITABILITY_FINDINGS)[number];
export const SuitabilityFindingSchema = z.enum(SUITABILITY_FINDINGS);

export const SUITABILITY_FINDING_NAMES: Record<SuitabilityFinding, [string, string]> = {
  aboveLevel: ['超出风险等级', 'Above risk level'],
  unassessed: ['未评估', 'Not assessed'],
  expired: ['评估过期', 'Assessment expired'],
  unknownProduct: ['产品不在目录', 'Product not in catalogue'],
  suitable: ['适当', 'Suitable'],
};

// ── Channels' shapes ────────────────────────────────────────────────────────────────────────────────────────────

const CustomerNoSchema = z.string().trim().min(1).max(64);
const ManagerCodeSchema = z.string().min(1).max(32);

/** An assessment recorded on the card (audited): level and date together, or neither (never assessed). */
export const AssessmentInputSchema = z.strictObject({
  customerNo: CustomerNoSchema,
  riskLevel: CustomerRiskLevelSchema.nullable(),
  assessedDate: DateSchema.nullable(),
  channel: z.string().trim().max(20, '评估渠道最多 20 个字').nullable(),
  professional: z.boolean(),
  staffCode: ActorSchema,
});
export type AssessmentInput = z.infer<typeof AssessmentInputSchema>;

/** A customer's assessment as the screens show it, with the last day it is valid. */
const AssessmentFields = {
  riskLevel: CustomerRiskLevelSchema.nullable(),
  assessedDate: DateSchema.nullable(),
  validUntil: DateSchema.nullable(),
  professional: z.boolean(),
};

export const HoldingCheckSchema = z.object({
  productKey: z.string(),
  productCode: z.string().nullable(),
  productName: z.string(),
  productRisk: ProductRiskLevelSchema.nullable(),
  amountFen: z.number().int().nullable(),
  maturityDate: DateSchema.nullable(),
  finding: SuitabilityFindingSchema,
});

/** The card's part: the assessment, and each holding checked as of today. */
export const CustomerSuitabilitySchema = z.object({
  customerNo: z.string(),
  ...AssessmentFields,
  channel: z.string().nullable(),
  asOf: DateSchema,
  /** The worst of the holdings (suitable when there are none). */
  finding: SuitabilityFindingSchema,
  holdings: z.array(HoldingCheckSchema),
});
export type CustomerSuitability = z.infer<typeof CustomerSuitabilitySchema>;

/** The 适当性检查 screen: as of the data month's end, for the branch or one manager's book. */
export const SuitabilityQuerySchema = z.strictObject({
  month: MonthSchema,
  managerCode: ManagerCodeSchema.optional(),
});

const FindingCountsSchema = z.object(
  Object.fromEntries(SUITABILITY_FINDINGS.map((f) => [f, z.number().int()])) as Record<SuitabilityFinding, z.ZodNumber>,
);
export type FindingCounts = z.infer<typeof FindingCountsSchema>;

export const SuitabilityOverviewSchema = z.object({
  asOf: DateSchema,
  /** Customers holding at least one product, and their holdings. */
  customers: z.number().int(),
  holdings: z.number().int(),
  /** Customers by their worst finding. */
  counts: FindingCountsSchema,
  /** Per manager (null: customers without one), customers by their worst finding. */
  managers: z.array(
    z.object({
      managerCode: z.string().nullable(),
      managerName: z.string().nullable(),
      customers: z.number().int(),
      counts: FindingCountsSchema,
    }),
  ),
});
export type SuitabilityOverview = z.infer<typeof SuitabilityOverviewSchema>;

/** The customers of one finding (a count opened), for the branch, one manager, or those without one. */
export const SuitabilityCustomersQuerySchema = SuitabilityQuerySchema.extend({
  finding: SuitabilityFindingSchema,
  unassigned: z.boolean().optional(),
});

export const SuitabilityCustomerRowSchema = z.object({
  customerNo: z.string(),
  name: z.string(),
  managerCode: z.string().nullable(),
  managerName: z.string().nullable(),
  ...AssessmentFields,
  finding: SuitabilityFindingSchema,
  holdings: z.number().int(),
  /** The products held above the customer's level (names), for 超出风险等级. */
  aboveLevel: z.array(z.string()),
});
export type SuitabilityCustomerRow = z.infer<typeof SuitabilityCustomerRowSchema>;

/** Rows a list returns at most (the count says how many there are). */
export const SUITABILITY_LIST_LIMIT = 2000;

export const SuitabilityCustomersSchema = z.object({
  asOf: DateSchema,
  total: z.number().int(),
  rows: z.array(SuitabilityCustomerRowSchema),
});

/** The workbench's part, as of today: the book's assessments expiring within 30 days, and its mismatches. */
export const SuitabilityBenchSchema = z.object({
  asOf: DateSchema,
  expiring: SuitabilityCustomersSchema.omit({ asOf: true }),
  mismatches: SuitabilityCustomersSchema.omit({ asOf: true }),
});
export type SuitabilityBench = z.infer<typeof SuitabilityBenchSchema>;

/** Days ahead the workbench lists assessments expiring. */
export const EXPIRING_WITHIN_DAYS = 30;

/** Why a product is suggested (one line; amounts in 分, hidden from tellers). */
export const SuggestionReasonSchema = z.discriminatedUnion('signal', [
  /** 活期 is this share of 月日均: into deposits or 理财. */
  z.object({ signal: z.literal('idle'), share: z.number(), type: z.string() }),
  /** Holdings of this type maturing within 90 days: re-invest into the same type. */
  z.object({ signal: z.literal('maturing'), amountFen: FenSchema.nullable(), type: z.string() }),
  /** This share of the customer's tier holds the product. */
  z.object({ signal: z.literal('peers'), share: z.number() }),
  /** The customer holds products of this type already. */
  z.object({ signal: z.literal('similar'), type: z.string() }),
  /** No signal: on sale and within the customer's level. */
  z.object({ signal: z.literal('fits'), risk: z.number().int() }),
]);
export type SuggestionReason = z.infer<typeof SuggestionReasonSchema>;

export const SuggestionsQuerySchema = z.strictObject({
  customerNo: CustomerNoSchema,
  /** The data month (default: the latest with tier results). */
  month: MonthSchema.optional(),
});

/** A customer's suggestions as of the data month's end, or why there are none (unassessed, expired). */
export const CustomerSuggestionsSchema = z.object({
  customerNo: z.string(),
  month: MonthSchema,
  asOf: DateSchema,
  unavailable: z.enum(['unassessed', 'expired']).nullable(),
  suggestions: z.array(
    z.object({
      productCode: z.string(),
      productName: z.string(),
      productType: z.string().nullable(),
      productRisk: ProductRiskLevelSchema,
      /** Null for a teller (built from the customer's money). */
      score: z.number().nullable(),
      reason: SuggestionReasonSchema,
    }),
  ),
});
export type CustomerSuggestions = z.infer<typeof CustomerSuggestionsSchema>;
