import { z } from 'zod';

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
});
export type SuitabilitySettings = z.infer<typeof SuitabilitySettingsSchema>;

/** C1→R1, C2→R1–R2, C3→R1–R3, C4→R1–R4, C5→R1–R5; a professional investor up to R5. */
export const DEFAULT_SUITABILITY_SETTINGS: SuitabilitySettings = {
  maxProductRisk: { C1: 1, C2: 2, C3: 3, C4: 4, C5: 5 },
  professionalMaxRisk: 5,
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
