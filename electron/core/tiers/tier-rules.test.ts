import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_TIER_RULE_SET, type TierRuleSet } from '../../../shared/schemas/tiers';
import { createTestContext, seedBranch, testSession } from '../../../tests/helpers/branch';
import { dispatch } from '../dispatch';
import type { JobEvent } from '../../../shared/schemas/jobs';
import { recomputeTiers } from './tier-recompute';
import { getTierRules, previewTierRules, saveTierRules } from './tier-rules';
import { getTierOverview } from './tiers';

const WAN = 1_000_000;
let ctx: ReturnType<typeof createTestContext>;
beforeEach(async () => {
  ctx = createTestContext();
  seedBranch(ctx.store, [
    { customer_no: 'A', name: '甲', assets: { '2024-01': 700 * WAN, '2024-02': 700 * WAN } },
    { customer_no: 'B', name: '乙', assets: { '2024-01': 650 * WAN, '2024-02': 650 * WAN } },
    { customer_no: 'C', name: '丙', assets: { '2024-01': 30 * WAN, '2024-02': 30 * WAN } },
  ]);
  await recomputeTiers(ctx.store.sqlite, ctx.now());
});
afterEach(() => ctx.store.close());

/** The default rules with private banking from 680万, from January. */
const stricter: TierRuleSet = {
  ...DEFAULT_TIER_RULE_SET,
  validFrom: '2024-01',
  tiers: DEFAULT_TIER_RULE_SET.tiers.map((t) => (t.code === 'T4' ? { ...t, thresholdFen: 680 * WAN } : t)),
};

describe('tier rule changes', () => {
  it('previews who would move in the 生效月份 without saving anything', async () => {
    const before = ctx.store.sqlite.prepare('SELECT month, columns FROM tier_snapshots').all();
    const preview = await previewTierRules(ctx, stricter);
    expect(preview.month).toBe('2024-01');
    expect(preview.governed).toEqual({ from: '2024-01', to: '2024-02', months: 2 });
    expect(preview.moved).toBe(1);
    expect(preview.cells).toContainEqual({
      from: 'T4',
      to: 'T3',
      count: 1,
      fromAumFen: 650 * WAN,
      toAumFen: 650 * WAN,
    });
    expect(getTierRules(ctx).ruleSets).toHaveLength(1);
    expect(ctx.store.sqlite.prepare('SELECT month, columns FROM tier_snapshots').all()).toEqual(before);
  });

  it('previews at the first month with data from the 生效月份, until the next rule set', async () => {
    seedBranch(ctx.store, [{ customer_no: 'D', name: '丁', assets: { '2011-01': 10 * WAN, '2011-05': 10 * WAN } }], []);
    await recomputeTiers(ctx.store.sqlite, ctx.now());
    // All history: from the earliest month with data to the latest, months with data only.
    const all = await previewTierRules(ctx, { ...stricter, validFrom: '1900-01' });
    expect(all.month).toBe('2011-01');
    expect(all.governed).toEqual({ from: '2011-01', to: '2024-02', months: 4 });
    // A 生效月份 without data starts at the next month with data.
    expect((await previewTierRules(ctx, { ...stricter, validFrom: '2011-03' })).governed).toEqual({
      from: '2011-05',
      to: '2024-02',
      months: 3,
    });
    // A later rule set ends what this one governs.
    await saveTierRules(ctx, { ...stricter, validFrom: '2024-02' }, 'M01');
    const before = await previewTierRules(ctx, { ...stricter, validFrom: '2011-01' });
    expect(before.governed).toEqual({ from: '2011-01', to: '2024-01', months: 3 });
    // Nothing to preview after the data.
    await expect(previewTierRules(ctx, { ...stricter, validFrom: '2025-01' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringContaining('2025-01'),
    });
  });

  it('saves the rules and recomputes every month', async () => {
    await saveTierRules(ctx, stricter, 'M01');
    expect(getTierRules(ctx).ruleSets.map((r) => r.validFrom)).toEqual(['1900-01', '2024-01']);
    expect(getTierOverview(ctx, '2024-02').tiers.find((t) => t.code === 'T4')?.count).toBe(1);
  });

  it('saves the months without data a rule set keeps, and reassesses with them', async () => {
    seedBranch(ctx.store, [{ customer_no: 'D', name: '丁', assets: { '2024-01': 60 * WAN } }], []);
    await recomputeTiers(ctx.store.sqlite, ctx.now());
    expect(getTierOverview(ctx, '2024-02').tiers.find((t) => t.code === 'T2')?.count).toBe(1);
    await saveTierRules(ctx, { ...DEFAULT_TIER_RULE_SET, validFrom: '2024-01', missingMonthsKept: 0 }, 'M01');
    expect(getTierRules(ctx).ruleSets.map((r) => r.missingMonthsKept)).toEqual([3, 0]);
    const overview = getTierOverview(ctx, '2024-02');
    expect(overview.tiers.find((t) => t.code === 'T2')?.count).toBe(0);
    expect(overview.statuses.find((s) => s.status === 'nodata')?.count).toBe(1);
  });

  it('a failed recompute leaves the old rules and results', async () => {
    ctx.store.sqlite.exec(
      `CREATE TRIGGER fail BEFORE INSERT ON tier_snapshots BEGIN SELECT RAISE(ABORT, 'disk full'); END`,
    );
    await expect(saveTierRules(ctx, stricter, 'M01')).rejects.toThrow(/disk full/);
    expect(getTierRules(ctx).ruleSets).toHaveLength(1);
    expect(getTierOverview(ctx, '2024-02').tiers.find((t) => t.code === 'T4')?.count).toBe(2);
  });

  it.each([
    [
      { ...stricter, tiers: stricter.tiers.map((t) => (t.code === 'T2' ? { ...t, thresholdFen: 1 } : t)) },
      'rules.tiers.2.thresholdFen',
      '门槛应逐级升高',
    ],
    [
      { ...stricter, tiers: stricter.tiers.map((t) => (t.code === 'T3' ? { ...t, name: '金卡客户' } : t)) },
      'rules.tiers.3.name',
      '层级名称重复',
    ],
    [
      { ...stricter, tiers: stricter.tiers.map((t) => (t.code === 'T1' ? { ...t, graceMonths: 30 } : t)) },
      'rules.tiers.1.graceMonths',
      '宽限月数应为 0–24',
    ],
    [
      { ...stricter, tiers: stricter.tiers.map((t, i) => (i === 0 ? { ...t, thresholdFen: 100 } : t)) },
      'rules.tiers.0.thresholdFen',
      '最低层级的门槛应为 0',
    ],
  ])('rejects an invalid rule set naming the field (%#)', async (rules, field, message) => {
    const result = await dispatch(ctx, testSession(), 'jobs.start', {
      request: { kind: 'tiers.saveRules', rules },
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { field: `request.${field}` } } });
    if (!result.ok) expect(result.error.message).toContain(message);
    expect(getTierRules(ctx).ruleSets).toHaveLength(1);
  });
});

