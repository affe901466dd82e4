import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, seedBranch, testSession } from '../../../tests/helpers/branch';
import { residentIdCheckChar } from '../engine/resident-id';
import { dispatch } from '../handlers';
import { recomputeTiers } from './tier-recompute';
import { listStaffAccounts, saveStaffAccount, setupAdministrator, signIn, type Session } from './auth';

const ID17 = '11010519800101123';
const ID = ID17 + residentIdCheckChar(ID17);
const WAN = 1_000_000;
let ctx: ReturnType<typeof createTestContext>;
beforeEach(async () => {
  ctx = createTestContext();
  seedBranch(
    ctx.store,
    [
      { customer_no: 'A1', name: '王芳', manager_code: 'M01', id_number: ID, mobile: '13812345678', assets: { '2024-03': 700 * WAN } },
      { customer_no: 'B1', name: '欧阳春晓', manager_code: 'M02', mobile: '13987654321', assets: { '2024-03': 60 * WAN } },
    ],
    [
      { code: 'M01', name: '周文静', role: 'manager' },
      { code: 'M02', name: '吴海', role: 'manager' },
      { code: 'T01', name: '柜员甲', role: 'teller' },
    ],
  );
  await recomputeTiers(ctx.store.sqlite, ctx.now());
});
afterEach(() => ctx.store.close());

const window = (): Session => ({ staff: null, lastActive: 0 });
const audits = (action: string) => ctx.store.sqlite.prepare('SELECT actor, target, detail FROM audit_log WHERE action = ? ORDER BY id').all(action);

describe('sign-in', () => {
  it('creates the administrator on first run only, with the secret hashed', () => {
    const session = window();
    expect(setupAdministrator(ctx, session, { code: 'ADM', name: '管理员', secret: '246810' })).toEqual({ code: 'ADM', name: '管理员', role: 'admin' });
    expect(session.staff?.code).toBe('ADM');
    const stored = ctx.store.sqlite.prepare("SELECT secret_hash FROM staff_credentials WHERE code = 'ADM'").pluck().get() as string;
    expect(stored).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(stored).not.toContain('246810');
    expect(() => setupAdministrator(ctx, window(), { code: 'X', name: '他人', secret: '123456' })).toThrow('管理员已建立');
  });

  it('signs in with the right secret, refuses a wrong one or an unknown code alike, and audits each', () => {
    setupAdministrator(ctx, window(), { code: 'ADM', name: '管理员', secret: '246810' });
    saveStaffAccount(ctx, { code: 'M01', name: '周文静', role: 'manager', active: true, secret: 'pin-1357', staffCode: 'ADM' });
    expect(() => signIn(ctx, window(), { code: 'M01', secret: 'wrong!' })).toThrow('工号或密码不正确');
    expect(() => signIn(ctx, window(), { code: 'NOBODY', secret: 'wrong!' })).toThrow('工号或密码不正确');
    const session = window();
    expect(signIn(ctx, session, { code: 'M01', secret: 'pin-1357' })).toEqual({ code: 'M01', name: '周文静', role: 'manager' });
    expect(audits('auth.signInFailed').map((a) => (a as { target: string }).target)).toEqual(['M01', 'NOBODY']);
    expect(audits('auth.signIn')).toEqual([{ actor: 'M01', target: null, detail: '{}' }]);
  });

  it('locks an account after 5 wrong secrets in a row; a new secret from the administrator unlocks it', () => {
    setupAdministrator(ctx, window(), { code: 'ADM', name: '管理员', secret: '246810' });
    saveStaffAccount(ctx, { code: 'M01', name: '周文静', role: 'manager', active: true, secret: 'pin-1357', staffCode: 'ADM' });
    for (let i = 0; i < 4; i++) expect(() => signIn(ctx, window(), { code: 'M01', secret: 'nope!!' })).toThrow('工号或密码不正确');
    expect(() => signIn(ctx, window(), { code: 'M01', secret: 'nope!!' })).toThrow('账户锁定 15 分钟');
    expect(() => signIn(ctx, window(), { code: 'M01', secret: 'pin-1357' })).toThrow('已锁定至');
    expect(listStaffAccounts(ctx).staff.find((s) => s.code === 'M01')?.lockedUntil).toBe('2024-04-10T09:15:00.000Z');
    saveStaffAccount(ctx, { code: 'M01', name: '周文静', role: 'manager', active: true, secret: 'pin-2468', staffCode: 'ADM' });
    expect(signIn(ctx, window(), { code: 'M01', secret: 'pin-2468' }).code).toBe('M01');
    expect(audits('auth.locked')).toHaveLength(1);
  });

  it('refuses an inactive account, and keeps the last administrator', () => {
    setupAdministrator(ctx, window(), { code: 'ADM', name: '管理员', secret: '246810' });
    saveStaffAccount(ctx, { code: 'M02', name: '吴海', role: 'manager', active: false, secret: 'pin-9999', staffCode: 'ADM' });
    expect(() => signIn(ctx, window(), { code: 'M02', secret: 'pin-9999' })).toThrow('工号或密码不正确');
    expect(() => saveStaffAccount(ctx, { code: 'ADM', name: '管理员', role: 'manager', active: true, staffCode: 'ADM' })).toThrow('唯一能登录的管理员');
  });
});

/** An ID number or a mobile in full: must never leave main but through a reveal. */
const UNMASKED = /\d{17}[\dX]|1[3-9]\d{9}/;

