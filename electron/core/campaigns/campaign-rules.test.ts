import { describe, expect, it } from 'vitest';
import {
  checkCampaign,
  duplicatesOf,
  holdoutOf,
  meanDifference,
  numberColumnOf,
  proportionDifference,
  refuseDuplicates,
} from './campaign-rules';

describe('campaign rules', () => {
  it.each([
    [['姓名', '客户号', '手机'], 1],
    [['序号', ' 客户 编号 '], 1],
    [['Customer_No', '客户号'], 1],
    [['CUSTNO'], 0],
  ])('finds the customer-number column of %j at %i', (headers, at) => {
    expect(numberColumnOf(headers)).toBe(at);
  });

  it('refuses a list without a customer-number column', () => {
    expect(() => numberColumnOf(['姓名', '证件号'])).toThrow(/找不到客户号列/);
  });

  it.each([
    [{ startDate: '2024-03-01', endDate: '2024-02-01', contactBy: '2024-03-01', holdoutShare: 0 }, /早于开始日/],
    [{ startDate: '2024-01-01', endDate: '2024-02-01', contactBy: '2024-03-01', holdoutShare: 0 }, /联系截止日/],
    [{ startDate: '2024-01-01', endDate: '2024-02-01', contactBy: '2024-01-10', holdoutShare: 0.6 }, /0–50%/],
    [{ startDate: '2024-01-01', endDate: '2024-02-01', contactBy: '2024-01-10', holdoutShare: -0.1 }, /0–50%/],
  ])('refuses %j', (campaign, message) => {
    expect(() => checkCampaign(campaign)).toThrow(message);
  });

  it('accepts a period of one day and a hold-out of exactly a half', () => {
    expect(() =>
      checkCampaign({ startDate: '2024-01-01', endDate: '2024-01-01', contactBy: '2024-01-01', holdoutShare: 0.5 }),
    ).not.toThrow();
  });

  it('names customers listed twice with their rows', () => {
    expect(duplicatesOf(['A', 'B', 'A', 'C', 'B', 'A'])).toEqual([
      { customerNo: 'A', rows: [1, 3, 6] },
      { customerNo: 'B', rows: [2, 5] },
    ]);
    expect(() => refuseDuplicates(['A', 'B', 'A'])).toThrow(/A（第 1、3 行）/);
    expect(() => refuseDuplicates(['A', 'B'])).not.toThrow();
  });

  it('holds out the same members for the same seed, and the share asked for', () => {
    const a = holdoutOf(1000, 0.1, 42);
    expect(a.filter(Boolean)).toHaveLength(100);
    expect(holdoutOf(1000, 0.1, 42)).toEqual(a);
    expect(holdoutOf(1000, 0.1, 43)).not.toEqual(a);
    expect(holdoutOf(10, 0, 1).some(Boolean)).toBe(false);
    // Never more than the share: half of 3 holds out 1, and a list of one is worked.
    expect(holdoutOf(3, 0.5, 7).filter(Boolean)).toHaveLength(1);
    expect(holdoutOf(1, 0.5, 7).filter(Boolean)).toHaveLength(0);
    expect(holdoutOf(100, 0.29, 7).filter(Boolean)).toHaveLength(29);
  });

  it.each([
    // x1, n1, x2, n2 → difference, low, high
    [30, 100, 20, 100, 0.1, -0.0192, 0.2192],
    [50, 100, 50, 100, 0, -0.1386, 0.1386],
    // Nobody reached it in either group: no difference, but not a certain one.
    [0, 10, 0, 10, 0, -0.2212, 0.2212],
  ])('compares %i/%i with %i/%i', (x1, n1, x2, n2, difference, low, high) => {
    const result = proportionDifference(x1, n1, x2, n2)!;
    expect(result.difference).toBeCloseTo(difference, 4);
    expect(result.low).toBeCloseTo(low, 3);
    expect(result.high).toBeCloseTo(high, 3);
  });

  it('has no comparison with an empty group', () => {
    expect(proportionDifference(1, 10, 0, 0)).toBeNull();
    expect(meanDifference([1, 2], [])).toBeNull();
  });

  it('compares means with a normal-approximation interval', () => {
    const result = meanDifference([10, 20, 30], [0, 10, 20])!;
    // Each variance 100, n 3: se = sqrt(100/3 + 100/3) = 8.165.
    expect(result.difference).toBe(10);
    expect(result.low).toBeCloseTo(10 - 1.959964 * 8.16497, 3);
    expect(result.high).toBeCloseTo(10 + 1.959964 * 8.16497, 3);
  });
});
