/**
 * The xlsx reader: the workbook's sheets, shared strings and styles read by scanning their XML bytes once
 * (`xml-scan.ts`), no DOM and no string of a whole part. Cells come out as the import reads them (`Cell`): text
 * trimmed (empty is null), numbers as the exact text the file wrote, booleans as TRUE/FALSE, dates by their cell's
 * number format (1900 or 1904 date system), error values and formulas without a cached value empty.
 */
import type { Cell } from '../import-cells';
import { forEachAttribute, scanXml, spells, textOf } from './xml-scan';
import { readDateStyles } from './xlsx-styles';
import { rejected, type ZipPackage } from './zip-guard';
import { findWorkbookParts, relationshipsOf } from './zip-relationships';

/** A worksheet as read: its rows up to the limit (holes for empty rows), how many it has, and how wide it is. */
export interface XlsxSheet {
  name: string;
  /** The sheet's part in the zip. */
  part: string;
  /** The rows read, at most the limit's: a hole, or a row shorter than `width`, is empty to its end. */
  rows: Array<Cell[] | undefined>;
  /** Rows up to the last that holds a value (or every row, when one is numbered past that). */
  rowCount: number;
  /** Up to the rightmost column holding a value. */
  width: number;
}

const ROW = 1;
const C = 2;
const V = 3;
const IS = 4;
const T = 5;
const R = 6;
const RPH = 7;
const SHEET_DATA = 8;
const SI = 9;
const SHEET = 10;

/** The elements the reader looks at, by their local name; 0 for any other. */
function elementCode(xml: Buffer, start: number, end: number): number {
  if (end - start === 1) {
    const byte = xml[start];
    return byte === 0x63 ? C : byte === 0x76 ? V : byte === 0x74 ? T : byte === 0x72 ? R : 0;
  }
  if (spells(xml, start, end, 'row')) return ROW;
  if (spells(xml, start, end, 'is')) return IS;
  if (spells(xml, start, end, 'si')) return SI;
  if (spells(xml, start, end, 'rPh')) return RPH;
  if (spells(xml, start, end, 'sheet')) return SHEET;
  if (spells(xml, start, end, 'sheetData')) return SHEET_DATA;
  return 0;
}

/** Decodes Excel's `_xHHHH_` escapes (characters XML cannot hold), left to right; `_x005F_` escapes the underscore. */
function unescapeXlsx(text: string): string {
  return text.includes('_x')
    ? text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    : text;
}

/** Text as a cell holds it: trimmed, null when empty. */
function textCell(text: string): string | null {
  const trimmed = text.trim();
  return trimmed === '' ? null : trimmed;
}

/**
 * The shared strings (each `<si>`: its `<t>`, or its rich-text runs' `<t>` joined; phonetic runs left out), as
 * cells, and how many there are.
 */
function readSharedStrings(xml: Buffer | undefined): Array<string | null> {
  const strings: Array<string | null> = [];
  if (!xml) return strings;
  let inItem = false;
  let inText = false;
  let inRun = false;
  let inPhonetic = false;
  let text = '';
  scanXml(xml, 0, elementCode, {
    open: (element) => {
      if (element === SI) [inItem, inText, inRun, inPhonetic, text] = [true, false, false, false, ''];
      else if (element === T) inText = inItem;
      else if (element === R) inRun = inItem;
      else if (element === RPH) inPhonetic = inItem;
    },
    close: (element) => {
      if (element === SI && inItem) {
        strings.push(textCell(unescapeXlsx(text)));
        inItem = false;
      } else if (element === T) inText = false;
      else if (element === R) inRun = false;
      else if (element === RPH) inPhonetic = false;
    },
    text: (start, end) => {
      if (!inItem || inPhonetic || !inText) return;
      text = inRun ? text + textOf(xml, start, end) : textOf(xml, start, end);
    },
  });
  return strings;
}

/** Cell types (`t`): number (the default), shared string, formula text, inline string, boolean, error, ISO date. */
const NUMBER = 0;
const SHARED = 1;
const FORMULA_TEXT = 2;
const INLINE = 3;
const BOOLEAN = 4;
const ERROR = 5;
const ISO_DATE = 6;
const UNKNOWN = 7;

function cellType(xml: Buffer, start: number, end: number): number {
  if (end === start || spells(xml, start, end, 'n')) return NUMBER;
  if (spells(xml, start, end, 's')) return SHARED;
  if (spells(xml, start, end, 'str')) return FORMULA_TEXT;
  if (spells(xml, start, end, 'inlineStr')) return INLINE;
  if (spells(xml, start, end, 'b')) return BOOLEAN;
  if (spells(xml, start, end, 'e')) return ERROR;
  if (spells(xml, start, end, 'd')) return ISO_DATE;
  return UNKNOWN;
}

