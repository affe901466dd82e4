import { PassThrough } from 'node:stream';
import { inflateRawSync } from 'node:zlib';
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

export const RELATIONSHIP_TYPE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/';
const MAIN_NAMESPACE = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** A worksheet part around the given `<row>` elements (written as they are, so tests can vary how tags are spelled). */
export function worksheetXml(rowsXml: string): string {
  return `${XML_DECLARATION}<worksheet xmlns="${MAIN_NAMESPACE}"><sheetData>${rowsXml}</sheetData></worksheet>`;
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
  /** The workbook's relationship type to it: a worksheet unless said. */
  type?: string;
}

export interface HandWrittenWorkbook {
  sheets: HandWrittenSheet[];
  /** Where the workbook part sits (the package relationships name it); xl/workbook.xml by default. */
  workbookPath?: string;
  date1904?: boolean;
  /** How the workbook's relationship to each sheet is written, to vary quotes, attribute order or prefixes. */
  sheetRelationship?: (id: string, target: string, type: string) => string;
}

/** The parts of a minimal xlsx, so a test decides where the workbook and its sheets sit and how their relationships are spelled. */
export function handWrittenXlsxParts(workbook: HandWrittenWorkbook): ZipEntrySpec[] {
  const workbookPath = workbook.workbookPath ?? 'xl/workbook.xml';
  const sheetRelationship =
    workbook.sheetRelationship ??
    ((id, target, type) => `<Relationship Id="${id}" Type="${type}" Target="${target}"/>`);
  const relationships = (elements: string[]) =>
    `${XML_DECLARATION}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${elements.join('')}</Relationships>`;
  const file = workbookPath.lastIndexOf('/') + 1;
  const workbookXml =
    `${XML_DECLARATION}<workbook xmlns="${MAIN_NAMESPACE}" xmlns:r="${RELATIONSHIP_TYPE.slice(0, -1)}">` +
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
      relationships(
        workbook.sheets.map((sheet, i) =>
          sheetRelationship(`rId${i + 1}`, sheet.target, sheet.type ?? `${RELATIONSHIP_TYPE}worksheet`),
        ),
      ),
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

/** The parts of a zip as the directory lists them, inflated: to write it again with some changed. */
export function zipParts(zip: Buffer): ZipEntrySpec[] {
  return directoryRecords(zip).records.map(({ at, name }) => {
    const local = zip.readUInt32LE(at + 42);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = zip.subarray(start, start + zip.readUInt32LE(at + 20));
    return { name, data: zip.readUInt16LE(at + 10) === 8 ? inflateRawSync(data) : Buffer.from(data) };
  });
}

/** The zip written again with the given parts in place of those of the same name. */
export function withParts(zip: Buffer, replacements: ZipEntrySpec[]): Buffer {
  return zipFile(zipParts(zip).map((part) => replacements.find((r) => r.name === part.name) ?? part));
}

/** A BIFF12 part (an xlsb's sheet) written record by record: each its type and fields. */
export function biff12(records: Array<[type: number, fields: Buffer]>): Buffer {
  const varint = (value: number, maxBytes: number) => {
    const bytes: number[] = [];
    do {
      bytes.push((value & 0x7f) | (value > 0x7f && bytes.length < maxBytes - 1 ? 0x80 : 0));
      value >>>= 7;
    } while (value > 0 && bytes.length < maxBytes);
    return bytes;
  };
  return Buffer.concat(
    records.flatMap(([type, fields]) => [Buffer.from([...varint(type, 2), ...varint(fields.length, 4)]), fields]),
  );
}

const uint32s = (...values: number[]) => {
  const bytes = Buffer.alloc(4 * values.length);
  values.forEach((value, i) => bytes.writeUInt32LE(value, 4 * i));
  return bytes;
};

/** The BIFF12 records of an xlsb sheet that say where its cells are (rows and columns 0-based, as the format counts them). */
export const xlsbRecords = {
  rowHeader: (row: number): [number, Buffer] => [0x0000, Buffer.concat([uint32s(row), Buffer.alloc(13)])],
  number: (column: number, value: number): [number, Buffer] => {
    const fields = Buffer.alloc(16);
    fields.writeUInt32LE(column, 0);
    fields.writeDoubleLE(value, 8);
    return [0x0005, fields];
  },
  shortNumber: (value: number): [number, Buffer] => {
    const fields = Buffer.alloc(12);
    fields.writeDoubleLE(value, 4);
    return [0x0010, fields];
  },
  /** A hyperlink over a range, to nowhere (no relationship, no location). */
  hyperlink: (firstRow: number, lastRow: number, firstColumn: number, lastColumn: number): [number, Buffer] => [
    0x01ee,
    Buffer.concat([uint32s(firstRow, lastRow, firstColumn, lastColumn), uint32s(0xffffffff, 0, 0, 0)]),
  ],
};

/**
 * A macro workbook as Excel writes one with every kind of sheet: a chart sheet, an Excel 4 macro sheet (cells of
 * formulas) and a dialog sheet, before the worksheet of `rows` (inline strings) named `sheetName`.
 */
export function macroWorkbookXlsm(sheetName: string, rows: string[][]): Buffer {
  const sheet = (kind: string, name: string, type: string, xml: string) => ({
    name,
    path: `xl/${kind}s/sheet1.xml`,
    target: `${kind}s/sheet1.xml`,
    type,
    xml: `${XML_DECLARATION}${xml}`,
  });
  return handWrittenXlsx({
    sheets: [
      sheet(
        'chartsheet',
        '图表1',
        `${RELATIONSHIP_TYPE}chartsheet`,
        `<chartsheet xmlns="${MAIN_NAMESPACE}"><sheetViews><sheetView workbookViewId="0"/></sheetViews></chartsheet>`,
      ),
      sheet(
        'macrosheet',
        'Macro1',
        'http://schemas.microsoft.com/office/2006/relationships/xlMacrosheet',
        `<xm:macrosheet xmlns="${MAIN_NAMESPACE}" xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main"><sheetData><row r="1"><c r="A1" t="b"><f>RETURN(TRUE)</f><v>1</v></c></row></sheetData></xm:macrosheet>`,
      ),
      sheet(
        'dialogsheet',
        'Dialog1',
        `${RELATIONSHIP_TYPE}dialogsheet`,
        `<dialogsheet xmlns="${MAIN_NAMESPACE}"><sheetViews><sheetView workbookViewId="0"/></sheetViews></dialogsheet>`,
      ),
      {
        name: sheetName,
        path: 'xl/worksheets/sheet1.xml',
        target: 'worksheets/sheet1.xml',
        xml: worksheetXml(inlineStringRows(rows)),
      },
    ],
  });
}
