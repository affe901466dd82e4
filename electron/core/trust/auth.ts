/**
 * Staff sign-in: a PIN or password per staff member (scrypt, never stored or logged in clear), a lock after
 * 5 failures in a row that grows with each further lockout, the window locked after idle minutes, and the
 * administrator created on first run. Each window (the desktop app's, or a browser-mode session) has its own
 * `Session`; main decides every call by who is in it.
 */
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import { AppError } from '../../../shared/errors';
import {
  DEFAULT_ACCESS_SETTINGS,
  type AccessSettings,
  type AuthStatus,
  type SignedIn,
  type StaffAccount,
  type StaffSaveInput,
} from '../../../shared/schemas/auth';
import { appendAudit } from '../platform/audit-log';
import { readAccessSettings, readSetting, replaceJsonSetting } from '../platform/settings';
import {
  clearCredentialLock,
  countActiveCredentials,
  insertAdministrator,
  listSignInAdministratorCodes,
  listStaffWithCredentials,
  lockCredential,
  makeActiveAdministrator,
  readCredential,
  readCredentialLock,
  readSecretHash,
  readSignInAccount,
  readStaffName,
  replaceCredential,
  setCredentialFailures,
  upsertStaff,
  type CredentialRow,
} from './staff-repository';
import type { CoreContext } from '../platform/context';

/** Failures in a row that lock an account the first time, and how long that first lock lasts. */
export const MAX_FAILURES = 5;
export const LOCK_MINUTES = 15;
/** Each further lockout doubles, up to a day: past that a guesser gets one try a day; staff ask the administrator. */
const MAX_LOCK_MINUTES = 24 * 60;
const SCRYPT = { N: 16_384, r: 8, p: 1 };
const KEY_BYTES = 32;

/** How long the `lockout`-th lock since the last successful sign-in lasts: 15, 30, 60 … minutes, at most a day. */
export function lockMinutes(lockout: number): number {
  return Math.min(LOCK_MINUTES * 2 ** (lockout - 1), MAX_LOCK_MINUTES);
}

/** Who is signed in on one window, and when it last did something. */
export interface Session {
  staff: SignedIn | null;
  /** Epoch ms of the last call (the idle lock counts from it). */
  lastActive: number;
  /**
   * The stored hash of the signed-in staff member's PIN or password as of signing in (salted afresh each time one is
   * set; kept in main only): each call reads their account again, and a reset since (or a deactivation) signs the
   * window out. Absent only for sessions made in-process for tests and the bench, whose staff have no sign-in account.
   */
  secretHash?: string;
}

/** The sessions of the windows calling main, by key (the desktop window's, or a browser-mode cookie). */
export class Sessions {
  private readonly byKey = new Map<string, Session>();

  get(key: string): Session {
    let session = this.byKey.get(key);
    if (!session) this.byKey.set(key, (session = { staff: null, lastActive: 0 }));
    return session;
  }
}

