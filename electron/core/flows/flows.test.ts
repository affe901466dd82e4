import { afterEach, describe, expect, it } from 'vitest';
import { createTestContext, seedBranch, type TestCustomer, testSession } from '../../../tests/helpers/branch';
import { dispatch } from '../dispatch';
import { getCustomersPage } from '../customers/customers';
import { getFlowBreakdown, getFlowReport, flowMembers } from './flows';
import { recomputeTiers } from '../tiers/tier-recompute';
import type { FlowGroupName } from '../../../shared/schemas/flows';

const WAN = 1_000_000;
const THRESHOLD = 500 * WAN;
const A = '2024-01';
const B = '2024-05';
/** 月日均 at A and B in 万元 (null = no row that month). */
const at = (a: number | null, b: number | null) => ({
  ...(a === null ? {} : { [A]: a * WAN }),
  ...(b === null ? {} : { [B]: b * WAN }),
});

let ctx: ReturnType<typeof createTestContext>;
afterEach(() => ctx.store.close());

async function branch(customers: TestCustomer[]) {
  ctx = createTestContext();
  seedBranch(ctx.store, customers);
  await recomputeTiers(ctx.store.sqlite, ctx.now());
}

const ID_X = '110105198001011234';

/** Every group known by construction (threshold 500万). */
const THRESHOLD_BRANCH: TestCustomer[] = [
  { customer_no: 'R1', assets: at(600, 700) },
  { customer_no: 'R2', assets: at(520, 510) },
  { customer_no: 'L1', assets: at(550, 300) },
  { customer_no: 'L2', assets: at(800, 0.05), closed_date: '2024-04-20' },
  { customer_no: 'L3', assets: at(900, null) },
  { customer_no: 'L4', assets: at(700, null), id_number: ID_X },
  { customer_no: 'N4', assets: at(null, 750), id_number: ID_X, opened_date: '2024-03-01' },
  { customer_no: 'N1', assets: at(400, 600), wealth: { [B]: 50 * WAN } },
  { customer_no: 'N2', assets: at(450, 560), wealth: { [A]: 10 * WAN, [B]: 150 * WAN } },
  { customer_no: 'N3', assets: at(null, 800), wealth: { [B]: 400 * WAN }, opened_date: '2024-02-10' },
  { customer_no: 'O1', assets: at(100, 200) },
];

const numbersOf = (query: Parameters<typeof flowMembers>[1], group: FlowGroupName) => {
  const ids = flowMembers(ctx, query, group);
  return ctx.store.sqlite
    .prepare(`SELECT customer_no FROM customers WHERE id IN (${ids.join(',') || 'NULL'}) ORDER BY customer_no`)
    .pluck()
    .all();
};

