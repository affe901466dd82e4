import { addMonths } from '../../../shared/month';
import {
  DEFAULT_DIMENSION_SETTINGS,
  type DEPTH_VALUES,
  type DimensionSettings,
  type LIFECYCLE_VALUES,
  type PRIORITY_VALUES,
} from '../../../shared/schemas/segments';

/**
 * The other dimensions (docs/domain.md, "Other dimensions"), as pure functions of one customer's
 * month. Tier-independent facts are computed when assets change and stored; the parts that depend on the tier
 * (gap to the next tier, 观察) are combined at read time, so a rule change need not re-read assets.
 */

export type Depth = (typeof DEPTH_VALUES)[number];
export type Priority = (typeof PRIORITY_VALUES)[number];
export type Lifecycle = (typeof LIFECYCLE_VALUES)[number];

/** Opportunity signals stored as bits; the gap-to-next-tier signal is added at read time. */
export const SIGNAL_IDLE_DEMAND = 1;
export const SIGNAL_INFLOW = 2;
export const SIGNAL_RISK_EXPIRED = 4;
export const SIGNAL_NEAR_NEXT_TIER = 8;

export interface DimensionInput {
  month: string;
  /** 月日均 in 分 (null = unknown). */
  aumFen: number | null;
  /** Product categories with a positive balance this month (deposits, wealth, funds, insurance, other, loans). */
  categories: number;
  /** 活期 is at least `idleDemandShare` of 月日均 (computed with the month's parts, in SQL). */
  idleDemand: boolean;
  previousAumFen: number | null;
  /** 月日均 three months earlier. */
  aumThreeMonthsAgoFen: number | null;
  /** Whether the customer had asset data before this month. */
  hadAssets: boolean;
  openedDate: string | null;
  closedDate: string | null;
  riskAssessedDate: string | null;
}

export interface DimensionFacts {
  depth: Depth;
  /** SIGNAL_* bits that do not depend on the tier. */
  signals: number;
  /** Lifecycle before the tier status is known (观察 turns 成长/成熟 into 衰退 at read time). */
  lifecycle: Lifecycle;
}

/** What every customer of one month is compared with; computed once per month, not per customer. */
export interface DimensionMonth {
  month: string;
  /** Opened in this month or later → 导入期. */
  newSinceMonth: string;
  /** A risk assessment dated before this is expired by the month's end. */
  riskValidSinceDate: string;
  settings: DimensionSettings;
}

export function dimensionMonth(
  month: string,
  settings: DimensionSettings = DEFAULT_DIMENSION_SETTINGS,
): DimensionMonth {
  return {
    month,
    newSinceMonth: addMonths(month, -(settings.newCustomerMonths - 1)),
    // Valid for riskValidMonths from the assessment: expired at month end when assessed before (end − valid).
    riskValidSinceDate: `${addMonths(month, -settings.riskValidMonths)}-31`,
    settings,
  };
}

/** `out`, when given, is filled and returned instead of a new object (a month's 200,000 customers reuse one). */
export function dimensionFacts(
  input: DimensionInput,
  at: DimensionMonth = dimensionMonth(input.month),
  out: DimensionFacts = { depth: 'shallow', signals: 0, lifecycle: 'mature' },
): DimensionFacts {
  const { settings } = at;
  const { categories } = input;
  const depth: Depth =
    categories <= settings.depthShallowMax ? 'shallow' : categories <= settings.depthMediumMax ? 'medium' : 'deep';

  let signals = 0;
  const aum = input.aumFen;
  if (input.idleDemand) signals |= SIGNAL_IDLE_DEMAND;
  if (
    aum !== null &&
    input.previousAumFen !== null &&
    input.previousAumFen > 0 &&
    aum >= input.previousAumFen * (1 + settings.inflowShare)
  )
    signals |= SIGNAL_INFLOW;
  if (input.riskAssessedDate === null || input.riskAssessedDate < at.riskValidSinceDate) signals |= SIGNAL_RISK_EXPIRED;

  let lifecycle: Lifecycle;
  const closed = input.closedDate !== null && input.closedDate.slice(0, 7) <= at.month;
  const emptied = input.hadAssets && (aum === null || aum < settings.churnBelowFen);
  const past = input.aumThreeMonthsAgoFen;
  if (closed || emptied) lifecycle = 'churned';
  else if (input.openedDate !== null && input.openedDate.slice(0, 7) >= at.newSinceMonth) lifecycle = 'new';
  else if (aum !== null && past !== null && past > 0 && aum >= past * (1 + settings.trendShare)) lifecycle = 'growth';
  else if (aum !== null && past !== null && past > 0 && aum <= past * (1 - settings.trendShare)) lifecycle = 'decline';
  else lifecycle = 'mature';
  out.depth = depth;
  out.signals = signals;
  out.lifecycle = lifecycle;
  return out;
}

/** Adds the tier-dependent signal: within `nearNextTierShare` of the next threshold. */
export function withTierSignals(
  signals: number,
  aumFen: number,
  nextThresholdFen: number | null,
  settings: DimensionSettings = DEFAULT_DIMENSION_SETTINGS,
): number {
  if (
    nextThresholdFen !== null &&
    !Number.isNaN(aumFen) &&
    nextThresholdFen - aumFen <= nextThresholdFen * settings.nearNextTierShare
  ) {
    return signals | SIGNAL_NEAR_NEXT_TIER;
  }
  return signals;
}

/** A: two or more signals; B: one; C: none. */
export function priorityOf(signals: number): Priority {
  let count = 0;
  for (let bits = signals; bits; bits &= bits - 1) count += 1;
  return count >= 2 ? 'A' : count === 1 ? 'B' : 'C';
}

/** 观察 means decline, whatever the trend says (docs/domain.md: 衰退 = trend down ≥ 10% or watch). */
export function lifecycleWithStatus(lifecycle: Lifecycle, inWatch: boolean): Lifecycle {
  return inWatch && (lifecycle === 'growth' || lifecycle === 'mature') ? 'decline' : lifecycle;
}
