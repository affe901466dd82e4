import { describe, expect, it } from 'vitest';
import { xlsbFile, zipFile } from '../../../../tests/fixtures/spreadsheets';
import {
  handWrittenXlsx,
  handWrittenXlsxParts,
  renamedInDirectoryOnly,
  streamedXlsx,
  withUnlistedEntry,
  worksheetXml,
  zipParts,
} from '../../../../tests/helpers/sheets';
import { guardZip } from './zip-guard';

const WORKSHEET = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet';
const sheetAt = (path: string, target: string, rowsXml: string) => ({
  name: 'a',
  path,
  target,
  xml: worksheetXml(rowsXml),
});
const THREE_ROWS = '<row r="1"/><row r="2"/><row r="3"/>';
const SHEET_BIN = 'xl/worksheets/sheet1.bin';
/** The rows of the longest sheet, as the guard measured it. */
const rowsOf = (buffer: Buffer) => Math.max(0, ...guardZip(buffer).sheets.map((sheet) => sheet.rows));
const oneSheet = (rowsXml: string) =>
  handWrittenXlsx({ sheets: [sheetAt('xl/worksheets/sheet1.xml', 'worksheets/sheet1.xml', rowsXml)] });

describe('rows are counted on exactly the sheets the workbook relationships name, wherever they sit', () => {
  const plain = (id: string, target: string) => `<Relationship Id="${id}" Type="${WORKSHEET}" Target="${target}"/>`;
  it.each([
    ['relative to the workbook folder, outside xl/worksheets/', 'xl/data/sheet1.xml', 'data/sheet1.xml', plain],
    ['absolute', 'custom/sheet.xml', '/custom/sheet.xml', plain],
    ['climbing out of the workbook folder', 'other/sheet.xml', '../other/./sheet.xml', plain],
    ['in other letter case than the zip entry', 'xl/data/sheet1.xml', 'Data/Sheet1.XML', plain],
    [
      'in single quotes, Target first, element and attributes prefixed',
      'xl/data/s.xml',
      'data/s.xml',
      (id: string, target: string) => `<pr:Relationship pr:Target='${target}' Id='${id}' pr:Type='${WORKSHEET}'/>`,
    ],
    [
      'after a ">" inside an earlier value',
      'xl/data/s.xml',
      'data/s.xml',
      (id: string, target: string) => `<Relationship Id="${id}>" Type="${WORKSHEET}" Target="${target}"/>`,
    ],
    [
      'with character references',
      'xl/data/s.xml',
      'data/s&#46;xml',
      (id: string, target: string) =>
        `<Relationship Type="${WORKSHEET.replace('worksheet', 'wor&#107;&#x73;heet')}" Target="${target}" Id="${id}"/>`,
    ],
    [
      'of the strict-format type',
      'xl/data/s.xml',
      'data/s.xml',
      (id: string, target: string) =>
        `<Relationship Id="${id}" Type="http://purl.oclc.org/ooxml/officeDocument/relationships/worksheet" Target="${target}"/>`,
    ],
  ])('a sheet target %s', (_, path, target, sheetRelationship) => {
    expect(rowsOf(handWrittenXlsx({ sheets: [sheetAt(path, target, THREE_ROWS)], sheetRelationship }))).toBe(3);
  });

  it('leaves out parts no relationship names, even under xl/worksheets/ or in a commented-out relationship', () => {
    const parts = handWrittenXlsxParts({
      sheets: [sheetAt('xl/data/s.xml', 'data/s.xml', '<row r="1"/>')],
      sheetRelationship: (id, target) =>
        `<!-- <Relationship Id="x" Type="${WORKSHEET}" Target="worksheets/sheet9.xml"/> -->${plain(id, target)}`,
    });
    const withOrphan = zipFile([
      ...parts,
      { name: 'xl/worksheets/sheet9.xml', data: Buffer.from(worksheetXml(THREE_ROWS)) },
    ]);
    expect(rowsOf(withOrphan)).toBe(1);
  });

  it('finds a workbook outside xl/ through the package relationships, and reads its 1904 date flag there', () => {
    const buffer = handWrittenXlsx({
      workbookPath: 'book/main.xml',
      date1904: true,
      sheets: [sheetAt('book/sheets/s.xml', 'sheets/s.xml', THREE_ROWS)],
    });
    expect(guardZip(buffer)).toEqual({
      binary: false,
      date1904: true,
      sheets: [{ part: 'book/sheets/s.xml', rows: 3, columns: 0 }],
    });
  });

  it('still counts the sheets of xl/workbook.xml when the package names another workbook (the reader reads that fixed path)', () => {
    const elsewhere = handWrittenXlsxParts({
      workbookPath: 'book/main.xml',
      sheets: [sheetAt('book/s.xml', 's.xml', '<row r="1"/>')],
    });
    const usual = handWrittenXlsxParts({ sheets: [sheetAt('xl/big.xml', 'big.xml', THREE_ROWS)] }).filter((part) =>
      part.name.startsWith('xl/'),
    );
    expect(rowsOf(zipFile([...elsewhere, ...usual]))).toBe(3);
  });

  it('takes the workbook at xl/workbook.xml when the package has no relationships part', () => {
    const parts = handWrittenXlsxParts({
      date1904: true,
      sheets: [sheetAt('xl/data/s.xml', 'data/s.xml', THREE_ROWS)],
    });
    expect(guardZip(zipFile(parts.filter((part) => part.name !== '_rels/.rels')))).toEqual({
      binary: false,
      date1904: true,
      sheets: [{ part: 'xl/data/s.xml', rows: 3, columns: 0 }],
    });
  });

  it('tells an xlsb by its workbook part, named by the package or at its usual place, and measures its sheets by their records', () => {
    const file = xlsbFile([{ name: 'a', rows: [['客户号', '客户名称'], [], ['C1', '王芳']] }]);
    const facts = { binary: true, date1904: false, sheets: [{ part: SHEET_BIN, rows: 3, columns: 2, linkedCells: 0 }] };
    expect(guardZip(file)).toEqual(facts);
    expect(guardZip(zipFile(zipParts(file).filter((part) => part.name !== '_rels/.rels')))).toEqual(facts);
  });

  it('refuses two entries that name the same part once "." and ".." are resolved', () => {
    const parts = handWrittenXlsxParts({ sheets: [sheetAt('xl/data/s.xml', 'data/s.xml', '<row r="1"/>')] });
    const twice = zipFile([...parts, { name: 'xl/./data/../data/S.xml', data: Buffer.from(worksheetXml(THREE_ROWS)) }]);
    expect(() => guardZip(twice)).toThrow(/部件名称重复/);
  });
});

