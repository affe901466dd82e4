import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { runMigrations } from '../electron/core/platform/migrate';
import { migrations } from '.';

describe('migration 0019: name search keys', () => {
  it('fills the keys of the customers already there, in steps, and indexes them for prefix search', () => {
    const db = new BetterSqlite3(':memory:');
    runMigrations(
      db,
      migrations.filter((m) => m.version < 19),
    );
    const insert = db.prepare(
      "INSERT INTO customers (customer_no, name, created_at, updated_at) VALUES (?, ?, '2024-01-01', '2024-01-01')",
    );
    const names = ['张晓明', '单雄信', '曾国藩', '解晓东', '欧阳春晓', 'David王'];
    // More than one step of 5,000, names repeating as in a branch.
    for (let i = 0; i < 12_001; i++) insert.run(`C${String(i).padStart(6, '0')}`, names[i % names.length]);

    expect(runMigrations(db, migrations)).toBeGreaterThanOrEqual(19);
    const keys = db
      .prepare('SELECT name, name_pinyin, name_initials, name_first_pinyin FROM customers WHERE id <= 6 ORDER BY id')
      .raw()
      .all();
    expect(keys).toEqual([
      ['张晓明', 'zhangxiaoming', 'zxm', 'zhang'],
      ['单雄信', 'shanxiongxin', 'sxx', 'shan'],
      ['曾国藩', 'zengguofan', 'zgf', 'zeng'],
      ['解晓东', 'xiexiaodong', 'xxd', 'xie'],
      ['欧阳春晓', 'ouyangchunxiao', 'oycx', 'ou'],
      ['David王', 'davidwang', 'dw', 'd'],
    ]);
    // The last customer, past every step, is filled too.
    expect(db.prepare("SELECT name_initials FROM customers WHERE customer_no = 'C012000'").pluck().get()).toBe('zxm');
    expect(db.prepare("SELECT count(*) FROM customers WHERE name_pinyin = ''").pluck().get()).toBe(0);
    // The parts of each name after its first character: 张晓明 → 晓明, 明.
    expect(
      db.prepare('SELECT part FROM customer_name_parts WHERE customer_id = 1 ORDER BY part').pluck().all(),
    ).toEqual(['明', '晓明']);
    expect(db.prepare('SELECT count(*) FROM customer_name_parts').pluck().get()).toBe(
      // 2,000 of each name (2 + 2 + 2 + 2 + 3 + 5 parts), and one more 张晓明.
      2_000 * 16 + 2,
    );

    const plan = (sql: string) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as Array<{ detail: string }>).map((r) => r.detail).join('; ');
    expect(
      plan("SELECT id FROM customers WHERE name_initials >= 'zx' AND name_initials < 'zy' ORDER BY name_initials, id"),
    ).toMatch(/USING (COVERING )?INDEX customers_name_initials/);
    expect(plan("SELECT id FROM customers WHERE name_pinyin >= 'zh' AND name_pinyin < 'zi'")).toMatch(
      /INDEX customers_name_pinyin/,
    );
    expect(plan("SELECT customer_id FROM customer_name_parts WHERE part >= '晓' AND part < '晔'")).toMatch(
      /SEARCH customer_name_parts USING PRIMARY KEY/,
    );
    expect(plan("SELECT id FROM customers WHERE substr(name, 1, 1) = '张' ORDER BY id")).toMatch(
      /INDEX customers_name_first_char/,
    );
    db.close();
  });
});
