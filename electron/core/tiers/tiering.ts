import { addMonths } from '../../../shared/month';
import type { HouseholdRole } from '../../../shared/schemas/households';
import type { TierReason, TierRuleSet, TierStatus } from '../../../shared/schemas/tiers';

/**
 * The tier rules of docs/domain.md, "Tiers": rise fast, fall slowly. Pure: a customer's series and the rule sets
 * in, each month's assessed tier, status, gaps and reasons out. No clock, no I/O.
 */

export interface TierInputMonth {
  month: string;
  /** The basis value of the month in 分 (月日均 or month-end); null when head office sent nothing. */
  valueFen: number | null;
  /**
   * The customer's household's figure of the month on the same basis (the exact sum of its members' that month),
   * when they are in one (docs/domain.md, "Households"); with their role in it and its head's name as explanations
   * write it (张某).
   */
  householdFen?: number | null;
  householdRole?: HouseholdRole | null;
  householdHead?: string | null;
}

export interface TierOverride {
  tierCode: string;
  reason: string;
  /** First and last month the override applies to (`YYYY-MM`). */
  from: string;
  until: string;
}

/** What the next month needs from this one; stored so a new month can be assessed without the history. */
export interface TierState {
  tierCode: string | null;
  /** Consecutive months with data below the tier's threshold (missing months neither count nor reset). */
  monthsBelow: number;
  /** The best raw tier among those months, and its month. */
  bestBelowCode: string | null;
  bestBelowMonth: string | null;
  /** Consecutive months without data since the last with data (docs/domain.md, "Presence"). */
  monthsMissing: number;
  /** Whether any month has had data yet. */
  seen: boolean;
}

export const INITIAL_TIER_STATE: TierState = {
  tierCode: null,
  monthsBelow: 0,
  bestBelowCode: null,
  bestBelowMonth: null,
  monthsMissing: 0,
  seen: false,
};

/** A customer with data seen and nothing carried over: in no tier, or the start of a fresh assessment. */
const SEEN_STATE: TierState = { ...INITIAL_TIER_STATE, seen: true };

export interface TierMonthResult {
  month: string;
  /** The assessed tier (after any override); null when the customer is in no tier (absent, no data, closed). */
  tierCode: string | null;
  /** The tier the rules give, whatever an override says. */
  ruleTierCode: string | null;
  status: TierStatus;
  monthsBelow: number;
  /** Months of grace left while in 观察. */
  monthsLeft: number | null;
  /** What the basis value must rise by next month to keep the tier (only in 观察). */
  holdGapFen: number | null;
  /** What the basis value must rise by to reach the next tier up. */
  nextGapFen: number | null;
  overridden: boolean;
  reasons: TierReason[];
}

export interface TierStepContext {
  rules: TierRuleSet;
  /** Month the account was opened, if known: the first month with data is 新客 when within 6 months of it. */
  openedMonth: string | null;
  /** Month the account was closed (销户), if it was: from then on the customer is in no tier. */
  closedMonth: string | null;
  override: TierOverride | null;
  /** Skip building reasons (bulk recompute stores tiers only; cards explain on demand). Default true. */
  explain?: boolean;
}

const NEW_CUSTOMER_MONTHS = 6;

const indexByCode = new WeakMap<TierRuleSet, Map<string, number>>();

/** A tier's position in a rule set (−1 when absent); memoised per rule set, as a recompute asks millions of times. */
function tierIndex(rules: TierRuleSet, code: string | null): number {
  if (code === null) return -1;
  let map = indexByCode.get(rules);
  if (!map) {
    map = new Map(rules.tiers.map((t, i) => [t.code, i]));
    indexByCode.set(rules, map);
  }
  return map.get(code) ?? -1;
}

const NO_REASONS: TierReason[] = [];
const ignore = () => undefined;

/** The highest tier whose threshold the value reaches. */
export function rawTierIndex(rules: TierRuleSet, valueFen: number): number {
  let index = 0;
  for (let i = 1; i < rules.tiers.length; i++) if (valueFen >= rules.tiers[i].thresholdFen) index = i;
  return index;
}

/**
 * The highest tier a member reaches through their household's figure (−1: none): a tier with household
 * qualification whose threshold the household reaches, the member's own value at least the tier's minimum, and their
 * role allowed (docs/domain.md, "Households").
 */
export function householdTierIndex(
  rules: TierRuleSet,
  ownFen: number,
  householdFen: number,
  role: HouseholdRole,
): number {
  const { tiers } = rules;
  for (let i = tiers.length - 1; i > 0; i--) {
    const household = tiers[i].household;
    if (!household || householdFen < tiers[i].thresholdFen || ownFen < household.minOwnFen) continue;
    if (household.spouseParentsOnly && role !== 'spouse' && role !== 'parent') continue;
    return i;
  }
  return -1;
}

