import { describe, expect, it } from 'vitest';
import {
  fenToDecimal,
  formatAmount,
  formatCount,
  formatHeadline,
  formatMoney,
  formatThreshold,
  formatThresholdAmount,
  formatMonthTitle,
  formatPercent,
  formatWan,
  formatYi,
  formatYuan,
  moneyUnitName,
  parseAmountToFen,
  withUnit,
  type MoneyUnit,
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

describe('one unit per column', () => {
  it.each([
    // fen, unit, in the column, in Chinese text, in English text
    [123_456_789, 'yuan', '1,234,567.89', '1,234,567.89元', '1,234,567.89 CNY'],
    [123_456_789, 'wan', '123.46', '123.46万', '123.46 CNY 10k'],
    [123_456_789, 'yi', '0.01', '0.01亿', '0.01 CNY 100m'],
    [5_638_480_000, 'wan', '5,638.48', '5,638.48万', '5,638.48 CNY 10k'],
    [1_512_000_000_000, 'wan', '1,512,000.00', '1,512,000.00万', '1,512,000.00 CNY 10k'],
    [1_512_000_000_000, 'yi', '151.20', '151.20亿', '151.20 CNY 100m'],
    [-4_000_000, 'wan', '-4.00', '-4.00万', '-4.00 CNY 10k'],
    [-4_999, 'wan', '0.00', '0.00万', '0.00 CNY 10k'], // rounds to zero: no minus sign
    [-123_456, 'yuan', '-1,234.56', '-1,234.56元', '-1,234.56 CNY'],
    [0, 'yuan', '0.00', '0.00元', '0.00 CNY'],
    [0, 'yi', '0.00', '0.00亿', '0.00 CNY 100m'],
  ] as const)('%d in %s: %s, %s, %s', (fen, unit, column, zh, en) => {
    expect(formatAmount(fen, unit)).toBe(column);
    expect(formatMoney(fen, unit, 'zh-CN')).toBe(zh);
    expect(formatMoney(fen, unit, 'en')).toBe(en);
  });

  it('shows a figure not shown as a dash in every unit', () => {
    for (const unit of ['yuan', 'wan', 'yi'] as const) {
      expect(formatAmount(null, unit)).toBe('—');
      expect(formatMoney(null, unit, 'en')).toBe('—');
    }
  });

  it.each([
    ['yuan', '元', 'CNY', '月日均（元）', 'Avg daily balance (CNY)'],
    ['wan', '万元', 'CNY 10k', '月日均（万元）', 'Avg daily balance (CNY 10k)'],
    ['yi', '亿元', 'CNY 100m', '月日均（亿元）', 'Avg daily balance (CNY 100m)'],
  ] as const)('names %s in headers: %s / %s', (unit, zh, en, zhHeader, enHeader) => {
    expect(moneyUnitName(unit, 'zh-CN')).toBe(zh);
    expect(moneyUnitName(unit, 'en')).toBe(en);
    expect(withUnit('月日均', unit, 'zh-CN')).toBe(zhHeader);
    expect(withUnit('Avg daily balance', unit, 'en')).toBe(enHeader);
  });

  it('puts the unit inside brackets a header already ends with', () => {
    expect(withUnit('门槛（月日均）', 'wan', 'zh-CN')).toBe('门槛（月日均，万元）');
    expect(withUnit('Threshold (avg. AUM)', 'yi', 'en')).toBe('Threshold (avg. AUM, CNY 100m)');
  });

  it.each([
    // thresholds are round and exact: no ".00", and never rounded to a different amount
    [600_000_000, 'wan', '600', '600万', '600 CNY 10k'],
    [600_000_000, 'yi', '0.06', '0.06亿', '0.06 CNY 100m'],
    [600_000_000, 'yuan', '6,000,000', '6,000,000元', '6,000,000 CNY'],
    [5_000_000, 'yi', '0.0005', '0.0005亿', '0.0005 CNY 100m'],
    [55_000_000, 'wan', '55', '55万', '55 CNY 10k'],
    [5_500_000, 'wan', '5.5', '5.5万', '5.5 CNY 10k'],
    [123_456, 'wan', '0.123456', '0.123456万', '0.123456 CNY 10k'],
    [100_000_000_000_000, 'wan', '100,000,000', '100,000,000万', '100,000,000 CNY 10k'],
    [0, 'wan', '0', '0万', '0 CNY 10k'],
    [-50_000_000, 'wan', '-50', '-50万', '-50 CNY 10k'],
  ] as const)('threshold %d in %s: %s, %s, %s', (fen, unit: MoneyUnit, column, zh, en) => {
    expect(formatThresholdAmount(fen, unit)).toBe(column);
    expect(formatThreshold(fen, unit, 'zh-CN')).toBe(zh);
    expect(formatThreshold(fen, unit, 'en')).toBe(en);
  });

  it.each([
    [0, '0'],
    [999, '999'],
    [1_000, '1,000'],
    [20_000, '20,000'],
    [-1_234_567, '-1,234,567'],
    [12.5, '12.5'],
  ])('counts: %d → %s', (n, text) => expect(formatCount(n)).toBe(text));
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
