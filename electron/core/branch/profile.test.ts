import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE_NAME, openCore, type Core } from '../app-core';
import { branchTitle } from './profile';
import type { JobEvent } from '../../../shared/schemas/jobs';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});
function emptyDataDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'tierdesk-first-run-'));
  dirs.push(dir);
  return dir;
}

const PROFILE = { name: '梁溪支行', code: '3201', headOffice: '无锡分行' };
const ADMIN = { code: 'A001', name: '王管理', secret: 'admin-pass-1' };
const call = async (core: Core, channel: string, input: unknown = {}) => core.dispatch('window', channel, input);
const LOAD_DEMO = { request: { kind: 'setup.loadDemo' } };
const countOf = (core: Core, table: string) =>
  core.ctx.store.sqlite.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;

describe('the first run', { timeout: 60_000 }, () => {
  it('waits for the choice, serving nothing else, and creates an empty branch with its profile once', async () => {
    const dataDir = emptyDataDir();
    const core = await openCore({ dataDir, log: () => undefined, dailyBackups: false });
    try {
      expect(existsSync(path.join(dataDir, DATABASE_FILE_NAME))).toBe(false);
      expect(await call(core, 'auth.status')).toMatchObject({ ok: true, value: { database: { state: 'new' } } });
      for (const [channel, input] of [
        ['auth.setup', ADMIN],
        ['app.info', {}],
        ['branch.profile', {}],
      ] as const)
        expect(await call(core, channel, input), channel).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
      expect(await call(core, 'setup.createBranch', { profile: { ...PROFILE, name: ' ' } })).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION' },
      });
      expect(existsSync(path.join(dataDir, DATABASE_FILE_NAME))).toBe(false);

      expect(await call(core, 'setup.createBranch', { profile: PROFILE })).toEqual({
        ok: true,
        value: { ...PROFILE, demo: false },
      });
      expect(await call(core, 'auth.status')).toMatchObject({
        value: { database: { state: 'ok' }, needsSetup: true, branchName: '梁溪支行' },
      });
      expect(countOf(core, 'customers')).toBe(0);
      expect(countOf(core, 'staff')).toBe(0);
      // The demo branch's job is the first run's only: once there is a database, nobody may start it.
      expect(await call(core, 'jobs.start', LOAD_DEMO)).toMatchObject({
        ok: false,
        error: { code: 'UNAUTHENTICATED' },
      });
      expect(await call(core, 'auth.setup', ADMIN)).toMatchObject({ ok: true });
      expect(await call(core, 'jobs.start', LOAD_DEMO)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(
        core.ctx.store.sqlite.prepare("SELECT action FROM audit_log WHERE action LIKE 'branch.%'").pluck().all(),
      ).toEqual(['branch.create']);
      expect(
        core.ctx.store.sqlite.prepare("SELECT target FROM audit_log WHERE action = 'auth.forbidden'").pluck().all(),
      ).toEqual(['jobs.start']);
    } finally {
      await core.close();
    }
    // Opened again, it is the branch's own database: no first run.
    const again = await openCore({ dataDir, log: () => undefined, dailyBackups: false });
    expect(await call(again, 'auth.status')).toMatchObject({ value: { database: { state: 'ok' }, needsSetup: false } });
    await again.close();
  });

  it('changes the profile (管理员, audited) and names the branch that way in report titles', async () => {
    const core = await openCore({ dataDir: emptyDataDir(), log: () => undefined, dailyBackups: false });
    try {
      await call(core, 'setup.createBranch', { profile: PROFILE });
      await call(core, 'auth.setup', ADMIN);
      const renamed = { name: '崇安支行', code: '', headOffice: '' };
      expect(await call(core, 'branch.saveProfile', { profile: renamed })).toEqual({
        ok: true,
        value: { ...renamed, demo: false },
      });
      expect(
        JSON.parse(
          core.ctx.store.sqlite
            .prepare("SELECT detail FROM audit_log WHERE action = 'branch.saveProfile'")
            .pluck()
            .get() as string,
        ),
      ).toMatchObject({ previous: PROFILE, profile: renamed });
      expect(await call(core, 'branch.clearDemo', { confirmation: '清除演示数据', profile: PROFILE })).toMatchObject({
        ok: false,
        error: { code: 'CONFLICT', message: expect.stringContaining('不是演示数据库') },
      });
    } finally {
      await core.close();
    }
    expect(branchTitle(PROFILE)).toBe('无锡分行 梁溪支行（机构号 3201）');
    expect(branchTitle({ name: '梁溪支行', code: '', headOffice: '' })).toBe('梁溪支行');
  });
});