describe('what each role sees', () => {
  const call = async (session: Session, channel: Parameters<typeof dispatch>[2], input: unknown) => {
    const result = await dispatch(ctx, session, channel, input);
    if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
    return result.value as never;
  };
  const page = (session: Session) => call(session, 'customers.page', { month: '2024-03', sort: { field: 'customerNo', direction: 'asc' }, filter: {}, cursor: null, limit: 50 });

  it('a manager sees their own book; others only with the branch view, and never acts on them', async () => {
    const mine = testSession('M01', 'manager');
    expect(((await page(mine)) as { rows: Array<{ customerNo: string }> }).rows.map((r) => r.customerNo)).toEqual(['A1']);
    await expect(call(mine, 'customers.card', { customerNo: 'B1' })).rejects.toThrow('不在您的管户名下');
    await call(testSession('M02', 'admin', '吴海'), 'access.saveSettings', { settings: { idleMinutes: 10, managerBranchView: true, tellerMasksNames: true, tellerHidesBalances: true }, staffCode: null });
    expect(((await page(mine)) as { rows: unknown[] }).rows).toHaveLength(2);
    await call(mine, 'customers.card', { customerNo: 'B1' });
    await expect(call(mine, 'contacts.log', { customerNo: 'B1', date: '2024-04-01', channel: 'phone', purpose: 'care', staffCode: null })).rejects.toThrow('不在您的管户名下');
  });

  it('a teller sees names masked and no balances, in the list and on the card', async () => {
    const teller = testSession('T01', 'teller', '柜员甲');
    const rows = ((await page(teller)) as { rows: Array<{ name: string; aumFen: number | null }> }).rows;
    expect(rows.map((r) => [r.name, r.aumFen])).toEqual([['王*', null], ['欧**晓', null]]);
    const card = (await call(teller, 'customers.card', { customerNo: 'A1' })) as { customer: { name: string; annualIncomeFen: null }; months: unknown[]; tierHistory: Array<{ holdGapFen: null }> };
    expect(card.customer.name).toBe('王*');
    expect(card.months).toEqual([]);
    expect(card.tierHistory.every((m) => m.holdGapFen === null)).toBe(true);
  });

  it('no list or card leaves main with a full ID number or mobile, for any role', async () => {
    for (const role of ['manager', 'branch_manager', 'teller', 'admin'] as const) {
      const session = testSession('M01', role);
      expect(JSON.stringify(await page(session))).not.toMatch(UNMASKED);
      expect(JSON.stringify(await call(session, 'customers.card', { customerNo: 'A1' }))).not.toMatch(UNMASKED);
    }
  });

  it('scopes a manager\'s exports to their book', async () => {
    const mine = testSession('M01', 'manager');
    const exportOf = (template: string) => ({ request: { kind: 'exports.report', export: { template, month: '2024-03', format: 'csv', encoding: 'utf8', full: false, reason: null, staffCode: null, filter: {}, sort: { field: 'customerNo', direction: 'asc' } } } });
    await expect(call(mine, 'jobs.start', exportOf('customers'))).rejects.toThrow('客户明细包含全行客户');
    await call(mine, 'jobs.start', exportOf('list'));
    await ctx.jobs.idle();
    expect(ctx.store.sqlite.prepare("SELECT detail FROM audit_log WHERE action = 'exports.report'").pluck().all().join()).toContain('"managerCode":"M01"');
  });

  it('a teller sees customer names masked in every answer that names customers', async () => {
    await call(testSession(), 'complaints.register', { receivedAt: '2024-04-01', channel: 'counter', category: 'service', customerNo: 'B1', involvedStaffCode: null, description: '排队过久', demand: null, severity: 'low', regulatorReferred: false, staffCode: null });
    const list = (teller: boolean) => call(teller ? testSession('T01', 'teller', '柜员甲') : testSession(), 'complaints.list', { offset: 0, limit: 10 }) as Promise<{ rows: Array<{ customerName: string }> }>;
    expect((await list(false)).rows.map((r) => r.customerName)).toEqual(['欧阳春晓']);
    expect((await list(true)).rows.map((r) => r.customerName)).toEqual(['欧**晓']);
  });

  it('no warning or action list leaves main with a full ID number or mobile', async () => {
    for (const role of ['manager', 'branch_manager', 'teller', 'admin'] as const) {
      const session = testSession('M01', role);
      expect(JSON.stringify(await call(session, 'warnings.list', { month: '2024-03', offset: 0, limit: 50 }))).not.toMatch(UNMASKED);
      expect(JSON.stringify(await call(session, 'retention.board', { includeClosed: true }))).not.toMatch(UNMASKED);
    }
  });

  it('reveals one field of a customer in the book, with a reason, audited and time-limited', async () => {
    const mine = testSession('M01', 'manager');
    expect(await call(mine, 'customers.reveal', { customerNo: 'A1', field: 'idNumber', reason: '开户核实', staffCode: null })).toEqual({ value: ID, expiresAt: '2024-04-10T09:01:00.000Z' });
    expect(audits('customers.reveal')).toEqual([{ actor: 'M01', target: 'A1', detail: JSON.stringify({ field: 'idNumber', reason: '开户核实' }) }]);
    await expect(call(mine, 'customers.reveal', { customerNo: 'B1', field: 'mobile', reason: '核实', staffCode: null })).rejects.toThrow('不在您的管户名下');
    await expect(call(mine, 'customers.reveal', { customerNo: 'A1', field: 'mobile', reason: '', staffCode: null })).rejects.toThrow('须写明原因');
    await expect(call(testSession('T01', 'teller'), 'customers.reveal', { customerNo: 'A1', field: 'mobile', reason: '核实', staffCode: null })).rejects.toThrow('FORBIDDEN');
  });
});
