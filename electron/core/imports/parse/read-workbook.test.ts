import Papa from 'papaparse';
import { describe, expect, it, vi } from 'vitest';
import { encodeChinese } from '../../platform/text-encoding';
import { csvText, xlsbFile, xlsFile, xlsxFile, zipFile } from '../../../../tests/fixtures/spreadsheets';
import {
  allRows,
  biff12,
  excelJsXlsx,
  handWrittenXlsx,
  handWrittenXlsxParts,
  inlineStringRows,
  macroWorkbookXlsm,
  RELATIONSHIP_TYPE,
  renamedInDirectoryOnly,
  streamedXlsx,
  withParts,
  withUnlistedEntry,
  worksheetXml,
  xlsbRecords,
  zipParts,
} from '../../../../tests/helpers/sheets';
import { cellText, type Cell } from '../import-cells';
import type { AppError } from '../../../../shared/errors';
import { DEFAULT_READ_LIMITS, readWorkbook } from './read-workbook';
import { csvRows } from './read-text';
import * as zipGuard from './zip-guard';

const REPORT = [
  ['太湖支行金融资产月报 2024年3月'],
  [],
  ['序号', '客户号', '客户名称', '月日均（万元）', '月份'],
  [1, '0510001', '王芳', 123.456789, '2024年3月'],
  [2, '0510002', '李强', '1,234.50', new Date(Date.UTC(2024, 2, 31))],
  ['合计', null, null, 1357.956789, null],
];

const texts = (rows: unknown[][]) => rows.map((row) => (row as Parameters<typeof cellText>[0][]).map(cellText));

const rejectedWith = async (buffer: Buffer, pattern: RegExp, name = 'x.xlsx', limits = DEFAULT_READ_LIMITS) =>
  expect(readWorkbook(buffer, name, limits)).rejects.toMatchObject({
    code: 'IMPORT_REJECTED',
    message: expect.stringMatching(pattern),
  });

