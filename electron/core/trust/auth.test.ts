import { scryptSync } from 'node:crypto';
import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { migrations } from '../../../migrations';
import { AppError, type ErrorBody } from '../../../shared/errors';
import { createTestContext, seedBranch, TEST_NOW } from '../../../tests/helpers/branch';
import { runMigrations } from '../platform/migrate';
import { dispatch } from '../dispatch';
import type { StaffSaveInput } from '../../../shared/schemas/auth';
import {
  activeStaff,
  listStaffAccounts,
  lockMinutes,
  saveStaffAccount,
  setupAdministrator,
  signedInNow,
  signIn,
  unlockStaff,
  type Session,
} from './auth';

// The real scrypt, watched: whether a refusal did the same hashing work is checked by what was hashed, not by a clock.
vi.mock('node:crypto', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:crypto')>();
  return { ...actual, scryptSync: vi.fn(actual.scryptSync) };
});

let ctx: ReturnType<typeof createTestContext>;
beforeEach(async () => {
  ctx = createTestContext();
  seedBranch(
    ctx.store,
    [],
    [
      { code: 'M01', name: '周文静', role: 'manager' },
      { code: 'M02', name: '吴海', role: 'manager' },
      { code: 'T01', name: '柜员甲', role: 'teller' },
    ],
  );
});
afterEach(() => ctx.store.close());

const window = (): Session => ({ staff: null, lastActive: 0 });
const audits = (action: string) =>
  ctx.store.sqlite.prepare('SELECT actor, target, detail FROM audit_log WHERE action = ? ORDER BY id').all(action);

const REFUSED: ErrorBody = {
  code: 'FORBIDDEN',
  message: '工号或密码不正确；多次输错后账户会暂时锁定，请稍后再试或请管理员解锁',
  messageEn:
    'Wrong staff code or password; after repeated failures the account is locked for a while — try later or ask the administrator to unlock it',
};

