import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { callAs, createTestContext, seedBranch, testSession } from '../../../tests/helpers/branch';
import {
  defaultLoyaltyRuleSet,
  type CustomerPoints,
  type PointsAnalysis,
  type PointsAnalysisCustomers,
} from '../../../shared/schemas/loyalty';
import { dispatch } from '../dispatch';
import { recomputeTiers } from '../tiers/tier-recompute';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openStore } from '../platform/connection';
import { createContext } from '../platform/context';
import { pointsMultiplierFor, pointsMultiplierOf } from './loyalty';
import { getPointsAnalysis } from './points-analysis';
import { loyaltySheets } from '../exports/templates/loyalty';
import type { CellValue } from '../exports/report-writer';
import type { ExportRequest } from '../../../shared/schemas/exports';

const WAN = 1_000_000;
let ctx: ReturnType<typeof createTestContext>;
const admin = testSession('A01', 'admin', '管理员');
const boss = testSession('B01', 'branch_manager', '支行长');
const mine = testSession('M01', 'manager', '周文静');
const theirs = testSession('M02', 'manager', '吴海');

/** Today is 2024-04-10. 王芳 (T2 白金, 80万) and 李强 (T0, 3万) are 周文静's; 赵敏 (T3, 300万) is 吴海's. */
beforeEach(async () => {
  ctx = createTestContext();
  const months = (fen: number) => ({ '2024-01': fen, '2024-02': fen, '2024-03': fen });
  seedBranch(
    ctx.store,
    [
      { customer_no: 'C01', name: '王芳', manager_code: 'M01', assets: months(80 * WAN) },
      { customer_no: 'C02', name: '李强', manager_code: 'M01', assets: months(3 * WAN) },
      { customer_no: 'C03', name: '赵敏', manager_code: 'M02', assets: months(300 * WAN) },
    ],
    [
      { code: 'M01', name: '周文静', role: 'manager' },
      { code: 'M02', name: '吴海', role: 'manager' },
      { code: 'B01', name: '支行长', role: 'branch_manager' },
      { code: 'A01', name: '管理员', role: 'admin' },
    ],
  );
  await recomputeTiers(ctx.store.sqlite, ctx.now());
});
afterEach(() => ctx.store.close());

const points = (customerNo: string): Promise<CustomerPoints> => callAs(ctx, boss, 'loyalty.customer', { customerNo });
const ledgerCount = () => ctx.store.sqlite.prepare('SELECT count(*) FROM loyalty_ledger').pluck().get() as number;
const turnOn = () => callAs(ctx, admin, 'loyalty.saveRules', { rules: defaultLoyaltyRuleSet('2024-02') });
const addGift = (stock: number, pointsPrice = 100) =>
  callAs(ctx, admin, 'loyalty.saveGift', { gift: { code: 'G1', name: '保温杯', pointsPrice, stock, active: true } });

