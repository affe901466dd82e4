/**
 * The points plan's rules (docs/domain.md, "Loyalty points"), pure: what a month's 月日均 earns, when points expire,
 * what a re-accrued month writes, which points expire, whether a redemption may go ahead, and whether a rules version
 * may be saved. No clock, no database.
 */
import { AppError } from '../../../shared/errors';
import type { LoyaltyRuleSet } from '../../../shared/schemas/loyalty';

/** The version in force for `month` (the latest starting at or before it), or null: the plan is off then. */
export function ruleSetForMonth(ruleSets: readonly LoyaltyRuleSet[], month: string): LoyaltyRuleSet | null {
  let found: LoyaltyRuleSet | null = null;
  for (const rules of ruleSets)
    if (rules.validFrom <= month && (!found || rules.validFrom > found.validFrom)) found = rules;
  return found;
}

/** The tier's multiplier in hundredths (1.5 → 150), so points are counted in integers; a tier not listed earns ×1. */
export function multiplierHundredths(rules: LoyaltyRuleSet, tierCode: string): number {
  const entry = rules.multipliers.find((m) => m.tierCode === tierCode);
  return entry ? Math.round(entry.multiplier * 100) : 100;
}

/** The tier's multiplier (0 when the plan is off). */
export function pointsMultiplierOf(rules: LoyaltyRuleSet | null, tierCode: string): number {
  if (!rules || !rules.enabled) return 0;
  return multiplierHundredths(rules, tierCode) / 100;
}

/**
 * Points a month earns: per full unit of 月日均 (whole units only: 1.99万 is 1 unit), `pointsPerUnit` each, times the
 * tier's multiplier, rounded down to a whole point (3 units × 1.5 = 4.5 → 4). Nothing without data, in no tier, or
 * when the plan is off.
 */
export function monthlyAccrual(rules: LoyaltyRuleSet | null, avgFen: number, tierCode: string | null): number {
  if (!rules || !rules.enabled || tierCode === null || !Number.isFinite(avgFen) || avgFen <= 0) return 0;
  const units = Math.floor(avgFen / rules.unitFen);
  return Math.floor((units * rules.pointsPerUnit * multiplierHundredths(rules, tierCode)) / 100);
}

/** The year points earned in a month belong to. */
export const yearOfMonth = (month: string): number => Number(month.slice(0, 4));

/** The last day points earned in `month` may be spent: the end of the year `expireAfterYears` after theirs. */
export function expiryDateOf(month: string, expireAfterYears: number): string {
  return `${yearOfMonth(month) + expireAfterYears}-12-31`;
}

/** What a ledger line is to these rules: its signed points and the month it counts in. */
export interface PointsLine {
  points: number;
  month: string;
  /** A reversal takes back part of an earn of its own month: it lessens that year's credit, it spends nothing. */
  kind?: string;
}

/** Each year's credits (earned, net of reversals) and every debit (redemptions, expiries, negative adjustments). */
function creditsAndDebits(lines: readonly PointsLine[]): { credits: Map<number, number>; debits: number } {
  const credits = new Map<number, number>();
  let debits = 0;
  for (const line of lines) {
    if (line.points > 0 || line.kind === 'reversal')
      credits.set(yearOfMonth(line.month), (credits.get(yearOfMonth(line.month)) ?? 0) + line.points);
    else debits -= line.points;
  }
  return { credits, debits };
}

export const balanceOf = (lines: readonly PointsLine[]): number => lines.reduce((sum, l) => sum + l.points, 0);

/**
 * A month accrued again (a re-imported month, a rule change, a month left without data): the earlier earn line is
 * reversed and the month earns once more — nothing written when the points are the same. `kept` is what earlier
 * reversals of the month could not take back (points already spent are not owed): the month has paid that already,
 * so it earns only the rest of `owed`. When the balance cannot give the earlier earn back whole, it gives what it has
 * (down to zero) and nothing is earned anew; the month then has paid more than it owes, and keeps it.
 */
export function reaccrual(
  earlier: number | null,
  owed: number,
  kept: number,
  balance: number,
): { reversal: number | null; earn: number } | null {
  const target = Math.max(0, owed - kept);
  if (earlier === null) return target > 0 ? { reversal: null, earn: target } : null;
  if (earlier === target) return null;
  if (balance - earlier + target >= 0) return { reversal: -earlier, earn: target };
  return { reversal: -Math.max(0, balance), earn: 0 };
}

/**
 * The expire lines due by `today` (YYYY-MM-DD): points earned in year Y and not spent by then expire at the end of
 * Y + `expireAfterYears`. Spending takes the oldest points first, so what is left of the years up to Y is the credits
 * of those years (net of the reversals of their earns) less every debit (redemptions, expiries, negative adjustments). Each expiry counts in
 * December of its year. Running it again writes nothing more.
 */
