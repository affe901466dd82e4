import { parentPort, workerData } from 'node:worker_threads';
import { AppError } from '../../../shared/errors';
import { packRecords } from './packed-records';
import { parseSpreadsheet, type ParseRequest } from './parse/parse-spreadsheet';
import { unreadable } from './parse/read-workbook';

/**
 * The worker thread that parses a spreadsheet (so a large file never blocks the main process). It gets the
 * bytes and options, posts the records a batch at a time as they are read (the main thread plans while the
 * worker reads on), then the rest of the result, or the error as a plain object. Everything here is reading
 * the file: an unexpected failure is the file that could not be read (its detail is logged, never shown).
 */
const request = workerData as ParseRequest;
parseSpreadsheet(request, {
  rows: (done, total) => parentPort?.postMessage({ progress: [done, total] }),
  records: (batch, table) => {
    const records = packRecords(batch);
    parentPort?.postMessage(
      { records, table },
      Object.values(records.numbers).map((column) => column.buffer as ArrayBuffer),
    );
  },
}).then(
  (result) => parentPort?.postMessage({ ok: true, result }),
  (error: unknown) =>
    parentPort?.postMessage({
      ok: false,
      error: (error instanceof AppError ? error : unreadable(request.fileName, error)).toBody(),
    }),
);
