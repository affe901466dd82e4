import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JobEvent } from '../../shared/schemas/jobs';
import { createTestContext, seedBranch, TEST_TODAY, testSession } from '../../tests/helpers/branch';
import { dispatch } from './dispatch';
import { prepareFirstScreens } from './first-screens';
import { recomputeTiers } from './tiers/tier-recompute';
import { TIER_SNAPSHOTS } from './tiers/tiers';
import { MONTH_DIMENSIONS } from './segments/segments';
import { inIdSteps, type IdRange } from './platform/jobs';
import { BRANCH_CHECKS, getSuitabilityOverview } from './suitability/suitability';
import { getCustomerSuggestions, PEER_HOLDINGS } from './suitability/suggestions';
import { catalogueHolders, heldForCheck } from './suitability/suitability-repository';

const WAN = 1_000_000;
let ctx: ReturnType<typeof createTestContext>;
let events: JobEvent[];

beforeEach(async () => {
  ctx = createTestContext();
  seedBranch(ctx.store, [
    { customer_no: '0001', name: '王芳', manager_code: 'M01', assets: { '2024-02': 60 * WAN, '2024-03': 62 * WAN } },
    {
      customer_no: '0002',
      name: '李建国',
      manager_code: 'M01',
      risk_level: 'C2',
      risk_assessed_date: '2024-01-05',
      assets: { '2024-02': 8 * WAN, '2024-03': 9 * WAN },
    },
  ]);
  // A catalogue product each holds, one above the second customer's level, and a holding outside the catalogue.
  const { sqlite } = ctx.store;
  sqlite.exec(
    `INSERT INTO products (code, name, type, risk_level) VALUES ('W1', '稳利90天', '理财', 'R2'), ('F4', '成长混合', '基金', 'R4')`,
  );
  sqlite.exec(`INSERT INTO holdings (customer_id, product_key, product_code, product_name, amount)
    VALUES (1, 'W1', 'W1', '稳利90天', 100), (2, 'F4', 'F4', '成长混合', 100), (2, '季季红', NULL, '季季红', 100)`);
  await recomputeTiers(ctx.store.sqlite, ctx.now());
  events = [];
  ctx.jobs.subscribe((event) => events.push({ ...event }));
});
afterEach(() => ctx.store.close());

const decoded = (month: string) => ({
  snapshot: ctx.cache.peek(TIER_SNAPSHOTS, month) !== undefined,
  dimensions: ctx.cache.peek(MONTH_DIMENSIONS, month) !== undefined,
});

async function runJob(request: Record<string, unknown>): Promise<JobEvent> {
  const started = await dispatch(ctx, testSession(), 'jobs.start', { request });
  expect(started.ok).toBe(true);
  await ctx.jobs.idle();
  return events.at(-1) as JobEvent;
}

describe('the first screens, prepared before anyone asks', () => {
  it('decodes the data month (its snapshot and dimensions) and the months it compares with', async () => {
    expect(decoded('2024-03')).toEqual({ snapshot: false, dimensions: false });
    await prepareFirstScreens(ctx);
    expect(decoded('2024-03')).toEqual({ snapshot: true, dimensions: true });
    expect(ctx.cache.peek(TIER_SNAPSHOTS, '2024-02')).toBeDefined();
  });

  it('is the last phase of a job that changed the branch data, and the job is done', async () => {
    const last = await runJob({ kind: 'tiers.recompute' });
    expect(last).toMatchObject({ state: 'done', phase: 'prepare' });
    expect(events.some((e) => e.phase === 'prepare' && e.done === 0)).toBe(true);
    expect(decoded('2024-03')).toEqual({ snapshot: true, dimensions: true });
  });

  it('is left out of a job that changed nothing of the branch data (an export)', async () => {
    const last = await runJob({
      kind: 'exports.report',
      export: { template: 'monthly', month: '2024-03', format: 'xlsx', encoding: 'utf8', full: false, reason: null },
    });
    expect(last.state).toBe('done');
    expect(events.map((e) => e.phase)).not.toContain('prepare');
    expect(decoded('2024-03').dimensions).toBe(false);
  });

  it('stops quietly when the job is cancelled while preparing: what it committed stays done', async () => {
    ctx.jobs.subscribe((event) => {
      if (event.phase === 'prepare' && event.state === 'running') ctx.jobs.cancel(event.jobId, 'M01');
    });
    const last = await runJob({ kind: 'tiers.recompute' });
    expect(last.state).toBe('done');
    expect(decoded('2024-03').dimensions).toBe(false);
  });

  it('keeps the suitability check (as of today and the month’s end) and who holds what per tier, as a call makes them', async () => {
    await prepareFirstScreens(ctx);
    const stepped = {
      today: ctx.cache.peek(BRANCH_CHECKS, TEST_TODAY),
      monthEnd: ctx.cache.peek(BRANCH_CHECKS, '2024-03-31'),
      peers: ctx.cache.peek(PEER_HOLDINGS, '2024-03'),
    };
    expect(stepped.today).toBeDefined();
    expect(stepped.peers?.holders.get('F4')).toBeDefined();
    // Made at once by the screens' own calls, the same values.
    ctx.cache.clear();
    getSuitabilityOverview(ctx, { month: '2024-03' });
    await getCustomerSuggestions(ctx, { customerNo: '0002', month: '2024-03' });
    expect(ctx.cache.peek(BRANCH_CHECKS, '2024-03-31')).toEqual(stepped.monthEnd);
    expect(ctx.cache.peek(PEER_HOLDINGS, '2024-03')).toEqual(stepped.peers);
  });

  it('reads in steps of customer ids that together cover every customer once', async () => {
    const { sqlite } = ctx.store;
    const steps: IdRange[] = [];
    await inIdSteps(60_000, (ids) => steps.push(ids), undefined);
    expect(steps.map((r) => [r.from, r.to])).toEqual([
      [0, 25_000],
      [25_000, 50_000],
      [50_000, 75_000],
    ]);
    // Each repository read split at customer 2 gives what it gives at once.
    const split = [
      { from: 0, to: 2 },
      { from: 2, to: 3 },
    ];
    const held = (ids?: IdRange) => heldForCheck(sqlite, '2024-03-31', '2023-03-31', ids);
    expect(split.flatMap((ids) => held(ids))).toEqual(held());
    expect(split.flatMap((ids) => catalogueHolders(sqlite, ids).customerIds)).toEqual(
      catalogueHolders(sqlite).customerIds,
    );
  });

  it('prepares nothing before there are tier results', async () => {
    const empty = createTestContext();
    await prepareFirstScreens(empty);
    expect(empty.cache.peek(TIER_SNAPSHOTS, '2024-03')).toBeUndefined();
    await empty.store.close();
  });
});
