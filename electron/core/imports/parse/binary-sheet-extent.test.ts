import * as XLSX from '@e965/xlsx';
import { describe, expect, it } from 'vitest';
import { xlsbFile } from '../../../../tests/fixtures/spreadsheets';
import { biff12, withParts, xlsbRecords, zipParts } from '../../../../tests/helpers/sheets';
import { measureBinarySheet } from './binary-sheet-extent';

const { rowHeader, number, shortNumber, hyperlink } = xlsbRecords;

/** How SheetJS lays the sheet out (dense): its rows and its widest row. */
function asRead(sheet: Buffer): { rows: number; columns: number } {
  const file = withParts(xlsbFile([{ name: 'a', rows: [['x']] }]), [{ name: 'xl/worksheets/sheet1.bin', data: sheet }]);
  const data = XLSX.read(file, { type: 'buffer', dense: true }).Sheets.a['!data'] ?? [];
  return { rows: data.length, columns: data.reduce((widest, row) => Math.max(widest, row?.length ?? 0), 0) };
}

describe('measuring an xlsb sheet as SheetJS lays it out', () => {
  it('a sheet SheetJS wrote: its rows and columns', () => {
    const file = xlsbFile([{ name: 'a', rows: [['客户号', '客户名称', '月日均'], [], ['C1', '王芳', 1.5, null, 7]] }]);
    const sheet = zipParts(file).find((part) => part.name === 'xl/worksheets/sheet1.bin');
    expect(measureBinarySheet(sheet?.data ?? Buffer.alloc(0))).toEqual({ rows: 3, columns: 5, linkedCells: 0 });
  });

  it('rows counted where cells are, short cells in the column after the cell before them, as SheetJS reads them', () => {
    const sheet = biff12([
      rowHeader(0),
      number(2, 1),
      shortNumber(2),
      shortNumber(3),
      // A row header without cells lays out no row.
      rowHeader(5000),
      rowHeader(9),
      number(0, 4),
    ]);
    expect(measureBinarySheet(sheet)).toEqual({ rows: 10, columns: 5, linkedCells: 0 });
    expect(asRead(sheet)).toEqual({ rows: 10, columns: 5 });
  });

  it('a hyperlink reaches as far as its range, and its cells are counted, once for each link', () => {
    const sheet = biff12([rowHeader(0), number(0, 1), hyperlink(2, 4, 1, 3), hyperlink(2, 4, 1, 3)]);
    expect(measureBinarySheet(sheet)).toEqual({ rows: 5, columns: 4, linkedCells: 18 });
    expect(asRead(sheet)).toEqual({ rows: 5, columns: 4 });
  });

  it('a record cut short reads as zeros past the end, as SheetJS reads it', () => {
    const cut = biff12([rowHeader(0), number(0x0102, 1)]).subarray(0, -14);
    expect(measureBinarySheet(cut)).toEqual({ rows: 1, columns: 0x0103, linkedCells: 0 });
  });
});
