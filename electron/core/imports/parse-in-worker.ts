import { AppError, type ErrorBody } from '../../../shared/errors';
import { cancelledError } from '../platform/jobs';
import type { PackedRecords } from './packed-records';
import type { Worker } from 'node:worker_threads';
import { startWorker } from '../platform/start-worker';
import type { ParseRequest, ParsedSpreadsheet, ParsedTable } from './parse/parse-spreadsheet';

export interface WorkerLimits {
  /** The worker's JS heap. */
  maxHeapMb: number;
  /** Wall-clock time before the parse is abandoned. */
  timeoutMs: number;
}

export const DEFAULT_WORKER_LIMITS: WorkerLimits = { maxHeapMb: 1536, timeoutMs: 5 * 60_000 };

/** Where a worker's reading goes as it goes: its progress, and its records a batch at a time, as it sent them (columns). */
export interface PackedSink {
  rows?(done: number, total: number): void;
  records(records: PackedRecords, table: ParsedTable): void;
}

type WorkerMessage =
  | { progress: [number, number] }
  | { records: PackedRecords; table: ParsedTable }
  | { ok: true; result: ParsedSpreadsheet }
  | { ok: false; error: ErrorBody };

/** The worker, given the request with its bytes in shared memory (cloning them into its data costs ten times the copy). */
function startParseWorker(request: ParseRequest, limits: WorkerLimits): Worker {
  const bytes = new Uint8Array(new SharedArrayBuffer(request.bytes.byteLength));
  bytes.set(request.bytes);
  return startWorker('import-worker', {
    workerData: { ...request, bytes },
    resourceLimits: { maxOldGenerationSizeMb: limits.maxHeapMb },
  });
}

function timedOut(limits: WorkerLimits): AppError {
  const seconds = Math.round(limits.timeoutMs / 1000);
  return new AppError(
    'IMPORT_REJECTED',
    `解析超过 ${seconds} 秒仍未完成，已停止；文件可能过大`,
    `parsing took longer than ${seconds} s and was stopped; the file may be too large`,
  );
}

/** A worker that failed: out of memory (the file is too large), else a file it cannot read (logged). */
function workerFailed(error: Error): AppError {
  const outOfMemory =
    /heap|memory|ERR_WORKER_OUT_OF_MEMORY/i.test(String(error)) ||
    (error as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY';
  if (!outOfMemory) console.error('[tierdesk] import worker failed:', error instanceof Error ? error.stack : error);
  return outOfMemory
    ? new AppError(
        'FILE_TOO_LARGE',
        '文件太大，解析时超出内存上限；请分成几个文件',
        'the file is too large to parse within the memory limit; split it',
      )
    : new AppError(
        'IMPORT_REJECTED',
        '文件无法解析（文件损坏或格式异常）',
        'the file cannot be parsed (corrupt or unusual)',
      );
}

/**
 * Parses a spreadsheet in a worker thread with a heap limit and a time limit, sending what it reads to
 * `sink` as it goes; `signal` stops it. The worker touches no database, so stopping it at any moment leaves
 * nothing behind (what the sink did with the batches so far is the caller's to undo).
 */
export function parseInWorker(
  request: ParseRequest,
  sink: PackedSink,
  signal?: AbortSignal,
  limits: WorkerLimits = DEFAULT_WORKER_LIMITS,
): Promise<ParsedSpreadsheet> {
  return new Promise((resolve, reject) => {
    const worker = startParseWorker(request, limits);
    let settled = false;
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      void worker.terminate();
      outcome();
    };
    const fail = (error: Error) => finish(() => reject(error));
    const timer = setTimeout(() => fail(timedOut(limits)), limits.timeoutMs);
    const onAbort = () => fail(cancelledError());
    signal?.addEventListener('abort', onAbort);
    worker.on('message', (message: WorkerMessage) => {
      if (settled) return;
      if ('progress' in message) return sink.rows?.(...message.progress);
      if ('records' in message) {
        try {
          sink.records(message.records, message.table);
        } catch (error) {
          fail(error as Error);
        }
        return;
      }
      if (message.ok) finish(() => resolve(message.result));
      else {
        const { code, message: text, messageEn, details } = message.error;
        fail(new AppError(code, text, messageEn ?? text, details));
      }
    });
    worker.once('error', (error) => fail(workerFailed(error)));
    worker.once('exit', (code) =>
      fail(new AppError('INTERNAL', `解析进程意外退出（${code}）`, `the parser exited unexpectedly (${code})`)),
    );
  });
}