describe('two-period analysis (threshold 月日均 ≥ 500万)', () => {
  const query = { fromMonth: A, toMonth: B, thresholdFen: THRESHOLD };

  it('reports every group with counts and 月日均 at both months', async () => {
    await branch(THRESHOLD_BRANCH);
    const report = getFlowReport(ctx, query);
    const g = report.groups;
    expect(g.start).toEqual({ count: 6, aumAFen: 4070 * WAN, aumBFen: 0 });
    expect(g.end).toEqual({ count: 6, aumAFen: 0, aumBFen: 3920 * WAN });
    expect(g.retained).toEqual({ count: 3, aumAFen: (600 + 520 + 700) * WAN, aumBFen: (700 + 510 + 750) * WAN });
    expect(g.lost).toEqual({ count: 3, aumAFen: (550 + 800 + 900) * WAN, aumBFen: (300 + 0.05) * WAN });
    expect(g.lostDown.count).toBe(1);
    expect(g.lostChurned).toEqual({ count: 2, aumAFen: 1700 * WAN, aumBFen: 0.05 * WAN });
    expect(g.lostUp.count).toBe(0);
    expect(g.new).toEqual({ count: 3, aumAFen: 850 * WAN, aumBFen: 1960 * WAN });
    expect(g.newUp.count).toBe(2);
    expect(g.newOpened.count).toBe(1);
    expect(g.viaWealth).toEqual({ count: 2, aumAFen: 450 * WAN, aumBFen: 1360 * WAN });
    expect(report.viaWealthRiseFen).toBe((140 + 400) * WAN);
    expect(report.net).toEqual({ count: 0, aumFen: -150 * WAN });
    expect(report.renumbered).toEqual([{ fromCustomerNo: 'L4', toCustomerNo: 'N4' }]);
    // start = retained + lost (the renumbered customer once); end = retained + new.
    expect(g.start.count).toBe(g.retained.count + g.lost.count);
    expect(g.end.count).toBe(g.retained.count + g.new.count);
  });

  it('lists the customers of each group', async () => {
    await branch(THRESHOLD_BRANCH);
    expect(numbersOf(query, 'retained')).toEqual(['N4', 'R1', 'R2']);
    expect(numbersOf(query, 'lostChurned')).toEqual(['L2', 'L3']);
    expect(numbersOf(query, 'viaWealth')).toEqual(['N2', 'N3']);
    expect(numbersOf(query, 'start')).toEqual(['L1', 'L2', 'L3', 'L4', 'R1', 'R2']);
    // The same through the customer list (what a click on a number opens).
    const page = await getCustomersPage(ctx, {
      month: A,
      sort: { field: 'customerNo', direction: 'asc' },
      filter: { migration: { ...query, group: 'lostChurned' } },
      cursor: null,
      limit: 50,
    });
    expect(page.rows.map((r) => r.customerNo)).toEqual(['L2', 'L3']);
  });

  it('names a month without data instead of reporting zeros', async () => {
    await branch(THRESHOLD_BRANCH); // 2024-02 … 04 have no rows
    expect(() => getFlowReport(ctx, { ...query, toMonth: '2024-03' })).toThrow(/2024-03 没有资产数据/);
    expect(() => getFlowReport(ctx, { ...query, toMonth: '2024-09' })).toThrow(/2024-09 没有资产数据/);
  });

  it('refuses A after B and a query with neither or both of tier and threshold', async () => {
    await branch(THRESHOLD_BRANCH);
    const later = await dispatch(ctx, testSession(), 'flows.report', {
      fromMonth: B,
      toMonth: A,
      thresholdFen: THRESHOLD,
    });
    expect(later).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: expect.stringContaining('起始月份应早于结束月份') },
    });
    const neither = await dispatch(ctx, testSession(), 'flows.report', { fromMonth: A, toMonth: B });
    expect(neither).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: expect.stringContaining('二选一') },
    });
    const unknown = await dispatch(ctx, testSession(), 'flows.report', {
      fromMonth: A,
      toMonth: B,
      tierCode: 'T9',
    });
    expect(unknown).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: expect.stringContaining('没有层级 T9') },
    });
  });
});

describe('two-period analysis by risk level and by holding a product above it', () => {
  it('counts each group by the assessed level (未评估 without one) and by a holding above the level at B', async () => {
    await branch(
      THRESHOLD_BRANCH.map((c) =>
        c.customer_no === 'R1'
          ? { ...c, risk_level: 'C2', risk_assessed_date: '2024-03-01' }
          : c.customer_no === 'N1'
            ? { ...c, risk_level: 'C4', risk_assessed_date: '2024-03-01' }
            : c.customer_no === 'L1'
              ? { ...c, risk_level: 'C2', risk_assessed_date: '2024-03-01' }
              : c,
      ),
    );
    const { sqlite } = ctx.store;
    sqlite.prepare("INSERT INTO products (code, name, risk_level) VALUES ('F1', '成长基金', 'R4')").run();
    const id = (no: string) => sqlite.prepare('SELECT id FROM customers WHERE customer_no = ?').pluck().get(no);
    const hold = sqlite.prepare(
      "INSERT INTO holdings (customer_id, product_key, product_code, product_name) VALUES (?, 'F1', 'F1', '成长基金')",
    );
    hold.run(id('R1')); // C2 holding R4: above
    hold.run(id('N1')); // C4 holding R4: within
    const query = { fromMonth: A, toMonth: B, thresholdFen: THRESHOLD };
    const byRisk = getFlowBreakdown(ctx, { ...query, dimension: 'risk' });
    expect(
      byRisk.rows.map((r) => [r.label, r.counts.start, r.counts.retained, r.counts.lost, r.counts.new, r.counts.end]),
    ).toEqual([
      ['C1', 0, 0, 0, 0, 0],
      ['C2', 2, 1, 1, 0, 1],
      ['C3', 0, 0, 0, 0, 0],
      ['C4', 0, 0, 0, 1, 1],
      ['C5', 0, 0, 0, 0, 0],
      ['未评估', 4, 2, 2, 2, 4],
    ]);
    const above = getFlowBreakdown(ctx, { ...query, dimension: 'aboveLevel' });
    expect(above.asOf).toBe('2024-05-31');
    expect(above.rows.map((r) => [r.label, r.counts])).toEqual([
      ['是', { start: 1, retained: 1, lost: 0, new: 0, end: 1 }],
      ['否', { start: 5, retained: 2, lost: 3, new: 3, end: 5 }],
    ]);
    // Every group's count is split, none lost.
    const report = getFlowReport(ctx, query);
    for (const group of ['start', 'retained', 'lost', 'new', 'end'] as const)
      expect(above.rows.reduce((n, r) => n + r.counts[group], 0)).toBe(report.groups[group].count);
  });
});

