/**
 * Which cell styles of an xlsx show a number as a date: a number cell is a date exactly when its style's number
 * format is a built-in date format or a custom format whose tokens are all date and time tokens.
 */
import { forEachAttribute, scanXml, spells, textOf } from './xml-scan';

/** Built-in number formats that show dates or times, whatever the locale (Chinese, Japanese/Korean and Thai ones too). */
const BUILT_IN_DATE_FORMATS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 50, 51, 52, 53, 54, 55, 56,
  57, 58, 71, 72, 73, 74, 75, 76, 77, 78, 79, 80, 81,
]);

/** What a custom format may hold and still show a date: day, month, year, era, hour, minute, second, AM/PM tokens. */
const DATE_TOKENS = new Set([
  ...['s', 'ss', 'm', 'mm', 'h', 'hh', 'am', 'pm', 'a', 'p', 'd', 'dd', 'ddd', 'dddd', 'aaa', 'aaaa', 'aaaaa'],
  ...['mmm', 'mmmm', 'mmmmm', 'y', 'yy', 'yyyy', 'e', 'ee', 'eeee'],
]);

/**
 * Whether a custom number format shows a date: any of its `;` sections made only of date tokens once quoted
 * text, escaped characters, fractions of seconds, elapsed-time brackets and `[…]` prefixes are set aside.
 */
export function isDateFormat(format: string): boolean {
  const sections = format.toLowerCase().replace(/;@$/, '').replace(/\\./g, ' ').split(';');
  return sections.some((section) => {
    const tokens = section
      .replace(/"[^"]*"/g, ' ')
      .replace(/(\[?[smhd]{1,2}\]?)[.,]00?0?/g, '$1')
      .replace(/\[([smhd]{1,2})\]/g, '$1')
      .replace(/\[[^\]]*\]/g, '')
      .split(/[^a-z0#?%]+/)
      .filter((token) => token !== '');
    return tokens.length > 0 && tokens.every((token) => DATE_TOKENS.has(token));
  });
}

interface NumberFormat {
  id: number;
  /** Custom formats (ids from 100 on, as Excel lets files redefine those). */
  template?: string;
}

const NUM_FMT = 1;
const XF = 2;
const CELL_XFS = 3;
const CELL_STYLE_XFS = 4;

function styleElement(xml: Buffer, start: number, end: number): number {
  if (spells(xml, start, end, 'xf')) return XF;
  if (spells(xml, start, end, 'numFmt')) return NUM_FMT;
  if (spells(xml, start, end, 'cellXfs')) return CELL_XFS;
  if (spells(xml, start, end, 'cellStyleXfs')) return CELL_STYLE_XFS;
  return 0;
}

/** The attributes of a tag by local name (the last of a repeated one), decoded. */
function attributesOf(xml: Buffer, start: number, end: number): Map<string, string> {
  const attributes = new Map<string, string>();
  forEachAttribute(xml, start, end, (nameStart, nameEnd, valueStart, valueEnd) =>
    attributes.set(xml.toString('utf8', nameStart, nameEnd), textOf(xml, valueStart, valueEnd)),
  );
  return attributes;
}

/**
 * For each cell style (`<cellXfs>`, by index), whether it shows numbers as dates. A style naming a base style
 * (`xfId`) takes the base's number format unless it has its own. Without a styles part there are no styles.
 */
export function readDateStyles(xml: Buffer | undefined): boolean[] {
  if (!xml) return [];
  const formats: NumberFormat[] = [];
  const baseFormats: Array<NumberFormat | undefined> = [];
  const styles: Array<{ format?: NumberFormat; base: number }> = [];
  let inBase = false;
  let inCells = false;
  const formatOf = (attributes: Map<string, string>, custom: boolean): NumberFormat | undefined => {
    const id = attributes.get('numFmtId');
    if (!id) return undefined;
    return (custom ? formats[Number(id)] : undefined) ?? { id: Number(id) };
  };
  scanXml(xml, 0, styleElement, {
    open: (element, start, end) => {
      if (element === CELL_STYLE_XFS) inBase = true;
      else if (element === CELL_XFS) inCells = true;
      else if (element === NUM_FMT) {
        const attributes = attributesOf(xml, start, end);
        const id = Number(attributes.get('numFmtId'));
        formats[id] = id >= 100 ? { id, template: attributes.get('formatCode') } : { id };
      } else if (element === XF && inBase) baseFormats.push(formatOf(attributesOf(xml, start, end), false));
      else if (element === XF && inCells) {
        const attributes = attributesOf(xml, start, end);
        styles.push({ format: formatOf(attributes, true), base: Number(attributes.get('xfId') ?? 0) });
      }
    },
    close: (element) => {
      if (element === CELL_STYLE_XFS) inBase = false;
      else if (element === CELL_XFS) inCells = false;
    },
    text: () => undefined,
  });
  return styles.map(({ format: own, base }) => {
    const format = own ?? (base ? baseFormats[base] : undefined);
    if (!format) return false;
    return BUILT_IN_DATE_FORMATS.has(format.id) || (!!format.template && isDateFormat(format.template));
  });
}