describe('reading spreadsheets as they arrive', () => {
  it('reads an xlsx with a merged title row, numbers kept as their exact text', async () => {
    const workbook = await readWorkbook(
      xlsxFile([{ name: '三月', rows: REPORT, merges: [{ s: { r: 0, c: 0 }, e: { r: 0, c: 4 } }] }]),
      '月报.xlsx',
    );
    expect(workbook).toMatchObject({ format: 'xlsx', date1904: false });
    const rows = allRows(workbook.sheets[0]);
    expect(workbook.sheets[0].name).toBe('三月');
    expect(rows[3][3]).toEqual({ number: '123.456789' });
    expect(texts(rows)[4]).toEqual(['2', '0510002', '李强', '1,234.50', '2024-03-31']);
  });

  it('reads the 1904 date system flag', async () => {
    expect((await readWorkbook(xlsxFile([{ name: 'a', rows: REPORT }], { date1904: true }), 'a.xlsx')).date1904).toBe(
      true,
    );
  });

  it('reads an old .xls the same way', async () => {
    const workbook = await readWorkbook(xlsFile([{ name: '三月', rows: REPORT }]), '月报.xls');
    expect(workbook.format).toBe('xls');
    expect(texts(allRows(workbook.sheets[0]))[3]).toEqual(['1', '0510001', '王芳', '123.456789', '2024年3月']);
  });

  it('detects GBK CSV, and UTF-8 with or without BOM', async () => {
    const text = csvText(REPORT.slice(2, 5));
    for (const [bytes, encoding] of [
      [encodeChinese(text, 'gbk').bytes, 'gb18030'],
      [Buffer.from(text, 'utf8'), 'utf-8'],
      [Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]), 'utf-8'],
    ] as const) {
      const workbook = await readWorkbook(bytes, '月报.csv');
      expect(workbook.encoding).toBe(encoding);
      expect(texts(allRows(workbook.sheets[0]))[1]).toEqual(['1', '0510001', '王芳', '123.456789', '2024年3月']);
    }
  });

  it('reads a large CSV a chunk at a time exactly as the whole text parses', async () => {
    const rows: unknown[][] = [['客户号', '客户名称', '备注', '月日均（元）']];
    for (let i = 0; rows.length < 100_000; i++) {
      rows.push([
        `C${i}`,
        '王芳李强赵敏'.slice(i % 5, (i % 5) + 1 + (i % 3)),
        i % 7 === 0 ? `第${i}行,"说明"\n第二行` : '',
        `${i * 13}.5`,
      ]);
      if (i % 1000 === 0) rows.push([]);
    }
    for (const [newline, encode, encoding] of [
      ['\r\n', (text: string) => encodeChinese(text, 'gbk').bytes, 'gb18030'],
      ['\n', (text: string) => Buffer.from(text, 'utf8'), 'utf-8'],
    ] as const) {
      const text = csvText(rows).replaceAll('\r\n', newline);
      const bytes = encode(text);
      expect(bytes.length).toBeGreaterThan(2 * 1024 * 1024);
      const workbook = await readWorkbook(bytes, 'big.csv');
      expect(workbook.encoding).toBe(encoding);
      expect(allRows(workbook.sheets[0])).toEqual(
        Papa.parse<string[]>(text).data.map((row) => row.map((v) => (v.trim() === '' ? null : v))),
      );
    }
  });

  it('reads the same rows whatever falls on a chunk boundary: a character, a quoted field, a line break', () => {
    const text = csvText([
      ['客户号', '客户名称', '备注'],
      ['C1', '王芳', '他说："好，\r\n明天"'],
      [],
      ['C2', '李强', ''],
      ['C3', '"赵敏"', 'a,b'],
    ]);
    const expected = Papa.parse<string[]>(text).data.map((row) => row.map((v) => (v.trim() === '' ? null : v)));
    for (const [bytes, encoding] of [
      [encodeChinese(text, 'gbk').bytes, 'gb18030'],
      [Buffer.from(text, 'utf8'), 'utf-8'],
    ] as const) {
      for (let chunk = 1; chunk <= bytes.length; chunk++) {
        const rows: unknown[] = [];
        csvRows(bytes, encoding, text, 3, chunk).forEachRow((row) => rows.push(row));
        expect(rows, `chunks of ${chunk} bytes`).toEqual(expected);
      }
    }
  });

  it('refuses a CSV whose quote is never closed, naming the row, without reading the rest of the file as one row', async () => {
    const text = `客户号,客户名称,备注\r\nC1,王芳,好\r\nC2,李强,"没有闭合\r\n${`C3,赵敏,${'说明'.repeat(50)}\r\n`.repeat(100_000)}`;
    const workbook = await readWorkbook(Buffer.from(text, 'utf8'), 'a.csv');
    expect(() => allRows(workbook.sheets[0])).toThrow(/第 3 行起的引号没有闭合/);
  });

  it('refuses a binary file named .csv', async () => {
    await expect(readWorkbook(Buffer.from([0x43, 0x31, 0x2c, 0x00, 0x01, 0x02, 0x0a]), 'a.csv')).rejects.toMatchObject({
      code: 'IMPORT_REJECTED',
      message: expect.stringContaining('不是文本文件'),
    });
  });

  it('refuses a CSV saved half in UTF-8 and half in GBK, naming the line', async () => {
    const mixed = Buffer.concat([
      Buffer.from('客户号,客户名称\r\n0510001,王芳\r\n0510003,赵敏\r\n', 'utf8'),
      encodeChinese('0510002,李强\r\n', 'gbk').bytes,
    ]);
    await expect(readWorkbook(mixed, 'a.csv')).rejects.toMatchObject({
      code: 'IMPORT_REJECTED',
      message: expect.stringContaining('第 4 行'),
    });
    // Far into a larger file, past long runs of ASCII (read four bytes at a time), at an odd byte.
    const lines = Array.from({ length: 1000 }, (_, i) => `05100${i},王芳,${i}.5\r\n`).join('');
    const later = Buffer.concat([
      Buffer.from(`客户号,客户名称,月日均\r\n${lines}`, 'utf8'),
      encodeChinese('0510002,李强,1\r\n', 'gbk').bytes,
    ]);
    await expect(readWorkbook(later, 'a.csv')).rejects.toMatchObject({
      code: 'IMPORT_REJECTED',
      message: expect.stringContaining('第 1002 行'),
    });
  });
});

