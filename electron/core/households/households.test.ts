import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { xlsxFile } from '../../../tests/fixtures/spreadsheets';
import { callAs, createTestContext, seedBranch, testSession } from '../../../tests/helpers/branch';
import { analyzeOne } from '../../../tests/helpers/imports';
import { IMPORT_FIELDS } from '../../../shared/import-fields';
import type { CustomerHousehold, HouseholdPage } from '../../../shared/schemas/households';
import { commitImport, undoLatestImport } from '../imports/imports';
import { importTemplate } from '../imports/templates';

let ctx: ReturnType<typeof createTestContext>;
const WAN = 1_000_000;
const STAFF = [
  { code: 'M01', name: '周文静', role: 'manager' },
  { code: 'M02', name: '吴海', role: 'manager' },
];
const mgr = testSession('M01', 'manager');
const boss = testSession('B01', 'branch_manager');
const teller = testSession('T01', 'teller');

/** 张伟 (head) and 李娜 in M01's book, 张小明 in M02's; months Jan–Mar. */
beforeEach(() => {
  ctx = createTestContext();
  const months = (fen: number) => ({ '2024-01': fen, '2024-02': fen + 1, '2024-03': fen + 2 });
  seedBranch(
    ctx.store,
    [
      { customer_no: 'H01', name: '张伟', manager_code: 'M01', assets: months(400 * WAN + 37) },
      {
        customer_no: 'H02',
        name: '李娜',
        manager_code: 'M01',
        assets: months(150 * WAN + 11),
        wealth: { '2024-03': 50 * WAN },
      },
      { customer_no: 'H03', name: '张小明', manager_code: 'M02', assets: months(62 * WAN + 3) },
      ...Array.from({ length: 12 }, (_, i) => ({
        customer_no: `P${String(i + 1).padStart(2, '0')}`,
        name: `成员${i + 1}`,
        manager_code: 'M01',
        assets: months(WAN),
      })),
    ],
    STAFF,
  );
});
afterEach(() => ctx.store.close());

const card = (who = boss, customerNo = 'H01') =>
  callAs(ctx, who, 'households.customer', { customerNo }) as Promise<CustomerHousehold>;

