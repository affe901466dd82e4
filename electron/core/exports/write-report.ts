import { randomBytes } from 'node:crypto';
import { closeSync, openSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/errors';
import { cancelledError, type JobControl } from '../platform/jobs';
import type { CellValue, ReportFormat, SheetSpec } from './report-writer';
import { cannotWrite } from '../platform/downloads';
import type { ReportWorkerData, ReportWorkerMessage } from './report-worker';
import { startWorker } from '../platform/start-worker';

/** Messages sent before the oldest is acknowledged. */
const AHEAD = 3;

/** One sheet of a report: its layout, how many rows to expect (for progress), and its rows a chunk at a time. */
export interface ReportSheet {
  spec: SheetSpec;
  expectedRows: number;
  chunks: Iterable<CellValue[][]> | AsyncIterable<CellValue[][]>;
}

/** The worker, driven one message at a time: the next chunk is read while the worker writes the last one. */
class WorkerChannel {
  private readonly worker;
  private readonly waiting: Array<{ resolve: (value: unknown) => void; reject: (error: Error) => void }> = [];
  private failure: Error | null = null;

  constructor(data: ReportWorkerData) {
    this.worker = startWorker('report-worker', { workerData: data, resourceLimits: { maxOldGenerationSizeMb: 1024 } });
    this.worker.on('message', (message: { ack: true } | { done: unknown } | { error: string }) => {
      if ('error' in message) return this.fail(new Error(message.error));
      this.waiting.shift()?.resolve('done' in message ? message.done : undefined);
    });
    this.worker.once('error', (error) => this.fail(error));
    this.worker.once('exit', (code) => this.fail(new Error(`the report writer exited (${code})`)));
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const w of this.waiting.splice(0)) w.reject(this.failure);
  }

  send(message: ReportWorkerMessage): Promise<unknown> {
    if (this.failure) return Promise.reject(this.failure);
    const reply = new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
    // A reply nobody waits for any more (the export was cancelled meanwhile) must not fail unhandled.
    reply.catch(() => undefined);
    this.worker.postMessage(message);
    return reply;
  }

  close(): Promise<number> {
    return this.worker.terminate();
  }
}

/**
 * Writes a report's sheets to `out` through the report worker: to a temporary name beside it, renamed once complete,
 * so `out` is either the whole new file or untouched. Progress goes to `control` in rows; a cancel stops the worker
 * and removes what it wrote. Errors name the file.
 */
export async function writeReport(
  out: string,
  format: ReportFormat,
  sheets: ReportSheet[],
  control: JobControl,
): Promise<{ rows: number; unencodable: number }> {
  const temp = path.join(path.dirname(out), `.${path.basename(out)}.${randomBytes(4).toString('hex')}.part`);
  // Created here, so a folder that does not exist or cannot be written fails at once, not inside the worker.
  try {
    closeSync(openSync(temp, 'wx'));
  } catch (error) {
    throw cannotWrite(out, error);
  }
  const channel = new WorkerChannel({ file: temp, format, titles: sheets.length > 1 });
  const total = sheets.reduce((n, s) => n + s.expectedRows, 0);
  let done = 0;
  try {
    // Chunks sent ahead: the worker always has the next one queued while main reads the one after.
    const inFlight: Array<Promise<unknown>> = [];
    for (const sheet of sheets) {
      inFlight.push(channel.send({ op: 'begin', spec: sheet.spec }));
      for await (const rows of sheet.chunks) {
        if (control.signal.aborted) throw cancelledError();
        while (inFlight.length >= AHEAD) await inFlight.shift();
        inFlight.push(channel.send({ op: 'rows', rows }));
        done += rows.length;
        control.report('export', Math.min(done, total), total);
      }
      inFlight.push(channel.send({ op: 'end' }));
    }
    await Promise.all(inFlight.splice(0));
    if (control.signal.aborted) throw cancelledError();
    const result = (await channel.send({ op: 'finish' })) as { rows: number; unencodable: number };
    await channel.close();
    renameSync(temp, out);
    return result;
  } catch (error) {
    await channel.close();
    rmSync(temp, { force: true });
    if (error instanceof AppError) throw error;
    throw cannotWrite(out, error);
  }
}
