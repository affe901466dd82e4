import { describe, expect, it } from 'vitest';
import type { Cell } from './import-cells';
import { columnLetter } from '../../../shared/schemas/imports';
import { detectLayout, normalizeHeader } from './import-layout';
import { duplicateFinder, readRecords, type AssetRecord, type HoldingRecord, type RowContext } from './import-rows';
import { residentIdCheckChar } from '../customers/resident-id';

const n = (text: string): Cell => ({ number: text });
const ID = `11010519491231002${residentIdCheckChar('11010519491231002')}`;
const context: RowContext = {
  file: '月报.xlsx',
  sheet: '三月',
  date1904: false,
  currentMonth: '2024-04',
  titleMonth: '2024-03',
};

/** A monthly report as a branch receives it: title, blank row, 序号, 万元 headers, 合计 and a note. */
const REPORT: Cell[][] = [
  ['太湖支行金融资产月报 2024年3月', null, null, null, null, null],
  [null, null, null, null, null, null],
  ['序号', '客户号', '客户名称', '金融资产月日均（万元）', '储蓄存款月日均(万元)', '理财'],
  [n('1'), '0510001', '王芳', n('123.456789'), n('100'), n('20')],
  [n('2'), '0510002', '李强', '1,234.50', null, null],
  ['合计', null, null, n('1357.956789'), null, null],
  [null, null, null, null, null, null],
  ['注：数据来源于总行数据仓库', null, null, null, null, null],
];

describe('finding the table in a head-office sheet', () => {
  it('skips the title and blank rows, takes units from the headers and the month from the title', () => {
    const layout = detectLayout(REPORT);
    expect(layout).toMatchObject({ headerRow: 2, kind: 'assets', titleMonth: '2024-03' });
    expect(layout?.mapping.map((m) => [m.field, m.unit])).toEqual([
      [null, null],
      ['customerNo', null],
      ['name', null],
      ['aum', 'wan'],
      ['deposit', 'wan'],
      ['wealth', 'yuan'],
    ]);
  });

  it('tells a customer master from a monthly report', () => {
    const layout = detectLayout([['客户编号', '姓名', '性别', '身份证号', '手机号码', '开户日期']]);
    expect(layout?.kind).toBe('customers');
    expect(layout?.mapping.map((m) => m.field)).toEqual([
      'customerNo',
      'name',
      'gender',
      'idNumber',
      'mobile',
      'openedDate',
    ]);
  });

  it('joins a group row of merged cells with the headers below it', () => {
    const rows: Cell[][] = [
      ['客户号', '客户名称', '金融资产（万元）', null, null],
      [null, null, '月日均', '储蓄存款', '理财'],
      ['C1', '王芳', n('10'), n('6'), n('4')],
    ];
    const layout = detectLayout(rows);
    expect(layout).toMatchObject({ headerRow: 1, kind: 'assets' });
    expect(layout?.mapping.map((m) => [m.header, m.field, m.unit])).toEqual([
      ['客户号', 'customerNo', null],
      ['客户名称', 'name', null],
      ['金融资产（万元）月日均', 'aum', 'wan'],
      ['金融资产（万元）储蓄存款', 'deposit', 'wan'],
      ['金融资产（万元）理财', 'wealth', 'wan'],
    ]);
    const records = readRecords('assets', rows, layout?.headerRow ?? 0, layout?.mapping ?? [], context).records;
    expect(records.map((r) => [r.row, r.aumFen, r.depositFen, r.wealthFen])).toEqual([
      [3, 10_000_000, 6_000_000, 4_000_000],
    ]);
  });

  it('finds no header in a sheet of numbers', () => {
    expect(
      detectLayout([
        [n('1'), n('2')],
        [n('3'), n('4')],
      ]),
    ).toBeNull();
  });

  it.each([
    ['月日均（万元）', '月日均', 'wan'],
    ['月日均(元)', '月日均', 'yuan'],
    ['月日均【万元】', '月日均', 'wan'],
    ['Customer No', 'customerno', null],
  ])('normalises %s', (raw, text, unit) => {
    expect(normalizeHeader(raw)).toEqual({ text, unit });
  });

  it('names columns as Excel does', () => {
    expect([0, 25, 26, 701, 702].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'ZZ', 'AAA']);
  });
});