describe('households on the card', () => {
  it("a 客户经理 starts one and adds their customers; another book is the 支行长's to add, shown masked to the 客户经理; the figure is the exact sum", async () => {
    await callAs(ctx, mgr, 'households.create', { headCustomerNo: 'H01', joinedDate: '2024-01-01' });
    await callAs(ctx, mgr, 'households.addMember', {
      headCustomerNo: 'H01',
      customerNo: 'H02',
      role: 'spouse',
      joinedDate: '2024-01-15',
    });
    await expect(
      callAs(ctx, mgr, 'households.addMember', {
        headCustomerNo: 'H01',
        customerNo: 'H03',
        role: 'child',
        joinedDate: '2024-02-01',
      }),
    ).rejects.toThrow(/FORBIDDEN.*H03/);
    await callAs(ctx, boss, 'households.addMember', {
      headCustomerNo: 'H01',
      customerNo: 'H03',
      role: 'child',
      joinedDate: '2024-02-01',
    });

    const whole = await card();
    const household = whole.household!;
    expect(household.members.map((m) => [m.customerNo, m.role, m.joinedDate])).toEqual([
      ['H01', 'head', '2024-01-01'],
      ['H02', 'spouse', '2024-01-15'],
      ['H03', 'child', '2024-02-01'],
    ]);
    // 月日均 per month: the exact sum of the members in the household that month (H03 from February).
    expect(household.months.map((m) => [m.month, m.members, m.aumFen, m.wealthFen])).toEqual([
      ['2024-03', 3, 400 * WAN + 39 + 150 * WAN + 13 + 62 * WAN + 5, 50 * WAN],
      ['2024-02', 3, 400 * WAN + 38 + 150 * WAN + 12 + 62 * WAN + 4, 0],
      ['2024-01', 2, 400 * WAN + 37 + 150 * WAN + 11, 0],
    ]);
    expect(household.aumFen).toBe(612 * WAN + 57);

    const managers = await card(mgr);
    const masked = managers.household!.members[2];
    expect(masked).toMatchObject({ customerNo: null, shownNo: '***', name: '张*明', aumFen: null });
    expect(JSON.stringify(managers)).not.toContain('张小明');
    // The household's sum less her own customers' would tell 张小明's money: withheld from her.
    expect(managers.household).toMatchObject({ withheld: true, aumFen: null, months: [] });
    expect(whole.household?.withheld).toBe(false);

    const tellers = await card(teller);
    expect(tellers.household!.months).toEqual([]);
    expect(tellers.household!.aumFen).toBeNull();
    expect(tellers.household!.members.every((m) => m.aumFen === null)).toBe(true);
  });

  it('refuses a second household, more than ten people, and a head leaving before the others; leaving keeps the history', async () => {
    await callAs(ctx, boss, 'households.create', { headCustomerNo: 'H01', joinedDate: '2024-01-01' });
    await expect(
      callAs(ctx, boss, 'households.create', { headCustomerNo: 'H01', joinedDate: '2024-01-01' }),
    ).rejects.toThrow(/已在户主 H01 的家庭中/);
    for (let i = 1; i <= 9; i++)
      await callAs(ctx, boss, 'households.addMember', {
        headCustomerNo: 'H01',
        customerNo: `P0${i}`.replace('P010', 'P10'),
        role: 'other',
        joinedDate: '2024-01-01',
      });
    await expect(
      callAs(ctx, boss, 'households.addMember', {
        headCustomerNo: 'H01',
        customerNo: 'P10',
        role: 'other',
        joinedDate: '2024-01-01',
      }),
    ).rejects.toThrow(/已有 10 人，最多 10 人/);
    await callAs(ctx, boss, 'households.create', { headCustomerNo: 'H02', joinedDate: '2024-01-01' });
    await expect(
      callAs(ctx, boss, 'households.addMember', {
        headCustomerNo: 'H02',
        customerNo: 'P01',
        role: 'parent',
        joinedDate: '2024-01-01',
      }),
    ).rejects.toThrow(/P01 已在户主 H01 的家庭中/);
    await expect(callAs(ctx, boss, 'households.leave', { customerNo: 'H01', leftDate: '2024-03-01' })).rejects.toThrow(
      /户主只能在其他成员都移出后移出/,
    );
    await callAs(ctx, boss, 'households.leave', { customerNo: 'P01', leftDate: '2024-03-05' });
    const after = await card();
    const left = after.household!.members.find((m) => m.customerNo === 'P01')!;
    expect(left.leftDate).toBe('2024-03-05');
    // P01 counts in January and February, not from March (the month they left).
    expect(after.household!.months.map((m) => m.members)).toEqual([9, 10, 10]);
    expect(await card(boss, 'P01')).toMatchObject({ household: null });
    // Now in no household, P01 may join H02's.
    await callAs(ctx, boss, 'households.addMember', {
      headCustomerNo: 'H02',
      customerNo: 'P01',
      role: 'parent',
      joinedDate: '2024-03-06',
    });
    const audit = ctx.store.sqlite
      .prepare("SELECT action FROM audit_log WHERE action LIKE 'households.%' ORDER BY id")
      .pluck()
      .all();
    expect(audit.filter((a) => a === 'households.leave')).toHaveLength(1);
  });
});

describe('the household list', () => {
  it("pages households by head, size or figure, narrowed to the 客户经理's book and hidden from tellers by amount", async () => {
    await callAs(ctx, boss, 'households.create', { headCustomerNo: 'H01', joinedDate: '2024-01-01' });
    await callAs(ctx, boss, 'households.addMember', {
      headCustomerNo: 'H01',
      customerNo: 'H02',
      role: 'spouse',
      joinedDate: '2024-01-01',
    });
    await callAs(ctx, boss, 'households.create', { headCustomerNo: 'H03', joinedDate: '2024-01-01' });
    const query = {
      month: '2024-03',
      sort: { field: 'aum', direction: 'desc' },
      filter: {},
      offset: 0,
      limit: 50,
    };
    const page = (await callAs(ctx, boss, 'households.page', query)) as HouseholdPage;
    expect(page.total).toBe(2);
    expect(page.rows.map((r) => [r.customerNo, r.size, r.aumFen])).toEqual([
      ['H01', 2, 550 * WAN + 52],
      ['H03', 1, 62 * WAN + 5],
    ]);
    expect(page.rows[0].wealthPct).toBeCloseTo(9.1, 1);
    const mine = (await callAs(ctx, mgr, 'households.page', query)) as HouseholdPage;
    expect(mine.rows.map((r) => [r.customerNo, r.aumFen])).toEqual([['H01', 550 * WAN + 52]]);
    // With a member of another book, the household's figure is withheld from the 客户经理, as on the card.
    await callAs(ctx, boss, 'households.leave', { customerNo: 'H03', leftDate: '2024-01-01' });
    await callAs(ctx, boss, 'households.addMember', {
      headCustomerNo: 'H01',
      customerNo: 'H03',
      role: 'child',
      joinedDate: '2024-01-01',
    });
    const mixed = (await callAs(ctx, mgr, 'households.page', query)) as HouseholdPage;
    expect(mixed.rows.map((r) => [r.customerNo, r.size, r.aumFen, r.wealthPct])).toEqual([['H01', 3, null, null]]);
    await expect(callAs(ctx, teller, 'households.page', query)).rejects.toThrow(/FORBIDDEN/);
    const tellers = (await callAs(ctx, teller, 'households.page', {
      ...query,
      sort: { field: 'size', direction: 'desc' },
      filter: { minSize: 2 },
    })) as HouseholdPage;
    expect(tellers.rows.map((r) => [r.customerNo, r.aumFen])).toEqual([['H01', null]]);
  });
});

