import { describe, expect, it } from 'vitest';
import { handWrittenXlsxParts, worksheetXml, allRows } from '../../../../tests/helpers/sheets';
import { xlsxFile, zipFile } from '../../../../tests/fixtures/spreadsheets';
import { DEFAULT_READ_LIMITS, readWorkbook } from './read-workbook';
import { isDateFormat } from './xlsx-styles';

const STYLES = `<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
  <numFmts count="3"><numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/>
    <numFmt numFmtId="165" formatCode="0.00%"/><numFmt numFmtId="166" formatCode="[$-804]yyyy/m/d h:mm;@"/></numFmts>
  <cellStyleXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/></cellStyleXfs>
  <cellXfs count="6"><xf numFmtId="0" xfId="0"/><xf numFmtId="14" xfId="0"/><xf numFmtId="164" xfId="0"/>
    <xf numFmtId="165" xfId="0"/><xf numFmtId="166" xfId="0"/><xf xfId="1"/></cellXfs>
</styleSheet>`;

/** An xlsx of one sheet `表` around the given rows, with shared strings and styles parts when given. */
function workbook(
  rowsXml: string,
  parts: { sharedStrings?: string; styles?: string; date1904?: boolean } = {},
): Buffer {
  const extra = [
    ...(parts.sharedStrings ? [{ name: 'xl/sharedStrings.xml', data: Buffer.from(parts.sharedStrings) }] : []),
    ...(parts.styles ? [{ name: 'xl/styles.xml', data: Buffer.from(parts.styles) }] : []),
  ];
  return zipFile([
    ...handWrittenXlsxParts({
      sheets: [
        { name: '表', path: 'xl/worksheets/sheet1.xml', target: 'worksheets/sheet1.xml', xml: worksheetXml(rowsXml) },
      ],
      date1904: parts.date1904,
    }),
    ...extra,
  ]);
}

const rowsOf = async (file: Buffer) => allRows((await readWorkbook(file, '月报.xlsx')).sheets[0]);
const sst = (items: string[]) =>
  `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${items.map((item) => `<si>${item}</si>`).join('')}</sst>`;

