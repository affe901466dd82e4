import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { seedBranch } from '../../../tests/helpers/branch';
import { openCore } from '../app-core';
import { backupDir } from '../platform/backup-names';
import { openDatabaseFile, openStore } from '../platform/connection';
import { fileKeyStore, newKey } from './keys';
import { createContext } from '../platform/context';
import { createBackup, inspectBackup, restoreBackup } from './backups';

const PLAIN = 'SQLite format 3\0';
const header = (file: string) => readFileSync(file).subarray(0, 16).toString('latin1');
const tempDir = () => mkdtempSync(path.join(tmpdir(), 'tierdesk-enc-'));

describe('encryption at rest', () => {
  it('creates the database encrypted under a key kept in an owner-only file; without the key it cannot be read', async () => {
    const dataDir = tempDir();
    const core = await openCore({ dataDir, demoCustomers: 200, log: () => undefined, dailyBackups: false });
    await core.close();
    const file = path.join(dataDir, 'tierdesk.db');
    expect(header(file)).not.toBe(PLAIN);
    expect(readFileSync(file).includes(Buffer.from('0510000001'))).toBe(false); // no customer number in the clear
    const keyFile = path.join(dataDir, 'tierdesk.key');
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(() => openStore(file)).toThrow('已加密而密钥不对');
    expect(() => openStore(file, newKey())).toThrow('已加密而密钥不对');
    const store = openStore(file, readFileSync(keyFile, 'utf8'));
    expect(store.sqlite.prepare('SELECT count(*) FROM customers').pluck().get()).toBe(200);
    await store.close();
  });

  it('refuses an encrypted database whose key file is gone, changing nothing', async () => {
    const dataDir = tempDir();
    await (await openCore({ dataDir, demoCustomers: 100, log: () => undefined, dailyBackups: false })).close();
    const file = path.join(dataDir, 'tierdesk.db');
    const before = readFileSync(file);
    rmSync(path.join(dataDir, 'tierdesk.key'));
    await expect(openCore({ dataDir, log: () => undefined, dailyBackups: false })).rejects.toThrow('找不到它的密钥');
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(existsSync(path.join(dataDir, 'tierdesk.key'))).toBe(false);
  });

  it('encrypts an existing plaintext database in one step, after a backup', async () => {
    const dataDir = tempDir();
    const file = path.join(dataDir, 'tierdesk.db');
    const plain = openStore(file);
    seedBranch(plain, [{ customer_no: 'P1', name: '明文客户', assets: { '2024-03': 100 } }]);
    await plain.close();
    expect(header(file)).toBe(PLAIN);
    const core = await openCore({ dataDir, log: () => undefined, dailyBackups: false });
    expect(core.ctx.store.sqlite.prepare('SELECT name FROM customers').pluck().get()).toBe('明文客户');
    await core.close();
    expect(header(file)).not.toBe(PLAIN);
    const [before] = readdirSync(backupDir(file));
    expect(before).toMatch(/-migration\.db$/);
    expect(inspectBackup(path.join(backupDir(file), before), null).customers).toBe(1);
  });

  it('backs up under the same key; a backup under another key is refused on restore, the live database untouched', async () => {
    const dataDir = tempDir();
    const key = newKey();
    fileKeyStore(dataDir).save(key);
    const store = openStore(path.join(dataDir, 'tierdesk.db'), key);
    seedBranch(store, [{ customer_no: 'K1', name: '加密客户', assets: { '2024-03': 100 } }]);
    const ctx = createContext(store);
    const made = await createBackup(ctx, 'manual');
    const copy = path.join(backupDir(store.file), made.fileName);
    expect(header(copy)).not.toBe(PLAIN);
    expect(inspectBackup(copy, key).customers).toBe(1);
    // Another workstation's backup: a database under another key.
    const foreign = path.join(backupDir(store.file), 'tierdesk-20240101-000000-manual.db');
    const other = openDatabaseFile(foreign, newKey());
    other.exec('CREATE TABLE customers (id INTEGER)');
    other.close();
    await expect(restoreBackup(ctx, foreign, null)).rejects.toThrow('加密密钥不符');
    expect(ctx.store.sqlite.prepare('SELECT name FROM customers').pluck().get()).toBe('加密客户');
    await ctx.store.close();
  });
});
