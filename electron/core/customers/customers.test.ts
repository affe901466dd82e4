import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  CUSTOMER_SORT_FIELDS,
  type CustomerFilter,
  type CustomerListRow,
  type CustomerPage,
} from '../../../shared/schemas/customer';
import { createTestContext, seedBranch, type TestCustomer } from '../../../tests/helpers/branch';
import { getCustomerCard, getCustomersCount, getCustomersPage } from './customers';
import { recomputeTiers } from '../tiers/tier-recompute';
import { saveSegment } from '../segments/saved-segments';

const MONTH = '2024-03';
let ctx: ReturnType<typeof createTestContext>;
let customers: TestCustomer[];

/** 60 customers with many ties (5 names, 4 AUM values, 3 managers) and NULLs in every nullable sort key. */
function tiedBranch(): TestCustomer[] {
  const names = ['王芳', '李强', '张伟', '王芳芳', '陈静'];
  const amounts = [5_000_000, 60_000_000, 5_000_000, 120_000_000];
  return Array.from({ length: 60 }, (_, i) => ({
    customer_no: `00${String(1000 + ((i * 37) % 60)).padStart(4, '0')}`,
    name: names[i % names.length],
    manager_code: i % 4 === 3 ? null : ['M01', 'M02', 'M03'][i % 3],
    opened_date: i % 6 === 5 ? null : `2020-0${(i % 3) + 1}-15`,
    mobile: `1380000${String(i % 10).padStart(4, '0')}`,
    id_number: '11010519491231002X',
    birth_date: '1949-12-31',
    assets: (i % 7 === 6 ? { '2024-02': 1_000 } : { [MONTH]: amounts[i % amounts.length], '2024-02': 1 }) as Record<
      string,
      number
    >,
  }));
}

beforeEach(async () => {
  ctx = createTestContext();
  customers = tiedBranch();
  seedBranch(ctx.store, customers, [
    { code: 'M01', name: '周文静', role: 'manager' },
    { code: 'M02', name: '陈志强', role: 'manager' },
    { code: 'M03', name: '王丽华', role: 'manager' },
  ]);
});
afterEach(() => ctx.store.close());

async function allPages(
  field: (typeof CUSTOMER_SORT_FIELDS)[number],
  direction: 'asc' | 'desc',
  filter: CustomerFilter = {},
) {
  const rows: CustomerListRow[] = [];
  let cursor: string | null = null;
  for (let guard = 0; guard < 100; guard++) {
    const page = await getCustomersPage(ctx, { month: MONTH, sort: { field, direction }, filter, cursor, limit: 7 });
    expect(page.rows.length).toBeLessThanOrEqual(7);
    rows.push(...page.rows);
    if (page.nextCursor === null) return rows;
    cursor = page.nextCursor;
  }
  throw new Error('paging did not end');
}

/** The order a branch expects: by the key, ties by insertion order (id), blanks last either way. */
function expectedOrder(field: (typeof CUSTOMER_SORT_FIELDS)[number], direction: 'asc' | 'desc'): string[] {
  const keyOf = (c: TestCustomer): string | number | null => {
    switch (field) {
      case 'customerNo':
        return c.customer_no;
      case 'name':
        return c.name ?? null;
      case 'aum':
        return c.assets?.[MONTH] ?? null;
      case 'manager':
        return c.manager_code ?? null;
      case 'openedDate':
        return c.opened_date ?? null;
    }
  };
  const sign = direction === 'asc' ? 1 : -1;
  return customers
    .map((c, i) => ({ no: c.customer_no, key: keyOf(c), id: i + 1 }))
    .sort((a, b) => {
      if (a.key === null || b.key === null) return a.key === b.key ? sign * (a.id - b.id) : a.key === null ? 1 : -1;
      if (a.key !== b.key) return sign * (a.key < b.key ? -1 : 1);
      return sign * (a.id - b.id);
    })
    .map((r) => r.no);
}

