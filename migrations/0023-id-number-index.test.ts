import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { findCustomersByIdNumber } from '../electron/core/customers/customers-repository';
import { runMigrations } from '../electron/core/platform/migrate';
import { migrations } from '.';

describe('migration 0023: the ID number index', () => {
  it('serves the lookup of customers by ID number, on a branch migrated from before it', () => {
    const db = new BetterSqlite3(':memory:');
    runMigrations(
      db,
      migrations.filter((m) => m.version < 23),
    );
    const insert = db.prepare(
      "INSERT INTO customers (customer_no, name, id_number, created_at, updated_at) VALUES (?, '张三', ?, '2024-01-01', '2024-01-01')",
    );
    insert.run('OLD', '320102199001011234');
    insert.run('NEW', '320102199001011234');
    insert.run('OTHER', '110105198505051111');
    insert.run('NONE', null);
    runMigrations(db, migrations);
    const plan = db
      .prepare(
        'EXPLAIN QUERY PLAN SELECT id, id_number FROM customers WHERE id_number IN (SELECT value FROM json_each(?))',
      )
      .all('[]') as Array<{ detail: string }>;
    expect(plan.map((p) => p.detail).join(' | ')).toContain('customers_id_number');
    expect(findCustomersByIdNumber(db, ['320102199001011234']).map(([id]) => id)).toEqual([1, 2]);
    expect(findCustomersByIdNumber(db, [])).toEqual([]);
    db.close();
  });
});
