import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { xlsxFile } from '../../../tests/fixtures/spreadsheets';
import { createTestContext, seedBranch } from '../../../tests/helpers/branch';
import { analyzeOne } from '../../../tests/helpers/imports';
import { commitImport } from '../imports/imports';

let ctx: ReturnType<typeof createTestContext>;
beforeEach(() => {
  ctx = createTestContext(); // today is 2024-04-10
  seedBranch(ctx.store, [{ customer_no: '0510001', name: '王芳', manager_code: 'M01' }]);
});
afterEach(() => ctx.store.close());

const master = (rows: unknown[][]) => ({
  name: '客户信息.xlsx',
  bytes: xlsxFile([{ name: '客户信息', rows: [['客户号', '客户名称', '风险承受能力', '风险评估日期'], ...rows] }]),
});

describe('the customer master takes risk levels as branches write them', () => {
  it('reads C3, 3, 三级 and the words; stores C1–C5', async () => {
    const analysis = await analyzeOne(
      ctx,
      master([
        ['0510001', '王芳', '平衡型', '2024-01-15'],
        ['0510002', '李强', '4', '2023-04-10'],
        ['0510003', '赵敏', '二级', null],
        ['0510004', '孙丽', 'c5', '2024-04-10'],
      ]),
    );
    expect(analysis.problems).toEqual([]);
    await commitImport(ctx, analysis, { replaceMonths: false, staffCode: null });
    expect(
      ctx.store.sqlite
        .prepare('SELECT customer_no, risk_level, risk_assessed_date FROM customers ORDER BY 1')
        .raw()
        .all(),
    ).toEqual([
      ['0510001', 'C3', '2024-01-15'],
      ['0510002', 'C4', '2023-04-10'],
      ['0510003', 'C2', null],
      ['0510004', 'C5', '2024-04-10'],
    ]);
  });

  it('refuses a level outside C1–C5 and an assessment dated after today, naming row and column', async () => {
    const analysis = await analyzeOne(
      ctx,
      master([
        ['0510001', '王芳', 'C6', '2024-01-15'],
        ['0510002', '李强', 'C2', '2024-04-11'],
      ]),
    );
    expect(analysis.problems.map((p) => [p.row, p.column, p.value, p.message])).toEqual([
      [2, 'C 风险承受能力', 'C6', expect.stringContaining('“C6”无法识别')],
      [3, 'D 风险评估日期', '2024-04-11', '风险评估日期 2024-04-11 晚于今天 2024-04-10'],
    ]);
  });
});
