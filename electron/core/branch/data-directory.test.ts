import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_ACCESS_SETTINGS } from '../../../shared/schemas/auth';
import type { JobEvent } from '../../../shared/schemas/jobs';
import { DATABASE_FILE_NAME, openCore, type Core } from '../app-core';
import type { DataLocation } from '../platform/context';
import { stagingDirOf } from './data-directory';
import { refuseMoveTarget } from './move-target';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});
function tempDir(name: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), `tierdesk-${name}-`));
  dirs.push(dir);
  return dir;
}

const ADMIN = { code: 'A001', name: '王管理', secret: 'admin-pass-1' };
const SETTINGS = { ...DEFAULT_ACCESS_SETTINGS, idleMinutes: 20 };
const call = (core: Core, channel: string, input: unknown = {}) => core.dispatch('window', channel, input);
const valueOf = async <T>(core: Core, channel: string, input: unknown = {}): Promise<T> => {
  const answer = await call(core, channel, input);
  if (!answer.ok) throw new Error(`${channel}: ${answer.error.message}`);
  return answer.value as T;
};
const customerCount = (core: Core) =>
  core.ctx.store.sqlite.prepare('SELECT count(*) FROM customers').pluck().get() as number;

/** The desktop shell's part, as the core sees it: the folder the user will choose, and the location file. */
function fakeLocation(choose: string) {
  const remembered: Array<{ dataDir: string; previous: string | null }> = [];
  const location: DataLocation = {
    chooseFolder: async () => choose,
    previous: () => remembered.at(-1)?.previous ?? null,
    remember: (dataDir, previous) => remembered.push({ dataDir, previous }),
  };
  return { location, remembered };
}

/** A demo branch of 60 customers with its administrator signed in on 'window', moving to `target` when asked. */
async function desktopBranch(target: string) {
  const dataDir = tempDir('data');
  const core = await openCore({ dataDir, demoCustomers: 60, log: () => undefined, dailyBackups: false });
  const { location, remembered } = fakeLocation(target);
  core.ctx.dataLocation = location;
  await valueOf(core, 'auth.setup', ADMIN);
  return { core, dataDir, remembered };
}

/** Chooses the folder, moves there as a job, and gives the job's last event. */
async function move(core: Core): Promise<JobEvent> {
  const { choice } = await valueOf<{ choice: { token: string } }>(core, 'dataDir.choose');
  const { jobId } = await valueOf<{ jobId: string }>(core, 'jobs.start', {
    request: { kind: 'dataDir.move', targetToken: choice.token },
  });
  await core.ctx.jobs.idle();
  return valueOf<JobEvent>(core, 'jobs.status', { jobId });
}

/** The app goes on in `dataDir`, changes included. */
async function expectStillAt(core: Core, dataDir: string): Promise<void> {
  expect(core.ctx.store.file).toBe(path.join(dataDir, DATABASE_FILE_NAME));
  expect(core.ctx.database.state).toEqual({ state: 'ok' });
  expect(await call(core, 'access.saveSettings', { settings: SETTINGS })).toMatchObject({ ok: true });
}

