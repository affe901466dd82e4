import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { csvText, xlsxFile, xlsFile } from '../../../tests/fixtures/spreadsheets';
import { createTestContext, seedBranch } from '../../../tests/helpers/branch';
import { encodeChinese } from '../platform/text-encoding';
import { residentIdCheckChar } from '../customers/resident-id';
import { analyzeHeldFiles, commitImport, listImports, problemsWorkbook, undoLatestImport } from './imports';
import { readWorkbook } from './parse/read-workbook';
import { allRows } from '../../../tests/helpers/sheets';
import { cellText } from './import-cells';
import { recomputeTiers } from '../tiers/tier-recompute';
import { tiersStaleFrom } from '../platform/settings';
import { getTierOverview } from '../tiers/tiers';
import { analyzeOne, type OneFileOptions } from '../../../tests/helpers/imports';
import type { ImportFile } from './import-read';
import type { JobControl } from '../platform/jobs';

const WAN = 1_000_000;
const id17 = (birth: string, seq: string) => `110105${birth}${seq}`;
const ID_A = id17('19800101', '123') + residentIdCheckChar(id17('19800101', '123'));
const ID_B = id17('19900202', '456') + residentIdCheckChar(id17('19900202', '456'));

let ctx: ReturnType<typeof createTestContext>;
beforeEach(async () => {
  ctx = createTestContext(); // today is 2024-04-10
  seedBranch(ctx.store, [
    {
      customer_no: '0510001',
      name: '王芳',
      manager_code: 'M01',
      id_number: ID_A,
      assets: { '2024-01': 700 * WAN, '2024-02': 700 * WAN },
    },
    { customer_no: '0510002', name: '李强', manager_code: 'M01', assets: { '2024-01': 30 * WAN, '2024-02': 30 * WAN } },
  ]);
  await recomputeTiers(ctx.store.sqlite, ctx.now());
});
afterEach(() => ctx.store.close());

/** Parsing in this thread: the worker is exercised by the first tests and its own. */
const analyzeImport = analyzeOne;
const analyzeInWorker = (c: typeof ctx, file: ImportFile, options: OneFileOptions = {}, control?: JobControl) =>
  analyzeOne(c, file, { inProcess: false, ...options }, control);

/** 金融资产月报 2024年3月 (or `month`) as head office sends it: title, blank row, 序号, 万元, 合计, a note. */
function marchReport(
  rows: unknown[][] = [
    [1, '0510001', '王芳', 650.5, 600, 'M01'],
    [2, '0510002', '李强', '35.25', 30, 'M01'],
    [3, '0510003', '赵敏', 8, 8, 'M09'],
  ],
  month = '2024年3月',
): Buffer {
  return xlsxFile([
    {
      name: '三月',
      rows: [
        [`太湖支行金融资产月报 ${month}`],
        [],
        ['序号', '客户号', '客户名称', '金融资产月日均（万元）', '储蓄存款月日均（万元）', '客户经理工号'],
        ...rows,
        ['合计', null, null, 693.75, null, null],
        [],
        ['注：数据来源于总行数据仓库'],
      ],
      merges: [{ s: { r: 0, c: 0 }, e: { r: 0, c: 5 } }],
    },
  ]);
}

const assetRows = () =>
  ctx.store.sqlite
    .prepare(
      'SELECT c.customer_no, a.month, a.aum_avg FROM monthly_assets a JOIN customers c ON c.id = a.customer_id ORDER BY 1, 2',
    )
    .all();
const snapshot = () => ({
  customers: ctx.store.sqlite.prepare('SELECT * FROM customers ORDER BY id').all(),
  assets: assetRows(),
  staff: ctx.store.sqlite.prepare('SELECT code, name FROM staff ORDER BY code').all(),
});

