/**
 * Books covered and in transition (docs/domain.md, "Book history"): the previous manager reads the customers handed
 * over until the transition ends, read-only; a backup (AB角) reads and acts on the book of a manager away, audited on
 * their behalf; and the bad inputs are refused naming why.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { callAs, createTestContext, seedBranch, testSession, TEST_TODAY } from '../../../tests/helpers/branch';
import { dispatch } from '../dispatch';
import { recomputeTiers } from '../tiers/tier-recompute';
import type { Channel, ChannelInput, ChannelOutput } from '../../../shared/contract';
import { addDays } from '../../../shared/month';

let ctx: ReturnType<typeof createTestContext>;
const who = {
  zhou: testSession('M01', 'manager', '周文静'),
  wu: testSession('M02', 'manager', '吴敏'),
  chen: testSession('M03', 'manager', '陈立'),
  branch: testSession('B01', 'branch_manager', '支行长'),
};
type Who = keyof typeof who;
const call = <C extends Channel>(as: Who, channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> =>
  callAs(ctx, who[as], channel, input);
/** The refusal of a call (code and message), or 'ok'. */
const refusal = async <C extends Channel>(as: Who, channel: C, input: ChannelInput<C>) => {
  const result = await dispatch(ctx, who[as], channel, input);
  return result.ok ? 'ok' : `${result.error.code} ${result.error.message}`;
};
const contact = (customerNo: string, date = TEST_TODAY) =>
  ({ customerNo, date, channel: 'phone', purpose: 'care' }) as const;

beforeEach(async () => {
  ctx = createTestContext(); // today is 2024-04-10
  seedBranch(
    ctx.store,
    [
      { customer_no: '0510001', name: '王芳', manager_code: 'M01', assets: { '2024-03': 100_000_000 } },
      { customer_no: '0510002', name: '李强', manager_code: 'M01', assets: { '2024-03': 100_000_000 } },
      { customer_no: '0520001', name: '赵敏', manager_code: 'M02', assets: { '2024-03': 100_000_000 } },
    ],
    [
      { code: 'M01', name: '周文静', role: 'manager' },
      { code: 'M02', name: '吴敏', role: 'manager' },
      { code: 'M03', name: '陈立', role: 'manager' },
      { code: 'B01', name: '支行长', role: 'branch_manager' },
    ],
  );
  await recomputeTiers(ctx.store.sqlite, TEST_TODAY);
});
afterEach(() => ctx.store.close());

const handOver = (transitionDays?: number) =>
  call('branch', 'books.handover', {
    selection: { by: 'customers', customerNos: ['0510002'] },
    toManagerCode: 'M02',
    effectiveDate: '2024-04-08',
    reason: 'balance',
    ...(transitionDays === undefined ? {} : { transitionDays }),
  });

