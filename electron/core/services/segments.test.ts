import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, seedBranch } from '../../../tests/helpers/branch';
import { getCustomersPage } from './customers';
import { getSegmentGrid } from './segments';
import { recomputeTiers } from './tier-recompute';

const WAN = 1_000_000;
let ctx: ReturnType<typeof createTestContext>;

beforeEach(async () => {
  ctx = createTestContext();
  seedBranch(ctx.store, [
    // 私行, steady, 1 category, risk assessed long ago → 浅, priority B (risk expired), 成熟.
    { customer_no: 'A', name: '甲', opened_date: '2015-01-01', risk_level: 'C4', risk_assessed_date: '2020-01-01', assets: { '2024-01': 700 * WAN, '2024-02': 700 * WAN, '2024-03': 700 * WAN, '2024-04': 700 * WAN } },
    // 钻石, growing fast, near 私行 → 成长, priority A (inflow + near next tier), risk valid.
    { customer_no: 'B', name: '乙', opened_date: '2015-01-01', risk_level: 'C3', risk_assessed_date: '2024-02-01', assets: { '2024-01': 300 * WAN, '2024-02': 330 * WAN, '2024-03': 400 * WAN, '2024-04': 500 * WAN } },
    // Closed in April → 流失.
    { customer_no: 'C', name: '丙', opened_date: '2015-01-01', closed_date: '2024-04-10', risk_level: 'C2', risk_assessed_date: '2024-01-01', assets: { '2024-01': 8 * WAN } },
  ]);
  await recomputeTiers(ctx.store.sqlite, ctx.now());
});
afterEach(() => ctx.store.close());

describe('segment grid', () => {
  it('counts customers and 月日均 for two dimensions of a month', async () => {
    const grid = getSegmentGrid(ctx, '2024-04', 'tier', 'lifecycle');
    expect(grid.rows.values.map((v) => v.label)).toEqual(['私人银行客户', '钻石客户', '白金客户', '金卡客户', '大众客户', '数据缺失']);
    expect(grid.columns.values.map((v) => v.label)).toEqual(['新客', '成长', '成熟', '衰退', '流失']);
    expect(grid.cells).toEqual(
      expect.arrayContaining([
        { row: 'T4', column: 'mature', count: 1, aumFen: 700 * WAN },
        { row: 'T3', column: 'growth', count: 1, aumFen: 500 * WAN },
        { row: 'T1', column: 'churned', count: 1, aumFen: 0 },
      ]),
    );
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
