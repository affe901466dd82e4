import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CustomerSearchResult } from '../../../shared/schemas/customer-search';
import { DEFAULT_ACCESS_SETTINGS } from '../../../shared/schemas/auth';
import { xlsxFile } from '../../../tests/fixtures/spreadsheets';
import { createTestContext, seedBranch, testSession } from '../../../tests/helpers/branch';
import { dispatch } from '../dispatch';
import { commitImport, undoLatestImport } from '../imports/imports';
import { analyzeOne } from '../../../tests/helpers/imports';
import { BULK_CUSTOMERS } from '../imports/kinds/customers';
import { customerIdsFound } from './customer-search';
import type { Session } from '../trust/auth';

let ctx: ReturnType<typeof createTestContext>;
beforeEach(() => {
  ctx = createTestContext();
  seedBranch(
    ctx.store,
    [
      { customer_no: '0510000001', name: '张晓明', manager_code: 'M01', mobile: '13800001234' },
      { customer_no: '0510000002', name: '张小敏', manager_code: 'M02', mobile: '13900005678' },
      { customer_no: '0510000003', name: '单雄信', manager_code: 'M01' },
      { customer_no: '0510000004', name: '曾国藩', manager_code: 'M02' },
      { customer_no: '0510000005', name: '解晓东', manager_code: 'M01', mobile: '13700001234' },
      { customer_no: '0510000006', name: '李晓明', manager_code: 'M01' },
      { customer_no: '0510000007', name: '王芳芳', manager_code: 'M01' },
      { customer_no: '0510000008', name: '李王芳', manager_code: 'M01' },
      { customer_no: '0510000009', name: '王芳', manager_code: 'M01' },
      { customer_no: '1234000001', name: '赵敏', manager_code: 'M01' },
      { customer_no: 'A1', name: '龙', manager_code: 'M01' },
    ],
    [
      { code: 'M01', name: '周文静', role: 'manager' },
      { code: 'M02', name: '吴海', role: 'manager' },
      { code: 'T01', name: '柜员甲', role: 'teller' },
      { code: 'B01', name: '钱振华', role: 'branch_manager' },
      { code: 'AD1', name: '管理员', role: 'admin' },
    ],
  );
});
afterEach(() => ctx.store.close());

const BRANCH = testSession('B01', 'branch_manager', '钱振华');
const MANAGER = testSession('M01', 'manager', '周文静');
const TELLER = testSession('T01', 'teller', '柜员甲');

async function search(text: string, who: Session = BRANCH): Promise<CustomerSearchResult> {
  const result = await dispatch(ctx, who, 'customers.search', { text });
  if (!result.ok) throw new Error(`${result.error.code} ${result.error.message}`);
  return result.value as CustomerSearchResult;
}
const names = async (text: string, who?: Session) => (await search(text, who)).hits.map((h) => h.name);

async function saveAccess(settings: Partial<typeof DEFAULT_ACCESS_SETTINGS>) {
  const admin = testSession('AD1', 'admin', '管理员');
  const result = await dispatch(ctx, admin, 'access.saveSettings', {
    settings: { ...DEFAULT_ACCESS_SETTINGS, ...settings },
  });
  expect(result.ok).toBe(true);
}

describe('finding a customer by pinyin', () => {
  it('by initials: zxm finds 张晓明 and 张小敏', async () => {
    expect((await search('zxm')).hits).toEqual([
      expect.objectContaining({
        customerNo: '0510000001',
        name: '张晓明',
        matchedBy: 'initials',
        managerName: '周文静',
      }),
      expect.objectContaining({ customerNo: '0510000002', name: '张小敏', matchedBy: 'initials', managerName: '吴海' }),
    ]);
  });

  it('by full pinyin or its start, typed in any case and with spaces', async () => {
    expect(await names('zhangxiaoming')).toEqual(['张晓明']);
    // In key order: zhangxiaomin before zhangxiaoming.
    expect(await names('Zhang Xiao')).toEqual(['张小敏', '张晓明']);
    expect((await search('zhangxiaoming')).hits[0].matchedBy).toBe('pinyin');
  });

  it('reads surnames as surnames: 单 shan, 曾 zeng, 解 xie', async () => {
    expect(await names('shanxiongxin')).toEqual(['单雄信']);
    expect(await names('danxiongxin')).toEqual([]);
    expect(await names('zgf')).toEqual(['曾国藩']);
    expect(await names('zeng')).toEqual(['曾国藩']);
    expect(await names('xiexiao')).toEqual(['解晓东']);
  });

  it('ranks an exact key before a longer one: wf is 王芳 before 王芳芳', async () => {
    expect(await names('wf')).toEqual(['王芳', '王芳芳']);
  });
});

