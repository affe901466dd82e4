import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { xlsxFile } from '../../../tests/fixtures/spreadsheets';
import { createTestContext, seedBranch, TEST_TODAY } from '../../../tests/helpers/branch';
import { importFiles } from '../../../tests/helpers/imports';
import { analyzeImport, undoLatestImport } from '../imports/imports';
import type { ManagerChangeRow } from './book-history-repository';
import { managerPeriods } from './book-history';
import { getCustomerCard } from './customers';

let ctx: ReturnType<typeof createTestContext>;
beforeEach(() => {
  ctx = createTestContext(); // today is 2024-04-10
  seedBranch(
    ctx.store,
    [
      { customer_no: '0510001', name: '王芳', manager_code: 'M01', assets: { '2024-01': 100, '2024-02': 100 } },
      { customer_no: '0510002', name: '李强', manager_code: 'M01', opened_date: '2023-06-01' },
    ],
    [
      { code: 'M01', name: '周文静', role: 'manager' },
      { code: 'M02', name: '吴敏', role: 'manager' },
    ],
  );
});
afterEach(() => ctx.store.close());

const books = (rows: unknown[][], name = '管户调整.xlsx') => ({
  name,
  bytes: xlsxFile([{ name: '管户关系', rows: [['客户号', '客户名称', '客户经理工号', '客户经理'], ...rows] }]),
});
const history = async (customerNo: string) => (await getCustomerCard(ctx, customerNo)).managerHistory;

const change = (from: string | null, to: string | null, date: string, batch = 1): ManagerChangeRow => ({
  from_code: from,
  to_code: to,
  effective_date: date,
  reason: 'import',
  import_batch_id: batch,
  handover_id: null,
  from_name: null,
  to_name: null,
});

describe('book history: who managed a customer when', () => {
  it('is one period under today’s manager until a change, from the first month with data (else the opening)', async () => {
    expect(await history('0510001')).toEqual([
      {
        managerCode: 'M01',
        managerName: '周文静',
        from: '2024-01-01',
        to: null,
        source: 'first',
        reason: null,
        batchId: null,
        handoverId: null,
      },
    ]);
    expect((await history('0510002'))[0].from).toBe('2023-06-01');
  });

  it('keeps a move by a book assignment file as a new period from the day of the import; undo takes it back', async () => {
    await importFiles(ctx, [books([['0510001', '王芳', 'M02', '吴敏']])]);
    const periods = await history('0510001');
    expect(periods.map((p) => [p.managerCode, p.managerName, p.from, p.to, p.source])).toEqual([
      ['M01', '周文静', '2024-01-01', '2024-04-09', 'first'],
      ['M02', '吴敏', TEST_TODAY, null, 'import'],
    ]);
    expect(periods[1].batchId).toEqual(expect.any(Number));
    // The customer the file left with the same manager has no change.
    expect(await history('0510002')).toHaveLength(1);

    await undoLatestImport(ctx, null);
    expect((await history('0510001')).map((p) => [p.managerCode, p.to])).toEqual([['M01', null]]);
    expect(ctx.store.sqlite.prepare('SELECT count(*) FROM manager_changes').pluck().get()).toBe(0);
  });

  it('keeps a move by the customer master too, and a master giving the same manager records nothing', async () => {
    const master = (manager: string) => ({
      name: `客户信息-${manager}.xlsx`,
      bytes: xlsxFile([
        {
          name: '客户信息',
          rows: [
            ['客户号', '客户名称', '客户经理工号'],
            ['0510002', '李强', manager],
          ],
        },
      ]),
    });
    await importFiles(ctx, [master('M01')]);
    expect(await history('0510002')).toHaveLength(1);
    await importFiles(ctx, [master('M02')]);
    expect((await history('0510002')).map((p) => [p.managerCode, p.from, p.to])).toEqual([
      ['M01', '2023-06-01', '2024-04-09'],
      ['M02', TEST_TODAY, null],
    ]);
  });

  it('refuses a book file naming a customer twice, naming both rows, and moves nobody', async () => {
    const analysis = await analyzeImport(
      ctx,
      [
        books([
          ['0510001', '王芳', 'M02', '吴敏'],
          ['0510001', '王芳', 'M01', '周文静'],
        ]),
      ],
      {
        inProcess: true,
      },
    );
    expect(analysis.problems.filter((p) => p.severity === 'error').map((p) => [p.row, p.message])).toEqual([
      [3, '客户 0510001在文件中重复：第 2 行和第 3 行'],
    ]);
    expect((await history('0510001')).map((p) => p.managerCode)).toEqual(['M01']);
  });

  it('reads periods from the changes in the order they took effect; a period that never lasted a day is left out', () => {
    const current = { code: 'M03', name: '陈' };
    expect(
      managerPeriods(
        [change('M01', 'M02', '2024-03-01', 1), change('M02', 'M03', '2024-03-01', 2)],
        current,
        '2024-01-01',
      ).map((p) => [p.managerCode, p.from, p.to, p.batchId]),
    ).toEqual([
      ['M01', '2024-01-01', '2024-02-29', null],
      ['M03', '2024-03-01', null, 2],
    ]);
    // A first assignment (from nobody) holds the customer from the start: from the first month, or unknown.
    expect(
      managerPeriods([change(null, 'M01', '2024-02-01')], current, null).map((p) => [p.managerCode, p.from]),
    ).toEqual([['M01', null]]);
    expect(
      managerPeriods(
        [change(null, 'M01', '2024-02-01'), change('M01', 'M02', '2024-03-05')],
        current,
        '2023-06-01',
      ).map((p) => [p.managerCode, p.from, p.to]),
    ).toEqual([
      ['M01', '2023-06-01', '2024-03-04'],
      ['M02', '2024-03-05', null],
    ]);
  });
});
