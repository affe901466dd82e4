import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { callAs, createTestContext, seedBranch, testSession } from '../../../tests/helpers/branch';
import { dispatch } from '../dispatch';
import { recomputeTiers } from '../tiers/tier-recompute';
import type { Channel } from '../../../shared/contract';
import type { Session } from '../trust/auth';

let ctx: ReturnType<typeof createTestContext>;

/** Today is 2024-04-10. 王芳 (C3, valid) holds R2 and R4; 李强 (C2, day 366 on 2024-03-31) holds R2; 赵敏 (never
 * assessed) holds R1; 孙丽 (C4, valid through 2024-04-20) holds a product not in the catalogue; 周杰 (C5) holds nothing. */
beforeEach(async () => {
  ctx = createTestContext();
  const assets = { '2024-03': 100 * 1_000_000 };
  seedBranch(
    ctx.store,
    [
      {
        customer_no: 'C01',
        name: '王芳',
        manager_code: 'M01',
        risk_level: 'C3',
        risk_assessed_date: '2024-01-15',
        assets,
      },
      {
        customer_no: 'C02',
        name: '李强',
        manager_code: 'M01',
        risk_level: 'C2',
        risk_assessed_date: '2023-03-30',
        assets,
      },
      { customer_no: 'C03', name: '赵敏', manager_code: 'M02', assets },
      {
        customer_no: 'C04',
        name: '孙丽',
        manager_code: 'M02',
        risk_level: 'C4',
        risk_assessed_date: '2023-04-21',
        assets,
      },
      {
        customer_no: 'C05',
        name: '周杰',
        manager_code: null,
        risk_level: 'C5',
        risk_assessed_date: '2023-04-15',
        assets,
      },
    ],
    [
      { code: 'M01', name: '周文静', role: 'manager' },
      { code: 'M02', name: '吴海', role: 'manager' },
      { code: 'T01', name: '柜员甲', role: 'teller' },
    ],
  );
  const { sqlite } = ctx.store;
  const product = sqlite.prepare('INSERT INTO products (code, name, risk_level) VALUES (?, ?, ?)');
  for (const p of [
    ['P1', '活期宝', 'R1'],
    ['P2', '稳利90天', 'R2'],
    ['P4', '成长混合', 'R4'],
  ])
    product.run(...p);
  const hold = sqlite.prepare(
    'INSERT INTO holdings (customer_id, product_key, product_code, product_name, amount) SELECT id, ?, ?, ?, 500000 FROM customers WHERE customer_no = ?',
  );
  for (const [no, code, name] of [
    ['C01', 'P2', '稳利90天'],
    ['C01', 'P4', '成长混合'],
    ['C02', 'P2', '稳利90天'],
    ['C03', 'P1', '活期宝'],
    ['C04', 'X9', '代销信托'],
  ])
    hold.run(code, code, name, no);
  await recomputeTiers(sqlite, ctx.now());
});
afterEach(() => ctx.store.close());

const as = (who: Session, channel: Channel, input: unknown) => callAs(ctx, who, channel, input);
const branchManager = testSession('B01', 'branch_manager', '支行长');
const manager = testSession('M01', 'manager', '周文静');
const teller = testSession('T01', 'teller', '柜员甲');

