import { amountToFen } from '../../../shared/format';
import { isValidResidentId, residentIdCheckChar } from '../customers/resident-id';

/**
 * A spreadsheet cell as read: text; a number as the file wrote it (its exact decimal text, never a float);
 * a date (a date-formatted cell); or empty. Keeping numbers as text is what makes 分 exact and what shows an
 * ID number that Excel stored as a number.
 */
export type Cell = string | { number: string } | Date | null;

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string; messageEn: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const bad = <T>(message: string, messageEn: string): Parsed<T> => ({ ok: false, message, messageEn });

export function isNumberCell(cell: Cell): cell is { number: string } {
  return cell !== null && typeof cell === 'object' && !(cell instanceof Date);
}

/** The cell as trimmed text ('' when empty); numbers as written, dates as YYYY-MM-DD. */
export function cellText(cell: Cell): string {
  if (cell === null) return '';
  if (typeof cell === 'string') return cell.trim();
  if (cell instanceof Date) return isoDate(cell);
  return cell.number;
}

export function isBlank(cell: Cell): boolean {
  return cellText(cell) === '';
}

/** Empty or only white space (a printable ASCII first character answers at once: this runs on every cell). */
export function isBlankText(text: string): boolean {
  const first = text.charCodeAt(0);
  return !(first > 32 && first < 127) && text.trim() === '';
}

function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** `1.2345E+3` → `1234.5`: a number's decimal text without exponent, exactly (string arithmetic). */
export function plainDecimal(text: string): string | null {
  const match = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!match || (match[2] === '' && (match[3] ?? '') === '')) return null;
  const [, sign, whole = '', frac = '', exp = '0'] = match;
  const shift = Number(exp);
  let digits = whole + frac;
  let point = whole.length + shift;
  if (point < 0) {
    digits = '0'.repeat(-point) + digits;
    point = 0;
  }
  if (point > digits.length) digits = digits.padEnd(point, '0');
  const int = digits.slice(0, point).replace(/^0+(?=\d)/, '') || '0';
  const dec = digits.slice(point).replace(/0+$/, '');
  return `${sign === '-' ? '-' : ''}${int}${dec ? `.${dec}` : ''}`;
}

/** Rounds a plain decimal text half away from zero to `decimals` places, in text. */
function roundDecimal(text: string, decimals: number): string {
  const negative = text.startsWith('-');
  const [whole, frac = ''] = text.replace('-', '').split('.');
  if (frac.length <= decimals) return text;
  let digits = (whole + frac.slice(0, decimals)).split('').map(Number);
  if (Number(frac[decimals]) >= 5) {
    let i = digits.length - 1;
    while (i >= 0 && digits[i] === 9) digits[i--] = 0;
    if (i < 0) digits = [1, ...digits];
    else digits[i] += 1;
  }
  const all = digits.join('');
  const cut = all.length - decimals;
  return `${negative ? '-' : ''}${all.slice(0, cut) || '0'}${decimals ? `.${all.slice(cut)}` : ''}`;
}

export type MoneyUnit = 'yuan' | 'wan';

/**
 * An amount in 元 or 万元 as 分, exactly: thousands separators and spaces allowed in text. Numbers typed in
 * Excel keep up to 17 significant digits of binary noise (1234.5699999999999), which is rounded to the 分;
 * text with more precision than one 分 is refused rather than guessed.
 */
export function parseMoney(cell: Cell, unit: MoneyUnit): Parsed<number | null> {
  if (unit === 'yuan' && cell !== null && !(cell instanceof Date)) {
    const fen = plainYuanToFen(typeof cell === 'string' ? cell : cell.number);
    if (fen !== null) return ok(fen);
  }
  if (isBlank(cell)) return ok(null);
  if (cell instanceof Date) return bad('应为金额，却是日期', 'expected an amount, found a date');
  const decimals = unit === 'yuan' ? 2 : 6;
  let text = cellText(cell)
    .replace(/[,，\s]/g, '')
    .replace(/^¥|元$/g, '');
  if (isNumberCell(cell)) {
    const plain = plainDecimal(text);
    if (plain === null) return bad('不是数字', 'not a number');
    const significant = plain.replace(/[-.]/g, '').replace(/^0+/, '').length;
    text = significant >= 15 ? roundDecimal(plain, decimals) : plain;
  }
  const amount = amountToFen(text, unit);
  if ('fen' in amount) return ok(amount.fen);
  if (amount.problem === 'format')
    return bad(
      '不是有效金额（只能包含数字、小数点和千位分隔符）',
      'not a valid amount (digits, a decimal point and thousands separators only)',
    );
  if (amount.problem === 'precision') {
    return bad(
      `金额精度超过 1 分（${unit === 'wan' ? '万元最多 6 位小数' : '元最多 2 位小数'}）`,
      `more precise than one fen (${unit === 'wan' ? '万元: at most 6 decimals' : '元: at most 2 decimals'})`,
    );
  }
  return bad('金额过大', 'amount too large');
}

