import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, seedBranch, testSession } from '../../../tests/helpers/branch';
import { getCustomersPage } from '../customers/customers';
import { getSegmentGrid } from './segments';
import { recomputeTiers } from '../tiers/tier-recompute';
import { DEFAULT_DIMENSION_SETTINGS } from '../../../shared/schemas/segments';
import { dispatch } from '../dispatch';
import { getDimensionSettings, saveDimensionSettings } from './dimension-settings';

const WAN = 1_000_000;
let ctx: ReturnType<typeof createTestContext>;

beforeEach(async () => {
  ctx = createTestContext();
  seedBranch(ctx.store, [
    // 私行, steady, 1 category, risk assessed long ago → 浅, priority B (risk expired), 成熟.
    {
      customer_no: 'A',
      name: '甲',
      opened_date: '2015-01-01',
      risk_level: 'C4',
      risk_assessed_date: '2020-01-01',
      assets: { '2024-01': 700 * WAN, '2024-02': 700 * WAN, '2024-03': 700 * WAN, '2024-04': 700 * WAN },
    },
    // 钻石, growing fast, near 私行 → 成长, priority A (inflow + near next tier), risk valid.
    {
      customer_no: 'B',
      name: '乙',
      opened_date: '2015-01-01',
      risk_level: 'C3',
      risk_assessed_date: '2024-02-01',
      assets: { '2024-01': 300 * WAN, '2024-02': 330 * WAN, '2024-03': 400 * WAN, '2024-04': 500 * WAN },
    },
    // Closed in April: in no tier from April, so in no segment (docs/domain.md, "Presence").
    {
      customer_no: 'C',
      name: '丙',
      opened_date: '2015-01-01',
      closed_date: '2024-04-10',
      risk_level: 'C2',
      risk_assessed_date: '2024-01-01',
      assets: { '2024-01': 8 * WAN },
    },
  ]);
  await recomputeTiers(ctx.store.sqlite, ctx.now());
});
afterEach(() => ctx.store.close());

describe('segment grid', () => {
  it('counts customers and 月日均 for two dimensions of a month', async () => {
    const grid = getSegmentGrid(ctx, '2024-04', 'tier', 'lifecycle');
    expect(grid.rows.values.map((v) => v.label)).toEqual([
      '私人银行客户',
      '钻石客户',
      '白金客户',
      '金卡客户',
      '大众客户',
    ]);
    expect(grid.columns.values.map((v) => v.label)).toEqual(['导入期', '成长', '成熟', '衰退', '流失']);
    expect(grid.cells).toEqual(
      expect.arrayContaining([
        { row: 'T4', column: 'mature', count: 1, aumFen: 700 * WAN },
        { row: 'T3', column: 'growth', count: 1, aumFen: 500 * WAN },
      ]),
    );
    expect(grid.cells.reduce((n, c) => n + c.count, 0)).toBe(2);
  });

  it('derives opportunity priority from the signals and the tier', async () => {
    const grid = getSegmentGrid(ctx, '2024-04', 'priority', 'risk');
    expect(grid.cells).toEqual(
      expect.arrayContaining([
        { row: 'B', column: 'C4', count: 1, aumFen: 700 * WAN },
        { row: 'A', column: 'C3', count: 1, aumFen: 500 * WAN },
      ]),
    );
  });

  it('a cell opens its customers in the list', async () => {
    const page = await getCustomersPage(ctx, {
      month: '2024-04',
      sort: { field: 'customerNo', direction: 'asc' },
      filter: { tierCodes: ['T3'], segment: { lifecycle: 'growth' } },
      cursor: null,
      limit: 10,
    });
    expect(page.rows.map((r) => r.customerNo)).toEqual(['B']);
  });
});

describe('dimension settings', () => {
  const priorityOfA = async () =>
    getSegmentGrid(ctx, '2024-04', 'tier', 'priority').cells.find((c) => c.row === 'T4')?.column;

  it('a changed trend threshold applies at once, without a recompute, and is audited', async () => {
    const before = ctx.store.sqlite.prepare('SELECT month, columns FROM tier_snapshots ORDER BY month').all();
    expect(getSegmentGrid(ctx, '2024-04', 'tier', 'lifecycle').cells).toContainEqual({
      row: 'T3',
      column: 'growth',
      count: 1,
      aumFen: 500 * WAN,
    });
    const result = await saveDimensionSettings(ctx, { ...DEFAULT_DIMENSION_SETTINGS, trendShare: 0.8 }, 'B01');
    expect(result).toEqual({ recomputed: false });
    expect(getSegmentGrid(ctx, '2024-04', 'tier', 'lifecycle').cells).toContainEqual({
      row: 'T3',
      column: 'mature',
      count: 1,
      aumFen: 500 * WAN,
    });
    expect(getDimensionSettings(ctx).settings.trendShare).toBe(0.8);
    expect(ctx.store.sqlite.prepare('SELECT month, columns FROM tier_snapshots ORDER BY month').all()).toEqual(before);
    expect(ctx.store.sqlite.prepare('SELECT actor, action FROM audit_log').all()).toEqual([
      { actor: 'B01', action: 'dimensions.saveSettings' },
    ]);
  });

  it('a changed idle-活期 share re-reads the assets', async () => {
    // A keeps half of its 月日均 in 活期: idle money at the default 30%, so two signals (idle, risk expired) → A.
    ctx.store.sqlite
      .prepare(
        "UPDATE monthly_assets SET deposit_avg = aum_avg, demand_avg = aum_avg / 2 WHERE customer_id = (SELECT id FROM customers WHERE customer_no = 'A')",
      )
      .run();
    await recomputeTiers(ctx.store.sqlite, ctx.now());
    expect(await priorityOfA()).toBe('A');
    expect(await saveDimensionSettings(ctx, { ...DEFAULT_DIMENSION_SETTINGS, idleDemandShare: 0.6 }, null)).toEqual({
      recomputed: true,
    });
    expect(await priorityOfA()).toBe('B');
  });

  it('rejects inconsistent or out-of-range thresholds naming the field, and a cancelled change keeps the old ones', async () => {
    const bad = await dispatch(ctx, testSession(), 'jobs.start', {
      request: {
        kind: 'dimensions.saveSettings',
        settings: { ...DEFAULT_DIMENSION_SETTINGS, depthMediumMax: 1 },
      },
    });
    expect(bad).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', details: { field: 'request.settings.depthMediumMax' } },
    });
    const share = await dispatch(ctx, testSession(), 'jobs.start', {
      request: {
        kind: 'dimensions.saveSettings',
        settings: { ...DEFAULT_DIMENSION_SETTINGS, idleDemandShare: 1.5 },
      },
    });
    expect(share).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', details: { field: 'request.settings.idleDemandShare' } },
    });

    const controller = new AbortController();
    controller.abort();
    await expect(
      saveDimensionSettings(ctx, { ...DEFAULT_DIMENSION_SETTINGS, idleDemandShare: 0.5 }, null, {
        signal: controller.signal,
        report: () => undefined,
      }),
    ).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(getDimensionSettings(ctx).settings).toEqual(DEFAULT_DIMENSION_SETTINGS);
  });
});
