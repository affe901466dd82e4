import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { runMigrations } from '../electron/core/platform/migrate';
import { migrations } from '.';

describe('migration 0031: households', () => {
  it('keeps the import history, accepts households batches, and keeps one current household per customer, one head per household', () => {
    const db = new BetterSqlite3(':memory:');
    runMigrations(
      db,
      migrations.filter((m) => m.version < 31),
    );
    const insertBatch = db.prepare(
      "INSERT INTO import_batches (file_name, sha256, kind, summary, created_at, set_id) VALUES (?, 'x', ?, '{}', '2024-01-01', ?)",
    );
    insertBatch.run('权益使用.xlsx', 'benefit-usage', null);
    db.prepare('UPDATE import_batches SET set_id = id').run();
    const customer = db.prepare(
      "INSERT INTO customers (customer_no, name, created_at, updated_at) VALUES (?, ?, 'x', 'x')",
    );
    customer.run('0510001', '张伟');
    customer.run('0510002', '李娜');
    expect(() => insertBatch.run('家庭成员.xlsx', 'households', 1)).toThrow(/CHECK/);

    runMigrations(db, migrations);
    expect(db.prepare('SELECT id, kind, set_id FROM import_batches').all()).toEqual([
      { id: 1, kind: 'benefit-usage', set_id: 1 },
    ]);
    insertBatch.run('家庭成员.xlsx', 'households', 2);
    const version = () => db.prepare("SELECT version FROM data_versions WHERE kind = 'branchData'").pluck().get();
    const before = version();
    db.prepare("INSERT INTO households (created_date, created_at) VALUES ('2024-01-01', 'x')").run();
    db.prepare("INSERT INTO households (created_date, created_at) VALUES ('2024-01-01', 'x')").run();
    expect(version()).not.toBe(before);
    const member = db.prepare(
      "INSERT INTO household_members (household_id, customer_id, role, joined_date, left_date, created_at) VALUES (?, ?, ?, '2024-01-01', ?, 'x')",
    );
    member.run(1, 1, 'head', null);
    expect(() => member.run(1, 2, 'head', null)).toThrow(/UNIQUE/);
    member.run(1, 2, 'spouse', null);
    expect(() => member.run(2, 2, 'head', null)).toThrow(/UNIQUE/);
    // Left: the row stays, and the customer may be in another household.
    db.prepare("UPDATE household_members SET left_date = '2024-03-01' WHERE customer_id = 2").run();
    member.run(2, 2, 'head', null);
    expect(() => member.run(2, 1, 'cousin', null)).toThrow(/CHECK/);
    expect(() => member.run(2, 1, 'other', '2023-12-31')).toThrow(/CHECK/);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
  });
});