describe('hostile and broken files are refused before any parser sees them', () => {
  const part = (name: string, text: string) => ({ name, data: Buffer.from(text) });

  it('an empty file', () => rejectedWith(Buffer.alloc(0), /空/));

  it('a truncated xlsx', async () => {
    const whole = xlsxFile([{ name: 'a', rows: REPORT }]);
    await rejectedWith(whole.subarray(0, Math.floor(whole.length / 2)), /截断/);
  });

  it('a zip bomb, by ratio and by real size whatever the headers declare', async () => {
    await rejectedWith(
      zipFile([{ name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(20 * 1024 * 1024), declaredSize: 100 }]),
      /压缩比/,
    );
    await rejectedWith(
      zipFile([{ name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(3 * 1024 * 1024) }]),
      /超过 2 MB/,
      'x.xlsx',
      {
        ...DEFAULT_READ_LIMITS,
        maxEntryBytes: 2 * 1024 * 1024,
      },
    );
  });

  it('duplicate part names, DTDs, encrypted parts, too many parts', async () => {
    await rejectedWith(zipFile([part('xl/workbook.xml', '<a/>'), part('XL/Workbook.xml', '<b/>')]), /重复/);
    await rejectedWith(
      zipFile([part('xl/workbook.xml', '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>')]),
      /DTD/,
    );
    await rejectedWith(zipFile([{ ...part('xl/workbook.xml', '<a/>'), encrypted: true }]), /密码/);
    await rejectedWith(
      zipFile(Array.from({ length: 12 }, (_, i) => part(`p${i}.xml`, '<a/>'))),
      /12 个部件/,
      'x.xlsx',
      { ...DEFAULT_READ_LIMITS, maxEntries: 10 },
    );
  });

  it('a password-protected workbook (an encrypted OOXML package)', async () => {
    const cfb = Buffer.concat([
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
      Buffer.alloc(500),
      Buffer.from('EncryptedPackage', 'utf16le'),
      Buffer.alloc(500),
    ]);
    await rejectedWith(cfb, /密码保护/);
  });

  it('more rows than the limit, counted before parsing', async () => {
    const rows = [['客户号', '月日均（元）'], ...Array.from({ length: 30 }, (_, i) => [`C${i}`, i])];
    const limits = { ...DEFAULT_READ_LIMITS, maxRows: 20 };
    await rejectedWith(xlsxFile([{ name: 'a', rows }]), /超过上限 20 行/, 'a.xlsx', limits);
    await rejectedWith(Buffer.from(csvText(rows)), /超过上限 20 行/, 'a.csv', limits);
  });

  it.each([
    [
      'a tab after the row tag name',
      'xl/worksheets/sheet1.xml',
      'worksheets/sheet1.xml',
      (n: number) => `<row\tr="${n}"/>`,
    ],
    [
      'a line feed after the row tag name',
      'xl/worksheets/sheet1.xml',
      'worksheets/sheet1.xml',
      (n: number) => `<row\nr="${n}"/>`,
    ],
    [
      'a namespace prefix on the row tag',
      'xl/worksheets/sheet1.xml',
      'worksheets/sheet1.xml',
      (n: number) => `<x:row r="${n}"/>`,
    ],
    [
      'the sheet outside xl/worksheets/, named only by the workbook relationships',
      'xl/data/sheet1.xml',
      'data/sheet1.xml',
      (n: number) => `<row r="${n}"/>`,
    ],
  ])('1,100,000 rows written with %s, refused before parsing with their count', async (_, path, target, row) => {
    const rowsXml = Array.from({ length: 1_100_000 }, (_, i) => row(i + 1)).join('');
    await rejectedWith(
      handWrittenXlsx({ sheets: [{ name: 'a', path, target, xml: worksheetXml(rowsXml) }] }),
      /约 1,100,000 行，超过上限 1,000,000 行；请分成几个文件/,
    );
  });

  it('a sheet outside xl/worksheets/ is read, its rows counted exactly: at the limit it is read, one row over it is refused', async () => {
    const rows = [
      ['客户号', '客户名称', '月日均（元）'],
      ['0510001', '王芳', '123.45'],
      ['0510002', '李强', '6,789.00'],
    ];
    const file = handWrittenXlsx({
      sheets: [
        {
          name: '三月',
          path: 'xl/data/sheet1.xml',
          target: 'data/sheet1.xml',
          xml: worksheetXml(inlineStringRows(rows)),
        },
      ],
    });
    const workbook = await readWorkbook(file, 'a.xlsx', { ...DEFAULT_READ_LIMITS, maxRows: 3 });
    expect(workbook.sheets.map((sheet) => sheet.name)).toEqual(['三月']);
    expect(allRows(workbook.sheets[0])).toEqual(rows);
    await rejectedWith(file, /约 3 行，超过上限 2 行/, 'a.xlsx', { ...DEFAULT_READ_LIMITS, maxRows: 2 });
  });

  it('a file named .xlsx that is not one', () => rejectedWith(Buffer.from('hello'), /不是 Excel/));
});

