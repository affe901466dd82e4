import { describe, expect, it } from 'vitest';
import { worksheetXml } from '../../../../tests/helpers/sheets';
import { measureSheet } from './sheet-extent';

/** A worksheet around the given rows, measured as the reader will lay it out. */
const extentOf = (rowsXml: string) => measureSheet(Buffer.from(worksheetXml(rowsXml)));

describe('rows are counted on every row tag, however it is spelled', () => {
  it.each([
    ['plain, with cells', '<row r="1"><c r="A1"><v>1</v></c></row><row r="2"></row>', 2],
    ['self-closing, with and without attributes', '<row/><row r="2"/><row />', 3],
    [
      'a tab, a line feed, CR LF, a form feed or a vertical tab after the name',
      '<row\tr="1"/><row\nr="2"/><row\r\nr="3"/><row\fr="4"/><row\vr="5"/>',
      5,
    ],
    [
      'a namespace prefix, even an unusual one',
      '<x:row r="1"/><x14ac:row r="2"></x14ac:row><ns-1.a_b:row>\n</ns-1.a_b:row><:row/>',
      4,
    ],
    [
      'none: other tags starting with "row", end tags, "row" as text',
      '<rows count="9"/><rowBreaks count="1"><brk id="3"/></rowBreaks><x:rowFields/><rowItems/></row></x:row><c t="inlineStr"><is><t>row &lt;row </t></is></c>',
      0,
    ],
  ])('%s', (_, rowsXml, rows) => {
    expect(extentOf(rowsXml).rows).toBe(rows);
  });
});

describe('a sheet is measured as its reader lays it out: skipped row numbers filled in, every row as wide as the rightmost cell', () => {
  it.each([
    [
      'a second row numbered 1,100,000',
      '<row r="1"><c r="A1"><v>1</v></c></row><row r="1100000"><c r="A1100000"><v>2</v></c></row>',
      1_100_000,
      1,
    ],
    ['rows after a numbered one follow on from it', '<row r="5"/><row/><row/>', 7, 0],
    ["a row without a number takes its cell's row", '<row/><row><c r="B1100000"><v>1</v></c></row>', 1_100_000, 2],
    ["a cell's row counts even when its row says less", '<row r="1"><c r="A1100000"><v>1</v></c></row>', 1_100_000, 1],
    [
      'numbers in single quotes, prefixed, as references, with an exponent or spaces',
      '<row x:r=\'10\'/><row r="&#50;0"/><row r=" 3e1 "/>',
      30,
      0,
    ],
    ['a number no memory holds', '<row r="1e400"/>', Infinity, 0],
    [
      'a second <sheetData>, where the reader counts afresh but keeps the rows it has passed on',
      '<row r="5"/></sheetData><sheetData><row r="5"/>',
      10,
      0,
    ],
    ['column XFD', '<row r="1"><c r="A1"><v>1</v></c><c r="XFD1"><v>2</v></c></row>', 1, 16_384],
    ['a lower-case letter, read as the reader reads it (a = 33)', '<row r="1"><c r="a1"><v>1</v></c></row>', 1, 33],
    ['a column written with a character reference', '<row r="1"><c r="&#88;FD1"><v>1</v></c></row>', 1, 16_384],
    [
      'nothing in comments or CDATA, which the reader skips',
      '<!-- <row r="1100000"><c r="XFD1100000"/></row> --><row r="2"/><![CDATA[<row r="99"/>]]>',
      2,
      0,
    ],
  ])('%s', (_, rowsXml, rows, columns) => {
    expect(extentOf(rowsXml)).toMatchObject({ rows, columns });
  });
});
