import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrations } from '../../../migrations';
import { addDays } from '../../../shared/month';
import { createTestContext, seedBranch, testSession, TEST_TODAY } from '../../../tests/helpers/branch';
import { runMigrations } from '../platform/migrate';
import { readContactStandards, readWarningSettings } from '../platform/settings';
import { lunarOf } from './care-calendar';
import { dispatch } from '../dispatch';
import { careCalendar } from './care';
import { getCustomerCard } from '../customers/customers';
import { eventDetail, inviteToEvent, listEvents, saveEvent, setAttendance } from './events';
import { addPlanItems, branchPlans, markPlanItem, planOf } from './plans';
import { createAction, logContact } from '../retention/retention';
import { saveSegment } from '../segments/saved-segments';
import { recomputeTiers } from '../tiers/tier-recompute';
import { contactCoverage, saveContactStandards, todayOf } from './workbench';

const WAN = 1_000_000;
const months = (wan: number[]) => Object.fromEntries(wan.map((v, i) => [`2024-0${i + 1}`, v * WAN]));
const flat = (wan: number) => months([wan, wan, wan, wan]);
// Today is 2024-04-10 (a Wednesday); its week runs 2024-04-08 to 04-14, the workbench's care window 04-10 to 04-16.
const WEEK = '2024-04-08';

/** A solar date in 1980 whose lunar date is 三月初六 (in 2024: 04-14). */
function bornOnLunar(month: number, day: number): string {
  for (let date = '1980-01-01'; date < '1981-01-01'; date = addDays(date, 1)) {
    const lunar = lunarOf(date);
    if (lunar.month === month && lunar.day === day && !lunar.leap) return date;
  }
  throw new Error('not found');
}
const LUNAR_BORN = bornOnLunar(3, 6);

let ctx: ReturnType<typeof createTestContext>;
const idOf = (no: string) =>
  ctx.store.sqlite.prepare('SELECT id FROM customers WHERE customer_no = ?').pluck().get(no) as number;
const contact = (
  no: string,
  date: string,
  channel: 'phone' | 'visit' = 'phone',
  purpose: 'care' | 'product' | 'service' = 'service',
) => logContact(ctx, { customerNo: no, date, channel, purpose, staffCode: 'M01' });

beforeEach(async () => {
  ctx = createTestContext();
  const old = '2015-06-01';
  seedBranch(
    ctx.store,
    [
      // M01's book.
      {
        customer_no: 'A',
        name: '安一',
        manager_code: 'M01',
        opened_date: old,
        risk_assessed_date: '2024-01-05',
        assets: flat(700),
      }, // T4, never contacted
      {
        customer_no: 'B',
        name: '白一',
        manager_code: 'M01',
        opened_date: old,
        risk_assessed_date: '2024-01-05',
        assets: flat(300),
      }, // T3
      {
        customer_no: 'C',
        name: '陈一',
        manager_code: 'M01',
        opened_date: old,
        risk_assessed_date: '2024-01-05',
        assets: flat(60),
        birth_date: '1964-04-12',
      }, // T2, birthday on Friday
      {
        customer_no: 'L',
        name: '陆一',
        manager_code: 'M01',
        opened_date: old,
        risk_assessed_date: '2024-01-05',
        assets: flat(60),
        birth_date: LUNAR_BORN,
        lunar_birthday: 1,
      }, // lunar birthday
      {
        customer_no: 'R',
        name: '任一',
        manager_code: 'M01',
        opened_date: '2019-04-13',
        risk_level: 'C3',
        risk_assessed_date: '2023-04-15',
        id_expiry_date: '2024-04-16',
        assets: flat(3),
      }, // 5 years, risk + ID expiry
      { customer_no: 'N', name: '聂一', manager_code: 'M01', opened_date: old, assets: flat(190) }, // near 钻石, risk never assessed: priority A
      {
        customer_no: 'W',
        name: '吴一',
        manager_code: 'M01',
        opened_date: old,
        risk_assessed_date: '2024-01-05',
        assets: months([700, 650, 400, 250]),
      }, // T4 in 观察, falling fast: high risk
      // M02's book: never on M01's lists.
      {
        customer_no: 'X',
        name: '谢一',
        manager_code: 'M02',
        opened_date: old,
        assets: flat(700),
        birth_date: '1970-04-11',
      },
    ],
    [
      { code: 'M01', name: '周文静', role: 'manager' },
      { code: 'M02', name: '吴海', role: 'manager' },
    ],
  );
  const holding = ctx.store.sqlite.prepare(
    'INSERT INTO holdings (customer_id, product_key, product_name, amount, maturity_date) VALUES (?, ?, ?, ?, ?)',
  );
  holding.run(idOf('B'), 'P7', '稳利 90 天', 50 * WAN, '2024-04-17'); // 7 days ahead: today; 1 day ahead on 04-16
  holding.run(idOf('B'), 'P30', '大额存单', 100 * WAN, '2024-05-14'); // 30 days ahead: 04-14
  holding.run(idOf('B'), 'P9', '季季盈', 10 * WAN, '2024-04-20'); // reminded 7 days ahead, on 04-13
  await recomputeTiers(ctx.store.sqlite, ctx.now());
});
afterEach(() => ctx.store.close());

