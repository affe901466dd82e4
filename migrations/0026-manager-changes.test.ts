import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { runMigrations } from '../electron/core/platform/migrate';
import { migrations } from '.';

describe('migration 0026: manager changes', () => {
  it('adds the book history, versioning only the changes not written with an import batch', () => {
    const db = new BetterSqlite3(':memory:');
    runMigrations(
      db,
      migrations.filter((m) => m.version < 26),
    );
    db.prepare(
      "INSERT INTO customers (customer_no, name, manager_code, created_at, updated_at) VALUES ('0510001', '王芳', NULL, 'x', 'x')",
    ).run();
    db.prepare(
      "INSERT INTO import_batches (file_name, sha256, kind, summary, created_at) VALUES ('管户.xlsx', 'x', 'assignments', '{}', 'x')",
    ).run();

    runMigrations(db, migrations);
    const version = () => db.prepare("SELECT version FROM data_versions WHERE kind = 'branchData'").pluck().get();
    const record = db.prepare(
      "INSERT INTO manager_changes (customer_id, from_code, to_code, effective_date, reason, import_batch_id, recorded_at) VALUES (1, NULL, 'M01', '2024-04-10', 'import', ?, 'x')",
    );
    let before = version();
    record.run(1);
    expect(version()).toBe(before);
    before = version();
    record.run(null);
    expect(version()).not.toBe(before);
    expect(db.prepare('SELECT count(*) FROM manager_changes').pluck().get()).toBe(2);
    // A customer removed (an undone import that created it) takes its history with it.
    db.prepare('DELETE FROM customers').run();
    expect(db.prepare('SELECT count(*) FROM manager_changes').pluck().get()).toBe(0);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
  });
});