/** A whole number written in plain digits (at most 15 of them), or -1: anything else is read as `Number` reads it. */
function digitsAt(xml: Buffer, start: number, end: number): number {
  if (end === start || end - start > 15) return -1;
  let number = 0;
  for (let at = start; at < end; at++) {
    const digit = xml[at] - 0x30;
    if (digit < 0 || digit > 9) return -1;
    number = number * 10 + digit;
  }
  return number;
}

/** `Number` of the bytes' text: plain digits read in place. */
function numberAt(xml: Buffer, start: number, end: number): number {
  const digits = digitsAt(xml, start, end);
  return digits >= 0 ? digits : Number(textOf(xml, start, end));
}

/** A cell reference (`AB12`): its column (letters before the first digit, A = 1) and row; null when it has no row. */
function cellAddress(reference: string): { row: number; column: number } | null {
  let column = 0;
  for (let i = 0; i < reference.length; i++) {
    const code = reference.charCodeAt(i);
    if (code >= 0x30 && code <= 0x39) {
      const row = Number(reference.slice(i));
      return Number.isNaN(row) ? null : { row, column };
    }
    column = column * 26 + code - 64;
  }
  return null;
}

/** Excel's letters for a 1-based column (1 → A, 27 → AA). */
export function columnLetters(column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26))
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/** Milliseconds of an Excel serial date (days since 1900-01-00, with Excel's 29 February 1900; or since 1904-01-01). */
function excelDate(serial: number, date1904: boolean): Date {
  const days = date1904 ? serial + 1462 : serial;
  return new Date(Math.floor((days - 25_569) * 86_400_000));
}

interface SheetContext {
  /** The shared strings as cells. */
  shared: Array<string | null>;
  /** Whether each cell style shows numbers as dates. */
  dateStyles: boolean[];
  date1904: boolean;
  /** Rows kept at most (the rest only counted). */
  maxRows: number;
  /** The file refused at a cell (1-based row and column), saying why. */
  refuse(row: number, column: number, why: string, whyEn: string): never;
}

/**
 * Reads a worksheet's `<sheetData>`. Rows are placed by their number (`r`, else their first cell's row, else the row
 * after the one before), empty rows filling the gaps; cells by their reference (`r`, else the column after the cell
 * before). Rows and cells out of order, and cells whose value cannot be what their type says, refuse the file.
 */
