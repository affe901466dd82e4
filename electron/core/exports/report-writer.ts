/**
 * Report workbooks as head office wants them: each sheet a title row, a frozen header, column widths,
 * number formats, customer numbers / ID numbers / mobiles as text, real dates, and a 合计 row. The same sheets as CSV
 * (UTF-8 with BOM, GB18030 or GBK). Runs in the report worker; values arrive as plain data (money in 分, dates as text).
 *
 * No cell ever holds a formula: strings are written as strings (exceljs never turns a string into a formula), and in
 * CSV text that a spreadsheet would read as a formula (= + - @ tab CR LF first) gets a leading `'`.
 */
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { fenToDecimal } from '../../../shared/format';
import { encodeChinese } from '../platform/text-encoding';
import type { CsvEncoding } from '../../../shared/schemas/exports';

/**
 * How a column's values are written: `text` (an identifier: a text cell, never a number), `string`, `int`, `yuan`
 * and `wan` (values in 分, written in 元 or 万元), `percent` (a share, 0.123 → 12.3%), `date` (`YYYY-MM-DD`).
 */
export type ColumnKind = 'text' | 'string' | 'int' | 'yuan' | 'wan' | 'percent' | 'date';
export type CellValue = string | number | null;

/**
 * What a column says about the customer of its row, so every export narrows and masks row by row the same way:
 * `number` (the customer number: whose book the row is in), `name`, `balance` (an amount, or a figure that gives one
 * away: hidden from tellers), `idNumber` and `mobile` (masked unless exported in full).
 */
export type CustomerColumn = 'number' | 'name' | 'balance' | 'idNumber' | 'mobile';

export interface ReportColumn {
  header: string;
  width: number;
  kind: ColumnKind;
  /** Summed in the 合计 row. */
  sum?: boolean;
  customer?: CustomerColumn;
}

export interface SheetSpec {
  /** The sheet's tab (≤ 31 characters, none of `[]:*?/\`). */
  name: string;
  /** The title row: branch, report and month. */
  title: string;
  columns: ReportColumn[];
  /** The 合计 row's first cell (`{n}` = the number of rows); no 合计 row when absent. */
  totalLabel?: string;
}

export interface ReportFormat {
  format: 'xlsx' | 'csv';
  /** CSV only. */
  encoding: CsvEncoding;
}

/** What the writer was given, in order: a sheet begins, rows, the sheet ends; then the file is finished. */
interface Sink {
  begin(spec: SheetSpec): void;
  rows(rows: CellValue[][]): Promise<void> | void;
  end(totals: CellValue[] | null): void;
  finish(): Promise<void>;
}

const NUMBER_FORMATS: Record<ColumnKind, string | undefined> = {
  text: '@',
  string: undefined,
  int: '#,##0',
  yuan: '#,##0.00',
  wan: '#,##0.00',
  percent: '0.0%',
  date: 'yyyy-mm-dd',
};

/** A cell's value as exceljs writes it: money scaled to 元/万元, dates as real dates (UTC midnight, so Excel shows that day). */
function xlsxValue(kind: ColumnKind, value: CellValue): ExcelJS.CellValue {
  if (value === null) return null;
  switch (kind) {
    case 'yuan':
      return (value as number) / 100;
    case 'wan':
      return (value as number) / 1_000_000;
    case 'date':
      return new Date(`${value as string}T00:00:00Z`);
    case 'text':
    case 'string':
      return String(value);
    default:
      return value;
  }
}

class XlsxSink implements Sink {
  private readonly workbook: ExcelJS.stream.xlsx.WorkbookWriter;
  private sheet: ExcelJS.Worksheet | null = null;
  private kinds: ColumnKind[] = [];
  /** One style object per column, shared by its cells: exceljs resolves a style object it has seen at once. */
  private styles: Array<Partial<ExcelJS.Style>> = [];

  constructor(stream: Writable) {
    this.workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  }

  begin(spec: SheetSpec): void {
    const sheet = this.workbook.addWorksheet(spec.name, { views: [{ state: 'frozen', ySplit: 2 }] });
    sheet.columns = spec.columns.map((c) => ({ width: c.width }));
    this.styles = spec.columns.map((c) => {
      const numFmt = NUMBER_FORMATS[c.kind];
      return numFmt ? { numFmt } : {};
    });
    const title = sheet.addRow([spec.title]);
    title.font = { bold: true, size: 13 };
    if (spec.columns.length > 1) sheet.mergeCells(1, 1, 1, spec.columns.length);
    title.commit();
    const header = sheet.addRow(spec.columns.map((c) => c.header));
    header.font = { bold: true };
    header.alignment = { wrapText: true, vertical: 'middle' };
    header.commit();
    this.sheet = sheet;
    this.kinds = spec.columns.map((c) => c.kind);
  }

  rows(rows: CellValue[][]): void {
    const sheet = this.sheet as ExcelJS.Worksheet;
    const kinds = this.kinds;
    // Only the columns whose values change (money, dates, identifiers made text), in place: the rows are this writer's.
    const converted = kinds.flatMap((kind, i) =>
      kind === 'yuan' || kind === 'wan' || kind === 'date' || kind === 'text' ? [i] : [],
    );
    const styles = this.styles;
    const styleCell = (cell: ExcelJS.Cell, column: number) => (cell.style = styles[column - 1]);
    for (const row of rows as ExcelJS.CellValue[][]) {
      for (const i of converted) row[i] = xlsxValue(kinds[i], row[i] as CellValue);
      const added = sheet.addRow(row);
      added.eachCell(styleCell);
      added.commit();
    }
  }

