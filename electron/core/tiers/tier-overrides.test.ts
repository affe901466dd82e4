import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, seedBranch, testSession } from '../../../tests/helpers/branch';
import { dispatch } from '../dispatch';
import { getCustomerCard } from '../customers/customers';
import { recomputeTiers } from './tier-recompute';
import { removeTierOverride, saveTierOverride } from './tier-overrides';
import { getTierOverview } from './tiers';

const WAN = 1_000_000;
let ctx: ReturnType<typeof createTestContext>;
beforeEach(async () => {
  ctx = createTestContext();
  seedBranch(ctx.store, [
    { customer_no: 'A', name: '甲', assets: { '2024-01': 30 * WAN, '2024-02': 30 * WAN, '2024-03': 30 * WAN } },
    { customer_no: 'B', name: '乙', assets: { '2024-01': 250 * WAN, '2024-02': 250 * WAN, '2024-03': 250 * WAN } },
  ]);
  await recomputeTiers(ctx.store.sqlite, ctx.now());
});
afterEach(() => ctx.store.close());

const override = {
  customerNo: 'A',
  tierCode: 'T3',
  reason: '行长审批：代发大户',
  fromMonth: '2024-02',
  untilMonth: '2024-02',
};
const t3Count = (month: string) => getTierOverview(ctx, month).tiers.find((t) => t.code === 'T3')?.count;

describe('manual tier overrides', () => {
  it('wins for its months, is explained as such, and is audited', async () => {
    await saveTierOverride(ctx, override, 'B01');
    expect([t3Count('2024-01'), t3Count('2024-02'), t3Count('2024-03')]).toEqual([1, 2, 1]);
    const card = await getCustomerCard(ctx, 'A');
    expect(card.overrides).toEqual([
      expect.objectContaining({
        tierCode: 'T3',
        tierName: '钻石客户',
        reason: '行长审批：代发大户',
        fromMonth: '2024-02',
        createdBy: 'B01',
      }),
    ]);
    const february = card.tierHistory.find((h) => h.month === '2024-02');
    expect(february).toMatchObject({ tierCode: 'T3', overridden: true });
    expect(february?.explanation).toContain('行长审批：代发大户');
    // Expired: March is the rules' tier again.
    expect(card.tierHistory.find((h) => h.month === '2024-03')).toMatchObject({ tierCode: 'T1', overridden: false });
    const audit = ctx.store.sqlite.prepare('SELECT actor, action, target FROM audit_log').all();
    expect(audit).toEqual([{ actor: 'B01', action: 'tiers.saveOverride', target: 'A' }]);
  });

  it('removing it restores the rules’ tier and is audited', async () => {
    await saveTierOverride(ctx, override, 'B01');
    const [{ id }] = (await getCustomerCard(ctx, 'A')).overrides;
    await removeTierOverride(ctx, id, 'B01');
    expect(t3Count('2024-02')).toBe(1);
    expect((await getCustomerCard(ctx, 'A')).overrides).toEqual([]);
    expect(ctx.store.sqlite.prepare('SELECT action FROM audit_log ORDER BY id').pluck().all()).toEqual([
      'tiers.saveOverride',
      'tiers.removeOverride',
    ]);
  });

  it('rejects an unknown tier naming the field, an unknown customer, and a span that ends before it starts', async () => {
    await expect(saveTierOverride(ctx, { ...override, tierCode: 'T9' }, null)).rejects.toMatchObject({
      code: 'VALIDATION',
      details: { field: 'tierCode' },
    });
    await expect(saveTierOverride(ctx, { ...override, customerNo: 'Z' }, null)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    const backwards = await dispatch(ctx, testSession(), 'jobs.start', {
      request: { kind: 'tiers.saveOverride', override: { ...override, untilMonth: '2024-01' } },
    });
    expect(backwards).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', details: { field: 'request.override.untilMonth' } },
    });
    const noReason = await dispatch(ctx, testSession(), 'jobs.start', {
      request: { kind: 'tiers.saveOverride', override: { ...override, reason: ' ' } },
    });
    expect(noReason).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', details: { field: 'request.override.reason' } },
    });
    expect(ctx.store.sqlite.prepare('SELECT count(*) FROM tier_overrides').pluck().get()).toBe(0);
  });

  it('a failing job reports its error and stores nothing', async () => {
    const started = await dispatch(ctx, testSession(), 'jobs.start', {
      request: { kind: 'tiers.saveOverride', override: { ...override, tierCode: 'T9' } },
    });
    if (!started.ok) throw new Error(started.error.message);
    await ctx.jobs.idle();
    expect(ctx.jobs.status((started.value as { jobId: string }).jobId, 'M01')).toMatchObject({
      state: 'failed',
      error: { code: 'VALIDATION' },
    });
    expect(ctx.store.sqlite.prepare('SELECT count(*) FROM tier_overrides').pluck().get()).toBe(0);
  });

  it('an override starting after the last month with data changes no results', async () => {
    const before = ctx.store.sqlite.prepare('SELECT month, columns FROM tier_snapshots ORDER BY month').all();
    await saveTierOverride(ctx, { ...override, fromMonth: '2024-06', untilMonth: '2024-12' }, null);
    expect(ctx.store.sqlite.prepare('SELECT month, columns FROM tier_snapshots ORDER BY month').all()).toEqual(before);
    expect((await getCustomerCard(ctx, 'A')).overrides).toHaveLength(1);
  });
});