describe('two-period analysis (assigned tier)', () => {
  // Months 2024-01 … 05 all have data; T2 = 白金 (50万, grace 3), T3 = 钻石 (200万, grace 6).
  const months = (values: number[]) => Object.fromEntries(values.map((v, i) => [`2024-0${i + 1}`, v * WAN]));

  it('splits the lost and the new by where they went and came from', async () => {
    await branch([
      { customer_no: 'STAY', assets: months([60, 40, 40, 60, 60]) }, // watch, back: retained
      { customer_no: 'UP', assets: months([60, 60, 60, 60, 300]) }, // to T3: lost upwards
      { customer_no: 'DOWN', assets: months([60, 10, 10, 10, 10]) }, // grace 3 runs out in April: lost downwards
      { customer_no: 'FROM3', assets: months([250, 100, 100, 100, 100]) }, // T3 in watch 4 months: still T3 in May
      { customer_no: 'RISE', assets: months([20, 20, 20, 20, 80]) }, // T1 → T2: new, upgraded
      // No data for 3 months: keeps its tier (unknown, not zero); 4 months: 无数据, in no tier (churned).
      { customer_no: 'GAP', assets: { '2024-01': 70 * WAN, '2024-02': 70 * WAN } },
      { customer_no: 'GONE', assets: { '2024-01': 70 * WAN } },
      { customer_no: 'SHUT', assets: { '2024-01': 70 * WAN }, closed_date: '2024-02-01' }, // closed: churned
    ]);
    const report = getFlowReport(ctx, { fromMonth: A, toMonth: B, tierCode: 'T2' });
    expect(report.segment).toEqual({ tierCode: 'T2', tierName: '白金客户', thresholdFen: 50 * WAN });
    expect(numbersOf({ fromMonth: A, toMonth: B, tierCode: 'T2' }, 'retained')).toEqual(['GAP', 'STAY']);
    expect(numbersOf({ fromMonth: A, toMonth: B, tierCode: 'T2' }, 'lostChurned')).toEqual(['GONE', 'SHUT']);
    expect(numbersOf({ fromMonth: A, toMonth: B, tierCode: 'T2' }, 'lostUp')).toEqual(['UP']);
    expect(numbersOf({ fromMonth: A, toMonth: B, tierCode: 'T2' }, 'lostDown')).toEqual(['DOWN']);
    expect(numbersOf({ fromMonth: A, toMonth: B, tierCode: 'T2' }, 'newUp')).toEqual(['RISE']);
    expect(report.groups.newDown.count).toBe(0);
    expect(report.net.count).toBe(report.groups.new.count - report.groups.lost.count);
    // The transition matrix covers everyone, not only the tier.
    expect(report.matrix.cells).toEqual(
      expect.arrayContaining([{ from: 'T2', to: 'T3', count: 1, fromAumFen: 60 * WAN, toAumFen: 300 * WAN }]),
    );
  });
});