describe('transition period', () => {
  it('lets the previous manager read the customers handed over, read-only, until it ends', async () => {
    await call('zhou', 'contacts.log', contact('0510002', '2024-04-05'));
    await handOver(); // 30 days by default: readable to 2024-05-07
    expect((await call('zhou', 'customers.card', { customerNo: '0510002' })).customerNo).toBe('0510002');
    expect(await refusal('zhou', 'contacts.log', contact('0510002'))).toMatch(
      /^FORBIDDEN 客户 0510002 不在您的管户名下/,
    );
    // Not in the book's lists: the customer list is of 周文静's own book.
    const page = await call('zhou', 'customers.page', {
      month: '2024-03',
      sort: { field: 'customerNo', direction: 'asc' },
      filter: {},
      cursor: null,
      limit: 50,
    });
    expect(page.rows.map((r) => r.customerNo)).toEqual(['0510001']);

    const zhouDay = await call('zhou', 'workbench.today', { managerCode: 'M01' });
    expect(zhouDay.handedOver.rows).toEqual([
      {
        customerNo: '0510002',
        name: '李强',
        toManagerCode: 'M02',
        toManagerName: '吴敏',
        effectiveDate: '2024-04-08',
        until: '2024-05-07',
      },
    ]);
    const wuDay = await call('wu', 'workbench.today', { managerCode: 'M02' });
    expect(wuDay.newInBook.rows).toMatchObject([
      { customerNo: '0510002', fromManagerCode: 'M01', lastContactByPrevious: '2024-04-05', until: '2024-05-07' },
    ]);
    expect((await call('branch', 'books.handovers', {})).handovers[0]).toMatchObject({
      transitionDays: 30,
      transitionUntil: '2024-05-07',
    });

    ctx.today = () => '2024-05-08';
    expect(await refusal('zhou', 'customers.card', { customerNo: '0510002' })).toMatch(/^FORBIDDEN/);
    expect((await call('zhou', 'workbench.today', { managerCode: 'M01' })).handedOver.total).toBe(0);
    expect((await call('wu', 'workbench.today', { managerCode: 'M02' })).newInBook.total).toBe(0);
  });

  it('ends at once with no transition, and when the handover is undone or the customer moves again', async () => {
    await handOver(0);
    expect(await refusal('zhou', 'customers.card', { customerNo: '0510002' })).toMatch(/^FORBIDDEN/);
    const { handovers } = await call('branch', 'books.handovers', {});
    await call('branch', 'books.undoHandover', { handoverId: handovers[0].id });
    await handOver(10);
    expect(await refusal('zhou', 'customers.card', { customerNo: '0510002' })).toBe('ok');
    await call('branch', 'books.handover', {
      selection: { by: 'customers', customerNos: ['0510002'] },
      toManagerCode: 'M03',
      effectiveDate: TEST_TODAY,
      reason: 'balance',
    });
    // 吴敏 now reads it in transition; 周文静's transition ended with the second move.
    expect(await refusal('zhou', 'customers.card', { customerNo: '0510002' })).toMatch(/^FORBIDDEN/);
    expect(await refusal('wu', 'customers.card', { customerNo: '0510002' })).toBe('ok');
  });

  it('starts, for a handover dated ahead, on its day: the first call that day moves the book', async () => {
    await call('branch', 'books.handover', {
      selection: { by: 'customers', customerNos: ['0510002'] },
      toManagerCode: 'M02',
      effectiveDate: '2024-04-12',
      reason: 'transfer',
      transitionDays: 5,
    });
    expect(await refusal('wu', 'customers.card', { customerNo: '0510002' })).toMatch(/^FORBIDDEN/);
    expect((await call('wu', 'workbench.today', { managerCode: 'M02' })).newInBook.total).toBe(0);
    ctx.today = () => '2024-04-12';
    expect((await call('wu', 'workbench.today', { managerCode: 'M02' })).newInBook.rows).toMatchObject([
      { customerNo: '0510002', effectiveDate: '2024-04-12', until: '2024-04-16' },
    ]);
    expect((await call('zhou', 'workbench.today', { managerCode: 'M01' })).handedOver.total).toBe(1);
  });

  it('refuses a transition beyond 90 days, naming the field', async () => {
    expect(
      await refusal('branch', 'books.handover', {
        selection: { by: 'book', managerCode: 'M01' },
        toManagerCode: 'M02',
        effectiveDate: TEST_TODAY,
        reason: 'leave',
        transitionDays: 91,
      }),
    ).toBe('VALIDATION 输入无效：字段 transitionDays：过渡期为 0–90 天');
  });
});

