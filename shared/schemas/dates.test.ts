import { describe, expect, it } from 'vitest';
import { DateSchema } from './common';
import { CareQuerySchema, COVERAGE_MONTHS, CoverageQuerySchema } from './workbench';

const messages = (result: { error?: { issues: Array<{ message: string }> } }) =>
  result.error?.issues.map((i) => i.message) ?? [];

describe('dates and periods asked for', () => {
  it('a date is a day its month has, with one message for one mistake', () => {
    expect(DateSchema.safeParse('2024-02-29').success).toBe(true);
    expect(messages(DateSchema.safeParse('2026-02-29'))).toEqual(['没有这一天（请检查月份的天数）']);
    expect(messages(DateSchema.safeParse('2026-04-31'))).toEqual(['没有这一天（请检查月份的天数）']);
    expect(messages(DateSchema.safeParse('2026/04/01'))).toEqual(['日期格式应为 YYYY-MM-DD']);
  });

  it('the care calendar stays within the years its lunar dates are known for', () => {
    expect(CareQuerySchema.safeParse({ from: '2100-12-01', to: '2100-12-31' }).success).toBe(true);
    expect(messages(CareQuerySchema.safeParse({ from: '9999-12-01', to: '9999-12-31' }))).toEqual([
      '日历只能查看 1900 至 2100 年',
    ]);
    expect(messages(CareQuerySchema.safeParse({ from: '1899-12-20', to: '1900-01-10' }))).toEqual([
      '日历只能查看 1900 至 2100 年',
    ]);
  });

  it(`contact coverage spans at most ${COVERAGE_MONTHS} months`, () => {
    expect(CoverageQuerySchema.safeParse({ fromMonth: '2022-01', toMonth: '2026-12' }).success).toBe(true);
    expect(messages(CoverageQuerySchema.safeParse({ fromMonth: '0001-01', toMonth: '9999-12' }))).toEqual([
      `一次最多查看 ${COVERAGE_MONTHS} 个月`,
    ]);
  });
});
