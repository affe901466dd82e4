import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, seedBranch } from '../../../tests/helpers/branch';
import { readTierSnapshot } from './tier-snapshots-repository';
import { getCustomerCard, getCustomersPage } from '../customers/customers';
import { recomputeTiers } from './tier-recompute';
import { getTierMatrix, getTierOverview } from './tiers';

const WAN = 1_000_000;
const months = (values: Array<number | null>) =>
  Object.fromEntries(values.flatMap((v, i) => (v === null ? [] : [[`2024-0${i + 1}`, Math.round(v * WAN)]]))) as Record<
    string,
    number
  >;

let ctx: ReturnType<typeof createTestContext>;
beforeEach(async () => {
  ctx = createTestContext();
  seedBranch(ctx.store, [
    { customer_no: 'A', name: '甲', opened_date: '2015-01-01', assets: months([700, 500, 500, 500]) },
    { customer_no: 'B', name: '乙', opened_date: '2015-01-01', assets: months([60, 30, 4, 3]) },
    { customer_no: 'C', name: '丙', opened_date: '2015-01-01' },
    { customer_no: 'D', name: '丁', opened_date: '2024-03-15', assets: months([null, null, null, 8]) },
  ]);
  await recomputeTiers(ctx.store.sqlite, ctx.now());
});
afterEach(() => ctx.store.close());

