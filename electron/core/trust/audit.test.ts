import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrations } from '../../../migrations';
import { createTestContext, seedBranch } from '../../../tests/helpers/branch';
import { runMigrations } from '../platform/migrate';
import { auditAnchorFile, openAuditAnchor, syncAuditAnchor } from './audit-anchor';
import { openStore } from '../platform/connection';
import { newKey } from './keys';
import { firstBrokenAudit } from './audit-repository';
import { appendAudit, auditHash, type AuditRow } from '../platform/audit-log';
import { createContext } from '../platform/context';
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
  for (const [at, action, target] of entries)
    appendAudit(ctx.store.sqlite, { at, actor: 'M01', action, target, detail: { n: 1 } });
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
    expect(verifyAudit(ctx, 'M01')).toMatchObject({ entries: 4, firstBroken: null });
    expect(firstBrokenAudit(ctx.store.sqlite)).toBeNull(); // the check itself is chained too
    tamper("UPDATE audit_log SET target = '4月.xlsx' WHERE id = 2");
    expect(verifyAudit(ctx, 'M01').firstBroken).toEqual({
      id: 2,
      at: '2024-03-15T09:00:00.000Z',
      action: 'exports.report',
      reason: 'changed',
    });
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

describe("the log's end, anchored outside the table", () => {
  const lastId = () => ctx.store.sqlite.prepare('SELECT max(id) FROM audit_log').pluck().get() as number;
  const anchoredEntries = () =>
    ctx.store.sqlite.prepare("SELECT actor, detail FROM audit_log WHERE action = 'audit.anchored' ORDER BY id").all();
  /** What the probe left behind: a reveal of an ID number and a full export, the newest entries. */
  function revealAndExport(): void {
    appendAudit(ctx.store.sqlite, {
      at: '2024-04-10T10:00:00.000Z',
      actor: 'M01',
      action: 'customers.reveal',
      target: 'C0001',
      detail: { field: 'idNumber', reason: '核实身份' },
    });
    appendAudit(ctx.store.sqlite, {
      at: '2024-04-10T10:05:00.000Z',
      actor: 'M01',
      action: 'exports.report',
      target: '2024-03',
      detail: { template: 'customers', rows: 20_000, full: true },
    });
  }
  beforeEach(() => {
    openAuditAnchor(ctx.store, '2024-04-10T09:30:00.000Z');
  });

  it('anchors a log never anchored when it is opened, and records that once (no actor)', () => {
    openAuditAnchor(ctx.store, '2024-04-10T09:40:00.000Z');
    expect(anchoredEntries()).toEqual([{ actor: null, detail: '{"reason":"first","entries":4}' }]);
    expect(verifyAudit(ctx, 'M01').tail).toEqual({ state: 'ok', anchoredId: 5 });
  });

  it("reports the newest entries removed behind the triggers' back, which the chain alone cannot see", () => {
    revealAndExport();
    syncAuditAnchor(ctx.store);
    tamper(`DELETE FROM audit_log WHERE id > ${lastId() - 2}`);
    expect(firstBrokenAudit(ctx.store.sqlite)).toBeNull();
    const result = verifyAudit(ctx, 'M01');
    expect(result).toMatchObject({
      entries: 5,
      firstBroken: null,
      tail: { state: 'missing', anchoredId: 7, lastId: 5, missing: 2 },
    });
    // The anchor stays: every later check still reports it (the count said once, in the log for good).
    expect(verifyAudit(ctx, 'M01').tail).toMatchObject({ state: 'missing', anchoredId: 7 });
    expect(
      ctx.store.sqlite
        .prepare("SELECT detail FROM audit_log WHERE action = 'audit.verify' ORDER BY id LIMIT 1")
        .pluck()
        .get(),
    ).toBe('{"entries":5,"brokenAt":null,"tail":"missing","missing":2}');
  });

  it('accepts an anchor a few entries behind the table (a crash between a commit and its update)', () => {
    revealAndExport();
    appendAudit(ctx.store.sqlite, {
      at: '2024-04-10T10:10:00.000Z',
      actor: 'M01',
      action: 'imports.commit',
      target: '4月.xlsx',
      detail: {},
    });
    expect(verifyAudit(ctx, 'M01').tail).toEqual({ state: 'ok', anchoredId: 5 });
    // Still behind, the anchored entry removed: that is reported.
    revealAndExport();
    tamper('DELETE FROM audit_log WHERE id >= 9');
    expect(verifyAudit(ctx, 'M01').tail).toMatchObject({ state: 'missing', anchoredId: 9, missing: 1 });
  });

  it('never runs ahead of the table: a transaction rolled back leaves the anchor where it was', () => {
    const rolledBack = ctx.store.sqlite.transaction(() => {
      revealAndExport();
      expect(syncAuditAnchor(ctx.store)).toBe(false);
      throw new Error('the change fails after its audit entries');
    });
    expect(rolledBack).toThrow('the change fails');
    expect(lastId()).toBe(5);
    expect(verifyAudit(ctx, 'M01').tail).toEqual({ state: 'ok', anchoredId: 5 });
  });

  it('does not move past entries removed, however many are written after: their ids are never used again', () => {
    revealAndExport();
    syncAuditAnchor(ctx.store);
    tamper('DELETE FROM audit_log WHERE id >= 6');
    appendAudit(ctx.store.sqlite, {
      at: '2024-04-10T11:00:00.000Z',
      actor: 'M01',
      action: 'auth.signIn',
      target: null,
      detail: {},
    });
    appendAudit(ctx.store.sqlite, {
      at: '2024-04-10T11:01:00.000Z',
      actor: 'M01',
      action: 'auth.signOut',
      target: null,
      detail: {},
    });
    expect(ctx.store.sqlite.prepare('SELECT id FROM audit_log WHERE id > 5').pluck().all()).toEqual([8, 9]);
    expect(syncAuditAnchor(ctx.store)).toBe(false);
    expect(firstBrokenAudit(ctx.store.sqlite)).toBeNull();
    expect(verifyAudit(ctx, 'M01').tail).toEqual({ state: 'missing', anchoredId: 7, lastId: 5, missing: 2 });
    // And again, after more entries (the check itself adds one).
    expect(verifyAudit(ctx, 'M01').tail).toEqual({ state: 'missing', anchoredId: 7, lastId: 5, missing: 2 });
  });

  it('reports an entry changed and every link after it re-hashed (the chain alone stays green)', () => {
    revealAndExport();
    syncAuditAnchor(ctx.store);
    tamper('UPDATE audit_log SET detail = \'{"template":"customers","rows":20}\' WHERE id = 7');
    let prev: string | null = null;
    for (const row of ctx.store.sqlite.prepare('SELECT * FROM audit_log ORDER BY id').all() as AuditRow[]) {
      const hash = auditHash(prev, row);
      ctx.store.sqlite.prepare('UPDATE audit_log SET hash_prev = ?, hash = ? WHERE id = ?').run(prev, hash, row.id);
      prev = hash;
    }
    expect(firstBrokenAudit(ctx.store.sqlite)).toBeNull();
    expect(verifyAudit(ctx, 'M01').tail).toEqual({ state: 'changed', anchoredId: 7 });
  });
});

