/** 开始使用: how far a new branch has got — master, books, months, holdings, rules — from what it holds. */
import type { GettingStarted } from '../../../shared/schemas/branch';
import { listAssetMonths } from '../customers/lookup';
import type { CoreContext } from '../platform/context';
import { getTierRules } from '../tiers/tier-rules';
import { branchContents } from './branch-repository';

export async function gettingStarted(ctx: CoreContext): Promise<GettingStarted> {
  const held = branchContents(ctx.store.sqlite);
  const months = await listAssetMonths(ctx.store.db);
  const rules = getTierRules(ctx).ruleSets.at(-1);
  // A downgrade is told only after the grace months have passed: the data must reach back that far.
  const monthsNeeded = 1 + Math.max(0, ...(rules?.tiers ?? []).map((t) => t.graceMonths));
  const last = (kind: string) => held.lastImports[kind] ?? null;
  return {
    steps: [
      { step: 'customers', done: held.customers > 0, count: held.customers, lastImport: last('customers') },
      { step: 'assignments', done: held.managed > 0, count: held.managed, lastImport: last('assignments') },
      { step: 'assets', done: months.length >= monthsNeeded, count: months.length, lastImport: last('assets') },
      { step: 'holdings', done: held.holdings > 0, count: held.holdings, lastImport: last('holdings') },
      { step: 'rules', done: held.rulesSaved, count: rules?.tiers.length ?? 0, lastImport: null },
    ],
    monthsNeeded,
    firstMonth: months.at(-1) ?? null,
    lastMonth: months[0] ?? null,
  };
}