describe("today's workbench", () => {
  it("lists a manager's own book: overdue contacts by tier standard, care this week, opportunities, high warnings", () => {
    const day = todayOf(ctx, 'M01');
    expect(day).toMatchObject({
      today: TEST_TODAY,
      managerCode: 'M01',
      managerName: '周文静',
      month: '2024-04',
      bookSize: 7,
    });
    // Never contacted: overdue from a year back (opened long ago) by the standard, longest first, then higher tiers;
    // for T4 its visit standard (92 days), which a visit would answer with the contact.
    expect(day.contacts.rows.map((r) => [r.customerNo, r.kind, r.daysOverdue])).toEqual([
      ['B', 'contact', 365 - 62],
      ['A', 'visit', 365 - 92],
      ['W', 'visit', 365 - 92],
      ['C', 'contact', 365 - 92],
      ['L', 'contact', 365 - 92],
      ['N', 'contact', 365 - 92],
    ]);
    const care = day.care.rows.map((c) => [c.date, c.kind, c.customerNo, c.daysAhead ?? c.years]);
    expect(care).toEqual([
      ['2024-04-10', 'maturity', 'B', 7],
      ['2024-04-12', 'birthday', 'C', 60],
      ['2024-04-13', 'maturity', 'B', 7],
      ['2024-04-13', 'anniversary', 'R', 5],
      ['2024-04-14', 'maturity', 'B', 30],
      ['2024-04-14', 'birthday', 'L', 44],
      ['2024-04-14', 'riskExpiry', 'R', null],
      ['2024-04-16', 'maturity', 'B', 1],
      ['2024-04-16', 'idExpiry', 'R', null],
    ]);
    // Assessed 2023-04-15: valid through day 365, 2024-04-14 (a leap year between), with the level assessed.
    expect(day.care.rows.find((c) => c.kind === 'riskExpiry')).toMatchObject({
      date: '2024-04-14',
      dueDate: '2024-04-14',
      riskLevel: 'C3',
    });
    expect(day.care.rows.find((c) => c.customerNo === 'L')).toMatchObject({
      lunar: true,
      lunarLabel: '三月初六',
      rule: 'exact',
    });
    expect(day.opportunities.rows.map((o) => [o.customerNo, o.signals])).toEqual([
      ['N', ['riskExpired', 'nearNextTier']],
    ]);
    expect(day.warnings.rows.map((w) => [w.customerNo, w.level])).toEqual([['W', 'high']]);
    expect(JSON.stringify(day)).not.toContain('谢一');
  });

  it('drops each item once the contact that closes it is logged', async () => {
    const action = await createAction(ctx, {
      customerNo: 'W',
      month: '2024-04',
      kind: 'visit',
      ownerCode: 'M01',
      dueDate: '2024-04-12',
      notes: '',
      staffCode: 'M01',
    });
    let day = todayOf(ctx, 'M01');
    expect(day.actions.rows.map((a) => a.customerNo)).toEqual(['W']);
    // An open action takes the warning off the list: it is being handled.
    expect(day.warnings.total).toBe(0);
    await logContact(ctx, {
      customerNo: 'W',
      date: TEST_TODAY,
      channel: 'visit',
      purpose: 'retention',
      staffCode: 'M01',
      actionId: action.id,
    });
    await contact('C', TEST_TODAY, 'phone', 'care');
    await contact('B', TEST_TODAY);
    await contact('N', '2024-03-20', 'phone', 'product');
    day = todayOf(ctx, 'M01');
    expect(day.actions.total).toBe(0);
    expect(day.care.rows.map((c) => c.customerNo)).not.toContain('C');
    // B's contact closes its maturities too, and its contact standard; a phone call does not answer A's visit.
    expect(day.care.rows.map((c) => c.customerNo)).not.toContain('B');
    expect(day.contacts.rows.map((r) => r.customerNo)).toEqual(['A', 'L']);
    expect(day.opportunities.total).toBe(0);
  });

  it('gives a 客户经理 their own day whoever they ask for, and refuses a teller', async () => {
    const asManager = await dispatch(ctx, testSession('M02', 'manager', '吴海'), 'workbench.today', {
      managerCode: 'M01',
    });
    expect(asManager).toMatchObject({ ok: true, value: { managerCode: 'M02', bookSize: 1 } });
    const asTeller = await dispatch(ctx, testSession('T01', 'teller', '柜员'), 'workbench.today', {
      managerCode: 'M01',
    });
    expect(asTeller).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('follows the contact standards as saved; a tier without one has no overdue contacts', () => {
    saveContactStandards(ctx, { tiers: { T4: { contactDays: 31, visitDays: null } } }, 'M01');
    expect(todayOf(ctx, 'M01').contacts.rows.map((r) => [r.customerNo, r.kind])).toEqual([
      ['A', 'contact'],
      ['W', 'contact'],
    ]);
    expect(readContactStandards(ctx.store.sqlite).tiers.T3).toBeUndefined();
  });
});

describe('care calendar', () => {
  it('lists the branch or one book over a period, by kind, with the lunar rule when a year lacks the date', () => {
    const all = careCalendar(ctx, { from: '2024-04-08', to: '2024-04-14', kinds: ['birthday'] });
    expect(all.items.map((i) => [i.date, i.customerNo])).toEqual([
      ['2024-04-11', 'X'],
      ['2024-04-12', 'C'],
      ['2024-04-14', 'L'],
    ]);
    expect(
      careCalendar(ctx, { from: '2024-04-08', to: '2024-04-14', kinds: ['birthday'], managerCode: 'M02' }).items.map(
        (i) => i.customerNo,
      ),
    ).toEqual(['X']);
    // 2025: the lunar birthday moves with the lunar calendar.
    const next = careCalendar(ctx, {
      from: '2025-03-01',
      to: '2025-04-30',
      kinds: ['birthday'],
      managerCode: 'M01',
    }).items.find((i) => i.customerNo === 'L');
    expect(next?.date).not.toBe(`2025${LUNAR_BORN.slice(4)}`);
    expect(lunarOf(next?.date as string)).toMatchObject({ month: 3, day: 6, leap: false });
  });

  it('shows the next birthday (its lunar date) and the ID expiry on the customer card', async () => {
    expect((await getCustomerCard(ctx, 'L')).customer).toMatchObject({
      nextBirthday: { date: '2024-04-14', lunarLabel: '三月初六', rule: 'exact' },
      idExpiryDate: null,
    });
    expect((await getCustomerCard(ctx, 'R')).customer).toMatchObject({
      nextBirthday: null,
      idExpiryDate: '2024-04-16',
    });
  });

  it('falls back on 2-28 for a 2-29 birthday and says so', () => {
    ctx.store.sqlite.prepare("UPDATE customers SET birth_date = '1988-02-29' WHERE customer_no = 'A'").run();
    const [item] = careCalendar(ctx, { from: '2025-02-25', to: '2025-03-02', kinds: ['birthday'] }).items;
    expect(item).toMatchObject({ customerNo: 'A', date: '2025-02-28', rule: 'feb28', years: 37 });
  });

  it('puts a leap-month lunar birthday in the regular month of a year without that leap, and says so', () => {
    // 2020-05-30 was 闰四月初八; 2021 has no 闰四月: 四月初八 is 2021-05-19.
    ctx.store.sqlite
      .prepare("UPDATE customers SET birth_date = '2020-05-30', lunar_birthday = 1 WHERE customer_no = 'A'")
      .run();
    const [item] = careCalendar(ctx, {
      from: '2021-05-17',
      to: '2021-05-23',
      kinds: ['birthday'],
      managerCode: 'M01',
    }).items;
    expect(item).toMatchObject({
      customerNo: 'A',
      date: '2021-05-19',
      lunar: true,
      lunarLabel: '闰四月初八',
      rule: 'regularMonth',
      years: 1,
    });
  });

  it('refuses a period over 62 days naming the field', async () => {
    const answer = await dispatch(ctx, testSession(), 'care.calendar', { from: '2024-01-01', to: '2024-04-01' });
    expect(answer).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { field: 'to' } } });
  });
});

