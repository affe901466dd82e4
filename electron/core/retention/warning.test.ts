import { describe, expect, it } from 'vitest';
import { DEFAULT_WARNING_SETTINGS as S } from '../../../shared/schemas/retention';
import { assessWarning, type WarningInput } from './warning';

const WAN = 1_000_000;
/** 私人银行 (600万, grace 6) with nothing wrong but sitting exactly at the top of the 10% margin. */
const calm: WarningInput = {
  thresholdFen: 600 * WAN,
  aumFen: 660 * WAN,
  monthsBelow: 0,
  graceMonths: 6,
  previousAumFen: 660 * WAN,
  threeMonthsAgoAumFen: 660 * WAN,
  threeMonthsAgo: '2024-01',
  maturing30Fen: 0,
  maturing60Fen: 0,
  openComplaints: 0,
  lastSurveyScore: 5,
  daysSinceContact: 10,
  contactStandardDays: 31,
};
const points = (input: Partial<WarningInput>, signal: string) =>
  assessWarning({ ...calm, ...input }, S).reasons.find((r) => r.signal === signal)?.points ?? 0;

describe('early-warning model', () => {
  it('scores nothing for a customer at the top of the watched margin', () => {
    expect(assessWarning(calm, S)).toEqual({ score: 0, level: 'low', reasons: [], amountNeededFen: 0 });
  });

  it.each([
    // 月日均 (万), gap points: linear from the margin's top (660万) to 30% below the threshold (420万).
    [660, 0],
    [630, 3.8],
    [600, 7.5],
    [510, 18.8],
    [420, 30],
    [100, 30],
  ])('gap: 月日均 %s万 → %s points', (aum, expected) => {
    expect(points({ aumFen: aum * WAN }, 'gap')).toBe(expected);
  });

  it.each([
    [0, 6, 0],
    [1, 6, 3.3],
    [3, 6, 10],
    [6, 6, 20],
    [2, 0, 0], // raw tiers have no grace to run out
  ])('months below: %s of grace %s → %s points', (monthsBelow, graceMonths, expected) => {
    expect(points({ monthsBelow, graceMonths }, 'months')).toBe(expected);
  });

  it.each([
    [660, 0], // flat
    [500, 0], // a rise
    [800, 5.8], // fell 17.5%
    [825, 6.7], // fell 20%
    [1000, 10], // fell 34%: capped
  ])('trend: from %s万 three months ago → %s points', (before, expected) => {
    expect(points({ threeMonthsAgoAumFen: before * WAN }, 'trend')).toBe(expected);
  });

  it.each([
    [0, 0, 0],
    [99, 0, 5], // 15% of 660万 within 30 days
    [0, 198, 5], // 31–60 days count half
    [300, 0, 10],
  ])('maturities: %s万 within 30 days and %s万 within 60 → %s points', (m30, m60, expected) => {
    expect(points({ maturing30Fen: m30 * WAN, maturing60Fen: m60 * WAN }, 'maturity')).toBe(expected);
  });

  it.each([
    [700, 0], // fell 5.7%: not a large outflow
    [800, 4.4], // fell 17.5%
    [1200, 10], // fell 45%: capped
  ])('outflow: from %s万 last month → %s points', (previous, expected) => {
    expect(points({ previousAumFen: previous * WAN }, 'outflow')).toBe(expected);
  });

  it('counts an open complaint and a low survey score', () => {
    expect(points({ openComplaints: 1 }, 'complaint')).toBe(8);
    expect(points({ lastSurveyScore: 2 }, 'survey')).toBe(6);
    expect(points({ lastSurveyScore: 3 }, 'survey')).toBe(3);
    expect(points({ lastSurveyScore: 4 }, 'survey')).toBe(0);
  });

  it.each([
    [31, 0],
    [62, 6],
    [46, 2.9],
    [null, 6], // never contacted
  ])('contact: %s days since, standard 31 → %s points', (days, expected) => {
    expect(points({ daysSinceContact: days }, 'contact')).toBe(expected);
  });

  it('adds the signals, ranks the reasons and picks the level', () => {
    const warning = assessWarning(
      {
        ...calm,
        aumFen: 482.1 * WAN,
        monthsBelow: 2,
        previousAumFen: 700 * WAN,
        openComplaints: 1,
        daysSinceContact: null,
      },
      S,
    );
    expect(warning.reasons.map((r) => r.signal)).toEqual(['gap', 'trend', 'complaint', 'outflow', 'months', 'contact']);
    expect(warning.score).toBe(Math.round(warning.reasons.reduce((n, r) => n + r.points, 0)));
    expect(warning.level).toBe('high');
    expect(assessWarning({ ...calm, aumFen: 580 * WAN, monthsBelow: 1 }, S).level).toBe('low');
    expect(assessWarning({ ...calm, aumFen: 520 * WAN, monthsBelow: 3 }, S).level).toBe('medium');
  });

  it('gives the amount needed to hold the tier exactly to the 分', () => {
    expect(assessWarning({ ...calm, aumFen: 482_101_234 }, S).amountNeededFen).toBe(600 * WAN - 482_101_234);
    expect(assessWarning({ ...calm, aumFen: 599_999_999 }, S).amountNeededFen).toBe(1);
    expect(assessWarning({ ...calm, aumFen: 600 * WAN }, S).amountNeededFen).toBe(0);
  });

  it('caps the score at 100 and follows the configured weights', () => {
    const everything = {
      ...calm,
      aumFen: 100 * WAN,
      monthsBelow: 6,
      previousAumFen: 1000 * WAN,
      threeMonthsAgoAumFen: 1000 * WAN,
      maturing30Fen: 100 * WAN,
      openComplaints: 2,
      lastSurveyScore: 1,
      daysSinceContact: null,
    };
    expect(assessWarning(everything, S).score).toBe(100);
    const doubled = { ...S, weights: { ...S.weights, gap: 60 } };
    const atThreshold = { ...calm, aumFen: 600 * WAN, previousAumFen: 600 * WAN, threeMonthsAgoAumFen: 600 * WAN };
    expect(assessWarning(atThreshold, S).score).toBe(8);
    expect(assessWarning(atThreshold, doubled).score).toBe(15);
  });
});