describe('moving the data directory', { timeout: 60_000 }, () => {
  it('copies, verifies and switches: the new place opens with the same data, the old one is kept until removed', async () => {
    const target = path.join(tempDir('parent'), '客户分层数据');
    const { core, dataDir, remembered } = await desktopBranch(target);
    try {
      await valueOf(core, 'backups.create', { chooseLocation: false });
      const before = customerCount(core);
      const phases: string[] = [];
      // Calls made while the files are copied: reading goes on, a change waits for the new place.
      const meanwhile: Array<Promise<Awaited<ReturnType<typeof call>>>> = [];
      core.ctx.jobs.subscribe((event) => {
        phases.push(event.phase);
        if (event.phase === 'copy' && meanwhile.length === 0) {
          expect(core.ctx.database.state).toEqual({ state: 'moving' });
          meanwhile.push(call(core, 'app.info'), call(core, 'access.saveSettings', { settings: SETTINGS }));
        }
      });

      const done = await move(core);
      const [read, change] = await Promise.all(meanwhile);
      expect(read).toMatchObject({ ok: true, value: { customerCount: before } });
      expect(change).toMatchObject({ ok: true });
      expect(await valueOf(core, 'access.settings')).toMatchObject({ settings: { idleMinutes: 20 } });
      expect(done).toMatchObject({ state: 'done', result: { from: dataDir, to: target } });
      // Then the first screens prepared on the new connection (its decoded data cannot be the old one's).
      expect([...new Set(phases)]).toEqual(['read', 'close', 'copy', 'verify', 'switch', 'prepare']);
      expect(core.ctx.store.file).toBe(path.join(target, DATABASE_FILE_NAME));
      expect(customerCount(core)).toBe(before);
      expect(remembered).toEqual([{ dataDir: target, previous: dataDir }]);
      // Everything the branch needs came along: its key (still owner-only), its backups, the audit anchor.
      expect(statSync(path.join(target, 'tierdesk.key')).mode & 0o777).toBe(0o600);
      expect(readdirSync(path.join(target, 'backups')).filter((n) => n.endsWith('-manual.db'))).toHaveLength(1);
      expect(existsSync(path.join(target, 'tierdesk.audit-anchor'))).toBe(true);
      expect(existsSync(stagingDirOf(target))).toBe(false);
      // The old one is left as it was, and named.
      expect(existsSync(path.join(dataDir, DATABASE_FILE_NAME))).toBe(true);
      expect(await valueOf(core, 'app.about')).toMatchObject({
        dataDir: target,
        movable: true,
        previousDataDir: dataDir,
        keyWhere: path.join(target, 'tierdesk.key'),
      });
      // The move and the change that waited for it are in the new place's audit log.
      expect(
        core.ctx.store.sqlite
          .prepare(
            "SELECT action FROM audit_log WHERE action IN ('dataDir.move', 'access.saveSettings') ORDER BY action",
          )
          .pluck()
          .all(),
      ).toEqual(['access.saveSettings', 'dataDir.move']);
      expect(
        JSON.parse(
          core.ctx.store.sqlite
            .prepare("SELECT detail FROM audit_log WHERE action = 'dataDir.move'")
            .pluck()
            .get() as string,
        ),
      ).toMatchObject({ from: dataDir, to: target });

      // A second move waits for the old one's removal.
      expect((await move(core)).error?.message).toContain('尚未删除');
      expect(await call(core, 'dataDir.removeOld', { confirmation: '删除' })).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION' },
      });
      expect(await call(core, 'dataDir.removeOld', { confirmation: '删除旧数据目录' })).toMatchObject({
        ok: true,
        value: { removed: dataDir },
      });
      expect(existsSync(dataDir)).toBe(false);
      expect(remembered.at(-1)).toEqual({ dataDir: target, previous: null });
      expect(
        core.ctx.store.sqlite.prepare("SELECT actor FROM audit_log WHERE action LIKE 'dataDir.%'").pluck().all(),
      ).toEqual([ADMIN.code, ADMIN.code]);
    } finally {
      await core.close();
    }
    // The next start opens the new place as it is.
    const again = await openCore({ dataDir: target, log: () => undefined, dailyBackups: false });
    expect(await call(again, 'auth.status')).toMatchObject({ value: { database: { state: 'ok' }, needsSetup: false } });
    await again.close();
  });

  it('stays on the old directory, with no partial copy, when the copy fails its verification', async () => {
    const parent = tempDir('parent');
    const target = path.join(parent, 'usb');
    mkdirSync(target);
    const { core, dataDir, remembered } = await desktopBranch(target);
    try {
      const before = customerCount(core);
      // The disk changes the copy between copying and checking it.
      core.ctx.jobs.subscribe((event) => {
        if (event.phase === 'verify' && event.done === 0)
          writeFileSync(path.join(stagingDirOf(target), DATABASE_FILE_NAME), 'not what was copied', { flag: 'r+' });
      });
      const failed = await move(core);
      expect(failed).toMatchObject({ state: 'failed', error: { code: 'IO_ERROR' } });
      expect(failed.error?.message).toMatch(/校验副本.*tierdesk\.db 的校验和不同.*应用仍使用原数据目录/);
      expect(readdirSync(parent)).toEqual(['usb']);
      expect(readdirSync(target)).toEqual([]);
      expect(remembered).toEqual([]);
      await expectStillAt(core, dataDir);
      expect(customerCount(core)).toBe(before);
      expect(await valueOf(core, 'app.about')).toMatchObject({ dataDir, previousDataDir: null });
    } finally {
      await core.close();
    }
  });

  it('stays on the old directory, the copy removed, when the new place cannot be remembered', async () => {
    const parent = tempDir('parent');
    const target = path.join(parent, 'moved');
    const { core, dataDir, remembered } = await desktopBranch(target);
    try {
      const remember = core.ctx.dataLocation!.remember;
      core.ctx.dataLocation!.remember = (to, previous) => {
        if (to === target) throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
        remember(to, previous);
      };
      const failed = await move(core);
      expect(failed).toMatchObject({ state: 'failed', error: { code: 'IO_ERROR' } });
      expect(failed.error?.message).toMatch(/切换到新目录：EACCES.*应用仍使用原数据目录/);
      expect(readdirSync(parent)).toEqual([]);
      expect(remembered).toEqual([{ dataDir, previous: null }]);
      await expectStillAt(core, dataDir);
    } finally {
      await core.close();
    }
  });

  it('cancelled while it runs, stays on the old directory with nothing left at the new place', async () => {
    const parent = tempDir('parent');
    const target = path.join(parent, 'moved');
    const { core, dataDir, remembered } = await desktopBranch(target);
    try {
      const { choice } = await valueOf<{ choice: { token: string } }>(core, 'dataDir.choose');
      const { jobId } = await valueOf<{ jobId: string }>(core, 'jobs.start', {
        request: { kind: 'dataDir.move', targetToken: choice.token },
      });
      expect(core.ctx.database.state).toEqual({ state: 'moving' });
      // Its cancel is answered while it moves (other changes wait).
      expect(await call(core, 'jobs.cancel', { jobId })).toMatchObject({ ok: true, value: { cancelling: true } });
      await core.ctx.jobs.idle();
      expect(await valueOf(core, 'jobs.status', { jobId })).toMatchObject({ state: 'cancelled' });
      expect(readdirSync(parent)).toEqual([]);
      expect(remembered).toEqual([]);
      await expectStillAt(core, dataDir);
    } finally {
      await core.close();
    }
  });

  it('refuses a target inside the data directory, around it, not empty, a file, or without room; nothing closed', async () => {
    const current = tempDir('current');
    const parent = tempDir('parent');
    writeFileSync(path.join(parent, 'a-file'), 'x');
    mkdirSync(path.join(parent, 'full'));
    writeFileSync(path.join(parent, 'full', 'notes.txt'), 'x');
    const refusal = (target: string, bytes = 1) => {
      try {
        refuseMoveTarget(current, target, bytes);
        return null;
      } catch (error) {
        return (error as Error).message;
      }
    };
    expect(refusal(current)).toContain('就是当前的数据目录');
    expect(refusal(path.join(current, 'backups'))).toContain('在当前数据目录');
    expect(refusal(path.dirname(current))).toContain('之内');
    expect(refusal(path.join(parent, 'full'))).toContain('不是空的');
    expect(refusal(path.join(parent, 'a-file'))).toContain('是一个文件');
    expect(refusal(path.join(parent, 'no', 'such'))).toContain('不存在');
    expect(refusal('relative/dir')).toContain('完整的文件夹路径');
    expect(refusal(path.join(parent, 'new'), Number.MAX_SAFE_INTEGER)).toMatch(/磁盘只剩 .* MB/);
    expect(refusal(path.join(parent, 'new'))).toBeNull();

    // Through the channel: refused before anything closes; the branch goes on.
    const { core } = await desktopBranch(path.join(parent, 'full'));
    try {
      const refused = await move(core);
      expect(refused).toMatchObject({ state: 'failed', error: { code: 'CONFLICT' } });
      expect(refused.error?.message).toContain('不是空的');
      expect(core.ctx.database.state).toEqual({ state: 'ok' });
      expect(customerCount(core)).toBe(60);
    } finally {
      await core.close();
    }
  });

  it('is not offered in browser mode: its command line sets the data directory', async () => {
    const core = await openCore({ dataDir: tempDir('browser'), demoCustomers: 20, log: () => undefined });
    try {
      await valueOf(core, 'auth.setup', ADMIN);
      expect(await valueOf(core, 'app.about')).toMatchObject({ movable: false, previousDataDir: null });
      const refused = await call(core, 'dataDir.choose');
      expect(refused).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
      expect(refused.ok ? '' : refused.error.message).toContain('--data-dir');
    } finally {
      await core.close();
    }
  });
});
