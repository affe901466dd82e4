import { loadPinyin } from '../electron/core/platform/pinyin';
import { nameKeys, type Pinyin } from '../shared/name-keys';
import type { Migration } from './types';

/** Customers read and written per step: memory stays small however large the branch. */
const BATCH = 5_000;

/**
 * What a customer is found by (docs/domain.md, "Finding a customer"), stored with the name: the full pinyin, the
 * initials and the first character's key (what a masked name still shows), each with an index for prefix search; an
 * index on the first character for a masked name's search; and the name's parts after its first character (their own
 * table), so "any part of the name" is a prefix search too, not a scan. Existing customers are filled here, in steps
 * of `BATCH`; every later write of a name writes them (platform/bulk.ts, the imports). Never edit once landed.
 */
export const m0019NameSearchKeys: Migration = {
  version: 19,
  name: 'name-search-keys',
  up(db) {
    db.exec(`
      ALTER TABLE customers ADD COLUMN name_pinyin TEXT NOT NULL DEFAULT '';
      ALTER TABLE customers ADD COLUMN name_initials TEXT NOT NULL DEFAULT '';
      ALTER TABLE customers ADD COLUMN name_first_pinyin TEXT NOT NULL DEFAULT '';
      CREATE TABLE customer_name_parts (
        part        TEXT NOT NULL,
        customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
        PRIMARY KEY (part, customer_id)
      ) STRICT, WITHOUT ROWID;
    `);
    const read = db.prepare('SELECT id, name FROM customers WHERE id > ? ORDER BY id LIMIT ?').raw();
    const write = db.prepare(
      'UPDATE customers SET name_pinyin = ?, name_initials = ?, name_first_pinyin = ? WHERE id = ?',
    );
    // Names repeat (a branch has many 王芳): each is converted once.
    const known = new Map<string, ReturnType<typeof nameKeys>>();
    // Loaded only when there is a name to convert (a new, empty database needs none).
    let pinyin: Pinyin | null = null;
    let after = 0;
    for (;;) {
      const rows = read.all(after, BATCH) as Array<[number, string]>;
      for (const [id, name] of rows) {
        let keys = known.get(name);
        if (!keys) known.set(name, (keys = nameKeys(name, (pinyin ??= loadPinyin()))));
        write.run(keys.full, keys.initials, keys.first, id);
      }
      if (rows.length < BATCH) break;
      after = rows[rows.length - 1][0];
    }
    // The parts as shared/name-keys.ts `nameParts` makes them (every ending after the first character; SQLite counts
    // characters as it does; an imported name has at most 50), sorted first: appended to the tree, not scattered in it.
    db.exec(`
      INSERT INTO customer_name_parts (part, customer_id)
        WITH RECURSIVE start (n) AS (SELECT 2 UNION ALL SELECT n + 1 FROM start WHERE n < 64)
        -- CROSS JOIN keeps the customers the outer loop: one pass over them, not one per starting position.
        SELECT substr(c.name, start.n), c.id FROM customers c CROSS JOIN start WHERE start.n <= length(c.name)
        ORDER BY 1, 2;
    `);
    // Built after the fill: one sort per index instead of a tree updated row by row.
    db.exec(`
      CREATE INDEX customers_name_pinyin ON customers (name_pinyin);
      CREATE INDEX customers_name_initials ON customers (name_initials);
      CREATE INDEX customers_name_first_pinyin ON customers (name_first_pinyin);
      CREATE INDEX customers_name_first_char ON customers (substr(name, 1, 1));
      -- A customer's parts replaced, or removed with the customer.
      CREATE INDEX customer_name_parts_customer ON customer_name_parts (customer_id);
    `);
  },
};
