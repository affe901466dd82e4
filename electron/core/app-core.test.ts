import { mkdtempSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { DATABASE_FILE_NAME, lastFullMonth, openCore, openCoreToRead, type Core } from './app-core';
import { auditAnchorFile, readAnchorFile, type AnchorReading } from './trust/audit-anchor';
import { openStore } from './platform/connection';
import { fileKeyStore } from './trust/keys';
import { lastAuditEntry } from './trust/audit-repository';
import { appendAudit } from './platform/audit-log';
import { markTiersStale, tiersStaleFrom } from './platform/settings';
import { verifyAudit } from './trust/audit';
import { TIER_SNAPSHOTS } from './tiers/tiers';
import { MONTH_DIMENSIONS } from './segments/segments';

const dataDir = mkdtempSync(path.join(tmpdir(), 'tierdesk-core-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('opening the branch database', { timeout: 60_000 }, () => {
  it('finishes a recompute a data change left undone (closed or crashed in between)', async () => {
    const first = await openCore({ dataDir, demoCustomers: 300, log: () => undefined });
    await first.close();
    const month = lastFullMonth();
    // What a crash right after an import's commit leaves: the mark, and no results for the month imported.
    const store = openStore(path.join(dataDir, DATABASE_FILE_NAME), fileKeyStore(dataDir).load());
    store.sqlite.prepare('DELETE FROM tier_snapshots WHERE month = ?').run(month);
    markTiersStale(store.sqlite, month);
    await store.close();

    const lines: string[] = [];
    const core = await openCore({ dataDir, log: (line) => lines.push(line) });
    expect(lines.join('\n')).toContain(`分层结果落后于数据（自 ${month} 起）`);
    expect(
      core.ctx.store.sqlite.prepare('SELECT count(*) FROM tier_snapshots WHERE month = ?').pluck().get(month),
    ).toBe(1);
    expect(tiersStaleFrom(core.ctx.store.sqlite)).toBeNull();
    await core.close();
  });

  it('decodes the data month for the first screens on its own, while the sign-in screen shows', async () => {
    const core = await openCore({ dataDir, log: () => undefined });
    const month = lastFullMonth();
    expect(core.ctx.cache.peek(TIER_SNAPSHOTS, month)).toBeUndefined();
    await vi.waitFor(() => expect(core.ctx.cache.peek(MONTH_DIMENSIONS, month)).toBeDefined(), { timeout: 10_000 });
    await core.close();
  });
});

describe("the audit log's anchor, kept by the core", { timeout: 60_000 }, () => {
  const anchorDir = mkdtempSync(path.join(tmpdir(), 'tierdesk-core-anchor-'));
  const databaseFile = path.join(anchorDir, DATABASE_FILE_NAME);
  afterAll(() => rmSync(anchorDir, { recursive: true, force: true }));
  const anchor = (): AnchorReading => readAnchorFile(auditAnchorFile(databaseFile), fileKeyStore(anchorDir).load());
  /** The anchor names the table's newest entry. */
  const atHead = (core: Core) => ({
    state: 'valid',
    anchor: expect.objectContaining({ lastId: lastAuditEntry(core.ctx.store.sqlite)?.id }),
  });
  const audit = (core: Core, action: string) =>
    appendAudit(core.ctx.store.sqlite, { at: core.ctx.now(), actor: null, action, target: null, detail: {} });

  it('anchors at open, follows every call, every job and the close, and reports the last entries removed', async () => {
    const core = await openCore({ dataDir: anchorDir, demoCustomers: 50, log: () => undefined, dailyBackups: false });
    expect(core.ctx.store.sqlite.prepare("SELECT actor FROM audit_log WHERE action = 'audit.anchored'").all()).toEqual([
      { actor: null },
    ]);
    expect(anchor()).toEqual(atHead(core));

    // A refused sign-in is audited: the anchor follows once the call returns.
    expect(await core.dispatch('window', 'auth.signIn', { code: 'NOBODY', secret: 'wrong' })).toMatchObject({
      ok: false,
    });
    expect(
      core.ctx.store.sqlite.prepare("SELECT count(*) FROM audit_log WHERE action = 'auth.signInFailed'").pluck().get(),
    ).toBe(1);
    expect(anchor()).toEqual(atHead(core));

    core.ctx.jobs.start('exports.report', async () => audit(core, 'exports.report'));
    await core.ctx.jobs.idle();
    expect(anchor()).toEqual(atHead(core));

    // What a CLI command does between open and close: services write, no call is dispatched.
    audit(core, 'customers.reveal');
    audit(core, 'exports.report');
    await core.close();
    const store = openStore(databaseFile, fileKeyStore(anchorDir).load());
    expect(anchor()).toMatchObject({ anchor: { lastId: lastAuditEntry(store.sqlite)?.id } });
    store.sqlite.exec(
      'DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE id > (SELECT max(id) - 2 FROM audit_log)',
    );
    await store.close();

    const lines: string[] = [];
    const reopened = await openCore({ dataDir: anchorDir, log: (line) => lines.push(line), dailyBackups: false });
    expect(lines.join('\n')).toContain('审计日志末尾与登记不符（missing）');
    expect(verifyAudit(reopened.ctx, null).tail).toMatchObject({ state: 'missing', missing: 2 });
    expect(
      reopened.ctx.store.sqlite.prepare("SELECT count(*) FROM audit_log WHERE action = 'audit.anchored'").pluck().get(),
    ).toBe(1);
    await reopened.close();
  });
});

describe('who is signed in on a window, for its downloads and job events', { timeout: 60_000 }, () => {
  const idleDir = mkdtempSync(path.join(tmpdir(), 'tierdesk-core-idle-'));
  afterAll(() => rmSync(idleDir, { recursive: true, force: true }));

  it('nobody once the window has idled past the lock, as its next call would find', async () => {
    const core = await openCore({ dataDir: idleDir, demoCustomers: 50, log: () => undefined, dailyBackups: false });
    expect(
      await core.dispatch('w', 'auth.setup', { code: 'ADM', name: '管理员', secret: 'admin-secret' }),
    ).toMatchObject({ ok: true });
    expect(core.signedInOn('w')).toMatchObject({ code: 'ADM', role: 'admin' });
    expect(core.signedInOn('another window')).toBeNull();
    const eleven = new Date(Date.now() + 11 * 60_000).toISOString();
    core.ctx.now = () => eleven;
    expect(core.signedInOn('w')).toBeNull();
    await core.close();
  });
});

describe("opening only to read (the command line's questions)", { timeout: 60_000 }, () => {
  it('skips the check only for a file unchanged since it last passed it, and writes nothing', async () => {
    const readDir = mkdtempSync(path.join(tmpdir(), 'tierdesk-core-read-'));
    try {
      const file = path.join(readDir, DATABASE_FILE_NAME);
      await (
        await openCore({ dataDir: readDir, demoCustomers: 50, log: () => undefined, dailyBackups: false })
      ).close();
      const reader = await openCoreToRead(readDir);
      expect(reader).not.toBeNull();
      expect(reader?.ctx.store.sqlite.readonly).toBe(true);
      await reader?.close();
      // Changed behind the app's back (damage, another tool): checked again by the full open.
      utimesSync(file, new Date(), new Date(Date.now() + 5_000));
      expect(await openCoreToRead(readDir)).toBeNull();
      await (await openCore({ dataDir: readDir, log: () => undefined, dailyBackups: false })).close();
      const again = await openCoreToRead(readDir);
      expect(again).not.toBeNull();
      await again?.close();
    } finally {
      rmSync(readDir, { recursive: true, force: true });
    }
  });
});
