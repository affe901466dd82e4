import type * as XLSX from '@e965/xlsx';
import { AppError } from '../../../../shared/errors';
import { IMPORT_FILE_EXTENSIONS } from '../../../../shared/import-fields';
import type { Cell } from '../import-cells';
import { LAYOUT_ROWS } from '../import-layout';
import { countLines, csvRows, HEAD_BYTES, textEncoding, type TextEncoding } from './read-text';
import type { SheetExtent } from './sheet-extent';
import { readXlsxSheets } from './read-xlsx';
import {
  DEFAULT_ZIP_LIMITS,
  guardZip,
  openZip,
  rejected,
  type ZipFacts,
  type ZipLimits,
  type ZipPackage,
} from './zip-guard';

export interface SheetRows {
  name: string;
  /** The first rows (`LAYOUT_ROWS` at most), where the header is looked for. */
  head: Cell[][];
  /** The rows of the sheet (of a CSV, its lines: at least its rows), for progress. */
  rowCount: number;
  /** Visits every row in order with its 0-based index; empty cells are null. Rows are read as visited. */
  forEachRow(visit: (row: Cell[], index: number) => void): void;
}

/** A sheet read whole by its parser (maybe with holes for empty rows): its rows become cells as they are visited. */
function sheetOf<Raw>(
  name: string,
  data: ReadonlyArray<Raw | undefined>,
  toCells: (raw: Raw | undefined) => Cell[],
): SheetRows {
  return {
    name,
    head: Array.from(data.slice(0, LAYOUT_ROWS), toCells),
    rowCount: data.length,
    forEachRow: (visit) => {
      for (let index = 0; index < data.length; index++) visit(toCells(data[index]), index);
    },
  };
}

export interface Workbook {
  format: 'xlsx' | 'xlsb' | 'xls' | 'csv';
  /** For CSV: how the bytes were read. */
  encoding: TextEncoding | null;
  /** Excel serial dates count from 1904. */
  date1904: boolean;
  sheets: SheetRows[];
}

export interface ReadLimits extends ZipLimits {
  maxRows: number;
  /**
   * Rows × columns of one sheet, every row padded out to the rightmost cell: what the xlsx reader's memory
   * grows with, and the cells rows are laid out into here. Also bounds the cells an xlsb's hyperlinks fill in.
   */
  maxCells: number;
  /** The file itself, before anything is read. */
  maxFileBytes: number;
}

export const DEFAULT_READ_LIMITS: ReadLimits = {
  ...DEFAULT_ZIP_LIMITS,
  maxRows: 1_000_000,
  maxCells: 30_000_000,
  maxFileBytes: 200 * 1024 * 1024,
};

/** Excel's last column, XFD: no sheet Excel writes reaches past it. */
const MAX_COLUMNS = 16_384;

const CFB_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

/** Excel's workbooks and templates: a file named so that is neither zip nor CFB is broken, not CSV. */
const EXCEL_NAME = new RegExp(`\\.(?:${IMPORT_FILE_EXTENSIONS.filter((ext) => ext !== 'csv').join('|')})$`, 'i');

/** A file a reader failed on unexpectedly: the user is told which file, support finds why in the log. */
export function unreadable(fileName: string, error: unknown): AppError {
  console.error(`[tierdesk] cannot read ${fileName}:`, error instanceof Error ? error.stack : error);
  return rejected(
    `无法读取文件“${fileName}”（文件损坏或不是 Excel 工作簿）`,
    `cannot read "${fileName}" (corrupt, or not an Excel workbook)`,
  );
}

function passwordProtected(): AppError {
  return rejected(
    '文件有密码保护，请先在 Excel 中取消密码后再导入',
    'the file is password-protected; remove the password in Excel first',
  );
}

function tooManyRows(rows: number, limits: ReadLimits): AppError {
  return rejected(
    `约 ${rows.toLocaleString('en')} 行，超过上限 ${limits.maxRows.toLocaleString('en')} 行；请分成几个文件`,
    `about ${rows} rows, more than the limit of ${limits.maxRows}; split the file`,
  );
}

