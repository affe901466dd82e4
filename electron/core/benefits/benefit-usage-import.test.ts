import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { xlsxFile } from '../../../tests/fixtures/spreadsheets';
import { createTestContext, seedBranch } from '../../../tests/helpers/branch';
import { TEST_CATALOGUE } from '../../../tests/helpers/benefits';
import { analyzeOne } from '../../../tests/helpers/imports';
import { commitImport, undoLatestImport } from '../imports/imports';
import { importTemplate } from '../imports/templates';
import { IMPORT_FIELDS } from '../../../shared/import-fields';
import { recomputeTiers } from '../tiers/tier-recompute';
import { saveBenefitCatalogueOf } from './benefits';

let ctx: ReturnType<typeof createTestContext>;
const WAN = 1_000_000;

/** Today is 2024-04-10. 王芳 is 私人银行 (6 lounge visits, 1 health check a year), 李强 钻石 (2 visits, no check). */
beforeEach(async () => {
  ctx = createTestContext();
  const months = (fen: number) => ({ '2024-01': fen, '2024-02': fen, '2024-03': fen });
  seedBranch(ctx.store, [
    { customer_no: 'C01', name: '王芳', manager_code: 'M01', assets: months(700 * WAN) },
    { customer_no: 'C02', name: '李强', manager_code: 'M01', assets: months(300 * WAN) },
  ]);
  await recomputeTiers(ctx.store.sqlite, ctx.now());
  saveBenefitCatalogueOf(ctx, TEST_CATALOGUE, 'A01');
});
afterEach(() => ctx.store.close());

const usageFile = (rows: unknown[][]) => ({
  name: '权益使用明细.xlsx',
  bytes: xlsxFile([
    { name: '权益使用', rows: [['客户号', '客户名称', '权益名称', '使用日期', '次数', '备注'], ...rows] },
  ]),
});

const stored = () =>
  ctx.store.sqlite
    .prepare(
      'SELECT c.customer_no, benefit_code, used_date, count, note FROM benefit_uses u JOIN customers c ON c.id = u.customer_id ORDER BY u.id',
    )
    .raw()
    .all();

describe('the benefit-usage import', () => {
  it('is recognised by its columns, refuses each bad row naming row and column; a clean file is written, and undo takes it back', async () => {
    const analysis = await analyzeOne(
      ctx,
      usageFile([
        ['C01', '王芳', '机场贵宾厅', '2024-03-05', 2, '首都机场'],
        ['C01', '王芳', 'lounge', '2024-03-06', 5, null],
        ['C02', '李强', '体检', '2024-03-05', 1, null],
        ['C09', '某人', 'LOUNGE', '2024-03-05', 1, null],
        ['C02', '李强', '高尔夫', '2024-03-05', 1, null],
        ['C02', '李强', 'LOUNGE', '2024-03-05', 0, null],
        ['C02', '李强', 'LOUNGE', '2024-04-11', 1, null],
        ['C02', '李强', 'LOUNGE', '2024-03-05', null, '次数留空'],
        ['C02', '李强', 'LOUNGE', '2024-03-07', 2, null],
        ['C01', '王芳', '体检', '2024-02-29', 1, '闰日'],
      ]),
    );
    expect(analysis.file.kind).toBe('benefit-usage');
    expect(analysis.problems.map((p) => [p.severity, p.row, p.column, p.value])).toEqual([
      ['error', 3, 'E 次数', '5'],
      ['error', 4, 'C 权益名称', '体检'],
      ['error', 5, 'A 客户号', 'C09'],
      ['error', 6, 'C 权益名称', '高尔夫'],
      ['error', 7, 'E 次数', '0'],
      ['error', 8, 'D 使用日期', '2024-04-11'],
      ['error', 10, 'E 次数', '2'],
    ]);
    const messages = analysis.problems.map((p) => p.message);
    expect(messages[0]).toContain('额度 6 次，已用 2 次，剩余 4 次，不足 5 次');
    expect(messages[1]).toContain('不享有「体检」');
    expect(messages[2]).toContain('不在客户名单中');
    expect(messages[3]).toContain('不在 2024-03 的权益目录中');
    // 李强's row 9 used one of his two; row 10 (two more) goes over.
    expect(messages[6]).toContain('已用 1 次，剩余 1 次，不足 2 次');

    // A file with errors is refused whole: nothing half-written.
    await expect(commitImport(ctx, analysis, { replaceMonths: false, staffCode: 'M01' })).rejects.toThrow(
      /7 处错误.*未写入任何数据/,
    );
    expect(stored()).toEqual([]);

    const clean = await analyzeOne(
      ctx,
      usageFile([
        ['C01', '王芳', '机场贵宾厅', '2024-03-05', 2, '首都机场'],
        ['C02', '李强', 'LOUNGE', '2024-03-05', null, '次数留空'],
        ['C01', '王芳', '体检', '2024-02-29', 1, '闰日'],
      ]),
    );
    expect(clean.problems).toEqual([]);
    await commitImport(ctx, clean, { replaceMonths: false, staffCode: 'M01' });
    expect(stored()).toEqual([
      ['C01', 'LOUNGE', '2024-03-05', 2, '首都机场'],
      ['C02', 'LOUNGE', '2024-03-05', 1, '次数留空'],
      ['C01', 'HEALTH', '2024-02-29', 1, '闰日'],
    ]);
    await undoLatestImport(ctx, 'M01');
    expect(stored()).toEqual([]);
  });

  it('counts the uses already recorded against the quota', async () => {
    const first = await analyzeOne(ctx, usageFile([['C02', '李强', 'LOUNGE', '2024-01-05', 2, null]]));
    expect(first.problems).toEqual([]);
    await commitImport(ctx, first, { replaceMonths: false, staffCode: null });
    const second = await analyzeOne(ctx, usageFile([['C02', '李强', 'LOUNGE', '2024-03-05', 1, null]]));
    expect(second.problems.map((p) => [p.row, p.column])).toEqual([[2, 'E 次数']]);
  });

  it('reads its template back: every column mapped, the example row imported for a customer entitled to it', async () => {
    const { fileName, bytes } = await importTemplate('benefit-usage');
    expect(fileName).toBe('权益使用导入模板.xlsx');
    ctx.store.sqlite.prepare("UPDATE customers SET customer_no = '0510001' WHERE customer_no = 'C01'").run();
    const analysis = await analyzeOne(ctx, { name: fileName, bytes });
    expect(analysis.file.kind).toBe('benefit-usage');
    expect(analysis.file.mapping.map((m) => m.field)).toEqual([...IMPORT_FIELDS['benefit-usage']]);
    expect(analysis.problems).toEqual([]);
  });
});