describe('finding a customer by name, number or mobile', () => {
  it('by any part of the name: exact, then the name starting with it, then holding it', async () => {
    expect(await names('王芳')).toEqual(['王芳', '王芳芳', '李王芳']);
    expect(await names('晓明')).toEqual(['张晓明', '李晓明']);
    expect((await search('晓明')).hits.every((h) => h.matchedBy === 'name')).toBe(true);
  });

  it('by number prefix, the exact number first', async () => {
    const found = await search('051000000');
    expect(found.hits).toHaveLength(9);
    expect(found.hits.every((h) => h.matchedBy === 'number')).toBe(true);
    expect((await search('0510000005')).hits).toEqual([
      {
        customerNo: '0510000005',
        name: '解晓东',
        managerCode: 'M01',
        managerName: '周文静',
        mobileMasked: '137****1234',
        matchedBy: 'number',
      },
    ]);
  });

  it('four digits: both the numbers starting with them and the mobiles ending with them', async () => {
    const found = (await search('1234')).hits.map((h) => [h.customerNo, h.matchedBy]);
    expect(found).toEqual([
      ['0510000001', 'mobile'],
      ['0510000005', 'mobile'],
      ['1234000001', 'number'],
    ]);
  });

  it('finds nothing for what matches nothing', async () => {
    expect((await search('qqq')).hits).toEqual([]);
    expect((await search('9999')).hits).toEqual([]);
  });
});

describe('whose customers, and masked names', () => {
  it('a 客户经理 finds only their book, or the branch when the branch view is on', async () => {
    expect(await names('zxm', MANAGER)).toEqual(['张晓明']);
    expect(await names('1234', MANAGER)).toEqual(['张晓明', '解晓东', '赵敏']);
    await saveAccess({ managerBranchView: true });
    expect(await names('zxm', MANAGER)).toEqual(['张晓明', '张小敏']);
  });

  it('a teller who sees names masked finds a name only by its first character, and sees it masked', async () => {
    const found = await search('zhang', TELLER);
    expect(found.namesMasked).toBe(true);
    expect(found.hits.map((h) => h.name)).toEqual(['张*明', '张*敏']);
    expect(await names('张', TELLER)).toEqual(['张*明', '张*敏']);
    // In the order of the first character's pinyin (zeng, zhang, zhao), then as they came: nothing of what is hidden.
    expect(await names('z', TELLER)).toEqual(['曾*藩', '张*明', '张*敏', '赵*']);
    // What the masked name hides cannot be probed: a second character, a full name, initials, a part of the name.
    for (const probe of ['zhangx', 'zhangxiaoming', 'zxm', '张晓', '张晓明', '晓明', 'xm'])
      expect(await names(probe, TELLER), probe).toEqual([]);
    // A name of one character shows nothing of itself masked (`*`): never found by it.
    expect(await names('龙', TELLER)).toEqual([]);
    expect(await names('long', TELLER)).toEqual([]);
    expect(await names('long')).toEqual(['龙']);
    // Numbers and mobiles are shown to them: found as for anyone.
    expect(await names('1234', TELLER)).toEqual(['张*明', '解*东', '赵*']);
  });

  it('a teller with names shown searches as anyone', async () => {
    await saveAccess({ tellerMasksNames: false });
    const found = await search('zxm', TELLER);
    expect(found.namesMasked).toBe(false);
    expect(found.hits.map((h) => h.name)).toEqual(['张晓明', '张小敏']);
  });
});

const master = (rows: unknown[][]) =>
  xlsxFile([{ name: '客户信息', rows: [['客户编号', '姓名', '手机号码', '客户经理工号'], ...rows] }]);

describe('keys kept with the name', () => {
  it('an import that renames or creates customers writes their keys; its undo puts the old ones back', async () => {
    const analysis = await analyzeOne(ctx, {
      name: '客户信息.xlsx',
      bytes: master([
        ['0510000001', '曾晓明', '13800001234', 'M01'],
        ['0510000010', '单田芳', '13600002222', 'M01'],
      ]),
    });
    await commitImport(ctx, analysis, { replaceMonths: false, staffCode: null });
    expect(await names('zxm')).toEqual(['曾晓明', '张小敏']);
    expect(await names('zengxiaoming')).toEqual(['曾晓明']);
    expect(await names('shantianfang')).toEqual(['单田芳']);
    expect(await names('田芳')).toEqual(['单田芳']);

    await undoLatestImport(ctx, null);
    expect(await names('zhangxiaoming')).toEqual(['张晓明']);
    expect(await names('zengxiaoming')).toEqual([]);
    expect(await names('stf')).toEqual([]);
    expect(await names('田芳')).toEqual([]);
    expect(await names('晓明')).toEqual(['张晓明', '李晓明']);
  });
});

