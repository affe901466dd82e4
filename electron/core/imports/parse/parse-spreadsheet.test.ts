import { describe, expect, it } from 'vitest';
import { xlsbFile, xlsxFile, type SheetSpec } from '../../../../tests/fixtures/spreadsheets';
import { collectingSink, macroWorkbookXlsm } from '../../../../tests/helpers/sheets';
import { parseSpreadsheet } from './parse-spreadsheet';

const parse = async (fileName: string, bytes: Buffer) => {
  const sink = collectingSink();
  const parsed = await parseSpreadsheet({ fileName, bytes, currentMonth: '2024-04' }, sink);
  return { parsed, records: sink.all };
};

describe('finding the table of a workbook, whatever Excel wrote it as', () => {
  it.each<[string, SheetSpec]>([
    [
      'a customer master (text, dates)',
      {
        name: '客户信息',
        rows: [
          ['客户编号', '姓名', '性别', '手机号码', '开户日期'],
          ['0510001', '王芳', '女', '13800138000', new Date(Date.UTC(2015, 5, 1))],
          ['0510002', '李强', '男', null, new Date(Date.UTC(2024, 2, 15))],
        ],
      },
    ],
    [
      'a monthly report (title, amounts, 合计)',
      {
        name: '三月',
        rows: [
          ['太湖支行金融资产月报 2024年3月'],
          [],
          ['序号', '客户号', '客户名称', '月日均（万元）', '月末余额（万元）'],
          [1, '0510001', '王芳', 650.5, 600],
          [2, '0510002', '李强', '35.25', 30.125],
          ['合计', null, null, 685.75, 630.125],
        ],
      },
    ],
  ])('an xlsb gives the records the xlsx of the same content gives: %s', async (_, sheet) => {
    const xlsx = await parse('a.xlsx', xlsxFile([sheet]));
    const xlsb = await parse('a.xlsb', xlsbFile([sheet]));
    expect(xlsb.parsed.format).toBe('xlsb');
    expect(xlsb.records.length).toBeGreaterThan(0);
    expect(xlsb.records).toEqual(xlsx.records);
    const problems = xlsb.parsed.problems.map((problem) => ({ ...problem, file: 'a.xlsx' }));
    expect({ ...xlsb.parsed, format: 'xlsx', problems }).toEqual(xlsx.parsed);
  });

  it('finds the customer table of a macro workbook past its chart, macro and dialog sheets', async () => {
    const { parsed, records } = await parse(
      '客户信息.xlsm',
      macroWorkbookXlsm('客户信息', [
        ['客户编号', '姓名', '手机号码'],
        ['0510001', '王芳', '13800138000'],
      ]),
    );
    expect(parsed).toMatchObject({ kind: 'customers', sheet: '客户信息', sheets: ['客户信息'], rows: 1 });
    expect(records).toMatchObject([{ customerNo: '0510001', name: '王芳' }]);
  });
});