/** Whether a member may count their household's figure for tier `index` (its gap to keep it). */
function householdCounts(rules: TierRuleSet, index: number, ownFen: number, role: HouseholdRole): boolean {
  const household = rules.tiers[index].household;
  return (
    household !== undefined &&
    ownFen >= household.minOwnFen &&
    (!household.spouseParentsOnly || role === 'spouse' || role === 'parent')
  );
}

/** Why a tier was reached: the member's own value, or (above it) the household's figure. */
function reachedReason(
  tiers: TierRuleSet['tiers'],
  index: number,
  own: number,
  viaHousehold: number,
  householdFen: number | null,
  headName: string | null,
): TierReason {
  const { code: tierCode, thresholdFen } = tiers[index];
  return index > own && index === viaHousehold && householdFen !== null
    ? { kind: 'household', tierCode, thresholdFen, householdFen, headName }
    : { kind: 'reached', tierCode, thresholdFen };
}

/** Assesses one month from the previous month's state. */
export function stepTier(
  state: TierState,
  input: TierInputMonth,
  ctx: TierStepContext,
): { state: TierState; result: TierMonthResult } {
  const { rules } = ctx;
  const { tiers } = rules;
  const reasons: TierReason[] = ctx.explain === false ? NO_REASONS : [];
  const explain = ctx.explain !== false;
  const say = explain ? (reason: TierReason) => void reasons.push(reason) : ignore;
  let next: TierState;
  let status: TierStatus;
  let monthsLeft: number | null = null;
  let holdGapFen: number | null = null;
  let nextGapFen: number | null = null;

  const previous = tierIndex(rules, state.tierCode);
  if (ctx.closedMonth !== null && input.month >= ctx.closedMonth) {
    // Closed: in no tier from the closing month on, whatever data still comes.
    next = state.seen ? SEEN_STATE : INITIAL_TIER_STATE;
    status = 'closed';
    say({ kind: 'closed', closedMonth: ctx.closedMonth });
  } else if (input.valueFen === null) {
    const monthsMissing = state.monthsMissing + 1;
    if (!state.seen) {
      // Before the first month with data: nothing to keep, nothing to count (no state is made: this is most months of
      // a customer opened late, in the recompute's hot loop).
      next = state;
      status = 'absent';
    } else if (state.tierCode === null) {
      // Already out of every tier: the count of months without data goes on.
      next = { ...state, monthsMissing };
      status = 'nodata';
      say({ kind: 'nodata', month: input.month, monthsMissing, kept: rules.missingMonthsKept });
    } else if (monthsMissing > rules.missingMonthsKept) {
      // Missing for longer than the rule set keeps an assessment: out of every tier until data returns.
      next = { ...SEEN_STATE, monthsMissing };
      status = 'nodata';
      say({ kind: 'nodata', month: input.month, monthsMissing, kept: rules.missingMonthsKept });
    } else {
      // Unknown, not zero: keep the tier; the watch count neither grows nor resets.
      next = { ...state, monthsMissing };
      status = 'missing';
      say({ kind: 'missing', month: input.month });
    }
  } else {
    const value = input.valueFen;
    const own = rawTierIndex(rules, value);
    const householdFen = input.householdFen ?? null;
    const role = input.householdRole ?? null;
    const viaHousehold =
      householdFen !== null && role !== null ? householdTierIndex(rules, value, householdFen, role) : -1;
    // Rise fast, fall slowly, on the household's figure for a member it qualifies.
    const raw = Math.max(own, viaHousehold);
    say({ kind: 'value', month: input.month, basis: rules.basis, valueFen: value });
    if (previous < 0) {
      // First month with data, data back after leaving every tier, or the tier vanished from a new rule set: the raw
      // tier, assessed afresh.
      const opened = ctx.openedMonth !== null && ctx.openedMonth >= addMonths(input.month, -(NEW_CUSTOMER_MONTHS - 1));
      next = { ...SEEN_STATE, tierCode: tiers[raw].code };
      status = !state.seen && opened ? 'new' : 'normal';
      if (state.seen && state.tierCode === null) say({ kind: 'returned', month: input.month });
      else say({ kind: 'first', opened: !state.seen && opened });
      if (explain) say(reachedReason(tiers, raw, own, viaHousehold, householdFen, input.householdHead ?? null));
    } else if (raw >= previous) {
      const unchanged = raw === previous && state.monthsBelow === 0 && state.monthsMissing === 0 && state.seen;
      next = unchanged ? state : { ...SEEN_STATE, tierCode: tiers[raw].code };
      status = raw > previous ? 'upgraded' : 'normal';
      if (explain) say(reachedReason(tiers, raw, own, viaHousehold, householdFen, input.householdHead ?? null));
      if (raw > previous) say({ kind: 'upgraded', fromCode: tiers[previous].code, toCode: tiers[raw].code });
    } else {
      const held = tiers[previous];
      const monthsBelow = state.monthsBelow + 1;
      const best = tierIndex(rules, state.bestBelowCode);
      const bestIndex = Math.max(raw, best);
      const bestMonth = raw >= best ? input.month : state.bestBelowMonth;
      say({
        kind: 'below',
        tierCode: held.code,
        thresholdFen: held.thresholdFen,
        monthsBelow,
        graceMonths: held.graceMonths,
      });
      if (monthsBelow >= Math.max(held.graceMonths, 1)) {
        // Grace used up: the tier of the best month among those below (CCB-style), not necessarily the lowest.
        next = { ...SEEN_STATE, tierCode: tiers[bestIndex].code };
        status = 'downgraded';
        say({
          kind: 'downgraded',
          fromCode: held.code,
          toCode: tiers[bestIndex].code,
          bestMonth: held.graceMonths > 1 ? bestMonth : null,
        });
      } else {
        next = {
          tierCode: held.code,
          monthsBelow,
          bestBelowCode: tiers[bestIndex].code,
          bestBelowMonth: bestMonth,
          monthsMissing: 0,
          seen: true,
        };
        status = 'watch';
        monthsLeft = held.graceMonths - monthsBelow;
        // A member the household may carry needs the smaller of the two gaps: their own, or the household's.
        holdGapFen =
          householdFen !== null && role !== null && householdCounts(rules, previous, value, role)
            ? Math.min(held.thresholdFen - value, held.thresholdFen - householdFen)
            : held.thresholdFen - value;
        say({ kind: 'hold', tierCode: held.code, thresholdFen: held.thresholdFen, gapFen: holdGapFen });
      }
    }
    const above = tiers[tierIndex(rules, next.tierCode) + 1];
    if (above) {
      nextGapFen = above.thresholdFen - value;
      say({ kind: 'next', tierCode: above.code, thresholdFen: above.thresholdFen, gapFen: nextGapFen });
    }
  }

  // In no tier this month (absent, no data, closed): nothing to assess, and an override does not put one back.
  const present = next.tierCode !== null;
  const ruleTierCode = next.tierCode;
  const override =
    present && ctx.override && ctx.override.from <= input.month && input.month <= ctx.override.until
      ? ctx.override
      : null;
  if (override) say({ kind: 'override', tierCode: override.tierCode, reason: override.reason, until: override.until });
  return {
    state: next,
    result: {
      month: input.month,
      tierCode: override ? override.tierCode : ruleTierCode,
      ruleTierCode,
      status,
      monthsBelow: next.monthsBelow,
      monthsLeft,
      holdGapFen,
      nextGapFen,
      overridden: override !== null,
      reasons,
    },
  };
}

