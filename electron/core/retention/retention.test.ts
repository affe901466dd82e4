import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, seedBranch, testSession } from '../../../tests/helpers/branch';
import { prepareMonthlyAssetsInsert } from '../platform/bulk';
import { dispatch } from '../dispatch';
import { getCustomerCard } from '../customers/customers';
import {
  createAction,
  getActionBoard,
  getRetentionResults,
  getWarnings,
  getWarningSettings,
  logContact,
  saveWarningSettings,
  setOutcome,
} from './retention';
import { recomputeTiers } from '../tiers/tier-recompute';

const WAN = 1_000_000;
const series = (values: number[]) => Object.fromEntries(values.map((v, i) => [`2024-0${i + 1}`, v * WAN]));
const MONTH = '2024-04'; // today is 2024-04-10

let ctx: ReturnType<typeof createTestContext>;
beforeEach(async () => {
  ctx = createTestContext();
  seedBranch(
    ctx.store,
    [
      { customer_no: 'W1', name: '王一', manager_code: 'M01', assets: series([700, 650, 580, 560]) }, // 私人银行, 观察 2 of 6
      { customer_no: 'N1', name: '倪一', manager_code: 'M02', assets: series([210, 210, 210, 210]) }, // 钻石, 5% above
      { customer_no: 'S1', name: '孙一', manager_code: 'M01', assets: series([300, 300, 300, 300]) }, // safe
      { customer_no: 'L1', name: '刘一', manager_code: 'M01', assets: series([3, 3, 3, 3]) }, // lowest tier
      { customer_no: 'H1', name: '何一', manager_code: 'M01', assets: series([52, 52, 52, 52]) }, // 白金, 4% above, a maturity
      { customer_no: 'D1', name: '丁一', manager_code: 'M02', assets: series([60, 60, 45, 45]) }, // 白金, 观察 2 of 3
      { customer_no: 'C1', name: '陈一', manager_code: 'M02', assets: series([60, 60, 60, 48]) }, // 白金, 观察 1 of 3
    ],
    [
      { code: 'M01', name: '周文静', role: 'manager' },
      { code: 'M02', name: '吴海', role: 'manager' },
    ],
  );
  const h1 = ctx.store.sqlite.prepare("SELECT id FROM customers WHERE customer_no = 'H1'").pluck().get();
  ctx.store.sqlite
    .prepare(
      "INSERT INTO holdings (customer_id, product_key, product_name, amount, maturity_date) VALUES (?, 'P1', '稳利 90 天', ?, '2024-04-25')",
    )
    .run(h1, 30 * WAN);
  await recomputeTiers(ctx.store.sqlite, ctx.now());
});
afterEach(() => ctx.store.close());

const list = (query: Partial<Parameters<typeof getWarnings>[1]> = {}) =>
  getWarnings(ctx, { month: MONTH, offset: 0, limit: 50, ...query });

/** Adds a month of data and recomputes, as an import would. */
async function addMonth(month: string, values: Record<string, number>) {
  const insert = prepareMonthlyAssetsInsert(ctx.store.sqlite);
  for (const [no, wan] of Object.entries(values)) {
    const id = ctx.store.sqlite.prepare('SELECT id FROM customers WHERE customer_no = ?').pluck().get(no) as number;
    insert({
      customer_id: id,
      month,
      aum_avg: wan * WAN,
      deposit_avg: wan * WAN,
      demand_avg: null,
      wealth_avg: 0,
      fund_avg: 0,
      insurance_avg: 0,
      other_avg: 0,
      loan_avg: 0,
      aum_month_end: null,
    });
  }
  await recomputeTiers(ctx.store.sqlite, ctx.now());
}