describe('the xlsx scanner', () => {
  it('decodes character references in text and attributes: named, decimal and hex', async () => {
    const rows = await rowsOf(
      workbook(
        '<row r="1"><c r="A1" t="inlineStr"><is><t>王&amp;李 &lt;&#x4E2D;&#20013;&gt; &quot;&apos;</t></is></c><c r="B1" t="s"><v>0</v></c></row>',
        { sharedStrings: sst(['<t>A&amp;B &#x26;amp;</t>']) },
      ),
    );
    expect(rows).toEqual([['王&李 <中中> "\'', 'A&B &amp;']]);
  });

  it('keeps the text of xml:space="preserve" runs and trims the cell, reading Excel’s _xHHHH_ escapes', async () => {
    const rows = await rowsOf(
      workbook(
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>',
        {
          sharedStrings: sst([
            '<t xml:space="preserve">  王芳  </t>',
            '<t xml:space="preserve">   </t>',
            '<t>a_x000D_b _x005F_x0041_</t>',
          ]),
        },
      ),
    );
    expect(rows).toEqual([['王芳', null, 'a\rb _x0041_']]);
  });

  it('joins rich-text runs (<r><t>), in shared strings and inline strings, leaving out phonetic runs', async () => {
    const rich =
      '<r><rPr><b/></rPr><t>王</t></r><r><t xml:space="preserve">晓 </t></r><r><t>明</t></r><rPh sb="0" eb="1"><t>おう</t></rPh>';
    const rows = await rowsOf(
      workbook(`<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is>${rich}</is></c></row>`, {
        sharedStrings: sst([rich]),
      }),
    );
    expect(rows).toEqual([['王晓 明', '王晓 明']]);
  });

  it('reads cells without r= as the cell after the one before, and rows without r= as the row after', async () => {
    const rows = await rowsOf(
      workbook(
        '<row><c t="inlineStr"><is><t>客户号</t></is></c><c t="inlineStr"><is><t>客户名称</t></is></c></row>' +
          '<row><c><v>510001</v></c><c/><c t="inlineStr"><is><t>王芳</t></is></c></row>' +
          '<row r="5"><c r="B5"><v>7</v></c><c><v>8</v></c></row>',
      ),
    );
    expect(rows).toEqual([
      ['客户号', '客户名称', null],
      [{ number: '510001' }, null, '王芳'],
      [null, null, null],
      [null, null, null],
      [null, { number: '7' }, { number: '8' }],
    ]);
  });

  it('fills in empty rows and self-closing cells, and drops empty rows and columns at the end', async () => {
    const rows = await rowsOf(
      workbook(
        '<row r="2"><c r="A2" s="0"/><c r="B2"><v>1</v></c><c r="D2" s="0"/></row><row r="3"/>' +
          '<row r="4"><c r="A4" t="inlineStr"><is><t>x</t></is></c></row><row r="6"><c r="C6" s="0"/></row><row r="7"/>',
        { styles: STYLES },
      ),
    );
    expect(rows).toEqual([
      [null, null],
      [null, { number: '1' }],
      [null, null],
      ['x', null],
    ]);
  });

  it('reads booleans as TRUE/FALSE, error values and formulas without a cached value as empty, numbers as their text', async () => {
    const rows = await rowsOf(
      workbook(
        '<row r="1"><c r="A1" t="b"><v>1</v></c><c r="B1" t="b"><v>0</v></c><c r="C1" t="e"><f>1/0</f><v>#DIV/0!</v></c>' +
          '<c r="D1" t="str"><f>A1</f></c><c r="E1" t="str"><f>B1</f><v>算出</v></c><c r="F1"><v>0.1000</v></c><c r="G1" t="n"><v>1.5E+3</v></c></row>',
      ),
    );
    expect(rows).toEqual([['TRUE', 'FALSE', null, null, '算出', { number: '0.1000' }, { number: '1.5E+3' }]]);
  });

  it('reads a number as a date when its style’s format is a date, in the 1900 and the 1904 date system', async () => {
    const cells =
      '<row r="1"><c r="A1" s="1"><v>43466</v></c><c r="B1" s="2"><v>43466</v></c><c r="C1" s="3"><v>43466</v></c>' +
      '<c r="D1" s="4"><v>43466.5</v></c><c r="E1" s="5"><v>43466</v></c><c r="F1" s="0"><v>43466</v></c><c r="G1" t="d"><v>2019-01-01T00:00:00Z</v></c></row>';
    const day = new Date(Date.UTC(2019, 0, 1));
    expect(await rowsOf(workbook(cells, { styles: STYLES }))).toEqual([
      [day, day, { number: '43466' }, new Date(Date.UTC(2019, 0, 1, 12)), day, { number: '43466' }, day],
    ]);
    const [[in1904]] = await rowsOf(workbook(cells, { styles: STYLES, date1904: true }));
    expect(in1904).toEqual(new Date(Date.UTC(2023, 0, 2)));
    // A workbook SheetJS writes with the 1904 flag: the date it wrote comes back.
    const sheetJs = xlsxFile([{ name: 'a', rows: [[new Date(Date.UTC(2024, 2, 31))]] }], { date1904: true });
    expect(await rowsOf(sheetJs)).toEqual([[new Date(Date.UTC(2024, 2, 31))]]);
  });

  it('tells date formats from number formats', () => {
    for (const format of [
      'yyyy-mm-dd',
      'yyyy"年"m"月"d"日"',
      '[$-804]yyyy/m/d h:mm;@',
      'hh:mm:ss.000',
      '[h]:mm',
      'mmm-yy',
    ])
      expect(isDateFormat(format), format).toBe(true);
    for (const format of ['0.00%', '#,##0.00', '0.00"元"', '@', 'General', '[Red]0.0'])
      expect(isDateFormat(format), format).toBe(false);
  });

  it('reads a long shared-string table (200,000 strings) by index', async () => {
    const count = 200_000;
    const items = Array.from({ length: count }, (_, i) => `<t>客户${i}</t>`);
    const rowsXml = Array.from(
      { length: 1000 },
      (_, r) => `<row r="${r + 1}"><c r="A${r + 1}" t="s"><v>${count - 1 - r * 199}</v></c></row>`,
    ).join('');
    const rows = await rowsOf(workbook(rowsXml, { sharedStrings: sst(items) }));
    expect(rows).toHaveLength(1000);
    expect(rows[0]).toEqual([`客户${count - 1}`]);
    expect(rows[999]).toEqual([`客户${count - 1 - 999 * 199}`]);
  });

  it('refuses a cell its type cannot hold, naming the file, sheet and cell', async () => {
    for (const cell of [
      '<c r="C2" t="s"><v>9</v></c>',
      '<c r="C2" t="b"><v>yes</v></c>',
      '<c r="C2" t="x"><v>1</v></c>',
      '<c r="C2" s="7"><v>1</v></c>',
    ])
      await expect(
        readWorkbook(
          workbook(`<row r="2">${cell}</row>`, { sharedStrings: sst(['<t>a</t>']), styles: STYLES }),
          '月报.xlsx',
        ),
      ).rejects.toMatchObject({
        code: 'IMPORT_REJECTED',
        message: '文件被拒绝：文件“月报.xlsx”工作表“表”第 2 行 C2 单元格：单元格的值与其类型不符',
      });
  });

  it('refuses rows and cells out of order, naming where', async () => {
    await expect(
      readWorkbook(
        workbook('<row r="3"><c r="A3"><v>1</v></c></row><row r="2"><c r="A2"><v>1</v></c></row>'),
        'a.xlsx',
      ),
    ).rejects.toMatchObject({ message: expect.stringContaining('工作表“表”第 2 行 A2 单元格：单元格顺序错乱') });
    await expect(
      readWorkbook(workbook('<row r="3"><c r="B3"><v>1</v></c><c r="A3"><v>1</v></c></row>'), 'a.xlsx'),
    ).rejects.toMatchObject({ message: expect.stringContaining('第 3 行 A3 单元格：单元格顺序错乱') });
  });

  it('refuses a row past the column limit that cells without r= reach, as read', async () => {
    const wide = `<row r="1">${'<c t="b"><v>1</v></c>'.repeat(16_385)}</row>`;
    await expect(readWorkbook(workbook(wide), 'a.xlsx')).rejects.toMatchObject({
      message: expect.stringContaining('超出 Excel 的最后一列 XFD'),
    });
    await expect(
      readWorkbook(workbook(`<row>${'<c t="b"><v>1</v></c>'.repeat(100)}</row>`.repeat(3)), 'a.xlsx', {
        ...DEFAULT_READ_LIMITS,
        maxCells: 250,
      }),
    ).rejects.toMatchObject({ message: expect.stringContaining('约 3 行 × 100 列，超过 250 个单元格的上限') });
  });
});
