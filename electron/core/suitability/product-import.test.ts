import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { xlsxFile } from '../../../tests/fixtures/spreadsheets';
import { createTestContext, seedBranch } from '../../../tests/helpers/branch';
import { analyzeOne } from '../../../tests/helpers/imports';
import { analyzeImport, commitImport, undoLatestImport } from '../imports/imports';

let ctx: ReturnType<typeof createTestContext>;
beforeEach(() => {
  ctx = createTestContext(); // today is 2024-04-10
  seedBranch(ctx.store, [
    { customer_no: '0510001', name: '王芳', manager_code: 'M01' },
    { customer_no: '0510002', name: '李强', manager_code: 'M01' },
  ]);
});
afterEach(() => ctx.store.close());

const HEADER = [
  '产品代码',
  '产品名称',
  '产品类型',
  '风险等级',
  '期限',
  '币种',
  '发行机构',
  '募集起始日',
  '募集结束日',
  '起购金额（万元）',
];
const catalogue = (rows: unknown[][], name = '产品目录.xlsx') => ({
  name,
  bytes: xlsxFile([{ name: '在售产品', rows: [['本行在售产品目录 2024年4月'], [], HEADER, ...rows] }]),
});
const holdings = (rows: unknown[][]) => ({
  name: '产品持有.xlsx',
  bytes: xlsxFile([
    { name: '持有', rows: [['客户号', '客户名称', '产品代码', '产品名称', '持有金额（元）'], ...rows] },
  ]),
});
const products = () =>
  ctx.store.sqlite
    .prepare('SELECT code, name, risk_level, sale_end, min_amount FROM products ORDER BY code')
    .raw()
    .all() as unknown[][];
const committed = { replaceMonths: false, staffCode: null };

describe('the product catalogue is an import kind', () => {
  it('is recognised by its headers, reads risk levels as head offices write them, and undo takes it back', async () => {
    const analysis = await analyzeOne(
      ctx,
      catalogue([
        ['WM001', '稳利90天', '理财', 'PR2', '90天', '人民币', '本行', '2024-01-01', '2024-12-31', 1],
        ['FD002', '成长混合基金', '基金', '中高风险', '开放式', '人民币', '某基金公司', null, null, 0.1],
        ['DP003', '大额存单3年', '存款', '一级', '3年', '人民币', '本行', null, null, 20],
      ]),
    );
    expect(analysis.file).toMatchObject({ kind: 'products', errors: 0, products: { added: 3, changed: 0, same: 0 } });
    // A catalogue changes nothing tiers are made of: the result does not say they were recomputed.
    expect(await commitImport(ctx, analysis, committed)).toMatchObject({ productRows: 3, tiersRecomputed: false });
    expect(products()).toEqual([
      ['DP003', '大额存单3年', 'R1', null, 20 * 1_000_000],
      ['FD002', '成长混合基金', 'R4', null, 100_000],
      ['WM001', '稳利90天', 'R2', '2024-12-31', 1_000_000],
    ]);

    const again = await analyzeOne(
      ctx,
      catalogue(
        [
          ['WM001', '稳利90天', '理财', 'R3', '90天', '人民币', '本行', '2024-01-01', '2024-12-31', 1],
          ['DP003', '大额存单3年', '存款', 'R1', '3年', '人民币', '本行', null, null, 20],
          ['NEW04', '黄金积存', '贵金属', '中风险', null, null, null, null, null, null],
        ],
        '产品目录-更新.xlsx',
      ),
    );
    expect(again.file.products).toEqual({ added: 1, changed: 1, same: 1, rows: 3 });
    await commitImport(ctx, again, committed);
    expect(products().map((p) => [p[0], p[2]])).toEqual([
      ['DP003', 'R1'],
      ['FD002', 'R4'],
      ['NEW04', 'R3'],
      ['WM001', 'R3'],
    ]);
    await undoLatestImport(ctx, null);
    expect(products().map((p) => [p[0], p[2]])).toEqual([
      ['DP003', 'R1'],
      ['FD002', 'R4'],
      ['WM001', 'R2'],
    ]);
  });

  it('refuses a level outside R1–R5, a sale period ending before it starts and a code twice, naming row and column', async () => {
    const analysis = await analyzeOne(
      ctx,
      catalogue([
        ['WM001', '稳利90天', '理财', 'R6', null, null, null, null, null, null],
        ['WM002', '季季享', '理财', 'R2', null, null, null, '2024-06-01', '2024-05-31', null],
        ['WM003', '月月盈', '理财', 'R2', null, null, null, null, null, null],
        ['WM003', '月月盈', '理财', 'R2', null, null, null, null, null, null],
        ['WM004', '无等级', '理财', null, null, null, null, null, null, null],
      ]),
    );
    expect(analysis.problems.map((p) => [p.row, p.column, p.value, p.message])).toEqual([
      [4, 'D 风险等级', 'R6', expect.stringContaining('产品风险等级“R6”无法识别')],
      [5, 'I 募集结束日', '2024-05-31', '销售截止日 2024-05-31 早于销售起始日 2024-06-01'],
      [7, 'A 产品代码', 'WM003', '产品代码 WM003 在文件中重复：第 6 行和第 7 行'],
      [8, 'D 风险等级', null, '产品风险等级为空'],
    ]);
    expect(analysis.file.canCommit).toBe(false);
  });

  it('holdings in the same set link to the catalogue; a product not in it is listed, the holding kept', async () => {
    const analysis = await analyzeImport(
      ctx,
      [
        holdings([
          ['0510001', '王芳', 'WM001', '稳利90天', 50000],
          ['0510002', '李强', 'XX999', '代销信托', 1000000],
          ['0510002', '李强', null, '纸黄金', 3000],
        ]),
        catalogue([['WM001', '稳利90天', '理财', 'R2', null, null, null, null, null, null]]),
      ],
      { inProcess: true },
    );
    expect(analysis.preview.files.map((f) => f.kind)).toEqual(['products', 'holdings']);
    expect(analysis.problems.map((p) => [p.severity, p.row, p.value, p.message])).toEqual([
      [
        'warning',
        3,
        'XX999',
        '产品代码 XX999（代销信托）不在产品目录中，共 1 行；照常导入，适当性检查列为“产品不在目录”',
      ],
      ['warning', 4, '纸黄金', '产品“纸黄金”没有产品代码，共 1 行；照常导入，适当性检查列为“产品不在目录”'],
    ]);
    await commitImport(ctx, analysis, committed);
    expect(ctx.store.sqlite.prepare('SELECT count(*) FROM holdings').pluck().get()).toBe(3);
  });
});