/**
 * Refuses a sheet its reader would lay out too large: too many rows, a column past XFD, too many cells in
 * all, or (an xlsb) hyperlinks over too many cells.
 */
function checkSheetExtent({ part, rows, columns, linkedCells = 0 }: SheetExtent, limits: ReadLimits): void {
  if (rows > limits.maxRows) throw tooManyRows(rows, limits);
  if (columns > MAX_COLUMNS) {
    const last = MAX_COLUMNS.toLocaleString('en');
    throw rejected(
      `工作表 ${part} 的单元格引用超出 Excel 的最后一列 XFD（第 ${last} 列）`,
      `sheet ${part} refers to a cell past Excel's last column, XFD (${last})`,
    );
  }
  if (rows * columns > limits.maxCells) {
    const [rowsText, columnsText, cellsText] = [rows, columns, limits.maxCells].map((n) => n.toLocaleString('en'));
    throw rejected(
      `工作表 ${part} 约 ${rowsText} 行 × ${columnsText} 列，超过 ${cellsText} 个单元格的上限；请删去多余的行列或分成几个文件`,
      `sheet ${part} spans about ${rowsText} rows × ${columnsText} columns, more than the limit of ${cellsText} cells; remove unused rows and columns or split the file`,
    );
  }
  if (linkedCells > limits.maxCells) {
    const [linkedText, cellsText] = [linkedCells, limits.maxCells].map((n) => n.toLocaleString('en'));
    throw rejected(
      `工作表 ${part} 的超链接共覆盖约 ${linkedText} 个单元格，超过 ${cellsText} 个单元格的上限`,
      `the hyperlinks of sheet ${part} cover about ${linkedText} cells, more than the limit of ${cellsText} cells`,
    );
  }
}

/** An xlsx, xlsm or template, or an xlsb: its zip guarded and its sheets measured before either reader sees it. */
function readZip(buffer: Buffer, fileName: string, limits: ReadLimits): Promise<Workbook> | Workbook {
  const zip = openZip(buffer, limits);
  const facts = guardZip(buffer, limits, zip);
  for (const sheet of facts.sheets) checkSheetExtent(sheet, limits);
  return facts.binary ? readWithSheetJs(buffer, fileName, 'xlsb', limits) : readXlsx(zip, fileName, facts, limits);
}

/** An xlsx read by scanning its XML (`read-xlsx.ts`), each sheet measured again as read: rows padded out to its width. */
function readXlsx(zip: ZipPackage, fileName: string, facts: ZipFacts, limits: ReadLimits): Workbook {
  const sheets = readXlsxSheets(zip, fileName, { date1904: facts.date1904, maxRows: limits.maxRows });
  for (const { part, rowCount, width } of sheets) checkSheetExtent({ part, rows: rowCount, columns: width }, limits);
  return {
    format: 'xlsx',
    encoding: null,
    date1904: facts.date1904,
    sheets: sheets.map(({ name, rows, rowCount, width }) =>
      sheetOf(name, rows.slice(0, rowCount), (row) => {
        const cells = row ?? [];
        if (cells.length > width) cells.length = width;
        while (cells.length < width) cells.push(null);
        return cells;
      }),
    ),
  };
}

function toCell(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value.trim() === '' ? null : value;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'number') return { number: String(value) };
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  return value as { number: string };
}

/**
 * An old xls (CFB), or an xlsb once its zip is guarded and its sheets measured, read by SheetJS. `sheetRows`
 * stops it a row past the limit, and each sheet is measured again as read (its rows, its widest row) before a
 * row is laid out here: exact whichever part SheetJS read, as it finds parts by rules of its own.
 */
