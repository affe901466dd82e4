import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { xlsxFile } from '../../../tests/fixtures/spreadsheets';
import { createTestContext, seedBranch } from '../../../tests/helpers/branch';
import { assessmentColumns, assessmentRecord } from '../../../tests/helpers/assessments';
import { analyzeOne } from '../../../tests/helpers/imports';
import { commitImport, undoLatestImport } from '../imports/imports';
import { recordAssessment } from './suitability';

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

describe("the customer master's assessment channel", () => {
  it('reads the channel as branches write it, records each changed assessment, and undo takes both back', async () => {
    await recordAssessment(ctx, {
      customerNo: '0510001',
      riskLevel: 'C2',
      assessedDate: '2024-02-01',
      channel: '柜面',
      professional: false,
      staffCode: 'M01',
    });
    const withChannel = (rows: unknown[][]) => ({
      name: '客户信息-评估渠道.xlsx',
      bytes: xlsxFile([
        { name: '客户信息', rows: [['客户号', '客户名称', '风险等级', '风险评估日期', '评估渠道'], ...rows] },
      ]),
    });
    const analysis = await analyzeOne(
      ctx,
      withChannel([
        ['0510001', '王芳', 'C4', '2024-03-20', '个人网上银行'],
        ['0510002', '李强', '稳健型', '2024-03-01', '手机APP'],
        ['0510003', '赵敏', null, null, null],
        ['0510004', '孙丽', 'C3', '2024-01-05', '客户经理上门面谈'],
      ]),
      { kind: 'customers' },
    );
    expect(analysis.problems).toEqual([]);
    await commitImport(ctx, analysis, { replaceMonths: false, staffCode: 'A01' });
    expect(assessmentColumns(ctx)).toEqual([
      ['0510001', 'C4', '2024-03-20', '网银', 0],
      ['0510002', 'C2', '2024-03-01', '手机银行', 0],
      ['0510003', null, null, null, 0],
      ['0510004', 'C3', '2024-01-05', '客户经理上门面谈', 0],
    ]);
    expect(assessmentRecord(ctx)).toEqual([
      ['0510001', 'C2', '2024-02-01', '柜面', 0],
      ['0510001', 'C4', '2024-03-20', '网银', 1],
      ['0510002', 'C2', '2024-03-01', '手机银行', 1],
      ['0510004', 'C3', '2024-01-05', '客户经理上门面谈', 1],
    ]);

    await undoLatestImport(ctx, null);
    expect(assessmentColumns(ctx)).toEqual([['0510001', 'C2', '2024-02-01', '柜面', 0]]);
    expect(assessmentRecord(ctx)).toEqual([['0510001', 'C2', '2024-02-01', '柜面', 0]]);
  });

  it('refuses a channel longer than the card takes, naming row and column', async () => {
    const analysis = await analyzeOne(ctx, {
      name: '客户信息.xlsx',
      bytes: xlsxFile([
        {
          name: '客户信息',
          rows: [
            ['客户号', '客户名称', '证件号码', '风险等级', '风险评估日期', '风险评估渠道'],
            ['0510001', '王芳', null, 'C3', '2024-01-15', '由客户经理在营业网点陪同客户通过智能柜台完成的线上测评'],
          ],
        },
      ]),
    });
    expect(analysis.problems.map((p) => [p.row, p.column, p.message])).toEqual([
      [2, 'F 风险评估渠道', expect.stringContaining('评估渠道“由客户经理在营业网点')],
    ]);
  });
});
