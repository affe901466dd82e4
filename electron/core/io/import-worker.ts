import { parentPort, workerData } from 'node:worker_threads';
import { AppError } from '../../../shared/errors';
import { parseSpreadsheet, type ParseRequest } from './parse-spreadsheet';

/**
 * The worker thread that parses a spreadsheet (so a large file never blocks the main process). It gets the
 * bytes and options, and posts back the parsed records and problems, or the error as a plain object.
 */
const request = workerData as ParseRequest;
parseSpreadsheet({ ...request, bytes: Buffer.from(request.bytes.buffer, request.bytes.byteOffset, request.bytes.byteLength) }).then(
  (result) => parentPort?.postMessage({ ok: true, result }),
  (error: unknown) =>
    parentPort?.postMessage({
      ok: false,
      error: error instanceof AppError ? error.toBody() : { code: 'INTERNAL', message: String(error instanceof Error ? error.message : error).slice(0, 300) },
    }),
);