describe('reading the rows', () => {
  it('scales 万元 exactly and passes over 合计, blank rows and notes', () => {
    const layout = detectLayout(REPORT);
    if (!layout) throw new Error('no layout');
    const result = readRecords('assets', REPORT, layout.headerRow, layout.mapping, context);
    expect(result.problems).toEqual([]);
    expect(result.skipped).toBe(3);
    expect(result.records.map((r) => [r.row, r.customerNo, r.month, r.aumFen, r.depositFen, r.wealthFen])).toEqual([
      [4, '0510001', '2024-03', 123_456_789, 100_000_000, 2_000],
      [5, '0510002', '2024-03', 1_234_500_000, null, null],
    ]);
  });

  it('collects every problem with its row, column and value', () => {
    const rows: Cell[][] = [
      ['客户号', '月份', '月日均（元）', '活期存款', '储蓄存款'],
      ['C1', '2024-03', 'abc', null, null],
      ['C2', '2024-05', n('100'), null, null],
      ['C3', '2024-03', n('-5'), null, null],
      ['C4', '2024-03', n('100'), n('80'), n('50')],
      ['C4', '2024年3月', n('100'), null, null],
      [null, '2024-03', n('100'), null, null],
    ];
    const layout = detectLayout(rows);
    if (!layout) throw new Error('no layout');
    const result = readRecords('assets', rows, layout.headerRow, layout.mapping, { ...context, titleMonth: null });
    expect(result.problems.map((p) => [p.severity, p.row, p.column, p.value, p.message])).toEqual([
      ['error', 2, 'C 月日均（元）', 'abc', '月日均：不是有效金额（只能包含数字、小数点和千位分隔符）'],
      ['error', 3, 'B 月份', '2024-05', '月份 2024-05 在未来'],
      ['error', 4, 'C 月日均（元）', '-5', '月日均不能为负数'],
      ['warning', 5, 'D 活期存款', '80', '活期存款超过储蓄存款合计'],
      ['error', 7, 'A 客户号', null, '客户号为空'],
    ]);
    // Duplicates are found where the records are gathered (below).
    expect(result.records.map((r) => [r.customerNo, r.month, r.row])).toEqual([
      ['C4', '2024-03', 5],
      ['C4', '2024-03', 6],
    ]);
  });

  it('finds a record that repeats an earlier one: same customer, in the same month or with the same product', () => {
    const duplicateOf = duplicateFinder();
    const asset = (row: number, customerNo: string, month: string) => ({ row, customerNo, month }) as AssetRecord;
    expect(
      [asset(5, 'C4', '2024-03'), asset(6, 'C4', '2024-04'), asset(9, 'C4', '2024-03')].map(
        (r) => duplicateOf(r)?.message ?? null,
      ),
    ).toEqual([null, null, '客户 C4 的 2024-03在文件中重复：第 5 行和第 9 行']);
    const holdingsDuplicateOf = duplicateFinder();
    const holding = (row: number, productKey: string) => ({ row, customerNo: 'C1', productKey }) as HoldingRecord;
    expect(
      [holding(2, 'W1'), holding(3, 'W2'), holding(4, 'W1')].map((r) => holdingsDuplicateOf(r)?.messageEn ?? null),
    ).toEqual([null, null, 'duplicate in the file: rows 2 and 4']);
  });

  it('reads a customer master: ID checked, birth date and gender from the ID when absent', () => {
    const rows: Cell[][] = [
      ['客户号', '客户名称', '身份证号', '手机号', '风险等级', '开户日期'],
      ['C1', '王芳', ID, '+86 138 0013 8000', '稳健型', n('45352')],
      ['C2', '李强', n('110105194912310000'), null, 'C9', null],
    ];
    const result = readRecords('customers', rows, 0, detectLayout(rows)?.mapping ?? [], context);
    expect(result.records).toEqual([
      expect.objectContaining({
        customerNo: 'C1',
        idNumber: ID,
        birthDate: '1949-12-31',
        gender: 'F',
        mobile: '13800138000',
        riskLevel: 'C2',
        openedDate: '2024-03-01',
      }),
    ]);
    expect(result.problems.map((p) => [p.row, p.column])).toEqual([
      [3, 'C 身份证号'],
      [3, 'E 风险等级'],
    ]);
  });

  it('says which required column is missing', () => {
    const rows: Cell[][] = [
      ['客户号', '客户名称', '储蓄存款'],
      ['C1', '王芳', n('1')],
    ];
    const result = readRecords('assets', rows, 0, detectLayout(rows, 'assets')?.mapping ?? [], {
      ...context,
      titleMonth: null,
    });
    expect(result.problems.map((p) => p.message)).toEqual([
      '缺少必需的列“月日均”；请在列对应中指定',
      '缺少必需的列“月份”（表头上方的标题中也没有“YYYY年M月”）；请在列对应中指定',
    ]);
  });
});
