import { createHash, randomBytes } from 'node:crypto';
import { runCli } from '../../../tests/helpers/cli';
import {
  closeSync,
  existsSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DATABASE_FILE_NAME, openCore, type Core } from '../app-core';
import { handlers } from '../handlers';
import { createBackup } from './backups';

const CUSTOMERS = 300;
let dataDir: string;
let databaseFile: string;
const opened: Core[] = [];
const log = () => undefined;

beforeEach(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'tierdesk-recovery-'));
  databaseFile = path.join(dataDir, DATABASE_FILE_NAME);
  // A branch with one backup of its own, then closed.
  const core = await openCore({ dataDir, demoCustomers: CUSTOMERS, log, dailyBackups: false });
  await createBackup(core.ctx, 'manual');
  await core.close();
});
afterEach(async () => {
  for (const core of opened.splice(0)) await core.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const open = async (backgroundCheckFromBytes?: number) => {
  const core = await openCore({ dataDir, log, dailyBackups: false, backgroundCheckFromBytes });
  opened.push(core);
  return core;
};
const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** What the probe did: 8 KB of the file overwritten in its middle (a page boundary). */
function damage(file: string): void {
  const fd = openSync(file, 'r+');
  writeSync(fd, randomBytes(8192), 0, 8192, Math.floor(statSync(file).size / 2 / 4096) * 4096);
  closeSync(fd);
}

/** Signs the window in as the administrator (created on first use). */
async function signedIn(core: Core): Promise<string> {
  const status = (await core.dispatch('w', 'auth.status', {})) as { value: { needsSetup: boolean } };
  const account = { code: 'ADM', secret: 'admin-secret' };
  const result = status.value.needsSetup
    ? await core.dispatch('w', 'auth.setup', { ...account, name: '管理员' })
    : await core.dispatch('w', 'auth.signIn', account);
  expect(result).toMatchObject({ ok: true });
  return 'w';
}

describe('a damaged database', { timeout: 60_000 }, () => {
  it('is refused when opened, naming the file, and never written to; only its recovery is served (the 8 KB probe)', async () => {
    await signedIn(await open()).then(() => opened.pop()?.close());
    damage(databaseFile);
    const before = sha256(databaseFile);
    const core = await open();
    expect(core.ctx.database.state).toMatchObject({ state: 'damaged', file: databaseFile });
    expect(await core.dispatch('w', 'auth.status', {})).toMatchObject({
      ok: true,
      value: { staff: null, needsSetup: false, database: { state: 'damaged' } },
    });
    const search = await core.dispatch('w', 'customers.count', { month: '2024-01', filter: { search: '王' } });
    expect(search).toMatchObject({
      ok: false,
      error: {
        code: 'DB_CORRUPT',
        message: expect.stringContaining(databaseFile),
        messageEn: expect.stringContaining('damaged'),
      },
    });
    expect(await core.dispatch('w', 'auth.signIn', { code: 'ADM', secret: 'admin-secret' })).toMatchObject({
      ok: false,
      error: { code: 'DB_CORRUPT' },
    });
    await core.close();
    opened.pop();
    expect(sha256(databaseFile)).toBe(before);
  });

  it('is replaced by the newest backup that passes its check, the damaged file kept aside, audited; then the branch works', async () => {
    damage(databaseFile);
    const damagedSha = sha256(databaseFile);
    const core = await open();
    const backups = (await core.dispatch('w', 'recovery.backups', {})) as {
      value: { backups: Array<{ fileName: string }> };
    };
    expect(backups.value.backups).toHaveLength(1);
    const restored = (await core.dispatch('w', 'recovery.restore', {})) as {
      ok: boolean;
      value: { fileName: string; customers: number; damagedKeptAs: string };
    };
    expect(restored).toMatchObject({
      ok: true,
      value: { fileName: backups.value.backups[0].fileName, customers: CUSTOMERS },
    });
    expect(sha256(restored.value.damagedKeptAs)).toBe(damagedSha);
    expect(core.ctx.database.state).toEqual({ state: 'ok' });
    const entry = core.ctx.store.sqlite
      .prepare("SELECT actor, detail FROM audit_log WHERE action = 'backups.restore'")
      .get() as { actor: null; detail: string };
    expect(entry.actor).toBeNull();
    expect(JSON.parse(entry.detail)).toMatchObject({ damagedKeptAs: path.basename(restored.value.damagedKeptAs) });
    await signedIn(core);
    expect(await core.dispatch('w', 'customers.count', { month: '2024-01', filter: {} })).toMatchObject({ ok: true });
    expect(await core.dispatch('w', 'recovery.restore', {})).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });

  it('skips a backup that fails its check, and says so when none passes', async () => {
    const backup = path.join(
      dataDir,
      'backups',
      readdirSync(path.join(dataDir, 'backups')).find((name) => name.endsWith('.db')) as string,
    );
    damage(backup);
    damage(databaseFile);
    const core = await open();
    expect(await core.dispatch('w', 'recovery.restore', {})).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', message: expect.stringContaining('没有通过完整性检查的备份') },
    });
    expect(core.ctx.database.state.state).toBe('damaged');
  });

  it('a large file is checked in a worker: reading and signing in go on meanwhile, changes wait for the check', async () => {
    const core = await open(0);
    expect(core.ctx.database.state).toEqual({ state: 'checking' });
    expect(await core.dispatch('w', 'auth.status', {})).toMatchObject({
      ok: true,
      value: { database: { state: 'checking' } },
    });
    await signedIn(core);
    const read = core.dispatch('w', 'customers.count', { month: '2024-01', filter: {} });
    const change = core.dispatch('w', 'staff.save', {
      code: 'M09',
      name: '新同事',
      role: 'manager',
      active: true,
    });
    expect(await read).toMatchObject({ ok: true });
    expect(core.ctx.database.state.state).toBe('checking');
    expect(await change).toMatchObject({ ok: true });
    expect(core.ctx.database.state).toEqual({ state: 'ok' });
  });

  it('found damaged by the worker, changes waiting are refused and the file is left as it was, signing in meanwhile included', async () => {
    damage(databaseFile);
    const before = sha256(databaseFile);
    const core = await open(0);
    // Served while the file is checked (signing in writes: its account, its audit entry) — then found damaged.
    await core.dispatch('w', 'auth.setup', { code: 'ADM', name: '管理员', secret: 'admin-secret' });
    await core.dispatch('w', 'auth.signIn', { code: 'NOBODY', secret: 'wrong-secret' });
    const segment = await core.dispatch('w', 'segments.save', {
      name: '大客户',
      filter: { tierCodes: ['T4'] },
      replace: false,
    });
    expect(core.ctx.database.state.state).toBe('damaged');
    expect(segment).toMatchObject({ ok: false, error: { code: 'DB_CORRUPT' } });
    await core.close();
    opened.pop();
    expect(sha256(databaseFile)).toBe(before);
  });

  it('SQLite meeting damage during a call has the file checked again', async () => {
    const core = await open();
    const suspect = vi.spyOn(core.ctx.database, 'suspect');
    const original = handlers['app.info'];
    handlers['app.info'] = () =>
      Promise.reject(Object.assign(new Error('database disk image is malformed'), { code: 'SQLITE_CORRUPT' }));
    try {
      await signedIn(core);
      expect(await core.dispatch('w', 'app.info', {})).toMatchObject({ ok: false, error: { code: 'DB_CORRUPT' } });
    } finally {
      handlers['app.info'] = original;
    }
    expect(suspect).toHaveBeenCalledOnce();
    await core.ctx.database.checked;
    expect(core.ctx.database.state).toEqual({ state: 'ok' });
  });
});