describe('customer list paging (keyset)', () => {
  for (const field of CUSTOMER_SORT_FIELDS) {
    for (const direction of ['asc', 'desc'] as const) {
      it(`visits every customer exactly once in a stable order: ${field} ${direction}`, async () => {
        const rows = await allPages(field, direction);
        expect(rows.map((r) => r.customerNo)).toEqual(expectedOrder(field, direction));
      });
    }
  }

  it('shows 月日均 of the chosen month and a blank where that month has no data', async () => {
    const rows = await allPages('aum', 'desc');
    expect(rows[0].aumFen).toBe(120_000_000);
    expect(rows.at(-1)?.aumFen).toBeNull();
  });

  it('masks ID numbers and mobiles', async () => {
    const [first] = (
      await getCustomersPage(ctx, {
        month: MONTH,
        sort: { field: 'customerNo', direction: 'asc' },
        filter: {},
        cursor: null,
        limit: 1,
      })
    ).rows;
    expect(first.idNumberMasked).toBe('110105********002X');
    expect(first.mobileMasked).toMatch(/^138\*{4}\d{4}$/);
    expect(JSON.stringify(first)).not.toContain('11010519491231002X');
  });

  it('rejects a forged cursor with a validation error', async () => {
    await expect(
      getCustomersPage(ctx, {
        month: MONTH,
        sort: { field: 'name', direction: 'asc' },
        filter: {},
        cursor: 'bm90LWpzb24',
        limit: 5,
      }),
    ).rejects.toMatchObject({ code: 'VALIDATION', details: { field: 'cursor' } });
  });
});

describe('customer list filters', () => {
  const cases: Array<[string, CustomerFilter, (c: TestCustomer) => boolean]> = [
    ['manager', { managerCode: 'M02' }, (c) => c.manager_code === 'M02'],
    [
      '月日均 range',
      { aumMinFen: 50_000_000, aumMaxFen: 100_000_000 },
      (c) => (c.assets?.[MONTH] ?? -1) >= 50_000_000 && (c.assets?.[MONTH] ?? Infinity) <= 100_000_000,
    ],
    ['name prefix', { search: '王芳' }, (c) => c.name?.startsWith('王芳') === true],
    ['customer-number prefix', { search: '00101' }, (c) => c.customer_no.startsWith('00101')],
    ['mobile last 4', { search: '0003' }, (c) => c.mobile?.endsWith('0003') === true],
    ['pinyin initials', { search: 'wf' }, (c) => c.name?.startsWith('王芳') === true],
    ['full pinyin', { search: 'zhangwei' }, (c) => c.name === '张伟'],
    ['a later part of the name', { search: '芳' }, (c) => c.name?.startsWith('王芳') === true],
    [
      'pinyin within a book',
      { search: 'wang', managerCode: 'M03' },
      (c) => c.name?.startsWith('王') === true && c.manager_code === 'M03',
    ],
    [
      'manager and range together',
      { managerCode: 'M01', aumMinFen: 60_000_000 },
      (c) => c.manager_code === 'M01' && (c.assets?.[MONTH] ?? -1) >= 60_000_000,
    ],
  ];
  for (const [label, filter, predicate] of cases) {
    it(`${label}: pages and count agree with the data`, async () => {
      const expected = customers
        .filter(predicate)
        .map((c) => c.customer_no)
        .sort();
      expect(expected.length).toBeGreaterThan(0);
      for (const field of CUSTOMER_SORT_FIELDS) {
        const rows = await allPages(field, 'desc', filter);
        expect(rows.map((r) => r.customerNo).sort()).toEqual(expected);
      }
      expect((await getCustomersCount(ctx, { month: MONTH, filter })).total).toBe(expected.length);
    });
  }
});

describe('customer list search for a viewer who sees names masked', () => {
  const count = async (search: string) =>
    (await getCustomersCount(ctx, { month: MONTH, filter: { search } }, true)).total;
  it('finds a name only by what the masked name shows: its first character or its pinyin', async () => {
    const wang = customers.filter((c) => c.name?.startsWith('王')).length;
    expect(await count('王')).toBe(wang);
    expect(await count('wang')).toBe(wang);
    expect(await count('王芳')).toBe(0);
    expect(await count('wf')).toBe(0);
    expect(await count('00101')).toBe(customers.filter((c) => c.customer_no.startsWith('00101')).length);
  });

  it("matches a saved segment's search text the same way when it is reached through a group filter", async () => {
    await recomputeTiers(ctx.store.sqlite, ctx.now());
    const saved = await saveSegment(ctx, {
      name: '按名字',
      filter: { search: '强' },
      replace: false,
      staffCode: 'M01',
    });
    const group = { month: MONTH, savedSegmentId: saved.id, dimension: 'gender' as const, key: 'unknown' };
    const viaGroup = async (masks: boolean) =>
      (await getCustomersCount(ctx, { month: MONTH, filter: { group } }, masks)).total;
    // Unmasked, the segment finds 李强 by its later character; masked, nobody, as the list's own search.
    expect(await count('强')).toBe(0);
    expect(await viaGroup(true)).toBe(0);
    expect(await viaGroup(false)).toBeGreaterThan(0);
  });
});

