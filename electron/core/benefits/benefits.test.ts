import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { callAs, createTestContext, seedBranch, testSession } from '../../../tests/helpers/branch';
import { TEST_CATALOGUE } from '../../../tests/helpers/benefits';
import { dispatch } from '../dispatch';
import { defaultLoyaltyRuleSet } from '../../../shared/schemas/loyalty';
import { recomputeTiers } from '../tiers/tier-recompute';
import { benefitSheets } from '../exports/templates/benefits';
import type {
  BenefitAnalysis,
  BenefitAnalysisCustomers,
  BenefitCatalogue,
  CustomerBenefits,
} from '../../../shared/schemas/benefits';
import type { Channel } from '../../../shared/contract';
import type { Session } from '../trust/auth';

let ctx: ReturnType<typeof createTestContext>;

const WAN = 1_000_000; // 1万 in 分
const admin = testSession('A01', 'admin', '管理员');
const manager = testSession('M01', 'manager', '周文静');
const branchManager = testSession('B01', 'branch_manager', '支行长');
const teller = testSession('T01', 'teller', '柜员甲');

const CATALOGUE = TEST_CATALOGUE;

/** Today is 2024-04-10; the latest month with data 2024-03. 王芳 is 私人银行, 李强 钻石 (both M01's); 赵敏 is M02's. */
beforeEach(async () => {
  ctx = createTestContext();
  const months = (fen: number) => ({ '2024-01': fen, '2024-02': fen, '2024-03': fen });
  seedBranch(
    ctx.store,
    [
      { customer_no: 'C01', name: '王芳', manager_code: 'M01', assets: months(700 * WAN) },
      { customer_no: 'C02', name: '李强', manager_code: 'M01', assets: months(300 * WAN) },
      { customer_no: 'C03', name: '赵敏', manager_code: 'M02', assets: months(700 * WAN) },
      // Below 私人银行's 600万 in March: in 观察, on the warning list.
      {
        customer_no: 'C04',
        name: '孙丽',
        manager_code: 'M01',
        assets: { '2024-01': 700 * WAN, '2024-02': 700 * WAN, '2024-03': 500 * WAN },
      },
    ],
    [
      { code: 'M01', name: '周文静', role: 'manager' },
      { code: 'M02', name: '吴海', role: 'manager' },
      { code: 'B01', name: '支行长', role: 'branch_manager' },
      { code: 'A01', name: '管理员', role: 'admin' },
      { code: 'T01', name: '柜员甲', role: 'teller' },
    ],
  );
  await recomputeTiers(ctx.store.sqlite, ctx.now());
  await callAs(ctx, admin, 'benefits.saveCatalogue', { catalogue: CATALOGUE });
});
afterEach(() => ctx.store.close());

async function refusal(who: Session, channel: Channel, input: unknown) {
  const result = await dispatch(ctx, who, channel, input);
  if (result.ok) throw new Error(`${channel} was not refused`);
  return result.error;
}

const audits = (action: string) =>
  ctx.store.sqlite.prepare('SELECT target, detail FROM audit_log WHERE action = ? ORDER BY id').all(action) as Array<{
    target: string;
    detail: string;
  }>;

describe('the catalogue setting', () => {
  it('is kept per month, audited, read by all and written by the administrator only', async () => {
    const read: { catalogues: BenefitCatalogue[] } = await callAs(ctx, teller, 'benefits.catalogues', {});
    expect(read.catalogues).toEqual([CATALOGUE]);
    expect(audits('benefits.saveCatalogue')).toHaveLength(1);
    expect((await refusal(branchManager, 'benefits.saveCatalogue', { catalogue: CATALOGUE })).code).toBe('FORBIDDEN');
    const later = { validFrom: '2024-04', benefits: [CATALOGUE.benefits[0]] };
    const saved: { catalogues: BenefitCatalogue[] } = await callAs(ctx, admin, 'benefits.saveCatalogue', {
      catalogue: later,
    });
    expect(saved.catalogues.map((c) => c.validFrom)).toEqual(['2024-01', '2024-04']);
    await callAs(ctx, admin, 'benefits.removeCatalogue', { validFrom: '2024-04' });
    expect(audits('benefits.removeCatalogue')).toHaveLength(1);
  });

  it('refuses a quota naming no tier, and duplicate codes, naming the field', async () => {
    const bad = {
      validFrom: '2024-01',
      benefits: [{ ...CATALOGUE.benefits[0], quotas: [{ tierCode: 'T9', perYear: 1 }] }],
    };
    const e = await refusal(admin, 'benefits.saveCatalogue', { catalogue: bad });
    expect(e.code).toBe('VALIDATION');
    expect(e.details?.field).toBe('catalogue.benefits.0.quotas.0.tierCode');
    const twice = { validFrom: '2024-01', benefits: [CATALOGUE.benefits[0], CATALOGUE.benefits[0]] };
    expect((await refusal(admin, 'benefits.saveCatalogue', { catalogue: twice })).code).toBe('VALIDATION');
    const zero = {
      validFrom: '2024-01',
      benefits: [{ ...CATALOGUE.benefits[0], quotas: [{ tierCode: 'T4', perYear: 0 }] }],
    };
    expect((await refusal(admin, 'benefits.saveCatalogue', { catalogue: zero })).code).toBe('VALIDATION');
  });
});

