import { describe, expect, it } from 'vitest';
import { csvText } from '../../../tests/fixtures/spreadsheets';
import { parseInWorker } from './parse-in-worker';

const report = (rows: number) =>
  Buffer.from(csvText([['客户号', '客户名称', '月份', '月日均（元）'], ...Array.from({ length: rows }, (_, i) => [`C${i}`, `客户${i}`, '2024-03', `${i}.50`])]));

describe('parsing in a worker thread', { timeout: 60_000 }, () => {
  it('returns the records and problems', async () => {
    const parsed = await parseInWorker({ fileName: 'a.csv', bytes: report(3), currentMonth: '2024-04' });
    expect(parsed).toMatchObject({ kind: 'assets', format: 'csv', problems: [] });
    expect(parsed.records.map((r) => [r.customerNo, 'aumFen' in r ? r.aumFen : null])).toEqual([
      ['C0', 50],
      ['C1', 150],
      ['C2', 250],
    ]);
  });

  it('reports the rows read as it goes', async () => {
    const seen: Array<[number, number]> = [];
    await parseInWorker({ fileName: 'a.csv', bytes: report(12_000), currentMonth: '2024-04' }, undefined, undefined, (done, total) => seen.push([done, total]));
    expect(seen).toEqual([
      [5_000, 12_001],
      [10_000, 12_001],
    ]);
  });

  it('passes on the reader’s Chinese error', async () => {
    await expect(parseInWorker({ fileName: 'a.xlsx', bytes: Buffer.from('not a workbook'), currentMonth: '2024-04' })).rejects.toMatchObject({
      code: 'IMPORT_REJECTED',
      message: expect.stringContaining('不是 Excel'),
    });
  });

  it('stops on cancel, on its time limit, and on its memory limit', async () => {
    const controller = new AbortController();
    const cancelled = parseInWorker({ fileName: 'a.csv', bytes: report(200_000), currentMonth: '2024-04' }, controller.signal);
    setTimeout(() => controller.abort(), 50);
    await expect(cancelled).rejects.toMatchObject({ code: 'CANCELLED' });
    await expect(parseInWorker({ fileName: 'a.csv', bytes: report(200_000), currentMonth: '2024-04' }, undefined, { maxHeapMb: 1536, timeoutMs: 100 })).rejects.toMatchObject({
      message: expect.stringContaining('已停止'),
    });
    await expect(parseInWorker({ fileName: 'a.csv', bytes: report(300_000), currentMonth: '2024-04' }, undefined, { maxHeapMb: 24, timeoutMs: 60_000 })).rejects.toMatchObject({
      code: 'FILE_TOO_LARGE',
    });
  });
});