describe('the 适当性检查 screen', () => {
  it('counts customers by their worst finding, in all and per manager, as of the data month end', async () => {
    const overview = (await as(branchManager, 'suitability.overview', { month: '2024-03' })) as {
      asOf: string;
      customers: number;
      holdings: number;
      counts: Record<string, number>;
      managers: Array<{ managerCode: string | null; managerName: string | null; counts: Record<string, number> }>;
    };
    // As of 2024-03-31 李强's assessment (2023-03-30) is 367 days old; 孙丽's is still valid.
    expect(overview).toMatchObject({ asOf: '2024-03-31', customers: 4, holdings: 5 });
    expect(overview.counts).toEqual({ aboveLevel: 1, unassessed: 1, expired: 1, unknownProduct: 1, suitable: 0 });
    expect(overview.managers.map((m) => [m.managerCode, m.managerName, m.counts.aboveLevel, m.counts.expired])).toEqual(
      [
        ['M01', '周文静', 1, 1],
        ['M02', '吴海', 0, 0],
      ],
    );
    const mine = (await as(manager, 'suitability.overview', { month: '2024-03', managerCode: 'M02' })) as {
      customers: number;
    };
    expect(mine.customers).toBe(2); // a 客户经理 without the branch view gets their own book whatever they ask
  });

  it('opens each count on its customers, masked for a teller', async () => {
    const above = (await as(branchManager, 'suitability.customers', { month: '2024-03', finding: 'aboveLevel' })) as {
      rows: Array<{ customerNo: string; name: string; aboveLevel: string[]; validUntil: string }>;
    };
    expect(above.rows).toMatchObject([
      { customerNo: 'C01', name: '王芳', aboveLevel: ['成长混合'], validUntil: '2025-01-14' },
    ]);
    const shown = (await as(teller, 'suitability.customers', { month: '2024-03', finding: 'aboveLevel' })) as {
      rows: Array<{ name: string }>;
    };
    expect(shown.rows[0].name).toBe('王*');
  });
});

describe('group analysis', () => {
  it('has 适当性 as a dimension: each customer by their worst finding as of the month end; a cell opens its customers', async () => {
    const query = { month: '2024-03', thresholdFen: 1, dimension: 'suitability' };
    const report = (await as(branchManager, 'groups.report', query)) as {
      rows: Array<{ key: string; label: string; count: number }>;
    };
    expect(report.rows.map((r) => [r.label, r.count])).toEqual([
      ['超出风险等级', 1],
      ['未评估', 1],
      ['评估过期', 1],
      ['产品不在目录', 1],
      ['适当', 0],
      ['未持有产品', 1],
    ]);
    const page = (await as(branchManager, 'customers.page', {
      month: '2024-03',
      sort: { field: 'customerNo', direction: 'asc' },
      filter: { group: { ...query, key: 'aboveLevel' } },
      cursor: null,
      limit: 50,
    })) as { rows: Array<{ customerNo: string }> };
    expect(page.rows.map((r) => r.customerNo)).toEqual(['C01']);
  });
});