describe("the list's search, kept between pages", () => {
  it('is found once while the data is unchanged, and afresh after an import or its undo', async () => {
    const found = () => customerIdsFound(ctx, '田芳', false, null);
    const before = found();
    expect(found()).toBe(before); // the same list: not searched again for the next page
    const analysis = await analyzeOne(ctx, {
      name: '客户信息.xlsx',
      bytes: master([['0510000010', '单田芳', '13600002222', 'M01']]),
    });
    await commitImport(ctx, analysis, { replaceMonths: false, staffCode: null });
    expect(found()).toHaveLength(before.length + 1);
    await undoLatestImport(ctx, null);
    expect(found()).toEqual(before);
  });
});

describe('a go-live master (many new customers at once)', () => {
  it('is written with the indexes built after the rows: the same indexes, every key searchable, undo as usual', async () => {
    const indexes = () =>
      ctx.store.sqlite
        .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'customers' ORDER BY name")
        .all();
    const before = indexes();
    const count = BULK_CUSTOMERS + 20; // more than the branch has: the bulk path
    const surnames = '钱孙周吴郑冯陈';
    const rows = Array.from({ length: count }, (_, i) => [
      String(7700000000 + i),
      `${surnames[i % surnames.length]}${i === 42 ? '雨桐' : '一'}`,
      '',
      'M01',
    ]);
    const analysis = await analyzeOne(ctx, { name: '客户信息.xlsx', bytes: master(rows) });
    await commitImport(ctx, analysis, { replaceMonths: false, staffCode: null });
    expect(indexes()).toEqual(before);
    expect(ctx.store.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(await names('qyt')).toEqual(['钱雨桐']);
    expect(await names('雨桐')).toEqual(['钱雨桐']);
    expect((await search('7700000042')).hits.map((h) => h.customerNo)).toEqual(['7700000042']);
    await undoLatestImport(ctx, null);
    expect(await names('雨桐')).toEqual([]);
  });
});

describe('what an import writes of new customers’ names', () => {
  /** Names whose parts a character count could get wrong: astral characters (surrogate pairs), separators, latin. */
  const NAMES = ['𠮷野家', '王䶮', '阿卜杜·热合曼', 'Mary Jane', '龙', '张𠀋𠀋', '欧阳娜娜', '单'];
  const dump = (c: ReturnType<typeof createTestContext>, numbers: string) =>
    c.store.sqlite
      .prepare(
        `SELECT c.customer_no, c.name, c.name_pinyin, c.name_initials, c.name_first_pinyin,
           (SELECT group_concat(part, '|') FROM (SELECT part FROM customer_name_parts p WHERE p.customer_id = c.id ORDER BY part)) AS parts
         FROM customers c WHERE c.customer_no LIKE ? ORDER BY c.customer_no`,
      )
      .all(numbers);

  it.each([
    ['a few into a branch (row by row)', 1],
    ['a go-live master (indexes built after the rows)', BULK_CUSTOMERS + 20],
  ])('%s: the same keys and parts as the row-by-row writer, each kept for undo as one to remove', async (_, count) => {
    const rows = Array.from({ length: count }, (_, i) => [String(8800000000 + i), NAMES[i % NAMES.length], '', 'M01']);
    const analysis = await analyzeOne(ctx, { name: '客户信息.xlsx', bytes: master(rows) });
    const [written] = await commitImport(ctx, analysis, { replaceMonths: false, staffCode: null }).then((r) => r.files);
    const reference = createTestContext();
    try {
      seedBranch(
        reference.store,
        rows.map(([customer_no, name]) => ({ customer_no: customer_no as string, name: name as string })),
      );
      expect(dump(ctx, '88%')).toEqual(dump(reference, '88%'));
    } finally {
      await reference.store.close();
    }
    const undo = ctx.store.sqlite
      .prepare(
        `SELECT count(*) AS rows, count(before) AS befores, min(c.customer_no) AS first, max(c.customer_no) AS last
         FROM import_undo_customers u JOIN customers c ON c.id = u.customer_id WHERE u.batch_id = ?`,
      )
      .get(written.batchId);
    expect(undo).toEqual({ rows: count, befores: 0, first: '8800000000', last: String(8800000000 + count - 1) });
    await undoLatestImport(ctx, null);
    expect(dump(ctx, '88%')).toEqual([]);
    expect(
      ctx.store.sqlite
        .prepare('SELECT count(*) FROM customer_name_parts WHERE customer_id NOT IN (SELECT id FROM customers)')
        .pluck()
        .get(),
    ).toBe(0);
  });
});