const householdFile = (rows: unknown[][]) => ({
  name: '家庭成员.xlsx',
  bytes: xlsxFile([{ name: '家庭成员', rows: [['客户号', '客户名称', '户主客户号', '关系', '加入日期'], ...rows] }]),
});
const memberships = () =>
  ctx.store.sqlite
    .prepare(
      `SELECT c.customer_no, h.customer_no AS head, m.role, m.joined_date FROM household_members m
       JOIN customers c ON c.id = m.customer_id
       JOIN household_members hm ON hm.household_id = m.household_id AND hm.role = 'head'
       JOIN customers h ON h.id = hm.customer_id ORDER BY m.id`,
    )
    .raw()
    .all();

describe('the households import', () => {
  it('refuses each bad row naming row and column, writes nothing then; a clean file is written and undone', async () => {
    await callAs(ctx, boss, 'households.create', { headCustomerNo: 'P12', joinedDate: '2024-01-01' });
    await callAs(ctx, boss, 'households.addMember', {
      headCustomerNo: 'P12',
      customerNo: 'P11',
      role: 'child',
      joinedDate: '2024-01-01',
    });
    const before = memberships();
    const analysis = await analyzeOne(
      ctx,
      householdFile([
        ['H01', '张伟', 'H01', '户主', '2024-01-01'], // 2 fine
        ['H02', '李娜', 'H01', '配偶', null], // 3 fine
        ['H02', '李娜', 'H03', '配偶', null], // 4 a customer in two households
        ['P01', '成员1', 'P02', '子女', null], // 5 a household without a head
        ['P03', '成员3', 'P04', '户主', null], // 6 head row naming another
        ['P05', '成员5', 'P06', '配偶', null], // 7 cycle
        ['P06', '成员6', 'P05', '配偶', null], // 8 cycle
        ['P07', '成员7', 'P11', '父母', null], // 9 head who is a member elsewhere
        ['P08', '成员8', 'P08', '配偶', null], // 10 head row with a member's relation
        ['X99', '某人', 'H01', '子女', null], // 11 unknown customer
        ['P09', '成员9', 'P11', '其他', null], // 12 head who is a member elsewhere
      ]),
    );
    expect(analysis.file.kind).toBe('households');
    const problems = analysis.problems.map((p) => [p.row, p.column, p.value]);
    expect(problems).toEqual(
      expect.arrayContaining([
        [4, 'A 客户号', 'H02'],
        [5, 'C 户主客户号', 'P02'],
        [6, 'D 关系', 'head'],
        [7, 'C 户主客户号', 'P06'],
        [8, 'C 户主客户号', 'P05'],
        [9, 'C 户主客户号', 'P11'],
        [10, 'D 关系', 'spouse'],
        [11, 'A 客户号', 'X99'],
      ]),
    );
    const text = analysis.problems.map((p) => p.message).join('\n');
    expect(text).toContain('一位客户只能属于一个家庭');
    expect(text).toContain('户主 P02 的家庭没有户主');
    expect(text).toContain('户主关系成环：P06 → P05 → P06');
    expect(text).toContain('户主 P11 已是户主 P12 家的成员');
    await expect(commitImport(ctx, analysis, { replaceMonths: false, staffCode: 'B01' })).rejects.toThrow(
      /未写入任何数据/,
    );
    expect(memberships()).toEqual(before);

    const tooMany = await analyzeOne(
      ctx,
      householdFile([
        ['H01', '张伟', 'H01', null, null],
        ...Array.from({ length: 10 }, (_, i) => [`P${String(i + 1).padStart(2, '0')}`, null, 'H01', '其他', null]),
      ]),
    );
    expect(tooMany.problems.map((p) => p.message)).toContain(
      '户主 H01 的家庭将有 11 人，最多 10 人（第 2、3、4、5、6、7、8、9、10、11、12 行）',
    );

    const clean = await analyzeOne(
      ctx,
      householdFile([
        ['H01', '张伟', 'H01', '户主', '2024-01-01'],
        ['H02', '李娜', 'H01', '配偶', '2024-02-01'],
        ['P01', '成员1', 'P12', '父母', null],
      ]),
    );
    expect(clean.problems).toEqual([]);
    await commitImport(ctx, clean, { replaceMonths: false, staffCode: 'B01' });
    expect(memberships()).toEqual([
      ...before,
      ['P01', 'P12', 'parent', '2024-04-10'],
      ['H01', 'H01', 'head', '2024-01-01'],
      ['H02', 'H01', 'spouse', '2024-02-01'],
    ]);
    await undoLatestImport(ctx, 'B01');
    expect(memberships()).toEqual(before);
    expect(ctx.store.sqlite.prepare('SELECT count(*) FROM households').pluck().get()).toBe(1);
  });

  it('reads its template back: every column mapped, the example row a household of one', async () => {
    const { fileName, bytes } = await importTemplate('households');
    expect(fileName).toBe('家庭成员导入模板.xlsx');
    ctx.store.sqlite.prepare("UPDATE customers SET customer_no = '0510001' WHERE customer_no = 'H01'").run();
    const analysis = await analyzeOne(ctx, { name: fileName, bytes });
    expect(analysis.file.kind).toBe('households');
    expect(analysis.file.mapping.map((m) => m.field)).toEqual([...IMPORT_FIELDS.households]);
    expect(analysis.problems).toEqual([]);
  });
});

