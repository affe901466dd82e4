/**
 * The pinyin keys a name is found by (docs/domain.md, "Finding a customer"): its full pinyin without tones
 * (`zhangxiaoming`), its initials (`zxm`) and the key of its first character alone (`zhang`: what a masked name
 * still shows). Pure: the customer master stores them at every write, the screens match their titles with them.
 */
import type { pinyin } from 'pinyin-pro';

/**
 * pinyin-pro's conversion, passed in: the screens import it, the core loads it when it first converts a name
 * (`platform/pinyin.ts`; its dictionaries would cost every process start, and most never convert one).
 */
export type Pinyin = typeof pinyin;

export interface NameKeys {
  /** Full pinyin, lower case, no tones, no separators: 张晓明 → `zhangxiaoming`. */
  full: string;
  /** The first letter of each syllable (and of each latin word): 张晓明 → `zxm`. */
  initials: string;
  /**
   * The key of the first character read alone, what a masked name still shows (张晓明 → `zhang`, 长孙无忌 → the key
   * of 长 as in 长海, never one that depends on the hidden characters; a latin name's first letter; '' for a
   * separator).
   */
  first: string;
}

/** Separators a name may hold (`阿卜杜·热合曼`, `Mary Jane`): not part of any key. */
const SEPARATOR = /^[\p{P}\p{Z}\p{S}]$/u;
/** A latin word or a run of digits, or one other character. */
const TOKEN = /[a-z]+|\d+|./gsu;

/** One syllable or latin word as its full key and its initial; a character without pinyin stands for itself. */
function tokenKeys(token: string): { full: string; initial: string } | null {
  if (/^[a-z]+$/.test(token)) return { full: token, initial: token[0] };
  if (/^\d+$/.test(token)) return { full: token, initial: token };
  if (SEPARATOR.test(token)) return null;
  return { full: token, initial: token };
}

/**
 * The keys of a name. `surname` reads the first character(s) as a surname, where several are pronounced otherwise
 * (单 shan, 曾 zeng, 解 xie, 区 ou, 仇 qiu); off for anything else (a screen's title: 名单 is dan).
 */
export function nameKeys(name: string, pinyin: Pinyin, { surname = true }: { surname?: boolean } = {}): NameKeys {
  const text = name.normalize('NFKC').trim();
  const syllables = text
    ? pinyin(text, {
        toneType: 'none',
        type: 'array',
        surname: surname ? 'head' : 'off',
        nonZh: 'consecutive',
        v: true,
      })
    : [];
  let full = '';
  let initials = '';
  for (const syllable of syllables) {
    for (const token of syllable.toLowerCase().match(TOKEN) ?? []) {
      const keys = tokenKeys(token);
      if (keys === null) continue;
      full += keys.full;
      initials += keys.initial;
    }
  }
  return { full, initials, first: firstCharacterKey(firstCharacter(name), pinyin, surname) };
}

/** A Chinese character as the keys read it (not folded by NFKC). */
const HAN = /^\p{Script=Han}$/u;

/**
 * Returns `nameKeys` (surname rules on) for converting many names, as the customer master's writes do: a name made
 * only of Chinese characters with one reading each — the same as a surname and elsewhere, so no neighbour and no
 * surname rule can change it — is its characters' syllables joined, each character looked up once; any other name
 * (a polyphonic character, a latin letter, a separator) is converted whole by `nameKeys`. The keys are the same.
 */
export function prepareNameKeys(pinyin: Pinyin): (name: string) => NameKeys {
  const syllables = new Map<string, string | null>();
  const syllableOf = (character: string): string | null => {
    let syllable = syllables.get(character);
    if (syllable === undefined) {
      const readings = pinyin(character, { toneType: 'none', type: 'array', multiple: true, v: true });
      const asSurname = pinyin(character, { toneType: 'none', surname: 'head', v: true });
      const alone = pinyin(character, { toneType: 'none', surname: 'off', v: true });
      const single =
        HAN.test(character) &&
        character.normalize('NFKC') === character &&
        readings.length === 1 &&
        readings[0] === asSurname &&
        asSurname === alone &&
        /^[a-z]+$/.test(alone);
      syllable = single ? alone : null;
      syllables.set(character, syllable);
    }
    return syllable;
  };
  return (name) => {
    let full = '';
    let initials = '';
    let first = '';
    for (const character of name) {
      const syllable = syllableOf(character);
      if (syllable === null) return nameKeys(name, pinyin);
      full += syllable;
      initials += syllable[0];
      first ||= syllable;
    }
    return { full, initials, first };
  };
}

/** The first character of a name as its keys read it (full-width folded, spaces around trimmed). */
export function firstCharacter(name: string): string | undefined {
  return [...name.normalize('NFKC').trim()][0];
}

/**
 * The key of a name's first character read alone: a Chinese character's syllable (as a one-character surname when
 * `surname`), any other character itself in lower case (a masked `David王` shows `D****王`), '' for a separator.
 */
export function firstCharacterKey(character: string | undefined, pinyin: Pinyin, surname = true): string {
  if (character === undefined || SEPARATOR.test(character)) return '';
  if (!/^\p{Script=Han}$/u.test(character)) return character.toLowerCase();
  return pinyin(character, { toneType: 'none', surname: surname ? 'head' : 'off', v: true }).toLowerCase();
}

/**
 * The parts of a name after its first character, each running to its end (张晓明 → 晓明, 明): a name holds a text
 * after its first character exactly when one of these starts with it, which an index answers without a scan.
 */
export function nameParts(name: string): string[] {
  const characters = [...name];
  return characters.slice(1).map((_, i) => characters.slice(i + 1).join(''));
}

/** Lower case, full-width folded, separators and spaces dropped: a typed query as the keys are written. */
export function normalizeQuery(text: string): string {
  return [...text.normalize('NFKC').toLowerCase()].filter((c) => !SEPARATOR.test(c)).join('');
}