describe('rule changes as a job', () => {
  it('reports progress, saves, recomputes and writes the change to the audit log', async () => {
    const events: JobEvent[] = [];
    ctx.jobs.subscribe((e) => events.push(e));
    const started = await dispatch(ctx, testSession(), 'jobs.start', {
      request: { kind: 'tiers.saveRules', rules: stricter },
    });
    if (!started.ok) throw new Error(started.error.message);
    await ctx.jobs.idle();
    const { jobId } = started.value as { jobId: string };
    expect(ctx.jobs.status(jobId, 'M01')).toMatchObject({ state: 'done', result: { months: 2, customers: 3 } });
    expect(events.map((e) => e.phase)).toEqual(expect.arrayContaining(['read', 'assess', 'write']));
    expect(events.at(-1)).toMatchObject({ jobId, state: 'done' });
    expect(getTierOverview(ctx, '2024-02').tiers.find((t) => t.code === 'T4')?.count).toBe(1);
    const audit = ctx.store.sqlite.prepare('SELECT actor, action, target, detail FROM audit_log').all() as Array<{
      actor: string;
      action: string;
      target: string;
      detail: string;
    }>;
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: 'M01', action: 'tiers.saveRules', target: '2024-01' });
    expect(JSON.parse(audit[0].detail)).toMatchObject({ previous: null, rules: { validFrom: '2024-01' } });
  });

  it('cancelled midway leaves the old rules, results and audit log', async () => {
    const before = ctx.store.sqlite.prepare('SELECT month, columns FROM tier_snapshots ORDER BY month').all();
    const controller = new AbortController();
    const saving = saveTierRules(ctx, stricter, 'M01', {
      signal: controller.signal,
      report: (phase) => phase === 'assess' && controller.abort(),
    });
    await expect(saving).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(getTierRules(ctx).ruleSets).toHaveLength(1);
    expect(ctx.store.sqlite.prepare('SELECT month, columns FROM tier_snapshots ORDER BY month').all()).toEqual(before);
    expect(ctx.store.sqlite.prepare('SELECT count(*) FROM audit_log').pluck().get()).toBe(0);
  });

  it('runs one job at a time', async () => {
    const first = await dispatch(ctx, testSession(), 'jobs.start', { request: { kind: 'tiers.recompute' } });
    const second = await dispatch(ctx, testSession(), 'jobs.start', {
      request: { kind: 'tiers.saveRules', rules: stricter },
    });
    expect(first.ok).toBe(true);
    expect(second).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    await ctx.jobs.idle();
    expect(getTierRules(ctx).ruleSets).toHaveLength(1);
  });
});
