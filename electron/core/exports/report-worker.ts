import { createWriteStream } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { ReportWriter, type CellValue, type ReportFormat, type SheetSpec } from './report-writer';

export interface ReportWorkerData {
  /** The file to write (a temporary name; the main thread renames it when complete). */
  file: string;
  format: ReportFormat;
  titles: boolean;
}

/** What the main thread sends, in order; each is acknowledged with `{ ack: true }` once written. */
export type ReportWorkerMessage =
  { op: 'begin'; spec: SheetSpec } | { op: 'rows'; rows: CellValue[][] } | { op: 'end' } | { op: 'finish' };

/**
 * The worker thread that writes report workbooks (building the XML and compressing it is the slow part; the main
 * process only reads the rows and sends them). Messages are handled one at a time, in order; an error is posted
 * back as a plain object and the worker stops writing.
 */
const data = workerData as ReportWorkerData;
const stream = createWriteStream(data.file);
let failed = false;
const fail = (error: unknown) => {
  if (failed) return;
  failed = true;
  parentPort?.postMessage({ error: String(error instanceof Error ? error.message : error).slice(0, 300) });
};
stream.on('error', fail);
const writer = new ReportWriter(stream, data.format, data.titles);
let queue = Promise.resolve();
parentPort?.on('message', (message: ReportWorkerMessage) => {
  queue = queue.then(async () => {
    if (failed) return;
    try {
      if (message.op === 'begin') writer.begin(message.spec);
      else if (message.op === 'rows') await writer.rows(message.rows);
      else if (message.op === 'end') writer.end();
      else return void parentPort?.postMessage({ done: await writer.finish() });
      parentPort?.postMessage({ ack: true });
    } catch (error) {
      fail(error);
    }
  });
});
