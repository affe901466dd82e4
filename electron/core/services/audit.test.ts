import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrations } from '../../../migrations';
import { createTestContext, seedBranch } from '../../../tests/helpers/branch';
import { runMigrations } from '../db/migrate';
import { appendAudit, firstBrokenAudit } from '../db/repositories/audit';
import { listAudit, verifyAudit } from './audit';

let ctx: ReturnType<typeof createTestContext>;
beforeEach(() => {
  ctx = createTestContext();
  seedBranch(ctx.store, [], [{ code: 'M01', name: '周文静', role: 'manager' }]);
  const entries: Array<[string, string, string]> = [
    ['2024-03-01T09:00:00.000Z', 'imports.commit', '3月.xlsx'],
    ['2024-03-15T09:00:00.000Z', 'exports.report', '2024-03'],
    ['2024-04-02T09:00:00.000Z', 'imports.undo', '3月.xlsx'],
    ['2024-04-10T09:00:00.000Z', 'tiers.saveRules', null as unknown as string],
  ];
  for (const [at, action, target] of entries) appendAudit(ctx.store.sqlite, { at, actor: 'M01', action, target, detail: { n: 1 } });
});
afterEach(() => ctx.store.close());

/** What someone with the file and a SQLite shell could do: lift the triggers and edit. */
function tamper(sql: string): void {
  ctx.store.sqlite.exec(`DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete; ${sql}`);
}

describe('the audit log', () => {
  it('is append-only: updates and deletes are refused by the database', () => {
    expect(() => ctx.store.sqlite.prepare("UPDATE audit_log SET actor = 'X'").run()).toThrow('append-only');
    expect(() => ctx.store.sqlite.prepare('DELETE FROM audit_log').run()).toThrow('append-only');
  });

  it('lists by period, staff and action (a prefix ending in a dot), newest first', () => {
    const page = listAudit(ctx, { fromDate: '2024-03-15', toDate: '2024-04-02', limit: 10, offset: 0 });
    expect(page.rows.map((r) => r.action)).toEqual(['imports.undo', 'exports.report']);
    expect(page.rows[0]).toMatchObject({ actor: 'M01', actorName: '周文静', target: '3月.xlsx' });
    expect(listAudit(ctx, { action: 'imports.', limit: 10, offset: 0 }).total).toBe(2);
    expect(listAudit(ctx, { action: 'imports.undo', limit: 10, offset: 0 }).total).toBe(1);
    expect(listAudit(ctx, { actor: 'M09', limit: 10, offset: 0 }).total).toBe(0);
  });

  it('verifies every link, and points to the first entry changed, removed or inserted', () => {
    expect(verifyAudit(ctx, 'M01')).toEqual({ entries: 4, firstBroken: null });
    expect(firstBrokenAudit(ctx.store.sqlite)).toBeNull(); // the check itself is chained too
    tamper("UPDATE audit_log SET target = '4月.xlsx' WHERE id = 2");
    expect(verifyAudit(ctx, 'M01').firstBroken).toEqual({ id: 2, at: '2024-03-15T09:00:00.000Z', action: 'exports.report', reason: 'changed' });
  });

  it('detects a removed entry at the one after it', () => {
    tamper('DELETE FROM audit_log WHERE id = 2');
    expect(firstBrokenAudit(ctx.store.sqlite)).toMatchObject({ id: 3, reason: 'unlinked' });
  });

  it('detects an entry re-hashed by someone who changed it (the next link no longer matches)', () => {
    const row = ctx.store.sqlite.prepare('SELECT * FROM audit_log WHERE id = 1').get() as { hash: string };
    tamper(`UPDATE audit_log SET actor = 'X', hash = '${'0'.repeat(64)}' WHERE id = 1`);
    expect(firstBrokenAudit(ctx.store.sqlite)).toMatchObject({ id: 1, reason: 'changed' });
    expect(row.hash).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('migration 0011', () => {
  it('seals the entries written before the chain and keeps the log append-only', () => {
    const db = new BetterSqlite3(':memory:');
    runMigrations(db, migrations.filter((m) => m.version <= 10));
    const insert = db.prepare('INSERT INTO audit_log (at, actor, action, target, detail) VALUES (?, ?, ?, ?, ?)');
    insert.run('2024-01-01T00:00:00.000Z', null, 'imports.commit', 'a.xlsx', '{}');
    insert.run('2024-01-02T00:00:00.000Z', 'M01', 'exports.report', '2024-01', '{"rows":3}');
    runMigrations(db, migrations);
    expect(firstBrokenAudit(db)).toBeNull();
    appendAudit(db, { at: '2024-01-03T00:00:00.000Z', actor: null, action: 'audit.verify', target: null, detail: {} });
    expect(firstBrokenAudit(db)).toBeNull();
    expect(db.prepare('SELECT count(*) FROM audit_log WHERE hash IS NULL').pluck().get()).toBe(0);
    expect(() => db.prepare("UPDATE audit_log SET actor = 'X'").run()).toThrow('append-only');
    db.close();
  });
});
