import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { runMigrations } from '../electron/core/platform/migrate';
import { m0027LoyaltyPoints } from './0027-loyalty-points';
import { migrations } from '.';

describe('migration 0027: loyalty points', () => {
  it('adds the plan off, an append-only ledger whose lines go only with their customer, and gifts that never go below stock 0', () => {
    const db = new BetterSqlite3(':memory:');
    db.pragma('foreign_keys = ON');
    runMigrations(
      db,
      migrations.filter((m) => m.version < m0027LoyaltyPoints.version),
    );
    db.prepare(
      "INSERT INTO customers (customer_no, name, created_at, updated_at) VALUES ('0510001', '王芳', 'x', 'x')",
    ).run();
    runMigrations(db, migrations);
    expect(db.prepare('SELECT count(*) FROM loyalty_rule_sets').pluck().get()).toBe(0);
    const line = db.prepare(
      'INSERT INTO loyalty_ledger (customer_id, kind, points, month, reverses, created_at) VALUES (1, ?, ?, ?, ?, ?)',
    );
    line.run('earn', 10, '2024-01', null, 'x');
    expect(() => line.run('earn', -1, '2024-01', null, 'x')).toThrow(/CHECK/);
    expect(() => line.run('reversal', -10, '2024-01', null, 'x')).toThrow(/CHECK/);
    line.run('reversal', -10, '2024-01', 1, 'x');
    expect(() => line.run('reversal', -10, '2024-01', 1, 'x')).toThrow(/UNIQUE/);
    expect(() => db.prepare('UPDATE loyalty_ledger SET points = 99').run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM loyalty_ledger').run()).toThrow(/append-only/);
    db.prepare("INSERT INTO loyalty_gifts (code, name, points_price, stock) VALUES ('G1', '保温杯', 500, 1)").run();
    expect(() => db.prepare("UPDATE loyalty_gifts SET stock = stock - 2 WHERE code = 'G1'").run()).toThrow(/CHECK/);
    db.prepare('DELETE FROM customers WHERE id = 1').run();
    expect(db.prepare('SELECT count(*) FROM loyalty_ledger').pluck().get()).toBe(0);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
  });
});