describe('recording a use', () => {
  const use = (over: Record<string, unknown> = {}) => ({
    customerNo: 'C02',
    benefitCode: 'LOUNGE',
    date: '2024-04-05',
    count: 1,
    ...over,
  });

  it('records within the quota, shows used and remaining on the card, and audits it', async () => {
    const r: { remaining: number } = await callAs(ctx, manager, 'benefits.recordUse', use({ note: '首都机场' }));
    expect(r).toMatchObject({ remaining: 1, overridden: false });
    const card: CustomerBenefits = await callAs(ctx, teller, 'benefits.customer', { customerNo: 'C02' });
    expect(card.tierCode).toBe('T3');
    expect(card.benefits.map((b) => [b.code, b.entitled, b.perYear, b.used, b.remaining])).toEqual([
      ['LOUNGE', true, 2, 1, 1],
      ['HEALTH', false, 0, 0, 0],
    ]);
    expect(card.uses).toMatchObject([{ benefitName: '机场贵宾厅', note: '首都机场', count: 1, createdBy: 'M01' }]);
    expect(audits('benefits.recordUse')).toEqual([{ target: 'C02', detail: expect.stringContaining('LOUNGE') }]);
  });

  it('refuses over quota with the reason; the 支行长 overrides with a reason, audited; a 客户经理 may not', async () => {
    await callAs(ctx, manager, 'benefits.recordUse', use({ count: 2 }));
    const e = await refusal(manager, 'benefits.recordUse', use());
    expect(e).toMatchObject({
      code: 'VALIDATION',
      details: { field: 'count', refusal: 'overQuota', overridable: true },
    });
    expect(e.message).toContain('已用 2 次');
    expect((await refusal(manager, 'benefits.recordUse', use({ overrideReason: '客户投诉补偿' }))).code).toBe(
      'FORBIDDEN',
    );
    const r = await callAs(ctx, branchManager, 'benefits.recordUse', use({ overrideReason: '客户投诉补偿' }));
    expect(r).toMatchObject({ overridden: true, remaining: 0 });
    expect(audits('benefits.overrideUse')).toEqual([
      { target: 'C02', detail: expect.stringContaining('客户投诉补偿') },
    ]);
    const card: CustomerBenefits = await callAs(ctx, manager, 'benefits.customer', { customerNo: 'C02' });
    expect(card.uses[0].overrideReason).toBe('客户投诉补偿');
  });

  it('refuses a tier not entitled, a count of 0, a future date, an unknown benefit; nothing written', async () => {
    const notEntitled = await refusal(manager, 'benefits.recordUse', use({ benefitCode: 'HEALTH' }));
    expect(notEntitled.details).toMatchObject({ refusal: 'notEntitled' });
    expect(notEntitled.message).toContain('不享有「体检」');
    expect((await refusal(manager, 'benefits.recordUse', use({ count: 0 }))).details).toMatchObject({
      field: 'count',
    });
    expect((await refusal(manager, 'benefits.recordUse', use({ count: -1 }))).details).toMatchObject({
      field: 'count',
    });
    expect((await refusal(manager, 'benefits.recordUse', use({ date: '2024-04-11' }))).details).toMatchObject({
      field: 'date',
      refusal: 'future',
    });
    expect((await refusal(manager, 'benefits.recordUse', use({ benefitCode: 'GOLF' }))).details).toMatchObject({
      refusal: 'unknownBenefit',
    });
    // Before the catalogue's first month there was no such benefit, whoever asks: not even the 支行长 overrides that.
    expect(
      (await refusal(branchManager, 'benefits.recordUse', use({ date: '2023-12-20', overrideReason: '补登' }))).details,
    ).toMatchObject({
      field: 'benefitCode',
      refusal: 'unknownBenefit',
    });
    const count = ctx.store.sqlite.prepare('SELECT COUNT(*) FROM benefit_uses').pluck().get();
    expect(count).toBe(0);
  });

  it('a 客户经理 records only within their book; a teller not at all', async () => {
    expect((await refusal(manager, 'benefits.recordUse', use({ customerNo: 'C03' }))).code).toBe('FORBIDDEN');
    expect((await refusal(teller, 'benefits.recordUse', use())).code).toBe('FORBIDDEN');
    expect((await refusal(manager, 'benefits.customer', { customerNo: 'C03' })).code).toBe('FORBIDDEN');
    await callAs(ctx, branchManager, 'benefits.recordUse', use({ customerNo: 'C03', benefitCode: 'HEALTH' }));
  });
});

