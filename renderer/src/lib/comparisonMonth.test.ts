import { describe, expect, it } from 'vitest';
import { comparisonMonth } from './comparisonMonth';

const demo = ['2026-11', '2026-10', '2025-11', '2025-06', '2011-05', '2011-04', '2011-03', '2011-02', '2011-01'];

describe('comparisonMonth', () => {
  it.each([
    // month, back, expected
    ['2026-11', 1, '2026-10'], // the previous month
    ['2026-11', 12, '2025-11'], // a year earlier
    ['2011-05', 1, '2011-04'], // never a later month than the data month (was 2025-11 → 2011-05)
    ['2011-05', 12, '2011-01'], // a year earlier has no data: the earliest since
    ['2025-11', 1, '2025-06'], // the previous month has no data: the latest before
    ['2011-01', 1, null], // nothing before
    ['2026-10', 12, '2025-11'],
  ])('%s, %i back → %s', (month, back, expected) => {
    expect(comparisonMonth(demo, month, back)).toBe(expected);
  });
});
