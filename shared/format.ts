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

/** `123456789` → `"1,234,567.89"` (元). */
export function formatYuan(fen: number | null): string {
  return fen === null ? NOT_SHOWN : scaled(fen, FEN_PER_YUAN);
}

/** `123456789` → `"123.46万"`. */
export function formatWan(fen: number | null): string {
  return fen === null ? NOT_SHOWN : `${scaled(fen, FEN_PER_WAN)}万`;
}

/** `1512000000000` → `"15.12亿"`. */
export function formatYi(fen: number | null): string {
  return fen === null ? NOT_SHOWN : `${scaled(fen, FEN_PER_YI)}亿`;
}

/** Headline figure: 亿 from one 亿 up, else 万. */
export function formatHeadline(fen: number | null): string {
  return fen !== null && Math.abs(fen) >= FEN_PER_YI ? formatYi(fen) : formatWan(fen);
}

/** 分 as a plain decimal (no separators), exactly: 元 with 2 places, 万元 with up to 6 (trailing zeros dropped). For CSV. */
export function fenToDecimal(fen: number, unit: 'yuan' | 'wan'): string {
  const places = unit === 'yuan' ? 2 : 6;
  const digits = String(Math.abs(fen)).padStart(places + 1, '0');
  const fraction = unit === 'yuan' ? digits.slice(-places) : digits.slice(-places).replace(/0+$/, '');
  return `${fen < 0 ? '-' : ''}${digits.slice(0, -places)}${fraction ? `.${fraction}` : ''}`;
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
