import { describe, expect, it } from 'vitest';
import { lunarBirthdayIn, lunarOf, maturityReminders, nextBirthday, solarBirthdayIn } from './care-calendar';

describe('lunar dates', () => {
  it.each([
    ['2024-02-10', { year: 2024, month: 1, leap: false, day: 1 }], // 春节 2024
    ['2024-02-09', { year: 2023, month: 12, leap: false, day: 30 }], // 除夕 2023: 腊月三十
    ['2023-03-22', { year: 2023, month: 2, leap: true, day: 1 }], // 闰二月初一
    ['2020-05-30', { year: 2020, month: 4, leap: true, day: 8 }], // 闰四月初八
    ['2021-05-19', { year: 2021, month: 4, leap: false, day: 8 }], // 四月初八 (佛诞 2021)
  ])('%s is %o', (date, lunar) => expect(lunarOf(date)).toEqual(lunar));
});

describe('birthdays in a given year', () => {
  it.each([
    ['a regular lunar date', { month: 4, leap: false, day: 8 }, 2021, '2021-05-19', 'exact'],
    ['a leap month in a year with that leap', { month: 2, leap: true, day: 1 }, 2023, '2023-03-22', 'exact'],
    [
      'a leap month in a year without it: the regular month',
      { month: 4, leap: true, day: 8 },
      2021,
      '2021-05-19',
      'regularMonth',
    ],
    [
      '腊月三十 in a year whose 腊月 has 29 days: its last day (除夕 2025)',
      { month: 12, leap: false, day: 30 },
      2024,
      '2025-01-28',
      'lastDay',
    ],
    ['腊月三十 in a year whose 腊月 has 30 days', { month: 12, leap: false, day: 30 }, 2023, '2024-02-09', 'exact'],
    [
      '闰二月三十 where there is no 闰二月 and 二月 is short (29 days in 2025)',
      { month: 2, leap: true, day: 30 },
      2025,
      '2025-03-28',
      'regularMonthLastDay',
    ],
  ] as const)('%s', (_what, birth, year, date, rule) => {
    expect(lunarBirthdayIn(birth, year)).toEqual({ date, rule });
  });

  it('keeps a 2-29 solar birthday on 2-28 in a common year', () => {
    expect(solarBirthdayIn('2000-02-29', 2023)).toEqual({ date: '2023-02-28', rule: 'feb28' });
    expect(solarBirthdayIn('2000-02-29', 2024)).toEqual({ date: '2024-02-29', rule: 'exact' });
    expect(solarBirthdayIn('1980-12-31', 2024)).toEqual({ date: '2024-12-31', rule: 'exact' });
  });
});

describe('the next birthday', () => {
  it('solar: this year if still ahead, else next year', () => {
    expect(nextBirthday('1980-06-01', false, '2024-05-31').date).toBe('2024-06-01');
    expect(nextBirthday('1980-06-01', false, '2024-06-02').date).toBe('2025-06-01');
  });

  it('lunar: the lunar year just ending may still hold it in January', () => {
    // Born 腊月初十 (1990-01-06 was 腊月初十 of lunar 1989): lunar 2024's 腊月初十 is 2025-01-09.
    expect(lunarOf('1990-01-06')).toMatchObject({ month: 12, day: 10 });
    expect(nextBirthday('1990-01-06', true, '2025-01-05')).toEqual({ date: '2025-01-09', rule: 'exact' });
    expect(nextBirthday('1990-01-06', true, '2025-01-10').date > '2025-12-01').toBe(true);
  });
});

describe('maturity reminders', () => {
  it.each([
    ['2024-03-31', ['2024-03-01', '2024-03-24', '2024-03-30']], // a month end
    ['2024-02-29', ['2024-01-30', '2024-02-22', '2024-02-28']], // month end in a leap year
    ['2023-03-01', ['2023-01-30', '2023-02-22', '2023-02-28']], // after a short February
    ['2025-01-01', ['2024-12-02', '2024-12-25', '2024-12-31']], // across the year end
  ] as const)('maturing %s: reminded on %o (30, 7, 1 days ahead)', (maturity, dates) => {
    expect(maturityReminders(maturity)).toEqual(dates.map((date, i) => ({ date, daysAhead: [30, 7, 1][i] })));
  });
});