describe('what the guard measures is what the reader reads', () => {
  const sheet1 = (xml: string) => ({
    name: 'a',
    path: 'xl/worksheets/sheet1.xml',
    target: 'worksheets/sheet1.xml',
    xml: worksheetXml(xml),
  });
  const numbered = (count: number) =>
    Array.from({ length: count }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}"><v>${i}</v></c></row>`).join('');
  const rejectedWith = async (buffer: Buffer, pattern: RegExp, limits = DEFAULT_READ_LIMITS) =>
    expect(readWorkbook(buffer, 'a.xlsx', limits)).rejects.toMatchObject({
      code: 'IMPORT_REJECTED',
      message: expect.stringMatching(pattern),
    });

  it('refuses a 1 KB sheet whose second row is numbered 1,100,000, with that count, before the reader fills in the rows between', async () => {
    const file = handWrittenXlsx({
      sheets: [sheet1('<row r="1"><c r="A1"><v>1</v></c></row><row r="1100000"><c r="A1100000"><v>2</v></c></row>')],
    });
    expect(file.length).toBeLessThan(1500);
    await rejectedWith(file, /约 1,100,000 行，超过上限 1,000,000 行；请分成几个文件/);
  });

  it('refuses two runs of rows 1 and 15 past a 20-row limit: a second <sheetData> starts the reader counting afresh', async () => {
    const run = '<row r="1"><c r="A1"><v>1</v></c></row><row r="15"><c r="A15"><v>15</v></c></row>';
    // Over 64 KB between the runs, so that the reader has passed the first run on before the second replaces it.
    const runs = `${run}</sheetData><!--${' '.repeat(70_000)}--><sheetData>${run}`;
    await rejectedWith(handWrittenXlsx({ sheets: [sheet1(runs)] }), /约 30 行，超过上限 20 行/, {
      ...DEFAULT_READ_LIMITS,
      maxRows: 20,
    });
  });

  it('refuses a cell past column XFD, naming the sheet part', async () => {
    await rejectedWith(
      handWrittenXlsx({ sheets: [sheet1('<row r="1"><c r="XFE1"><v>1</v></c></row>')] }),
      /工作表 xl\/worksheets\/sheet1\.xml 的单元格引用超出 Excel 的最后一列 XFD（第 16,384 列）/,
    );
  });

  it('refuses a sheet the reader would pad into too many cells: one cell in column ALL over 2,000 rows', async () => {
    const file = handWrittenXlsx({
      sheets: [sheet1('<row r="1"><c r="ALL1"><v>1</v></c></row><row r="2000"><c r="A2000"><v>2</v></c></row>')],
    });
    await rejectedWith(
      file,
      /工作表 xl\/worksheets\/sheet1\.xml 约 2,000 行 × 1,000 列，超过 1,000,000 个单元格的上限/,
      { ...DEFAULT_READ_LIMITS, maxCells: 1_000_000 },
    );
    expect(
      (await readWorkbook(file, 'a.xlsx', { ...DEFAULT_READ_LIMITS, maxCells: 2_000_000 })).sheets[0].rowCount,
    ).toBe(2000);
  });

  it('refuses a sheet renamed in the zip directory only: 30 rows the reader reads under the local name, past a 20-row limit', async () => {
    const renamed = renamedInDirectoryOnly(
      handWrittenXlsx({ sheets: [sheet1(numbered(30))] }),
      'xl/worksheets/sheet1.xml',
      'xl/worksheets/sheet9.xml',
    );
    await rejectedWith(renamed, /zip 目录与文件内容不一致（可能被篡改）/, { ...DEFAULT_READ_LIMITS, maxRows: 20 });
  });

  it('refuses a second sheet1.xml hidden between two listed entries, which the reader would read over the listed one', async () => {
    const parts = handWrittenXlsxParts({ sheets: [sheet1(numbered(1))] });
    const hidden = zipFile([
      ...parts,
      { name: 'xl/worksheets/sheet1.xml', data: Buffer.from(worksheetXml(numbered(30))) },
      { name: 'docProps/app.xml', data: Buffer.from('<Properties/>') },
    ]);
    await rejectedWith(withUnlistedEntry(hidden, parts.length), /zip 目录与文件内容不一致（可能被篡改）/, {
      ...DEFAULT_READ_LIMITS,
      maxRows: 20,
    });
  });

  it('reads workbooks from exceljs: in memory (folders as entries) and streamed (data descriptors, as our own exports are)', async () => {
    const rows = [
      ['客户号', '客户名称', '月日均（元）'],
      ['0510001', '王芳', 123.45],
    ];
    for (const file of [await excelJsXlsx('三月', rows), await streamedXlsx('三月', rows)]) {
      const workbook = await readWorkbook(file, 'a.xlsx');
      expect(workbook.sheets[0].name).toBe('三月');
      expect(texts(allRows(workbook.sheets[0]))).toEqual([
        ['客户号', '客户名称', '月日均（元）'],
        ['0510001', '王芳', '123.45'],
      ]);
    }
  });

  it('counts the rows again once read, should the guard ever measure a sheet short', async () => {
    const measuredShort = vi
      .spyOn(zipGuard, 'guardZip')
      .mockReturnValue({ binary: false, date1904: false, sheets: [] });
    try {
      await rejectedWith(handWrittenXlsx({ sheets: [sheet1(numbered(30))] }), /约 30 行，超过上限 20 行/, {
        ...DEFAULT_READ_LIMITS,
        maxRows: 20,
      });
    } finally {
      measuredShort.mockRestore();
    }
  });
});

