import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, seedBranch } from '../../../tests/helpers/branch';
import { DEFAULT_TIER_RULE_SET, type TierRuleSet } from '../../../shared/schemas/tiers';
import { findMonthlyAssetsOfCustomer, requireCustomerByNo } from '../customers/lookup';
import { explainCustomerTiers } from '../tiers/tier-history';
import { recomputeTiers } from '../tiers/tier-recompute';
import { replaceTierRuleSets } from '../tiers/tier-rules';
import { tiersOfCustomers } from '../tiers/tiers';
import { computeTierHistory, ruleSetLookup, stepTier, INITIAL_TIER_STATE } from '../tiers/tiering';
import { explainTierMonth } from '../tiers/tier-explain';
import { addHouseholdMember, createHousehold, leaveHousehold } from './households';
import { WHOLE_BRANCH } from '../trust/access-scope';
import { monthWarnings } from '../retention/retention';
import { getFlowReport } from '../flows/flows';

const WAN = 1_000_000;
/** The default tiers, 私人银行 (T4, 600万) open to the head's spouse and parents from 50万 of their own. */
const WITH_HOUSEHOLDS: TierRuleSet = {
  ...DEFAULT_TIER_RULE_SET,
  tiers: DEFAULT_TIER_RULE_SET.tiers.map((t) =>
    t.code === 'T4' ? { ...t, household: { spouseParentsOnly: true, minOwnFen: 50 * WAN } } : t,
  ),
};
const names = new Map(DEFAULT_TIER_RULE_SET.tiers.map((t) => [t.code, t.name]));
const name = (code: string) => names.get(code) ?? code;

describe('the engine with household qualification', () => {
  const step = (rules: TierRuleSet, own: number, household: number, role: 'spouse' | 'child' | 'head') =>
    stepTier(
      INITIAL_TIER_STATE,
      { month: '2024-01', valueFen: own, householdFen: household, householdRole: role, householdHead: '张某' },
      { rules, openedMonth: null, closedMonth: null, override: null },
    ).result;

  it('lifts an allowed member to the tier the household reaches, and says so with the household and its head', () => {
    const lifted = step(WITH_HOUSEHOLDS, 100 * WAN, 612.4 * WAN, 'spouse');
    expect(lifted.tierCode).toBe('T4');
    expect(explainTierMonth(lifted.reasons, name)).toContain(
      '2024-01 月日均 100.00万 < 私人银行客户 600万，家庭月日均 612.40万 ≥ 600万，经户主 张某 合并达标',
    );
  });

  it('is off by default, and keeps to the roles and the own minimum the tier sets', () => {
    expect(step(DEFAULT_TIER_RULE_SET, 100 * WAN, 612.4 * WAN, 'spouse').tierCode).toBe('T2');
    expect(step(WITH_HOUSEHOLDS, 100 * WAN, 612.4 * WAN, 'child').tierCode).toBe('T2');
    expect(step(WITH_HOUSEHOLDS, 100 * WAN, 612.4 * WAN, 'head').tierCode).toBe('T2');
    expect(step(WITH_HOUSEHOLDS, 49 * WAN, 612.4 * WAN, 'spouse').tierCode).toBe('T1');
    expect(step(WITH_HOUSEHOLDS, 100 * WAN, 599.99 * WAN, 'spouse').tierCode).toBe('T2');
  });

  it('watches and downgrades on the household figure: the gap to keep is the smaller of the two', () => {
    const months = ['2024-01', '2024-02', '2024-03', '2024-04', '2024-05', '2024-06', '2024-07', '2024-08'];
    const household = [650, 590, 590, 590, 590, 590, 590, 590];
    const history = computeTierHistory({
      months: months.map((month, i) => ({
        month,
        valueFen: 100 * WAN,
        householdFen: household[i] * WAN,
        householdRole: 'parent' as const,
      })),
      rulesFor: ruleSetLookup([WITH_HOUSEHOLDS]),
      openedMonth: null,
      closedMonth: null,
      overrides: [],
    });
    expect(history.map((h) => [h.tierCode, h.status, h.holdGapFen])).toEqual([
      ['T4', 'normal', null],
      ['T4', 'watch', 10 * WAN],
      ['T4', 'watch', 10 * WAN],
      ['T4', 'watch', 10 * WAN],
      ['T4', 'watch', 10 * WAN],
      ['T4', 'watch', 10 * WAN],
      ['T2', 'downgraded', null],
      ['T2', 'normal', null],
    ]);
  });
});