function readSheet(xml: Buffer, context: SheetContext): Omit<XlsxSheet, 'name' | 'part'> {
  const { shared, dateStyles, date1904, maxRows, refuse } = context;
  const rows: Array<Cell[] | undefined> = [];
  /** Rows laid out so far (kept or only counted). */
  let count = 0;
  /** The highest row number met, and the number of the last row holding a value. */
  let numbered = 0;
  let lastWithData = 0;
  let width = 0;
  let inData = false;

  // The open row: its number so far (0: not yet known) and its cells.
  let row: Cell[] | null = null;
  let rowNumber = 0;
  // The last cell placed, anywhere: cells come in order.
  let cursorRow = 0;
  let cursorColumn = 0;

  // The open cell: where it is, its type and style, its value (bytes, or the inline string).
  let inCell = false;
  let cellRow = 0;
  let cellColumn = 0;
  let type = NUMBER;
  let styleStart = -1;
  let styleEnd = -1;
  let valueStart = -1;
  let valueEnd = -1;
  let inValue = false;
  let inline: string | null = null;
  let inInline = false;
  let inText = false;
  let inRun = false;
  let inPhonetic = false;

  const rowAttribute = (nameStart: number, nameEnd: number, from: number, to: number) => {
    if (nameEnd - nameStart === 1 && xml[nameStart] === 0x72 && to > from) rowNumber = numberAt(xml, from, to) || 0;
  };
  const openRow = (start: number, end: number) => {
    row = [];
    rowNumber = 0;
    forEachAttribute(xml, start, end, rowAttribute);
  };

  const closeRow = () => {
    const cells = row as Cell[];
    row = null;
    if (rowNumber) {
      if (rowNumber <= count)
        refuse(rowNumber, 1, `行号 ${rowNumber} 排在第 ${count} 行之后`, `row ${rowNumber} follows row ${count}`);
      // Empty rows up to this one (only counted past the limit).
      const gap = Math.ceil(rowNumber - 1 - count);
      for (let i = 0; i < gap && count + i < maxRows; i++) rows.push(undefined);
      count += gap;
    }
    if (count < maxRows) rows.push(cells);
    count++;
    if (cells.length > 0) lastWithData = rowNumber;
    numbered = Math.max(numbered, rowNumber);
  };

  // The open cell's reference: 0 when it has none, -1 when it names no cell.
  let referenceRow = 0;
  let referenceColumn = 0;
  const cellAttribute = (nameStart: number, nameEnd: number, from: number, to: number) => {
    if (nameEnd - nameStart !== 1) return;
    const name = xml[nameStart];
    if (name === 0x74) type = cellType(xml, from, to);
    else if (name === 0x73) [styleStart, styleEnd] = [from, to];
    else if (name === 0x72) {
      // Letters, then digits: read in place; anything else as `cellAddress` reads its text.
      let column = 0;
      let at = from;
      for (let byte = xml[at]; at < to && byte >= 0x41 && byte <= 0x5a; byte = xml[++at])
        column = column * 26 + byte - 64;
      const row = at > from ? digitsAt(xml, at, to) : -1;
      const address = row >= 0 ? { row, column } : cellAddress(textOf(xml, from, to));
      [referenceRow, referenceColumn] = address ? [address.row, address.column] : [-1, -1];
    }
  };
  const openCell = (start: number, end: number) => {
    inCell = true;
    type = NUMBER;
    styleStart = styleEnd = valueStart = valueEnd = -1;
    inValue = inInline = inText = inRun = inPhonetic = false;
    inline = null;
    referenceRow = referenceColumn = 0;
    forEachAttribute(xml, start, end, cellAttribute);
    // Without a reference: the cell after the one before in this row.
    const here = rowNumber || count + 1;
    const next = cursorRow === here ? cursorColumn + 1 : 1;
    if (referenceRow < 0) refuse(here, next, '单元格引用无效', 'invalid cell reference');
    [cellRow, cellColumn] =
      referenceRow === 0 && referenceColumn === 0 ? [here, next] : [referenceRow, referenceColumn];
  };

  /** The open cell's value as the import reads it; undefined when its type says one thing and its value another. */
  const cellValue = (): Cell | undefined => {
    const hasValue = valueEnd > valueStart;
    switch (type) {
      case FORMULA_TEXT:
        return hasValue ? textCell(unescapeXlsx(textOf(xml, valueStart, valueEnd))) : null;
      case INLINE:
        return inline === null ? null : textCell(unescapeXlsx(inline));
      case SHARED: {
        if (!hasValue) return null;
        const index = numberAt(xml, valueStart, valueEnd);
        return Number.isInteger(index) && index >= 0 && index < shared.length ? shared[index] : undefined;
      }
      case BOOLEAN: {
        if (!hasValue) return null;
        const flag = textOf(xml, valueStart, valueEnd);
        return flag === '1' ? 'TRUE' : flag === '0' ? 'FALSE' : undefined;
      }
      case ERROR:
        return null;
      case ISO_DATE: {
        if (!hasValue) return null;
        const date = new Date(textOf(xml, valueStart, valueEnd));
        return Number.isNaN(date.getTime()) ? undefined : date;
      }
      case NUMBER: {
        if (!hasValue) return null;
        if (styleEnd > styleStart) {
          const style = numberAt(xml, styleStart, styleEnd);
          if (!(Number.isInteger(style) && style >= 0 && style < dateStyles.length)) return undefined;
          if (dateStyles[style]) {
            const serial = numberAt(xml, valueStart, valueEnd);
            return Number.isNaN(serial) ? undefined : excelDate(serial, date1904);
          }
        }
        return { number: textOf(xml, valueStart, valueEnd) };
      }
      default:
        return undefined;
    }
  };

  const closeCell = () => {
    inCell = false;
    if (cellRow < cursorRow || (cellRow === cursorRow && cellColumn <= cursorColumn))
      refuse(cellRow, cellColumn, '单元格顺序错乱', 'cells out of order');
    [cursorRow, cursorColumn] = [cellRow, cellColumn];
    rowNumber ||= cellRow;
    const value = cellValue();
    if (value === undefined)
      return refuse(cellRow, cellColumn, '单元格的值与其类型不符', "the cell's value does not match its type");
    // A date past what a Date holds is empty, yet still a value where the rows and columns end.
    const invalidDate = value instanceof Date && Number.isNaN(value.getTime());
    if (value === null && !invalidDate) return;
    const cells = row as Cell[];
    while (cells.length < cellColumn - 1) cells.push(null);
    cells.push(invalidDate ? null : value);
    width = Math.max(width, cellColumn);
  };

  scanXml(xml, 0, elementCode, {
    open: (element, start, end) => {
      if (element === SHEET_DATA) inData = true;
      if (!inData) return;
      if (element === ROW) openRow(start, end);
      else if (element === C) {
        if (row !== null) openCell(start, end);
      } else if (!inCell) return;
      else if (element === V) {
        inValue = true;
        [valueStart, valueEnd] = [end + 1, end + 1];
      } else if (element === IS) [inInline, inline] = [true, ''];
      else if (element === T) inText = true;
      else if (element === R) inRun = true;
      else if (element === RPH) inPhonetic = true;
    },
    close: (element) => {
      if (!inData) return;
      if (element === ROW && row !== null) closeRow();
      else if (!inCell) return;
      else if (element === C) closeCell();
      else if (element === V) inValue = false;
      else if (element === IS) inInline = false;
      else if (element === T) inText = false;
      else if (element === R) inRun = false;
      else if (element === RPH) inPhonetic = false;
    },
    text: (start, end) => {
      if (!inCell) return;
      // A value's text is its last run of text (a comment inside splits it); an inline string's, its runs joined.
      if (inValue) [valueStart, valueEnd] = [start, end];
      else if (inInline && inText && !inPhonetic) {
        const text = textOf(xml, start, end);
        inline = inRun ? inline + text : text;
      }
    },
  });
  // Empty rows after the last with a value are no rows, unless a row numbered past it came unnumbered later.
  return { rows, rowCount: lastWithData < numbered ? lastWithData : count, width };
}

