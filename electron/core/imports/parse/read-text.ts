import { isUtf8 } from 'node:buffer';
import Papa from 'papaparse';
import { isBlankText, type Cell } from '../import-cells';
import { rejected } from './zip-guard';

export type TextEncoding = 'utf-8' | 'gb18030';

/** The share of CJK characters in valid UTF-8, of all non-ASCII ones, above which a file that is not all UTF-8 is mixed. */
const MIXED_SHARE = 0.2;

/**
 * How a CSV's bytes (without a BOM) are read: UTF-8 when they are valid UTF-8, else GB18030 (a superset of GBK). A
 * file whose non-ASCII text is partly valid UTF-8 and partly not was saved in two encodings: it is refused, naming
 * the first bad line, rather than read as mojibake.
 */
export function textEncoding(body: Buffer): TextEncoding {
  if (isUtf8(body)) return 'utf-8';
  checkNotMixed(body);
  return 'gb18030';
}

/** Counts the sequences of bytes that are not all UTF-8, to tell GBK from a mix of the two. */
function checkNotMixed(body: Buffer): void {
  let valid = 0;
  let invalid = 0;
  let firstInvalid = -1;
  // Four bytes at a time past ASCII (most of a CSV), where the bytes are aligned for it.
  const words = body.byteOffset % 4 === 0 ? new Uint32Array(body.buffer, body.byteOffset, body.length >> 2) : null;
  for (let i = 0; i < body.length; i++) {
    if (words !== null && (i & 3) === 0) {
      let word = i >> 2;
      while (word < words.length && (words[word] & 0x80808080) === 0) word++;
      i = Math.max(i, word << 2);
      if (i >= body.length) break;
    }
    const byte = body[i];
    if (byte < 0x80) continue;
    const length = byte >= 0xf0 && byte <= 0xf4 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc2 && byte <= 0xdf ? 2 : 0;
    let sequence = length > 0 && i + length <= body.length;
    for (let k = 1; sequence && k < length; k++) sequence = (body[i + k] & 0xc0) === 0x80;
    if (sequence) {
      // Only 3-byte CJK sequences count as evidence of UTF-8: GBK pairs often look like 2-byte UTF-8 by chance.
      if (length === 3 && byte >= 0xe3 && byte <= 0xe9) valid++;
      i += length - 1;
    } else {
      invalid++;
      if (firstInvalid < 0) firstInvalid = i;
      i++; // a GBK character is two bytes
    }
  }
  if (valid > 0 && valid / (valid + invalid) >= MIXED_SHARE) {
    const line = countLines(body.subarray(0, firstInvalid));
    throw rejected(
      `编码混杂（部分为 UTF-8，部分为 GBK），从第 ${line} 行起无法正确识别；请用同一种编码重新保存`,
      `mixed encodings (part UTF-8, part GBK) from line ${line}; save it again in one encoding`,
      { line },
    );
  }
}

/** Lines in the bytes (line breaks + 1): an upper bound on CSV rows, known before anything is decoded or parsed. */
export function countLines(bytes: Uint8Array): number {
  let lines = 1;
  for (let at = bytes.indexOf(0x0a); at >= 0; at = bytes.indexOf(0x0a, at + 1)) lines++;
  return lines;
}

/** Papa's row as cells, in place (a row is one allocation fewer): blank fields become null. */
function toCells(values: string[]): Cell[] {
  const cells: Cell[] = values;
  for (let i = 0; i < values.length; i++) if (isBlankText(values[i])) cells[i] = null;
  return cells;
}

/**
 * Bytes decoded and parsed at a time: small, so a chunk's text and rows stay in V8's young generation (a megabyte's
 * text is a large object, and parsing the file that way took twice the time).
 */
const CHUNK_BYTES = 16 * 1024;
/** Longer than any row a head-office file has; a row still open after it is a quote never closed. */
const MAX_ROW_CHARS = 1_000_000;

/**
 * A CSV's rows as text cells (papaparse: quotes, embedded commas and newlines; the delimiter and line break
 * detected from the first rows of `headText`, the file's beginning): the first `headRows` of the head at once,
 * and all the rows of `body` decoded and parsed a chunk at a time as they are visited, never held together.
 */
export function csvRows(
  body: Uint8Array,
  encoding: TextEncoding,
  headText: string,
  headRows: number,
  chunkBytes = CHUNK_BYTES,
): { head: Cell[][]; forEachRow(visit: (row: Cell[], index: number) => void): void } {
  // The head from the first lines only: papaparse splits and sniffs all of its input, even for a preview.
  let end = 0;
  for (let line = 0; line < headRows * 2 + 20 && end >= 0; line++) end = headText.indexOf('\n', end + 1);
  const prefix = end < 0 ? headText : headText.slice(0, end + 1);
  let first = Papa.parse<string[]>(prefix, { preview: headRows, delimiter: '' });
  if (first.data.length < headRows && prefix.length < headText.length)
    first = Papa.parse<string[]>(headText, { preview: headRows, delimiter: '' });
  const { delimiter } = first.meta;
  const newline = first.meta.linebreak as Papa.ParseConfig['newline'];
  return {
    head: first.data.map(toCells),
    forEachRow: (visit) => {
      let index = 0;
      const parser = new Papa.Parser({ delimiter, newline });
      const decoder = new TextDecoder(encoding);
      // Each chunk's last row may be cut short: it is parsed again with the next chunk (as papaparse's own streams do).
      let rest = '';
      for (let at = 0; at < body.length || at === 0; at += chunkBytes) {
        const last = at + chunkBytes >= body.length;
        const text = rest + decoder.decode(body.subarray(at, at + chunkBytes), { stream: !last });
        const parsed = parser.parse(text, 0, !last) as Papa.ParseResult<string[]>;
        for (const row of parsed.data) visit(toCells(row), index++);
        rest = text.slice(parsed.meta.cursor);
        // A quote never closed makes the rest of the file one row, parsed again with every chunk: refused early.
        if (rest.length > MAX_ROW_CHARS) {
          throw rejected(
            `第 ${index + 1} 行起的引号没有闭合（或一行超过 100 万个字符），无法按 CSV 读取；请检查该行`,
            `from row ${index + 1}, a quote is never closed (or a row is longer than a million characters); check that row`,
            { row: index + 1 },
          );
        }
      }
    },
  };
}

/** Bytes of a CSV's beginning enough for its head (the header lies within its first rows). */
export const HEAD_BYTES = 1 << 20;
