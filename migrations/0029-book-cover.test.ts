import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { runMigrations } from '../electron/core/platform/migrate';
import { migrations } from '.';

describe('migration 0029: book cover', () => {
  it('gives handovers made before it no transition, and keeps backups and time away checked', () => {
    const db = new BetterSqlite3(':memory:');
    runMigrations(
      db,
      migrations.filter((m) => m.version < 29),
    );
    db.prepare(
      "INSERT INTO handovers (to_code, effective_date, reason, customers, created_at) VALUES ('M02', '2024-04-01', 'leave', 1, 'x')",
    ).run();
    runMigrations(db, migrations);
    expect(db.prepare('SELECT transition_days FROM handovers').pluck().get()).toBe(0);
    db.prepare(
      "INSERT INTO staff (code, name, role, active, created_at) VALUES ('M01', '甲', 'manager', 1, 'x')",
    ).run();
    expect(() =>
      db.prepare("INSERT INTO staff_backups (manager_code, backup_code, set_at) VALUES ('M01', 'M01', 'x')").run(),
    ).toThrow(/CHECK/);
    expect(() =>
      db
        .prepare(
          "INSERT INTO staff_absences (manager_code, from_date, to_date, created_at) VALUES ('M01', '2024-04-02', '2024-04-01', 'x')",
        )
        .run(),
    ).toThrow(/CHECK/);
    db.close();
  });
});
