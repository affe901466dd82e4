import { describe, expect, it } from 'vitest';
import {
  fenToDecimal,
  formatHeadline,
  formatMonthTitle,
  formatPercent,
  formatWan,
  formatYi,
  formatYuan,
  parseAmountToFen,
} from './format';

describe('money formatting', () => {
  it.each([
    [0, '0.00'],
    [1, '0.01'],
    [123456789, '1,234,567.89'],
    [-50, '-0.50'],
    [100000000000, '1,000,000,000.00'],
  ])('formatYuan(%d) = %s', (fen, text) => expect(formatYuan(fen)).toBe(text));

  it.each([
    [600_000_000, '600.00万'],
    [48_210_000_000 / 100, '482.10万'],
    [5_000, '0.01万'], // half up
    [4_999, '0.00万'],
    [123_456_789_000, '123,456.79万'],
  ])('formatWan(%d) = %s', (fen, text) => expect(formatWan(fen)).toBe(text));

  it('formats headline figures in 亿 from one 亿 up', () => {
    expect(formatYi(1_512_000_000_000)).toBe('151.20亿');
    expect(formatHeadline(151_200_000_000)).toBe('15.12亿');
    expect(formatHeadline(58_500_000)).toBe('58.50万');
  });

  it('formats percentages and month titles', () => {
    expect(formatPercent(0.1234)).toBe('12.3%');
    expect(formatMonthTitle('2024-03')).toBe('2024年3月');
  });
});

describe('fenToDecimal', () => {
  it('writes 分 as exact plain decimals in 元 and 万元', () => {
    expect(fenToDecimal(123456789, 'yuan')).toBe('1234567.89');
    expect(fenToDecimal(5, 'yuan')).toBe('0.05');
    expect(fenToDecimal(-250, 'yuan')).toBe('-2.50');
    expect(fenToDecimal(0, 'yuan')).toBe('0.00');
    expect(fenToDecimal(612_340_000, 'wan')).toBe('612.34');
    expect(fenToDecimal(1, 'wan')).toBe('0.000001');
    expect(fenToDecimal(3_000_000, 'wan')).toBe('3');
    // Beyond what a float prints exactly after division.
    expect(fenToDecimal(9_007_199_254_740_991, 'yuan')).toBe('90071992547409.91');
  });
});

describe('parseAmountToFen', () => {
  it.each([
    ['600', 'wan', 600_000_000],
    ['1,234.56', 'yuan', 123_456],
    ['0.000001', 'wan', 1],
    ['-12.5', 'yuan', -1_250],
    ['482.1', 'wan', 482_100_000],
    ['1.500', 'yuan', 150], // zeros past the 分 are not digits of it
  ] as const)('parses %s %s exactly', (text, unit, fen) => expect(parseAmountToFen(text, unit)).toBe(fen));

  it.each([['abc'], ['1.234'], [''], ['1e5'], ['12..3']])('rejects %s', (text) =>
    expect(parseAmountToFen(text, 'yuan')).toBeNull(),
  );
});