describe('every workbook Excel writes is read, or refused saying why', () => {
  const SHEET_BIN = 'xl/worksheets/sheet1.bin';
  const CUSTOMERS = [
    ['客户号', '客户名称', '开户日期'],
    ['0510001', '王芳', '2019-05-06'],
  ];
  const { rowHeader, number, hyperlink } = xlsbRecords;
  /** An xlsb whose first sheet is written record by record. */
  const xlsbSheet = (...records: Array<[number, Buffer]>) =>
    withParts(xlsbFile([{ name: 'a', rows: [['x']] }]), [{ name: SHEET_BIN, data: biff12(records) }]);
  /** The rows as a reader gives them, without the empty cells some pad rows out with. */
  const unpadded = (rows: Cell[][]) => rows.map((row) => row.slice(0, row.findLastIndex((cell) => cell !== null) + 1));

  it('reads an xlsb as the xlsx of the same content: sheets, rows, text, numbers and dates', async () => {
    const sheets = [
      { name: '三月', rows: REPORT },
      { name: '客户', rows: CUSTOMERS },
    ];
    const xlsb = await readWorkbook(xlsbFile(sheets), '月报.xlsb');
    const xlsx = await readWorkbook(xlsxFile(sheets), '月报.xlsx');
    expect(xlsb).toMatchObject({ format: 'xlsb', encoding: null, date1904: false });
    expect(xlsb.sheets.map((sheet) => sheet.name)).toEqual(['三月', '客户']);
    for (const [i, sheet] of xlsb.sheets.entries())
      expect(unpadded(allRows(sheet))).toEqual(unpadded(allRows(xlsx.sheets[i])));
    const rows = allRows(xlsb.sheets[0]);
    expect(rows[3][3]).toEqual({ number: '123.456789' });
    expect(rows[4][4]).toEqual(new Date(Date.UTC(2024, 2, 31)));
    expect(texts(rows)[4]).toEqual(['2', '0510002', '李强', '1,234.50', '2024-03-31']);
  });

  it('reads the 1904 date system of an xlsb', async () => {
    const workbook = await readWorkbook(xlsbFile([{ name: 'a', rows: REPORT }], { date1904: true }), 'a.xlsb');
    expect(workbook.date1904).toBe(true);
  });

  it('tells an xlsb from an xlsx by the workbook part the package names, whatever the file is called', async () => {
    expect((await readWorkbook(xlsbFile([{ name: 'a', rows: REPORT }]), 'a.xlsx')).format).toBe('xlsb');
    expect((await readWorkbook(xlsxFile([{ name: 'a', rows: REPORT }]), 'a.xlsb')).format).toBe('xlsx');
  });

  it('refuses an xlsb zip bomb as it refuses an xlsx one, by ratio and by real size', async () => {
    const file = xlsbFile([{ name: 'a', rows: REPORT }]);
    await rejectedWith(
      withParts(file, [{ name: SHEET_BIN, data: Buffer.alloc(20 * 1024 * 1024), declaredSize: 100 }]),
      /部件 xl\/worksheets\/sheet1\.bin 压缩比超过 100:1（疑似压缩炸弹）/,
      'a.xlsb',
    );
    await rejectedWith(
      withParts(file, [{ name: SHEET_BIN, data: Buffer.alloc(3 * 1024 * 1024) }]),
      /超过 2 MB/,
      'a.xlsb',
      { ...DEFAULT_READ_LIMITS, maxEntryBytes: 2 * 1024 * 1024 },
    );
  });

  it('refuses an xlsb sheet past the row, column or cell limit, measured from its records before SheetJS reads it', async () => {
    await rejectedWith(
      xlsbSheet(rowHeader(0), number(0, 1), rowHeader(1_099_999), number(0, 2)),
      /约 1,100,000 行，超过上限 1,000,000 行；请分成几个文件/,
      'a.xlsb',
    );
    await rejectedWith(
      xlsbSheet(rowHeader(0), number(16_384, 1)),
      /工作表 xl\/worksheets\/sheet1\.bin 的单元格引用超出 Excel 的最后一列 XFD（第 16,384 列）/,
      'a.xlsb',
    );
    const wide = xlsbSheet(rowHeader(0), number(999, 1), rowHeader(1999), number(0, 2));
    await rejectedWith(
      wide,
      /工作表 xl\/worksheets\/sheet1\.bin 约 2,000 行 × 1,000 列，超过 1,000,000 个单元格的上限/,
      'a.xlsb',
      {
        ...DEFAULT_READ_LIMITS,
        maxCells: 1_000_000,
      },
    );
    const read = await readWorkbook(wide, 'a.xlsb', { ...DEFAULT_READ_LIMITS, maxCells: 2_000_000 });
    expect(read.sheets[0].rowCount).toBe(2000);
  });

  it('refuses an xlsb whose few bytes of hyperlinks would have SheetJS fill in millions of cells', async () => {
    const links = Array.from({ length: 200 }, () => hyperlink(0, 999, 0, 9));
    const linked = xlsbSheet(rowHeader(0), number(0, 1), ...links);
    expect(linked.length).toBeLessThan(20_000);
    await rejectedWith(
      linked,
      /工作表 xl\/worksheets\/sheet1\.bin 的超链接共覆盖约 2,000,000 个单元格，超过 1,000,000 个单元格的上限/,
      'a.xlsb',
      { ...DEFAULT_READ_LIMITS, maxCells: 1_000_000 },
    );
    await rejectedWith(
      xlsbSheet(rowHeader(0), number(0, 1), hyperlink(0, 1_048_575, 0, 16_383)),
      /约 1,048,576 行，超过上限 1,000,000 行/,
      'a.xlsb',
    );
  });

  it('counts an xlsb sheet again as SheetJS reads it, stopped a row past the limit, should the guard ever measure it short', async () => {
    const measuredShort = vi.spyOn(zipGuard, 'guardZip').mockReturnValue({ binary: true, date1904: false, sheets: [] });
    try {
      const rows = [['客户号'], ...Array.from({ length: 30 }, (_, i) => [`C${i}`])];
      await rejectedWith(xlsbFile([{ name: 'a', rows }]), /约 21 行，超过上限 20 行/, 'a.xlsb', {
        ...DEFAULT_READ_LIMITS,
        maxRows: 20,
      });
    } finally {
      measuredShort.mockRestore();
    }
  });

  it('passes over the chart, macro and dialog sheets of a macro workbook (xlsm) to its worksheet', async () => {
    const workbook = await readWorkbook(macroWorkbookXlsm('客户', CUSTOMERS), '客户.xlsm');
    expect(workbook.format).toBe('xlsx');
    expect(workbook.sheets.map((sheet) => sheet.name)).toEqual(['客户']);
    expect(allRows(workbook.sheets[0])).toEqual(CUSTOMERS);
  });

  it('passes over the macro and dialog sheets of an xlsb to its worksheet', async () => {
    const file = xlsbFile([
      { name: 'Macro1', rows: [['=RETURN()']] },
      { name: 'Dialog1', rows: [] },
      { name: '客户', rows: CUSTOMERS },
    ]);
    const relationships = zipParts(file).find((part) => part.name === 'xl/_rels/workbook.bin.rels');
    const retyped = (relationships?.data.toString() ?? '')
      .replace(
        `Type="${RELATIONSHIP_TYPE}worksheet" Target="worksheets/sheet1.bin"`,
        `Type="http://schemas.microsoft.com/office/2006/relationships/xlMacrosheet" Target="worksheets/sheet1.bin"`,
      )
      .replace(
        `Type="${RELATIONSHIP_TYPE}worksheet" Target="worksheets/sheet2.bin"`,
        `Type="${RELATIONSHIP_TYPE}dialogsheet" Target="worksheets/sheet2.bin"`,
      );
    const workbook = await readWorkbook(
      withParts(file, [{ name: 'xl/_rels/workbook.bin.rels', data: Buffer.from(retyped) }]),
      '客户.xlsb',
    );
    expect(workbook.sheets.map((sheet) => sheet.name)).toEqual(['客户']);
    expect(texts(allRows(workbook.sheets[0]))).toEqual(CUSTOMERS);
  });

  it('reads templates (.xltx, .xltm) as the workbooks they are', async () => {
    const file = xlsxFile([{ name: '客户', rows: CUSTOMERS }]);
    const types =
      zipParts(file)
        .find((part) => part.name === '[Content_Types].xml')
        ?.data.toString() ?? '';
    expect(types).toContain('spreadsheetml.sheet.main+xml');
    const template = withParts(file, [
      { name: '[Content_Types].xml', data: Buffer.from(types.replace('sheet.main+xml', 'template.main+xml')) },
    ]);
    for (const name of ['客户.xltx', '客户.xltm'])
      expect(texts(allRows((await readWorkbook(template, name)).sheets[0]))).toEqual(CUSTOMERS);
  });

  it('reads strict Open XML, whose namespaces differ', async () => {
    const strict = zipFile(
      zipParts(xlsxFile([{ name: '客户', rows: [...CUSTOMERS, ['0510002', '李强', 3.5]] }])).map((part) => ({
        name: part.name,
        data: Buffer.from(
          part.data
            .toString()
            .replaceAll(
              'http://schemas.openxmlformats.org/spreadsheetml/2006/main',
              'http://purl.oclc.org/ooxml/spreadsheetml/main',
            )
            .replaceAll(
              'http://schemas.openxmlformats.org/officeDocument/2006/relationships',
              'http://purl.oclc.org/ooxml/officeDocument/relationships',
            ),
        ),
      })),
    );
    const relationships = zipParts(strict).find((part) => part.name === 'xl/_rels/workbook.xml.rels');
    expect(relationships?.data.toString()).toContain(
      'http://purl.oclc.org/ooxml/officeDocument/relationships/worksheet',
    );
    const workbook = await readWorkbook(strict, '客户.xlsx');
    expect(texts(allRows(workbook.sheets[0]))).toEqual([...CUSTOMERS, ['0510002', '李强', '3.5']]);
  });

  it.each(['a.xlsb', 'a.xlsm', 'a.xltx', 'a.xltm', 'a.xlt'])('a file named %s that is no workbook', (name) =>
    rejectedWith(Buffer.from('hello'), /扩展名是 Excel，但内容不是 Excel 工作簿/, name),
  );

  it('a reader failing unexpectedly: the user is told which file, the detail is only logged', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const failing = vi.spyOn(zipGuard, 'guardZip').mockImplementation(() => {
      throw new TypeError("Cannot read properties of undefined (reading 'slice')");
    });
    try {
      const error = (await readWorkbook(xlsxFile([{ name: 'a', rows: REPORT }]), '三月客户.xlsx').catch(
        (caught: unknown) => caught,
      )) as AppError;
      expect(error.toBody()).toEqual({
        code: 'IMPORT_REJECTED',
        message: '文件被拒绝：无法读取文件“三月客户.xlsx”（文件损坏或不是 Excel 工作簿）',
        messageEn: 'File rejected: cannot read "三月客户.xlsx" (corrupt, or not an Excel workbook)',
      });
      expect(logged).toHaveBeenCalledWith(
        expect.stringContaining('三月客户.xlsx'),
        expect.stringContaining("reading 'slice'"),
      );
    } finally {
      failing.mockRestore();
      logged.mockRestore();
    }
  });

  it('an xlsb whose workbook part is garbage: refused naming the file, not in SheetJS’s words', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const file = withParts(xlsbFile([{ name: 'a', rows: REPORT }]), [
        { name: 'xl/workbook.bin', data: Buffer.alloc(100, 0xff) },
      ]);
      await expect(readWorkbook(file, '月报.xlsb')).rejects.toMatchObject({
        code: 'IMPORT_REJECTED',
        message: '文件被拒绝：无法读取文件“月报.xlsb”（文件损坏或不是 Excel 工作簿）',
      });
      expect(logged).toHaveBeenCalledWith(
        expect.stringContaining('月报.xlsb'),
        expect.stringContaining('Unexpected record'),
      );
    } finally {
      logged.mockRestore();
    }
  });
});