describe('backup manager (AB角)', () => {
  const away = (managerCode: string, from: string, to: string) =>
    call('branch', 'books.markAway', { managerCode, from, to });

  it('covers the book of a manager away: reads, acts audited on their behalf, opens their workbench', async () => {
    await call('branch', 'books.handover', {
      selection: { by: 'customers', customerNos: ['0510002'] },
      toManagerCode: 'M03',
      effectiveDate: TEST_TODAY,
      reason: 'balance',
    });
    await call('branch', 'books.setBackup', { managerCode: 'M01', backupCode: 'M02' });
    expect(await refusal('wu', 'contacts.log', contact('0510001'))).toMatch(/^FORBIDDEN/);
    await away('M01', TEST_TODAY, addDays(TEST_TODAY, 4));

    expect((await call('wu', 'customers.card', { customerNo: '0510001' })).customerNo).toBe('0510001');
    await call('wu', 'contacts.log', contact('0510001'));
    const audit = ctx.store.sqlite
      .prepare("SELECT actor, target, detail FROM audit_log WHERE action = 'books.actedFor'")
      .all();
    expect(audit).toEqual([
      { actor: 'M02', target: 'M01', detail: JSON.stringify({ channel: 'contacts.log', onBehalfOf: ['M01'] }) },
    ]);
    // The contact is 吴敏's own (who made it).
    expect(ctx.store.sqlite.prepare('SELECT staff_code FROM contacts').pluck().all()).toEqual(['M02']);

    const own = await call('wu', 'workbench.today', { managerCode: 'M02' });
    expect(own.covers).toEqual([{ managerCode: 'M01', managerName: '周文静', until: '2024-04-14' }]);
    const covered = await call('wu', 'workbench.today', { managerCode: 'M01' });
    expect([covered.managerCode, covered.bookSize]).toEqual(['M01', 1]);
    expect((await call('zhou', 'workbench.today', { managerCode: 'M01' })).away).toEqual({
      from: TEST_TODAY,
      to: '2024-04-14',
      backupCode: 'M02',
      backupName: '吴敏',
    });
    // 周文静's customers in transition show on her day as the backup opens it (read-only for both).
    expect([covered.handedOver.total, covered.handedOver.rows.map((r) => r.customerNo)]).toEqual([1, ['0510002']]);
    // Somebody else's book stays closed, to the backup and to a third manager.
    expect((await call('chen', 'workbench.today', { managerCode: 'M01' })).managerCode).toBe('M03');
    expect(await refusal('chen', 'contacts.log', contact('0510001'))).toMatch(/^FORBIDDEN/);
    // 周文静 does not cover 吴敏's book the other way round.
    expect(await refusal('zhou', 'customers.card', { customerNo: '0520001' })).toMatch(/^FORBIDDEN/);

    // After the time away, the book is 周文静's alone again.
    ctx.today = () => '2024-04-15';
    expect(await refusal('wu', 'customers.card', { customerNo: '0510001' })).toMatch(/^FORBIDDEN/);
    expect((await call('wu', 'workbench.today', { managerCode: 'M01' })).managerCode).toBe('M02');
  });

  it('lists backups and time away for the 支行长, and a cancelled time away covers nothing', async () => {
    await call('branch', 'books.setBackup', { managerCode: 'M01', backupCode: 'M02' });
    const { absenceId } = await away('M01', TEST_TODAY, '2024-04-12');
    const cover = await call('branch', 'books.cover', {});
    expect(cover.managers.find((m) => m.managerCode === 'M01')).toMatchObject({
      backupCode: 'M02',
      backupName: '吴敏',
      absences: [{ id: absenceId, from: TEST_TODAY, to: '2024-04-12', current: true }],
    });
    await call('branch', 'books.cancelAway', { absenceId });
    expect(await refusal('wu', 'customers.card', { customerNo: '0510001' })).toMatch(/^FORBIDDEN/);
    expect((await call('branch', 'books.cover', {})).managers.find((m) => m.managerCode === 'M01')?.absences).toEqual(
      [],
    );
  });

  it('refuses bad backups and time away, naming why, and writes nothing', async () => {
    const audits = () => ctx.store.sqlite.prepare('SELECT count(*) FROM audit_log').pluck().get() as number;
    expect(await refusal('branch', 'books.setBackup', { managerCode: 'M01', backupCode: 'M01' })).toBe(
      'VALIDATION AB角不能是本人',
    );
    expect(await refusal('branch', 'books.setBackup', { managerCode: 'M01', backupCode: 'X99' })).toBe(
      'VALIDATION 工号 X99 不是在岗的客户经理或支行长',
    );
    expect(await refusal('branch', 'books.markAway', { managerCode: 'M01', from: TEST_TODAY, to: '2024-04-12' })).toBe(
      'VALIDATION 请先为 周文静 指定AB角，休假期间由其代管客户',
    );
    expect(
      await refusal('branch', 'books.markAway', { managerCode: 'M01', from: '2024-04-12', to: '2024-04-11' }),
    ).toBe('VALIDATION 输入无效：字段 to：结束日期不能早于开始日期');

    await call('branch', 'books.setBackup', { managerCode: 'M01', backupCode: 'M02' });
    await call('branch', 'books.setBackup', { managerCode: 'M02', backupCode: 'M01' });
    await away('M02', '2024-04-20', '2024-04-25');
    const before = audits();
    // 周文静 backs up 吴敏, who is away 20–25 April: they cannot be away at once, whichever is recorded first.
    expect(
      await refusal('branch', 'books.markAway', { managerCode: 'M01', from: '2024-04-24', to: '2024-04-26' }),
    ).toBe('CONFLICT AB角 吴敏 在 2024-04-20 至 2024-04-25 也休假，无人代管；请改期或先更换AB角');
    await call('branch', 'books.setBackup', { managerCode: 'M01', backupCode: 'M03' });
    expect(
      await refusal('branch', 'books.markAway', { managerCode: 'M01', from: '2024-04-24', to: '2024-04-26' }),
    ).toBe('CONFLICT 周文静 是 吴敏 的AB角，后者在 2024-04-20 至 2024-04-25 休假，两人不能同时休假');
    expect(
      await refusal('branch', 'books.markAway', { managerCode: 'M02', from: '2024-04-25', to: '2024-04-27' }),
    ).toBe('CONFLICT 吴敏 已登记 2024-04-20 至 2024-04-25 休假，与此次重叠');
    expect(
      await refusal('branch', 'books.markAway', { managerCode: 'M02', from: '2024-04-01', to: '2024-04-09' }),
    ).toBe('VALIDATION 休假已结束，无需登记');
    expect(await refusal('branch', 'books.setBackup', { managerCode: 'M02', backupCode: null })).toMatch(
      /^CONFLICT 吴敏 已登记 2024-04-20 至 2024-04-25 休假，需有AB角代管/,
    );
    // A backup away at the same time cannot be named.
    await call('branch', 'books.setBackup', { managerCode: 'M03', backupCode: 'M01' });
    await away('M03', '2024-04-21', '2024-04-22');
    expect(await refusal('branch', 'books.setBackup', { managerCode: 'M02', backupCode: 'M03' })).toBe(
      'CONFLICT 陈立 在 2024-04-21 至 2024-04-22 也休假，与 吴敏 的休假（2024-04-20 至 2024-04-25）重叠，不能担任AB角',
    );
    expect(audits()).toBe(before + 3); // 周文静's backup, 陈立's backup and time away: nothing else
    // Only the 支行长 sets them.
    expect(await refusal('zhou', 'books.setBackup', { managerCode: 'M01', backupCode: 'M02' })).toMatch(/^FORBIDDEN/);
  });
});
