import { describe, expect, it } from 'vitest';
import type { BenefitCatalogue, BenefitDef } from '../../../shared/schemas/benefits';
import type { TierStatus } from '../../../shared/schemas/tiers';
import {
  anniversaryYear,
  benefitsLost,
  catalogueFor,
  checkUse,
  lossText,
  standingOn,
  type AssessedMonth,
  type CountedUse,
} from './benefit-rules';

const lounge: BenefitDef = {
  code: 'LOUNGE',
  name: '机场贵宾厅',
  yearBasis: 'calendar',
  heldInWatch: true,
  quotas: [
    { tierCode: 'T3', perYear: 2 },
    { tierCode: 'T4', perYear: 6 },
  ],
};
const health: BenefitDef = {
  code: 'HEALTH',
  name: '体检',
  yearBasis: 'anniversary',
  heldInWatch: false,
  quotas: [{ tierCode: 'T4', perYear: 1 }],
};
const advisor: BenefitDef = {
  code: 'ADVISOR',
  name: '专属理财顾问',
  yearBasis: 'calendar',
  heldInWatch: true,
  quotas: [
    { tierCode: 'T3', perYear: null },
    { tierCode: 'T4', perYear: null },
  ],
};
const CATALOGUES: BenefitCatalogue[] = [{ validFrom: '2024-01', benefits: [lounge, health, advisor] }];

