/**
 * The points plan's monthly run (docs/domain.md, "Loyalty points"): each month the tiers are recomputed for earns
 * from its 月日均 and assessed tier, once — a month accrued again reverses its earlier earn lines where the points
 * changed and writes the new ones — and points past their expiry expire. Called by the tier recompute inside its
 * transaction (so it imports nothing of tiers/: it takes the snapshots as they are handed over).
 */
import type { Database } from 'better-sqlite3';
import {
  insertEarns,
  insertExpiries,
  insertReversals,
  lastExpiryYear,
  monthsEarnedFrom,
  recordExpiryRun,
  listLoyaltyRuleSets,
  preparePointsBalance,
  readActiveEarns,
  readCreditsByYear,
  readKeptOfReversedEarns,
} from './loyalty-repository';
import type { LoyaltyRuleSet } from '../../../shared/schemas/loyalty';
import { expiryDue, monthlyAccrual, reaccrual, ruleSetForMonth, type PointsLine } from './points-rules';

/** What accrual reads of a month's tier results: slot by slot, the customer, their 月日均 and assessed tier. */
export interface AccrualMonth {
  month: string;
  tierCodes: readonly string[];
  customerIds: Int32Array;
  /** 分; NaN without data. */
  aumFen: Float64Array;
  /** Index into tierCodes; −1 in no tier. */
  tier: Int8Array;
}

export interface AccrualSummary {
  months: number;
  earned: number;
  reversed: number;
  expired: number;
}

/** One month's accrual against the lines already there; returns the lines written (earns, reversals). */
function accrueMonth(
  sqlite: Database,
  rules: LoyaltyRuleSet | null,
  data: AccrualMonth,
  now: string,
  balanceOf: (customerId: number) => number,
): { earned: number; reversed: number } {
  const earlier = readActiveEarns(sqlite, data.month);
  const kept = readKeptOfReversedEarns(sqlite, data.month);
  const earlierOf = new Map<number, number>();
  for (let k = 0; k < earlier.customerIds.length; k++) earlierOf.set(earlier.customerIds[k], k);
  const earns: Array<[number, number]> = [];
  const reversals: Array<[number, number, number]> = [];
  const settle = (customerId: number, points: number) => {
    const k = earlierOf.get(customerId);
    if (k !== undefined) earlierOf.delete(customerId);
    const before = k === undefined ? null : earlier.points[k];
    const paid = kept.get(customerId) ?? 0;
    if (before === Math.max(0, points - paid) || (before === null && points <= paid)) return;
    // The balance matters only when an earlier earn is taken back.
    const plan = reaccrual(before, points, paid, k === undefined ? 0 : balanceOf(customerId));
    if (!plan) return;
    if (plan.reversal !== null && k !== undefined) reversals.push([customerId, plan.reversal, earlier.ids[k]]);
    if (plan.earn > 0) earns.push([customerId, plan.earn]);
  };
  const { customerIds, aumFen, tier, tierCodes } = data;
  for (let i = 0; i < customerIds.length; i++) {
    settle(customerIds[i], monthlyAccrual(rules, aumFen[i], tier[i] >= 0 ? tierCodes[tier[i]] : null));
  }
  // Earlier earns of customers the month no longer holds earn nothing now.
  for (const customerId of [...earlierOf.keys()]) settle(customerId, 0);
  // The new earns first: read line by line, a balance never dips below zero between the earn and its reversal.
  insertEarns(sqlite, data.month, earns, now);
  insertReversals(sqlite, data.month, reversals, now);
  return { earned: earns.length, reversed: reversals.length };
}

/**
 * Points past their expiry by `today`, for every customer (docs/domain.md, "Loyalty points"), under the expiry of the
 * version in force today. Returns the lines written.
 */
export function expirePoints(sqlite: Database, ruleSets: readonly LoyaltyRuleSet[], now: string): number {
  const today = now.slice(0, 10);
  const rules = ruleSetForMonth(ruleSets, today.slice(0, 7)) ?? ruleSets[0];
  if (!rules) return 0;
  const lastYear = Number(today.slice(0, 4)) - rules.expireAfterYears - 1;
  const read = readCreditsByYear(sqlite, lastYear);
  const expiries: Array<[number, number, string]> = [];
  let k = 0;
  while (k < read.customerIds.length) {
    const customerId = read.customerIds[k];
    const lines: PointsLine[] = [{ points: -read.debits[k], month: '0000-01' }];
    for (; k < read.customerIds.length && read.customerIds[k] === customerId; k++)
      lines.push({ points: read.credits[k], month: `${read.years[k]}-01` });
    for (const due of expiryDue(lines, today, rules.expireAfterYears))
      expiries.push([customerId, due.points, due.month]);
  }
  insertExpiries(sqlite, expiries, now);
  return expiries.length;
}

/**
 * Accrues the months handed over (each once, whatever ran before) and expires what is due: call inside the
 * transaction that writes those months' tiers. Months from `emptiedFrom` on have no data any more (an undone import
 * of the latest month): whatever they earned is reversed. Nothing at all while the plan has never been set up.
 */
export function accruePoints(
  sqlite: Database,
  months: readonly AccrualMonth[],
  now: string,
  emptiedFrom: string | null = null,
): AccrualSummary {
  const ruleSets = listLoyaltyRuleSets(sqlite);
  const summary: AccrualSummary = { months: 0, earned: 0, reversed: 0, expired: 0 };
  if (ruleSets.length === 0) return summary;
  const balanceOf = preparePointsBalance(sqlite);
  const emptied = (emptiedFrom === null ? [] : monthsEarnedFrom(sqlite, emptiedFrom)).map((month): AccrualMonth => ({
    month,
    tierCodes: [],
    customerIds: new Int32Array(0),
    aumFen: new Float64Array(0),
    tier: new Int8Array(0),
  }));
  for (const data of [...months, ...emptied]) {
    const rules = ruleSetForMonth(ruleSets, data.month);
    if (!rules) continue; // before the plan's first version: never accrued
    const done = accrueMonth(sqlite, rules, data, now, balanceOf);
    summary.months += 1;
    summary.earned += done.earned;
    summary.reversed += done.reversed;
  }
  // Expiry moves with the year, or with a month accrued again in a year already past its expiry.
  const year = Number(now.slice(0, 4));
  const pastDue = (month: string) => Number(month.slice(0, 4)) + 1 < year;
  if (lastExpiryYear(sqlite) !== year || months.some((m) => pastDue(m.month))) {
    summary.expired = expirePoints(sqlite, ruleSets, now);
    recordExpiryRun(sqlite, year, now);
  }
  return summary;
}