describe('the card', () => {
  it('lists each holding with its check, as of today; a teller sees no amount', async () => {
    const card = (await as(branchManager, 'suitability.customer', { customerNo: 'C01' })) as {
      finding: string;
      holdings: Array<{ productCode: string; productRisk: string; finding: string; amountFen: number | null }>;
    };
    expect(card.finding).toBe('aboveLevel');
    expect(card.holdings.map((h) => [h.productCode, h.productRisk, h.finding, h.amountFen])).toEqual([
      ['P2', 'R2', 'suitable', 500000],
      ['P4', 'R4', 'aboveLevel', 500000],
    ]);
    const told = (await as(teller, 'suitability.customer', { customerNo: 'C01' })) as {
      holdings: Array<{ amountFen: number | null }>;
    };
    expect(told.holdings.map((h) => h.amountFen)).toEqual([null, null]);
  });

  it('records an assessment (audited); a date after today or a level without its date is refused naming the field', async () => {
    expect(
      await as(manager, 'suitability.recordAssessment', {
        customerNo: 'C01',
        riskLevel: 'C4',
        assessedDate: '2024-04-10',
        channel: '柜面',
        professional: false,
      }),
    ).toEqual({ validUntil: '2025-04-10' });
    const card = (await as(manager, 'suitability.customer', { customerNo: 'C01' })) as { finding: string };
    expect(card.finding).toBe('suitable');
    const overview = (await as(branchManager, 'suitability.overview', { month: '2024-04' })) as {
      counts: Record<string, number>;
    };
    expect(overview.counts.aboveLevel).toBe(0); // the kept check was made stale by the write
    const audit = ctx.store.sqlite
      .prepare("SELECT actor, target, detail FROM audit_log WHERE action = 'suitability.recordAssessment'")
      .get() as { actor: string; target: string; detail: string };
    expect(audit).toMatchObject({ actor: 'M01', target: 'C01' });
    expect(JSON.parse(audit.detail)).toMatchObject({ from: { level: 'C3' }, to: { level: 'C4' } });

    const refused = async (input: object) => {
      const result = await dispatch(ctx, manager, 'suitability.recordAssessment', {
        customerNo: 'C02',
        channel: null,
        professional: false,
        ...input,
      });
      return result.ok
        ? null
        : { code: result.error.code, message: result.error.message, details: result.error.details };
    };
    expect(await refused({ riskLevel: 'C3', assessedDate: '2024-04-11' })).toEqual({
      code: 'VALIDATION',
      message: '风险评估日期 2024-04-11 晚于今天 2024-04-10',
      details: { field: 'assessedDate' },
    });
    expect(await refused({ riskLevel: 'C3', assessedDate: null })).toMatchObject({
      details: { field: 'assessedDate' },
    });
    // Another book's customer: refused whatever the branch view.
    expect(
      (
        await dispatch(ctx, manager, 'suitability.recordAssessment', {
          customerNo: 'C03',
          riskLevel: 'C3',
          assessedDate: '2024-04-01',
          channel: null,
          professional: false,
        })
      ).ok,
    ).toBe(false);
  });
});

describe('the branch setting', () => {
  it('decides what each level may hold; saving it (audited) rechecks at once', async () => {
    const above = async () =>
      ((await as(branchManager, 'suitability.overview', { month: '2024-03' })) as { counts: Record<string, number> })
        .counts.aboveLevel;
    expect(await above()).toBe(1);
    const settings = (await as(branchManager, 'suitability.settings', {})) as {
      maxProductRisk: Record<string, number>;
      professionalMaxRisk: number;
    };
    expect(settings).toEqual({
      maxProductRisk: { C1: 1, C2: 2, C3: 3, C4: 4, C5: 5 },
      professionalMaxRisk: 5,
      requireDualRecording: true,
    });
    await as(branchManager, 'suitability.saveSettings', {
      settings: { ...settings, maxProductRisk: { ...settings.maxProductRisk, C3: 4 } },
    });
    expect(await above()).toBe(0);
    expect(
      ctx.store.sqlite
        .prepare("SELECT count(*) FROM audit_log WHERE action = 'suitability.saveSettings'")
        .pluck()
        .get(),
    ).toBe(1);
    const refused = await dispatch(ctx, branchManager, 'suitability.saveSettings', {
      settings: { ...settings, professionalMaxRisk: 6 },
    });
    expect(refused.ok).toBe(false);
  });
});

describe('the workbench', () => {
  it("lists my book's assessments expiring within 30 days and my mismatches, as of today", async () => {
    const bench = (await as(branchManager, 'suitability.bench', {})) as {
      expiring: { rows: Array<{ customerNo: string; validUntil: string }> };
      mismatches: { rows: Array<{ customerNo: string }> };
    };
    // 365 days on (2024 has a 29 February): 孙丽 valid through 2024-04-20, 周杰 through 2024-04-14 (no holdings: listed all the same).
    expect(bench.expiring.rows.map((r) => [r.customerNo, r.validUntil])).toEqual([
      ['C05', '2024-04-14'],
      ['C04', '2024-04-20'],
    ]);
    expect(bench.mismatches.rows.map((r) => r.customerNo)).toEqual(['C01']);
    const mine = (await as(manager, 'suitability.bench', {})) as { expiring: { total: number } };
    expect(mine.expiring.total).toBe(0);
  });
});
