import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { runMigrations } from '../electron/core/platform/migrate';
import { migrations } from '.';

describe('migration 0025: assessment imports', () => {
  it('keeps the import history, accepts assessment batches, and versions only the assessments recorded on the card', () => {
    const db = new BetterSqlite3(':memory:');
    runMigrations(
      db,
      migrations.filter((m) => m.version < 25),
    );
    const insertBatch = db.prepare(
      "INSERT INTO import_batches (file_name, sha256, kind, summary, created_at, set_id) VALUES (?, 'x', ?, '{}', '2024-01-01', ?)",
    );
    insertBatch.run('产品目录.xlsx', 'products', null);
    db.prepare('UPDATE import_batches SET set_id = id').run();
    db.prepare(
      "INSERT INTO customers (customer_no, name, created_at, updated_at) VALUES ('0510001', '王芳', 'x', 'x')",
    ).run();
    expect(() => insertBatch.run('风险评估.xlsx', 'assessments', 1)).toThrow(/CHECK/);

    runMigrations(db, migrations);
    expect(db.prepare('SELECT id, kind, set_id FROM import_batches').all()).toEqual([
      { id: 1, kind: 'products', set_id: 1 },
    ]);
    insertBatch.run('风险评估.xlsx', 'assessments', 2);
    const version = () => db.prepare("SELECT version FROM data_versions WHERE kind = 'branchData'").pluck().get();
    const record = db.prepare(
      "INSERT INTO risk_assessments (customer_id, risk_level, assessed_date, professional, recorded_at, import_batch_id) VALUES (1, 'C3', '2024-01-01', 0, 'x', ?)",
    );
    let before = version();
    record.run(2);
    expect(version()).toBe(before);
    before = version();
    record.run(null);
    expect(version()).not.toBe(before);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
  });
});