describe('contact coverage', () => {
  it("counts each manager's customers contacted (and visited) within their tier's standard at each month's end", async () => {
    await contact('B', '2024-03-01');
    await contact('C', '2023-12-01');
    await contact('A', '2024-02-20', 'visit');
    await contact('W', TEST_TODAY);
    const coverage = contactCoverage(ctx, { fromMonth: '2024-02', toMonth: '2024-04' });
    const m01 = coverage.managers.find((m) => m.managerCode === 'M01');
    // Standards: A and W (T4: 31 days, visits 92), B (T3: 62), C, L and N (T2: 92); R is in the lowest tier.
    expect(m01?.months).toEqual([
      { month: '2024-02', customers: 6, onTime: 2, visitCustomers: 2, visitsOnTime: 1 }, // A (visit 02-20), C (12-01 within 92 days)
      { month: '2024-03', customers: 6, onTime: 1, visitCustomers: 2, visitsOnTime: 1 }, // B; A's visit 40 days back is past 31 for contact
      { month: '2024-04', customers: 6, onTime: 2, visitCustomers: 2, visitsOnTime: 1 }, // B, W today
    ]);
    expect(coverage.branch.map((f) => f.customers)).toEqual([7, 7, 7]);
  });
});

describe('work plans', () => {
  it('are made from suggestions and completed by a contact that week, a visit for a visit', async () => {
    const plan = planOf(ctx, { managerCode: 'M01', week: WEEK });
    expect(plan.items).toEqual([]);
    const visitA = plan.suggestions.find((s) => s.customerNo === 'A');
    expect(visitA).toMatchObject({ kind: 'visit', reason: 'overdueVisit' });
    const careC = plan.suggestions.find((s) => s.customerNo === 'C');
    expect(careC).toMatchObject({ kind: 'contact', reason: 'care', date: '2024-04-12' });
    const result = await addPlanItems(ctx, {
      managerCode: 'M01',
      week: WEEK,
      items: [visitA, careC, careC].map((s) => ({
        kind: s?.kind ?? 'contact',
        reason: s?.reason ?? 'manual',
        customerNo: s?.customerNo ?? undefined,
      })),
      staffCode: 'M01',
    });
    expect(result).toEqual({ added: 2, skipped: 1 });
    await contact('A', TEST_TODAY, 'phone');
    await contact('C', '2024-04-09', 'phone', 'care');
    const after = planOf(ctx, { managerCode: 'M01', week: WEEK });
    expect(after.items.map((i) => [i.customerNo, i.doneDate, i.doneBy])).toEqual([
      ['A', null, null],
      ['C', '2024-04-09', 'contact'],
    ]);
    expect(after.suggestions.some((s) => s.customerNo === 'C' && s.kind === 'contact')).toBe(false);
    markPlanItem(ctx, { id: after.items[0].id, done: true, staffCode: 'M01' });
    expect(branchPlans(ctx, WEEK).managers).toEqual([
      { managerCode: 'M01', managerName: '周文静', planned: 2, done: 2 },
    ]);
  });

  it("refuse a 客户经理 a customer outside their book, and another manager's plan", async () => {
    const refused = await dispatch(ctx, testSession('M01', 'manager'), 'plans.add', {
      managerCode: 'M01',
      week: WEEK,
      items: [{ kind: 'contact', reason: 'manual', customerNo: 'X' }],
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringContaining('X') } });
    const theirs = await addPlanItems(ctx, {
      managerCode: 'M02',
      week: WEEK,
      items: [{ kind: 'contact', reason: 'manual', customerNo: 'X' }],
      staffCode: 'M02',
    });
    expect(theirs.added).toBe(1);
    const [item] = planOf(ctx, { managerCode: 'M02', week: WEEK }).items;
    const mark = await dispatch(ctx, testSession('M01', 'manager'), 'plans.mark', {
      id: item.id,
      done: true,
    });
    expect(mark).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const notMonday = await dispatch(ctx, testSession(), 'plans.week', { managerCode: 'M01', week: '2024-04-10' });
    expect(notMonday).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { field: 'week' } } });
  });
});

