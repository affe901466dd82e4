/**
 * The suitability rules (docs/domain.md, "Suitability"): risk levels as head offices write them, whether a
 * customer's assessment is current, and what the check finds of each holding and of each customer. Pure: the day
 * the check is made as of is passed in.
 */
import { addDays } from '../../../shared/month';
import type { Parsed } from '../imports/import-cells';
import {
  SUITABILITY_FINDINGS,
  type CustomerRiskLevel,
  type ProductRiskLevel,
  type SuitabilityFinding,
  type SuitabilitySettings,
} from '../../../shared/schemas/suitability';

/** Words for a level 1–5 as written after R/PR/C, or alone: 一级 … 五级. */
const CHINESE_DIGITS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5 };

/** Product risk in words (银行理财 and 基金 usage): 低 R1, 中低 R2, 中 R3, 中高 R4, 高 R5. */
const PRODUCT_RISK_WORDS: Record<string, number> = {
  低风险: 1,
  低: 1,
  极低风险: 1,
  中低风险: 2,
  中低: 2,
  较低风险: 2,
  中风险: 3,
  中等风险: 3,
  中: 3,
  中高风险: 4,
  中高: 4,
  较高风险: 4,
  高风险: 5,
  高: 5,
};

/**
 * Customer risk tolerance in words, bank usage (docs/domain.md, "Suitability"): 保守型 C1, 谨慎型 C1, 稳健型 C2,
 * 平衡型 C3, 成长型 and 积极型 C4, 进取型 and 激进型 C5.
 */
const CUSTOMER_RISK_WORDS: Record<string, number> = {
  保守型: 1,
  谨慎型: 1,
  安全型: 1,
  稳健型: 2,
  平衡型: 3,
  成长型: 4,
  积极型: 4,
  进取型: 5,
  激进型: 5,
};

/** The level 1–5 a cell gives with its prefixes (`R3`, `PR3`, `3`, `3级`, `三级`, `R3级`), or null. */
function levelOf(text: string, prefixes: RegExp): number | null {
  const match = new RegExp(`^(?:${prefixes.source})?([1-5一二三四五])级?$`).exec(text);
  if (!match) return null;
  return CHINESE_DIGITS[match[1]] ?? Number(match[1]);
}

const normalized = (text: string) =>
  text
    .trim()
    .toUpperCase()
    .replace(/\s|（.*）|\(.*\)/g, '');

/** A product's risk level as head offices write it: R1–R5, PR3, 3, 三级, 中风险, 中等风险, 中低风险 … */
export function parseProductRisk(raw: string): Parsed<ProductRiskLevel> {
  const text = normalized(raw);
  const level = levelOf(text, /PR|R/) ?? PRODUCT_RISK_WORDS[text];
  if (level) return { ok: true, value: `R${level}` as ProductRiskLevel };
  return {
    ok: false,
    message: `产品风险等级“${raw}”无法识别，应为 R1–R5（或 PR3、3、三级、低风险、中低风险、中风险、中高风险、高风险）`,
    messageEn: `the product risk level "${raw}" is not R1–R5 (or PR3, 3, 三级, 低风险 … 高风险)`,
  };
}

/** A customer's assessed level as branches write it: C1–C5, 3, 三级, 保守型 … 进取型. */
export function parseCustomerRisk(raw: string): Parsed<CustomerRiskLevel> {
  const text = normalized(raw);
  const level = levelOf(text, /C/) ?? CUSTOMER_RISK_WORDS[text];
  if (level) return { ok: true, value: `C${level}` as CustomerRiskLevel };
  return {
    ok: false,
    message: `客户风险等级“${raw}”无法识别，应为 C1–C5（或 3、三级、保守型、稳健型、平衡型、成长型、进取型）`,
    messageEn: `the customer risk level "${raw}" is not C1–C5 (or 3, 三级, 保守型 … 进取型)`,
  };
}

/**
 * Where assessments are made, as branches write them (docs/domain.md, "Suitability"): each word → the channel it
 * is stored as. Other text is kept as written.
 */
const ASSESSMENT_CHANNEL_WORDS: Record<string, string> = {
  柜面: '柜面',
  柜台: '柜面',
  临柜: '柜面',
  网点: '柜面',
  营业网点: '柜面',
  营业厅: '柜面',
  厅堂: '柜面',
  现场: '柜面',
  COUNTER: '柜面',
  网银: '网银',
  网上银行: '网银',
  个人网银: '网银',
  个人网上银行: '网银',
  INTERNET: '网银',
  ONLINE: '网银',
  手机银行: '手机银行',
  手机: '手机银行',
  手机APP: '手机银行',
  APP: '手机银行',
  掌上银行: '手机银行',
  掌银: '手机银行',
  MOBILE: '手机银行',
  自助设备: '自助设备',
  自助终端: '自助设备',
  智能柜台: '自助设备',
  智能柜员机: '自助设备',
  电话银行: '电话银行',
  电话: '电话银行',
  微信银行: '微信银行',
  微信: '微信银行',
  上门: '上门',
  外拓: '上门',
};