describe('households in the recompute and on the card', () => {
  let ctx: ReturnType<typeof createTestContext>;
  const MONTHS = ['2023-10', '2023-11', '2023-12', '2024-01', '2024-02', '2024-03'];
  const series = (...fen: number[]) => Object.fromEntries(MONTHS.map((m, i) => [m, fen[i] * WAN]));

  /** 张伟 heads it (550万, then 380万 from January); 李娜 his wife (100万), their son (70万), his mother (30万). */
  beforeEach(async () => {
    ctx = createTestContext();
    seedBranch(ctx.store, [
      { customer_no: 'H01', name: '张伟', manager_code: 'M01', assets: series(550, 550, 550, 380, 380, 380) },
      { customer_no: 'H02', name: '李娜', manager_code: 'M01', assets: series(100, 100, 100, 100, 100, 100) },
      { customer_no: 'H03', name: '张小明', manager_code: 'M01', assets: series(70, 70, 70, 70, 70, 70) },
      { customer_no: 'P01', name: '王秀英', manager_code: 'M01', assets: series(30, 30, 30, 30, 30, 30) },
    ]);
    await createHousehold(ctx, { headCustomerNo: 'H01', joinedDate: '2023-10-01', staffCode: 'B01' }, WHOLE_BRANCH);
    for (const [no, role] of [
      ['H02', 'spouse'],
      ['H03', 'child'],
      ['P01', 'parent'],
    ] as const)
      await addHouseholdMember(
        ctx,
        { headCustomerNo: 'H01', customerNo: no, role, joinedDate: '2023-10-01', staffCode: 'B01' },
        WHOLE_BRANCH,
      );
    await recomputeTiers(ctx.store.sqlite, ctx.now());
  });
  afterEach(() => ctx.store.close());

  const tiersOf = async (month: string) => {
    const ids = await Promise.all(['H01', 'H02', 'H03', 'P01'].map((no) => requireCustomerByNo(ctx, no)));
    return tiersOfCustomers(
      ctx,
      month,
      ids.map((c) => c.id),
    ).map((t) => `${t.tierCode}/${t.status}`);
  };
  /** Each member's card history agrees with the recompute's snapshots, month by month. */
  const cardAgrees = async () => {
    for (const no of ['H01', 'H02', 'H03', 'P01']) {
      const record = await requireCustomerByNo(ctx, no);
      const history = explainCustomerTiers(
        ctx,
        record.id,
        null,
        null,
        await findMonthlyAssetsOfCustomer(ctx.store.db, record.id),
      );
      for (const h of history) {
        const [snapshot] = tiersOfCustomers(ctx, h.month, [record.id]);
        expect({ no, month: h.month, tier: snapshot.tierCode, status: snapshot.status }).toEqual({
          no,
          month: h.month,
          tier: h.tierCode,
          status: h.status,
        });
      }
    }
  };

  it('off by default: each member on their own figure', async () => {
    expect(await tiersOf('2023-12')).toEqual(['T3/normal', 'T2/normal', 'T2/normal', 'T1/normal']);
  });

  it('on: the wife holds 私人银行 through the household, watches on its figure, and after leaving falls back to her own from the month she left', async () => {
    replaceTierRuleSets(ctx.store.sqlite, [WITH_HOUSEHOLDS], ctx.now(), 'A01');
    await recomputeTiers(ctx.store.sqlite, ctx.now());
    // Oct–Dec: 750万 together. The son (a child) and the mother (30万 < 50万 of her own) are not lifted.
    expect(await tiersOf('2023-10')).toEqual(['T3/normal', 'T4/normal', 'T2/normal', 'T1/normal']);
    // January: 580万 together, below 600万: she is watched on the household's figure.
    expect(await tiersOf('2024-01')).toEqual(['T3/normal', 'T4/watch', 'T2/normal', 'T1/normal']);
    await cardAgrees();
    const wife = await requireCustomerByNo(ctx, 'H02');
    const card = explainCustomerTiers(
      ctx,
      wife.id,
      null,
      null,
      await findMonthlyAssetsOfCustomer(ctx.store.db, wife.id),
    );
    const byMonth = new Map(card.map((h) => [h.month, h]));
    expect(byMonth.get('2023-12')?.explanation).toContain('家庭月日均 750.00万 ≥ 600万，经户主 张某 合并达标');
    expect(byMonth.get('2024-01')?.holdGapFen).toBe(20 * WAN);
    expect(byMonth.get('2024-02')?.holdGapFen).toBe(20 * WAN);
    // The warning list asks her for the household's gap (20万), not her own (500万).
    const warned = monthWarnings(ctx, '2024-01').byId.get(wife.id);
    expect(warned).toMatchObject({ tierCode: 'T4', watch: true, amountNeededFen: 20 * WAN, aumFen: 100 * WAN });

    // She leaves in February: her own 100万 from February (the month she left), still in grace; the gap is hers.
    await leaveHousehold(ctx, { customerNo: 'H02', leftDate: '2024-02-15', staffCode: 'B01' }, WHOLE_BRANCH);
    const after = new Map(
      explainCustomerTiers(ctx, wife.id, null, null, await findMonthlyAssetsOfCustomer(ctx.store.db, wife.id)).map(
        (h) => [h.month, h],
      ),
    );
    expect(after.get('2024-01')?.holdGapFen).toBe(20 * WAN);
    expect(after.get('2024-02')).toMatchObject({ tierCode: 'T4', status: 'watch', holdGapFen: 500 * WAN });
    expect(after.get('2024-03')).toMatchObject({ tierCode: 'T4', status: 'watch', monthsBelow: 3 });
    expect(after.get('2024-02')?.explanation).not.toContain('家庭');
    expect(monthWarnings(ctx, '2024-02').byId.get(wife.id)).toMatchObject({ amountNeededFen: 500 * WAN });
    // The recompute followed the change (qualification on): the snapshots agree with the card.
    await cardAgrees();
  });
});