describe('customer events', () => {
  it('invite a segment (a manager: of their book), record attendance and follow-ups', async () => {
    const { id } = saveEvent(ctx, {
      title: '春季理财沙龙',
      kind: 'salon',
      date: '2024-04-20',
      place: '三楼会议室',
      ownerCode: 'M01',
      staffCode: 'M01',
    });
    const segment = await saveSegment(ctx, {
      name: '高净值',
      filter: { tierCodes: ['T4', 'T3'] },
      replace: false,
      staffCode: 'M01',
    });
    expect(
      await inviteToEvent(ctx, { eventId: id, segmentId: segment.id, month: '2024-04', staffCode: 'M01' }, 'M01'),
    ).toEqual({ added: 3, already: 0 });
    expect(
      await inviteToEvent(ctx, { eventId: id, segmentId: segment.id, month: '2024-04', staffCode: 'B01' }, null),
    ).toEqual({ added: 1, already: 3 });
    expect(
      await dispatch(ctx, testSession('M01', 'manager'), 'events.invite', {
        eventId: id,
        customerNos: ['X'],
      }),
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await setAttendance(ctx, {
      eventId: id,
      customerNo: 'A',
      status: 'attended',
      followUp: '有意向购买养老产品',
      staffCode: 'M01',
    });
    await expect(
      setAttendance(ctx, { eventId: id, customerNo: 'C', status: 'attended', staffCode: 'M01' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(listEvents(ctx, {}).events).toEqual([
      expect.objectContaining({
        id,
        title: '春季理财沙龙',
        invited: 4,
        attended: 1,
        absent: 0,
        followedUp: 1,
        ownerName: '周文静',
      }),
    ]);
    expect(eventDetail(ctx, id, 'M01').invitees.map((i) => [i.customerNo, i.status])).toEqual([
      ['A', 'attended'],
      ['B', 'invited'],
      ['W', 'invited'],
    ]);
    expect(eventDetail(ctx, id, null).invitees).toHaveLength(4);
  });

  it('refuse more than 500 invitees an event', async () => {
    const { id } = saveEvent(ctx, {
      title: '论坛',
      kind: 'forum',
      date: '2024-04-20',
      ownerCode: 'M01',
      staffCode: 'M01',
    });
    const many = Array.from({ length: 499 }, (_, i) => `E${i}`);
    const insert = ctx.store.sqlite.prepare(
      "INSERT INTO customers (customer_no, name, created_at, updated_at) VALUES (?, '客户', '', '')",
    );
    for (const no of many) insert.run(no);
    await inviteToEvent(ctx, { eventId: id, customerNos: many, staffCode: 'M01' }, null);
    await expect(
      inviteToEvent(ctx, { eventId: id, customerNos: ['A', 'B'], staffCode: 'M01' }, null),
    ).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('501') });
    expect(listEvents(ctx, {}).events[0].invited).toBe(499);
  });
});

describe('migration 0013', () => {
  it('moves the contact standards out of the stored warning settings', () => {
    const db = new BetterSqlite3(':memory:');
    runMigrations(
      db,
      migrations.filter((m) => m.version <= 12),
    );
    const stored = { ...readWarningSettings(db), contactDays: { T4: 20, T2: 80 } };
    db.prepare("INSERT INTO branch_settings (key, value) VALUES ('warning_settings', ?)").run(JSON.stringify(stored));
    runMigrations(db, migrations);
    expect(readContactStandards(db)).toEqual({
      tiers: { T4: { contactDays: 20, visitDays: 92 }, T2: { contactDays: 80, visitDays: null } },
    });
    expect(readWarningSettings(db)).toEqual(readWarningSettings(createTestContext().store.sqlite));
    expect(db.prepare('SELECT lunar_birthday FROM customers').all()).toEqual([]);
    db.close();
  });
});
