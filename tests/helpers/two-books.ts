/**
 * A small branch of two books for the trust tests: 周文静 (M01) keeps 0100001 and 0100002, 吴海 (M02) keeps 0200001
 * and 0200002; a teller, a 支行长 and an administrator. Two months of assets with customers in 观察 and near their
 * threshold (so there are warnings), each book with complaints, retention actions, an event, a saved segment, a tier
 * override, a plan item and care dates — everything a call might show or act on, on both sides.
 */
import type { Session } from '../../electron/core/trust/auth';
import { recomputeTiers } from '../../electron/core/tiers/tier-recompute';
import type { Channel } from '../../shared/contract';
import { callAs, createTestContext, seedBranch, testSession } from './branch';

export const WAN = 1_000_000;
export const MONTH = '2024-03';
export const WEEK = '2024-04-08';

export const MINE = ['0100001', '0100002'];
export const OTHERS = ['0200001', '0200002'];
/** Names of the other book (never shown to 周文静 without the branch view) and full names a teller must not see. */
export const FULL_NAMES = ['王芳', '李建国', '欧阳春晓', '张伟'];
/** Each customer's 月日均 in 分 this month: odd amounts, so they are found wherever they leak. */
export const BALANCES_FEN = [590_123_456, 52_345_678, 195_432_198, 8_765_432];
export const ID_NUMBER = '110105198004121231';

export const session = {
  mine: () => testSession('M01', 'manager', '周文静'),
  theirs: () => testSession('M02', 'manager', '吴海'),
  teller: () => testSession('T01', 'teller', '柜员甲'),
  branch: () => testSession('B01', 'branch_manager', '支行长'),
  admin: () => testSession('AD1', 'admin', '管理员'),
};

export type TwoBooks = Awaited<ReturnType<typeof twoBooks>>;

