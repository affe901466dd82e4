import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrations } from '../../../migrations';
import { seedBranch } from '../../../tests/helpers/branch';
import { runAndKill } from '../../../tests/helpers/kill-child';
import { auditAnchorFile, openAuditAnchor, readAuditAnchor, syncAuditAnchor } from './audit-anchor';
import { backupAnchorFile, backupDir } from '../platform/backup-names';
import { openDatabaseFile, openStore } from '../platform/connection';
import { newKey } from './keys';
import { runMigrations } from '../platform/migrate';
import { firstBrokenAudit } from './audit-repository';
import { appendAudit } from '../platform/audit-log';
import { verifyAudit } from './audit';
import { createContext, type CoreContext } from '../platform/context';
import { createBackup, dailyBackup, describeBackup, inspectBackup, listBackups, restoreBackup } from './backups';

let dir: string;
let ctx: CoreContext;
let clock: string;
const customers = () => ctx.store.sqlite.prepare('SELECT count(*) FROM customers').pluck().get() as number;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'tierdesk-backups-'));
  const store = openStore(path.join(dir, 'tierdesk.db'));
  seedBranch(
    store,
    Array.from({ length: 50 }, (_, i) => ({ customer_no: `C${i}`, assets: { '2024-03': (i + 1) * 1_000_000 } })),
  );
  ctx = createContext(store);
  clock = '2024-04-10T09:00:00.000Z';
  ctx.now = () => clock;
});
afterEach(async () => {
  await ctx.store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('backups', () => {
  it('writes a whole, checked backup named by time and reason, and says what it holds', async () => {
    const made = await createBackup(ctx, 'manual', undefined, 'ADM');
    expect(made).toMatchObject({
      fileName: 'tierdesk-20240410-090000-manual.db',
      reason: 'manual',
      customers: 50,
      latestMonth: '2024-03',
    });
    expect(readdirSync(backupDir(ctx.store.file))).toEqual([
      'tierdesk-20240410-090000-manual.db',
      'tierdesk-20240410-090000-manual.db.anchor',
    ]);
    expect(describeBackup(ctx, made.fileName)).toMatchObject({ customers: 50, schemaVersion: made.schemaVersion });
    expect(
      ctx.store.sqlite.prepare("SELECT actor, target FROM audit_log WHERE action = 'backups.create'").get(),
    ).toEqual({ actor: 'ADM', target: made.fileName });
  });

  it('keeps one daily backup a day, and only the last ones', async () => {
    for (const day of ['01', '02', '03', '04']) {
      clock = `2024-04-${day}T09:00:00.000Z`;
      expect(await dailyBackup(ctx, 3)).not.toBeNull();
      expect(await dailyBackup(ctx, 3)).toBeNull(); // the same day again: none
    }
    expect(listBackups(ctx).map((b) => b.fileName)).toEqual([
      'tierdesk-20240404-090000-daily.db',
      'tierdesk-20240403-090000-daily.db',
      'tierdesk-20240402-090000-daily.db',
    ]);
    // Each with its anchor, and the anchor of the one removed removed with it.
    expect(readdirSync(backupDir(ctx.store.file)).filter((name) => name.endsWith('.anchor'))).toHaveLength(3);
    expect(
      existsSync(backupAnchorFile(path.join(backupDir(ctx.store.file), 'tierdesk-20240401-090000-daily.db'))),
    ).toBe(false);
  });

  it('restores a backup: the data as it was, the live state kept as a backup first, audited', async () => {
    const made = await createBackup(ctx, 'manual');
    ctx.store.sqlite
      .prepare("INSERT INTO customers (customer_no, name, created_at, updated_at) VALUES ('NEW', '新客户', '', '')")
      .run();
    expect(customers()).toBe(51);
    clock = '2024-04-10T10:00:00.000Z';
    await restoreBackup(ctx, path.join(backupDir(ctx.store.file), made.fileName), 'ADM');
    expect(customers()).toBe(50);
    expect(ctx.store.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(firstBrokenAudit(ctx.store.sqlite)).toBeNull();
    expect(
      ctx.store.sqlite.prepare("SELECT actor, detail FROM audit_log WHERE action = 'backups.restore'").get(),
    ).toMatchObject({ actor: 'ADM' });
    const before = listBackups(ctx).find((b) => b.reason === 'restore');
    expect(before && inspectBackup(path.join(backupDir(ctx.store.file), before.fileName), null).customers).toBe(51);
  });

  it('refuses a corrupt backup or one that is not a database, leaving the live database untouched', async () => {
    const bad = path.join(backupDir(ctx.store.file), 'tierdesk-20240409-090000-manual.db');
    const good = await createBackup(ctx, 'manual');
    copyFileSync(path.join(backupDir(ctx.store.file), good.fileName), bad);
    // Damage a page in the middle of the copy.
    const bytes = readFileSync(bad);
    bytes.fill(0x5a, 4096 * 2, 4096 * 3);
    writeFileSync(bad, bytes);
    await expect(restoreBackup(ctx, bad, null)).rejects.toThrow('不是有效的备份');
    writeFileSync(bad, 'not a database at all');
    expect(() => inspectBackup(bad, null)).toThrow('不是有效的备份');
    expect(customers()).toBe(50);
    expect(existsSync(`${ctx.store.file}.restoring`)).toBe(false);
  });

  it('backs a database up before migrating it', async () => {
    const old = path.join(dir, 'old', 'tierdesk.db');
    mkdirSync(path.dirname(old));
    const raw = new BetterSqlite3(old);
    runMigrations(
      raw,
      migrations.filter((m) => m.version <= 9),
    );
    raw.close();
    const store = openStore(old);
    const [copy] = readdirSync(backupDir(old));
    expect(copy).toMatch(/^tierdesk-\d{8}-\d{6}-migration\.db$/);
    expect(inspectBackup(path.join(backupDir(old), copy), null).schemaVersion).toBe(9);
    await store.close();
  });
});

describe("a backup's audit anchor", () => {
  const backupPath = (fileName: string) => path.join(backupDir(ctx.store.file), fileName);
  const audit = (action: string, at = clock) =>
    appendAudit(ctx.store.sqlite, { at, actor: 'ADM', action, target: null, detail: {} });
  /** Someone with the backup file and a SQLite shell: the newest entries removed behind the triggers' back. */
  function removeNewestEntries(file: string, count: number): void {
    const db = openDatabaseFile(file, null);
    db.exec(
      `DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE id > (SELECT max(id) - ${count} FROM audit_log)`,
    );
    db.close();
  }
  beforeEach(() => {
    audit('customers.reveal');
    audit('exports.report');
  });

  it('is saved beside the backup (not listed as one) and names where its log ended', async () => {
    const made = await createBackup(ctx, 'manual');
    expect(readdirSync(backupDir(ctx.store.file)).sort()).toEqual([made.fileName, `${made.fileName}.anchor`]);
    expect(listBackups(ctx).map((b) => b.fileName)).toEqual([made.fileName]);
    expect(made.audit).toEqual({ firstBrokenId: null, tail: { state: 'ok', anchoredId: 2 } });
    expect(describeBackup(ctx, made.fileName).audit).toEqual({
      firstBrokenId: null,
      tail: { state: 'ok', anchoredId: 2 },
    });
  });

  it('shows entries removed from a backup after it was made, and the restore keeps saying so', async () => {
    const made = await createBackup(ctx, 'manual');
    removeNewestEntries(backupPath(made.fileName), 2);
    expect(describeBackup(ctx, made.fileName)).toMatchObject({
      auditEntries: 0,
      audit: { firstBrokenId: null, tail: { state: 'missing', anchoredId: 2, lastId: 0, missing: 2 } },
    });
    clock = '2024-04-10T10:00:00.000Z';
    await restoreBackup(ctx, backupPath(made.fileName), 'ADM');
    expect(verifyAudit(ctx, 'ADM').tail).toMatchObject({ state: 'missing', anchoredId: 2 });
  });

  it('becomes the live anchor when the backup is restored', async () => {
    const made = await createBackup(ctx, 'manual');
    openAuditAnchor(ctx.store, clock);
    for (const action of ['auth.signIn', 'customers.reveal', 'exports.report', 'auth.signOut']) audit(action);
    syncAuditAnchor(ctx.store);
    expect(readAuditAnchor(ctx.store)).toMatchObject({ state: 'valid', anchor: { lastId: 8 } });
    clock = '2024-04-10T10:00:00.000Z';
    await restoreBackup(ctx, backupPath(made.fileName), 'ADM');
    // The live anchor named entry 8 of the database replaced; the restored log ends at 2 and then its restore entry.
    expect(readAuditAnchor(ctx.store)).toMatchObject({ state: 'valid', anchor: { lastId: 3, count: 3 } });
    expect(verifyAudit(ctx, 'ADM')).toMatchObject({ firstBroken: null, tail: { state: 'ok' } });
  });

  it('is made afresh at the restored head for a backup without one, and recorded', async () => {
    const made = await createBackup(ctx, 'manual');
    rmSync(backupAnchorFile(backupPath(made.fileName)));
    expect(describeBackup(ctx, made.fileName).audit).toEqual({ firstBrokenId: null });
    await restoreBackup(ctx, backupPath(made.fileName), 'ADM');
    expect(
      ctx.store.sqlite.prepare("SELECT actor, detail FROM audit_log WHERE action = 'audit.anchored'").all(),
    ).toEqual([{ actor: 'ADM', detail: '{"reason":"backupWithoutAnchor","entries":3}' }]);
    expect(existsSync(auditAnchorFile(ctx.store.file))).toBe(true);
    expect(verifyAudit(ctx, 'ADM').tail.state).toBe('ok');
  });
});

describe('a backup of a damaged database', () => {
  /** Overwrites 8 KB in the middle of a closed database file with random bytes. */
  function damageMiddle(file: string): void {
    const fd = openSync(file, 'r+');
    try {
      writeSync(fd, randomBytes(8192), 0, 8192, Math.floor(statSync(file).size / 2 / 4096) * 4096);
    } finally {
      closeSync(fd);
    }
  }

  it.each([
    ['plaintext', null],
    ['encrypted', newKey()],
  ])('says the %s database is damaged, names it, and leaves no file behind', async (_kind, key) => {
    const file = path.join(dir, 'damaged', 'tierdesk.db');
    mkdirSync(path.dirname(file));
    const store = openStore(file, key);
    seedBranch(
      store,
      Array.from({ length: 2000 }, (_, i) => ({
        customer_no: `D${i}`,
        name: `客户${i}`,
        assets: { '2024-02': i * 100, '2024-03': i * 200 },
      })),
    );
    await store.close();
    damageMiddle(file);
    const damaged = createContext(openStore(file, key));
    damaged.now = () => clock;
    let suspected = 0;
    damaged.database.suspect = () => suspected++;
    try {
      const failure = createBackup(damaged, 'manual');
      await expect(failure).rejects.toThrow(`数据库文件已损坏（完整性检查未通过），无法备份：${file}`);
      await expect(failure).rejects.toMatchObject({
        code: 'DB_CORRUPT',
        messageEn: expect.stringContaining('The database file is damaged (integrity check failed)'),
      });
      expect(readdirSync(backupDir(file))).toEqual([]);
      expect(suspected).toBeGreaterThan(0);
    } finally {
      await damaged.store.close();
    }
  });
});

describe('kill -9 during a backup or a restore', () => {
  const RUNS = 12;
  it(
    `leaves the live database as it was, or wholly restored; never a broken backup (${RUNS} runs each)`,
    { timeout: 300_000 },
    async () => {
      const live = ctx.store.file;
      const made = await createBackup(ctx, 'manual');
      ctx.store.sqlite
        .prepare("INSERT INTO customers (customer_no, name, created_at, updated_at) VALUES ('NEW', '新客户', '', '')")
        .run();
      await ctx.store.close();
      const pristine = path.join(dir, 'pristine.db');
      copyFileSync(live, pristine);
      const outcomes = { killed: 0, finished: 0 };
      for (let run = 0; run < RUNS; run++) {
        copyFileSync(pristine, live);
        for (const journal of ['-wal', '-shm']) rmSync(live + journal, { force: true });
        const restoring = run % 2 === 0;
        const args = restoring ? ['restore', live, path.join(backupDir(live), made.fileName)] : ['backup', live];
        outcomes[await runAndKill('tests/helpers/backup-child.ts', args, 'STARTED', (run * 23) % 250)] += 1;
        rmSync(`${live}.restoring`, { force: true }); // as the app does on start
        const store = openStore(live);
        expect(store.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
        expect([50, 51]).toContain(store.sqlite.prepare('SELECT count(*) FROM customers').pluck().get());
        await store.close();
        for (const name of readdirSync(backupDir(live)).filter((n) => n.endsWith('.db')))
          expect(inspectBackup(path.join(backupDir(live), name), null).customers).toBeGreaterThan(0);
      }
      expect(outcomes.killed + outcomes.finished).toBe(RUNS);
      ctx.store = openStore(live);
    },
  );
});