describe('cli restore', { timeout: 60_000 }, () => {
  const cli = async (...args: string[]) => {
    const result = await runCli(dataDir, ...args);
    return { status: result.code, stdout: result.stdout, stderr: result.stderr };
  };

  it('over a damaged database: other commands refused naming restore; restore lists, then with --yes restores', async () => {
    damage(databaseFile);
    const refused = await cli('rules', 'show');
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('已损坏');
    expect(refused.stderr).toContain('restore');
    const dry = await cli('restore');
    expect(dry.status).toBe(0);
    expect(dry.stdout).toContain('数据库已损坏');
    expect(dry.stdout).toMatch(/tierdesk-\d{8}-\d{6}-manual\.db/);
    const done = await cli('restore', '--yes');
    expect(done.status, done.stderr).toBe(0);
    expect(done.stdout).toContain(`（${CUSTOMERS} 位客户）`);
    expect(readdirSync(dataDir).some((name) => name.startsWith(`${DATABASE_FILE_NAME}.damaged-`))).toBe(true);
    expect((await cli('rules', 'show')).status).toBe(0);
  });

  it('over a sound database: names the backup, backs the live one up first', async () => {
    const name = readdirSync(path.join(dataDir, 'backups')).find((file) => file.endsWith('.db')) as string;
    expect((await cli('restore', '--yes')).status).toBe(1);
    const done = await cli('restore', '--yes', '--backup', name);
    expect(done.status, done.stderr).toBe(0);
    expect(readdirSync(path.join(dataDir, 'backups')).some((file) => file.endsWith('-restore.db'))).toBe(true);
    expect(existsSync(databaseFile)).toBe(true);
  });
});