describe('importing a monthly asset report', () => {
  it('previews first, writing nothing; then commits as a batch and recomputes the tiers', async () => {
    const before = snapshot();
    const analysis = await analyzeInWorker(ctx, { name: '3月月报.xlsx', bytes: marchReport() });
    expect(analysis.file).toMatchObject({
      kind: 'assets',
      sheet: '三月',
      headerRow: 3,
      rows: 3,
      skipped: 3,
      newCustomers: 1,
      months: [{ month: '2024-03', rows: 3, replacesRows: 0 }],
      newStaff: ['M09'],
      errors: 0,
      warnings: 1,
      canCommit: true,
    });
    expect(snapshot()).toEqual(before);

    const result = await commitImport(ctx, analysis, { replaceMonths: false, staffCode: 'M01' });
    expect(result).toMatchObject({ newCustomers: 1, months: ['2024-03'], assetRows: 3, newStaff: 1 });
    expect(assetRows()).toContainEqual({ customer_no: '0510001', month: '2024-03', aum_avg: 650_500_000 });
    expect(assetRows()).toContainEqual({ customer_no: '0510003', month: '2024-03', aum_avg: 8_000_000 });
    expect(getTierOverview(ctx, '2024-03').tiers.reduce((n, t) => n + t.count, 0)).toBe(3);
    expect(listImports(ctx).batches).toEqual([
      expect.objectContaining({
        id: result.setId,
        fileName: '3月月报.xlsx',
        kind: 'assets',
        createdBy: 'M01',
        canUndo: true,
      }),
    ]);
    expect(
      ctx.store.sqlite.prepare("SELECT action FROM audit_log WHERE action LIKE 'imports.%'").pluck().all(),
    ).toEqual(['imports.commit']);
    // The commit marked the tiers stale from its month; the recompute that followed cleared the mark.
    expect(
      ctx.store.sqlite.prepare("SELECT count(*) FROM branch_settings WHERE key = 'tiers_stale_from'").pluck().get(),
    ).toBe(0);
  });

  it('a recompute that fails after the commit leaves the batch and a mark that the tiers lag from its month', async () => {
    ctx.store.sqlite.exec(
      `CREATE TRIGGER fail BEFORE INSERT ON tier_snapshots BEGIN SELECT RAISE(ABORT, 'disk full'); END`,
    );
    await expect(
      commitImport(ctx, await analyzeImport(ctx, { name: 'a.xlsx', bytes: marchReport() }), {
        replaceMonths: false,
        staffCode: null,
      }),
    ).rejects.toThrow(/disk full/);
    expect(listImports(ctx).batches).toHaveLength(1);
    expect(tiersStaleFrom(ctx.store.sqlite)).toBe('2024-03');
    ctx.store.sqlite.exec('DROP TRIGGER fail');
    await recomputeTiers(ctx.store.sqlite, ctx.now(), { fromMonth: '2024-03' });
    expect(tiersStaleFrom(ctx.store.sqlite)).toBeNull();
    expect(getTierOverview(ctx, '2024-03').tiers.reduce((n, t) => n + t.count, 0)).toBe(3);
  });

  it('the same file again is recognised and refused', async () => {
    await commitImport(ctx, await analyzeImport(ctx, { name: 'a.xlsx', bytes: marchReport() }), {
      replaceMonths: false,
      staffCode: null,
    });
    const again = await analyzeImport(ctx, { name: '再次.xlsx', bytes: marchReport() });
    expect(again.file.alreadyImported).not.toBeNull();
    expect(again.file.canCommit).toBe(false);
    await expect(commitImport(ctx, again, { replaceMonths: true, staffCode: null })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
  });

  it('a month sent again replaces that month after confirmation, never doubling it; undo brings back the first', async () => {
    await commitImport(ctx, await analyzeImport(ctx, { name: 'a.xlsx', bytes: marchReport() }), {
      replaceMonths: false,
      staffCode: null,
    });
    const afterFirst = snapshot();
    const corrected = await analyzeImport(ctx, {
      name: 'b.xlsx',
      bytes: marchReport([[1, '0510001', '王芳', 651, 600, 'M01']]),
    });
    expect(corrected.file.months).toEqual([{ month: '2024-03', rows: 1, replacesRows: 3 }]);
    await expect(commitImport(ctx, corrected, { replaceMonths: false, staffCode: null })).rejects.toMatchObject({
      code: 'CONFLICT',
      details: { months: ['2024-03'] },
    });
    await commitImport(ctx, corrected, { replaceMonths: true, staffCode: null });
    expect(assetRows().filter((r) => (r as { month: string }).month === '2024-03')).toEqual([
      { customer_no: '0510001', month: '2024-03', aum_avg: 651_000_000 },
    ]);

    await undoLatestImport(ctx, 'B01');
    expect(snapshot()).toEqual(afterFirst);
    expect(getTierOverview(ctx, '2024-03').tiers.reduce((n, t) => n + t.count, 0)).toBe(3);
    expect(listImports(ctx).batches.map((b) => [b.fileName, b.undoneAt !== null, b.canUndo])).toEqual([
      ['b.xlsx', true, false],
      ['a.xlsx', false, false], // only the latest batch can be undone
    ]);
  });

  it('undo is offered after a month that was not there before, and removes exactly that month', async () => {
    const commit = async (name: string, bytes: Buffer) =>
      commitImport(ctx, await analyzeImport(ctx, { name, bytes }), { replaceMonths: false, staffCode: null });
    await commit('三月.xlsx', marchReport());
    const afterMarch = snapshot();
    // The same customers, managers unchanged: nothing replaced, nothing to keep but the month itself.
    await commit('四月.xlsx', marchReport(undefined, '2024年4月'));
    expect(assetRows().filter((r) => (r as { month: string }).month === '2024-04')).toHaveLength(3);
    expect(listImports(ctx).batches.map((b) => [b.fileName, b.canUndo])).toEqual([
      ['四月.xlsx', true],
      ['三月.xlsx', false],
    ]);
    await undoLatestImport(ctx, null);
    expect(snapshot()).toEqual(afterMarch);
    // Its undo went with the later one's: the earlier batch is not offered again.
    expect(listImports(ctx).batches.map((b) => b.canUndo)).toEqual([false, false]);
    await expect(undoLatestImport(ctx, null)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('undo of a first import removes the customers and staff it created', async () => {
    const before = snapshot();
    await commitImport(ctx, await analyzeImport(ctx, { name: 'a.xlsx', bytes: marchReport() }), {
      replaceMonths: false,
      staffCode: null,
    });
    await undoLatestImport(ctx, null);
    expect(snapshot()).toEqual(before);
    await expect(undoLatestImport(ctx, null)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('holds a previewed report in a temporary table (never in the database file) until it is committed or let go of', async () => {
    const stages = () =>
      ctx.store.sqlite.prepare("SELECT name FROM sqlite_temp_master WHERE type = 'table'").pluck().all();
    const first = await analyzeImport(ctx, { name: 'a.xlsx', bytes: marchReport() });
    const fileTables = ctx.store.sqlite
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'import_stage%'")
      .pluck()
      .all();
    expect([stages().length, fileTables]).toEqual([1, []]);
    await commitImport(ctx, first, { replaceMonths: false, staffCode: null });
    expect(stages()).toEqual([]);
    // A preview let go of cannot be committed: preview again.
    const dropped = await analyzeImport(ctx, {
      name: 'b.xlsx',
      bytes: marchReport([[1, '0510001', '王芳', 651, 600, 'M01']]),
    });
    dropped.release();
    await expect(commitImport(ctx, dropped, { replaceMonths: true, staffCode: null })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });

    // Previews kept for the user are let go of when the file is, or when newer ones push them out.
    const fresh = marchReport([[1, '0510001', '王芳', 652, 600, 'M01']]);
    const { token } = ctx.uploads.put('c.xlsx', fresh);
    await analyzeHeldFiles(ctx, { files: [{ fileToken: token }] });
    await analyzeHeldFiles(ctx, { files: [{ fileToken: token }] });
    expect(stages().length).toBe(2);
    ctx.uploads.release([token]);
    expect(stages()).toEqual([]);
    const other = ctx.uploads.put('d.xlsx', fresh).token;
    for (let i = 0; i < 6; i++) await analyzeHeldFiles(ctx, { files: [{ fileToken: other }] });
    expect(stages().length).toBe(4);
    // A file whose rows are all refused stages nothing.
    await analyzeImport(ctx, { name: 'bad.xlsx', bytes: marchReport([[1, '0510001', '王芳', 'abc', 600, 'M01']]) });
    expect(stages().length).toBe(4);
  });

  it('a preview cancelled part way leaves no staged rows behind', async () => {
    const rows = Array.from({ length: 60_000 }, (_, i) => [`N${i}`, '2024-03', `${i}.00`]);
    const staged = () =>
      ctx.store.sqlite.prepare("SELECT count(*) FROM sqlite_temp_master WHERE type = 'table'").pluck().get();
    const controller = new AbortController();
    let stagedWhenCancelled: unknown = null;
    const control = {
      signal: controller.signal,
      report: (phase: string, done: number) => {
        if (phase !== 'validate' || done < 20_000 || controller.signal.aborted) return;
        stagedWhenCancelled = staged();
        controller.abort();
      },
    };
    await expect(
      analyzeInWorker(
        ctx,
        { name: 'big.csv', bytes: Buffer.from(csvText([['客户号', '月份', '月日均（元）'], ...rows])) },
        {},
        control,
      ),
    ).rejects.toMatchObject({ code: 'CANCELLED' });
    expect([stagedWhenCancelled, staged()]).toEqual([1, 0]);
  });

  it('a preview made before another import or an undo is not committed: it asks for a new preview', async () => {
    const early = await analyzeImport(ctx, { name: 'a.xlsx', bytes: marchReport() });
    const other = await analyzeImport(ctx, {
      name: 'b.csv',
      bytes: Buffer.from(
        csvText([
          ['客户号', '月份', '月日均（元）'],
          ['0510001', '2024-02', '1'],
        ]),
      ),
    });
    await commitImport(ctx, other, { replaceMonths: true, staffCode: null });
    const before = snapshot();
    await expect(commitImport(ctx, early, { replaceMonths: true, staffCode: null })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('重新预览'),
    });
    expect(snapshot()).toEqual(before);
  });

  it('writes every row of a larger report exactly, in batches and staged many rows at a time', async () => {
    const rows = Array.from({ length: 20_250 }, (_, i) => [
      `N${i}`,
      '2024-03',
      `${i}.${String(i % 100).padStart(2, '0')}`,
    ]);
    const analysis = await analyzeInWorker(ctx, {
      name: 'big.csv',
      bytes: Buffer.from(csvText([['客户号', '月份', '月日均（元）'], ...rows])),
    });
    expect(analysis.file).toMatchObject({
      rows: 20_250,
      newCustomers: 20_250,
      errors: 0,
      months: [{ month: '2024-03', rows: 20_250 }],
    });
    await commitImport(ctx, analysis, { replaceMonths: false, staffCode: null });
    const written = ctx.store.sqlite
      .prepare(
        "SELECT c.customer_no, a.aum_avg FROM monthly_assets a JOIN customers c ON c.id = a.customer_id WHERE a.month = '2024-03' AND c.customer_no LIKE 'N%'",
      )
      .raw()
      .all() as Array<[string, number]>;
    const byNumber = new Map(written);
    expect(byNumber.size).toBe(20_250);
    expect(
      rows.every(
        ([no, , amount], i) =>
          byNumber.get(no) === Math.round(Number(amount) * 100) && byNumber.get(no) === i * 100 + (i % 100),
      ),
    ).toBe(true);
  });

  it('counts blank lines inside a CSV as skipped, not those after the table', async () => {
    const text = `客户号,月份,月日均（元）\r\n0510001,2024-03,1\r\n,,\r\n\r\n0510002,2024-03,2\r\n\r\n,,\r\n\r\n`;
    const { file: preview } = await analyzeImport(ctx, { name: 'a.csv', bytes: Buffer.from(text) });
    expect(preview).toMatchObject({ rows: 2, skipped: 2, errors: 0 });
  });

  it('reads the same report from an old .xls and from a GBK CSV', async () => {
    const rows = [
      ['客户号', '客户名称', '月份', '月日均（元）'],
      ['0510001', '王芳', '2024年3月', '6,505,000.00'],
      ['0510002', '李强', '202403', '352500'],
    ];
    for (const file of [
      { name: 'a.xls', bytes: xlsFile([{ name: 'Sheet1', rows }]) },
      { name: 'a.csv', bytes: encodeChinese(csvText(rows), 'gbk').bytes },
    ]) {
      const { file: preview } = await analyzeInWorker(ctx, file);
      expect(preview).toMatchObject({ kind: 'assets', rows: 2, errors: 0, months: [{ month: '2024-03', rows: 2 }] });
    }
  });

  it('with errors nothing is written, and every problem names its row and column', async () => {
    const before = snapshot();
    const analysis = await analyzeImport(ctx, {
      name: 'bad.xlsx',
      bytes: marchReport([
        [1, '0510001', '王芳', 'abc', 600, 'M01'],
        [2, '0510001', '王芳', 10, null, 'M01'],
        [3, '0510001', '王芳', 11, null, 'M01'],
      ]),
    });
    expect(analysis.file.canCommit).toBe(false);
    expect(
      analysis.problems.filter((p) => p.severity === 'error').map((p) => [p.row, p.column?.split(' ')[0]]),
    ).toEqual([
      [4, 'D'],
      [6, 'B'],
    ]);
    expect(analysis.problems.find((p) => p.row === 6)?.message).toContain('第 5 行和第 6 行');
    await expect(commitImport(ctx, analysis, { replaceMonths: true, staffCode: null })).rejects.toMatchObject({
      code: 'IMPORT_REJECTED',
    });
    expect(snapshot()).toEqual(before);
  });

  it('refuses to read a monthly report as the customer master, and a master as a report says what is missing', async () => {
    await expect(
      analyzeImport(ctx, { name: 'a.xlsx', bytes: marchReport() }, { kind: 'customers' }),
    ).rejects.toMatchObject({ message: expect.stringContaining('不能按客户信息导入') });
    const master = xlsxFile([
      {
        name: 's',
        rows: [
          ['客户号', '姓名', '身份证号'],
          ['0510001', '王芳', ID_A],
        ],
      },
    ]);
    const asReport = await analyzeImport(ctx, { name: 'm.xlsx', bytes: master }, { kind: 'assets' });
    expect(asReport.file.problems.map((p) => p.message)).toContain('缺少必需的列“月日均”；请在列对应中指定');
    expect(asReport.file.canCommit).toBe(false);
  });

  it('refuses a file of more rows than the limit before parsing it', async () => {
    const lines = Buffer.from(`客户号,月份,月日均（元）\n${'C1,2024-03,1\n'.repeat(1_000_001)}`);
    await expect(analyzeImport(ctx, { name: 'big.csv', bytes: lines })).rejects.toMatchObject({
      message: expect.stringContaining('超过上限 1,000,000 行'),
    });
  });

  it('refuses files without a usable table: header only, no header, empty sheet', async () => {
    const file = (rows: unknown[][]) => ({ name: 'x.xlsx', bytes: xlsxFile([{ name: 's', rows }]) });
    await expect(analyzeImport(ctx, file([['客户号', '月日均（元）', '月份']]))).rejects.toMatchObject({
      message: expect.stringContaining('只有表头'),
    });
    await expect(
      analyzeImport(
        ctx,
        file([
          ['a', 'b'],
          [1, 2],
        ]),
      ),
    ).rejects.toMatchObject({ message: expect.stringContaining('找不到可识别的表头') });
    await expect(analyzeImport(ctx, file([[]]))).rejects.toMatchObject({ code: 'IMPORT_REJECTED' });
  });
});

describe('importing the customer master', () => {
  const master = (rows: unknown[][]) =>
    xlsxFile([
      {
        name: '客户信息',
        rows: [['客户编号', '姓名', '性别', '身份证号', '手机号码', '风险等级', '开户日期', '客户经理工号'], ...rows],
      },
    ]);

  it('creates new customers and updates changed fields; an empty cell never erases', async () => {
    const analysis = await analyzeImport(ctx, {
      name: '客户信息.xlsx',
      bytes: master([
        ['0510001', '王芳', '女', ID_A, '13800138000', 'C3', '2015-06-01', 'M01'],
        ['0510002', '李强', null, null, null, null, null, 'M01'],
        ['0510009', '孙丽', '女', ID_B, null, '稳健型', '2024-03-15', 'M01'],
      ]),
    });
    expect(analysis.file).toMatchObject({
      kind: 'customers',
      newCustomers: 1,
      updatedCustomers: 1,
      unchangedCustomers: 1,
      errors: 0,
    });
    await commitImport(ctx, analysis, { replaceMonths: false, staffCode: null });
    const row = (no: string) =>
      ctx.store.sqlite
        .prepare('SELECT name, mobile, risk_level, opened_date, id_number FROM customers WHERE customer_no = ?')
        .get(no);
    expect(row('0510001')).toEqual({
      name: '王芳',
      mobile: '13800138000',
      risk_level: 'C3',
      opened_date: '2015-06-01',
      id_number: ID_A,
    });
    expect(row('0510009')).toEqual({
      name: '孙丽',
      mobile: null,
      risk_level: 'C2',
      opened_date: '2024-03-15',
      id_number: ID_B,
    });
  });

  it('reads the lunar-birthday flag and the ID expiry (长期: none); undo puts back what was before', async () => {
    const file = xlsxFile([
      {
        name: '客户信息',
        rows: [
          ['客户编号', '姓名', '农历生日', '证件有效期至'],
          ['0510001', '王芳', '是', '2030-05-01'],
          ['0510002', '李强', '公历', '长期'],
          ['0510003', '赵敏', '也许', '2030-13-01'],
        ],
      },
    ]);
    const bad = await analyzeImport(ctx, { name: '客户信息.xlsx', bytes: file });
    expect(bad.problems.filter((p) => p.severity === 'error').map((p) => [p.row, p.column, p.message])).toEqual([
      [4, 'C 农历生日', expect.stringContaining('农历生日应为 是/否')],
      [4, 'D 证件有效期至', expect.any(String)],
    ]);
    const good = await analyzeImport(ctx, {
      name: '客户信息2.xlsx',
      bytes: xlsxFile([
        {
          name: 's',
          rows: [
            ['客户编号', '姓名', '农历生日', '证件有效期至'],
            ['0510001', '王芳', '是', '2030-05-01'],
            ['0510002', '李强', '公历', '长期'],
          ],
        },
      ]),
    });
    expect(good.file.mapping.map((m) => m.field)).toEqual(['customerNo', 'name', 'lunarBirthday', 'idExpiryDate']);
    await commitImport(ctx, good, { replaceMonths: false, staffCode: null });
    const flags = () =>
      ctx.store.sqlite
        .prepare('SELECT customer_no, lunar_birthday, id_expiry_date FROM customers ORDER BY id')
        .raw()
        .all();
    expect(flags()).toEqual([
      ['0510001', 1, '2030-05-01'],
      ['0510002', 0, null],
    ]);
    await undoLatestImport(ctx, null);
    expect(flags()).toEqual([
      ['0510001', 0, null],
      ['0510002', 0, null],
    ]);
  });

  it('shows a changed ID number as a conflict (masked) instead of overwriting it', async () => {
    const analysis = await analyzeImport(ctx, {
      name: 'c.xlsx',
      bytes: master([['0510001', '王芳', '女', ID_B, null, null, null, 'M01']]),
    });
    expect(analysis.file.canCommit).toBe(false);
    const conflict = analysis.problems.find((p) => p.severity === 'error');
    expect(conflict?.message).toContain('证件号码与库中不同');
    expect(JSON.stringify(analysis.problems)).not.toContain(ID_B);
    expect(JSON.stringify(analysis.problems)).not.toContain(ID_A);
  });

  it('remembers a corrected column mapping for the next file of the same layout', async () => {
    const bytes = xlsxFile([
      {
        name: 's',
        rows: [
          ['客户号', '客户名称', '备用电话'],
          ['0510001', '王芳', '13900139000'],
        ],
      },
    ]);
    const first = await analyzeImport(ctx, { name: 'a.xlsx', bytes });
    expect(first.file.mapping.map((m) => m.field)).toEqual(['customerNo', 'name', null]);
    const fixed = first.file.mapping.map((m) => (m.column === 2 ? { ...m, field: 'mobile' } : m));
    const chosen = await analyzeImport(ctx, { name: 'a.xlsx', bytes }, { mapping: fixed });
    await commitImport(ctx, chosen, { replaceMonths: false, staffCode: null });
    const next = await analyzeImport(ctx, {
      name: 'b.xlsx',
      bytes: xlsxFile([
        {
          name: 's',
          rows: [
            ['客户号', '客户名称', '备用电话'],
            ['0510002', '李强', '13700137000'],
          ],
        },
      ]),
    });
    expect(next.file).toMatchObject({ layoutRemembered: true, updatedCustomers: 1 });
    expect(next.file.mapping[2].field).toBe('mobile');
  });
});

describe('importing book assignments (管户关系)', () => {
  const assignments = (rows: unknown[][]) =>
    xlsxFile([{ name: '管户关系', rows: [['客户号', '客户名称', '客户经理工号', '客户经理'], ...rows] }]);

  it('moves customers to another manager (creating a named staff member), changing nothing else; undo moves them back', async () => {
    const before = snapshot();
    const analysis = await analyzeImport(ctx, {
      name: '管户调整.xlsx',
      bytes: assignments([
        ['0510001', '王芳（改名不算）', 'M07', '吴敏'],
        ['0510002', '李强', 'M01', '周文静'],
      ]),
    });
    expect(analysis.file).toMatchObject({
      kind: 'assignments',
      updatedCustomers: 1,
      unchangedCustomers: 1,
      newStaff: ['M07'],
      errors: 0,
    });
    await commitImport(ctx, analysis, { replaceMonths: false, staffCode: 'B01' });
    expect(
      ctx.store.sqlite.prepare("SELECT name, manager_code FROM customers WHERE customer_no = '0510001'").get(),
    ).toEqual({ name: '王芳', manager_code: 'M07' });
    expect(ctx.store.sqlite.prepare("SELECT name FROM staff WHERE code = 'M07'").pluck().get()).toBe('吴敏');
    await undoLatestImport(ctx, 'B01');
    expect(snapshot()).toEqual(before);
  });

  it('refuses an assignment for a customer not yet known', async () => {
    const analysis = await analyzeImport(ctx, {
      name: 'a.xlsx',
      bytes: assignments([['0519999', '新人', 'M01', '周文静']]),
    });
    expect(analysis.file.canCommit).toBe(false);
    expect(analysis.problems[0].message).toContain('不在客户名单中');
  });
});

describe('importing product holdings (产品持有/到期)', () => {
  const holdingsFile = (rows: unknown[][]) =>
    xlsxFile([
      {
        name: '产品到期',
        rows: [['客户号', '产品代码', '产品名称', '产品类型', '持有金额（万元）', '起息日', '到期日'], ...rows],
      },
    ]);
  const holdings = () =>
    ctx.store.sqlite
      .prepare(
        'SELECT c.customer_no, h.product_key, h.amount, h.maturity_date FROM holdings h JOIN customers c ON c.id = h.customer_id ORDER BY 1, 2',
      )
      .all();

  it('replaces the holdings of the customers listed, leaving the others; undo restores them', async () => {
    await commitImport(
      ctx,
      await analyzeImport(ctx, {
        name: 'a.xlsx',
        bytes: holdingsFile([
          ['0510001', 'W1', '稳盈 90 天', '理财', 100, '2024-01-05', '2024-04-05'],
          ['0510002', 'F1', '价值基金', '基金', 20, '2023-06-01', null],
        ]),
      }),
      { replaceMonths: false, staffCode: null },
    );
    const first = holdings();
    expect(first).toEqual([
      { customer_no: '0510001', product_key: 'W1', amount: 100_000_000, maturity_date: '2024-04-05' },
      { customer_no: '0510002', product_key: 'F1', amount: 20_000_000, maturity_date: null },
    ]);
    const second = await analyzeImport(ctx, {
      name: 'b.xlsx',
      bytes: holdingsFile([['0510001', 'W2', '稳盈 180 天', '理财', 150, '2024-04-06', '2024-10-03']]),
    });
    expect(second.file).toMatchObject({
      kind: 'holdings',
      holdings: { customers: 1, rows: 1, replacesRows: 1 },
      errors: 0,
    });
    await commitImport(ctx, second, { replaceMonths: false, staffCode: null });
    expect(holdings()).toEqual([
      { customer_no: '0510001', product_key: 'W2', amount: 150_000_000, maturity_date: '2024-10-03' },
      { customer_no: '0510002', product_key: 'F1', amount: 20_000_000, maturity_date: null },
    ]);
    await undoLatestImport(ctx, null);
    expect(holdings()).toEqual(first);
  });

  it('refuses holdings of unknown customers, duplicates and negative amounts, naming the rows', async () => {
    const analysis = await analyzeImport(ctx, {
      name: 'c.xlsx',
      bytes: holdingsFile([
        ['0519999', 'W1', '稳盈', '理财', 1, null, null],
        ['0510001', 'W1', '稳盈', '理财', 1, null, null],
        ['0510001', 'W1', '稳盈', '理财', 2, null, null],
        ['0510002', 'F1', '基金', '基金', -1, null, null],
      ]),
    });
    expect(analysis.file.canCommit).toBe(false);
    expect(analysis.problems.filter((p) => p.severity === 'error').map((p) => [p.row, p.message])).toEqual([
      [2, '客户号 0519999 不在客户名单中；请先导入客户信息'],
      [4, '客户 0510001 的产品 W1在文件中重复：第 3 行和第 4 行'],
      [5, '持有金额不能为负数'],
    ]);
  });
});

describe('the problems workbook', () => {
  it('lists every problem with its original row and column, values as text (never formulas)', async () => {
    const { token } = ctx.uploads.put(
      'bad.csv',
      Buffer.from(
        csvText([
          ['客户号', '月份', '月日均（元）'],
          ['X1', '2024-03', '=cmd|calc'],
          ['X2', '2024-03', '1'],
          ['X2', '2024-03', '2'],
        ]),
      ),
    );
    const { analysisId, preview } = await analyzeHeldFiles(ctx, { files: [{ fileToken: token }] });
    expect(preview.totals.errors).toBe(2);
    const { fileName, base64 } = await problemsWorkbook(ctx, analysisId);
    expect(fileName).toBe('bad-问题清单.xlsx');
    const workbook = await readWorkbook(Buffer.from(base64, 'base64'), fileName);
    const rows = allRows(workbook.sheets[0]).map((row) => row.map(cellText));
    expect(rows[0][0]).toBe('级别 / Level');
    expect(rows.slice(1).map((r) => [r[0], r[3], r[4], r[5]])).toEqual([
      ['错误', '2', 'C 月日均（元）', '=cmd|calc'],
      ['警告', '3', '', ''], // a new customer without a name
      ['错误', '4', 'A 客户号', 'X2'],
    ]);
  });
});