export interface TierHistoryInput {
  /** Consecutive months, oldest first; a month without data has `valueFen: null`. */
  months: TierInputMonth[];
  /** The rule set in force for a month (effective-dated). */
  rulesFor(month: string): TierRuleSet;
  openedMonth: string | null;
  closedMonth: string | null;
  overrides: readonly TierOverride[];
}

/** Every month's assessment, oldest first. */
export function computeTierHistory(input: TierHistoryInput): TierMonthResult[] {
  let state = INITIAL_TIER_STATE;
  const results: TierMonthResult[] = [];
  for (const month of input.months) {
    const override = input.overrides.find((o) => o.from <= month.month && month.month <= o.until) ?? null;
    const step = stepTier(state, month, {
      rules: input.rulesFor(month.month),
      openedMonth: input.openedMonth,
      closedMonth: input.closedMonth,
      override,
    });
    state = step.state;
    results.push(step.result);
  }
  return results;
}

/** Picks, for each month, the latest rule set whose `validFrom` is not after it. Rule sets sorted by validFrom. */
export function ruleSetLookup(ruleSets: readonly TierRuleSet[]): (month: string) => TierRuleSet {
  const sorted = [...ruleSets].sort((a, b) => (a.validFrom < b.validFrom ? -1 : 1));
  return (month) => {
    let found = sorted[0];
    for (const rules of sorted) if (rules.validFrom <= month) found = rules;
    return found;
  };
}
