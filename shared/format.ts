/**
 * Money and date formatting shared by the UI and exports. Money is integer 分 (fen) everywhere;
 * it is only turned into text here, at the edge, with integer arithmetic so nothing is lost.
 */

const FEN_PER_YUAN = 100;
const FEN_PER_WAN = 1_000_000;
const FEN_PER_YI = 10_000_000_000;

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Divides |fen| by `unit` and rounds half up to 2 decimals, returning "int.dd" with separators. */
function scaled(fen: number, unit: number): string {
  const abs = Math.abs(fen);
  const hundredths = unit / 100;
  let q = Math.floor(abs / hundredths);
  if ((abs % hundredths) * 2 >= hundredths) q += 1;
  const whole = Math.floor(q / 100);
  const frac = String(q % 100).padStart(2, '0');
  const sign = fen < 0 && q > 0 ? '-' : '';
  return `${sign}${groupThousands(String(whole))}.${frac}`;
}

/** What a money figure not shown (unknown, or withheld from this viewer) reads as. */
export const NOT_SHOWN = '—';

/**
 * The units money is shown in: one per column or figure, chosen by the user (default 万元) and named in the
 * header, so a column never mixes 万 and 亿 (docs/domain.md, "Money on screen").
 */
export const MONEY_UNITS = ['yuan', 'wan', 'yi'] as const;
export type MoneyUnit = (typeof MONEY_UNITS)[number];

const FEN_PER_UNIT: Record<MoneyUnit, number> = { yuan: FEN_PER_YUAN, wan: FEN_PER_WAN, yi: FEN_PER_YI };
/** Decimal places of one 分 in each unit: what an exact figure (a threshold) may need. */
const FEN_PLACES: Record<MoneyUnit, number> = { yuan: 2, wan: 6, yi: 10 };

const UNIT_NAMES: Record<'zh' | 'en', Record<MoneyUnit, string>> = {
  zh: { yuan: '元', wan: '万元', yi: '亿元' },
  en: { yuan: 'CNY', wan: 'CNY 10k', yi: 'CNY 100m' },
};
/** After a figure in Chinese text: `117.90万`, `15.12亿`, `1,234.56元`. */
const ZH_SUFFIX: Record<MoneyUnit, string> = { yuan: '元', wan: '万', yi: '亿' };

const isEnglish = (language: string) => language.startsWith('en');

export function isMoneyUnit(value: unknown): value is MoneyUnit {
  return typeof value === 'string' && (MONEY_UNITS as readonly string[]).includes(value);
}

/** The unit's name for a header: 元 / 万元 / 亿元; in English CNY / CNY 10k / CNY 100m. */
export function moneyUnitName(unit: MoneyUnit, language: string): string {
  return UNIT_NAMES[isEnglish(language) ? 'en' : 'zh'][unit];
}

/**
 * A header naming its column's unit: `月日均（万元）`, `Avg daily balance (CNY 10k)`; a header already ending in
 * brackets gets the unit inside them: `门槛（月日均，万元）`, `Threshold (avg. AUM, CNY 10k)`.
 */
export function withUnit(label: string, unit: MoneyUnit, language: string): string {
  const name = moneyUnitName(unit, language);
  if (isEnglish(language)) return label.endsWith(')') ? `${label.slice(0, -1)}, ${name})` : `${label} (${name})`;
  return label.endsWith('）') ? `${label.slice(0, -1)}，${name}）` : `${label}（${name}）`;
}

/** A figure in a column of `unit` (named in its header): separators, 2 decimals. `123456789`, 万元 → `"123.46"`. */
export function formatAmount(fen: number | null, unit: MoneyUnit): string {
  return fen === null ? NOT_SHOWN : scaled(fen, FEN_PER_UNIT[unit]);
}

/** 分 as an exact decimal of `places` places: all of them kept, or trailing zeros dropped; grouped or plain. */
function exactDecimal(fen: number, places: number, keepZeros: boolean, grouped: boolean): string {
  const digits = String(Math.abs(fen)).padStart(places + 1, '0');
  const whole = digits.slice(0, -places);
  const fraction = keepZeros ? digits.slice(-places) : digits.slice(-places).replace(/0+$/, '');
  return `${fen < 0 ? '-' : ''}${grouped ? groupThousands(whole) : whole}${fraction ? `.${fraction}` : ''}`;
}

