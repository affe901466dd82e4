/**
 * The tier benefits' rules (docs/domain.md, "Benefits"), pure: which catalogue is in force, whether a customer is
 * entitled to a benefit on a date, the year its quota counts in, and what remains of it. No clock, no I/O.
 */
import { addDays, addMonths, monthOfDate } from '../../../shared/month';
import {
  OVERRIDABLE_REFUSALS,
  type BenefitCatalogue,
  type BenefitDef,
  type BenefitLoss,
  type BenefitRefusalCode,
} from '../../../shared/schemas/benefits';
import type { TierStatus } from '../../../shared/schemas/tiers';

/** A month's assessed tier and status (after grace and overrides); null tier = in no tier that month. */
export interface AssessedMonth {
  month: string;
  tierCode: string | null;
  status: TierStatus;
}

/** A use already recorded, as the quota counts it. */
export interface CountedUse {
  benefitCode: string;
  date: string;
  count: number;
}

export interface BenefitRefusal {
  code: BenefitRefusalCode;
  message: string;
  messageEn: string;
  /** The input field it names (`count`, `date`, `benefitCode`). */
  field: string;
  overridable: boolean;
}

export interface CountingYear {
  from: string;
  to: string;
}

export interface UseCheck {
  /** Null when the use may be recorded as it is. */
  refusal: BenefitRefusal | null;
  benefit: BenefitDef | null;
  tierCode: string | null;
  year: CountingYear | null;
  /** The yearly quota of the tier (null = unlimited), used before this use, and remaining after it. */
  perYear: number | null;
  used: number;
  remaining: number | null;
}

/** The catalogue in force in a month: the latest whose 生效月份 is not after it (none before the first). */
export function catalogueFor(catalogues: readonly BenefitCatalogue[], month: string): BenefitCatalogue | null {
  let found: BenefitCatalogue | null = null;
  for (const c of catalogues) if (c.validFrom <= month && (found === null || c.validFrom > found.validFrom)) found = c;
  return found;
}

/**
 * The assessment that governs a month: that month's, or, for a month after the latest assessed (uses are recorded
 * before head office's month-end file arrives), the latest one. Null before the first assessed month.
 */