describe('tier recompute and views on real SQLite', () => {
  it('counts customers and 月日均 per tier against last month', async () => {
    const overview = getTierOverview(ctx, '2024-04');
    const byCode = Object.fromEntries(overview.tiers.map((t) => [t.code, t]));
    expect(overview.tiers.map((t) => t.code)).toEqual(['T4', 'T3', 'T2', 'T1', 'T0']);
    expect(byCode.T4).toMatchObject({ name: '私人银行客户', count: 1, aumFen: 500 * WAN, previousCount: 1 });
    expect(byCode.T1).toMatchObject({ count: 2, aumFen: 11 * WAN, previousCount: 0 });
    expect(byCode.T2).toMatchObject({ count: 0, previousCount: 1 });
    const statuses = Object.fromEntries(overview.statuses.map((s) => [s.status, s.count]));
    // C has never had data: shown in no status (docs/domain.md, "Presence").
    expect(statuses).toMatchObject({ watch: 1, downgraded: 1, new: 1, missing: 0 });
    expect(statuses).not.toHaveProperty('absent');
  });

  it('measures changes against the latest earlier month with data, skipping a month no file came for', async () => {
    expect(getTierOverview(ctx, '2024-04').previousMonth).toBe('2024-03');
    ctx.store.sqlite.prepare("DELETE FROM monthly_assets WHERE month = '2024-03'").run();
    await recomputeTiers(ctx.store.sqlite, ctx.now());
    const overview = getTierOverview(ctx, '2024-04');
    expect(overview.previousMonth).toBe('2024-02');
    // B held 30万 in February (T2), not the nothing March would have shown.
    expect(overview.tiers.find((t) => t.code === 'T2')).toMatchObject({ previousCount: 1, previousAumFen: 30 * WAN });
    expect(getTierOverview(ctx, '2024-01').previousMonth).toBeNull();
  });

  it('builds the tier × tier matrix between two months', async () => {
    const matrix = getTierMatrix(ctx, '2024-01', '2024-04');
    expect(matrix.cells).toEqual(
      expect.arrayContaining([
        { from: 'T4', to: 'T4', count: 1, fromAumFen: 700 * WAN, toAumFen: 500 * WAN },
        { from: 'T2', to: 'T1', count: 1, fromAumFen: 60 * WAN, toAumFen: 3 * WAN },
        { from: null, to: 'T1', count: 1, fromAumFen: 0, toAumFen: 8 * WAN },
      ]),
    );
    expect(matrix.cells.reduce((n, c) => n + c.count, 0)).toBe(3); // C has no data in either month
  });

  it('every matrix cell opens its customers in the list, whatever month the list shows', async () => {
    const listed = async (tierAt: Array<{ month: string; tierCode: string }>, month = '2024-02') =>
      (
        await getCustomersPage(ctx, {
          month,
          sort: { field: 'customerNo', direction: 'asc' },
          filter: { tierAt },
          cursor: null,
          limit: 10,
        })
      ).rows.map((r) => r.customerNo);
    const matrix = getTierMatrix(ctx, '2024-01', '2024-04');
    for (const cell of matrix.cells) {
      const customers = await listed([
        { month: '2024-01', tierCode: cell.from ?? 'missing' },
        { month: '2024-04', tierCode: cell.to ?? 'missing' },
      ]);
      expect(customers).toHaveLength(cell.count);
    }
    expect(
      await listed([
        { month: '2024-01', tierCode: 'T2' },
        { month: '2024-04', tierCode: 'T1' },
      ]),
    ).toEqual(['B']);
    expect(
      await listed(
        [
          { month: '2024-01', tierCode: 'missing' },
          { month: '2024-04', tierCode: 'T1' },
        ],
        '2024-04',
      ),
    ).toEqual(['D']);
    // Combined with the queried month's own filters.
    const page = await getCustomersPage(ctx, {
      month: '2024-04',
      sort: { field: 'customerNo', direction: 'asc' },
      filter: { tierAt: [{ month: '2024-01', tierCode: 'missing' }], tierStatuses: ['new'] },
      cursor: null,
      limit: 10,
    });
    expect(page.rows.map((r) => r.customerNo)).toEqual(['D']);
  });

  it('a new month recomputed alone gives the same results as a full recompute', async () => {
    const full = readTierSnapshot(ctx.store.sqlite, '2024-04');
    await recomputeTiers(ctx.store.sqlite, ctx.now(), { fromMonth: '2024-04' });
    expect(readTierSnapshot(ctx.store.sqlite, '2024-04')).toEqual(full);
  });

  it('a failed recompute leaves the previous results whole', async () => {
    const before = ctx.store.sqlite.prepare('SELECT month, columns FROM tier_snapshots ORDER BY month').all();
    ctx.store.sqlite.prepare('UPDATE monthly_assets SET aum_avg = aum_avg * 2').run();
    ctx.store.sqlite.exec(`CREATE TRIGGER fail_march BEFORE INSERT ON tier_snapshots WHEN NEW.month = '2024-03'
      BEGIN SELECT RAISE(ABORT, 'disk full'); END`);
    await expect(recomputeTiers(ctx.store.sqlite, ctx.now())).rejects.toThrow(/disk full/);
    expect(ctx.store.sqlite.prepare('SELECT month, columns FROM tier_snapshots ORDER BY month').all()).toEqual(before);
  });

  it('shows tier and status in the customer list, no state for a customer who has never had data', async () => {
    const page = await getCustomersPage(ctx, {
      month: '2024-04',
      sort: { field: 'customerNo', direction: 'asc' },
      filter: {},
      cursor: null,
      limit: 10,
    });
    expect(page.rows.map((r) => [r.customerNo, r.tierName, r.tierStatus])).toEqual([
      ['A', '私人银行客户', 'watch'],
      ['B', '金卡客户', 'downgraded'],
      ['C', null, 'absent'],
      ['D', '金卡客户', 'new'],
    ]);
  });

  it('explains every month on the customer card, newest first', async () => {
    const card = await getCustomerCard(ctx, 'A');
    expect(card.tierHistory.map((h) => [h.month, h.tierCode, h.status])).toEqual([
      ['2024-04', 'T4', 'watch'],
      ['2024-03', 'T4', 'watch'],
      ['2024-02', 'T4', 'watch'],
      ['2024-01', 'T4', 'normal'],
    ]);
    expect(card.tierHistory[0].explanation).toBe(
      '2024-04 月日均 500.00万 < 私人银行客户 600万；连续 3 个月低于门槛（宽限 6 个月）；2024-05 月日均需 ≥ 600万 才能保级，差 100.00万',
    );
    expect(card.tierHistory[0].monthsLeft).toBe(3);
  });
});

describe('recompute after a rule change', () => {
  it('gives the same snapshots from stored 月日均 as from the assets', async () => {
    ctx.store.sqlite
      .prepare("UPDATE tier_rule_sets SET tiers = json_replace(tiers, '$[4].thresholdFen', 800000000)")
      .run();
    await recomputeTiers(ctx.store.sqlite, ctx.now(), { valuesFromSnapshots: true });
    const fromSnapshots = ctx.store.sqlite
      .prepare('SELECT month, summary, columns FROM tier_snapshots ORDER BY month')
      .all();
    await recomputeTiers(ctx.store.sqlite, ctx.now());
    expect(ctx.store.sqlite.prepare('SELECT month, summary, columns FROM tier_snapshots ORDER BY month').all()).toEqual(
      fromSnapshots,
    );
    expect(getTierOverview(ctx, '2024-01').tiers.find((t) => t.code === 'T4')?.count).toBe(0);
  });
});