describe('the plan', () => {
  it('is off by default: a recompute accrues nothing', async () => {
    await recomputeTiers(ctx.store.sqlite, ctx.now());
    expect(ledgerCount()).toBe(0);
    expect((await points('C01')).enabled).toBe(false);
    expect(pointsMultiplierFor(ctx, '2024-03', 'T2')).toBe(0);
  });

  it('turned on, accrues each month from its version on: full 1万元 units × the tier multiplier; audited', async () => {
    expect(await turnOn()).toMatchObject({ months: 2, earned: 6 });
    // 王芳: 80 units × 1.2 = 96 a month; 李强: 3 × 1; 赵敏: 300 × 1.5 = 450. Two months (2024-02, 2024-03).
    expect((await points('C01')).balance).toBe(192);
    expect((await points('C02')).balance).toBe(6);
    expect((await points('C03')).balance).toBe(900);
    expect(pointsMultiplierFor(ctx, '2024-03', 'T3')).toBe(1.5);
    expect(pointsMultiplierOf(defaultLoyaltyRuleSet('2024-01'), 'T4')).toBe(2);
    const audit = ctx.store.sqlite
      .prepare("SELECT actor, target FROM audit_log WHERE action = 'loyalty.saveRules'")
      .all();
    expect(audit).toEqual([{ actor: 'A01', target: '2024-02' }]);
  });

  it('a version governs its months until the next one: saving an earlier one leaves the later months as they are', async () => {
    await turnOn();
    await callAs(ctx, admin, 'loyalty.saveRules', { rules: { ...defaultLoyaltyRuleSet('2024-03'), pointsPerUnit: 2 } });
    expect((await points('C02')).balance).toBe(3 + 6);
    const summary = await callAs(ctx, admin, 'loyalty.saveRules', {
      rules: { ...defaultLoyaltyRuleSet('2024-02'), pointsPerUnit: 3 },
    });
    expect(summary).toMatchObject({ months: 1 });
    expect((await points('C02')).balance).toBe(9 + 6);
  });

  it('refuses a negative multiplier naming the field; nothing written', async () => {
    const rules = { ...defaultLoyaltyRuleSet('2024-02'), multipliers: [{ tierCode: 'T2', multiplier: -1 }] };
    const result = await dispatch(ctx, admin, 'loyalty.saveRules', { rules });
    expect(result.ok ? null : result.error).toMatchObject({
      code: 'VALIDATION',
      details: { field: 'rules.multipliers.T2' },
    });
    expect(ctx.store.sqlite.prepare('SELECT count(*) FROM loyalty_rule_sets').pluck().get()).toBe(0);
    expect(ledgerCount()).toBe(0);
  });
});

describe('monthly accrual with the tier recompute', () => {
  it('is idempotent: recomputing again writes nothing; a month re-imported reverses its earn and accrues once', async () => {
    await turnOn();
    const before = ledgerCount();
    await recomputeTiers(ctx.store.sqlite, ctx.now());
    expect(ledgerCount()).toBe(before);
    // 2024-03 re-imported: 王芳 now 90万 (T2: 90 × 1.2 = 108).
    ctx.store.sqlite
      .prepare("UPDATE monthly_assets SET aum_avg = ? WHERE month = '2024-03' AND customer_id = 1")
      .run(90 * WAN);
    await recomputeTiers(ctx.store.sqlite, ctx.now(), { fromMonth: '2024-03' });
    await recomputeTiers(ctx.store.sqlite, ctx.now(), { fromMonth: '2024-03' });
    const card = await points('C01');
    expect(card.balance).toBe(96 + 108);
    const march = card.lines.filter((l) => l.month === '2024-03').map((l) => [l.kind, l.points]);
    expect(march.sort()).toEqual([
      ['earn', 108],
      ['earn', 96],
      ['reversal', -96],
    ]);
    expect(ledgerCount()).toBe(before + 2);
  });

  it('the latest month taken away whole (its import undone): what it earned is reversed', async () => {
    await turnOn();
    const before = (await points('C03')).balance;
    ctx.store.sqlite.prepare("DELETE FROM monthly_assets WHERE month = '2024-03'").run();
    await recomputeTiers(ctx.store.sqlite, ctx.now(), { fromMonth: '2024-03' });
    const card = await points('C03');
    expect(card.balance).toBe(before - 450);
    expect(card.lines[0]).toMatchObject({ kind: 'reversal', points: -450, month: '2024-03' });
  });

  it('a month undone earns nothing; points already spent are not owed below zero', async () => {
    await turnOn();
    await addGift(10, 150);
    await callAs(ctx, mine, 'loyalty.redeem', { customerNo: 'C01', giftCode: 'G1', quantity: 1 });
    expect((await points('C01')).balance).toBe(42);
    ctx.store.sqlite.prepare("DELETE FROM monthly_assets WHERE month = '2024-03' AND customer_id = 1").run();
    await recomputeTiers(ctx.store.sqlite, ctx.now(), { fromMonth: '2024-03' });
    // 2024-03 without data: its 96 are reversed as far as the balance goes (42), never below zero.
    const card = await points('C01');
    expect(card.balance).toBe(0);
    expect(card.lines[0]).toMatchObject({ kind: 'reversal', points: -42, month: '2024-03' });
    // The month imported again earns only what its capped reversal took (42): the balance is as before the undo.
    ctx.store.sqlite
      .prepare(
        "INSERT INTO monthly_assets (customer_id, month, aum_avg, deposit_avg, wealth_avg, fund_avg, insurance_avg, other_avg, loan_avg) VALUES (1, '2024-03', ?, ?, 0, 0, 0, 0, 0)",
      )
      .run(80 * WAN, 80 * WAN);
    await recomputeTiers(ctx.store.sqlite, ctx.now(), { fromMonth: '2024-03' });
    expect((await points('C01')).balance).toBe(42);
    await recomputeTiers(ctx.store.sqlite, ctx.now(), { fromMonth: '2024-03' });
    expect((await points('C01')).balance).toBe(42);
  });

  it('expires what was earned in a year at the end of the next, with the first recompute of a later year', async () => {
    ctx.store.sqlite.prepare("UPDATE monthly_assets SET month = '2022-' || substr(month, 6)").run();
    await recomputeTiers(ctx.store.sqlite, ctx.now());
    await callAs(ctx, admin, 'loyalty.saveRules', { rules: defaultLoyaltyRuleSet('2022-01') });
    // Earned in 2022, unspent by the end of 2023: expired on today's run (2024-04-10), in 2023-12.
    const card = await points('C02');
    expect(card.lines.map((l) => [l.kind, l.points, l.month])).toContainEqual(['expire', -9, '2023-12']);
    expect(card.balance).toBe(0);
    await recomputeTiers(ctx.store.sqlite, ctx.now());
    expect((await points('C02')).lines.filter((l) => l.kind === 'expire')).toHaveLength(1);
  });
});

