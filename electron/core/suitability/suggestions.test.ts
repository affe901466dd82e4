import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { callAs, createTestContext, seedBranch, testSession } from '../../../tests/helpers/branch';
import { recomputeTiers } from '../tiers/tier-recompute';
import type { Channel } from '../../../shared/contract';
import type { CustomerSuggestions } from '../../../shared/schemas/suitability';
import type { Session } from '../trust/auth';

let ctx: ReturnType<typeof createTestContext>;

/**
 * The data month is 2024-03 (as of 2024-03-31); all five customers are in one tier. 王芳 (C3) has 62% of her 月日均 in
 * 活期 and 50.00万 of 理财 maturing on 2024-05-20; 李强's assessment expired on 2024-03-30; 赵敏 was never assessed;
 * 孙丽 and 周杰 hold 稳利90天 (two of the tier's five).
 */
beforeEach(async () => {
  ctx = createTestContext();
  const assets = { '2024-03': 100 * 1_000_000 };
  const assessed = (no: string, name: string, date: string) => ({
    customer_no: no,
    name,
    manager_code: 'M01',
    risk_level: 'C3' as const,
    risk_assessed_date: date,
    assets,
  });
  seedBranch(
    ctx.store,
    [
      assessed('C01', '王芳', '2024-01-15'),
      assessed('C02', '李强', '2023-03-30'),
      { customer_no: 'C03', name: '赵敏', manager_code: 'M01', assets },
      assessed('C04', '孙丽', '2024-02-01'),
      { ...assessed('C05', '周杰', '2024-02-01'), manager_code: 'M02' },
    ],
    [
      { code: 'M01', name: '周文静', role: 'manager' },
      { code: 'M02', name: '吴海', role: 'manager' },
      { code: 'T01', name: '柜员甲', role: 'teller' },
    ],
  );
  const { sqlite } = ctx.store;
  const product = sqlite.prepare(
    'INSERT INTO products (code, name, type, risk_level, sale_start, sale_end) VALUES (?, ?, ?, ?, ?, ?)',
  );
  for (const p of [
    ['W1', '稳利90天', '理财', 'R2', null, null],
    ['D1', '大额存单', '存款', 'R1', '2024-01-01', '2024-12-31'],
    ['F3', '均衡配置', '基金', 'R3', null, null],
    ['F4', '成长混合', '基金', 'R4', null, null],
    ['E1', '已停售理财', '理财', 'R1', '2023-01-01', '2024-03-30'],
  ])
    product.run(...p);
  const hold = sqlite.prepare(
    `INSERT INTO holdings (customer_id, product_key, product_code, product_name, product_type, amount, maturity_date)
     SELECT id, ?, ?, ?, ?, ?, ? FROM customers WHERE customer_no = ?`,
  );
  hold.run('X9', 'X9', '季季红', '理财', 50_000_000, '2024-05-20', 'C01');
  hold.run('W1', 'W1', '稳利90天', '理财', 1_000_000, null, 'C04');
  hold.run('W1', 'W1', '稳利90天', '理财', 1_000_000, null, 'C05');
  sqlite
    .prepare(
      "UPDATE monthly_assets SET demand_avg = aum_avg * 62 / 100 WHERE customer_id = (SELECT id FROM customers WHERE customer_no = 'C01')",
    )
    .run();
  await recomputeTiers(sqlite, ctx.now());
});
afterEach(() => ctx.store.close());

const as = (who: Session, channel: Channel, input: unknown) => callAs(ctx, who, channel, input);
const manager = testSession('M01', 'manager', '周文静');
const teller = testSession('T01', 'teller', '柜员甲');
const suggestions = (who: Session, customerNo: string): Promise<CustomerSuggestions> =>
  as(who, 'suitability.suggestions', { customerNo });

describe('a customer’s product suggestions', () => {
  it('ranks the products on sale within the level and not held, each with one reason', async () => {
    const got = await suggestions(manager, 'C01');
    expect(got).toMatchObject({ month: '2024-03', asOf: '2024-03-31', unavailable: null });
    expect(got.suggestions).toEqual([
      {
        productCode: 'W1',
        productName: '稳利90天',
        productType: '理财',
        productRisk: 'R2',
        score: 74.8,
        reason: { signal: 'maturing', amountFen: 50_000_000, type: '理财' },
      },
      expect.objectContaining({
        productCode: 'D1',
        score: 24.8,
        reason: { signal: 'idle', share: 0.62, type: '存款' },
      }),
      expect.objectContaining({ productCode: 'F3', score: 0, reason: { signal: 'fits', risk: 3 } }),
    ]);
  });

  it('leaves out what the customer holds; nothing else speaks for the rest', async () => {
    const got = await suggestions(manager, 'C04');
    expect(got.suggestions.map((s) => [s.productCode, s.reason])).toEqual([
      ['D1', { signal: 'fits', risk: 1 }],
      ['F3', { signal: 'fits', risk: 3 }],
    ]);
  });

  it.each([
    ['C02', 'expired'],
    ['C03', 'unassessed'],
  ])('%s gets none, with the reason (%s)', async (no, why) => {
    expect(await suggestions(manager, no)).toMatchObject({ unavailable: why, suggestions: [] });
  });

  it('a teller sees the products and reasons, without the score or amounts', async () => {
    const got = await suggestions(teller, 'C01');
    expect(got.suggestions[0]).toMatchObject({
      productCode: 'W1',
      score: null,
      reason: { signal: 'maturing', amountFen: null },
    });
  });

  it('the same-tier share comes from the tier: 2 of 5 hold 稳利90天', async () => {
    ctx.store.sqlite.prepare("DELETE FROM holdings WHERE product_code = 'X9'").run();
    const got = await suggestions(manager, 'C01');
    expect(got.suggestions[0]).toMatchObject({ productCode: 'W1', score: 44.8 });
    ctx.store.sqlite.prepare('UPDATE monthly_assets SET demand_avg = 0').run();
    expect((await suggestions(manager, 'C01')).suggestions[0]).toMatchObject({
      productCode: 'W1',
      score: 20,
      reason: { signal: 'peers', share: 0.4 },
    });
  });

  it('an unknown customer is refused naming the number', async () => {
    await expect(suggestions(manager, 'NOPE')).rejects.toThrow(/NOT_FOUND.*NOPE/);
  });
});
