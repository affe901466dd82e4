/** Month arithmetic on `YYYY-MM` strings (no time zones involved). */

export function monthIndex(month: string): number {
  const year = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return year * 12 + (m - 1);
}

export function monthFromIndex(index: number): string {
  const year = Math.floor(index / 12);
  const m = (index % 12) + 1;
  return `${String(year).padStart(4, '0')}-${String(m).padStart(2, '0')}`;
}

export function addMonths(month: string, delta: number): string {
  return monthFromIndex(monthIndex(month) + delta);
}

/** Inclusive list of months from `first` to `last`. */
export function monthRange(first: string, last: string): string[] {
  const months: string[] = [];
  for (let i = monthIndex(first); i <= monthIndex(last); i++) months.push(monthFromIndex(i));
  return months;
}

/** The month of a `YYYY-MM-DD` date. */
export function monthOfDate(date: string): string {
  return date.slice(0, 7);
}

/** Whole years between a birth date and a reference date, both `YYYY-MM-DD`. */
export function ageAt(birthDate: string, today: string): number {
  const years = Number(today.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return today.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

const DAY_MS = 86_400_000;
/** Days since 1970-01-01 of a `YYYY-MM-DD`, remembered: analyses ask for the same few hundred dates again and again. */
const dayNumbers = new Map<string, number>();
function dayNumber(date: string): number {
  let day = dayNumbers.get(date);
  if (day === undefined) {
    day = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS;
    // Bounded: a century of dates is 36,525 entries.
    if (dayNumbers.size < 100_000) dayNumbers.set(date, day);
  }
  return day;
}

/** `date` plus `days` calendar days, as `YYYY-MM-DD`. */
export function addDays(date: string, days: number): string {
  return new Date((dayNumber(date) + days) * DAY_MS).toISOString().slice(0, 10);
}

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

/** The Monday of a date's week (weeks run Monday to Sunday, as plans and calendars show them). */
export function mondayOf(date: string): string {
  // Day 0 (1970-01-01) was a Thursday.
  return addDays(date, -((dayNumber(date) + 3) % 7));
}

/** The last day of a month, as `YYYY-MM-DD`. */
export function lastDayOfMonth(month: string): string {
  return addDays(`${addMonths(month, 1)}-01`, -1);
}

/** Today on this computer as `YYYY-MM-DD`, in local time (the branch's calendar). */
export function localToday(date = new Date()): string {
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}
