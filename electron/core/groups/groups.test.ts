import { afterEach, describe, expect, it } from 'vitest';
import { createTestContext, seedBranch, type TestCustomer, testSession } from '../../../tests/helpers/branch';
import { dispatch } from '../dispatch';
import { getGroupReport } from './groups';
import { getCustomersCount, getCustomersPage } from '../customers/customers';
import { recomputeTiers } from '../tiers/tier-recompute';
import { saveSegment } from '../segments/saved-segments';
import type { GroupDimension } from '../../../shared/schemas/groups';

const WAN = 1_000_000;
const JAN = '2011-01';
let ctx: ReturnType<typeof createTestContext>;
afterEach(() => ctx.store.close());

async function branch(customers: TestCustomer[]) {
  ctx = createTestContext();
  seedBranch(ctx.store, customers, [
    { code: 'M01', name: '周文静', role: 'manager' },
    { code: 'M02', name: '吴海', role: 'manager' },
  ]);
  await recomputeTiers(ctx.store.sqlite, ctx.now());
}

/** Seed 002's January: 72 private-banking customers (≥ 500万) by AUM band and by age on 2011-01-31. */
function paperJanuary(): TestCustomer[] {
  const bands: Array<[number, number]> = [
    [550, 20],
    [650, 16],
    [750, 11],
    [850, 8],
    [950, 9],
    [1500, 8],
  ];
  const ages: Array<[number, number]> = [
    [25, 5],
    [35, 21],
    [45, 26],
    [55, 15],
    [65, 5],
  ];
  const aums = bands.flatMap(([wan, n]) => Array<number>(n).fill(wan));
  const birthYears = ages.flatMap(([age, n]) => Array<number>(n).fill(2010 - age));
  const customers: TestCustomer[] = aums.map((wan, i) => ({
    customer_no: `P${String(i).padStart(3, '0')}`,
    birth_date: `${birthYears[i]}-06-15`,
    gender: i % 3 === 0 ? 'F' : 'M',
    manager_code: i < 40 ? 'M01' : 'M02',
    assets: { [JAN]: wan * WAN },
  }));
  // Below the threshold: not in the segment.
  customers.push({ customer_no: 'LOW', birth_date: '1980-01-01', assets: { [JAN]: 300 * WAN } });
  return customers;
}

const report = (dimension: GroupDimension, extra: Record<string, unknown> = {}) =>
  getGroupReport(ctx, { month: JAN, thresholdFen: 500 * WAN, dimension, ...extra });
const counts = (rows: Array<{ label: string; count: number }>) =>
  Object.fromEntries(rows.map((r) => [r.label, r.count]));