describe('the demo branch', () => {
  it('has households of 2–4 consecutive customers, about three in ten customers, the same for the same seed', async () => {
    const { loadDemoBranch } = await import('../demo/demo');
    const counts = [];
    for (let run = 0; run < 2; run++) {
      const demo = createTestContext();
      await loadDemoBranch(demo.store, { customers: 2_000, months: 6, endMonth: '2024-03', seed: 7 }, demo.now());
      const sizes = demo.store.sqlite
        .prepare('SELECT count(*) FROM household_members GROUP BY household_id ORDER BY household_id')
        .pluck()
        .all() as number[];
      await demo.store.close();
      expect(Math.min(...sizes)).toBeGreaterThanOrEqual(2);
      expect(Math.max(...sizes)).toBeLessThanOrEqual(4);
      const members = sizes.reduce((a, b) => a + b, 0);
      expect(members / 2_000).toBeGreaterThan(0.2);
      expect(members / 2_000).toBeLessThan(0.4);
      counts.push(sizes);
    }
    expect(counts[1]).toEqual(counts[0]);
  });
});

describe('households in the group analysis', () => {
  it('groups by household size and role, and counts households beside customers', async () => {
    const { getGroupReport } = await import('../groups/groups');
    await callAs(ctx, boss, 'households.create', { headCustomerNo: 'H01', joinedDate: '2024-01-01' });
    for (const [no, role] of [
      ['H02', 'spouse'],
      ['H03', 'child'],
    ])
      await callAs(ctx, boss, 'households.addMember', {
        headCustomerNo: 'H01',
        customerNo: no,
        role,
        joinedDate: '2024-01-01',
      });
    await callAs(ctx, boss, 'households.create', { headCustomerNo: 'P01', joinedDate: '2024-01-01' });
    await callAs(ctx, boss, 'households.addMember', {
      headCustomerNo: 'P01',
      customerNo: 'P02',
      role: 'parent',
      joinedDate: '2024-03-20',
    });
    const { recomputeTiers } = await import('../tiers/tier-recompute');
    await recomputeTiers(ctx.store.sqlite, ctx.now());
    const query = { month: '2024-03', thresholdFen: 1, countHouseholds: true } as const;
    const bySize = await getGroupReport(ctx, { ...query, dimension: 'householdSize' });
    expect(bySize.rows.map((r) => [r.label, r.count, r.households])).toEqual([
      ['1 人', 0, 0],
      ['2 人', 2, 1],
      ['3 人', 3, 1],
      ['4 人', 0, 0],
      ['5+ 人', 0, 0],
      ['不在家庭中', 10, 10],
    ]);
    const byRole = await getGroupReport(ctx, { ...query, dimension: 'householdRole' });
    expect(byRole.rows.map((r) => [r.label, r.count, r.households])).toEqual([
      ['户主', 2, 2],
      ['配偶', 1, 1],
      ['父母', 1, 1],
      ['子女', 1, 1],
      ['其他', 0, 0],
      ['不在家庭中', 10, 10],
    ]);
    // In February P02 had not joined: P01's household was one person.
    const february = await getGroupReport(ctx, { ...query, month: '2024-02', dimension: 'householdSize' });
    expect(february.rows.slice(0, 3).map((r) => [r.label, r.count])).toEqual([
      ['1 人', 1],
      ['2 人', 0],
      ['3 人', 3],
    ]);
  });
});