/** Starts the demo branch's job before anyone exists to sign in, and waits for it (its status asked as the screen does). */
async function loadDemo(core: Core): Promise<JobEvent> {
  const started = await call(core, 'jobs.start', LOAD_DEMO);
  if (!started.ok) throw new Error(started.error.message);
  const { jobId } = started.value as { jobId: string };
  await core.ctx.jobs.idle();
  return core.ctx.jobs.status(jobId) as JobEvent;
}

describe('the demo branch as the first run’s job', { timeout: 120_000 }, () => {
  it('shows its phases while the other first-run calls go on, and serves nothing else meanwhile', async () => {
    const dataDir = emptyDataDir();
    const core = await openCore({ dataDir, firstRunDemoCustomers: 3_000, log: () => undefined, dailyBackups: false });
    try {
      const events: JobEvent[] = [];
      core.ctx.jobs.subscribe((event) => events.push(event));
      // Anything but the demo branch's job is refused before the first run, started by nobody or not.
      expect(await call(core, 'jobs.start', { request: { kind: 'tiers.recompute' } })).toMatchObject({
        ok: false,
        error: { code: 'CONFLICT' },
      });
      const started = await call(core, 'jobs.start', LOAD_DEMO);
      expect(started).toMatchObject({ ok: true });
      const { jobId } = (started as { value: { jobId: string } }).value;

      // While it runs, the server answers: the status, the job's own progress; nothing else.
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(await call(core, 'auth.status')).toMatchObject({ ok: true, value: { database: { state: 'new' } } });
      expect(await call(core, 'jobs.status', { jobId })).toMatchObject({
        ok: true,
        value: { jobId, kind: 'setup.loadDemo', state: 'running' },
      });
      expect(await call(core, 'jobs.current')).toMatchObject({ ok: true, value: { job: { jobId } } });
      for (const [channel, input] of [
        ['app.info', {}],
        ['auth.setup', ADMIN],
        ['customers.count', { month: '2024-03', filter: {} }],
      ] as const)
        expect(await call(core, channel, input), channel).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
      expect(await call(core, 'setup.createBranch', { profile: PROFILE })).toMatchObject({
        ok: false,
        error: { code: 'CONFLICT', message: expect.stringContaining('正在建立') },
      });

      await core.ctx.jobs.idle();
      const phases = [...new Set(events.filter((e) => e.state === 'running').map((e) => e.phase))];
      expect(phases).toEqual(['read', 'generate', 'commit', 'tiers', 'prepare']);
      expect(events.some((e) => e.phase === 'generate' && e.done > 0 && e.total === 3_000)).toBe(true);
      expect(events.at(-1)).toMatchObject({ state: 'done', result: { demo: true } });
      expect(countOf(core, 'customers')).toBe(3_000);
      // A branch now: its administrator comes next, and the job channels want someone signed in again.
      expect(await call(core, 'auth.status')).toMatchObject({ value: { database: { state: 'ok' }, needsSetup: true } });
      expect(await call(core, 'jobs.status', { jobId })).toMatchObject({
        ok: false,
        error: { code: 'UNAUTHENTICATED' },
      });
    } finally {
      await core.close();
    }
  });

  it('cancelled, leaves no database behind and the first run waiting', async () => {
    const dataDir = emptyDataDir();
    const core = await openCore({ dataDir, firstRunDemoCustomers: 3_000, log: () => undefined, dailyBackups: false });
    try {
      const started = await call(core, 'jobs.start', LOAD_DEMO);
      const { jobId } = (started as { value: { jobId: string } }).value;
      expect(await call(core, 'jobs.cancel', { jobId })).toMatchObject({ ok: true, value: { cancelling: true } });
      await core.ctx.jobs.idle();
      expect(core.ctx.jobs.status(jobId)).toMatchObject({ state: 'cancelled' });
      expect(readdirSync(dataDir).filter((name) => name.startsWith(DATABASE_FILE_NAME))).toEqual([]);
      expect(await call(core, 'auth.status')).toMatchObject({ value: { database: { state: 'new' } } });
    } finally {
      await core.close();
    }
  });
});

