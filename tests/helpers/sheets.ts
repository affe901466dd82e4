import type { Cell } from '../../electron/core/engine/import-cells';
import type { ImportRecord } from '../../electron/core/engine/import-rows';
import type { ParseSink } from '../../electron/core/io/parse-spreadsheet';
import type { PackedSink } from '../../electron/core/io/parse-in-worker';
import { unpackRecords } from '../../electron/core/io/packed-records';
import type { SheetRows } from '../../electron/core/io/read-workbook';

/** Every row of a sheet at once. */
export function allRows(sheet: SheetRows): Cell[][] {
  const rows: Cell[][] = [];
  sheet.forEachRow((row) => rows.push(row));
  return rows;
}

/** A parse sink that keeps what it is sent: the records, their batch sizes and the progress reports. */
export function collectingSink(): ParseSink & { all: ImportRecord[]; batches: number[]; progress: Array<[number, number]> } {
  const all: ImportRecord[] = [];
  const batches: number[] = [];
  const progress: Array<[number, number]> = [];
  return {
    all,
    batches,
    progress,
    rows: (done, total) => progress.push([done, total]),
    records: (batch) => {
      batches.push(batch.length);
      all.push(...batch);
    },
  };
}

/** A parse sink fed from a worker's packed batches. */
export function unpacking(sink: ParseSink): PackedSink {
  return { rows: sink.rows, records: (records, table) => sink.records(unpackRecords<ImportRecord>(records), table) };
}