describe('sign-in', () => {
  /** The clock the context reads; a test moves it on to let a lock run out. */
  let clock = TEST_NOW;
  const advance = (minutes: number) => {
    clock = new Date(Date.parse(clock) + minutes * 60_000).toISOString();
  };
  beforeEach(() => {
    clock = TEST_NOW;
    ctx.now = () => clock;
    setupAdministrator(ctx, window(), { code: 'ADM', name: '管理员', secret: '246810' });
    saveStaffAccount(ctx, {
      code: 'M01',
      name: '周文静',
      role: 'manager',
      active: true,
      secret: 'pin-1357',
      staffCode: 'ADM',
    });
  });

  /** The error body a refused attempt gives (what the window would show). */
  const refusal = (code: string, secret: string, session = window()): ErrorBody => {
    try {
      signIn(ctx, session, { code, secret });
    } catch (error) {
      if (error instanceof AppError) return error.toBody();
      throw error;
    }
    throw new Error(`expected ${code} to be refused`);
  };
  const wrong = (times: number, code = 'M01') => {
    for (let i = 0; i < times; i++) expect(refusal(code, 'nope!!')).toEqual(REFUSED);
  };
  const lockedUntil = (code = 'M01') => listStaffAccounts(ctx).staff.find((s) => s.code === code)?.lockedUntil;
  const counts = (code = 'M01') =>
    ctx.store.sqlite.prepare('SELECT failures, lockouts FROM staff_credentials WHERE code = ?').get(code);
  const lockAudits = () =>
    audits('auth.locked').map(
      (a) => JSON.parse((a as { detail: string }).detail) as { until: string; lockout: number },
    );
  const failureReasons = () =>
    audits('auth.signInFailed').map((a) => [
      (a as { target: string }).target,
      (JSON.parse((a as { detail: string }).detail) as { why: string }).why,
    ]);

  it('creates the administrator on first run only, with the secret hashed', () => {
    const stored = ctx.store.sqlite
      .prepare("SELECT secret_hash FROM staff_credentials WHERE code = 'ADM'")
      .pluck()
      .get() as string;
    expect(stored).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(stored).not.toContain('246810');
    expect(() => setupAdministrator(ctx, window(), { code: 'X', name: '他人', secret: '123456' })).toThrow(
      '管理员已建立',
    );
  });

  it('signs in with the right secret and audits each attempt', () => {
    expect(refusal('M01', 'wrong!')).toEqual(REFUSED);
    const session = window();
    expect(signIn(ctx, session, { code: 'M01', secret: 'pin-1357' })).toEqual({
      code: 'M01',
      name: '周文静',
      role: 'manager',
    });
    expect(session.staff?.code).toBe('M01');
    expect(failureReasons()).toEqual([['M01', 'secret']]);
    expect(audits('auth.signIn')).toEqual([{ actor: 'M01', target: null, detail: '{}' }]);
  });

  it('refuses an unknown code, an inactive account, a wrong secret and a locked account with the same error, auditing the real reason', () => {
    saveStaffAccount(ctx, {
      code: 'M02',
      name: '吴海',
      role: 'manager',
      active: false,
      secret: 'pin-9999',
      staffCode: 'ADM',
    });
    saveStaffAccount(ctx, {
      code: 'T01',
      name: '柜员甲',
      role: 'teller',
      active: true,
      secret: 'pin-2222',
      staffCode: 'ADM',
    });
    wrong(5, 'T01');
    const bodies = [
      refusal('NOBODY', 'pin-1357'),
      refusal('M02', 'pin-9999'),
      refusal('M01', 'wrong!'),
      refusal('T01', 'nope!!'),
      refusal('T01', 'pin-2222'),
    ];
    for (const body of bodies) expect(body).toEqual(REFUSED);
    expect(failureReasons().slice(-5)).toEqual([
      ['NOBODY', 'unknown'],
      ['M02', 'inactive'],
      ['M01', 'secret'],
      ['T01', 'locked'],
      ['T01', 'locked'],
    ]);
    expect(audits('auth.signInFailed').every((a) => (a as { actor: string | null }).actor === null)).toBe(true);
  });

  it('hashes the given secret once with the same scrypt parameters whatever the outcome; an unknown code against one dummy hash', () => {
    saveStaffAccount(ctx, {
      code: 'M02',
      name: '吴海',
      role: 'manager',
      active: false,
      secret: 'pin-9999',
      staffCode: 'ADM',
    });
    saveStaffAccount(ctx, {
      code: 'T01',
      name: '柜员甲',
      role: 'teller',
      active: true,
      secret: 'pin-2222',
      staffCode: 'ADM',
    });
    wrong(5, 'T01');
    const hashing = vi.mocked(scryptSync);
    const hashedBy = (attempt: () => unknown) => {
      hashing.mockClear();
      try {
        attempt();
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
      }
      return hashing.mock.calls.map(([secret, salt, keyLength, options]) => ({
        secret,
        salt: Buffer.from(salt as Buffer).toString('hex'),
        keyLength,
        options,
      }));
    };
    const attempts = {
      unknown: hashedBy(() => signIn(ctx, window(), { code: 'NOBODY', secret: 'guess-1' })),
      unknownAgain: hashedBy(() => signIn(ctx, window(), { code: 'NOBODY2', secret: 'guess-2' })),
      inactive: hashedBy(() => signIn(ctx, window(), { code: 'M02', secret: 'guess-3' })),
      wrong: hashedBy(() => signIn(ctx, window(), { code: 'M01', secret: 'guess-4' })),
      locked: hashedBy(() => signIn(ctx, window(), { code: 'T01', secret: 'pin-2222' })),
      signedIn: hashedBy(() => signIn(ctx, window(), { code: 'M01', secret: 'pin-1357' })),
    };
    for (const [name, calls] of Object.entries(attempts)) {
      expect(calls, name).toHaveLength(1);
      expect(calls[0], name).toMatchObject({ keyLength: 32, options: { N: 16_384, r: 8, p: 1 } });
    }
    expect(attempts.unknown[0].secret).toBe('guess-1');
    // One dummy made once, not a fresh one per attempt; and not any real account's.
    expect(attempts.unknownAgain[0].salt).toBe(attempts.unknown[0].salt);
    expect(attempts.wrong[0].salt).not.toBe(attempts.unknown[0].salt);
  });

  it('locks after 5 wrong secrets in a row; once a lock runs out, the next wrong secret locks again at once, for 30 then 60 minutes', () => {
    wrong(4);
    expect(lockedUntil()).toBeNull();
    wrong(1);
    expect(lockedUntil()).toBe('2024-04-10T09:15:00.000Z');
    advance(14);
    wrong(1);
    expect(lockedUntil()).toBe('2024-04-10T09:15:00.000Z');
    advance(1);
    expect(lockedUntil()).toBeNull();
    wrong(1);
    expect(lockedUntil()).toBe('2024-04-10T09:45:00.000Z');
    advance(30);
    wrong(1);
    expect(lockedUntil()).toBe('2024-04-10T10:45:00.000Z');
    expect(counts()).toEqual({ failures: 7, lockouts: 3 });
    expect(lockAudits()).toEqual([
      { until: '2024-04-10T09:15:00.000Z', lockout: 1 },
      { until: '2024-04-10T09:45:00.000Z', lockout: 2 },
      { until: '2024-04-10T10:45:00.000Z', lockout: 3 },
    ]);
  });

  it('doubles each further lockout up to a day', () => {
    expect([1, 2, 3, 4, 7, 8, 9, 40].map(lockMinutes)).toEqual([15, 30, 60, 120, 960, 1440, 1440, 1440]);
  });

  it('refuses the right secret during a lock without resetting anything; after the lock runs out it signs in and starts afresh', () => {
    wrong(5);
    advance(10);
    expect(refusal('M01', 'pin-1357')).toEqual(REFUSED);
    expect(counts()).toEqual({ failures: 5, lockouts: 1 });
    expect(lockedUntil()).toBe('2024-04-10T09:15:00.000Z');
    advance(5);
    expect(signIn(ctx, window(), { code: 'M01', secret: 'pin-1357' }).code).toBe('M01');
    expect(counts()).toEqual({ failures: 0, lockouts: 0 });
    wrong(4);
    expect(lockedUntil()).toBeNull();
    wrong(1);
    expect(lockedUntil()).toBe('2024-04-10T09:30:00.000Z');
  });

  it("signs the window's previous user out on a failed attempt, whatever the reason or the input", async () => {
    for (const [code, secret] of [
      ['M01', 'wrong!'],
      ['NOBODY', 'pin-1357'],
      ['ADM', 'wrong!'],
    ]) {
      const session = window();
      signIn(ctx, session, { code: 'ADM', secret: '246810' });
      expect(session.staff?.code).toBe('ADM');
      expect(refusal(code, secret, session)).toEqual(REFUSED);
      expect(session.staff, code).toBeNull();
    }
    const session = window();
    signIn(ctx, session, { code: 'ADM', secret: '246810' });
    expect(await dispatch(ctx, session, 'auth.signIn', { code: '', secret: '' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
    expect(session.staff).toBeNull();
  });

  it('unlocks an account: failures, lockouts and the lock cleared, audited; an unknown code is refused', () => {
    wrong(5);
    advance(15);
    wrong(1);
    expect(lockedUntil()).toBe('2024-04-10T09:45:00.000Z');
    unlockStaff(ctx, 'M01', 'ADM');
    expect(lockedUntil()).toBeNull();
    expect(counts()).toEqual({ failures: 0, lockouts: 0 });
    expect(audits('staff.unlock')).toEqual([
      {
        actor: 'ADM',
        target: 'M01',
        detail: JSON.stringify({ failures: 6, lockouts: 2, lockedUntil: '2024-04-10T09:45:00.000Z' }),
      },
    ]);
    expect(signIn(ctx, window(), { code: 'M01', secret: 'pin-1357' }).code).toBe('M01');
    let refused: unknown;
    try {
      unlockStaff(ctx, 'NOBODY', null);
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).toBody()).toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringContaining('NOBODY'),
      messageEn: expect.stringContaining('NOBODY'),
    });
    expect(audits('staff.unlock')).toHaveLength(1);
  });

  it('a new secret from the administrator unlocks and clears the lockouts', () => {
    wrong(5);
    advance(15);
    wrong(1);
    saveStaffAccount(ctx, {
      code: 'M01',
      name: '周文静',
      role: 'manager',
      active: true,
      secret: 'pin-2468',
      staffCode: 'ADM',
    });
    expect(lockedUntil()).toBeNull();
    expect(counts()).toEqual({ failures: 0, lockouts: 0 });
    wrong(1);
    expect(lockedUntil()).toBeNull();
    expect(signIn(ctx, window(), { code: 'M01', secret: 'pin-2468' }).code).toBe('M01');
  });

  it('refuses an inactive account, and keeps the last administrator', () => {
    saveStaffAccount(ctx, {
      code: 'M02',
      name: '吴海',
      role: 'manager',
      active: false,
      secret: 'pin-9999',
      staffCode: 'ADM',
    });
    expect(refusal('M02', 'pin-9999')).toEqual(REFUSED);
    expect(() =>
      saveStaffAccount(ctx, { code: 'ADM', name: '管理员', role: 'manager', active: true, staffCode: 'ADM' }),
    ).toThrow('唯一能登录的管理员');
  });

  it('a signed-in window follows its account: a new role at once; signed out by a reset secret or a deactivation, audited', () => {
    const admin = window();
    signIn(ctx, admin, { code: 'ADM', secret: '246810' });
    const manager = window();
    signIn(ctx, manager, { code: 'M01', secret: 'pin-1357' });
    const save = (change: Partial<StaffSaveInput>) =>
      saveStaffAccount(
        ctx,
        { code: 'M01', name: '周文静', role: 'manager', active: true, staffCode: 'ADM', ...change },
        admin,
      );

    save({ role: 'teller', name: '周文静（柜面）' });
    expect(activeStaff(ctx, manager, 10)).toEqual({ code: 'M01', name: '周文静（柜面）', role: 'teller' });
    save({ secret: 'pin-2468' });
    expect(activeStaff(ctx, manager, 10)).toBeNull();
    expect(manager.staff).toBeNull();
    signIn(ctx, manager, { code: 'M01', secret: 'pin-2468' });
    expect(activeStaff(ctx, manager, 10)?.code).toBe('M01');
    save({ active: false });
    expect(signedInNow(ctx, manager, 10)).toBeNull();
    expect(audits('auth.signedOutByAccount')).toEqual([
      { actor: 'M01', target: null, detail: '{"why":"secretReset"}' },
      { actor: 'M01', target: null, detail: '{"why":"deactivated"}' },
    ]);
  });

  it("setting one's own new secret keeps one's own window signed in, and signs one's other windows out", () => {
    const here = window();
    const elsewhere = window();
    signIn(ctx, here, { code: 'ADM', secret: '246810' });
    signIn(ctx, elsewhere, { code: 'ADM', secret: '246810' });
    saveStaffAccount(
      ctx,
      { code: 'ADM', name: '管理员', role: 'admin', active: true, secret: 'new-admin-secret', staffCode: 'ADM' },
      here,
    );
    expect(activeStaff(ctx, here, 10)?.code).toBe('ADM');
    expect(activeStaff(ctx, elsewhere, 10)).toBeNull();
  });
});

describe('migration 0014', () => {
  it('adds the lockout count to an existing database, counting a lock on record as the first', () => {
    const db = new BetterSqlite3(':memory:');
    runMigrations(
      db,
      migrations.filter((m) => m.version <= 13),
    );
    db.exec(`
      INSERT INTO staff (code, name, role, active, created_at) VALUES ('M01', '周文静', 'manager', 1, 'x'), ('M02', '吴海', 'manager', 1, 'x');
      INSERT INTO staff_credentials (code, secret_hash, failures, locked_until, changed_at) VALUES ('M01', 'h', 3, NULL, 'x'), ('M02', 'h', 0, '2024-04-10T09:15:00.000Z', 'x');
    `);
    runMigrations(db, migrations);
    expect(
      db.prepare('SELECT code, failures, lockouts, locked_until FROM staff_credentials ORDER BY code').all(),
    ).toEqual([
      { code: 'M01', failures: 3, lockouts: 0, locked_until: null },
      { code: 'M02', failures: 0, lockouts: 1, locked_until: '2024-04-10T09:15:00.000Z' },
    ]);
    db.close();
  });
});
