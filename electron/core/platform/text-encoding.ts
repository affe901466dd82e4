import iconv from 'iconv-lite';

/** The Chinese encodings a CSV can be written in besides UTF-8 (see docs/architecture.md, "Exports"). */
export type ChineseEncoding = 'gb18030' | 'gbk';

const QUESTION_MARK = 0x3f;

function countByte(bytes: Uint8Array, byte: number): number {
  let count = 0;
  for (let at = bytes.indexOf(byte); at !== -1; at = bytes.indexOf(byte, at + 1)) count++;
  return count;
}

function countChar(text: string, char: string): number {
  let count = 0;
  for (let at = text.indexOf(char); at !== -1; at = text.indexOf(char, at + 1)) count++;
  return count;
}

/**
 * Text in GB18030 (every character, 生僻字 and emoji included) or GBK (what some older systems insist on). A character
 * the encoding lacks is written as `?` and counted. Neither encoding uses the byte of `?` inside a multi-byte
 * character, so each `?` written beyond those in the text is one character replaced.
 */
export function encodeChinese(text: string, encoding: ChineseEncoding): { bytes: Buffer; unencodable: number } {
  const bytes = iconv.encode(text, encoding);
  return { bytes, unencodable: countByte(bytes, QUESTION_MARK) - countChar(text, '?') };
}