/** Months from `first`, one tier/status pair each ("T4", "T4/watch", "-" for in no tier). */
function months(first: string, ...states: string[]): AssessedMonth[] {
  const [y, m] = first.split('-').map(Number);
  return states.map((s, i) => {
    const index = y * 12 + m - 1 + i;
    const month = `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
    const [tier, status] = s.split('/');
    return {
      month,
      tierCode: tier === '-' ? null : tier,
      status: (status ?? (tier === '-' ? 'nodata' : 'normal')) as TierStatus,
    };
  });
}

const uses = (...list: Array<[string, string, number]>): CountedUse[] =>
  list.map(([benefitCode, date, count]) => ({ benefitCode, date, count }));

const TODAY = '2025-12-31';

describe('checkUse', () => {
  const cases: Array<{
    name: string;
    history: AssessedMonth[];
    earlier?: CountedUse[];
    use: { benefitCode: string; date: string; count: number };
    today?: string;
    refusal: string | null;
    remaining?: number | null;
    year?: { from: string; to: string };
  }> = [
    {
      name: 'a 私行 customer uses the lounge: 6 a year, 5 left',
      history: months('2025-01', ...Array<string>(12).fill('T4')),
      use: { benefitCode: 'LOUNGE', date: '2025-03-10', count: 1 },
      refusal: null,
      remaining: 5,
      year: { from: '2025-01-01', to: '2025-12-31' },
    },
    {
      name: 'a count of 0 is refused',
      history: months('2025-01', 'T4'),
      use: { benefitCode: 'LOUNGE', date: '2025-01-10', count: 0 },
      refusal: 'count',
    },
    {
      name: 'a negative count is refused',
      history: months('2025-01', 'T4'),
      use: { benefitCode: 'LOUNGE', date: '2025-01-10', count: -2 },
      refusal: 'count',
    },
    {
      name: 'a date after today is refused',
      history: months('2025-01', 'T4'),
      use: { benefitCode: 'LOUNGE', date: '2026-01-01', count: 1 },
      refusal: 'future',
    },
    {
      name: 'a benefit not in the catalogue of the month is refused',
      history: months('2025-01', 'T4'),
      use: { benefitCode: 'GOLF', date: '2025-01-10', count: 1 },
      refusal: 'unknownBenefit',
    },
    {
      name: 'a use before the catalogue existed is refused as unknown',
      history: months('2023-06', ...Array<string>(12).fill('T4')),
      use: { benefitCode: 'LOUNGE', date: '2023-12-31', count: 1 },
      refusal: 'unknownBenefit',
    },
    {
      name: 'over quota: the third lounge visit of a 钻石 customer',
      history: months('2025-01', 'T3', 'T3', 'T3'),
      earlier: uses(['LOUNGE', '2025-01-05', 1], ['LOUNGE', '2025-02-05', 1], ['LOUNGE', '2024-12-05', 1]),
      use: { benefitCode: 'LOUNGE', date: '2025-03-05', count: 1 },
      refusal: 'overQuota',
      remaining: 0,
    },
    {
      name: 'a tier without the benefit is not entitled',
      history: months('2025-01', 'T3', 'T3'),
      use: { benefitCode: 'HEALTH', date: '2025-02-05', count: 1 },
      refusal: 'notEntitled',
    },
    {
      name: 'grace: 观察 keeps the tier, and the lounge (held during watch)',
      history: months('2025-01', 'T4', 'T4/watch', 'T4/watch'),
      use: { benefitCode: 'LOUNGE', date: '2025-03-05', count: 1 },
      refusal: null,
      remaining: 5,
    },
    {
      name: 'grace: the health check is not held during 观察',
      history: months('2025-01', 'T4', 'T4/watch'),
      use: { benefitCode: 'HEALTH', date: '2025-02-05', count: 1 },
      refusal: 'watch',
    },
    {
      name: 'a month of missing data keeps the tier and the benefit',
      history: months('2025-01', 'T4', 'T4/missing'),
      use: { benefitCode: 'HEALTH', date: '2025-02-05', count: 1 },
      refusal: null,
      remaining: 0,
    },
    {
      name: 'after the grace, the downgraded month entitles the lower tier only',
      history: months('2025-01', 'T4', 'T4/watch', 'T3/downgraded'),
      use: { benefitCode: 'HEALTH', date: '2025-03-05', count: 1 },
      refusal: 'notEntitled',
    },
    {
      name: 'a tier change mid-year: uses of the year in the lower tier count against the higher quota',
      history: months('2025-01', 'T3', 'T3', 'T3', 'T4/upgraded', 'T4'),
      earlier: uses(['LOUNGE', '2025-01-05', 2]),
      use: { benefitCode: 'LOUNGE', date: '2025-05-05', count: 3 },
      refusal: null,
      remaining: 1,
    },
    {
      name: 'a use dated before the customer reached an entitled tier is refused as before entitlement',
      history: months('2025-01', 'T3', 'T3', 'T4/upgraded'),
      use: { benefitCode: 'HEALTH', date: '2025-01-20', count: 1 },
      refusal: 'beforeEntitled',
    },
    {
      name: 'a use before the first assessed month is refused as before entitlement',
      history: months('2025-03', 'T4', 'T4'),
      use: { benefitCode: 'LOUNGE', date: '2025-02-20', count: 1 },
      refusal: 'beforeEntitled',
    },
    {
      name: 'a month in no tier (无数据) is refused',
      history: months('2025-01', 'T4', '-'),
      use: { benefitCode: 'LOUNGE', date: '2025-02-20', count: 1 },
      refusal: 'noTier',
    },
    {
      name: 'a month after the latest assessed is governed by the latest assessment',
      history: months('2025-01', 'T4', 'T4'),
      use: { benefitCode: 'LOUNGE', date: '2025-06-20', count: 1 },
      refusal: null,
      remaining: 5,
    },
    {
      name: 'unlimited quota: any count',
      history: months('2025-01', 'T3'),
      earlier: uses(['ADVISOR', '2025-01-02', 400]),
      use: { benefitCode: 'ADVISOR', date: '2025-01-20', count: 50 },
      refusal: null,
      remaining: null,
    },
    {
      name: 'anniversary year: counted from the month the tier was reached',
      history: months('2024-03', ...Array<string>(3).fill('T3'), ...Array<string>(15).fill('T4')),
      // Reached T4 in 2024-06: the years run 06-01 to 05-31; the use of 2025-05-20 is in the first year.
      earlier: uses(['HEALTH', '2025-05-20', 1]),
      use: { benefitCode: 'HEALTH', date: '2025-06-01', count: 1 },
      refusal: null,
      remaining: 0,
      year: { from: '2025-06-01', to: '2026-05-31' },
    },
    {
      name: 'anniversary year: a second use within the same anniversary year is over quota',
      history: months('2024-06', ...Array<string>(12).fill('T4')),
      earlier: uses(['HEALTH', '2024-07-20', 1]),
      use: { benefitCode: 'HEALTH', date: '2025-05-31', count: 1 },
      refusal: 'overQuota',
      year: { from: '2024-06-01', to: '2025-05-31' },
    },
    {
      name: 'anniversary year restarts when the tier is reached again after a downgrade',
      history: months('2025-01', 'T4', 'T3/downgraded', 'T4/upgraded', 'T4'),
      earlier: uses(['HEALTH', '2025-01-20', 1]),
      use: { benefitCode: 'HEALTH', date: '2025-04-02', count: 1 },
      refusal: null,
      year: { from: '2025-03-01', to: '2026-02-28' },
    },
    {
      name: 'leap day: a use on 29 Feb counts in the calendar year it falls in',
      history: months('2028-01', 'T3', 'T3'),
      earlier: uses(['LOUNGE', '2027-12-31', 2]),
      use: { benefitCode: 'LOUNGE', date: '2028-02-29', count: 2 },
      today: '2028-03-01',
      refusal: null,
      remaining: 0,
      year: { from: '2028-01-01', to: '2028-12-31' },
    },
    {
      name: 'leap day: the anniversary year from 2027-03 ends on 29 Feb 2028',
      history: months('2027-03', ...Array<string>(12).fill('T4')),
      earlier: uses(['HEALTH', '2027-03-02', 1]),
      use: { benefitCode: 'HEALTH', date: '2028-02-29', count: 1 },
      today: '2028-03-01',
      refusal: 'overQuota',
      year: { from: '2027-03-01', to: '2028-02-29' },
    },
  ];
  it.each(cases)('$name', (c) => {
    const result = checkUse(CATALOGUES, c.history, c.earlier ?? [], c.use, c.today ?? TODAY);
    expect(result.refusal?.code ?? null).toBe(c.refusal);
    if (c.remaining !== undefined) expect(result.remaining).toBe(c.remaining);
    if (c.year) expect(result.year).toEqual(c.year);
    if (result.refusal) expect(result.refusal.message.length).toBeGreaterThan(0);
  });

  it('names the field each refusal is about, and only the entitlement ones may be overridden', () => {
    const r = checkUse(
      CATALOGUES,
      months('2025-01', 'T4'),
      [],
      { benefitCode: 'LOUNGE', date: '2025-01-02', count: 0 },
      TODAY,
    );
    expect(r.refusal).toMatchObject({ field: 'count', overridable: false });
    const q = checkUse(
      CATALOGUES,
      months('2025-01', 'T3'),
      uses(['LOUNGE', '2025-01-01', 2]),
      { benefitCode: 'LOUNGE', date: '2025-01-02', count: 1 },
      TODAY,
    );
    expect(q.refusal).toMatchObject({ code: 'overQuota', field: 'count', overridable: true });
    expect(q.refusal?.message).toContain('额度 2 次，已用 2 次，剩余 0 次');
  });
});

describe('anniversaryYear', () => {
  it.each([
    ['2024-02-29', '2025-02-27', { from: '2024-02-29', to: '2025-02-27' }],
    ['2024-02-29', '2025-02-28', { from: '2025-02-28', to: '2026-02-27' }],
    ['2024-02-29', '2028-02-29', { from: '2028-02-29', to: '2029-02-27' }],
    ['2024-02-29', '2028-02-28', { from: '2027-02-28', to: '2028-02-28' }],
    ['2024-06-01', '2024-06-01', { from: '2024-06-01', to: '2025-05-31' }],
  ])('from %s, the year holding %s', (start, date, year) => {
    expect(anniversaryYear(start, date)).toEqual(year);
  });
});

describe('catalogueFor', () => {
  it('takes the latest catalogue not after the month', () => {
    const later: BenefitCatalogue = { validFrom: '2025-07', benefits: [advisor] };
    const all = [...CATALOGUES, later];
    expect(catalogueFor(all, '2023-12')).toBeNull();
    expect(catalogueFor(all, '2025-06')?.validFrom).toBe('2024-01');
    expect(catalogueFor(all, '2025-07')?.validFrom).toBe('2025-07');
    // The new catalogue drops the lounge: a use from its month is refused.
    const r = checkUse(
      all,
      months('2025-06', 'T4', 'T4'),
      [],
      { benefitCode: 'LOUNGE', date: '2025-07-02', count: 1 },
      TODAY,
    );
    expect(r.refusal?.code).toBe('unknownBenefit');
  });
});

describe('standingOn', () => {
  it('lists each benefit of the catalogue in force with used and remaining this year', () => {
    const history = months('2025-01', ...Array<string>(11).fill('T4'), 'T4/watch');
    const standing = standingOn(
      CATALOGUES,
      history,
      uses(['LOUNGE', '2025-02-01', 2], ['LOUNGE', '2024-12-01', 3]),
      TODAY,
    );
    expect(standing.map((s) => [s.code, s.entitled, s.perYear, s.used, s.remaining])).toEqual([
      ['LOUNGE', true, 6, 2, 4],
      ['HEALTH', false, 0, 0, 0],
      ['ADVISOR', true, null, 0, null],
    ]);
    expect(standing[1].reason).toContain('观察期');
  });
  it('an exhausted quota is still entitled, with 0 remaining', () => {
    const standing = standingOn(CATALOGUES, months('2025-01', 'T3'), uses(['LOUNGE', '2025-01-01', 2]), '2025-01-31');
    expect(standing[0]).toMatchObject({ entitled: true, perYear: 2, used: 2, remaining: 0 });
  });
});

describe('benefitsLost', () => {
  it('names what a downgrade takes away, and what it reduces', () => {
    const lost = benefitsLost(CATALOGUES[0], 'T4', 'T3');
    expect(lost).toEqual([
      { code: 'LOUNGE', name: '机场贵宾厅', perYearNow: 6, perYearAfter: 2 },
      { code: 'HEALTH', name: '体检', perYearNow: 1, perYearAfter: 0 },
    ]);
    expect(lossText(lost).zh).toBe('机场贵宾厅 6 次/年 → 2 次/年、体检 1 次/年');
    expect(benefitsLost(CATALOGUES[0], 'T3', 'T2').map((l) => l.code)).toEqual(['LOUNGE', 'ADVISOR']);
    expect(lossText(benefitsLost(CATALOGUES[0], 'T3', null)).zh).toBe('机场贵宾厅 2 次/年、专属理财顾问 不限次数');
    expect(benefitsLost(null, 'T4', 'T3')).toEqual([]);
  });
});
