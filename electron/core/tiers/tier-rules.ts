import type { Database } from 'better-sqlite3';
import { isDeepStrictEqual } from 'node:util';
import { AppError } from '../../../shared/errors';
import type { TierRuleSet } from '../../../shared/schemas/tiers';
import type { TierRulesPreview } from '../../../shared/schemas/tier-views';
import { listAssetMonths } from '../customers/lookup';
import { ALL_HISTORY } from '../../../shared/schemas/tiers';
import { deleteTierRuleSet, listTierRuleSets, saveTierRuleSet } from './tier-rules-repository';
import { computeTierSnapshots, recomputeTiers, type RecomputeSummary } from './tier-recompute';
import type { CoreContext } from '../platform/context';
import { appendAudit } from '../platform/audit-log';
import type { JobControl } from '../platform/jobs';
import { crossTabulate, rulesForMonth, tierLabels, tierSnapshotOf } from './tiers';

/**
 * The months with data a rule set from `validFrom` would govern (docs/domain.md, "Tiers"): from its month until the
 * next stored set's, oldest first. Refused when there are none: nothing to preview.
 */
async function monthsGoverned(ctx: CoreContext, validFrom: string): Promise<string[]> {
  const next = listTierRuleSets(ctx.store.sqlite).find((r) => r.validFrom > validFrom)?.validFrom;
  const months = (await listAssetMonths(ctx.store.db))
    .filter((m) => m >= validFrom && (next === undefined || m < next))
    .sort();
  if (months.length === 0) {
    const from = validFrom === ALL_HISTORY ? '' : ` ${validFrom} 起`;
    throw new AppError(
      'NOT_FOUND',
      `生效月份${from}${next ? `至 ${next} 前` : ''}没有资产数据，无法预览分层规则。`,
      `No asset data ${validFrom === ALL_HISTORY ? '' : `from ${validFrom} `}${next ? `until ${next} ` : ''}to preview.`,
      { field: 'rules.validFrom' },
    );
  }
  return months;
}

/** The stored rule sets with `proposed` put in place of (or beside) the one with the same start month. */
function withProposed(ctx: CoreContext, proposed: TierRuleSet): TierRuleSet[] {
  return [...listTierRuleSets(ctx.store.sqlite).filter((r) => r.validFrom !== proposed.validFrom), proposed];
}

export function getTierRules(ctx: CoreContext): { ruleSets: TierRuleSet[] } {
  return { ruleSets: listTierRuleSets(ctx.store.sqlite) };
}

/**
 * What-if: how customers would move between tiers under `proposed`, in its first month with data (the 生效月份, or the
 * earliest month for all history), and which months with data it would govern. Nothing is saved.
 */
export async function previewTierRules(ctx: CoreContext, proposed: TierRuleSet): Promise<TierRulesPreview> {
  const governed = await monthsGoverned(ctx, proposed.validFrom);
  const month = governed[0];
  const current = tierSnapshotOf(ctx, month);
  if (!current)
    throw new AppError(
      'NOT_FOUND',
      `${month} 还没有分层结果，请先重新计算。`,
      `No tier results for ${month}; recompute first.`,
    );
  const { snapshots } = await computeTierSnapshots(ctx.store.sqlite, {
    ruleSets: withProposed(ctx, proposed),
    valuesFromSnapshots: true,
  });
  const after = snapshots.find((s) => s.month === month);
  if (!after) throw new AppError('INTERNAL', '预览失败。', 'Preview failed.');
  const cells = crossTabulate(current, after);
  return {
    month,
    governed: { from: month, to: governed[governed.length - 1], months: governed.length },
    rows: tierLabels(rulesForMonth(ctx, month)),
    columns: tierLabels(proposed),
    cells,
    moved: cells.filter((c) => c.from !== c.to).reduce((n, c) => n + c.count, 0),
  };
}

/** Saves a rule set and recomputes every month in the same transaction: all or nothing (also when cancelled). */
export async function saveTierRules(
  ctx: CoreContext,
  rules: TierRuleSet,
  staffCode: string | null,
  control?: JobControl,
): Promise<RecomputeSummary> {
  const previous = listTierRuleSets(ctx.store.sqlite).find((r) => r.validFrom === rules.validFrom) ?? null;
  const summary = await recomputeTiers(ctx.store.sqlite, ctx.now(), {
    ruleSets: withProposed(ctx, rules),
    valuesFromSnapshots: true,
    onProgress: control?.report,
    signal: control?.signal,
    apply: (sqlite) => {
      saveTierRuleSet(sqlite, rules, ctx.now(), staffCode);
      appendAudit(sqlite, {
        at: ctx.now(),
        actor: staffCode,
        action: 'tiers.saveRules',
        target: rules.validFrom,
        detail: { previous, rules },
      });
    },
  });
  return summary;
}

/**
 * Makes the stored rule sets exactly `ruleSets` (a rule package's): those not among them removed, new and changed ones
 * written, unchanged ones left as they were. Call inside the transaction of the change (no audit, no recompute here).
 */
export function replaceTierRuleSets(sqlite: Database, ruleSets: TierRuleSet[], now: string, by: string | null): void {
  const stored = new Map(listTierRuleSets(sqlite).map((r) => [r.validFrom, r]));
  const kept = new Set(ruleSets.map((r) => r.validFrom));
  for (const validFrom of stored.keys()) if (!kept.has(validFrom)) deleteTierRuleSet(sqlite, validFrom);
  for (const rules of ruleSets)
    if (!isDeepStrictEqual(stored.get(rules.validFrom), rules)) saveTierRuleSet(sqlite, rules, now, by);
}