describe('early-warning list', () => {
  it('lists customers in 观察 or within 10% above their threshold, riskiest first, with the amount needed', () => {
    const page = list();
    // D1: gap 15 + months 2/3 13.3 + trend −25% 8.3 + never contacted 6 = 43; C1 35; W1 32; H1 21; N1 10.
    expect(page.rows.map((r) => [r.customerNo, r.score])).toEqual([
      ['D1', 43],
      ['C1', 35],
      ['W1', 32],
      ['H1', 21],
      ['N1', 10],
    ]);
    const w1 = page.rows.find((r) => r.customerNo === 'W1');
    expect(w1).toMatchObject({
      tierCode: 'T4',
      status: 'watch',
      aumFen: 560 * WAN,
      thresholdFen: 600 * WAN,
      amountNeededFen: 40 * WAN,
      managerName: '周文静',
    });
    expect(w1?.reasons.map((r) => [r.signal, r.points])).toEqual([
      ['gap', 12.5],
      ['months', 6.7],
      ['trend', 6.7],
      ['contact', 6],
    ]);
    expect(page.rows.find((r) => r.customerNo === 'N1')).toMatchObject({ status: 'near', amountNeededFen: 0 });
    const h1 = page.rows.find((r) => r.customerNo === 'H1');
    expect(h1?.reasons.find((r) => r.signal === 'maturity')).toMatchObject({ within30Fen: 30 * WAN, within60Fen: 0 });
    expect(page.total).toBe(5);
    expect(page.levels.high + page.levels.medium + page.levels.low).toBe(5);
  });

  it('filters by manager, tier, level and reason', () => {
    expect(list({ managerCode: 'M01' }).rows.map((r) => r.customerNo)).toEqual(['W1', 'H1']);
    expect(list({ tierCodes: ['T2'] }).rows.map((r) => r.customerNo)).toEqual(['D1', 'C1', 'H1']);
    expect(list({ signal: 'maturity' }).rows.map((r) => r.customerNo)).toEqual(['H1']);
    const high = list({ levels: ['high'] });
    expect(high.rows.every((r) => r.level === 'high')).toBe(true);
    expect(high.total).toBe(high.levels.high);
    expect(list({ offset: 1, limit: 2 }).rows.map((r) => r.customerNo)).toEqual(['C1', 'W1']);
  });

  it('a logged contact lowers the contact signal; the card shows the warning and the log', async () => {
    const before = list().rows.find((r) => r.customerNo === 'W1');
    await logContact(ctx, {
      customerNo: 'W1',
      date: '2024-04-08',
      channel: 'phone',
      purpose: 'retention',
      note: '约下周面谈',
      staffCode: 'M01',
    });
    const after = list().rows.find((r) => r.customerNo === 'W1');
    expect(after?.reasons.some((r) => r.signal === 'contact')).toBe(false);
    expect(after?.score).toBeLessThan(before?.score ?? 0);
    const card = await getCustomerCard(ctx, 'W1');
    expect(card.warningMonth).toBe(MONTH);
    expect(card.warning).toMatchObject({ amountNeededFen: 40 * WAN, score: after?.score });
    expect(card.contacts).toEqual([
      expect.objectContaining({ date: '2024-04-08', channel: 'phone', note: '约下周面谈', staffName: '周文静' }),
    ]);
    expect((await getCustomerCard(ctx, 'S1')).warning).toBeNull();
  });

  it('scores with the saved settings (audited) and refuses inconsistent ones', async () => {
    const { settings } = getWarningSettings(ctx);
    list(); // cached now: saving must score afresh
    saveWarningSettings(ctx, { ...settings, marginShare: 0.6, weights: { ...settings.weights, contact: 0 } }, 'B01');
    const rows = list().rows;
    // Gap over the wider margin: (60% + 6.7%) / (60% + 30%) × 30 = 22.2, + months 6.7 + trend 6.7; contact no longer counts.
    expect(rows.find((r) => r.customerNo === 'W1')?.reasons.map((r) => [r.signal, r.points])).toEqual([
      ['gap', 22.2],
      ['months', 6.7],
      ['trend', 6.7],
    ]);
    expect(rows.map((r) => r.customerNo)).toContain('S1'); // 300万 is within 60% of 钻石's 200万
    expect(
      ctx.store.sqlite.prepare("SELECT actor FROM audit_log WHERE action = 'warnings.saveSettings'").pluck().get(),
    ).toBe('B01');
    const bad = await dispatch(ctx, testSession(), 'warnings.saveSettings', {
      settings: { ...settings, mediumScore: 70 },
    });
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { field: 'settings.mediumScore' } } });
  });

  it('names the month without tier results', async () => {
    expect(() => list({ month: '2023-12' })).toThrow(/2023-12 没有分层结果/);
  });
});