describe('what a downgrade would cost', () => {
  it('tells the card and the warning list what the next tier down lacks', async () => {
    const card: CustomerBenefits = await callAs(ctx, manager, 'benefits.customer', { customerNo: 'C04' });
    expect(card.tierStatus).toBe('watch');
    expect(card.downgradeTierCode).toBe('T3');
    expect(card.downgradeLoss).toEqual([
      { code: 'LOUNGE', name: '机场贵宾厅', perYearNow: 6, perYearAfter: 2 },
      { code: 'HEALTH', name: '体检', perYearNow: 1, perYearAfter: 0 },
    ]);
    expect(card.downgradeText).toBe('机场贵宾厅 6 次/年 → 2 次/年、体检 1 次/年');
    // 观察 does not keep the health check: not entitled while in watch.
    expect(card.benefits.map((b) => [b.code, b.entitled])).toEqual([
      ['LOUNGE', true],
      ['HEALTH', false],
    ]);
    const list: { rows: Array<{ customerNo: string; text: string }> } = await callAs(
      ctx,
      branchManager,
      'benefits.downgradeLosses',
      { month: '2024-03', customerNos: ['C01', 'C04', 'C99'] },
    );
    expect(list.rows.map((r) => [r.customerNo, r.text])).toEqual([
      ['C04', '机场贵宾厅 6 次/年 → 2 次/年、体检 1 次/年'],
    ]);
    const notWarned: CustomerBenefits = await callAs(ctx, manager, 'benefits.customer', { customerNo: 'C01' });
    expect(notWarned.downgradeLoss).toEqual([]);
  });

  it('lets a care action offer a benefit the customer still has this year, named on the action; refuses others', async () => {
    const action = (benefitCode: string) => ({
      customerNo: 'C04',
      month: '2024-03',
      kind: 'care',
      ownerCode: 'M01',
      dueDate: '2024-04-20',
      benefitCode,
    });
    await callAs(ctx, manager, 'retention.createAction', action('LOUNGE'));
    const board: { actions: Array<{ customerNo: string; benefitCode: string | null; benefitName: string | null }> } =
      await callAs(ctx, manager, 'retention.board', { includeClosed: false });
    expect(board.actions).toMatchObject([{ customerNo: 'C04', benefitCode: 'LOUNGE', benefitName: '机场贵宾厅' }]);
    // 观察 does not keep the health check; a code not in the catalogue is no benefit at all.
    expect(await refusal(manager, 'retention.createAction', action('HEALTH'))).toMatchObject({
      code: 'VALIDATION',
      details: { field: 'benefitCode' },
    });
    expect((await refusal(manager, 'retention.createAction', action('SPA'))).message).toContain('不在现行的权益目录中');
  });

  it('names the points multiplier the downgrade would take when the points plan is on', async () => {
    const head = testSession('B01', 'branch_manager');
    await callAs(ctx, head, 'loyalty.saveRules', { rules: defaultLoyaltyRuleSet('2024-01') });
    const card: CustomerBenefits = await callAs(ctx, manager, 'benefits.customer', { customerNo: 'C04' });
    expect(card.downgradeMultiplier).toEqual({ now: 2, after: 1.5 });
    expect(card.downgradeText).toBe('机场贵宾厅 6 次/年 → 2 次/年、体检 1 次/年；积分倍数 ×2 → ×1.5');
    expect(card.downgradeTextEn).toContain('points multiplier ×2 → ×1.5');
    const list: { rows: Array<{ customerNo: string; multiplier: unknown }> } = await callAs(
      ctx,
      head,
      'benefits.downgradeLosses',
      { month: '2024-03', customerNos: ['C04'] },
    );
    expect(list.rows).toMatchObject([{ customerNo: 'C04', multiplier: { now: 2, after: 1.5 } }]);
  });
});

