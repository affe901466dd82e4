import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { xlsxFile } from '../../../tests/fixtures/spreadsheets';
import { createTestContext, seedBranch } from '../../../tests/helpers/branch';
import { assessmentColumns, assessmentRecord } from '../../../tests/helpers/assessments';
import { analyzeOne } from '../../../tests/helpers/imports';
import { analyzeImport, commitImport, undoLatestImport } from '../imports/imports';
import { recordAssessment } from './suitability';

let ctx: ReturnType<typeof createTestContext>;
beforeEach(async () => {
  ctx = createTestContext(); // today is 2024-04-10
  seedBranch(ctx.store, [
    { customer_no: '0510001', name: '王芳', manager_code: 'M01' },
    { customer_no: '0510002', name: '李强', manager_code: 'M01' },
    { customer_no: '0510003', name: '赵敏', manager_code: 'M01' },
  ]);
  await recordAssessment(ctx, {
    customerNo: '0510002',
    riskLevel: 'C2',
    assessedDate: '2024-03-01',
    channel: '柜面',
    professional: true,
    staffCode: 'M01',
  });
});
afterEach(() => ctx.store.close());

const assessmentFile = (rows: unknown[][], name = '风险评估.xlsx') => ({
  name,
  bytes: xlsxFile([
    {
      name: '风险评估',
      rows: [['2024年4月客户风险评估结果'], ['客户号', '风险等级', '评估日期', '评估渠道'], ...rows],
    },
  ]),
});
const assessed = () => assessmentColumns(ctx);
const recorded = () => assessmentRecord(ctx);
const committed = { replaceMonths: false, staffCode: 'A01' };

describe('an assessment file is an import kind', () => {
  it('is recognised by its headers; an older assessment never replaces a newer one; undo restores each exactly', async () => {
    const analysis = await analyzeOne(
      ctx,
      assessmentFile([
        ['0510001', '平衡型', '2024-04-02', '手机银行'],
        ['0510002', 'C4', '2024-02-15', '网上银行'],
        ['0510003', '5', '2024-01-20', null],
      ]),
    );
    expect(analysis.file).toMatchObject({ kind: 'assessments', errors: 0, warnings: 1, updatedCustomers: 2 });
    expect(analysis.problems.map((p) => [p.severity, p.row, p.column, p.value, p.message])).toEqual([
      [
        'warning',
        4,
        'C 评估日期',
        '2024-02-15',
        '客户 0510002 的评估日期 2024-02-15 早于已有的评估（C2，2024-03-01），保留较新的评估，这一行不导入',
      ],
    ]);
    await commitImport(ctx, analysis, committed);
    expect(assessed()).toEqual([
      ['0510001', 'C3', '2024-04-02', '手机银行', 0],
      ['0510002', 'C2', '2024-03-01', '柜面', 1],
      ['0510003', 'C5', '2024-01-20', null, 0],
    ]);
    expect(recorded()).toEqual([
      ['0510002', 'C2', '2024-03-01', '柜面', 0],
      ['0510001', 'C3', '2024-04-02', '手机银行', 1],
      ['0510003', 'C5', '2024-01-20', null, 1],
    ]);

    // A later file for 0510003 with a newer date replaces the level and fills in the channel.
    const later = await analyzeOne(ctx, assessmentFile([['0510003', 'C2', '2024-04-09', '柜台']], '风险评估-补.xlsx'));
    await commitImport(ctx, later, committed);
    expect(assessed()[2]).toEqual(['0510003', 'C2', '2024-04-09', '柜面', 0]);
    await undoLatestImport(ctx, null);
    expect(assessed()[2]).toEqual(['0510003', 'C5', '2024-01-20', null, 0]);

    // Undone again after another import: 0510001's assessment from the first file comes back as it was.
    const first = await analyzeOne(ctx, assessmentFile([['0510001', 'C4', '2024-04-03', '网银']], '风险评估-再.xlsx'));
    await commitImport(ctx, first, committed);
    await undoLatestImport(ctx, null);
    expect(assessed()[0]).toEqual(['0510001', 'C3', '2024-04-02', '手机银行', 0]);
  });

  it('refuses a level outside C1–C5, a date after today, an unknown customer and a customer twice, naming row and column', async () => {
    const analysis = await analyzeOne(
      ctx,
      assessmentFile([
        ['0510001', 'C6', '2024-04-01', '柜面'],
        ['0510002', 'C3', '2024-04-11', '柜面'],
        ['0519999', 'C3', '2024-04-01', '柜面'],
        ['0510003', 'C3', '2024-04-01', '柜面'],
        ['0510003', 'C4', '2024-04-02', '柜面'],
        ['0510001', null, '2024-04-01', '柜面'],
      ]),
    );
    expect(analysis.problems.map((p) => [p.file, p.sheet, p.row, p.column, p.value, p.message])).toEqual([
      ['风险评估.xlsx', '风险评估', 3, 'B 风险等级', 'C6', expect.stringContaining('客户风险等级“C6”无法识别')],
      ['风险评估.xlsx', '风险评估', 4, 'C 评估日期', '2024-04-11', '风险评估日期 2024-04-11 晚于今天 2024-04-10'],
      [
        '风险评估.xlsx',
        '风险评估',
        5,
        'A 客户号',
        '0519999',
        '客户号 0519999 不在客户名单中；风险评估只能记到已有客户名下，请先导入客户信息',
      ],
      ['风险评估.xlsx', '风险评估', 7, 'A 客户号', '0510003', '客户 0510003在文件中重复：第 6 行和第 7 行'],
      ['风险评估.xlsx', '风险评估', 8, 'B 风险等级', null, '风险等级为空'],
    ]);
    expect(analysis.file.canCommit).toBe(false);
  });

  it('comes after the customer master in a set, so it may assess the customers the master creates', async () => {
    const master = {
      name: '客户信息.xlsx',
      bytes: xlsxFile([
        {
          name: '客户信息',
          rows: [
            ['客户号', '客户名称', '证件号码', '手机号'],
            ['0510004', '孙丽', null, '13800001234'],
          ],
        },
      ]),
    };
    const analysis = await analyzeImport(ctx, [assessmentFile([['0510004', 'C3', '2024-04-01', '柜面']]), master], {
      inProcess: true,
    });
    expect(analysis.preview.files.map((f) => f.kind)).toEqual(['customers', 'assessments']);
    expect(analysis.problems).toEqual([]);
    await commitImport(ctx, analysis, committed);
    expect(assessed()[3]).toEqual(['0510004', 'C3', '2024-04-01', '柜面', 0]);
    await undoLatestImport(ctx, null);
    expect(assessed().map((row) => row[0])).toEqual(['0510001', '0510002', '0510003']);
    expect(recorded()).toEqual([['0510002', 'C2', '2024-03-01', '柜面', 0]]);
  });
});
