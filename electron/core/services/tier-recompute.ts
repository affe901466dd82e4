import type { Database } from 'better-sqlite3';
import { addMonths, monthFromIndex, monthIndex, monthRange } from '../../../shared/month';
import { TIER_STATUSES, type TierRuleSet } from '../../../shared/schemas/tiers';
import { listTierOverrides, listTierRuleSets } from '../db/repositories/tier-rules';
import {
  createTierSnapshot,
  deleteTierSnapshotsFrom,
  readTierSnapshot,
  snapshotSlot,
  writeTierSnapshots,
  type TierSnapshot,
} from '../db/repositories/tier-snapshots';
import { INITIAL_TIER_STATE, ruleSetLookup, stepTier, type TierState, type TierStepContext } from '../engine/tiering';

export interface RecomputeSummary {
  months: number;
  customers: number;
  firstMonth: string | null;
  lastMonth: string | null;
}

const STATUS_INDEX = new Map(TIER_STATUSES.map((s, i) => [s, i]));

function dataMonthRange(sqlite: Database): [string, string] | null {
  // Two queries: SQLite answers a lone min() or max() from the index, but scans the table for both at once.
  const first = sqlite.prepare('SELECT min(month) FROM monthly_assets').pluck().get() as string | null;
  const last = sqlite.prepare('SELECT max(month) FROM monthly_assets').pluck().get() as string | null;
  return first && last ? [first, last] : null;
}

/** The state a customer carries out of `snapshot` (the rules' tier, not an override's). */
function stateFromSnapshot(snapshot: TierSnapshot, slot: number): TierState {
  const codes = snapshot.tierCodes;
  return {
    tierCode: snapshot.ruleTier[slot] >= 0 ? codes[snapshot.ruleTier[slot]] : null,
    monthsBelow: snapshot.monthsBelow[slot],
    bestBelowCode: snapshot.bestBelow[slot] >= 0 ? codes[snapshot.bestBelow[slot]] : null,
    bestBelowMonth: snapshot.bestBelowMonth[slot] >= 0 ? monthFromIndex(snapshot.bestBelowMonth[slot]) : null,
    seen: snapshot.seen[slot] === 1,
  };
}

/**
 * Reassesses every customer for every month from `fromMonth` (default: the first month with data) to the
 * last, and replaces those months' snapshots in one transaction: a failure leaves the old results.
 * Assets are read packed per customer (group_concat), far cheaper than millions of row objects.
 */
