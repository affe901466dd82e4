import Papa from 'papaparse';
import { AppError } from '../../../shared/errors';
import type { Cell } from '../engine/import-cells';

export type TextEncoding = 'utf-8' | 'gb18030';

/** The share of CJK characters in valid UTF-8, of all non-ASCII ones, above which a file that is not all UTF-8 is mixed. */
const MIXED_SHARE = 0.2;

/**
 * UTF-8 when the bytes are valid UTF-8 (with or without BOM), else GB18030 (a superset of GBK). A file whose
 * non-ASCII text is partly valid UTF-8 and partly not was saved in two encodings: it is refused, naming the
 * first bad line, rather than read as mojibake.
 */
export function decodeText(buffer: Buffer): { text: string; encoding: TextEncoding } {
  const body = buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf ? buffer.subarray(3) : buffer;
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(body), encoding: 'utf-8' };
  } catch {
    // Not all UTF-8: count sequences to tell GBK from a mix of the two.
  }
  let valid = 0;
  let invalid = 0;
  let firstInvalidLine = 0;
  let line = 1;
  for (let i = 0; i < body.length; i++) {
    const byte = body[i];
    if (byte === 0x0a) line++;
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
      if (firstInvalidLine === 0) firstInvalidLine = line;
      i++; // a GBK character is two bytes
    }
  }
  if (valid > 0 && valid / (valid + invalid) >= MIXED_SHARE) {
    throw new AppError(
      'IMPORT_REJECTED',
      `文件被拒绝：编码混杂（部分为 UTF-8，部分为 GBK），从第 ${firstInvalidLine} 行起无法正确识别；请用同一种编码重新保存`,
      `File rejected: mixed encodings (part UTF-8, part GBK) from line ${firstInvalidLine}; save it again in one encoding`,
      { line: firstInvalidLine },
    );
  }
  return { text: new TextDecoder('gb18030').decode(body), encoding: 'gb18030' };
}

/** Papa's row as cells, in place (a row is one allocation fewer): blank fields become null. */
function toCells(values: string[]): Cell[] {
  const cells: Cell[] = values;
  for (let i = 0; i < values.length; i++) if (values[i].trim() === '') cells[i] = null;
  return cells;
}

/**
 * A CSV's rows as text cells (papaparse: quotes, embedded commas and newlines; the delimiter detected from
 * the first rows): the first `headRows` at once, and all of them streamed one at a time, never held together.
 */
export function csvRows(text: string, headRows: number): { head: Cell[][]; forEachRow(visit: (row: Cell[], index: number) => void): void } {
  // The head from the first lines only: papaparse splits and sniffs all of its input, even for a preview.
  let end = 0;
  for (let line = 0; line < headRows * 2 + 20 && end >= 0; line++) end = text.indexOf('\n', end + 1);
  const prefix = end < 0 ? text : text.slice(0, end + 1);
  let first = Papa.parse<string[]>(prefix, { preview: headRows, delimiter: '' });
  if (first.data.length < headRows && prefix.length < text.length) first = Papa.parse<string[]>(text, { preview: headRows, delimiter: '' });
  const delimiter = first.meta.delimiter;
  return {
    head: first.data.map(toCells),
    forEachRow: (visit) => {
      let index = 0;
      Papa.parse<string[]>(text, { delimiter, step: (result) => visit(toCells(result.data), index++) });
    },
  };
}