describe('households in the two-period analysis', () => {
  it('counts an entrant who holds the tier only through the household as entered via the household', async () => {
    const ctx = createTestContext();
    const months = (fen: number) => ({ '2023-10': fen, '2023-11': fen, '2023-12': fen });
    seedBranch(ctx.store, [
      { customer_no: 'H01', name: '张伟', manager_code: 'M01', assets: months(550 * WAN) },
      { customer_no: 'H02', name: '李娜', manager_code: 'M01', assets: months(100 * WAN) },
      { customer_no: 'X01', name: '赵强', manager_code: 'M01', assets: { '2023-10': 100 * WAN, '2023-11': 700 * WAN } },
    ]);
    replaceTierRuleSets(ctx.store.sqlite, [WITH_HOUSEHOLDS], ctx.now(), 'A01');
    await createHousehold(ctx, { headCustomerNo: 'H01', joinedDate: '2023-11-01', staffCode: 'B01' }, WHOLE_BRANCH);
    await addHouseholdMember(
      ctx,
      { headCustomerNo: 'H01', customerNo: 'H02', role: 'spouse', joinedDate: '2023-11-01', staffCode: 'B01' },
      WHOLE_BRANCH,
    );
    await recomputeTiers(ctx.store.sqlite, ctx.now());
    const report = getFlowReport(ctx, { fromMonth: '2023-10', toMonth: '2023-11', tierCode: 'T4' });
    expect(report.groups.new.count).toBe(2);
    expect(report.groups.viaHousehold).toMatchObject({ count: 1, aumBFen: 100 * WAN });
    expect(report.groups.viaWealth.count).toBe(0);
    await ctx.store.close();
  });
});