  end(totals: CellValue[] | null): void {
    const sheet = this.sheet as ExcelJS.Worksheet;
    if (totals) {
      const row = sheet.addRow(totals.map((v, i) => (i === 0 ? v : xlsxValue(this.kinds[i], v))));
      row.eachCell((cell, column) => (cell.style = { ...this.styles[column - 1], font: { bold: true } }));
      row.commit();
    }
    sheet.commit();
  }

  async finish(): Promise<void> {
    await this.workbook.commit();
  }
}

/** Text a spreadsheet would take for a formula or a control: written after a `'`. */
const LIVE_START = /^[=+\-@\t\r\n]/;

/** A CSV field: quoted when it must be, and a leading = + - @ made plain text (a spreadsheet would run it). */
export function csvText(value: string): string {
  const text = LIVE_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function csvValue(kind: ColumnKind, value: CellValue): string {
  if (value === null) return '';
  switch (kind) {
    case 'yuan':
    case 'wan':
      return fenToDecimal(value as number, kind);
    case 'percent':
      return `${Number(((value as number) * 100).toFixed(2))}%`;
    case 'int':
      return String(value);
    default:
      return csvText(String(value));
  }
}

/** Sheets one after another; with `titles`, each opens with its title line and ends with a blank line. */
class CsvSink implements Sink {
  private kinds: ColumnKind[] = [];
  /** Characters the encoding cannot hold (GBK only), written as `?`. */
  unencodable = 0;

  constructor(
    private readonly stream: Writable,
    private readonly encoding: CsvEncoding,
    private readonly titles: boolean,
  ) {
    if (encoding === 'utf8') stream.write(Buffer.from([0xef, 0xbb, 0xbf]));
  }

  private async write(lines: string[]): Promise<void> {
    const text = lines.join('\r\n') + '\r\n';
    let bytes: Buffer;
    if (this.encoding !== 'utf8') {
      const encoded = encodeChinese(text, this.encoding);
      this.unencodable += encoded.unencodable;
      bytes = encoded.bytes;
    } else {
      bytes = Buffer.from(text, 'utf8');
    }
    if (!this.stream.write(bytes)) await new Promise((resolve) => this.stream.once('drain', resolve));
  }

  private line(row: CellValue[]): string {
    return row.map((v, i) => csvValue(this.kinds[i], v)).join(',');
  }

  begin(spec: SheetSpec): void {
    this.kinds = spec.columns.map((c) => c.kind);
    const header = spec.columns.map((c) => csvText(c.header)).join(',');
    void this.write(this.titles ? [csvText(spec.title), header] : [header]);
  }

  rows(rows: CellValue[][]): Promise<void> {
    return this.write(rows.map((row) => this.line(row)));
  }

  end(totals: CellValue[] | null): void {
    const lines = totals
      ? [[csvText(String(totals[0])), ...totals.slice(1).map((v, i) => csvValue(this.kinds[i + 1], v))].join(',')]
      : [];
    if (this.titles) lines.push('');
    if (lines.length > 0) void this.write(lines);
  }

  async finish(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.stream.once('error', reject);
      this.stream.end(resolve);
    });
  }
}

/**
 * Writes a report's sheets to `stream`: rows as they come, sums kept exactly (in 分) for the 合计 row. `titles`
 * (CSV only) puts each sheet's title line above its header (for reports of several sheets).
 */
export class ReportWriter {
  private readonly sink: Sink;
  private spec: SheetSpec | null = null;
  private sums: number[] = [];
  private count = 0;
  /** Rows written in all sheets. */
  rowsWritten = 0;

  constructor(stream: Writable, format: ReportFormat, titles: boolean) {
    this.sink = format.format === 'xlsx' ? new XlsxSink(stream) : new CsvSink(stream, format.encoding, titles);
  }

  begin(spec: SheetSpec): void {
    this.spec = spec;
    this.sums = spec.columns.map(() => 0);
    this.count = 0;
    this.sink.begin(spec);
  }

  async rows(rows: CellValue[][]): Promise<void> {
    const columns = (this.spec as SheetSpec).columns;
    for (let c = 0; c < columns.length; c++) {
      if (!columns[c].sum) continue;
      let sum = this.sums[c];
      for (const row of rows) sum += (row[c] as number | null) ?? 0;
      this.sums[c] = sum;
    }
    this.count += rows.length;
    this.rowsWritten += rows.length;
    await this.sink.rows(rows);
  }

  end(): void {
    const spec = this.spec as SheetSpec;
    const totals =
      spec.totalLabel === undefined
        ? null
        : spec.columns.map((c, i) =>
            i === 0 ? spec.totalLabel!.replace('{n}', String(this.count)) : c.sum ? this.sums[i] : null,
          );
    this.sink.end(totals);
  }

  /** Completes the file; resolves once every byte is handed to the stream. */
  async finish(): Promise<{ rows: number; unencodable: number }> {
    await this.sink.finish();
    return { rows: this.rowsWritten, unencodable: this.sink instanceof CsvSink ? this.sink.unencodable : 0 };
  }
}