describe('stored values stay aligned with the customers', () => {
  it('a customer added since the last recompute has no state after a rule change, the others keep their tiers', async () => {
    seedBranch(ctx.store, [{ customer_no: 'E', name: '戊' }], []);
    await recomputeTiers(ctx.store.sqlite, ctx.now(), { valuesFromSnapshots: true });
    const page = await getCustomersPage(ctx, {
      month: '2024-04',
      sort: { field: 'customerNo', direction: 'asc' },
      filter: {},
      cursor: null,
      limit: 10,
    });
    expect(page.rows.map((r) => [r.customerNo, r.tierCode, r.tierStatus])).toEqual([
      ['A', 'T4', 'watch'],
      ['B', 'T1', 'downgraded'],
      ['C', null, 'absent'],
      ['D', 'T1', 'new'],
      ['E', null, 'absent'],
    ]);
    const stored = ctx.store.sqlite.prepare("SELECT customers FROM month_values WHERE month = '2024-04'").pluck().get();
    expect(stored).toBe(5);
  });
});

describe('presence on real SQLite (docs/domain.md, "Presence")', () => {
  const numbers = async (filter: Parameters<typeof getCustomersPage>[1]['filter']) =>
    (
      await getCustomersPage(ctx, {
        month: '2024-05',
        sort: { field: 'customerNo', direction: 'asc' },
        filter,
        cursor: null,
        limit: 50,
      })
    ).rows.map((r) => r.customerNo);

  beforeEach(async () => {
    await ctx.store.close();
    ctx = createTestContext();
    seedBranch(ctx.store, [
      { customer_no: 'KEEP', assets: { '2024-01': 60 * WAN, '2024-05': 60 * WAN } },
      { customer_no: 'GONE', assets: { '2024-01': 60 * WAN } },
      { customer_no: 'SHUT', assets: months([60, 60, 60, 60, 60]), closed_date: '2024-04-20' },
      { customer_no: 'LATE', opened_date: '2024-04-01', assets: { '2024-05': 8 * WAN } },
    ]);
    await recomputeTiers(ctx.store.sqlite, ctx.now());
  });

  it('leaves customers without data for too long and closed ones out of every tier, and the absent out of everything', async () => {
    const overview = getTierOverview(ctx, '2024-05');
    expect(overview.tiers.find((t) => t.code === 'T2')).toMatchObject({ count: 1, aumFen: 60 * WAN });
    expect(overview.tiers.find((t) => t.code === 'T1')).toMatchObject({ count: 1, aumFen: 8 * WAN });
    expect(overview.tiers.find((t) => t.code === 'T0')).toMatchObject({ count: 0 });
    const statuses = Object.fromEntries(getTierOverview(ctx, '2024-03').statuses.map((s) => [s.status, s.count]));
    // March: KEEP and GONE keep their tiers through the gap, LATE is not there yet (shown nowhere).
    expect(statuses).toMatchObject({ missing: 2, nodata: 0 });
    expect(getTierOverview(ctx, '2024-03').tiers.reduce((n, t) => n + t.count, 0)).toBe(3);
    expect(Object.fromEntries(overview.statuses.map((s) => [s.status, s.count]))).toMatchObject({
      nodata: 1,
      closed: 1,
    });
    // The matrix: SHUT and GONE leave (流失/无数据; SHUT's 月日均 still sent after closing is shown there), LATE
    // enters (新进).
    expect(getTierMatrix(ctx, '2024-01', '2024-05').cells).toEqual(
      expect.arrayContaining([
        { from: 'T2', to: null, count: 2, fromAumFen: 120 * WAN, toAumFen: 60 * WAN },
        { from: null, to: 'T1', count: 1, fromAumFen: 0, toAumFen: 8 * WAN },
      ]),
    );
  });

  it('finds customers in no tier only by asking for their status', async () => {
    expect(await numbers({})).toEqual(['GONE', 'KEEP', 'LATE', 'SHUT']);
    expect(await numbers({ tierCodes: ['T2'] })).toEqual(['KEEP']);
    expect(await numbers({ tierStatuses: ['nodata'] })).toEqual(['GONE']);
    expect(await numbers({ tierStatuses: ['closed'] })).toEqual(['SHUT']);
    expect(await numbers({ tierStatuses: ['normal', 'new', 'closed'] })).toEqual(['KEEP', 'LATE', 'SHUT']);
  });

  it('explains 无数据 and 已销户 on the card', async () => {
    const shut = await getCustomerCard(ctx, 'SHUT');
    expect(shut.tierHistory[0]).toMatchObject({ month: '2024-05', tierCode: null, status: 'closed' });
    expect(shut.tierHistory[0].explanation).toBe('2024-04 已销户，不计入任何层级');
    const gone = await getCustomerCard(ctx, 'GONE');
    expect(gone.tierHistory.map((h) => h.status)).toEqual(['nodata', 'missing', 'missing', 'missing', 'normal']);
  });
});