export function assessmentFor(months: readonly AssessedMonth[], month: string): { index: number } | null {
  if (months.length === 0 || month < months[0].month) return null;
  for (let i = months.length - 1; i >= 0; i--) if (months[i].month <= month) return { index: i };
  return null;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** The anniversary of `start` (MM-DD) in `year`; 29 Feb falls on 28 Feb in a year without one. */
export function anniversaryIn(start: string, year: number): string {
  const md = start.slice(5);
  const y = String(year).padStart(4, '0');
  return md === '02-29' && !isLeapYear(year) ? `${y}-02-28` : `${y}-${md}`;
}

/** The year from an anniversary of `start` that contains `date` (`date` on or after `start`). */
export function anniversaryYear(start: string, date: string): CountingYear {
  let year = Number(date.slice(0, 4));
  if (anniversaryIn(start, year) > date) year -= 1;
  return { from: anniversaryIn(start, year), to: addDays(anniversaryIn(start, year + 1), -1) };
}

export function calendarYear(date: string): CountingYear {
  const y = date.slice(0, 4);
  return { from: `${y}-01-01`, to: `${y}-12-31` };
}

/**
 * The first month of the run of months, ending at `index`, the customer has been assessed in its current tier: the
 * month it reached the tier its anniversary year counts from. A month in no tier ends the run.
 */
export function tierReachedMonth(months: readonly AssessedMonth[], index: number): string {
  const tier = months[index].tierCode;
  let i = index;
  while (i > 0 && months[i - 1].tierCode === tier && months[i - 1].month === addMonths(months[i].month, -1)) i--;
  return months[i].month;
}

/** The counting year of a benefit for a use on `date` governed by the assessment at `index`. */
export function countingYear(
  benefit: BenefitDef,
  months: readonly AssessedMonth[],
  index: number,
  date: string,
): CountingYear {
  if (benefit.yearBasis === 'calendar') return calendarYear(date);
  return anniversaryYear(`${tierReachedMonth(months, index)}-01`, date);
}

/** A tier's yearly quota of a benefit: a count, null for unlimited, undefined when the tier is not entitled. */
export function quotaOf(benefit: BenefitDef, tierCode: string): number | null | undefined {
  const line = benefit.quotas.find((q) => q.tierCode === tierCode);
  return line === undefined ? undefined : line.perYear;
}

function refuse(code: BenefitRefusalCode, field: string, message: string, messageEn: string): BenefitRefusal {
  return { code, field, message, messageEn, overridable: OVERRIDABLE_REFUSALS.has(code) };
}

/** How many of a benefit the uses took within a year. */
export function usedIn(uses: readonly CountedUse[], benefitCode: string, year: CountingYear): number {
  let used = 0;
  for (const u of uses) if (u.benefitCode === benefitCode && u.date >= year.from && u.date <= year.to) used += u.count;
  return used;
}

/** The first month from which the customer's tier entitles them to the benefit, or null. */
function firstEntitledMonth(
  catalogues: readonly BenefitCatalogue[],
  months: readonly AssessedMonth[],
  benefitCode: string,
): string | null {
  for (const m of months) {
    const benefit = catalogueFor(catalogues, m.month)?.benefits.find((b) => b.code === benefitCode);
    if (benefit && m.tierCode !== null && quotaOf(benefit, m.tierCode) !== undefined) return m.month;
  }
  return null;
}

export interface UseToCheck {
  benefitCode: string;
  date: string;
  count: number;
}

/**
 * Whether a use may be recorded: the count, the date (not after today), the catalogue in force in the use's month,
 * the assessed tier of that month (grace included: a customer in 观察 keeps the tier; `heldInWatch` says whether
 * the benefit too), and the quota of the counting year against the earlier uses (of any tier, in that year).
 */
export function checkUse(
  catalogues: readonly BenefitCatalogue[],
  months: readonly AssessedMonth[],
  earlier: readonly CountedUse[],
  use: UseToCheck,
  today: string,
): UseCheck {
  const none = { benefit: null, tierCode: null, year: null, perYear: null, used: 0, remaining: null };
  if (!Number.isInteger(use.count) || use.count <= 0)
    return {
      ...none,
      refusal: refuse(
        'count',
        'count',
        `次数应为正整数（填写的是 ${use.count}）。`,
        `The count must be a whole number of at least 1 (${use.count} given).`,
      ),
    };
  if (use.date > today)
    return {
      ...none,
      refusal: refuse(
        'future',
        'date',
        `使用日期 ${use.date} 晚于今天，不能登记。`,
        `The date ${use.date} is after today.`,
      ),
    };
  const month = monthOfDate(use.date);
  const benefit = catalogueFor(catalogues, month)?.benefits.find((b) => b.code === use.benefitCode) ?? null;
  if (!benefit)
    return {
      ...none,
      refusal: refuse(
        'unknownBenefit',
        'benefitCode',
        `权益目录在 ${month} 没有代码为 ${use.benefitCode} 的权益。`,
        `The benefit catalogue of ${month} has no benefit ${use.benefitCode}.`,
      ),
    };
  const at = assessmentFor(months, month);
  const assessed = at ? months[at.index] : null;
  // A use dated before the customer was first entitled says so, whatever else refuses it.
  const notYet = (): BenefitRefusal | null => {
    const first = firstEntitledMonth(catalogues, months, benefit.code);
    return first !== null && first > month
      ? refuse(
          'beforeEntitled',
          'date',
          `使用日期 ${use.date} 早于客户享有「${benefit.name}」的时间（自 ${first} 起）。`,
          `${use.date} is before the customer was entitled to ${benefit.name} (from ${first}).`,
        )
      : null;
  };
  if (!at || !assessed || assessed.tierCode === null) {
    return {
      ...none,
      benefit,
      refusal:
        notYet() ??
        refuse(
          'noTier',
          'date',
          `客户在 ${month} 不在任何层级，不享有「${benefit.name}」。`,
          `The customer is in no tier in ${month}: not entitled to ${benefit.name}.`,
        ),
    };
  }
  const tierCode = assessed.tierCode;
  const perYear = quotaOf(benefit, tierCode);
  const year = countingYear(benefit, months, at.index, use.date);
  const used = usedIn(earlier, benefit.code, year);
  const base = { benefit, tierCode, year, used };
  if (perYear === undefined) {
    return {
      ...base,
      perYear: 0,
      remaining: 0,
      refusal:
        notYet() ??
        refuse(
          'notEntitled',
          'benefitCode',
          `客户 ${month} 的评定层级（${tierCode}）不享有「${benefit.name}」。`,
          `The customer's assessed tier in ${month} (${tierCode}) is not entitled to ${benefit.name}.`,
        ),
    };
  }
  if (assessed.status === 'watch' && !benefit.heldInWatch)
    return {
      ...base,
      perYear,
      remaining: 0,
      refusal: refuse(
        'watch',
        'date',
        `客户 ${month} 处于观察期，观察期内不保留「${benefit.name}」。`,
        `The customer is in watch in ${month}; ${benefit.name} is not kept during watch.`,
      ),
    };
  if (perYear !== null && used + use.count > perYear)
    return {
      ...base,
      perYear,
      remaining: Math.max(0, perYear - used),
      refusal: refuse(
        'overQuota',
        'count',
        `「${benefit.name}」本年度（${year.from} 至 ${year.to}）额度 ${perYear} 次，已用 ${used} 次，剩余 ${Math.max(0, perYear - used)} 次，不足 ${use.count} 次。`,
        `${benefit.name}: ${perYear} a year (${year.from} to ${year.to}), ${used} used, ${Math.max(0, perYear - used)} left, fewer than ${use.count}.`,
      ),
    };
  return { ...base, perYear, remaining: perYear === null ? null : perYear - used - use.count, refusal: null };
}

export interface Standing {
  code: string;
  name: string;
  entitled: boolean;
  reason: string | null;
  reasonEn: string | null;
  perYear: number | null;
  used: number;
  remaining: number | null;
  year: CountingYear | null;
}

/** Each benefit of the catalogue in force on `today` as the customer stands: entitled, used, remaining this year. */
export function standingOn(
  catalogues: readonly BenefitCatalogue[],
  months: readonly AssessedMonth[],
  uses: readonly CountedUse[],
  today: string,
): Standing[] {
  const catalogue = catalogueFor(catalogues, monthOfDate(today));
  if (!catalogue) return [];
  return catalogue.benefits.map((b) => {
    // A use of one on today: what would stop it, and what it would count against.
    const check = checkUse(catalogues, months, uses, { benefitCode: b.code, date: today, count: 1 }, today);
    const blocked = check.refusal !== null && check.refusal.code !== 'overQuota';
    return {
      code: b.code,
      name: b.name,
      entitled: !blocked,
      reason: blocked ? (check.refusal?.message ?? null) : null,
      reasonEn: blocked ? (check.refusal?.messageEn ?? null) : null,
      perYear: blocked ? 0 : check.perYear,
      used: check.used,
      remaining: blocked ? 0 : check.perYear === null ? null : Math.max(0, check.perYear - check.used),
      year: check.year,
    };
  });
}

/**
 * What a move from tier `from` to tier `to` takes away under a catalogue: each benefit whose yearly quota is smaller
 * in `to` (none at all counting as 0, unlimited as more than any count), in the catalogue's order.
 */
export function benefitsLost(catalogue: BenefitCatalogue | null, from: string, to: string | null): BenefitLoss[] {
  if (!catalogue) return [];
  const rank = (q: number | null | undefined) => (q === undefined ? 0 : q === null ? Infinity : q);
  const lost: BenefitLoss[] = [];
  for (const b of catalogue.benefits) {
    const now = quotaOf(b, from);
    const after = to === null ? undefined : quotaOf(b, to);
    if (now !== undefined && rank(after) < rank(now))
      lost.push({ code: b.code, name: b.name, perYearNow: now, perYearAfter: after === undefined ? 0 : after });
  }
  return lost;
}

/** The losses in words: "机场贵宾厅 4 次/年、体检 不限次数". */
export function lossText(losses: readonly BenefitLoss[]): { zh: string; en: string } {
  const count = (n: number | null, zh: boolean) =>
    n === null ? (zh ? '不限次数' : 'unlimited') : zh ? `${n} 次/年` : `${n}/yr`;
  const one = (l: BenefitLoss, zh: boolean) =>
    l.perYearAfter === 0
      ? `${l.name} ${count(l.perYearNow, zh)}`
      : `${l.name} ${count(l.perYearNow, zh)} → ${count(l.perYearAfter, zh)}`;
  return { zh: losses.map((l) => one(l, true)).join('、'), en: losses.map((l) => one(l, false)).join(', ') };
}
