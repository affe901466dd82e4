import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_TIER_RULE_SET, type TierRuleSet } from '../../../shared/schemas/tiers';
import { createTestContext, seedBranch } from '../../../tests/helpers/branch';
import { dispatch } from '../handlers';
import { recomputeTiers } from './tier-recompute';
import { getTierRules, previewTierRules, saveTierRules } from './tier-rules';
import { getTierOverview } from './tiers';

const WAN = 1_000_000;
let ctx: ReturnType<typeof createTestContext>;
beforeEach(() => {
  ctx = createTestContext();
  seedBranch(ctx.store, [
    { customer_no: 'A', name: '甲', assets: { '2024-01': 700 * WAN, '2024-02': 700 * WAN } },
    { customer_no: 'B', name: '乙', assets: { '2024-01': 650 * WAN, '2024-02': 650 * WAN } },
    { customer_no: 'C', name: '丙', assets: { '2024-01': 30 * WAN, '2024-02': 30 * WAN } },
  ]);
  recomputeTiers(ctx.store.sqlite, ctx.now());
});
afterEach(() => ctx.store.close());

/** The default rules with private banking from 680万, from January. */
const stricter: TierRuleSet = {
  ...DEFAULT_TIER_RULE_SET,
  validFrom: '2024-01',
  tiers: DEFAULT_TIER_RULE_SET.tiers.map((t) => (t.code === 'T4' ? { ...t, thresholdFen: 680 * WAN } : t)),
};

describe('tier rule changes', () => {
  it('previews who would move this month without saving anything', () => {
    const before = ctx.store.sqlite.prepare('SELECT month, columns FROM tier_snapshots').all();
    const preview = previewTierRules(ctx, stricter);
    expect(preview.month).toBe('2024-02');
    expect(preview.moved).toBe(1);
    expect(preview.cells).toContainEqual({ from: 'T4', to: 'T3', count: 1, fromAumFen: 650 * WAN, toAumFen: 650 * WAN });
    expect(getTierRules(ctx).ruleSets).toHaveLength(1);
    expect(ctx.store.sqlite.prepare('SELECT month, columns FROM tier_snapshots').all()).toEqual(before);
  });

  it('saves the rules and recomputes every month', () => {
    saveTierRules(ctx, stricter, 'M01');
    expect(getTierRules(ctx).ruleSets.map((r) => r.validFrom)).toEqual(['1900-01', '2024-01']);
    expect(getTierOverview(ctx, '2024-02').tiers.find((t) => t.code === 'T4')?.count).toBe(1);
  });

  it('a failed recompute leaves the old rules and results', () => {
    ctx.store.sqlite.exec(`CREATE TRIGGER fail BEFORE INSERT ON tier_snapshots BEGIN SELECT RAISE(ABORT, 'disk full'); END`);
    expect(() => saveTierRules(ctx, stricter, 'M01')).toThrow(/disk full/);
    expect(getTierRules(ctx).ruleSets).toHaveLength(1);
    expect(getTierOverview(ctx, '2024-02').tiers.find((t) => t.code === 'T4')?.count).toBe(2);
  });

  it.each([
    [{ ...stricter, tiers: stricter.tiers.map((t) => (t.code === 'T2' ? { ...t, thresholdFen: 1 } : t)) }, 'rules.tiers.2.thresholdFen', '门槛应逐级升高'],
    [{ ...stricter, tiers: stricter.tiers.map((t) => (t.code === 'T3' ? { ...t, name: '金卡客户' } : t)) }, 'rules.tiers.3.name', '层级名称重复'],
    [{ ...stricter, tiers: stricter.tiers.map((t) => (t.code === 'T1' ? { ...t, graceMonths: 30 } : t)) }, 'rules.tiers.1.graceMonths', '宽限月数应为 0–24'],
    [{ ...stricter, tiers: stricter.tiers.map((t, i) => (i === 0 ? { ...t, thresholdFen: 100 } : t)) }, 'rules.tiers.0.thresholdFen', '最低层级的门槛应为 0'],
  ])('rejects an invalid rule set naming the field (%#)', async (rules, field, message) => {
    const result = await dispatch(ctx, 'tiers.saveRules', { rules, staffCode: null });
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { field } } });
    if (!result.ok) expect(result.error.message).toContain(message);
    expect(getTierRules(ctx).ruleSets).toHaveLength(1);
  });
});
