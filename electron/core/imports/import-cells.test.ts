import { describe, expect, it } from 'vitest';
import {
  excelSerialDate,
  parseCustomerNo,
  parseDate,
  parseIdNumber,
  parseMobile,
  parseMoney,
  parseMonth,
  plainDecimal,
  type Cell,
} from './import-cells';
import { residentIdCheckChar } from '../customers/resident-id';

const num = (text: string): Cell => ({ number: text });
const value = <T>(parsed: { ok: boolean; value?: T }) => (parsed.ok ? parsed.value : 'ERROR');

describe('money to 分, exactly', () => {
  it.each<[Cell, 'yuan' | 'wan', number | null | 'ERROR']>([
    ['1,234.50', 'yuan', 123_450],
    [' 1 234.5 ', 'yuan', 123_450],
    ['¥600', 'yuan', 60_000],
    ['0.1', 'wan', 100_000],
    ['123.456789', 'wan', 123_456_789],
    ['123.4567891', 'wan', 'ERROR'], // finer than one 分
    ['12.345', 'yuan', 'ERROR'],
    [num('1234.5699999999999'), 'yuan', 123_457], // binary noise from Excel, rounded to the 分
    [num('0.30000000000000004'), 'wan', 300_000],
    [num('1.5E+3'), 'yuan', 150_000],
    [num('12.345'), 'yuan', 'ERROR'], // a real extra decimal, not noise
    ['-12.5', 'yuan', -1_250],
    ['abc', 'yuan', 'ERROR'],
    ['12元', 'yuan', 1_200],
    ['', 'yuan', null],
    [new Date(0), 'yuan', 'ERROR'],
  ])('%j in %s → %s', (cell, unit, expected) => {
    expect(value(parseMoney(cell, unit))).toBe(expected);
  });

  it('reads every plain amount exactly, up to 13 integer digits (the fast path)', () => {
    let seed = 7;
    const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    const samples = [999_999_999_999_999, -999_999_999_999_999, 1, -1, 10, 99, 100, 0];
    for (let i = 0; i < 100_000; i++) samples.push(Math.floor((random() - 0.5) * 2 * 1e15));
    for (const fen of samples) {
      const abs = Math.abs(fen);
      const text = `${fen < 0 ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
      expect(value(parseMoney(text, 'yuan'))).toBe(fen);
    }
  });

  it('writes numbers without exponent exactly', () => {
    expect(plainDecimal('1.10101E+17')).toBe('110101000000000000');
    expect(plainDecimal('1.5E-3')).toBe('0.0015');
    expect(plainDecimal('-0012.500')).toBe('-12.5');
  });
});

describe('months and dates in every form head office sends', () => {
  it.each<[Cell, string | null | 'ERROR']>([
    ['2024-03', '2024-03'],
    ['2024/3', '2024-03'],
    ['2024年3月', '2024-03'],
    ['2024.03', '2024-03'],
    ['202403', '2024-03'],
    [num('202403'), '2024-03'],
    ['2024-03-31', '2024-03'],
    [new Date(Date.UTC(2024, 2, 1)), '2024-03'],
    [num('45352'), '2024-03'], // 1900 system: 2024-03-01
    ['2024-13', 'ERROR'],
    [num('60'), 'ERROR'], // 1900-02-29 never was
    ['三月', 'ERROR'],
    ['', null],
  ])('%j → %s', (cell, expected) => {
    expect(value(parseMonth(cell, false))).toBe(expected);
  });

  it('reads Excel serials in both date systems', () => {
    expect(value(excelSerialDate(1, false))).toBe('1900-01-01');
    expect(value(excelSerialDate(59, false))).toBe('1900-02-28');
    expect(value(excelSerialDate(61, false))).toBe('1900-03-01');
    expect(value(excelSerialDate(45352, false))).toBe('2024-03-01');
    expect(value(excelSerialDate(43890, true))).toBe('2024-03-01'); // 1904 system: 1462 days fewer
    expect(value(excelSerialDate(60, true))).toBe('1904-03-01');
  });

  it.each<[Cell, string | null | 'ERROR']>([
    ['2024-02-29', '2024-02-29'],
    ['2023-02-29', 'ERROR'],
    ['2024/3/5', '2024-03-05'],
    ['2024年3月5日', '2024-03-05'],
    ['20240305', '2024-03-05'],
    ['2024-03-05 00:00:00', '2024-03-05'],
  ])('date %j → %s', (cell, expected) => {
    expect(value(parseDate(cell, false))).toBe(expected);
  });
});

describe('ID numbers and mobiles', () => {
  const valid = `11010519491231002${residentIdCheckChar('11010519491231002')}`;
  it.each<[Cell, string | null | 'ERROR']>([
    [valid, valid],
    [valid.toLowerCase(), valid],
    [`${valid.slice(0, 17)}${valid[17] === '1' ? '2' : '1'}`, 'ERROR'], // check character
    [`110105${'19491331'}002X`, 'ERROR'], // month 13
    ['110105491231002', `110105194912310020`.slice(0, 17) + residentIdCheckChar('11010519491231002')], // legacy 15 → 18
    ['1.10105E+17', 'ERROR'], // text copied from a number cell
    [num('110105194912310000'), 'ERROR'], // stored as a number: digits lost
    ['12345', 'ERROR'],
    ['', null],
  ])('%j → %s', (cell, expected) => {
    expect(value(parseIdNumber(cell))).toBe(expected);
  });

  it.each<[Cell, string | null | 'ERROR']>([
    ['138 0013 8000', '13800138000'],
    ['+86 138-0013-8000', '13800138000'],
    ['8613800138000', '13800138000'],
    ['12800138000', 'ERROR'],
    ['1380013800', 'ERROR'],
  ])('mobile %j → %s', (cell, expected) => {
    expect(value(parseMobile(cell))).toBe(expected);
  });
});

describe('customer numbers', () => {
  it.each<[Cell, string | null | 'ERROR']>([
    ['0510001', '0510001'],
    ['E2E0001', 'E2E0001'], // letters and digits, not an exponent
    ['5.10001E+6', 'ERROR'], // a number cell shown in scientific notation
    ['客户1', 'ERROR'],
    ['', null],
  ])('%j → %s', (cell, expected) => {
    expect(value(parseCustomerNo(cell))).toBe(expected);
  });
});
