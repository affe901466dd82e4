import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Cell } from '../../electron/core/imports/import-cells';
import type { ImportRecord } from '../../electron/core/imports/import-rows';
import type { ParseSink } from '../../electron/core/imports/parse/parse-spreadsheet';
import type { PackedSink } from '../../electron/core/imports/parse-in-worker';
import { unpackRecords } from '../../electron/core/imports/packed-records';
import type { SheetRows } from '../../electron/core/imports/parse/read-workbook';
import { zipFile, type ZipEntrySpec } from '../fixtures/spreadsheets';

/** Every row of a sheet at once. */
export function allRows(sheet: SheetRows): Cell[][] {
  const rows: Cell[][] = [];
  sheet.forEachRow((row) => rows.push(row));
  return rows;
}

/** A parse sink that keeps what it is sent: the records, their batch sizes and the progress reports. */
export function collectingSink(): ParseSink & {
  all: ImportRecord[];
  batches: number[];
  progress: Array<[number, number]>;
} {
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

const RELATIONSHIP_TYPE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/';
const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** A worksheet part around the given `<row>` elements (written as they are, so tests can vary how tags are spelled). */
export function worksheetXml(rowsXml: string): string {
  return `${XML_DECLARATION}<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rowsXml}</sheetData></worksheet>`;
}

/** `<row>` elements of inline-string cells, the way some head-office exports write text without a shared-strings part. */
export function inlineStringRows(rows: string[][]): string {
  const column = (index: number) => String.fromCharCode(65 + index);
  return rows
    .map(
      (row, r) =>
        `<row r="${r + 1}">${row.map((text, c) => `<c r="${column(c)}${r + 1}" t="inlineStr"><is><t>${text}</t></is></c>`).join('')}</row>`,
    )
    .join('');
}

export interface HandWrittenSheet {
  name: string;
  /** Where the part sits in the zip. */
  path: string;
  /** What the workbook's relationship says (relative to the workbook's folder, or absolute with a leading `/`). */
  target: string;
  xml: string;
}

export interface HandWrittenWorkbook {
  sheets: HandWrittenSheet[];
  /** Where the workbook part sits (the package relationships name it); xl/workbook.xml by default. */
  workbookPath?: string;
  date1904?: boolean;
  /** How the workbook's relationship to each sheet is written, to vary quotes, attribute order or prefixes. */
  sheetRelationship?: (id: string, target: string) => string;
}

/** The parts of a minimal xlsx, so a test decides where the workbook and its sheets sit and how their relationships are spelled. */
export function handWrittenXlsxParts(workbook: HandWrittenWorkbook): ZipEntrySpec[] {
  const workbookPath = workbook.workbookPath ?? 'xl/workbook.xml';
  const sheetRelationship =
    workbook.sheetRelationship ??
    ((id, target) => `<Relationship Id="${id}" Type="${RELATIONSHIP_TYPE}worksheet" Target="${target}"/>`);
  const relationships = (elements: string[]) =>
    `${XML_DECLARATION}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${elements.join('')}</Relationships>`;
  const file = workbookPath.lastIndexOf('/') + 1;
  const workbookXml =
    `${XML_DECLARATION}<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${RELATIONSHIP_TYPE.slice(0, -1)}">` +
    `<workbookPr${workbook.date1904 ? ' date1904="1"' : ''}/><sheets>${workbook.sheets.map((sheet, i) => `<sheet name="${sheet.name}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets></workbook>`;
  const part = (name: string, text: string) => ({ name, data: Buffer.from(text, 'utf8') });
  return [
    part(
      '_rels/.rels',
      relationships([`<Relationship Id="rId1" Type="${RELATIONSHIP_TYPE}officeDocument" Target="${workbookPath}"/>`]),
    ),
    part(workbookPath, workbookXml),
    part(
      `${workbookPath.slice(0, file)}_rels/${workbookPath.slice(file)}.rels`,
      relationships(workbook.sheets.map((sheet, i) => sheetRelationship(`rId${i + 1}`, sheet.target))),
    ),
    ...workbook.sheets.map((sheet) => part(sheet.path, sheet.xml)),
  ];
}

/** A minimal xlsx written part by part (see `handWrittenXlsxParts`). */
export function handWrittenXlsx(workbook: HandWrittenWorkbook): Buffer {
  return zipFile(handWrittenXlsxParts(workbook));
}

/** An xlsx from exceljs's in-memory writer: sizes in every local header, folders listed as entries of their own. */
export async function excelJsXlsx(sheetName: string, rows: unknown[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet(sheetName).addRows(rows);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** An xlsx from exceljs's streaming writer, as the app's own exports are written: each part's CRC and sizes in a data descriptor after its data. */
export async function streamedXlsx(sheetName: string, rows: unknown[][]): Promise<Buffer> {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(sheetName);
  for (const row of rows) sheet.addRow(row).commit();
  sheet.commit();
  await workbook.commit();
  return Buffer.concat(chunks);
}

/** Where each central-directory record of a zip starts, how long it is and what it names, and where the end record sits. */
function directoryRecords(zip: Buffer): { end: number; records: Array<{ at: number; length: number; name: string }> } {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const records: Array<{ at: number; length: number; name: string }> = [];
  for (let at = zip.readUInt32LE(end + 16); records.length < zip.readUInt16LE(end + 10);) {
    const nameLength = zip.readUInt16LE(at + 28);
    const length = 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    records.push({ at, length, name: zip.toString('utf8', at + 46, at + 46 + nameLength) });
    at += length;
  }
  return { end, records };
}

/** A copy of `zip` whose directory calls entry `from` by `to` (as long in bytes) while its local header still says `from`: one zip, read two ways. */
export function renamedInDirectoryOnly(zip: Buffer, from: string, to: string): Buffer {
  const record = directoryRecords(zip).records.find((candidate) => candidate.name === from);
  if (!record || Buffer.byteLength(to) !== Buffer.byteLength(from))
    throw new Error(`no entry ${from}, or ${to} is not as long`);
  const copy = Buffer.from(zip);
  copy.write(to, record.at + 46);
  return copy;
}

/** A copy of `zip` without the directory record of its `index`th entry: the entry stays where it is, listed nowhere. */
export function withUnlistedEntry(zip: Buffer, index: number): Buffer {
  const { end, records } = directoryRecords(zip);
  const { at, length } = records[index];
  const copy = Buffer.concat([zip.subarray(0, at), zip.subarray(at + length)]);
  copy.writeUInt16LE(records.length - 1, end - length + 8);
  copy.writeUInt16LE(records.length - 1, end - length + 10);
  copy.writeUInt32LE(zip.readUInt32LE(end + 12) - length, end - length + 12);
  return copy;
}
