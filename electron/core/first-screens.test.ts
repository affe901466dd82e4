import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JobEvent } from '../../shared/schemas/jobs';
import { createTestContext, seedBranch, testSession } from '../../tests/helpers/branch';
import { dispatch } from './dispatch';
import { prepareFirstScreens } from './first-screens';
import { recomputeTiers } from './tiers/tier-recompute';
import { TIER_SNAPSHOTS } from './tiers/tiers';
import { MONTH_DIMENSIONS } from './segments/segments';

const WAN = 1_000_000;
let ctx: ReturnType<typeof createTestContext>;
let events: JobEvent[];

beforeEach(async () => {
  ctx = createTestContext();
  seedBranch(ctx.store, [
    { customer_no: '0001', name: '王芳', manager_code: 'M01', assets: { '2024-02': 60 * WAN, '2024-03': 62 * WAN } },
    { customer_no: '0002', name: '李建国', manager_code: 'M01', assets: { '2024-02': 8 * WAN, '2024-03': 9 * WAN } },
  ]);
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

  it('prepares nothing before there are tier results', async () => {
    const empty = createTestContext();
    await prepareFirstScreens(empty);
    expect(empty.cache.peek(TIER_SNAPSHOTS, '2024-03')).toBeUndefined();
    await empty.store.close();
  });
});
