/**
 * The XML of a workbook's parts split into markup as the xlsx reader's scanner (`xml-scan.ts`) splits it.
 * The guard reads parts before that reader does (relationships, to find the sheets; sheets, to measure them):
 * wherever it found a tag boundary the parser does not, a tag the parser reads would go unseen here.
 */

const LESS_THAN = 0x3c;
const GREATER_THAN = 0x3e;
const QUOTE = 0x22;
const APOSTROPHE = 0x27;
const EXCLAMATION = 0x21;
const QUESTION = 0x3f;

/** Markup the reader skips whole: comments, CDATA sections, processing instructions. */
const SKIPPED_MARKUP = [
  { open: Buffer.from('<!--'), close: Buffer.from('-->') },
  { open: Buffer.from('<![CDATA['), close: Buffer.from(']]>') },
  { open: Buffer.from('<?'), close: Buffer.from('?>') },
];

/** The skipped markup opened at `at`, if any. */
function skippedMarkupAt(xml: Buffer, at: number): (typeof SKIPPED_MARKUP)[number] | undefined {
  return SKIPPED_MARKUP.find(
    ({ open }) => xml.compare(open, 0, open.length, at, Math.min(xml.length, at + open.length)) === 0,
  );
}

/**
 * The last byte of the markup opened at `at` (`xml.length` when it is never closed): a comment, CDATA
 * section or processing instruction runs to its terminator; a tag to its `>`, stepping over quoted values
 * (an unmatched quote is an ordinary character).
 */
export function markupEnd(xml: Buffer, at: number): number {
  // Only `<!` and `<?` open what is skipped whole; looking no further for every other tag keeps the scan of a sheet fast.
  const skipped = xml[at + 1] === EXCLAMATION || xml[at + 1] === QUESTION ? skippedMarkupAt(xml, at) : undefined;
  if (skipped) {
    const found = xml.indexOf(skipped.close, at);
    return found < 0 ? xml.length : found + skipped.close.length - 1;
  }
  for (let end = at + 1; end < xml.length; end++) {
    if (xml[end] === GREATER_THAN) return end;
    if (xml[end] === QUOTE || xml[end] === APOSTROPHE) {
      const close = closingQuote(xml, end + 1, xml.length);
      if (close < xml.length) end = close;
    }
  }
  return xml.length;
}

/** Where the value starting at `start` ends: at the next quote like the one before it, or at `limit` when none comes first. */
export function closingQuote(xml: Buffer, start: number, limit: number): number {
  const quote = xml[start - 1];
  let at = start;
  while (at < limit && xml[at] !== quote) at++;
  return at;
}

/**
 * The text of each tag in `xml` (between `<` and `>`, end tags too), skipped markup left out. Markup never
 * closed is no tag: it runs to the end of the part. Linear in the bytes.
 */
export function* tagTexts(xml: Buffer): Generator<string> {
  for (let at = xml.indexOf(LESS_THAN); at >= 0;) {
    const end = markupEnd(xml, at);
    if (end >= xml.length) return;
    // Split at `<` and `>`, which never fall inside a UTF-8 character: each tag decodes as it would in the whole text.
    if (!skippedMarkupAt(xml, at)) yield xml.toString('utf8', at + 1, end);
    at = xml.indexOf(LESS_THAN, end + 1);
  }
}

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  apos: "'",
  gt: '>',
  lt: '<',
  quot: '"',
  AMP: '&',
  APOS: "'",
  GT: '>',
  LT: '<',
  QUOT: '"',
};

/** Character references decoded exactly as the xlsx reader decodes them (a relationship target, a sheet's row number, must come out the same). */
export function decodeXmlEntities(value: string): string {
  return value.replace(
    /&#(\d+);|&#x([0-9a-f]+);|&(\w+);/gi,
    (reference, decimal?: string, hex?: string, name?: string) => {
      if (name !== undefined) return Object.hasOwn(NAMED_ENTITIES, name) ? NAMED_ENTITIES[name] : reference;
      return String.fromCharCode(decimal !== undefined ? Number(decimal) : parseInt(hex ?? '', 16));
    },
  );
}