describe('the directory must agree with the local entries, which the reader streams without reading the directory', () => {
  const THIRTY_ROWS = Array.from(
    { length: 30 },
    (_, i) => `<row r="${i + 1}"><c r="A${i + 1}"><v>${i}</v></c></row>`,
  ).join('');
  const TAMPERED = /zip 目录与文件内容不一致（可能被篡改）/;
  const parts = () =>
    handWrittenXlsxParts({ sheets: [sheetAt('xl/worksheets/sheet1.xml', 'worksheets/sheet1.xml', '<row r="1"/>')] });

  it('refuses a sheet renamed in the directory only, which the reader still reads under its local name', () => {
    const renamed = renamedInDirectoryOnly(
      oneSheet(THIRTY_ROWS),
      'xl/worksheets/sheet1.xml',
      'xl/worksheets/sheet9.xml',
    );
    expect(() => guardZip(renamed)).toThrow(
      /zip 目录与文件内容不一致（可能被篡改）：部件 xl\/worksheets\/sheet9\.xml 的本地文件名与目录不符/,
    );
  });

  it('refuses an entry the directory does not list, between two it does (the reader would take it for the sheet)', () => {
    const hidden = zipFile([
      ...parts(),
      { name: 'xl/worksheets/sheet1.xml', data: Buffer.from(worksheetXml(THIRTY_ROWS)) },
      { name: 'docProps/app.xml', data: Buffer.from('<Properties/>') },
    ]);
    expect(() => guardZip(withUnlistedEntry(hidden, parts().length))).toThrow(
      /被篡改）：部件 docProps\/app\.xml 之前有目录未列出的内容/,
    );
  });

  it('refuses an unlisted entry after the last listed one, and bytes between the directory and its end record', () => {
    const trailing = zipFile([
      ...parts(),
      { name: 'xl/worksheets/sheet1.xml', data: Buffer.from(worksheetXml(THIRTY_ROWS)) },
    ]);
    expect(() => guardZip(withUnlistedEntry(trailing, parts().length))).toThrow(/目录之前有未列出的内容/);
    const zip = oneSheet('<row r="1"/>');
    const end = zip.length - 22;
    const local = zip.subarray(0, zip.readUInt32LE(end + 16));
    expect(() => guardZip(Buffer.concat([zip.subarray(0, end), local, zip.subarray(end)]))).toThrow(
      /目录记录之后还有内容/,
    );
  });

  it('refuses two directory records for one local entry', () => {
    const zip = oneSheet('<row r="1"/>');
    const directory = zip.readUInt32LE(zip.length - 22 + 16);
    const secondRecord = directory + 46 + zip.readUInt16LE(directory + 28);
    zip.writeUInt32LE(0, secondRecord + 42);
    expect(() => guardZip(zip)).toThrow(/被篡改）：部件 xl\/workbook\.xml 与前一部件重叠/);
  });

  it.each([
    ['compression method', 8, 0, /压缩方式与目录不符/],
    ['flags', 6, 0x800, /标志位与目录不符/],
    ['compressed size', 18, 1, /CRC 或大小与目录不符/],
  ])('refuses a local header that differs from the directory in its %s', (_, offset, value, message) => {
    const zip = oneSheet('<row r="1"/>');
    zip.writeUInt16LE(value, offset);
    expect(() => guardZip(zip)).toThrow(message);
  });

  it('reads parts whose CRC and sizes follow their data (the streaming writer of our own exports), and refuses a descriptor that disagrees', async () => {
    const streamed = await streamedXlsx('三月', [
      ['客户号', '月日均（元）'],
      ['0510001', 123.45],
    ]);
    expect(streamed.readUInt16LE(6) & 0x8).toBe(0x8);
    expect(guardZip(streamed).sheets).toEqual([{ part: 'xl/worksheets/sheet1.xml', rows: 2, columns: 2 }]);
    const descriptor = streamed.indexOf(Buffer.from([0x50, 0x4b, 0x07, 0x08]));
    const wrongCrc = Buffer.from(streamed);
    wrongCrc[descriptor + 4] ^= 1;
    expect(() => guardZip(wrongCrc)).toThrow(/数据描述符与目录不符/);
    expect(() => guardZip(wrongCrc)).toThrow(TAMPERED);
  });
});
