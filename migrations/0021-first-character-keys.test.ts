import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { runMigrations } from '../electron/core/platform/migrate';
import { migrations } from '.';

describe('migration 0021: first-character keys', () => {
  it('rewrites the first keys that depended on a hidden character, and leaves the others', () => {
    const db = new BetterSqlite3(':memory:');
    runMigrations(
      db,
      migrations.filter((m) => m.version < 21),
    );
    const insert = db.prepare(
      "INSERT INTO customers (customer_no, name, name_first_pinyin, created_at, updated_at) VALUES (?, ?, ?, '2024-01-01', '2024-01-01')",
    );
    // The keys as they were written before: the compound surname's reading, the character after a separator.
    const before: Array<[string, string]> = [
      ['长孙无忌', 'zhang'],
      ['长海', 'chang'],
      ['·李四', 'l'],
      ['张晓明', 'zhang'],
      ['David王', 'd'],
    ];
    before.forEach(([name, key], i) => insert.run(`C${i}`, name, key));
    runMigrations(db, migrations);
    const keys = Object.fromEntries(
      db.prepare('SELECT name, name_first_pinyin FROM customers').raw().all() as Array<[string, string]>,
    );
    expect(keys['长孙无忌']).toBe(keys['长海']);
    expect(keys['·李四']).toBe('');
    expect(keys['张晓明']).toBe('zhang');
    expect(keys['David王']).toBe('d');
    db.close();
  });
});