/**
 * The common case without the general path: a plain amount in 元 (`1234`, `1234.5`, `-12.34`) of at most 13
 * integer digits and 2 decimals, read digit by digit to 分 (exact: at most 15 digits); null for anything else.
 */
function plainYuanToFen(text: string): number | null {
  const negative = text.charCodeAt(0) === 45; // -
  let i = negative ? 1 : 0;
  let fen = 0;
  const wholeStart = i;
  for (; i < text.length; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) break;
    fen = fen * 10 + digit;
  }
  const whole = i - wholeStart;
  if (whole === 0 || whole > 13) return null;
  let decimals = 0;
  if (i < text.length) {
    if (text.charCodeAt(i) !== 46) return null; // .
    for (i++; i < text.length; i++) {
      const digit = text.charCodeAt(i) - 48;
      if (digit < 0 || digit > 9) return null;
      fen = fen * 10 + digit;
      decimals++;
    }
    if (decimals === 0 || decimals > 2) return null;
  }
  fen *= decimals === 0 ? 100 : decimals === 1 ? 10 : 1;
  return negative && fen !== 0 ? -fen : fen;
}

/** Days from the Excel epoch to 1970-01-01 in the 1900 system (which counts the fictitious 1900-02-29). */
const EXCEL_1900_TO_UNIX_DAYS = 25569;
const EXCEL_1904_TO_UNIX_DAYS = 24107;

/** An Excel serial date; serial 60 is 1900-02-29, a day that never was, and is refused. */
export function excelSerialDate(serial: number, date1904: boolean): Parsed<string> {
  if (!Number.isFinite(serial) || serial < 1 || serial > 2_958_465)
    return bad('不是有效的 Excel 日期序号', 'not a valid Excel date serial');
  const day = Math.floor(serial);
  if (!date1904 && day === 60)
    return bad(
      'Excel 日期序号 60（1900-02-29）是不存在的日期',
      'Excel serial 60 (1900-02-29) is a date that does not exist',
    );
  // In the 1900 system serials before 60 are one day early, because of the fictitious leap day.
  const unixDays = date1904 ? day - EXCEL_1904_TO_UNIX_DAYS : day - EXCEL_1900_TO_UNIX_DAYS + (day < 60 ? 1 : 0);
  return ok(new Date(unixDays * 86_400_000).toISOString().slice(0, 10));
}

function validYmd(y: number, m: number, d: number): string | null {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || y > 2100 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d)
    return null;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** A date in any of the forms head office uses: a date cell, `2024-03-05`, `2024/3/5`, `2024年3月5日`, `20240305`, an Excel serial. */
export function parseDate(cell: Cell, date1904: boolean): Parsed<string | null> {
  if (isBlank(cell)) return ok(null);
  if (cell instanceof Date) return ok(isoDate(cell));
  const text = cellText(cell);
  if (isNumberCell(cell) && /^\d{1,7}(\.\d+)?$/.test(text) && !/^\d{8}$/.test(text))
    return excelSerialDate(Number(text), date1904);
  const match =
    /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T].*)?$/.exec(text) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  const date = match ? validYmd(Number(match[1]), Number(match[2]), Number(match[3])) : null;
  return date ? ok(date) : bad('不是有效日期（例如 2024-03-05、2024年3月5日）', 'not a valid date (e.g. 2024-03-05)');
}

