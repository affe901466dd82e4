import { monthRange } from '../../../shared/month';
import type { TierOverrideView, TierRuleSet } from '../../../shared/schemas/tiers';
import type { TierHistoryMonth } from '../../../shared/schemas/tier-views';
import { edgeAssetMonth } from '../customers/lookup';
import { listTierOverrideRows, listTierOverrides, listTierRuleSets } from './tier-rules-repository';
import type { MonthlyAssetsTable } from '../platform/schema';
import { explainTierMonth } from './tier-explain';
import { computeTierHistory, ruleSetLookup } from './tiering';
import { householdFiguresOfCustomer } from '../households/household-figures';
import type { CoreContext } from '../platform/context';

export function tierNames(rules: TierRuleSet): Map<string, string> {
  return new Map(rules.tiers.map((t) => [t.code, t.name]));
}

/**
 * One customer's tier for every month from its first with data to the branch's latest, with reasons and the
 * Chinese explanation, newest first. The same engine as the bulk recompute, run with explanations on.
 */
export function explainCustomerTiers(
  ctx: CoreContext,
  customerId: number,
  openedDate: string | null,
  closedDate: string | null,
  assets: ReadonlyArray<Pick<MonthlyAssetsTable, 'month' | 'aum_avg' | 'aum_month_end'>>,
): TierHistoryMonth[] {
  if (assets.length === 0) return [];
  const lastMonth = edgeAssetMonth(ctx.store.sqlite, 'last') ?? assets[assets.length - 1].month;
  const rulesFor = ruleSetLookup(listTierRuleSets(ctx.store.sqlite));
  const byMonth = new Map(assets.map((a) => [a.month, a]));
  const months = monthRange(assets[0].month, lastMonth);
  const households = householdFiguresOfCustomer(ctx.store.sqlite, customerId);
  const history = computeTierHistory({
    months: months.map((month) => {
      const a = byMonth.get(month);
      const avg = rulesFor(month).basis === 'avg';
      const value = a ? (avg ? a.aum_avg : a.aum_month_end) : null;
      const household = households.get(month);
      return {
        month,
        valueFen: value ?? null,
        ...(household
          ? {
              householdFen: avg ? household.avgFen : household.monthEndFen,
              householdRole: household.role,
              householdHead: household.head,
            }
          : {}),
      };
    }),
    rulesFor,
    openedMonth: openedDate ? openedDate.slice(0, 7) : null,
    closedMonth: closedDate ? closedDate.slice(0, 7) : null,
    overrides: listTierOverrides(ctx.store.sqlite, customerId).get(customerId) ?? [],
  });
  return history
    .map((h) => {
      const names = tierNames(rulesFor(h.month));
      const name = (code: string) => names.get(code) ?? code;
      return {
        month: h.month,
        tierCode: h.tierCode,
        tierName: h.tierCode === null ? null : name(h.tierCode),
        status: h.status,
        monthsBelow: h.monthsBelow,
        monthsLeft: h.monthsLeft,
        holdGapFen: h.holdGapFen,
        nextGapFen: h.nextGapFen,
        overridden: h.overridden,
        explanation: explainTierMonth(h.reasons, name),
        reasons: h.reasons,
      };
    })
    .reverse();
}

/** One customer's overrides with the tier names of their start month, latest first. */
export function listCustomerOverrides(ctx: CoreContext, customerId: number): TierOverrideView[] {
  const rulesFor = ruleSetLookup(listTierRuleSets(ctx.store.sqlite));
  return listTierOverrideRows(ctx.store.sqlite, customerId).map((row) => ({
    id: row.id,
    tierCode: row.tier_code,
    tierName: tierNames(rulesFor(row.from_month)).get(row.tier_code) ?? row.tier_code,
    reason: row.reason,
    fromMonth: row.from_month,
    untilMonth: row.until_month,
    createdAt: row.created_at,
    createdBy: row.created_by,
  }));
}
