import { describe, expect, it } from 'vitest';
import { addDays } from '../../../shared/month';
import { DEFAULT_SUITABILITY_SETTINGS as DEFAULTS } from '../../../shared/schemas/suitability';
import {
  assessmentExpired,
  assessmentValidUntil,
  checkHolding,
  expiredBefore,
  futureAssessmentProblem,
  parseAssessmentChannel,
  parseCustomerRisk,
  parseProductRisk,
  worstFinding,
  type AssessedCustomer,
} from './suitability-rules';

describe('assessment channels as branches write them', () => {
  it.each([
    ['柜面', '柜面'],
    ['柜台', '柜面'],
    [' 营业网点 ', '柜面'],
    ['网上银行', '网银'],
    ['个人网银', '网银'],
    ['手机APP', '手机银行'],
    ['手机app', '手机银行'],
    ['掌银', '手机银行'],
    ['智能柜台', '自助设备'],
    ['电话', '电话银行'],
    ['微信', '微信银行'],
    ['外拓', '上门'],
    ['理财经理面谈', '理财经理面谈'],
  ])('%s → %s', (text, channel) => expect(parseAssessmentChannel(text)).toEqual({ ok: true, value: channel }));

  it('refuses text longer than the card takes', () => {
    expect(parseAssessmentChannel('由客户经理在营业网点陪同客户通过智能柜台完成')).toMatchObject({ ok: false });
  });
});

describe('product risk levels as head offices write them', () => {
  it.each([
    ['R3', 'R3'],
    ['r2', 'R2'],
    ['PR3', 'R3'],
    ['3', 'R3'],
    ['5级', 'R5'],
    ['三级', 'R3'],
    ['R4级', 'R4'],
    ['低风险', 'R1'],
    ['中低风险', 'R2'],
    ['中风险', 'R3'],
    ['中等风险', 'R3'],
    ['中高风险', 'R4'],
    ['高风险', 'R5'],
    ['R3（中风险）', 'R3'],
    [' R1 ', 'R1'],
  ])('%s → %s', (text, level) => expect(parseProductRisk(text)).toEqual({ ok: true, value: level }));

  it.each(['R6', 'R0', 'C3', '六级', '很高', '平衡型', ''])('%s is refused, naming the value', (text) => {
    const parsed = parseProductRisk(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toContain(`“${text}”`);
  });
});

describe('customer risk levels as branches write them', () => {
  it.each([
    ['C3', 'C3'],
    ['c1', 'C1'],
    ['3', 'C3'],
    ['C5级', 'C5'],
    ['二级', 'C2'],
    ['保守型', 'C1'],
    ['谨慎型', 'C1'],
    ['稳健型', 'C2'],
    ['平衡型', 'C3'],
    ['成长型', 'C4'],
    ['积极型', 'C4'],
    ['进取型', 'C5'],
    ['激进型', 'C5'],
  ])('%s → %s', (text, level) => expect(parseCustomerRisk(text)).toEqual({ ok: true, value: level }));

  it.each(['C6', 'R3', '中风险', '0', 'abc'])('%s is refused', (text) => {
    expect(parseCustomerRisk(text).ok).toBe(false);
  });
});

describe('an assessment is valid for 365 days', () => {
  it('day 365 is still valid, day 366 expired', () => {
    expect(assessmentValidUntil('2024-03-01')).toBe('2025-03-01');
    expect(assessmentExpired('2024-03-01', '2025-03-01')).toBe(false);
    expect(assessmentExpired('2024-03-01', '2025-03-02')).toBe(true);
    // A leap year counts its 29 February.
    expect(assessmentValidUntil('2023-06-01')).toBe('2024-05-31');
  });

  it('checking many at once: an assessment dated before `expiredBefore(asOf)` is exactly one that has expired', () => {
    for (const asOf of ['2024-03-01', '2025-03-01', '2024-12-31']) {
      const cutoff = expiredBefore(asOf);
      expect(assessmentExpired(cutoff, asOf)).toBe(false);
      expect(assessmentExpired(addDays(cutoff, -1), asOf)).toBe(true);
    }
  });

  it('an assessment dated after today is refused', () => {
    expect(futureAssessmentProblem('2026-12-08', '2026-12-07')?.message).toContain('2026-12-08');
    expect(futureAssessmentProblem('2026-12-07', '2026-12-07')).toBeNull();
  });
});

describe('each holding checked against the branch setting', () => {
  const asOf = '2024-06-30';
  const customer = (riskLevel: AssessedCustomer['riskLevel'], assessedDate: string | null = '2024-01-15') => ({
    riskLevel,
    assessedDate,
    professional: false,
  });
  it.each([
    ['C1 may hold R1', customer('C1'), 'R1', 'suitable'],
    ['C1 may not hold R2', customer('C1'), 'R2', 'aboveLevel'],
    ['C2 holds R2', customer('C2'), 'R2', 'suitable'],
    ['C3 holds R3', customer('C3'), 'R3', 'suitable'],
    ['C3 holding R4', customer('C3'), 'R4', 'aboveLevel'],
    ['C4 holds R4', customer('C4'), 'R4', 'suitable'],
    ['C4 holding R5', customer('C4'), 'R5', 'aboveLevel'],
    ['C5 holds R5', customer('C5'), 'R5', 'suitable'],
    ['never assessed', customer(null, null), 'R1', 'unassessed'],
    ['a level without a date', customer('C3', null), 'R1', 'unassessed'],
    ['expired (day 366)', customer('C3', '2023-06-30'), 'R2', 'expired'],
    ['valid on day 365', customer('C3', '2023-07-01'), 'R2', 'suitable'],
    ['above the level even once expired', customer('C2', '2020-01-01'), 'R4', 'aboveLevel'],
    ['a product not in the catalogue', customer('C3'), null, 'unknownProduct'],
    ['unknown product, no assessment', customer(null, null), null, 'unassessed'],
    ['a professional investor needs no assessment', { ...customer(null, null), professional: true }, 'R5', 'suitable'],
  ] as const)('%s', (_, who, risk, finding) => expect(checkHolding(who, risk, DEFAULTS, asOf)).toBe(finding));

  it('the setting decides: C3 allowed R4, professionals capped at R4', () => {
    const settings = { ...DEFAULTS, maxProductRisk: { ...DEFAULTS.maxProductRisk, C3: 4 }, professionalMaxRisk: 4 };
    expect(checkHolding(customer('C3'), 'R4', settings, asOf)).toBe('suitable');
    expect(checkHolding({ ...customer(null, null), professional: true }, 'R5', settings, asOf)).toBe('aboveLevel');
  });
});

describe("a customer's finding is the worst of their holdings", () => {
  it.each([
    [['suitable', 'aboveLevel', 'expired'], 'aboveLevel'],
    [['suitable', 'expired', 'unknownProduct'], 'expired'],
    [['unknownProduct', 'suitable'], 'unknownProduct'],
    [['unassessed', 'expired'], 'unassessed'],
    [[], 'suitable'],
  ] as const)('%o → %s', (findings, worst) => expect(worstFinding(findings)).toBe(worst));
});