describe('retention actions', () => {
  it('goes on the owner’s board, is done by a contact, and takes its outcome from the next month’s data', async () => {
    const { id: w1 } = await createAction(ctx, {
      customerNo: 'W1',
      month: MONTH,
      kind: 'visit',
      ownerCode: 'M01',
      dueDate: '2024-04-05',
      notes: '面谈到期理财续作',
      staffCode: 'M01',
    });
    const { id: d1 } = await createAction(ctx, {
      customerNo: 'D1',
      month: MONTH,
      kind: 'phone',
      ownerCode: 'M02',
      dueDate: '2024-04-20',
      staffCode: 'M02',
    });
    const { id: c1 } = await createAction(ctx, {
      customerNo: 'C1',
      month: MONTH,
      kind: 'proposal',
      ownerCode: 'M02',
      dueDate: '2024-04-15',
      staffCode: 'M02',
    });
    const board = getActionBoard(ctx, { ownerCode: 'M01', includeClosed: false });
    expect(board.actions).toEqual([
      expect.objectContaining({
        id: w1,
        customerNo: 'W1',
        tierCode: 'T4',
        tierName: '私人银行客户',
        outcome: 'open',
        overdue: true,
        riskScore: expect.any(Number),
      }),
    ]);
    expect(getActionBoard(ctx, { includeClosed: false }).actions.map((a) => a.id)).toEqual([w1, c1, d1]); // overdue first
    expect(list().rows.find((r) => r.customerNo === 'W1')?.openActions).toBe(1);

    await logContact(ctx, {
      customerNo: 'W1',
      date: '2024-04-09',
      channel: 'visit',
      purpose: 'retention',
      actionId: w1,
      staffCode: 'M01',
    });
    expect(getActionBoard(ctx, { ownerCode: 'M01', includeClosed: false }).actions[0]).toMatchObject({
      doneDate: '2024-04-09',
      overdue: false,
      outcome: 'open',
    });

    await addMonth('2024-05', { W1: 620, D1: 45, C1: 0.05, N1: 210, S1: 300, L1: 3, H1: 52 });
    const outcomes = Object.fromEntries(
      getActionBoard(ctx, { includeClosed: true }).actions.map((a) => [a.customerNo, [a.outcome, a.outcomeMonth]]),
    );
    expect(outcomes).toEqual({ W1: ['saved', '2024-05'], D1: ['downgraded', '2024-05'], C1: ['churned', '2024-05'] });
    expect(getActionBoard(ctx, { includeClosed: false }).actions).toEqual([]);
  });

  it('keeps an action open while the customer stays in 观察, and lets a person set the outcome with a reason', async () => {
    const { id } = await createAction(ctx, {
      customerNo: 'W1',
      month: MONTH,
      kind: 'phone',
      ownerCode: 'M01',
      dueDate: '2024-04-30',
      staffCode: 'M01',
    });
    await addMonth('2024-05', { W1: 570 });
    expect(getActionBoard(ctx, { includeClosed: true }).actions[0]).toMatchObject({
      outcome: 'open',
      outcomeMonth: null,
    });
    const set = setOutcome(ctx, { actionId: id, outcome: 'churned', reason: '客户告知将转至他行', staffCode: 'B01' });
    expect(set.action).toMatchObject({ outcome: 'churned', outcomeReason: '客户告知将转至他行' });
    const audit = ctx.store.sqlite
      .prepare("SELECT actor, target, detail FROM audit_log WHERE action = 'retention.setOutcome'")
      .get() as { actor: string; target: string; detail: string };
    expect(audit).toMatchObject({ actor: 'B01', target: 'W1' });
    expect(JSON.parse(audit.detail)).toMatchObject({ to: 'churned', reason: '客户告知将转至他行' });
    expect(setOutcome(ctx, { actionId: id, outcome: null, reason: '', staffCode: 'B01' }).action).toMatchObject({
      outcome: 'open',
      outcomeReason: null,
    });
  });

  it('refuses bad input with a clear message', async () => {
    const noReason = await dispatch(ctx, testSession(), 'retention.setOutcome', {
      actionId: 1,
      outcome: 'saved',
      reason: '',
    });
    expect(noReason).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: expect.stringContaining('请写明原因') },
    });
    await expect(
      createAction(ctx, {
        customerNo: 'W1',
        month: MONTH,
        kind: 'phone',
        ownerCode: 'X99',
        dueDate: '2024-04-30',
        staffCode: null,
      }),
    ).rejects.toThrow('没有工号为 X99 的员工');
    await expect(
      createAction(ctx, {
        customerNo: 'W1',
        month: '2023-01',
        kind: 'phone',
        ownerCode: 'M01',
        dueDate: '2024-04-30',
        staffCode: null,
      }),
    ).rejects.toThrow('没有分层结果');
    await expect(
      logContact(ctx, { customerNo: 'W1', date: '2024-04-11', channel: 'phone', purpose: 'care', staffCode: null }),
    ).rejects.toThrow('晚于今天');
    const { id } = await createAction(ctx, {
      customerNo: 'D1',
      month: MONTH,
      kind: 'phone',
      ownerCode: 'M02',
      dueDate: '2024-04-30',
      staffCode: null,
    });
    await expect(
      logContact(ctx, {
        customerNo: 'W1',
        date: '2024-04-10',
        channel: 'phone',
        purpose: 'retention',
        actionId: id,
        staffCode: null,
      }),
    ).rejects.toThrow('不属于这位客户');
    expect(() => setOutcome(ctx, { actionId: 999, outcome: 'saved', reason: '测试原因', staffCode: null })).toThrow(
      '找不到该保级行动',
    );
  });
});

