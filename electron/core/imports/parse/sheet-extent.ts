/**
 * How far a worksheet reaches once the xlsx reader (`read-xlsx.ts`) has laid it out, measured from the sheet's XML
 * before that reader builds anything. Its memory grows with the row and column numbers a sheet names, not with the
 * sheet's bytes: it fills in the rows a sheet skips and pads every row out to the rightmost cell. So the sheet is
 * measured by rules that never count less than the reader lays out (how it numbers rows, reads a reference, and
 * a second `<sheetData>` counted as more rows), tags found as its scanner finds them (`markupEnd`). The reader
 * counts its rows and columns again as it reads, and keeps no more rows than the limit allows meanwhile.
 */
import { closingQuote, decodeXmlEntities, markupEnd } from './zip-xml';

/** How far a sheet reaches once the workbook reader has laid it out. */
export interface SheetExtent {
  /** The sheet's part, as the zip names it. */
  part: string;
  /** Rows the reader builds, the empty ones it fills in for skipped row numbers included. */
  rows: number;
  /** The rightmost column a cell names: the reader pads every row out to it. */
  columns: number;
  /** Cells an xlsb's hyperlink ranges make SheetJS fill in one by one. */
  linkedCells?: number;
}

// Declared here, not imported from zip-xml: under the test runner an imported binding is a getter, and these are read for every byte.
const LESS_THAN = 0x3c;
const GREATER_THAN = 0x3e;
const SLASH = 0x2f;
const COLON = 0x3a;
const EQUALS = 0x3d;
const QUOTE = 0x22;
const APOSTROPHE = 0x27;
const AMPERSAND = 0x26;
const DIGIT_0 = 0x30;
const DIGIT_9 = 0x39;

/**
 * How many rows and columns the workbook reader lays out for a sheet. It builds a row for each `<row>`,
 * fills in empty rows up to a row's number (its `r`, or in a row without one, its first cell's row), and
 * pads every row out to the rightmost cell — so 1 KB of XML can name row 1,100,000 or column XFD. Rows
 * are counted as it counts them: each one the next row, or its own number when that is higher, a row's
 * number taken as the highest of its `r` and its cells' rows. A `<sheetData>` starts its count afresh
 * while keeping the rows it has already passed on, so each run of rows is added to the ones before.
 * Tags are found as its XML parser finds them (see `markupEnd`), in one pass over the bytes.
 */
export function measureSheet(xml: Buffer): { rows: number; columns: number } {
  /** Rows of the `<sheetData>` runs before this one. */
  let earlier = 0;
  let rows = 0;
  /** The open row's number so far; -1 before the run's first row. */
  let open = -1;
  let highest = 0;
  let columns = 0;
  for (let at = 0; at < xml.length; at++) {
    if (xml[at] !== LESS_THAN) continue;
    const tagStart = at;
    at = markupEnd(xml, tagStart);
    const nameEnd = elementNameEnd(xml, tagStart + 1);
    const element = elementName(xml, tagStart + 1, nameEnd);
    if (element === null) continue;
    if (element !== 'c') {
      // A new row, or a new run, closes the open row.
      if (open >= 0) rows = Math.max(rows + 1, open);
      open = -1;
    }
    if (element === 'sheetData') {
      earlier += rows;
      rows = 0;
      continue;
    }
    if (element === 'row') open = 0;
    for (let value = referenceValueAfter(xml, nameEnd, at); value >= 0; value = referenceValueAfter(xml, value, at)) {
      const valueEnd = closingQuote(xml, value, at);
      const row = element === 'row' ? numberAsRead(xml, value, valueEnd) : cellRow(xml, value, valueEnd);
      highest = Math.max(highest, row);
      if (open >= 0) open = Math.max(open, row);
      if (element === 'c') columns = Math.max(columns, cellColumn(xml, value, valueEnd));
    }
  }
  if (open >= 0) rows = Math.max(rows + 1, open);
  return { rows: Math.max(earlier + rows, highest), columns };
}

/** Where the element name starting at `start` ends (letters, digits, `.`, `-`, `_`, `:` — what the reader's parser takes for a name). */
function elementNameEnd(xml: Buffer, start: number): number {
  let at = start;
  for (
    let byte = xml[at];
    (byte >= 0x61 && byte <= 0x7a) ||
    (byte >= 0x41 && byte <= 0x5a) ||
    (byte >= 0x2d && byte <= COLON && byte !== SLASH) ||
    byte === 0x5f;
    byte = xml[++at]
  );
  return at;
}

