import { parentPort, workerData } from 'node:worker_threads';
import { AppError } from '../../../shared/errors';
import { packRecords } from './packed-records';
import { parseSpreadsheet, type ParseRequest } from './parse-spreadsheet';

/**
 * The worker thread that parses a spreadsheet (so a large file never blocks the main process). It gets the
 * bytes and options, and posts back the parsed records and problems, or the error as a plain object.
 */
const request = workerData as ParseRequest;
parseSpreadsheet({ ...request, bytes: Buffer.from(request.bytes.buffer, request.bytes.byteOffset, request.bytes.byteLength) }, (done, total) =>
  parentPort?.postMessage({ progress: [done, total] }),
).then(
  (result) => {
    const records = packRecords(result.records);
    const transfer = Object.values(records.numbers).map((column) => column.buffer as ArrayBuffer);
    parentPort?.postMessage({ ok: true, result: { ...result, records } }, transfer);
  },
  (error: unknown) =>
    parentPort?.postMessage({
      ok: false,
      error: error instanceof AppError ? error.toBody() : { code: 'INTERNAL', message: String(error instanceof Error ? error.message : error).slice(0, 300) },
    }),
);