describe('group characteristics', () => {
  it('reproduces the paper’s AUM bands and age bands', async () => {
    await branch(paperJanuary());
    const bands = await report('aumBand', { bands: 6 });
    expect(bands.count).toBe(72);
    expect(counts(bands.rows)).toEqual({
      '500万–600万': 20,
      '600万–700万': 16,
      '700万–800万': 11,
      '800万–900万': 8,
      '900万–1000万': 9,
      '≥1000万': 8,
    });
    const first = bands.rows[0];
    expect(first).toMatchObject({ aumFen: 20 * 550 * WAN, averageFen: 550 * WAN, medianFen: 550 * WAN });
    expect(first.share).toBeCloseTo(20 / 72, 10);
    const ages = await report('age');
    expect(counts(ages.rows)).toEqual({ '<30岁': 5, '30–40岁': 21, '40–50岁': 26, '50–60岁': 15, '≥60岁': 5 });
    expect(ages.referenceDate).toBe('2011-01-31');
  });

  it('tabulates the other dimensions, with names for codes and unknowns last', async () => {
    await branch(paperJanuary());
    expect(counts((await report('gender')).rows)).toEqual({ 男: 48, 女: 24 });
    expect(counts((await report('manager')).rows)).toEqual({ 周文静: 40, 吴海: 32 });
    expect(counts((await report('risk')).rows)).toMatchObject({ 未评估: 72, C1: 0 });
    expect((await report('income')).rows.at(-1)).toMatchObject({ label: '未知', count: 72 });
    // Band width and count are the user's: 200万 wide, 3 bands, the last from 900万 up.
    expect(counts((await report('aumBand', { bandWidthFen: 200 * WAN, bands: 3 })).rows)).toEqual({
      '500万–700万': 36,
      '700万–900万': 19,
      '≥900万': 17,
    });
    // 区间数 N gives N rows, whatever N.
    for (const bands of [1, 3, 5, 10]) expect((await report('aumBand', { bands })).rows).toHaveLength(bands);
  });

  it('measures concentration: Pareto shares and the Lorenz curve', async () => {
    await branch(paperJanuary());
    const { pareto, lorenz, aumFen: total } = await report('aumBand');
    const aumFen = total as number;
    // The top 1% of 72 customers is 1 customer (1500万); the top 10% is 7 (all at 1500万).
    expect(pareto[0]).toEqual({ topShare: 0.01, aumShare: (1500 * WAN) / aumFen });
    expect(pareto[2].aumShare).toBeCloseTo((7 * 1500 * WAN) / aumFen, 10);
    expect(lorenz[0]).toEqual({ customers: 0, aum: 0 });
    expect(lorenz[20]).toEqual({ customers: 1, aum: 1 });
    expect(lorenz.every((p, i) => i === 0 || (p.aum >= lorenz[i - 1].aum && p.aum <= p.customers + 1e-12))).toBe(true);
  });

  it('counts a tier’s customers in 观察 below its threshold in their own band', async () => {
    await branch([
      { customer_no: 'A', assets: { '2011-01': 700 * WAN, '2011-02': 580 * WAN } }, // 私人银行, 观察
      { customer_no: 'B', assets: { '2011-01': 650 * WAN, '2011-02': 650 * WAN } },
    ]);
    const bands = await getGroupReport(ctx, { month: '2011-02', tierCode: 'T4', dimension: 'aumBand' });
    expect(bands.segment).toEqual({
      tierCode: 'T4',
      tierName: '私人银行客户',
      thresholdFen: 600 * WAN,
      savedSegmentName: null,
    });
    expect(counts(bands.rows)).toEqual({
      '低于门槛（观察中）': 1,
      '600万–700万': 1,
      '700万–800万': 0,
      '800万–900万': 0,
      '900万–1000万': 0,
      '≥1000万': 0,
    });
  });

  it('opens the customers of any cell', async () => {
    await branch(paperJanuary());
    for (const dimension of ['aumBand', 'age', 'gender', 'manager'] as const) {
      const { rows } = await report(dimension);
      for (const row of rows) {
        const filter = { group: { month: JAN, thresholdFen: 500 * WAN, dimension, key: row.key } };
        expect((await getCustomersCount(ctx, { month: JAN, filter })).total).toBe(row.count);
      }
    }
    const page = await getCustomersPage(ctx, {
      month: JAN,
      sort: { field: 'aum', direction: 'desc' },
      filter: { group: { month: JAN, thresholdFen: 500 * WAN, dimension: 'aumBand', bands: 6, key: '≥1000万' } },
      cursor: null,
      limit: 50,
    });
    expect(page.rows.map((r) => r.aumFen)).toEqual(Array(8).fill(1500 * WAN));
  });

  it('names a month without data and refuses a query without a segment', async () => {
    await branch(paperJanuary());
    await expect(report('age', { month: '2010-12' })).rejects.toThrow('2010-12 没有资产数据');
    const neither = await dispatch(ctx, testSession(), 'groups.report', { month: JAN, dimension: 'age' });
    expect(neither).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: expect.stringContaining('三选一') },
    });
  });

  it('analyses a saved segment (a customer-list filter) in the month, and opens its cells', async () => {
    await branch(paperJanuary());
    const { id } = await saveSegment(ctx, {
      name: '周文静 300万以上',
      filter: { managerCode: 'M01', aumMinFen: 300 * WAN },
      replace: false,
      staffCode: null,
    });
    const byAge = await getGroupReport(ctx, { month: JAN, dimension: 'age', savedSegmentId: id });
    expect(byAge.segment).toEqual({
      tierCode: null,
      tierName: null,
      thresholdFen: 300 * WAN,
      savedSegmentName: '周文静 300万以上',
    });
    expect(byAge.count).toBe(40);
    const byManager = await getGroupReport(ctx, { month: JAN, dimension: 'manager', savedSegmentId: id });
    expect(byManager.rows.map((r) => [r.label, r.count])).toEqual([['周文静', 40]]);
    for (const row of byAge.rows) {
      const filter = { group: { month: JAN, savedSegmentId: id, dimension: 'age' as const, key: row.key } };
      expect((await getCustomersCount(ctx, { month: JAN, filter })).total).toBe(row.count);
    }
    // A segment that is itself a group cell would analyse itself: refused; a deleted one is named.
    const nested = await saveSegment(ctx, {
      name: '嵌套',
      filter: { group: { month: JAN, savedSegmentId: id, dimension: 'age', key: '30–40岁' } },
      replace: false,
      staffCode: null,
    });
    await expect(getGroupReport(ctx, { month: JAN, dimension: 'age', savedSegmentId: nested.id })).rejects.toThrow(
      '本身含群体特征条件',
    );
    await expect(getGroupReport(ctx, { month: JAN, dimension: 'age', savedSegmentId: 999 })).rejects.toThrow(
      '找不到该已存细分',
    );
  });
});
