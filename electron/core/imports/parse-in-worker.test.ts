import { describe, expect, it } from 'vitest';
import type { AppError } from '../../../shared/errors';
import { csvText } from '../../../tests/fixtures/spreadsheets';
import { collectingSink, unpacking } from '../../../tests/helpers/sheets';
import { parseInWorker } from './parse-in-worker';

const report = (rows: number) =>
  Buffer.from(
    csvText([
      ['客户号', '客户名称', '月份', '月日均（元）'],
      ...Array.from({ length: rows }, (_, i) => [`C${i}`, `客户${i}`, '2024-03', `${i}.50`]),
    ]),
  );

describe('parsing in a worker thread', { timeout: 60_000 }, () => {
  it('sends the records, then the problems', async () => {
    const sink = collectingSink();
    const parsed = await parseInWorker(
      { fileName: 'a.csv', bytes: report(3), currentMonth: '2024-04' },
      unpacking(sink),
    );
    expect(parsed).toMatchObject({ kind: 'assets', format: 'csv', problems: [], rows: 3 });
    expect(sink.all.map((r) => ['customerNo' in r ? r.customerNo : null, 'aumFen' in r ? r.aumFen : null])).toEqual([
      ['C0', 50],
      ['C1', 150],
      ['C2', 250],
    ]);
  });

  it('reports the rows read, and sends the records in batches as it goes', async () => {
    const sink = collectingSink();
    await parseInWorker({ fileName: 'a.csv', bytes: report(25_000), currentMonth: '2024-04' }, unpacking(sink));
    expect(sink.progress).toEqual([5_000, 10_000, 15_000, 20_000, 25_000].map((done) => [done, 25_001]));
    expect(sink.batches).toEqual([1_000, 9_000, 10_000, 5_000]);
    expect(sink.all.map((r) => r.row)).toEqual(Array.from({ length: 25_000 }, (_, i) => i + 2));
  });

  it('passes on the reader’s Chinese error', async () => {
    await expect(
      parseInWorker(
        { fileName: 'a.xlsx', bytes: Buffer.from('not a workbook'), currentMonth: '2024-04' },
        unpacking(collectingSink()),
      ),
    ).rejects.toMatchObject({
      code: 'IMPORT_REJECTED',
      message: expect.stringContaining('不是 Excel'),
    });
  });

  it('turns an unexpected failure into the clear message naming the file, never the internal one', async () => {
    // A mapping that is not one makes the reading fail where no check expects it.
    const failed = (await parseInWorker(
      { fileName: '三月.csv', bytes: report(3), currentMonth: '2024-04', mapping: 'broken' as never },
      unpacking(collectingSink()),
    ).catch((error: unknown) => error)) as AppError;
    expect(failed.toBody()).toEqual({
      code: 'IMPORT_REJECTED',
      message: '文件被拒绝：无法读取文件“三月.csv”（文件损坏或不是 Excel 工作簿）',
      messageEn: 'File rejected: cannot read "三月.csv" (corrupt, or not an Excel workbook)',
    });
  });

  it('stops on cancel, on its time limit, and on its memory limit', async () => {
    const controller = new AbortController();
    const cancelled = parseInWorker(
      { fileName: 'a.csv', bytes: report(200_000), currentMonth: '2024-04' },
      unpacking(collectingSink()),
      controller.signal,
    );
    setTimeout(() => controller.abort(), 50);
    await expect(cancelled).rejects.toMatchObject({ code: 'CANCELLED' });
    await expect(
      parseInWorker(
        { fileName: 'a.csv', bytes: report(200_000), currentMonth: '2024-04' },
        unpacking(collectingSink()),
        undefined,
        { maxHeapMb: 1536, timeoutMs: 100 },
      ),
    ).rejects.toMatchObject({
      message: expect.stringContaining('已停止'),
    });
    // Rows are read a chunk at a time, so memory runs out on a row of two million cells.
    const wide = Buffer.from(`客户号,客户名称,月份,月日均（元）\nC1,王芳,2024-03,${'1,'.repeat(2_000_000)}\n`);
    await expect(
      parseInWorker(
        { fileName: 'a.csv', bytes: wide, currentMonth: '2024-04' },
        unpacking(collectingSink()),
        undefined,
        { maxHeapMb: 24, timeoutMs: 60_000 },
      ),
    ).rejects.toMatchObject({
      code: 'FILE_TOO_LARGE',
    });
  });
});
