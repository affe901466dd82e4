/**
 * A household reaching into another book (docs/domain.md, "Households"): a 客户经理 without the branch view is not
 * shown what is measured from the household's figure — on the card, in warnings, on the workbench and in exports —
 * since that figure less their own customer's 月日均 would tell the other book's customer's money.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { callAs, createTestContext, seedBranch, testSession } from '../../../tests/helpers/branch';
import { DEFAULT_TIER_RULE_SET, type TierRuleSet } from '../../../shared/schemas/tiers';
import { recomputeTiers } from '../tiers/tier-recompute';
import { replaceTierRuleSets } from '../tiers/tier-rules';
import { addHouseholdMember, createHousehold } from './households';
import { WHOLE_BRANCH } from '../trust/access-scope';
import type { CustomerCard } from '../../../shared/schemas/customer';
import { protectSheet } from '../exports/export-rows';
import { col, fixedSheet } from '../exports/sheets';

const WAN = 1_000_000;
const MONTHS = ['2024-01', '2024-02', '2024-03'];
const series = (...wan: number[]) => Object.fromEntries(MONTHS.map((m, i) => [m, Math.round(wan[i] * WAN)]));
/** 私人银行 (T4, 600万) open to the head's spouse from 50万 of her own. */
const WITH_HOUSEHOLDS: TierRuleSet = {
  ...DEFAULT_TIER_RULE_SET,
  tiers: DEFAULT_TIER_RULE_SET.tiers.map((t) =>
    t.code === 'T4' ? { ...t, household: { spouseParentsOnly: true, minOwnFen: 50 * WAN } } : t,
  ),
};
const zhou = testSession('M01', 'manager', '周文静');
const branch = testSession('B01', 'branch_manager', '支行长');

let ctx: ReturnType<typeof createTestContext>;
beforeEach(async () => {
  ctx = createTestContext();
  seedBranch(
    ctx.store,
    [
      // 张伟 (another book) heads it with 523.45万; his wife 李娜 (周文静's) has 100万 of her own: 623.45万 together,
      // then 590万 in March (watch: the gap to keep is the household's).
      { customer_no: 'H01', name: '张伟', manager_code: 'M02', assets: series(523.45, 523.45, 490) },
      { customer_no: 'H02', name: '李娜', manager_code: 'M01', assets: series(100, 100, 100) },
    ],
    [
      { code: 'M01', name: '周文静', role: 'manager' },
      { code: 'M02', name: '吴敏', role: 'manager' },
      { code: 'B01', name: '支行长', role: 'branch_manager' },
    ],
  );
  replaceTierRuleSets(ctx.store.sqlite, [WITH_HOUSEHOLDS], ctx.now(), null);
  await createHousehold(ctx, { headCustomerNo: 'H01', joinedDate: '2024-01-01', staffCode: 'B01' }, WHOLE_BRANCH);
  await addHouseholdMember(
    ctx,
    { headCustomerNo: 'H01', customerNo: 'H02', role: 'spouse', joinedDate: '2024-01-01', staffCode: 'B01' },
    WHOLE_BRANCH,
  );
  await recomputeTiers(ctx.store.sqlite, ctx.now());
});
afterEach(() => ctx.store.close());

/** Every amount in 万 an answer writes, as text (the household's 623.45万 and 590万, the gap 10万). */
const HOUSEHOLD_AMOUNTS = /623\.45|590\.00|10\.00万/;

describe('a household reaching into another book', () => {
  it('shows the 支行长 the household figure, and 周文静 her customer without what is measured from it', async () => {
    const full = (await callAs(ctx, branch, 'customers.card', { customerNo: 'H02' })) as CustomerCard;
    const march = full.tierHistory.find((m) => m.month === '2024-03');
    expect(march?.tierCode).toBe('T4');
    expect(JSON.stringify(full.tierHistory)).toMatch(HOUSEHOLD_AMOUNTS);

    const card = (await callAs(ctx, zhou, 'customers.card', { customerNo: 'H02' })) as CustomerCard;
    const own = card.tierHistory.find((m) => m.month === '2024-03');
    expect(own).toMatchObject({ tierCode: 'T4', holdGapFen: null, explanation: '', reasons: [] });
    expect(JSON.stringify(card)).not.toMatch(HOUSEHOLD_AMOUNTS);
    expect(card.warning?.amountNeededFen ?? null).toBeNull();

    const warnings = (await callAs(ctx, zhou, 'warnings.list', {
      month: '2024-03',
      offset: 0,
      limit: 50,
    })) as { rows: Array<{ customerNo: string; amountNeededFen: number | null; reasons: unknown[] }> };
    for (const row of warnings.rows) expect(row).toMatchObject({ amountNeededFen: null, reasons: [] });
    expect(JSON.stringify(warnings)).not.toMatch(HOUSEHOLD_AMOUNTS);
    const day = await callAs(ctx, zhou, 'workbench.today', { managerCode: 'M01' });
    expect(JSON.stringify(day)).not.toMatch(HOUSEHOLD_AMOUNTS);
  });

  it('leaves the amounts out of her exports for that customer only', async () => {
    const sheet = protectSheet(
      ctx,
      { bookOf: 'M01', covers: [], masksNames: false, hidesBalances: false },
      false,
      fixedSheet(
        {
          name: '预警',
          title: '预警',
          columns: [col('客户号', 12, 'text', false, 'number'), col('还需', 12, 'wan', false, 'balance')],
        },
        [['H02', 10 * WAN]],
      ),
    );
    const rows: unknown[][] = [];
    for await (const chunk of sheet.chunks) rows.push(...chunk);
    expect(rows).toEqual([['H02', null]]);
  });

  it('shows everything once both members are in her book', async () => {
    ctx.store.sqlite.prepare("UPDATE customers SET manager_code = 'M01' WHERE customer_no = 'H01'").run();
    const card = (await callAs(ctx, zhou, 'customers.card', { customerNo: 'H02' })) as CustomerCard;
    expect(JSON.stringify(card.tierHistory)).toMatch(HOUSEHOLD_AMOUNTS);
  });
});
