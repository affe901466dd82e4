import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, seedBranch } from '../../../tests/helpers/branch';
import { getTierRules, saveTierRules } from '../tiers/tier-rules';
import { gettingStarted } from './getting-started';

let ctx: ReturnType<typeof createTestContext>;
beforeEach(() => {
  ctx = createTestContext();
});
afterEach(() => ctx.store.close());

const done = async () => Object.fromEntries((await gettingStarted(ctx)).steps.map((s) => [s.step, [s.done, s.count]]));
const months = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`2024-0${i + 1}`, 1_000_000]));

describe('getting started', () => {
  it('an empty branch has every step to do, and needs as many months as the longest grace period and one', async () => {
    const list = await gettingStarted(ctx);
    expect(list.steps.map((s) => s.done)).toEqual([false, false, false, false, false]);
    expect(list.monthsNeeded).toBe(7); // the default rules: 6 months of grace for the highest tiers
    expect(list.firstMonth).toBeNull();
  });

  it('ticks each step as the branch gets its master, books, months and rules', async () => {
    seedBranch(ctx.store, [
      { customer_no: 'A', name: '甲', manager_code: 'M01', assets: months(6) },
      { customer_no: 'B', name: '乙', assets: months(6) },
    ]);
    expect(await done()).toEqual({
      customers: [true, 2],
      assignments: [true, 1],
      assets: [false, 6], // one short of the grace period
      holdings: [false, 0],
      rules: [false, 5],
    });
    seedBranch(ctx.store, [{ customer_no: 'C', name: '丙', assets: { '2024-07': 1_000_000 } }], []);
    expect((await done()).assets).toEqual([true, 7]);
    const [rules] = getTierRules(ctx).ruleSets;
    await saveTierRules(ctx, rules, 'M01');
    expect((await done()).rules).toEqual([true, 5]);
    expect((await gettingStarted(ctx)).firstMonth).toBe('2024-01');
  });
});