describe('customer card', () => {
  it('returns the profile, manager and every month oldest first', async () => {
    const card = await getCustomerCard(ctx, customers[1].customer_no);
    expect(card.customer.managerName).toBe('陈志强');
    expect(card.customer.age).toBe(74);
    expect(card.months.map((m) => m.month)).toEqual(['2024-02', '2024-03']);
    expect(card.months[1].aumFen).toBe(60_000_000);
  });

  it('says which customer number was not found', async () => {
    await expect(getCustomerCard(ctx, '999')).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringContaining('999'),
    });
  });
});

describe('customer list on large match sets', () => {
  /** 2,600 customers: enough that a filter matching most of them is walked in sort order instead of sorted. */
  function bigBranch(): TestCustomer[] {
    return Array.from({ length: 2_600 }, (_, i) => ({
      customer_no: `9${String(i).padStart(6, '0')}`,
      name: `${i % 7 === 0 ? '李' : '王'}${String.fromCharCode(0x4e00 + (i % 50))}`,
      manager_code: i % 10 === 0 ? 'M02' : 'M01',
      // Every 13th has data only the month before: 数据缺失 in MONTH, keeping 大众 (docs/domain.md, "Presence").
      assets: (i % 13 === 0 ? { '2024-02': 0 } : { [MONTH]: ((i * 7919) % 1000) * 100_000 }) as Record<string, number>,
    }));
  }

  beforeEach(async () => {
    await ctx.store.close();
    ctx = createTestContext();
    customers = bigBranch();
    seedBranch(ctx.store, customers, [
      { code: 'M01', name: '周文静', role: 'manager' },
      { code: 'M02', name: '陈志强', role: 'manager' },
    ]);
    await recomputeTiers(ctx.store.sqlite, ctx.now());
  });

  const hasData = (c: TestCustomer) => c.assets?.[MONTH] !== undefined;
  const cases: Array<[string, CustomerFilter, (c: TestCustomer) => boolean]> = [
    ['a wide 月日均 range', { aumMinFen: 10_000_000 }, (c) => (c.assets?.[MONTH] ?? -1) >= 10_000_000],
    ['a big book', { managerCode: 'M01' }, (c) => c.manager_code === 'M01'],
    ['a common surname', { search: '王' }, (c) => c.name?.startsWith('王') === true],
    [
      'a big book and a wide range',
      { managerCode: 'M01', aumMinFen: 10_000_000 },
      (c) => c.manager_code === 'M01' && (c.assets?.[MONTH] ?? -1) >= 10_000_000,
    ],
    // Everyone: those without data in MONTH keep 大众 from the month before.
    ['every assessed tier (a large id set)', { tierCodes: ['T0', 'T1', 'T2'] }, () => true],
    [
      '金卡 (a small id set)',
      { tierCodes: ['T1'] },
      (c) => hasData(c) && (c.assets?.[MONTH] ?? 0) >= 5_000_000 && (c.assets?.[MONTH] ?? 0) < 50_000_000,
    ],
    [
      '数据缺失 and a big book',
      { tierStatuses: ['missing'], managerCode: 'M01' },
      (c) => !hasData(c) && c.manager_code === 'M01',
    ],
  ];
  for (const [label, filter, predicate] of cases) {
    for (const field of CUSTOMER_SORT_FIELDS) {
      it(`${label}, sorted by ${field}: same customers, same order as a full sort`, async () => {
        const rows = await allPagesOf(field, filter);
        const expected = expectedOrder(field, 'desc').filter((no) =>
          predicate(customers.find((c) => c.customer_no === no) as TestCustomer),
        );
        expect(expected.length).toBeGreaterThan(100);
        expect(rows).toEqual(expected);
        expect((await getCustomersCount(ctx, { month: MONTH, filter })).total).toBe(expected.length);
      });
    }
  }

  async function allPagesOf(field: (typeof CUSTOMER_SORT_FIELDS)[number], filter: CustomerFilter): Promise<string[]> {
    const numbers: string[] = [];
    let cursor: string | null = null;
    do {
      const page: CustomerPage = await getCustomersPage(ctx, {
        month: MONTH,
        sort: { field, direction: 'desc' },
        filter,
        cursor,
        limit: 500,
      });
      numbers.push(...page.rows.map((r) => r.customerNo));
      cursor = page.nextCursor;
    } while (cursor !== null);
    return numbers;
  }
});