async function readWithSheetJs(
  buffer: Buffer,
  fileName: string,
  format: 'xls' | 'xlsb',
  limits: ReadLimits,
): Promise<Workbook> {
  const XLSX = await import('@e965/xlsx');
  let workbook: XLSX.WorkBook;
  try {
    workbook = XLSX.read(buffer, {
      type: 'buffer',
      cellDates: true,
      dense: true,
      cellFormula: false,
      cellHTML: false,
      cellText: false,
      sheetRows: limits.maxRows + 1,
    });
  } catch (error) {
    if (/password|encrypt/i.test(String(error))) throw passwordProtected();
    throw unreadable(fileName, error);
  }
  const sheets: SheetRows[] = [];
  for (const name of workbook.SheetNames) {
    // Chart, dialog and macro sheets have no cells (nor has a sheet SheetJS could not read): they hold no table.
    const data = workbook.Sheets[name]?.['!data'] as Array<Array<XLSX.CellObject | undefined> | undefined> | undefined;
    if (!data) continue;
    const columns = data.reduce((widest, row) => Math.max(widest, row?.length ?? 0), 0);
    checkSheetExtent({ part: name, rows: data.length, columns }, limits);
    sheets.push(
      sheetOf(name, data, (row) =>
        Array.from(row ?? [], (cell) =>
          cell === undefined || cell.t === 'z' || cell.t === 'e' ? null : toCell(cell.v),
        ),
      ),
    );
  }
  return { format, encoding: null, date1904: workbook.Workbook?.WBProps?.date1904 === true, sheets };
}

function readCsv(buffer: Buffer, name: string, limits: ReadLimits): Workbook {
  const lines = countLines(buffer);
  if (lines > limits.maxRows + 1) throw tooManyRows(lines, limits);
  // A zero byte is never part of a GBK or UTF-8 character: looked for in the bytes, before decoding them.
  if (buffer.includes(0)) throw rejected('不是文本文件（含有二进制内容）', 'not a text file (binary content)');
  const body = buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf ? buffer.subarray(3) : buffer;
  const encoding = textEncoding(body);
  const head = new TextDecoder(encoding).decode(body.subarray(0, HEAD_BYTES));
  return {
    format: 'csv',
    encoding,
    date1904: false,
    sheets: [{ name: name.replace(/\.[^.]+$/, ''), rowCount: lines, ...csvRows(body, encoding, head, LAYOUT_ROWS) }],
  };
}

/**
 * Reads a spreadsheet whatever it is (told by its bytes, not its name): xlsx or xlsb (zip, guarded first,
 * told apart by the workbook part the package names), old xls or encrypted OOXML (CFB), else CSV text in
 * UTF-8 or GBK. Throws IMPORT_REJECTED with a Chinese reason; a reader failing unexpectedly, with the file's name.
 */
export async function readWorkbook(
  buffer: Buffer,
  fileName: string,
  limits: ReadLimits = DEFAULT_READ_LIMITS,
): Promise<Workbook> {
  try {
    return await readAny(buffer, fileName, limits);
  } catch (error) {
    throw error instanceof AppError ? error : unreadable(fileName, error);
  }
}

async function readAny(buffer: Buffer, fileName: string, limits: ReadLimits): Promise<Workbook> {
  if (buffer.length === 0) throw rejected('文件是空的', 'the file is empty');
  if (buffer.length > limits.maxFileBytes)
    throw rejected(
      `文件超过 ${Math.round(limits.maxFileBytes / 1024 / 1024)} MB`,
      `the file is larger than ${Math.round(limits.maxFileBytes / 1024 / 1024)} MB`,
    );
  if (
    buffer.readUInt32LE(0) === 0x04034b50 ||
    (buffer.length >= 22 && buffer.readUInt32LE(buffer.length - 22) === 0x06054b50)
  )
    return readZip(buffer, fileName, limits);
  if (buffer.subarray(0, 8).equals(CFB_MAGIC)) {
    if (buffer.includes(Buffer.from('EncryptedPackage', 'utf16le'))) throw passwordProtected();
    return readWithSheetJs(buffer, fileName, 'xls', limits);
  }
  if (EXCEL_NAME.test(fileName))
    throw rejected(
      '扩展名是 Excel，但内容不是 Excel 工作簿（文件损坏或被截断）',
      'named like Excel, but the content is not a workbook (corrupt or truncated)',
    );
  return readCsv(buffer, fileName, limits);
}
