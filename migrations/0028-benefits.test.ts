import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { runMigrations } from '../electron/core/platform/migrate';
import { migrations } from '.';

describe('migration 0028: benefits', () => {
  it('keeps the import history, accepts benefit-usage batches, and makes the catalogue and the uses', () => {
    const db = new BetterSqlite3(':memory:');
    runMigrations(
      db,
      migrations.filter((m) => m.version < 28),
    );
    const insertBatch = db.prepare(
      "INSERT INTO import_batches (file_name, sha256, kind, summary, created_at, set_id) VALUES (?, 'x', ?, '{}', '2024-01-01', ?)",
    );
    insertBatch.run('产品目录.xlsx', 'products', null);
    db.prepare('UPDATE import_batches SET set_id = id').run();
    db.prepare(
      "INSERT INTO customers (customer_no, name, created_at, updated_at) VALUES ('0510001', '王芳', 'x', 'x')",
    ).run();
    expect(() => insertBatch.run('权益使用.xlsx', 'benefit-usage', 1)).toThrow(/CHECK/);

    runMigrations(db, migrations);
    expect(db.prepare('SELECT id, kind, set_id FROM import_batches').all()).toEqual([
      { id: 1, kind: 'products', set_id: 1 },
    ]);
    insertBatch.run('权益使用.xlsx', 'benefit-usage', 2);
    const version = () => db.prepare("SELECT version FROM data_versions WHERE kind = 'branchData'").pluck().get();
    const before = version();
    db.prepare("INSERT INTO benefit_catalogues (valid_from, benefits, created_at) VALUES ('2024-01', '[]', 'x')").run();
    expect(version()).not.toBe(before);
    const use = db.prepare(
      "INSERT INTO benefit_uses (customer_id, benefit_code, used_date, count, created_at, import_batch_id) VALUES (1, 'LOUNGE', '2024-02-01', ?, 'x', ?)",
    );
    use.run(1, 2);
    use.run(2, null);
    expect(() => use.run(0, null)).toThrow(/CHECK/);
    expect(() =>
      db.prepare("INSERT INTO benefit_catalogues (valid_from, benefits, created_at) VALUES ('2024', '[]', 'x')").run(),
    ).toThrow(/CHECK/);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
  });
});