function formatHash(salt: Buffer, key: Buffer): string {
  return ['scrypt', SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

function hashSecret(secret: string): string {
  const salt = randomBytes(16);
  return formatHash(salt, scryptSync(secret.normalize('NFC'), salt, KEY_BYTES, SCRYPT));
}

/**
 * What a secret given for an unknown code is checked against: the same scrypt work as a real account, so the time a
 * refusal takes does not tell which codes exist. Its key is random, so no secret matches it.
 */
const DUMMY_HASH = formatHash(randomBytes(16), randomBytes(KEY_BYTES));

function verifySecret(secret: string, stored: string): boolean {
  const [kind, n, r, p, salt, key] = stored.split('$');
  if (kind !== 'scrypt' || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64url');
  const actual = scryptSync(secret.normalize('NFC'), Buffer.from(salt, 'base64url'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
  });
  return timingSafeEqual(actual, expected);
}

const nowMs = (ctx: CoreContext) => Date.parse(ctx.now());

/** Sets a staff member's PIN or password (hashed), clearing failures, lockouts and any lock. */
function setSecret(ctx: CoreContext, code: string, secret: string): void {
  replaceCredential(ctx.store.sqlite, code, hashSecret(secret), ctx.now());
}

/**
 * The staff member signed in on `session`, or null (never signed in, or locked after idling: then signed out and
 * audited). A call counts as activity.
 */
export function activeStaff(ctx: CoreContext, session: Session, idleMinutes: number): SignedIn | null {
  const staff = signedInNow(ctx, session, idleMinutes);
  if (staff) session.lastActive = nowMs(ctx);
  else if (session.staff) {
    appendAudit(ctx.store.sqlite, {
      at: ctx.now(),
      actor: session.staff.code,
      action: 'auth.idleLock',
      target: null,
      detail: { idleMinutes },
    });
    session.staff = null;
  }
  return staff;
}

/**
 * Who is signed in on `session` now, without counting as activity (a download, the job-event stream): nobody once it
 * has idled past `idleMinutes`, as the next call would find; nobody once the administrator has deactivated them or
 * reset their PIN or password since they signed in (signed out then, audited); their role and name as they are now.
 */
export function signedInNow(ctx: CoreContext, session: Session, idleMinutes: number): SignedIn | null {
  const { staff } = session;
  if (!staff || nowMs(ctx) - session.lastActive > idleMinutes * 60_000) return null;
  if (session.secretHash === undefined) return staff;
  const account = readSignInAccount(ctx.store.sqlite, staff.code);
  if (!account || account.active !== 1 || account.secret_hash !== session.secretHash) {
    const why = !account ? 'removed' : account.active !== 1 ? 'deactivated' : 'secretReset';
    appendAudit(ctx.store.sqlite, {
      at: ctx.now(),
      actor: staff.code,
      action: 'auth.signedOutByAccount',
      target: null,
      detail: { why },
    });
    session.staff = null;
    return null;
  }
  if (account.role !== staff.role || account.name !== staff.name)
    session.staff = { code: staff.code, name: account.name, role: account.role };
  return session.staff;
}

/**
 * Who is signed in on this window and the database's state; a damaged database, or none yet, is not read at all
 * (nobody can sign in).
 */
export async function authStatus(ctx: CoreContext, session: Session): Promise<AuthStatus> {
  const database = ctx.database.state;
  if (database.state === 'damaged' || database.state === 'new')
    return {
      staff: null,
      needsSetup: false,
      branchName: '',
      idleMinutes: DEFAULT_ACCESS_SETTINGS.idleMinutes,
      database,
    };
  const branchName = readSetting(ctx.store.sqlite, 'branch_name') ?? '';
  const { idleMinutes } = readAccessSettings(ctx.store.sqlite);
  return {
    staff: activeStaff(ctx, session, idleMinutes),
    needsSetup: countActiveCredentials(ctx.store.sqlite) === 0,
    branchName,
    idleMinutes,
    database,
  };
}

function signInAs(ctx: CoreContext, session: Session, staff: SignedIn): SignedIn {
  session.staff = staff;
  session.lastActive = nowMs(ctx);
  session.secretHash = readSecretHash(ctx.store.sqlite, staff.code);
  return staff;
}

/** First run: creates the administrator (only while no one can sign in) and signs them in. Audited. */
export function setupAdministrator(
  ctx: CoreContext,
  session: Session,
  input: { code: string; name: string; secret: string },
): SignedIn {
  const { sqlite } = ctx.store;
  return sqlite.transaction(() => {
    if (countActiveCredentials(sqlite) > 0)
      throw new AppError('CONFLICT', '管理员已建立，请用工号和密码登录', 'The administrator exists already; sign in');
    const existing = readStaffName(sqlite, input.code);
    if (existing !== undefined) {
      makeActiveAdministrator(sqlite, input.code, input.name);
    } else {
      insertAdministrator(sqlite, input.code, input.name, ctx.now());
    }
    setSecret(ctx, input.code, input.secret);
    appendAudit(sqlite, { at: ctx.now(), actor: input.code, action: 'auth.setup', target: input.code, detail: {} });
    return signInAs(ctx, session, { code: input.code, name: input.name, role: 'admin' });
  })();
}

/**
 * The one answer to every refused sign-in (unknown code, inactive, wrong secret, locked): the same words and no
 * details, so the answer does not tell which codes exist or which are locked. The audit log keeps the reason.
 */
const refused = () =>
  new AppError(
    'FORBIDDEN',
    '工号或密码不正确；多次输错后账户会暂时锁定，请稍后再试或请管理员解锁',
    'Wrong staff code or password; after repeated failures the account is locked for a while — try later or ask the administrator to unlock it',
  );

/**
 * Counts a wrong secret. The 5th in a row locks; after that, failures are not forgiven when the lock runs out: the next
 * wrong secret locks again at once, each lock twice as long as the one before (capped). Audits each lock.
 */
function countWrongSecret(ctx: CoreContext, row: CredentialRow): void {
  const { sqlite } = ctx.store;
  const failures = row.failures + 1;
  if (failures < MAX_FAILURES && row.lockouts === 0) {
    setCredentialFailures(sqlite, row.code, failures);
    return;
  }
  const lockout = row.lockouts + 1;
  const until = new Date(nowMs(ctx) + lockMinutes(lockout) * 60_000).toISOString();
  lockCredential(sqlite, row.code, { failures, lockouts: lockout, lockedUntil: until });
  appendAudit(sqlite, {
    at: ctx.now(),
    actor: null,
    action: 'auth.locked',
    target: row.code,
    detail: { until, lockout },
  });
}

/**
 * Signs a staff member in on `session`, first signing out whoever was in it. Every refusal looks and takes the same
 * (one scrypt, one message); a wrong secret counts towards the lock. Every attempt is audited, a refusal with its
 * reason.
 */
export function signIn(ctx: CoreContext, session: Session, input: { code: string; secret: string }): SignedIn {
  const { sqlite } = ctx.store;
  // A failed attempt must not leave the window's previous user signed in; success signs the new one in below.
  session.staff = null;
  const row = readCredential(sqlite, input.code);
  // Checked before anything is decided, also for an unknown, inactive or locked account: the same work every time.
  const secretMatches = verifySecret(input.secret, row?.secret_hash ?? DUMMY_HASH);
  const locked = row !== undefined && row.locked_until !== null && row.locked_until > ctx.now();
  if (row && row.active === 1 && !locked && secretMatches) {
    sqlite.transaction(() => {
      clearCredentialLock(sqlite, row.code);
      appendAudit(sqlite, { at: ctx.now(), actor: row.code, action: 'auth.signIn', target: null, detail: {} });
    })();
    return signInAs(ctx, session, { code: row.code, name: row.name, role: row.role });
  }
  const why = !row ? 'unknown' : row.active !== 1 ? 'inactive' : locked ? 'locked' : 'secret';
  sqlite.transaction(() => {
    if (row && why === 'secret') countWrongSecret(ctx, row);
    appendAudit(sqlite, {
      at: ctx.now(),
      actor: null,
      action: 'auth.signInFailed',
      target: input.code,
      detail: { why },
    });
  })();
  throw refused();
}

export function signOut(ctx: CoreContext, session: Session): { signedOut: true } {
  if (session.staff)
    appendAudit(ctx.store.sqlite, {
      at: ctx.now(),
      actor: session.staff.code,
      action: 'auth.signOut',
      target: null,
      detail: {},
    });
  session.staff = null;
  return { signedOut: true };
}

/** Every staff member with whether they can sign in and any lock. */
export function listStaffAccounts(ctx: CoreContext): { staff: StaffAccount[] } {
  const rows = listStaffWithCredentials(ctx.store.sqlite);
  const now = ctx.now();
  return {
    staff: rows.map((r) => ({
      code: r.code,
      name: r.name,
      role: r.role,
      active: r.active === 1,
      hasSecret: r.has_secret === 1,
      lockedUntil: r.locked_until !== null && r.locked_until > now ? r.locked_until : null,
    })),
  };
}

/**
 * Adds or changes a staff member (管理员 only); a new PIN or password also unlocks. The last active administrator who
 * can sign in cannot be demoted or deactivated. Audited, without the secret.
 */
export function saveStaffAccount(
  ctx: CoreContext,
  input: StaffSaveInput,
  session?: Session,
): { staff: StaffAccount[] } {
  const { sqlite } = ctx.store;
  sqlite.transaction(() => {
    const admins = listSignInAdministratorCodes(sqlite);
    if (admins.length === 1 && admins[0] === input.code && (input.role !== 'admin' || !input.active)) {
      throw new AppError(
        'CONFLICT',
        '这是唯一能登录的管理员，不能降级或停用；请先设立另一位管理员',
        'The only administrator who can sign in cannot be demoted or deactivated',
        { field: 'role' },
      );
    }
    upsertStaff(sqlite, {
      code: input.code,
      name: input.name,
      role: input.role,
      active: input.active,
      createdAt: ctx.now(),
    });
    if (input.secret !== undefined) {
      setSecret(ctx, input.code, input.secret);
    }
    appendAudit(sqlite, {
      at: ctx.now(),
      actor: input.staffCode,
      action: 'staff.save',
      target: input.code,
      detail: { name: input.name, role: input.role, active: input.active, secretSet: input.secret !== undefined },
    });
  })();
  // Setting one's own new secret keeps one's own window signed in (every other window of theirs is signed out).
  if (session?.staff?.code === input.code && input.secret !== undefined)
    session.secretHash = readSecretHash(ctx.store.sqlite, input.code);
  return listStaffAccounts(ctx);
}

/**
 * Lets a locked-out staff member try again at once (the administrator, from the command line): clears failures,
 * lockouts and the lock. Audited with what it cleared.
 */
export function unlockStaff(ctx: CoreContext, code: string, actor: string | null): void {
  const { sqlite } = ctx.store;
  sqlite.transaction(() => {
    const row = readCredentialLock(sqlite, code);
    if (!row)
      throw new AppError('NOT_FOUND', `没有工号为 ${code} 的登录账户`, `No sign-in account for staff code ${code}`, {
        code,
      });
    clearCredentialLock(sqlite, code);
    appendAudit(sqlite, {
      at: ctx.now(),
      actor,
      action: 'staff.unlock',
      target: code,
      detail: { failures: row.failures, lockouts: row.lockouts, lockedUntil: row.locked_until },
    });
  })();
}

export function getAccessSettings(ctx: CoreContext): { settings: AccessSettings } {
  return { settings: readAccessSettings(ctx.store.sqlite) };
}

export function saveAccessSettings(
  ctx: CoreContext,
  settings: AccessSettings,
  staffCode: string | null,
): { settings: AccessSettings } {
  replaceJsonSetting(ctx.store.sqlite, 'access_settings', settings, {
    at: ctx.now(),
    actor: staffCode,
    action: 'access.saveSettings',
  });
  return { settings };
}
