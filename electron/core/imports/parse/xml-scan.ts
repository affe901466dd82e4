/**
 * A small XML scanner over a part's bytes, for the xlsx reader: no DOM, no string of the whole part. It splits markup
 * as the guard does (`markupEnd`: comments, CDATA sections and processing instructions skipped whole, quoted values
 * stepped over), so a tag the guard measured is the tag read here. Elements are told by their local name (a prefix up
 * to the first colon set aside); text and attribute values are handed over as byte ranges and decoded on demand.
 */
import { closingQuote, decodeXmlEntities, markupEnd } from './zip-xml';

// Declared here, not imported: under the test runner an imported binding is a getter, and these are read for every byte.
const LESS_THAN = 0x3c;
const GREATER_THAN = 0x3e;
const SLASH = 0x2f;
const COLON = 0x3a;
const EQUALS = 0x3d;
const QUOTE = 0x22;
const APOSTROPHE = 0x27;
const AMPERSAND = 0x26;
const EXCLAMATION = 0x21;
const QUESTION = 0x3f;

/** What a scan reports. */
export interface XmlEvents {
  /** An element opened: its local name's code (see `elementCode`), its tag's bytes [start, end] from `<` to `>`. */
  open(element: number, start: number, end: number): void;
  /** An element closed (by its end tag, or its start tag closing itself). */
  close(element: number): void;
  /** Text between two pieces of markup, as bytes [start, end) still to be decoded (`textOf`). */
  text(start: number, end: number): void;
}

/** Whitespace as XML parsers end a name on it: space, tab, LF, VT, FF, CR. */
function isSpace(byte: number): boolean {
  return byte === 0x20 || (byte >= 0x09 && byte <= 0x0d);
}

/** Where the name starting at `start` ends: at whitespace, `/` or `>` (or the tag's end). */
function nameEnd(xml: Buffer, start: number, end: number): number {
  let at = start;
  while (at < end) {
    const byte = xml[at];
    if (byte === SLASH || byte === GREATER_THAN || isSpace(byte)) break;
    at++;
  }
  return at;
}

/** Where the local part of the name in [start, end) starts: after its first colon, if any. */
function localStart(xml: Buffer, start: number, end: number): number {
  for (let at = start; at < end; at++) if (xml[at] === COLON) return at + 1;
  return start;
}

/**
 * Scans `xml` from `from` to its end, reporting elements and text to `events`. Markup never closed ends the scan,
 * as it ends the guard's. Linear in the bytes.
 */
export function scanXml(
  xml: Buffer,
  from: number,
  elementCode: (xml: Buffer, start: number, end: number) => number,
  events: XmlEvents,
): void {
  const length = xml.length;
  let at = from;
  while (at < length) {
    let tag = at;
    while (tag < length && xml[tag] !== LESS_THAN) tag++;
    if (tag > at) events.text(at, tag);
    if (tag >= length) return;
    const end = markupEnd(xml, tag);
    if (end >= length) return;
    at = end + 1;
    const next = xml[tag + 1];
    if (next === EXCLAMATION || next === QUESTION) continue;
    const closing = next === SLASH;
    const start = closing ? tag + 2 : tag + 1;
    const stop = nameEnd(xml, start, end);
    const element = elementCode(xml, localStart(xml, start, stop), stop);
    if (closing) {
      events.close(element);
      continue;
    }
    events.open(element, tag, end);
    if (xml[end - 1] === SLASH) events.close(element);
  }
}

/** Whether the bytes [start, end) spell `word` (ASCII). */
export function spells(xml: Buffer, start: number, end: number, word: string): boolean {
  if (end - start !== word.length) return false;
  for (let i = 0; i < word.length; i++) if (xml[start + i] !== word.charCodeAt(i)) return false;
  return true;
}

/**
 * Visits each attribute of the tag [start, end]: its local name's bytes [nameStart, nameEnd) (an `xmlns:` declaration
 * is no attribute) and its value's [valueStart, valueEnd), quoted either way.
 */
export function forEachAttribute(
  xml: Buffer,
  start: number,
  end: number,
  visit: (nameStart: number, nameEnd: number, valueStart: number, valueEnd: number) => void,
): void {
  let at = nameEnd(xml, start + 1, end);
  while (at < end) {
    let byte = xml[at];
    while (at < end && (byte === 0x20 || (byte >= 0x09 && byte <= 0x0d) || byte === SLASH)) byte = xml[++at];
    const name = at;
    let local = name;
    while (at < end && byte !== EQUALS && byte !== SLASH && byte !== GREATER_THAN && !isSpace(byte)) {
      if (byte === COLON && local === name) local = at + 1;
      byte = xml[++at];
    }
    const stop = at;
    while (at < end && isSpace(byte)) byte = xml[++at];
    if (byte !== EQUALS) {
      at = Math.max(at, stop + 1);
      continue;
    }
    byte = xml[++at];
    while (at < end && isSpace(byte)) byte = xml[++at];
    if (byte !== QUOTE && byte !== APOSTROPHE) continue;
    const valueEnd = closingQuote(xml, at + 1, end);
    if (!(local === name + 6 && spells(xml, name, local, 'xmlns:'))) visit(local, stop, at + 1, valueEnd);
    at = valueEnd + 1;
  }
}

/** Node's decoders of a Buffer's bytes, without the argument checks of `toString` (a third of the cost of a short text). */
interface BufferSlices {
  latin1Slice(start: number, end: number): string;
  utf8Slice(start: number, end: number): string;
}

/** The text of the bytes [start, end), character references decoded. */
export function textOf(xml: Buffer, start: number, end: number): string {
  let ascii = true;
  let reference = false;
  for (let at = start; at < end; at++) {
    const byte = xml[at];
    if (byte >= 0x80) ascii = false;
    else if (byte === AMPERSAND) reference = true;
  }
  // Latin-1 is the cheaper decoder, and the same as UTF-8 for ASCII.
  const bytes = xml as unknown as BufferSlices;
  const text = ascii ? bytes.latin1Slice(start, end) : bytes.utf8Slice(start, end);
  return reference ? decodeXmlEntities(text) : text;
}
