import type { Database } from 'better-sqlite3';
import { existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import type { Envelope } from '../../shared/errors';
import { addMonths } from '../../shared/month';
import {
  isPlaintext,
  openDatabaseFile,
  openStore,
  readThroughJournal,
  openStoreToRead,
  standInStore,
  type Store,
} from './platform/connection';
import { checkDatabaseFile, passedCheckUnchanged, recordPassedCheck } from './platform/integrity';
import { readSchemaVersion } from './platform/migrate';
import { LATEST_SCHEMA_VERSION } from '../../migrations';
import { checkFileInWorker } from './trust/recovery';
import { fileKeyStore, newKey, type KeyStore } from './trust/keys';
import { AppError } from '../../shared/errors';
import { dispatch } from './dispatch';
import { Sessions, signedInNow } from './trust/auth';
import type { SignedIn } from '../../shared/schemas/auth';
import { dailyBackup } from './trust/backups';
import { createContext, soundDatabase, type CoreContext } from './platform/context';
import { relocate } from './relocate';
import { localToday } from '../../shared/month';
import { DEFAULT_DEMO_SEED, loadDemoBranch } from './demo/demo';
import { EVERY_MONTH, readAccessSettings, tiersStaleFrom } from './platform/settings';
import { recomputeTiers } from './tiers/tier-recompute';
import { syncAuditAnchor } from './trust/audit-anchor';
import { anchorAuditLogAtOpen } from './trust/audit';
import { writeProfile } from './branch/profile';
import { appendAudit } from './platform/audit-log';
import type { BranchProfile } from '../../shared/schemas/branch';
import type { JobControl } from './platform/jobs';
import { prepareFirstScreens } from './first-screens';

export const DATABASE_FILE_NAME = 'tierdesk.db';
export const DEFAULT_DEMO_CUSTOMERS = 20_000;
export const DEFAULT_DEMO_MONTHS = 24;

export interface CoreOptions {
  dataDir: string;
  /**
   * With no database yet, create the demo branch of this many customers at once (tests, the bench) instead of letting
   * the first screen ask (the demo branch or the branch's own).
   */
  demoCustomers?: number;
  /** The size of the demo branch the first run offers (default 20,000; tests keep it small). */
  firstRunDemoCustomers?: number;
  log?: (line: string) => void;
  /** Keep a daily backup (default); the CLI, run for one command, does not. */
  dailyBackups?: boolean;
  /** Decode what the first screens read while the sign-in screen shows (default); the CLI does not. */
  prepareFirstScreens?: boolean;
  /** Where the database key is kept (default: a 0600 key file in the data directory). */
  keys?: KeyStore;
  /**
   * A database file this large or larger is checked in a worker thread while the first screens read (default 64 MB;
   * the CLI, which runs one command, checks first whatever the size).
   */
  backgroundCheckFromBytes?: number;
}

/** Checking takes about a second per 150 MB of an encrypted file: below this, before anything else. */
const BACKGROUND_CHECK_FROM_BYTES = 64 * 1024 * 1024;
/** SQLite's default: the journal copied into the file every 1,000 pages. */
const WAL_AUTOCHECKPOINT_PAGES = 1000;

/**
 * The database key: the one kept, or a new one for a database not yet created or still in plaintext (which is then
 * encrypted). An encrypted database without its key is refused, nothing changed.
 */
function databaseKey(keys: KeyStore, databaseFile: string): string {
  const kept = keys.load();
  if (kept !== null) return kept;
  if (existsSync(databaseFile) && !isPlaintext(databaseFile)) {
    throw new AppError(
      'DB_CORRUPT',
      `数据库 ${databaseFile} 已加密，但找不到它的密钥（${keys.where}）。文件未作任何改动；请恢复密钥或从备份恢复。`,
      `The database is encrypted but its key (${keys.where}) is missing. Nothing was changed.`,
      { file: databaseFile },
    );
  }
  const key = newKey();
  keys.save(key);
  return key;
}

const FIRST_BACKUP_MS = 60 * 1000;
const BACKUP_CHECK_MS = 60 * 60 * 1000;

export interface Core {
  ctx: CoreContext;
  databaseFile: string;
  /** A call from one window: `caller` keys its session (the desktop window's, or a browser-mode cookie's). */
  dispatch(caller: string, channel: unknown, input: unknown): Promise<Envelope<unknown>>;
  /**
   * Who is signed in on `caller`'s window now, the idle lock applied (null: nobody): their jobs' progress, downloads
   * and uploads are theirs alone.
   */
  signedInOn(caller: string): SignedIn | null;
  close(): Promise<void>;
}

/** Browser mode and the CLI: `$TIERDESK_DATA_DIR`, else `~/.tierdesk`. */
export function defaultDataDir(): string {
  return process.env.TIERDESK_DATA_DIR ?? path.join(homedir(), '.tierdesk');
}

/** The last full month before today: demo data ends there. */
export function lastFullMonth(today = localToday()): string {
  return addMonths(today.slice(0, 7), -1);
}

/**
 * Opens the branch database in `dataDir` (the services behind both Electron and browser mode). A data directory
 * without a database waits for the first run's choice: the demo branch, or an empty branch of the user's own.
 */
export async function openCore(options: CoreOptions): Promise<Core> {
  const log = options.log ?? ((line: string) => console.log(line));
  mkdirSync(options.dataDir, { recursive: true });
  const databaseFile = path.join(options.dataDir, DATABASE_FILE_NAME);
  const keys = options.keys ?? fileKeyStore(options.dataDir);
  const key = databaseKey(keys, databaseFile);
  if (!existsSync(databaseFile) && options.demoCustomers !== undefined)
    await createDemoDatabase(databaseFile, key, options.demoCustomers, log);
  // A restore cut short leaves its copy beside the live file, which it never replaced.
  rmSync(`${databaseFile}.restoring`, { force: true });
  const ctx = existsSync(databaseFile)
    ? await openChecked(databaseFile, key, options.backgroundCheckFromBytes ?? BACKGROUND_CHECK_FROM_BYTES, log)
    : firstRunContext(databaseFile, key, options.firstRunDemoCustomers ?? DEFAULT_DEMO_CUSTOMERS, log);
  ctx.keyWhere = keys.where;
  const backgroundFromBytes = options.backgroundCheckFromBytes ?? BACKGROUND_CHECK_FROM_BYTES;
  ctx.moveDataDirectory = (target, control) =>
    relocate(ctx, target, control, (file) => openChecked(file, key, backgroundFromBytes, log, ctx));
  // After every commit that may have written to the log (never inside a transaction: see syncAuditAnchor); a damaged
  // file's stand-in has no log to anchor, nor a data directory being moved (read only meanwhile).
  const syncAnchor = () => {
    const { state } = ctx.database.state;
    if (state === 'damaged' || state === 'new' || state === 'moving') return;
    try {
      syncAuditAnchor(ctx.store);
    } catch (error) {
      log(
        `审计锚点未能更新 / The audit anchor could not be updated: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  };
  const stopSyncingOnJobs = ctx.jobs.subscribe((event) => {
    if (event.state !== 'running') syncAnchor();
  });
  const sessions = new Sessions();
  // Today's backup a minute after the start (not in the way of the first screen; the copy holds the thread for a second
  // or two on a large branch), then each hour whether the day has turned (a workstation left on overnight).
  const backUpDaily = () => {
    if (ctx.database.state.state !== 'ok') return;
    void dailyBackup(ctx)
      .then(syncAnchor)
      .catch((error: unknown) =>
        log(`每日备份失败 / The daily backup failed: ${error instanceof Error ? error.message : String(error)}`),
      );
  };
  const timers =
    options.dailyBackups === false
      ? []
      : [setTimeout(backUpDaily, FIRST_BACKUP_MS), setInterval(backUpDaily, BACKUP_CHECK_MS)];
  for (const timer of timers) timer.unref();
  // Once the file is known sound (it may be checked in a worker first), in steps that let a sign-in through between.
  if (options.prepareFirstScreens !== false)
    void ctx.database.checked.then(
      () => prepareFirstScreens(ctx),
      () => undefined,
    );
  return {
    ctx,
    get databaseFile() {
      return ctx.store.file;
    },
    dispatch: async (caller, channel, input) => {
      try {
        return await dispatch(ctx, sessions.get(caller), channel, input);
      } finally {
        syncAnchor();
      }
    },
    signedInOn: (caller) => signedInNow(ctx, sessions.get(caller), readAccessSettings(ctx.store.sqlite).idleMinutes),
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      stopSyncingOnJobs();
      syncAnchor();
      ctx.downloads.dispose();
      const { file } = ctx.store;
      await ctx.store.close();
      // Checked at open, then written only through SQLite by this process, closed cleanly: still sound as it is now.
      if (ctx.database.state.state === 'ok' && existsSync(file)) recordPassedCheck(file);
    },
  };
}

/**
 * The branch database opened once its file is known sound (docs/architecture.md, "A damaged database"): checked
 * first, or — a large file that opening will not change — in a worker thread while reading and signing in go on, and
 * again whenever SQLite says it is damaged. A file that fails is never written to: the context holds an empty
 * stand-in and serves only its recovery. What writes at open (the audit log's anchor, a recompute left undone) waits
 * for the check.
 */
async function openChecked(
  databaseFile: string,
  key: string,
  backgroundFromBytes: number,
  log: (line: string) => void,
  into?: CoreContext,
): Promise<CoreContext> {
  const background = statSync(databaseFile).size >= backgroundFromBytes && !changesWhenOpened(databaseFile, key);
  // A plaintext file (encrypted once it is known sound) is read without the key.
  const first = background ? null : checkDatabaseFile(databaseFile, isPlaintext(databaseFile) ? null : key);
  if (first?.ok) recordPassedCheck(databaseFile);
  let problem = first && !first.ok ? first.problem : null;
  let store: Store | null = null;
  if (problem === null) {
    if (isPlaintext(databaseFile))
      log('正在加密数据库（先备份原文件，只需一次）… / Encrypting the database (backed up first; once only)…');
    try {
      store = openStore(databaseFile, key);
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'DB_CORRUPT')) throw error;
      problem = error.messageEn;
    }
  }
  // Opened again in a context that exists (the data directory moved): its jobs, sessions and caches carry on.
  const ctx = into ?? createContext(store ?? standInStore(databaseFile, key));
  if (into) {
    into.store = store ?? standInStore(databaseFile, key);
    into.database = soundDatabase();
  }
  const damage = (problem: string) => {
    log(
      `数据库文件已损坏，已停止使用：${databaseFile}（${problem}） / The database file is damaged and no longer used.`,
    );
    ctx.database.state = { state: 'damaged', file: databaseFile, problem };
    const damaged = ctx.store;
    ctx.store = standInStore(databaseFile, key);
    // What was written while it was checked (a sign-in, its audit entry) stays in the journal, never copied into the
    // file: the last connection to close would checkpoint it, so a read-only one (which cannot) closes last.
    let lastToClose: Database | null = null;
    try {
      lastToClose = openDatabaseFile(databaseFile, isPlaintext(databaseFile) ? null : key, {
        readonly: true,
        fileMustExist: true,
      });
      readThroughJournal(lastToClose);
    } catch (error) {
      log(
        `无法以只读方式打开损坏的文件 / The damaged file cannot be opened read-only: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    void damaged.close().finally(() => lastToClose?.close());
  };
  // Changes wait until this is done too.
  const whenSound = async () => {
    anchorAuditLogAtOpen(ctx, log);
    // A data change whose recompute never finished (the app was closed or crashed in between): finish it now.
    const stale = tiersStaleFrom(ctx.store.sqlite);
    if (stale !== null) {
      log(
        `分层结果落后于数据（自 ${stale === EVERY_MONTH ? '最早月份' : stale} 起），正在重新计算… / Tier results lag the data; recomputing…`,
      );
      await recomputeTiers(ctx.store.sqlite, ctx.now(), { fromMonth: stale });
    }
    ctx.database.state = { state: 'ok' };
    ctx.store.sqlite.pragma(`wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_PAGES}`);
  };
  const checkInWorker = () => {
    ctx.database.state = { state: 'checking' };
    // Nothing written meanwhile (signing in) reaches the file itself until it is known sound.
    ctx.store.sqlite.pragma('wal_autocheckpoint = 0');
    log(
      `正在后台检查数据库文件的完整性，完成前只能查看，不能修改… / Checking the database file in the background; changes wait until it passes…`,
    );
    ctx.database.checked = checkFileInWorker(databaseFile, key).then((result) => {
      if (!result.ok) return damage(result.problem);
      recordPassedCheck(databaseFile);
      return whenSound();
    });
  };
  ctx.database.suspect = () => ctx.database.state.state === 'ok' && checkInWorker();
  if (problem !== null) damage(problem);
  else if (first === null) checkInWorker();
  else await whenSound();
  return ctx;
}

/** Opening will change the file (encrypt it, or migrate it): that must not happen before it is known sound. */
function changesWhenOpened(databaseFile: string, key: string): boolean {
  if (isPlaintext(databaseFile)) return true;
  try {
    const db = openDatabaseFile(databaseFile, key, { readonly: true, fileMustExist: true });
    try {
      return readSchemaVersion(db) < LATEST_SCHEMA_VERSION;
    } finally {
      db.close();
    }
  } catch {
    // Not even its version can be read: checked before anything else, to say so.
    return true;
  }
}

/**
 * The database opened only to read (the command line's questions), or null when it must be opened as for a change:
 * not known sound as it is (changed since it last passed its check), encryption or a migration due, or tier results
 * lagging the data (opening recomputes them).
 */
export async function openCoreToRead(dataDir: string): Promise<Pick<Core, 'ctx' | 'close'> | null> {
  const databaseFile = path.join(dataDir, DATABASE_FILE_NAME);
  if (!passedCheckUnchanged(databaseFile)) return null;
  const store = openStoreToRead(databaseFile, fileKeyStore(dataDir).load());
  if (store && tiersStaleFrom(store.sqlite) === null) return { ctx: createContext(store), close: () => store.close() };
  await store?.close();
  return null;
}

/**
 * No database yet: the context holds a stand-in and serves only the first run, whose choice creates the file (the
 * demo branch, or an empty branch with its profile) and opens it in place.
 */
function firstRunContext(
  databaseFile: string,
  key: string,
  demoCustomers: number,
  log: (line: string) => void,
): CoreContext {
  const ctx = createContext(standInStore(databaseFile, key));
  ctx.database.state = { state: 'new' };
  let creating = false;
  ctx.firstRun = async (choice, control) => {
    if (creating)
      throw new AppError('CONFLICT', '支行数据库正在建立，请稍候。', 'The branch database is being created; wait.');
    creating = true;
    try {
      if (choice === 'demo') await createDemoDatabase(databaseFile, key, demoCustomers, log, control);
      else await createBranchDatabase(databaseFile, key, choice, ctx.now());
      const standIn = ctx.store;
      ctx.store = openStore(databaseFile, key);
      ctx.database.state = { state: 'ok' };
      ctx.firstRun = undefined;
      await standIn.close();
    } finally {
      creating = false;
    }
  };
  return ctx;
}

/** An empty branch database with its profile, made under a temporary name and renamed into place. Audited. */
async function createBranchDatabase(
  databaseFile: string,
  key: string,
  profile: BranchProfile,
  now: string,
): Promise<void> {
  const partial = `${databaseFile}.creating`;
  for (const suffix of ['', '-wal', '-shm']) rmSync(partial + suffix, { force: true });
  const store = openStore(partial, key);
  try {
    store.sqlite.transaction(() => {
      writeProfile(store.sqlite, profile);
      appendAudit(store.sqlite, { at: now, actor: null, action: 'branch.create', target: null, detail: { profile } });
    })();
  } finally {
    await store.close();
  }
  renameSync(partial, databaseFile);
}

/**
 * Builds the demo branch under a temporary name and renames it into place, so a crash, a failure or a cancel leaves
 * no half a database (progress through `control`: the first run's job).
 */
async function createDemoDatabase(
  databaseFile: string,
  key: string,
  customers: number,
  log: (line: string) => void,
  control?: JobControl,
): Promise<void> {
  const partial = `${databaseFile}.creating`;
  const removePartial = () => {
    for (const suffix of ['', '-wal', '-shm']) rmSync(partial + suffix, { force: true });
  };
  removePartial();
  log(
    `首次启动：正在生成演示支行数据（${customers} 位客户，${DEFAULT_DEMO_MONTHS} 个月）… / First start: creating a demo branch…`,
  );
  const store = openStore(partial, key);
  const ctx = createContext(store);
  try {
    const summary = await loadDemoBranch(
      store,
      { customers, months: DEFAULT_DEMO_MONTHS, endMonth: lastFullMonth(ctx.today()), seed: DEFAULT_DEMO_SEED },
      ctx.now(),
      control,
    );
    log(`演示数据已生成：${summary.customers} 位客户，${summary.assetRows} 条月度资产。 / Demo branch ready.`);
  } catch (error) {
    await store.close();
    removePartial();
    throw error;
  }
  await store.close();
  renameSync(partial, databaseFile);
}