describe('an anchor file lost or forged', () => {
  it('is reported once by verification, recorded with who checked, and the head anchored again', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tierdesk-audit-'));
    const store = openStore(path.join(dir, 'tierdesk.db'), newKey());
    const live = createContext(store);
    const anchorFile = auditAnchorFile(store.file);
    try {
      seedBranch(store, []);
      openAuditAnchor(store, '2024-04-10T09:00:00.000Z');
      rmSync(anchorFile);
      expect(verifyAudit(live, 'M01').tail).toEqual({ state: 'anchorMissing' });
      expect(existsSync(anchorFile)).toBe(true);
      expect(verifyAudit(live, 'M01').tail.state).toBe('ok');

      const forged = { ...JSON.parse(readFileSync(anchorFile, 'utf8')), lastId: 1 } as Record<string, unknown>;
      writeFileSync(anchorFile, JSON.stringify(forged));
      expect(verifyAudit(live, 'M01').tail).toEqual({ state: 'anchorInvalid' });
      expect(verifyAudit(live, 'M01').tail.state).toBe('ok');
      const recorded = store.sqlite
        .prepare(
          "SELECT actor, json_extract(detail, '$.reason') FROM audit_log WHERE action = 'audit.anchored' ORDER BY id",
        )
        .raw()
        .all();
      expect(recorded).toEqual([
        [null, 'first'],
        ['M01', 'anchorMissing'],
        ['M01', 'anchorInvalid'],
      ]);
      expect(firstBrokenAudit(store.sqlite)).toBeNull();
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('migration 0011', () => {
  it('seals the entries written before the chain and keeps the log append-only', () => {
    const db = new BetterSqlite3(':memory:');
    runMigrations(
      db,
      migrations.filter((m) => m.version <= 10),
    );
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

describe("the log's append-only guards", () => {
  it('put back when someone dropped them, and recorded once', () => {
    ctx.store.sqlite.exec('DROP TRIGGER audit_log_no_delete');
    ctx.store.sqlite.exec('DELETE FROM audit_log WHERE id = 1');
    verifyAudit(ctx, 'ADM');
    expect(() => ctx.store.sqlite.exec('DELETE FROM audit_log WHERE id = 2')).toThrow('append-only');
    verifyAudit(ctx, 'ADM');
    const restored = ctx.store.sqlite
      .prepare("SELECT detail FROM audit_log WHERE action = 'audit.guardsRestored'")
      .pluck()
      .all();
    expect(restored).toEqual([JSON.stringify({ guards: ['audit_log_no_delete'] })]);
  });
});

describe('migration 0016', () => {
  it('keeps every entry with its link and hash, and never hands an id out twice after it', () => {
    const db = new BetterSqlite3(':memory:');
    runMigrations(
      db,
      migrations.filter((m) => m.version <= 15),
    );
    let prev: string | null = null;
    for (const id of [1, 2, 3]) {
      const row = {
        id,
        at: `2024-04-0${id}T09:00:00.000Z`,
        actor: 'M01',
        action: 'auth.signIn',
        target: null,
        detail: '{}',
      };
      const hash = auditHash(prev, row);
      db.prepare(
        'INSERT INTO audit_log (id, at, actor, action, target, detail, hash_prev, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      ).run(id, row.at, row.actor, row.action, row.target, row.detail, prev, hash);
      prev = hash;
    }
    const before = db.prepare('SELECT * FROM audit_log ORDER BY id').all();
    runMigrations(db, migrations);
    expect(db.prepare('SELECT * FROM audit_log ORDER BY id').all()).toEqual(before);
    expect(firstBrokenAudit(db)).toBeNull();
    expect(() => db.exec('DELETE FROM audit_log WHERE id = 3')).toThrow('append-only');
    db.exec('DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE id = 3');
    appendAudit(db, { at: '2024-04-04T09:00:00.000Z', actor: 'M01', action: 'auth.signOut', target: null, detail: {} });
    expect(db.prepare('SELECT id FROM audit_log ORDER BY id').pluck().all()).toEqual([1, 2, 4]);
    db.close();
  });
});