const SHEET_DATA = Buffer.from('sheetData');

/** `row`, `c` or `sheetData` when the name in [start, end) is one of them once a prefix up to its first colon is set aside, as the reader sets it aside. */
function elementName(xml: Buffer, start: number, end: number): 'row' | 'c' | 'sheetData' | null {
  const next = xml[end];
  if (!(isSpace(next) || next === SLASH || next === GREATER_THAN)) return null;
  let local = start;
  while (local < end && xml[local] !== COLON) local++;
  local = local < end ? local + 1 : start;
  const length = end - local;
  if (length === 1 && xml[local] === 0x63) return 'c';
  if (length === 3 && xml[local] === 0x72 && xml[local + 1] === 0x6f && xml[local + 2] === 0x77) return 'row';
  if (length === SHEET_DATA.length && xml.compare(SHEET_DATA, 0, length, local, end) === 0) return 'sheetData';
  return null;
}

/** Whitespace as XML parsers end a name on it: space, tab, LF, VT, FF, CR. */
function isSpace(byte: number | undefined): boolean {
  return byte !== undefined && (byte === 0x20 || (byte >= 0x09 && byte <= 0x0d));
}

/**
 * Where the next `r="…"` value (either quote, any prefix) starts after `from`, closing before the tag's
 * `end`; -1 when there is none. Looked for everywhere in the tag, quoted values too, so that no `r` the
 * reader takes is missed, whatever it makes of a malformed tag.
 */
function referenceValueAfter(xml: Buffer, from: number, end: number): number {
  for (let at = from; at + 3 < end; at++) {
    if (xml[at + 1] !== 0x72 || xml[at + 2] !== EQUALS || !(isSpace(xml[at]) || xml[at] === COLON)) continue;
    if ((xml[at + 3] === QUOTE || xml[at + 3] === APOSTROPHE) && closingQuote(xml, at + 4, end) < end) return at + 4;
  }
  return -1;
}

/** A row's `r` as the reader reads it, `Number(value)` once character references are decoded ("1e6", "&#49;", " 7 " all count); 0 when it reads none. */
function numberAsRead(xml: Buffer, start: number, end: number): number {
  let number = 0;
  for (let at = start; at < end; at++) {
    if (xml[at] < DIGIT_0 || xml[at] > DIGIT_9)
      return positiveNumber(decodeXmlEntities(xml.toString('utf8', start, end)));
    number = number * 10 + xml[at] - DIGIT_0;
  }
  return number;
}

/** The row of a cell reference as the reader reads it: the number from its first digit on. */
function cellRow(xml: Buffer, start: number, end: number): number {
  for (let at = start; at < end; at++) {
    if (xml[at] === AMPERSAND || xml[at] >= 0x80)
      return referenceAsRead(decodeXmlEntities(xml.toString('utf8', start, end))).row;
    if (xml[at] >= DIGIT_0 && xml[at] <= DIGIT_9) return numberAsRead(xml, at, end);
  }
  return 0;
}

/** The column of a cell reference as the reader reads it ("XFD1" → 16,384): every character before the first digit counts as a letter. */
function cellColumn(xml: Buffer, start: number, end: number): number {
  let column = 0;
  for (let at = start; at < end; at++) {
    if (xml[at] === AMPERSAND || xml[at] >= 0x80)
      return referenceAsRead(decodeXmlEntities(xml.toString('utf8', start, end))).column;
    if (xml[at] >= DIGIT_0 && xml[at] <= DIGIT_9) return column;
    column = column * 26 + xml[at] - 64;
  }
  return 0;
}

/** A decoded cell reference as the reader reads it (its `parseCellAddress`); zeros when it would refuse it. */
function referenceAsRead(reference: string): { row: number; column: number } {
  let column = 0;
  for (let i = 0; i < reference.length; i++) {
    const code = reference.charCodeAt(i);
    if (code >= DIGIT_0 && code <= DIGIT_9) return { row: positiveNumber(reference.slice(i)), column };
    column = column * 26 + code - 64;
  }
  return { row: 0, column: 0 };
}

/** `Number(text)` as a count of rows: rounded up, 0 when it is not a positive number. */
function positiveNumber(text: string): number {
  return Math.max(0, Math.ceil(Number(text))) || 0;
}
