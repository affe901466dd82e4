/**
 * The care calendar's dates (docs/domain.md, "Care and contact"): birthdays solar and lunar, with the rules for
 * dates a year lacks. Lunar dates come from the platform's Chinese calendar (`Intl.DateTimeFormat` with
 * `-u-ca-chinese`), no network service. Pure; dates are `YYYY-MM-DD`.
 *
 * Rules for a date a year does not have:
 * - a solar birthday on 2-29 falls on 2-28 in a common year;
 * - a lunar birthday in a leap month (闰四月) falls in the regular month of that number in a year without that leap;
 * - a lunar birthday on day 30 falls on the month's last day (29) in a year where that month is short.
 */
import { addDays } from '../../../shared/month';

export interface LunarDate {
  /** The Gregorian year the lunar year starts in (relatedYear). */
  year: number;
  month: number;
  leap: boolean;
  day: number;
}

export type CalendarRule = 'exact' | 'feb28' | 'regularMonth' | 'lastDay' | 'regularMonthLastDay';

const MONTH_NUMBERS: Record<string, number> = {
  正: 1,
  一: 1,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
  十: 10,
  冬: 11,
  十一: 11,
  腊: 12,
  十二: 12,
};
const FORMAT = new Intl.DateTimeFormat('zh-CN-u-ca-chinese', {
  year: 'numeric',
  month: 'long',
  day: 'numeric',
  timeZone: 'UTC',
});

/** The lunar date of a solar date. */
export function lunarOf(date: string): LunarDate {
  const parts = FORMAT.formatToParts(new Date(`${date}T00:00:00Z`));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const monthName = part('month');
  const leap = monthName.startsWith('闰');
  const month = MONTH_NUMBERS[monthName.replace(/^闰/, '').replace(/月$/, '')];
  if (month === undefined) throw new Error(`unexpected lunar month ${monthName}`);
  return { year: Number(part('relatedYear')), month, leap, day: Number(part('day')) };
}

/** A lunar year's months: each one's first solar date and length, in order (a leap month after its regular one). */
interface LunarMonth {
  month: number;
  leap: boolean;
  first: string;
  days: number;
}

const years = new Map<number, LunarMonth[]>();

/** The months of lunar year `year` (it starts between 01-21 and 02-20 of that Gregorian year), found once and kept. */
function lunarYear(year: number): LunarMonth[] {
  const known = years.get(year);
  if (known) return known;
  const months: LunarMonth[] = [];
  // From before the earliest new year to after the latest next one; each day's lunar date once.
  for (let date = `${year}-01-15`; date < `${year + 1}-02-25`; date = addDays(date, 1)) {
    const lunar = lunarOf(date);
    if (lunar.year !== year) continue;
    const last = months.at(-1);
    if (last && last.month === lunar.month && last.leap === lunar.leap) last.days += 1;
    else months.push({ month: lunar.month, leap: lunar.leap, first: date, days: 1 });
  }
  years.set(year, months);
  return months;
}

/** The solar date of a lunar birthday in lunar year `year`, and which rule gave it. */
export function lunarBirthdayIn(
  birth: Pick<LunarDate, 'month' | 'leap' | 'day'>,
  year: number,
): { date: string; rule: CalendarRule } {
  const months = lunarYear(year);
  const exact = months.find((m) => m.month === birth.month && m.leap === birth.leap);
  const target = exact ?? (months.find((m) => m.month === birth.month && !m.leap) as LunarMonth);
  const short = birth.day > target.days;
  const date = addDays(target.first, Math.min(birth.day, target.days) - 1);
  const rule: CalendarRule = exact ? (short ? 'lastDay' : 'exact') : short ? 'regularMonthLastDay' : 'regularMonth';
  return { date, rule };
}

/** The solar birthday in `year` (a 2-29 birthday on 2-28 in a common year). */
export function solarBirthdayIn(birthDate: string, year: number): { date: string; rule: CalendarRule } {
  const monthDay = birthDate.slice(5);
  const leapYear = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  if (monthDay === '02-29' && !leapYear) return { date: `${year}-02-28`, rule: 'feb28' };
  return { date: `${year}-${monthDay}`, rule: 'exact' };
}

/**
 * The next birthday on or after `today`: solar, or lunar when the customer's record says they keep the lunar one
 * (its lunar date is that of the birth date).
 */
export function nextBirthday(birthDate: string, lunar: boolean, today: string): { date: string; rule: CalendarRule } {
  const year = Number(today.slice(0, 4));
  if (!lunar) {
    const thisYear = solarBirthdayIn(birthDate, year);
    return thisYear.date >= today ? thisYear : solarBirthdayIn(birthDate, year + 1);
  }
  const birth = lunarOf(birthDate);
  // Lunar year Y's date may fall in January of Y + 1: the previous lunar year's may still be ahead.
  for (const y of [year - 1, year, year + 1]) {
    const candidate = lunarBirthdayIn(birth, y);
    if (candidate.date >= today) return candidate;
  }
  return lunarBirthdayIn(birth, year + 2);
}

/** The days to remind of a product's maturity: 30, 7 and 1 days before it (calendar days, across month and year ends). */
export function maturityReminders(
  maturityDate: string,
  ahead: readonly number[] = [30, 7, 1],
): Array<{ date: string; daysAhead: number }> {
  return ahead.map((daysAhead) => ({ date: addDays(maturityDate, -daysAhead), daysAhead }));
}

const LUNAR_MONTHS = ['正', '二', '三', '四', '五', '六', '七', '八', '九', '十', '冬', '腊'];
const DIGITS = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** A lunar date as written on a calendar: 八月十五, 闰四月初三, 腊月三十. */
export function lunarLabel({ month, leap, day }: Pick<LunarDate, 'month' | 'leap' | 'day'>): string {
  const dayText =
    day <= 10
      ? `初${DIGITS[day]}`
      : day < 20
        ? `十${DIGITS[day - 10]}`
        : day === 20
          ? '二十'
          : day < 30
            ? `廿${DIGITS[day - 20]}`
            : '三十';
  return `${leap ? '闰' : ''}${LUNAR_MONTHS[month - 1]}月${dayText}`;
}

/** The same month and day in `year` (2-29 on 2-28 in a common year): anniversaries, one-year expiries. */
export const sameDayIn = (date: string, year: number): string => solarBirthdayIn(date, year).date;
