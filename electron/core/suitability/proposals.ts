/**
 * A product proposed in a contact (产品推荐), checked against the customer's assessment and the branch setting
 * (docs/domain.md, "Suitability"): refused naming the field, unless the customer asked for it themselves with a reason.
 */
import { AppError } from '../../../shared/errors';
import { readSuitabilitySettings } from '../platform/settings';
import type { CoreContext } from '../platform/context';
import { productByCode } from './suitability-repository';
import { assessmentValidUntil, ceilingOf, type AssessedCustomer } from './suitability-rules';
import { isWealthProduct } from './suggestion-rules';

export interface ProposalInput {
  productCode?: string;
  ownRequest?: boolean;
  ownRequestReason?: string;
  dualRecordingRef?: string;
}

/** What the contact records of the proposal, and what to audit when the customer's own request let it through. */
export interface CheckedProposal {
  productCode: string | null;
  ownRequest: boolean;
  ownRequestReason: string | null;
  dualRecordingRef: string | null;
  /** Set when the proposal would have been refused and the own request let it through: what to audit. */
  overridden: {
    productRisk: string;
    riskLevel: string | null;
    refusal: Refusal;
  } | null;
}

/** Why a proposal is refused unless it is the customer's own request. */
type Refusal = 'aboveLevel' | 'unassessed' | 'expired';

const refuse = (field: string, zh: string, en: string) => new AppError('VALIDATION', zh, en, { field });

/** The refusal's message, naming the product field. */
function refusalError(
  refusal: Refusal,
  product: { name: string; risk: number },
  customer: { riskLevel: string | null; assessedDate: string | null },
  maxRisk: number,
  date: string,
): AppError {
  const productRisk = `R${product.risk}`;
  switch (refusal) {
    case 'unassessed':
      return refuse(
        'productCode',
        '客户未做风险评估，不能推荐产品：请先评估，或勾选“客户主动要求”并写明原因',
        "the customer has no risk assessment: assess them first, or mark it as the customer's own request with a reason",
      );
    case 'aboveLevel':
      return refuse(
        'productCode',
        `产品 ${product.name}（${productRisk}）超出客户风险等级 ${customer.riskLevel ?? '专业投资者'} 可购买的 R${maxRisk}：不能推荐，除非客户主动要求并写明原因`,
        `${product.name} (${productRisk}) is above what the customer's level allows (R${maxRisk}): not to be proposed unless the customer asks for it, with a reason`,
      );
    case 'expired':
      return refuse(
        'productCode',
        `客户风险评估已过期（有效期至 ${assessmentValidUntil(customer.assessedDate ?? date)}），请先重新评估，或勾选“客户主动要求”并写明原因`,
        `the customer's risk assessment expired (valid until ${assessmentValidUntil(customer.assessedDate ?? date)}): assess them again, or mark it as the customer's own request with a reason`,
      );
  }
}

/**
 * Checks a proposal made on `date` for a customer: the product must be in the catalogue; the customer assessed,
 * the assessment current on that day, the product within their level — unless marked as their own request with a
 * reason; a wealth product to a retail (not professional) customer needs the 双录 number when the setting says so.
 */
export function checkProposal(
  ctx: CoreContext,
  customer: AssessedCustomer,
  input: ProposalInput,
  date: string,
): CheckedProposal {
  const reason = input.ownRequestReason?.trim() || null;
  const dualRecordingRef = input.dualRecordingRef?.trim() || null;
  const ownRequest = input.ownRequest === true;
  const code = input.productCode?.trim();
  if (!code) {
    if (ownRequest || dualRecordingRef)
      throw refuse(
        'productCode',
        '勾选“客户主动要求”或填写双录编号时，须选择推荐的产品',
        "choose the proposed product for a customer's own request or a dual-recording number",
      );
    return { productCode: null, ownRequest: false, ownRequestReason: null, dualRecordingRef: null, overridden: null };
  }
  const product = productByCode(ctx.store.sqlite, code);
  if (!product)
    throw refuse(
      'productCode',
      `产品代码“${code}”不在产品目录中`,
      `the product code "${code}" is not in the product catalogue`,
    );
  if (ownRequest && (reason === null || reason.length < 2))
    throw refuse(
      'ownRequestReason',
      '客户主动要求须写明原因（至少 2 个字）',
      "a customer's own request needs its reason (at least 2 characters)",
    );
  const settings = readSuitabilitySettings(ctx.store.sqlite);
  const ceiling = ceilingOf(customer, settings, date);
  const productRisk = `R${product.risk}`;
  const refusal: Refusal | null = ceiling.unassessed
    ? 'unassessed'
    : product.risk > ceiling.max
      ? 'aboveLevel'
      : ceiling.expired
        ? 'expired'
        : null;
  if (refusal && !ownRequest) throw refusalError(refusal, product, customer, ceiling.max, date);
  if (settings.requireDualRecording && !customer.professional && isWealthProduct(product.type) && !dualRecordingRef)
    throw refuse(
      'dualRecordingRef',
      `${product.type ?? ''}产品向普通投资者推荐须填写双录编号`,
      `a ${product.type ?? ''} product proposed to a retail investor needs its dual-recording (双录) number`,
    );
  return {
    productCode: product.code,
    ownRequest,
    ownRequestReason: ownRequest ? reason : null,
    dualRecordingRef,
    overridden: refusal && ownRequest ? { productRisk, riskLevel: customer.riskLevel, refusal } : null,
  };
}