export function expiryDue(
  lines: readonly PointsLine[],
  today: string,
  expireAfterYears: number,
): Array<{ year: number; points: number; month: string }> {
  const split = creditsAndDebits(lines);
  const { credits } = split;
  let { debits } = split;
  const thisYear = Number(today.slice(0, 4));
  const due: Array<{ year: number; points: number; month: string }> = [];
  let credited = 0;
  for (const year of [...credits.keys()].sort((a, b) => a - b)) {
    if (year + expireAfterYears >= thisYear) break;
    credited += credits.get(year) as number;
    const left = credited - debits;
    if (left > 0) {
      due.push({ year, points: -left, month: `${year + expireAfterYears}-12` });
      debits += left;
    }
  }
  return due;
}

/** The next expiry of what is left by the same order (oldest spent first), or null. */
export function nextExpiryOf(
  lines: readonly PointsLine[],
  today: string,
  expireAfterYears: number,
): { date: string; points: number } | null {
  const split = creditsAndDebits(lines);
  const { credits } = split;
  let { debits } = split;
  for (const year of [...credits.keys()].sort((a, b) => a - b)) {
    const credit = credits.get(year) as number;
    const left = credit - debits;
    debits = Math.max(0, debits - credit);
    const date = `${year + expireAfterYears}-12-31`;
    if (left > 0 && date >= today) return { date, points: left };
  }
  return null;
}

/** Why a redemption may not go ahead (the field named), or null. */
export function redemptionRefusal(
  balance: number,
  pointsPrice: number,
  quantity: number,
  stock: number,
): AppError | null {
  if (!Number.isInteger(quantity) || quantity < 1)
    return new AppError('VALIDATION', '兑换数量应为正整数。', 'The quantity must be a whole number above 0.', {
      field: 'quantity',
    });
  if (stock < quantity)
    return new AppError(
      'CONFLICT',
      `礼品库存不足：剩余 ${stock} 件，需要 ${quantity} 件。`,
      `Not enough stock: ${stock} left, ${quantity} needed.`,
      { field: 'giftCode', stock, quantity },
    );
  const needed = pointsPrice * quantity;
  if (needed > balance)
    return new AppError(
      'CONFLICT',
      `积分不足：需要 ${needed} 积分，余额 ${balance} 积分。`,
      `Not enough points: ${needed} needed, ${balance} available.`,
      { field: 'quantity', needed, balance },
    );
  return null;
}

const refuse = (field: string, message: string, messageEn: string): never => {
  throw new AppError('VALIDATION', message, messageEn, { field });
};

/** Refuses a rules version that cannot be applied, naming the field (`rules.multipliers.T2` …). */
export function validateLoyaltyRules(rules: LoyaltyRuleSet): void {
  if (!Number.isInteger(rules.unitFen) || rules.unitFen < 100)
    refuse('rules.unitFen', '积分计算单位应至少为 1 元。', 'The earning unit must be at least 1 yuan.');
  if (!Number.isInteger(rules.pointsPerUnit) || rules.pointsPerUnit < 0 || rules.pointsPerUnit > 10_000)
    refuse(
      'rules.pointsPerUnit',
      '每单位积分应为 0 至 10000 的整数。',
      'Points per unit must be a whole number 0–10000.',
    );
  const seen = new Set<string>();
  for (const { tierCode, multiplier } of rules.multipliers) {
    const field = `rules.multipliers.${tierCode}`;
    if (seen.has(tierCode)) refuse(field, `层级 ${tierCode} 的倍数重复。`, `Tier ${tierCode} is listed twice.`);
    seen.add(tierCode);
    if (!Number.isFinite(multiplier) || multiplier < 0)
      refuse(
        field,
        `层级 ${tierCode} 的积分倍数不能为负数。`,
        `The points multiplier of tier ${tierCode} may not be negative.`,
      );
    if (multiplier > 100)
      refuse(
        field,
        `层级 ${tierCode} 的积分倍数不能超过 100。`,
        `The points multiplier of tier ${tierCode} may be 100 at most.`,
      );
    if (Math.abs(multiplier * 100 - Math.round(multiplier * 100)) > 1e-9)
      refuse(
        field,
        `层级 ${tierCode} 的积分倍数最多两位小数。`,
        `The multiplier of tier ${tierCode} has at most two decimals.`,
      );
  }
  if (!Number.isInteger(rules.expireAfterYears) || rules.expireAfterYears < 1 || rules.expireAfterYears > 10)
    refuse('rules.expireAfterYears', '积分有效年数应为 1 至 10。', 'Points expire after 1 to 10 years.');
  for (const key of ['event', 'survey', 'referral'] as const) {
    const value = rules.bonus[key];
    if (!Number.isInteger(value) || value < 0 || value > 1_000_000)
      refuse(
        `rules.bonus.${key}`,
        '奖励积分应为 0 至 1000000 的整数。',
        'Bonus points must be a whole number 0–1000000.',
      );
  }
}
