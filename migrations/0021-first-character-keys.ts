import { loadPinyin } from '../electron/core/platform/pinyin';
import { firstCharacter, firstCharacterKey, type Pinyin } from '../shared/name-keys';
import type { Migration } from './types';

/**
 * A name's first key is its first character's read alone (docs/domain.md, "Finding a customer"): before, a compound
 * surname gave the whole surname's reading (长孙 → zhang, unlike 长海) and a name opening with a separator the next
 * character's, so a viewer seeing names masked could tell a hidden character from which names a key found. Rewrites
 * the keys that differ, one distinct name at a time through the name's index. Never edit once landed.
 */
export const m0021FirstCharacterKeys: Migration = {
  version: 21,
  name: 'first-character-keys',
  up(db) {
    const names = db.prepare('SELECT DISTINCT name, name_first_pinyin FROM customers').raw().iterate() as Iterable<
      [string, string]
    >;
    const changed: Array<[string, string]> = [];
    // Keys by first character: a branch's names share a few hundred.
    const known = new Map<string | undefined, string>();
    // Loaded only when there is a name to read (a new, empty database needs none).
    let pinyin: Pinyin | null = null;
    for (const [name, stored] of names) {
      const first = firstCharacter(name);
      let key = known.get(first);
      if (key === undefined) known.set(first, (key = firstCharacterKey(first, (pinyin ??= loadPinyin()))));
      if (key !== stored) changed.push([key, name]);
    }
    const write = db.prepare('UPDATE customers SET name_first_pinyin = ? WHERE name = ?');
    for (const [key, name] of changed) write.run(key, name);
  },
};