describe('the demo branch, and clearing it', { timeout: 120_000 }, () => {
  it('loads on request, keeps its labelled name, and clears to an empty branch of the user’s own', async () => {
    const dataDir = emptyDataDir();
    const core = await openCore({ dataDir, firstRunDemoCustomers: 300, log: () => undefined, dailyBackups: false });
    try {
      const demo = await loadDemo(core);
      expect(demo).toMatchObject({ state: 'done', result: { demo: true, name: expect.stringContaining('演示数据') } });
      expect(countOf(core, 'customers')).toBe(300);
      await call(core, 'auth.setup', ADMIN);
      expect(await call(core, 'branch.saveProfile', { profile: PROFILE })).toMatchObject({
        ok: false,
        error: { code: 'CONFLICT' },
      });
      // A click is not enough: the words must be typed.
      expect(await call(core, 'branch.clearDemo', { confirmation: '确定', profile: PROFILE })).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION' },
      });
      expect(countOf(core, 'customers')).toBe(300);
      const staffBefore = countOf(core, 'staff');
      // What imports and handovers leave about customers, with the batches and handovers it hangs on.
      const { sqlite } = core.ctx.store;
      sqlite.exec(`
        INSERT INTO import_batches (id, file_name, sha256, kind, summary, created_at, set_id) VALUES (900, 'a.xlsx', 'x', 'customers', '{}', 'x', 900);
        INSERT INTO risk_assessments (customer_id, risk_level, assessed_date, professional, recorded_at, import_batch_id) VALUES (1, 'C3', '2024-01-01', 0, 'x', 900);
        INSERT INTO import_undo_products (batch_id, code, before) VALUES (900, 'P1', NULL);
        INSERT INTO handovers (id, to_code, effective_date, reason, customers, created_at) VALUES (1, '${ADMIN.code}', '2024-01-01', 'other', 1, 'x');
        INSERT INTO manager_changes (customer_id, from_code, to_code, effective_date, reason, import_batch_id, recorded_at) VALUES (1, NULL, NULL, '2024-01-01', 'import', 900, 'x');
        INSERT INTO manager_changes (customer_id, from_code, to_code, effective_date, reason, handover_id, recorded_at) VALUES (2, NULL, NULL, '2024-01-02', 'other', 1, 'x');
      `);

      const cleared = await call(core, 'branch.clearDemo', { confirmation: '清除演示数据', profile: PROFILE });
      expect(cleared).toMatchObject({ ok: true, value: { removed: { customers: 300, staff: staffBefore - 1 } } });
      const { backup } = (cleared as { value: { backup: string } }).value;
      expect(readdirSync(path.join(dataDir, 'backups'))).toContain(backup);
      for (const table of ['customers', 'monthly_assets', 'contacts', 'tier_snapshots', 'import_batches', 'handovers'])
        expect(countOf(core, table), table).toBe(0);
      // Nothing about a customer is left, and nothing points at what went.
      const tables = sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[];
      for (const table of tables.filter((t) =>
        (sqlite.prepare(`PRAGMA table_info(${t})`).all() as Array<{ name: string }>).some(
          (c) => c.name === 'customer_id',
        ),
      ))
        expect(countOf(core, table), table).toBe(0);
      expect(sqlite.pragma('foreign_key_check')).toEqual([]);
      // The administrator stays, and can still sign in; the rules and settings stay.
      expect(core.ctx.store.sqlite.prepare('SELECT code FROM staff').pluck().all()).toEqual([ADMIN.code]);
      expect(countOf(core, 'tier_rule_sets')).toBeGreaterThan(0);
      expect(await call(core, 'branch.profile')).toEqual({ ok: true, value: { ...PROFILE, demo: false } });
      expect(await call(core, 'app.info')).toMatchObject({
        ok: true,
        value: { branchName: '梁溪支行', customerCount: 0 },
      });
      expect(
        core.ctx.store.sqlite.prepare("SELECT actor FROM audit_log WHERE action = 'branch.clearDemo'").pluck().all(),
      ).toEqual([ADMIN.code]);
      // A branch database has no demo data to clear: refused, nothing changed.
      expect(await call(core, 'branch.clearDemo', { confirmation: '清除演示数据', profile: PROFILE })).toMatchObject({
        ok: false,
        error: { code: 'CONFLICT' },
      });
    } finally {
      await core.close();
    }
  });
});
