import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { runMigrations } from '../electron/core/platform/migrate';
import { migrations } from '.';

describe('migration 0024: product proposals', () => {
  it('keeps the contacts as they were (no product, not an own request) and takes the new columns', () => {
    const db = new BetterSqlite3(':memory:');
    runMigrations(
      db,
      migrations.filter((m) => m.version < 24),
    );
    db.prepare(
      "INSERT INTO customers (customer_no, name, created_at, updated_at) VALUES ('C01', '王芳', 'x', 'x')",
    ).run();
    const contact = db.prepare(
      "INSERT INTO contacts (customer_id, contact_date, channel, purpose, created_at) VALUES (1, '2024-04-01', 'phone', 'care', 'x')",
    );
    contact.run();
    runMigrations(db, migrations);
    expect(
      db.prepare('SELECT product_code, own_request, own_request_reason, dual_recording_ref FROM contacts').get(),
    ).toEqual({ product_code: null, own_request: 0, own_request_reason: null, dual_recording_ref: null });
    expect(() => db.prepare('UPDATE contacts SET own_request = 2').run()).toThrow(/CHECK/);
    db.close();
  });
});
