import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION } from '../../../migrations';
import { AppError } from '../../../shared/errors';
import { openStore, type Store } from './connection';

const opened: Store[] = [];
afterEach(async () => {
  for (const store of opened.splice(0)) await store.close();
});

function tempFile(name: string): string {
  return path.join(mkdtempSync(path.join(tmpdir(), 'tierdesk-db-')), name);
}

function sha256(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

function openError(file: string): AppError {
  try {
    opened.push(openStore(file));
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected openStore to refuse the file');
}

describe('migrations', () => {
  it('apply on an empty database and set the pragmas', () => {
    const file = tempFile('new.db');
    const store = openStore(file);
    opened.push(store);
    expect(store.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    const tables = store.sqlite
      .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
      .pluck()
      .all();
    expect(tables).toEqual(
      expect.arrayContaining(['audit_log', 'branch_settings', 'customers', 'monthly_assets', 'staff']),
    );
    expect(store.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(store.sqlite.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(store.sqlite.pragma('busy_timeout', { simple: true })).toBe(5000);
  });

  it('are not applied twice when the database is opened again', async () => {
    const file = tempFile('again.db');
    await openStore(file).close();
    const store = openStore(file);
    opened.push(store);
    expect(store.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
  });

  it('refuse a database from a newer app and leave the file untouched', () => {
    const file = tempFile('newer.db');
    const raw = new BetterSqlite3(file);
    raw.exec('CREATE TABLE future (x INTEGER)');
    raw.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    raw.close();
    const before = sha256(file);

    const error = openError(file);
    expect(error.code).toBe('SCHEMA_TOO_NEW');
    expect(error.message).toContain('更新版本');
    expect(sha256(file)).toBe(before);
  });

  it('refuse a corrupt file with a clear message and leave it untouched', () => {
    const file = tempFile('corrupt.db');
    writeFileSync(file, Buffer.alloc(8192, 'not a database '));
    const before = sha256(file);

    const error = openError(file);
    expect(error.code).toBe('DB_CORRUPT');
    expect(error.message).toContain('不是有效的数据库');
    expect(sha256(file)).toBe(before);
  });

  it('keep money as integers and enforce the audit log as append-only', () => {
    const store = openStore(':memory:');
    opened.push(store);
    store.sqlite
      .prepare("INSERT INTO customers (customer_no, name, created_at, updated_at) VALUES ('001', '甲', 'x', 'x')")
      .run();
    expect(() =>
      store.sqlite.prepare("INSERT INTO monthly_assets (customer_id, month, aum_avg) VALUES (1, '2024-01', 1.5)").run(),
    ).toThrow(/INTEGER/);
    store.sqlite.prepare("INSERT INTO audit_log (at, action) VALUES ('2024-01-01T00:00:00Z', 'test')").run();
    expect(() => store.sqlite.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    expect(() => store.sqlite.prepare("UPDATE audit_log SET action = 'x'").run()).toThrow(/append-only/);
  });
});
