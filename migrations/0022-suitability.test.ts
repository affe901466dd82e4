import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { runMigrations } from '../electron/core/platform/migrate';
import { migrations } from '.';

describe('migration 0022: suitability', () => {
  it('keeps the import history, accepts product batches, and versions the catalogue', () => {
    const db = new BetterSqlite3(':memory:');
    runMigrations(
      db,
      migrations.filter((m) => m.version < 22),
    );
    const insertBatch = db.prepare(
      "INSERT INTO import_batches (file_name, sha256, kind, summary, created_at, set_id) VALUES (?, 'x', ?, '{}', '2024-01-01', ?)",
    );
    insertBatch.run('客户信息.xlsx', 'customers', null);
    db.prepare('UPDATE import_batches SET set_id = id').run();
    db.prepare("INSERT INTO import_undo_staff (batch_id, code) VALUES (1, 'M09')").run();
    expect(() => insertBatch.run('产品目录.xlsx', 'products', 1)).toThrow(/CHECK/);

    runMigrations(db, migrations);
    expect(db.prepare('SELECT id, kind, set_id FROM import_batches').all()).toEqual([
      { id: 1, kind: 'customers', set_id: 1 },
    ]);
    insertBatch.run('产品目录.xlsx', 'products', 2);
    const version = () => db.prepare("SELECT version FROM data_versions WHERE kind = 'branchData'").pluck().get();
    const before = version();
    db.prepare("INSERT INTO products (code, name, risk_level) VALUES ('P1', '稳利90天', 'R2')").run();
    expect(version()).not.toBe(before);
    expect(() =>
      db
        .prepare(
          "INSERT INTO products (code, name, risk_level, sale_start, sale_end) VALUES ('P2', 'x', 'R2', '2024-02-01', '2024-01-01')",
        )
        .run(),
    ).toThrow(/CHECK/);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name LIKE 'import_batches_%'").pluck().get()).toBe(5);
    db.close();
  });
});