/** A month: `2024-03`, `2024/3`, `2024年3月`, `202403`, a date (its month), or an Excel serial. */
export function parseMonth(cell: Cell, date1904: boolean): Parsed<string | null> {
  if (isBlank(cell)) return ok(null);
  const text = cellText(cell);
  const month = /^(\d{4})[-/.年](\d{1,2})月?$/.exec(text) ?? /^(\d{4})(\d{2})$/.exec(text);
  if (month) {
    const m = Number(month[2]);
    const y = Number(month[1]);
    if (m >= 1 && m <= 12 && y >= 1900 && y <= 2100) return ok(`${y}-${String(m).padStart(2, '0')}`);
    return bad('不是有效月份', 'not a valid month');
  }
  const date = parseDate(cell, date1904);
  if (!date.ok) return bad('不是有效月份（例如 2024-03、2024年3月、202403）', 'not a valid month (e.g. 2024-03)');
  return ok(date.value === null ? null : date.value.slice(0, 7));
}

/**
 * A resident ID number: 18 characters with a valid GB 11643 check character and birth date, or a 15-digit
 * legacy number (converted to 18). A number cell or scientific notation means Excel has already lost digits.
 */
export function parseIdNumber(cell: Cell): Parsed<string | null> {
  if (isBlank(cell)) return ok(null);
  const text = cellText(cell).toUpperCase().replace(/\s/g, '');
  if (/^\d+(\.\d+)?E\+?\d+$/.test(text) || (isNumberCell(cell) && text.length > 15)) {
    return bad(
      '证件号码被存成了数字，末几位已丢失；请把该列设为“文本”后重新导出',
      'the ID number was stored as a number and has lost digits; export the column as text',
    );
  }
  if (/^\d{15}$/.test(text)) {
    const first17 = `${text.slice(0, 6)}19${text.slice(6)}`;
    const converted = first17 + residentIdCheckChar(first17);
    return isValidResidentId(converted)
      ? ok(converted)
      : bad('15 位证件号码的出生日期无效', 'the 15-digit ID number has an impossible birth date');
  }
  if (!/^\d{17}[\dX]$/.test(text))
    return bad('证件号码应为 18 位（或旧 15 位）', 'an ID number has 18 characters (or 15, legacy)');
  if (!validYmd(Number(text.slice(6, 10)), Number(text.slice(10, 12)), Number(text.slice(12, 14))))
    return bad('证件号码中的出生日期无效', 'the birth date in the ID number is impossible');
  if (residentIdCheckChar(text.slice(0, 17)) !== text[17])
    return bad('证件号码校验位错误', 'wrong check character in the ID number');
  return ok(text);
}

/** A mainland mobile: +86, spaces and dashes stripped, then `1[3-9]` and 9 digits. */
export function parseMobile(cell: Cell): Parsed<string | null> {
  if (isBlank(cell)) return ok(null);
  const text = cellText(cell)
    .replace(/[\s-]/g, '')
    .replace(/^(\+?86)(?=1\d{10}$)/, '');
  return /^1[3-9]\d{9}$/.test(text)
    ? ok(text)
    : bad('手机号应为 11 位，以 13–19 开头', 'a mobile number has 11 digits starting 13–19');
}

/** Required or optional plain text, at most `max` characters. */
export function parseText(cell: Cell, max: number): Parsed<string | null> {
  const text = cellText(cell);
  if (text === '') return ok(null);
  return text.length > max ? bad(`内容过长（最多 ${max} 个字）`, `too long (at most ${max} characters)`) : ok(text);
}

/** `[A-Za-z0-9_-]{1,32}`, by character codes (a customer number is read on every row). */
function isCustomerNoText(text: string): boolean {
  if (text.length > 32) return false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 45)) return false;
  }
  return true;
}

/** A customer number: text or digits; a number cell in scientific notation has lost digits. */
export function parseCustomerNo(cell: Cell): Parsed<string | null> {
  const text = cellText(cell);
  if (text === '') return ok(null);
  if (isCustomerNoText(text)) return ok(text);
  if (/^\d+(\.\d+)?e\+?\d+$/i.test(text))
    return bad(
      '客户号被存成了科学计数法的数字，已丢失数字；请把该列设为“文本”',
      'the customer number is in scientific notation and has lost digits; export it as text',
    );
  return /^[A-Za-z0-9_-]{1,32}$/.test(text)
    ? ok(text)
    : bad(
        '客户号只能包含字母、数字、- 和 _（最多 32 位）',
        'a customer number has letters, digits, - and _ only (at most 32)',
      );
}