/** The branch, with the ids of what each book holds. */
export async function twoBooks() {
  const ctx = createTestContext();
  seedBranch(
    ctx.store,
    [
      {
        customer_no: MINE[0],
        name: '王芳',
        manager_code: 'M01',
        id_number: ID_NUMBER,
        mobile: '13812345678',
        birth_date: '1980-04-12',
        risk_level: 'C1',
        risk_assessed_date: '2023-04-20',
        assets: { '2024-02': 700 * WAN, [MONTH]: BALANCES_FEN[0] },
      },
      {
        customer_no: MINE[1],
        name: '李建国',
        manager_code: 'M01',
        mobile: '13811112222',
        assets: { '2024-02': 55 * WAN, [MONTH]: BALANCES_FEN[1] },
      },
      {
        customer_no: OTHERS[0],
        name: '欧阳春晓',
        manager_code: 'M02',
        mobile: '13987654321',
        birth_date: '1975-04-11',
        risk_level: 'C1',
        risk_assessed_date: '2023-04-20',
        assets: { '2024-02': 210 * WAN, [MONTH]: BALANCES_FEN[2] },
      },
      { customer_no: OTHERS[1], name: '张伟', manager_code: 'M02', assets: { [MONTH]: BALANCES_FEN[3] } },
    ],
    [
      { code: 'M01', name: '周文静', role: 'manager' },
      { code: 'M02', name: '吴海', role: 'manager' },
      { code: 'T01', name: '柜员甲', role: 'teller' },
      { code: 'B01', name: '支行长', role: 'branch_manager' },
      { code: 'AD1', name: '管理员', role: 'admin' },
    ],
  );
  // Each customer holds a product of the catalogue (R3): assessed C1, 王芳 and 欧阳春晓 hold it above their level; the
  // others, never assessed, are 未评估 — and the C1 assessments expire within 30 days of TEST_TODAY.
  ctx.store.sqlite.prepare("INSERT INTO products (code, name, risk_level) VALUES ('WM003', '稳进三号', 'R3')").run();
  const hold = ctx.store.sqlite.prepare(
    "INSERT INTO holdings (customer_id, product_key, product_code, product_name) SELECT id, 'WM003', 'WM003', '稳进三号' FROM customers WHERE customer_no = ?",
  );
  for (const customerNo of [...MINE, ...OTHERS]) hold.run(customerNo);
  await recomputeTiers(ctx.store.sqlite, ctx.now());
  const as = (who: Session, channel: Channel, input: unknown) => callAs(ctx, who, channel, input);
  const branch = session.branch();
  const complaint = async (customerNo: string) =>
    (
      (await as(branch, 'complaints.register', {
        receivedAt: '2024-04-01',
        channel: 'counter',
        category: 'service',
        customerNo,
        involvedStaffCode: null,
        description: '排队过久',
        demand: null,
        severity: 'low',
        regulatorReferred: false,
      })) as { id: number }
    ).id;
  const action = async (customerNo: string, ownerCode: string) =>
    (
      (await as(branch, 'retention.createAction', {
        customerNo,
        month: MONTH,
        kind: 'phone',
        ownerCode,
        dueDate: '2024-04-20',
      })) as { id: number }
    ).id;
  const event = async (ownerCode: string, customerNos: string[]) => {
    const { id } = (await as(branch, 'events.save', {
      title: `${ownerCode} 沙龙`,
      kind: 'salon',
      date: '2024-04-20',
      ownerCode,
    })) as { id: number };
    await as(branch, 'events.invite', { eventId: id, customerNos });
    return id;
  };
  const segment = async (who: Session, name: string) =>
    (
      (await as(who, 'segments.save', { name, filter: { tierCodes: ['T3'] }, replace: false })) as {
        id: number;
      }
    ).id;
  const override = async (customerNo: string) => {
    await as(branch, 'jobs.start', {
      request: {
        kind: 'tiers.saveOverride',
        override: { customerNo, tierCode: 'T4', reason: '战略客户', fromMonth: MONTH, untilMonth: '2024-12' },
      },
    });
    await ctx.jobs.idle();
    return ctx.store.sqlite
      .prepare('SELECT o.id FROM tier_overrides o JOIN customers c ON c.id = o.customer_id WHERE c.customer_no = ?')
      .pluck()
      .get(customerNo) as number;
  };
  const plan = async (who: Session, managerCode: string, customerNo: string) => {
    await as(who, 'plans.add', {
      managerCode,
      week: WEEK,
      items: [{ kind: 'contact', reason: 'manual', customerNo }],
    });
    return ctx.store.sqlite
      .prepare('SELECT id FROM plan_items WHERE manager_code = ?')
      .pluck()
      .get(managerCode) as number;
  };
  const ids = {
    mine: {
      complaint: await complaint(MINE[0]),
      action: await action(MINE[0], 'M01'),
      event: await event('M01', [MINE[0]]),
      segment: await segment(session.mine(), '周文静的客户'),
      override: await override(MINE[1]),
      plan: await plan(session.mine(), 'M01', MINE[0]),
    },
    theirs: {
      complaint: await complaint(OTHERS[0]),
      action: await action(OTHERS[0], 'M02'),
      event: await event('M02', [OTHERS[0]]),
      segment: await segment(session.theirs(), '吴海的客户'),
      override: await override(OTHERS[1]),
      plan: await plan(session.theirs(), 'M02', OTHERS[0]),
    },
    /** The 支行长's event, with customers of both books. */
    branchEvent: await event('B01', [MINE[0], OTHERS[0]]),
  };
  // A second complaint of the other book's customer: a repeat complainant.
  await complaint(OTHERS[0]);
  return { ctx, ids, as };
}

/** Turns the managers' branch view on or off (as the administrator). */
export async function setBranchView(
  { as }: TwoBooks,
  on: boolean,
  overrides: Record<string, unknown> = {},
): Promise<void> {
  await as(session.admin(), 'access.saveSettings', {
    settings: {
      idleMinutes: 10,
      managerBranchView: on,
      tellerMasksNames: true,
      tellerSeesAggregates: true,
      ...overrides,
    },
  });
}