/** A threshold in `unit` exactly, without needless decimals: 600万 → `"600"` (万元), `"0.06"` (亿元), 5万 → `"0.0005"`. */
export function formatThresholdAmount(fen: number, unit: MoneyUnit): string {
  return exactDecimal(fen, FEN_PLACES[unit], false, true);
}

/** `figure` followed by its unit, for text outside a column: `117.90万`, `1,234.56元`; `117.90 CNY 10k`. */
function withUnitAfter(figure: string, unit: MoneyUnit, language: string): string {
  return isEnglish(language) ? `${figure} ${UNIT_NAMES.en[unit]}` : `${figure}${ZH_SUFFIX[unit]}`;
}

/** A money figure in text (a sentence, a tooltip, a chip): `482.10万`, `15.12亿`; `482.10 CNY 10k`. */
export function formatMoney(fen: number | null, unit: MoneyUnit, language: string): string {
  return fen === null ? NOT_SHOWN : withUnitAfter(formatAmount(fen, unit), unit, language);
}

/** A threshold in text, round: `600万`, `0.06亿`; `600 CNY 10k`. */
export function formatThreshold(fen: number, unit: MoneyUnit, language: string): string {
  return withUnitAfter(formatThresholdAmount(fen, unit), unit, language);
}

/** A count with thousands separators: `20000` → `"20,000"`. */
export function formatCount(n: number): string {
  return Number.isInteger(n) ? `${n < 0 ? '-' : ''}${groupThousands(String(Math.abs(n)))}` : String(n);
}

/** `123456789` → `"1,234,567.89"` (元). */
export function formatYuan(fen: number | null): string {
  return formatAmount(fen, 'yuan');
}

/** `123456789` → `"123.46万"`. */
export function formatWan(fen: number | null): string {
  return formatMoney(fen, 'wan', 'zh');
}

/** `1512000000000` → `"15.12亿"`. */
export function formatYi(fen: number | null): string {
  return formatMoney(fen, 'yi', 'zh');
}

/** Headline figure: 亿 from one 亿 up, else 万. */
export function formatHeadline(fen: number | null): string {
  return fen !== null && Math.abs(fen) >= FEN_PER_YI ? formatYi(fen) : formatWan(fen);
}

/** 分 as a plain decimal (no separators), exactly: 元 with 2 places, 万元 with up to 6 (trailing zeros dropped). For CSV. */
export function fenToDecimal(fen: number, unit: 'yuan' | 'wan'): string {
  return exactDecimal(fen, FEN_PLACES[unit], unit === 'yuan', false);
}

/** A share as a percentage with one decimal: `0.1234` → `"12.3%"`. */
export function formatPercent(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}

/** `2024-03` → `2024年3月` for titles. */
export function formatMonthTitle(month: string): string {
  const [y, m] = month.split('-');
  return `${y}年${Number(m)}月`;
}

/**
 * A decimal amount (`1,234.5`, `600`) in 元 or 万元 as fen, exactly; or why it is not one: not a plain decimal
 * number, more precise than one fen, or too large.
 */
export function amountToFen(
  text: string,
  unit: 'yuan' | 'wan',
): { fen: number } | { problem: 'format' | 'precision' | 'range' } {
  const cleaned = text.replace(/[,\s]/g, '');
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(cleaned);
  if (!match) return { problem: 'format' };
  const [, sign, whole, frac = ''] = match;
  const decimals = unit === 'yuan' ? 2 : 6;
  if (frac.replace(/0+$/, '').length > decimals) return { problem: 'precision' };
  const fen = Number(whole + frac.padEnd(decimals, '0').slice(0, decimals));
  if (!Number.isSafeInteger(fen)) return { problem: 'range' };
  return { fen: sign === '-' && fen !== 0 ? -fen : fen };
}

/** An amount typed by a person in 元 or 万元 as fen, exactly; null when it is not one (see `amountToFen`). */
export function parseAmountToFen(text: string, unit: 'yuan' | 'wan'): number | null {
  const amount = amountToFen(text, unit);
  return 'fen' in amount ? amount.fen : null;
}

/** A file's size in MB, one decimal: `12.3 MB`. */
export function formatMegabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** An ISO timestamp in the desk's local time: `2026-11-25 11:05`. */
export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