describe('redemption', () => {
  beforeEach(async () => {
    await turnOn();
  });

  it('takes the points and the stock together; refused beyond the balance or the stock, nothing half-written', async () => {
    await addGift(1, 100);
    expect(await callAs(ctx, mine, 'loyalty.redeem', { customerNo: 'C01', giftCode: 'G1', quantity: 1 })).toEqual({
      balance: 92,
      stock: 0,
    });
    await addGift(5, 100);
    const poor = await dispatch(ctx, mine, 'loyalty.redeem', { customerNo: 'C01', giftCode: 'G1', quantity: 1 });
    expect(poor.ok ? null : poor.error).toMatchObject({
      code: 'CONFLICT',
      details: { field: 'quantity', balance: 92 },
    });
    expect(poor.ok ? '' : poor.error.message).toContain('积分不足');
    await addGift(1, 10);
    const short = await dispatch(ctx, mine, 'loyalty.redeem', { customerNo: 'C01', giftCode: 'G1', quantity: 2 });
    expect(short.ok ? null : short.error).toMatchObject({ code: 'CONFLICT', details: { field: 'giftCode' } });
    expect((await points('C01')).balance).toBe(92);
    expect(ctx.store.sqlite.prepare("SELECT stock FROM loyalty_gifts WHERE code = 'G1'").pluck().get()).toBe(1);
  });

  it('a 客户经理 redeems only within their book', async () => {
    await addGift(5, 10);
    const other = await dispatch(ctx, mine, 'loyalty.redeem', { customerNo: 'C03', giftCode: 'G1', quantity: 1 });
    expect(other.ok ? null : other.error.code).toBe('FORBIDDEN');
    await callAs(ctx, theirs, 'loyalty.redeem', { customerNo: 'C03', giftCode: 'G1', quantity: 1 });
  });

  it('two redemptions at once for the last gift: one succeeds', async () => {
    await addGift(1, 5);
    const results = await Promise.all([
      dispatch(ctx, mine, 'loyalty.redeem', { customerNo: 'C01', giftCode: 'G1', quantity: 1 }),
      dispatch(ctx, theirs, 'loyalty.redeem', { customerNo: 'C03', giftCode: 'G1', quantity: 1 }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const refused = results.find((r) => !r.ok);
    expect(refused && !refused.ok ? refused.error.details : null).toMatchObject({ field: 'giftCode', stock: 0 });
    expect(ctx.store.sqlite.prepare("SELECT count(*) FROM loyalty_ledger WHERE kind = 'redeem'").pluck().get()).toBe(1);
    expect(ctx.store.sqlite.prepare("SELECT stock FROM loyalty_gifts WHERE code = 'G1'").pluck().get()).toBe(0);
  });
});

describe('redemption from two connections (the app and the command line beside it)', () => {
  it('two at once for the last gift: one succeeds, whichever connection', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tierdesk-loyalty-race-'));
    const file = path.join(dir, 'tierdesk.db');
    const first = createContext(openStore(file));
    try {
      seedBranch(first.store, [
        { customer_no: 'C01', manager_code: null, assets: { '2024-03': 80 * WAN } },
        { customer_no: 'C02', manager_code: null, assets: { '2024-03': 90 * WAN } },
      ]);
      first.now = ctx.now;
      first.today = ctx.today;
      await recomputeTiers(first.store.sqlite, first.now());
      await callAs(first, boss, 'loyalty.saveRules', { rules: defaultLoyaltyRuleSet('2024-03') });
      await callAs(first, boss, 'loyalty.saveGift', {
        gift: { code: 'G1', name: '保温杯', pointsPrice: 10, stock: 1, active: true },
      });
      const second = createContext(openStore(file));
      second.now = ctx.now;
      second.today = ctx.today;
      try {
        const results = await Promise.all([
          dispatch(first, boss, 'loyalty.redeem', { customerNo: 'C01', giftCode: 'G1', quantity: 1 }),
          dispatch(second, boss, 'loyalty.redeem', { customerNo: 'C02', giftCode: 'G1', quantity: 1 }),
        ]);
        expect(results.map((r) => r.ok).sort()).toEqual([false, true]);
        const refused = results.find((r) => !r.ok);
        expect(refused && !refused.ok ? refused.error.details : null).toMatchObject({ field: 'giftCode', stock: 0 });
        expect(
          first.store.sqlite.prepare("SELECT count(*) FROM loyalty_ledger WHERE kind = 'redeem'").pluck().get(),
        ).toBe(1);
      } finally {
        await second.store.close();
      }
    } finally {
      await first.store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('bonus and adjustment', () => {
  beforeEach(async () => {
    await turnOn();
  });

  it('a bonus for a named event gives the rules’ points; an adjustment is the 支行长’s and never goes below zero', async () => {
    expect(
      await callAs(ctx, mine, 'loyalty.bonus', { customerNo: 'C02', bonusEvent: 'event', reason: '参加理财沙龙' }),
    ).toEqual({ balance: 56 });
    const refusedRole = await dispatch(ctx, mine, 'loyalty.adjust', { customerNo: 'C02', points: 5, reason: '补录' });
    expect(refusedRole.ok ? null : refusedRole.error.code).toBe('FORBIDDEN');
    const below = await dispatch(ctx, boss, 'loyalty.adjust', { customerNo: 'C02', points: -57, reason: '冲正' });
    expect(below.ok ? null : below.error).toMatchObject({ code: 'CONFLICT', details: { field: 'points' } });
    expect(await callAs(ctx, boss, 'loyalty.adjust', { customerNo: 'C02', points: -6, reason: '冲正多计' })).toEqual({
      balance: 50,
    });
    const noReason = await dispatch(ctx, boss, 'loyalty.adjust', { customerNo: 'C02', points: 1, reason: '' });
    expect(noReason.ok ? null : noReason.error.code).toBe('VALIDATION');
    const actions = ctx.store.sqlite
      .prepare("SELECT action FROM audit_log WHERE action LIKE 'loyalty.%' ORDER BY id")
      .pluck()
      .all();
    expect(actions).toEqual(['loyalty.saveRules', 'loyalty.bonus', 'loyalty.adjust']);
    // A bonus is as many points as the rules give: a 客户经理 names no amount of their own.
    const named = await dispatch(ctx, mine, 'loyalty.bonus', {
      customerNo: 'C02',
      bonusEvent: 'event',
      reason: '参加理财沙龙',
      points: 999_999,
    });
    expect(named.ok ? 'ok' : named.error.code).toBe('VALIDATION');
  });
});

describe('analysis', () => {
  it('per tier and month: earned, redeemed, expired and outstanding', async () => {
    await turnOn();
    await addGift(5, 50);
    await callAs(ctx, mine, 'loyalty.redeem', { customerNo: 'C01', giftCode: 'G1', quantity: 1 });
    const analysis: PointsAnalysis = await callAs(ctx, boss, 'loyalty.analysis', {
      fromMonth: '2024-02',
      toMonth: '2024-04',
    });
    expect(analysis.months).toEqual(['2024-02', '2024-03', '2024-04']);
    const cell = (month: string, tierCode: string) =>
      analysis.cells.find((c) => c.month === month && c.tierCode === tierCode);
    expect(cell('2024-02', 'T2')).toMatchObject({ customers: 1, earned: 96, redeemed: 0, outstanding: 96 });
    expect(cell('2024-03', 'T3')).toMatchObject({ customers: 1, earned: 450, outstanding: 900 });
    // April has no tier results yet: the redemption counts in no tier.
    expect(cell('2024-04', '')).toMatchObject({ redeemed: 50, outstanding: 192 - 50 + 6 + 900 });
    // Each count opens its customers, most points first.
    const customers: PointsAnalysisCustomers = await callAs(ctx, boss, 'loyalty.analysisCustomers', {
      month: '2024-03',
      tierCode: 'T3',
    });
    expect(customers.total).toBe(cell('2024-03', 'T3')?.customers);
    expect(customers.rows.map((r) => r.points)).toEqual([900]);
    const noTier: PointsAnalysisCustomers = await callAs(ctx, boss, 'loyalty.analysisCustomers', {
      month: '2024-04',
      tierCode: '',
    });
    expect(noTier.total).toBe(cell('2024-04', '')?.customers);
    expect(noTier.rows.map((r) => r.points)).toEqual([...noTier.rows.map((r) => r.points)].sort((a, b) => b - a));
  });

  it('exports the analysis as a workbook (积分分析): a row per month and tier, as the screen shows them', async () => {
    await turnOn();
    const [sheet] = loyaltySheets(ctx, { template: 'loyalty', month: '2024-04' } as ExportRequest, '积分分析');
    const rows = (sheet.chunks as CellValue[][][])[0];
    const analysis = getPointsAnalysis(ctx, { toMonth: '2024-04' });
    expect(rows).toHaveLength(analysis.cells.length);
    const march = analysis.cells.find((c) => c.month === '2024-03' && c.tierCode === 'T3');
    expect(rows).toContainEqual([
      '2024-03',
      expect.any(String),
      march?.customers,
      march?.earned,
      0,
      0,
      march?.outstanding,
    ]);
  });

  it('kept between calls, brought up to the lines written since: the same as counted afresh', async () => {
    await turnOn();
    await addGift(50, 7);
    const range = { fromMonth: '2024-01', toMonth: '2024-04' };
    getPointsAnalysis(ctx, range); // kept
    await callAs(ctx, mine, 'loyalty.redeem', { customerNo: 'C01', giftCode: 'G1', quantity: 2 });
    await callAs(ctx, boss, 'loyalty.adjust', { customerNo: 'C02', points: -6, reason: '冲正多计' });
    await callAs(ctx, theirs, 'loyalty.bonus', { customerNo: 'C03', bonusEvent: 'referral', reason: '推荐新客户' });
    // A rules version saved writes lines without changing the branch's data version: caught up too.
    await callAs(ctx, admin, 'loyalty.saveRules', {
      rules: { ...defaultLoyaltyRuleSet('2024-03'), pointsPerUnit: 2 },
    });
    const caughtUp = getPointsAnalysis(ctx, range);
    const fresh = getPointsAnalysis(createContext(ctx.store), range);
    expect(caughtUp).toEqual(fresh);
    const april = caughtUp.cells.find((c) => c.month === '2024-04' && c.tierCode === '');
    expect(april).toMatchObject({ redeemed: 14, earned: -6 + 200 });
  });
});
