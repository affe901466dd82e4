import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { runMigrations } from '../electron/core/platform/migrate';
import { migrations } from '.';

describe('migration 0030: campaigns', () => {
  it('makes the campaigns and their members, refusing a period ending before it starts and a hold-out above half', () => {
    const db = new BetterSqlite3(':memory:');
    runMigrations(
      db,
      migrations.filter((m) => m.version < 30),
    );
    db.prepare(
      "INSERT INTO customers (customer_no, name, created_at, updated_at) VALUES ('0510001', '王芳', 'x', 'x')",
    ).run();
    runMigrations(db, migrations);
    const campaign = db.prepare(
      `INSERT INTO campaigns (name, goal_kind, start_date, end_date, contact_by, owner_code, source, source_name, holdout_share, created_at)
       VALUES ('理财', 'aum', ?, ?, ?, 'B01', 'file', 'x.xlsx', ?, 'x')`,
    );
    campaign.run('2024-01-01', '2024-03-31', '2024-01-15', 0.1);
    expect(() => campaign.run('2024-03-01', '2024-01-31', '2024-03-01', 0)).toThrow(/CHECK/);
    expect(() => campaign.run('2024-01-01', '2024-03-31', '2024-01-15', 0.6)).toThrow(/CHECK/);
    const member = db.prepare(
      'INSERT INTO campaign_members (campaign_id, row_no, customer_no, customer_id) VALUES (1, ?, ?, ?)',
    );
    member.run(1, '0510001', 1);
    member.run(2, '9999999', null);
    expect(() => member.run(3, '0510001', 1)).toThrow(/UNIQUE/);
    db.prepare("DELETE FROM customers WHERE customer_no = '0510001'").run();
    expect(db.prepare('SELECT customer_no, customer_id, status FROM campaign_members ORDER BY row_no').all()).toEqual([
      { customer_no: '0510001', customer_id: null, status: 'pending' },
      { customer_no: '9999999', customer_id: null, status: 'pending' },
    ]);
  });
});