export function recomputeTiers(
  sqlite: Database,
  now: string,
  options: { fromMonth?: string; onProgress?: (done: number, total: number) => void } = {},
): RecomputeSummary {
  const range = dataMonthRange(sqlite);
  if (!range) {
    sqlite.prepare('DELETE FROM tier_snapshots').run();
    return { months: 0, customers: 0, firstMonth: null, lastMonth: null };
  }
  const previous = options.fromMonth && options.fromMonth > range[0] ? readTierSnapshot(sqlite, addMonths(options.fromMonth, -1)) : null;
  const first = previous ? (options.fromMonth as string) : range[0];
  const months = monthRange(first, range[1]);
  const firstIndex = monthIndex(first);
  const ruleSets = listTierRuleSets(sqlite);
  const rulesFor = ruleSetLookup(ruleSets);
  const monthRules: TierRuleSet[] = months.map(rulesFor);
  const overrides = listTierOverrides(sqlite);

  const customers = sqlite.prepare('SELECT id, opened_date FROM customers ORDER BY id').raw().all() as Array<[number, string | null]>;
  const snapshots = months.map((month, j) => createTierSnapshot(month, monthRules[j].tiers.map((t) => t.code), customers.length));
  const tierIndexes = monthRules.map((rules) => new Map(rules.tiers.map((t, i) => [t.code, i])));

  // Month-end balances are read only when a rule set is based on them (they lengthen every packed string).
  const packedItem = monthRules.some((r) => r.basis === 'month_end') ? "month || ':' || aum_avg || ':' || ifnull(aum_month_end, '')" : "month || ':' || aum_avg";
  const packed = sqlite
    .prepare(`SELECT customer_id, group_concat(${packedItem}, ',') FROM monthly_assets WHERE month >= ? GROUP BY customer_id ORDER BY customer_id`)
    .raw()
    .iterate(first) as IterableIterator<[number, string]>;
  let nextPacked = packed.next();

  // One context per month, refilled per customer: the loop below runs millions of times.
  const contexts: TierStepContext[] = monthRules.map((rules) => ({ rules, openedMonth: null, override: null, explain: false }));
  const avg = new Float64Array(months.length);
  const monthEnd = new Float64Array(months.length);
  for (let slot = 0; slot < customers.length; slot++) {
    const [customerId, openedDate] = customers[slot];
    avg.fill(Number.NaN);
    monthEnd.fill(Number.NaN);
    while (!nextPacked.done && nextPacked.value[0] < customerId) nextPacked = packed.next();
    if (!nextPacked.done && nextPacked.value[0] === customerId) {
      for (const item of nextPacked.value[1].split(',')) {
        const j = Number(item.slice(0, 4)) * 12 + Number(item.slice(5, 7)) - 1 - firstIndex;
        const colon = item.indexOf(':', 8);
        if (colon < 0) {
          avg[j] = Number(item.slice(8));
        } else {
          avg[j] = Number(item.slice(8, colon));
          if (colon < item.length - 1) monthEnd[j] = Number(item.slice(colon + 1));
        }
      }
    }
    const prevSlot = previous ? snapshotSlot(previous, customerId) : -1;
    let state = previous && prevSlot >= 0 ? stateFromSnapshot(previous, prevSlot) : INITIAL_TIER_STATE;
    const customerOverrides = overrides.get(customerId);
    const openedMonth = openedDate ? openedDate.slice(0, 7) : null;

    for (let j = 0; j < months.length; j++) {
      const context = contexts[j];
      const value = context.rules.basis === 'avg' ? avg[j] : monthEnd[j];
      context.openedMonth = openedMonth;
      context.override = customerOverrides?.find((o) => o.from <= months[j] && months[j] <= o.until) ?? null;
      const step = stepTier(state, { month: months[j], valueFen: Number.isNaN(value) ? null : value }, context);
      state = step.state;
      const snapshot = snapshots[j];
      const codes = tierIndexes[j];
      snapshot.customerIds[slot] = customerId;
      const ruleTier = state.tierCode === null ? -1 : (codes.get(state.tierCode) ?? -1);
      snapshot.ruleTier[slot] = ruleTier;
      snapshot.tier[slot] = step.result.tierCode === null ? -1 : (codes.get(step.result.tierCode) ?? ruleTier);
      snapshot.status[slot] = STATUS_INDEX.get(step.result.status) ?? 0;
      snapshot.monthsBelow[slot] = Math.min(state.monthsBelow, 127);
      snapshot.bestBelow[slot] = state.bestBelowCode === null ? -1 : (codes.get(state.bestBelowCode) ?? -1);
      snapshot.bestBelowMonth[slot] = state.bestBelowMonth === null ? -1 : monthIndex(state.bestBelowMonth);
      snapshot.seen[slot] = state.seen ? 1 : 0;
      snapshot.overridden[slot] = step.result.overridden ? 1 : 0;
      snapshot.aumFen[slot] = avg[j];
    }
    if (options.onProgress && slot % 20_000 === 0) options.onProgress(slot, customers.length);
  }

  packed.return?.(); // release the statement before writing

  sqlite.transaction(() => {
    deleteTierSnapshotsFrom(sqlite, first);
    writeTierSnapshots(sqlite, snapshots, TIER_STATUSES.length, now);
  }).immediate();
  options.onProgress?.(customers.length, customers.length);
  return { months: months.length, customers: customers.length, firstMonth: first, lastMonth: range[1] };
}
