/** Code point → its two GBK bytes, built once from the platform's GBK decoder (no encoding tables shipped). */
let table: Map<number, number> | null = null;

function gbkTable(): Map<number, number> {
  if (table) return table;
  const map = new Map<number, number>();
  const decoder = new TextDecoder('gbk');
  const pair = new Uint8Array(2);
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      pair[0] = lead;
      pair[1] = trail;
      const text = decoder.decode(pair);
      if (text.length === 1 && text !== '\ufffd' && !map.has(text.charCodeAt(0)))
        map.set(text.charCodeAt(0), (lead << 8) | trail);
    }
  }
  return (table = map);
}

/**
 * Text as GBK bytes (what older Excel on a Chinese Windows opens without asking). A character GBK lacks (an emoji,
 * a rare name character outside GBK) becomes `?` and is counted, so the caller can say so.
 */
export function encodeGbk(text: string): { bytes: Buffer; unencodable: number } {
  const map = gbkTable();
  const bytes = Buffer.allocUnsafe(text.length * 2);
  let length = 0;
  let unencodable = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) {
      bytes[length++] = code;
      continue;
    }
    const pair = map.get(code);
    if (pair === undefined) {
      bytes[length++] = 0x3f; // ?
      unencodable++;
      if (code >= 0xd800 && code <= 0xdbff) i++; // both halves of a surrogate pair are one character
      continue;
    }
    bytes[length++] = pair >> 8;
    bytes[length++] = pair & 0xff;
  }
  return { bytes: bytes.subarray(0, length), unencodable };
}