describe('retention results', () => {
  it('counts, per manager and for the branch, what became of the customers in 观察 at the start', async () => {
    await createAction(ctx, {
      customerNo: 'W1',
      month: MONTH,
      kind: 'visit',
      ownerCode: 'M01',
      dueDate: '2024-04-20',
      staffCode: 'M01',
    });
    await createAction(ctx, {
      customerNo: 'D1',
      month: MONTH,
      kind: 'phone',
      ownerCode: 'M02',
      dueDate: '2024-04-20',
      staffCode: 'M02',
    });
    await addMonth('2024-05', { W1: 620, D1: 45, C1: 0.05, N1: 210, S1: 300, L1: 3, H1: 52 });
    // In 观察 at 2024-03: W1 (saved, with an action) and D1 (downgraded in May). Warned then: W1, D1, N1, H1.
    const results = await getRetentionResults(ctx, { fromMonth: '2024-03', toMonth: '2024-05' });
    expect(results.total).toEqual({
      warned: 4,
      inWatch: 2,
      actions: 2,
      saved: 1,
      heldWithoutAction: 0,
      downgraded: 1,
      churned: 0,
    });
    expect(results.managers).toEqual([
      {
        managerCode: 'M01',
        managerName: '周文静',
        warned: 2,
        inWatch: 1,
        actions: 1,
        saved: 1,
        heldWithoutAction: 0,
        downgraded: 0,
        churned: 0,
      },
      {
        managerCode: 'M02',
        managerName: '吴海',
        warned: 2,
        inWatch: 1,
        actions: 1,
        saved: 0,
        heldWithoutAction: 0,
        downgraded: 1,
        churned: 0,
      },
    ]);
    expect(results.months).toEqual([
      { month: '2024-03', watch: 2, downgraded: 0, actions: 0, saved: 0 },
      { month: '2024-04', watch: 3, downgraded: 0, actions: 2, saved: 0 },
      { month: '2024-05', watch: 1, downgraded: 1, actions: 0, saved: 1 },
    ]);
    const backwards = await dispatch(ctx, testSession(), 'retention.results', {
      fromMonth: '2024-05',
      toMonth: '2024-03',
    });
    expect(backwards).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: expect.stringContaining('起始月份应早于结束月份') },
    });
  });
});