describe('the benefits analysis', () => {
  it('counts per tier the entitled, users, uses and quota used, and who used none; each count opens its customers', async () => {
    await callAs(ctx, manager, 'benefits.recordUse', {
      customerNo: 'C02',
      benefitCode: 'LOUNGE',
      date: '2024-03-05',
      count: 1,
    });
    const analysis: BenefitAnalysis = await callAs(ctx, branchManager, 'benefits.analysis', { month: '2024-03' });
    expect(analysis).toMatchObject({ from: '2024-01-01', to: '2024-03-31' });
    const tier = (code: string) => analysis.tiers.find((t) => t.tierCode === code);
    expect(tier('T4')).toMatchObject({ tierName: '私人银行客户', customers: 3, entitled: 3, neverUsed: 3 });
    // 孙丽 is in 观察: the lounge is kept, the health check not.
    expect(tier('T4')?.benefits.map((b) => [b.code, b.entitled, b.users, b.uses, b.quota])).toEqual([
      ['LOUNGE', 3, 0, 0, 18],
      ['HEALTH', 2, 0, 0, 2],
    ]);
    expect(tier('T3')).toMatchObject({ customers: 1, entitled: 1, neverUsed: 0 });
    expect(tier('T3')?.benefits[0]).toMatchObject({ entitled: 1, users: 1, uses: 1, quota: 2, quotaUsedShare: 0.5 });
    expect(tier('T3')?.benefits[1]).toMatchObject({ entitled: 0, quotaUsedShare: null });

    const never: BenefitAnalysisCustomers = await callAs(ctx, branchManager, 'benefits.analysisCustomers', {
      month: '2024-03',
      tierCode: 'T4',
      count: 'neverUsed',
    });
    expect(never.rows.map((r) => r.customerNo)).toEqual(['C01', 'C03', 'C04']);
    const users: BenefitAnalysisCustomers = await callAs(ctx, branchManager, 'benefits.analysisCustomers', {
      month: '2024-03',
      tierCode: 'T3',
      count: 'users',
      benefitCode: 'LOUNGE',
    });
    expect(users.rows).toMatchObject([{ customerNo: 'C02', name: '李强', uses: 1 }]);

    // A 客户经理 without the branch view: their own book's counts only.
    const own: BenefitAnalysis = await callAs(ctx, manager, 'benefits.analysis', { month: '2024-03' });
    expect(own.tiers.find((t) => t.tierCode === 'T4')).toMatchObject({ customers: 2, neverUsed: 2 });
  });
});

describe('the benefits workbook', () => {
  it("has the figures per tier and benefit and the customers who used none, of a 客户经理's own book", () => {
    const rowsOf = (bookOf: string | null) =>
      benefitSheets(
        ctx,
        {
          template: 'benefits',
          month: '2024-03',
          format: 'xlsx',
          encoding: 'utf8',
          full: false,
          reason: null,
          staffCode: null,
        },
        { bookOf, covers: [], masksNames: false, hidesBalances: false },
        '客户权益分析',
      ).map((sheet) => [...(sheet.chunks as Iterable<unknown[][]>)].flat());
    const [figures, never] = rowsOf(null);
    expect(figures).toEqual([
      ['私人银行客户', '机场贵宾厅', 3, 0, 0, 18, '0.0%'],
      ['私人银行客户', '体检', 2, 0, 0, 2, '0.0%'],
      ['钻石客户', '机场贵宾厅', 1, 0, 0, 2, '0.0%'],
    ]);
    expect(never.map((r) => r[0])).toEqual(['C01', 'C03', 'C04', 'C02']);
    expect(rowsOf('M01')[1].map((r) => r[0])).toEqual(['C01', 'C04', 'C02']);
  });
});