/** The longest channel text kept (the card's field takes as much). */
export const ASSESSMENT_CHANNEL_MAX = 20;

/** An assessment's channel: the usual words stored as one name each (网上银行 → 网银), other text kept as written. */
export function parseAssessmentChannel(raw: string): Parsed<string> {
  const text = raw.trim();
  const known = ASSESSMENT_CHANNEL_WORDS[text.toUpperCase().replace(/\s/g, '')];
  if (known) return { ok: true, value: known };
  if (text.length <= ASSESSMENT_CHANNEL_MAX) return { ok: true, value: text };
  return {
    ok: false,
    message: `评估渠道“${text.slice(0, 30)}”超过 ${ASSESSMENT_CHANNEL_MAX} 个字`,
    messageEn: `the assessment channel is longer than ${ASSESSMENT_CHANNEL_MAX} characters`,
  };
}

/** An assessment is valid for 365 days: the last day it is valid (an assessment on day 0 is still valid on day 365). */
export const ASSESSMENT_VALID_DAYS = 365;
export const assessmentValidUntil = (assessedDate: string): string => addDays(assessedDate, ASSESSMENT_VALID_DAYS);

/** Expired as of `asOf`: more than 365 days old (day 365 still valid, day 366 expired). */
export const assessmentExpired = (assessedDate: string, asOf: string): boolean =>
  assessmentValidUntil(assessedDate) < asOf;

/** An assessment date after today is refused (null: the date is acceptable). */
export function futureAssessmentProblem(
  assessedDate: string,
  today: string,
): { message: string; messageEn: string } | null {
  return assessedDate > today
    ? {
        message: `风险评估日期 ${assessedDate} 晚于今天 ${today}`,
        messageEn: `the assessment date ${assessedDate} is after today (${today})`,
      }
    : null;
}

/** The customer as the check sees them. */
export interface AssessedCustomer {
  riskLevel: CustomerRiskLevel | null;
  assessedDate: string | null;
  professional: boolean;
}

/** An assessment older than this day has expired as of `asOf` (for checking many at once). */
export const expiredBefore = (asOf: string): string => addDays(asOf, -ASSESSMENT_VALID_DAYS);

/**
 * What a customer may hold, worked out once for all their holdings: the highest product level (1–5; 0 for none),
 * and whether they are unassessed (no level or no date) or their assessment has expired. A professional investor
 * needs no assessment: only the professional ceiling applies.
 */
export interface Ceiling {
  max: number;
  unassessed: boolean;
  expired: boolean;
}

/** The ceiling from a customer's level (1–5, null: none), whether it has a date, and whether that date has expired. */
export function ceilingFrom(
  customer: { level: number | null; dated: boolean; expired: boolean; professional: boolean },
  settings: SuitabilitySettings,
): Ceiling {
  if (customer.professional) return { max: settings.professionalMaxRisk, unassessed: false, expired: false };
  if (customer.level === null || !customer.dated) return { max: 0, unassessed: true, expired: false };
  const level = `C${customer.level}` as CustomerRiskLevel;
  return { max: settings.maxProductRisk[level], unassessed: false, expired: customer.expired };
}

/**
 * One holding's finding under a ceiling (product risk 1–5; null: the product is not in the catalogue). A product
 * above the level last assessed is a mismatch even when that assessment has since expired.
 */
export function findingUnder(ceiling: Ceiling, productRisk: number | null): SuitabilityFinding {
  if (ceiling.unassessed) return 'unassessed';
  if (productRisk !== null && productRisk > ceiling.max) return 'aboveLevel';
  if (ceiling.expired) return 'expired';
  return productRisk === null ? 'unknownProduct' : 'suitable';
}

/** A customer's ceiling as of `asOf`. */
export function ceilingOf(customer: AssessedCustomer, settings: SuitabilitySettings, asOf: string): Ceiling {
  return ceilingFrom(
    {
      level: customer.riskLevel === null ? null : Number(customer.riskLevel[1]),
      dated: customer.assessedDate !== null,
      expired: customer.assessedDate !== null && assessmentExpired(customer.assessedDate, asOf),
      professional: customer.professional,
    },
    settings,
  );
}

/** One holding's finding as of `asOf` (null product risk: the product is not in the catalogue). */
export function checkHolding(
  customer: AssessedCustomer,
  productRisk: ProductRiskLevel | null,
  settings: SuitabilitySettings,
  asOf: string,
): SuitabilityFinding {
  return findingUnder(ceilingOf(customer, settings, asOf), productRisk === null ? null : Number(productRisk[1]));
}

/** The worst of several findings (a customer's, from their holdings); suitable when there are none. */
export function worstFinding(findings: Iterable<SuitabilityFinding>): SuitabilityFinding {
  let worst = SUITABILITY_FINDINGS.length - 1;
  for (const finding of findings) worst = Math.min(worst, SUITABILITY_FINDINGS.indexOf(finding));
  return SUITABILITY_FINDINGS[worst];
}
