/**
 * How far an xlsb worksheet (BIFF12 records) reaches once SheetJS has read it, measured from its records before
 * SheetJS reads them. SheetJS builds a row only for a cell put in it and a cell only for a cell record, so its
 * memory grows with the records, which the zip guard bounds; except for a hyperlink, whose range it fills in
 * cell by cell however few bytes name it. So the records are walked as SheetJS walks them, and the cells and
 * hyperlink ranges counted by its rules: a cell sits in the row of the row header before it, a short cell in
 * the column after the cell before it, and blank cells are passed over (they are read only with `sheetStubs`).
 */

/** How far a sheet reaches, and how many cells its hyperlink ranges fill in one by one. */
export interface BinarySheetExtent {
  rows: number;
  columns: number;
  linkedCells: number;
}

const ROW_HEADER = 0x0000;
const HYPERLINK = 0x01ee;
/** Records of a cell that names its column (BrtCellRk … BrtFmlaError, and BrtCellRString). */
const isCell = (type: number) => (type >= 0x0002 && type <= 0x000b) || type === 0x003e;
/** Records of a cell in the column after the one before it (BrtShortRk … BrtShortIsst). */
const isShortCell = (type: number) => type >= 0x000d && type <= 0x0012;

export function measureBinarySheet(bin: Buffer): BinarySheetExtent {
  // SheetJS reads past a record's end, and past the part's, where a record is shorter than its fields: as zeros.
  const byte = (at: number) => (at < bin.length ? bin[at] : 0);
  const uint32 = (at: number) => (byte(at) | (byte(at + 1) << 8) | (byte(at + 2) << 16)) + byte(at + 3) * 0x1000000;
  let rows = 0;
  let columns = 0;
  let linkedCells = 0;
  let row = 0;
  let column = -1;
  for (let at = 0; at < bin.length;) {
    // A type of one or two bytes, then a length of one to four, seven bits a byte.
    let type = bin[at++];
    if (type & 0x80) type = (type & 0x7f) + ((byte(at++) & 0x7f) << 7);
    let lengthByte = byte(at++);
    let length = lengthByte & 0x7f;
    for (let count = 1; count < 4 && lengthByte & 0x80; count++) {
      lengthByte = byte(at++);
      length += (lengthByte & 0x7f) << (7 * count);
    }
    const fields = at;
    at += length;

    if (type === ROW_HEADER) row = uint32(fields);
    else if (isCell(type) || isShortCell(type)) {
      column = isCell(type) ? uint32(fields) : column + 1;
      rows = Math.max(rows, row + 1);
      columns = Math.max(columns, column + 1);
    } else if (type === HYPERLINK) {
      const [firstRow, lastRow, firstColumn, lastColumn] = [0, 4, 8, 12].map((offset) => uint32(fields + offset));
      if (lastRow < firstRow) continue;
      rows = Math.max(rows, lastRow + 1);
      columns = Math.max(columns, lastColumn + 1);
      // Each row of the range costs a step, even when its columns are none.
      linkedCells += (lastRow - firstRow + 1) * Math.max(1, lastColumn - firstColumn + 1);
    }
  }
  return { rows, columns, linkedCells };
}