const WORKSHEET = /\/worksheet$/;
const SHARED_STRINGS = /\/sharedStrings$/;
const STYLES = /\/styles$/;

/**
 * Reads every worksheet of a guarded xlsx (chart, dialog and macro sheets hold no table and are passed over), in the
 * workbook's order. Throws IMPORT_REJECTED naming the sheet and cell a value cannot be read from; an Error for a
 * workbook whose parts are missing.
 */
export function readXlsxSheets(
  zip: ZipPackage,
  fileName: string,
  { date1904, maxRows }: { date1904: boolean; maxRows: number },
): XlsxSheet[] {
  const workbook = findWorkbookParts(zip.read).part;
  const workbookXml = zip.read(workbook);
  if (!workbookXml) throw new Error(`no workbook part ${workbook}`);
  const relationships = relationshipsOf(zip.read, workbook);
  const target = (type: RegExp) => relationships.find((r) => r.types.some((t) => type.test(t)))?.targets[0];
  const worksheets = new Map<string, string>();
  for (const relationship of relationships)
    if (relationship.types.some((t) => WORKSHEET.test(t)))
      for (const id of relationship.ids) worksheets.set(id, relationship.targets[0]);

  const shared = readSharedStrings(zip.read(target(SHARED_STRINGS) ?? 'xl/sharedstrings.xml'));
  const dateStyles = readDateStyles(zip.read(target(STYLES) ?? 'xl/styles.xml'));

  const sheets: XlsxSheet[] = [];
  for (const { name, id } of sheetsOf(workbookXml)) {
    const part = worksheets.get(id);
    if (part === undefined) continue;
    const xml = zip.read(part);
    if (!xml) throw new Error(`no sheet part ${part}`);
    const refuse = (row: number, column: number, why: string, whyEn: string): never => {
      const cell = `${columnLetters(column)}${row}`;
      throw rejected(
        `文件“${fileName}”工作表“${name}”第 ${row} 行 ${cell} 单元格：${why}`,
        `"${fileName}", sheet "${name}", row ${row}, cell ${cell}: ${whyEn}`,
        { sheet: name, row, cell },
      );
    };
    sheets.push({ name, part, ...readSheet(xml, { shared, dateStyles, date1904, maxRows, refuse }) });
  }
  return sheets;
}

/** The workbook's sheets in order: each `<sheet>` with a name, and the relationship naming its part. */
function sheetsOf(xml: Buffer): Array<{ name: string; id: string }> {
  const sheets: Array<{ name: string; id: string }> = [];
  scanXml(xml, 0, elementCode, {
    open: (element, start, end) => {
      if (element !== SHEET) return;
      const sheet = { name: '', id: '' };
      forEachAttribute(xml, start, end, (nameStart, nameEnd, from, to) => {
        if (spells(xml, nameStart, nameEnd, 'name')) sheet.name = unescapeXlsx(textOf(xml, from, to));
        else if (spells(xml, nameStart, nameEnd, 'id')) sheet.id = textOf(xml, from, to);
      });
      if (sheet.name) sheets.push(sheet);
    },
    close: () => undefined,
    text: () => undefined,
  });
  return sheets;
}
