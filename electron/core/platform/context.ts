import { localToday } from '../../../shared/month';
import type { Store } from './connection';
import { JobRunner, type JobControl } from './jobs';
import { Downloads } from './downloads';
import { Uploads, type HeldFile } from './uploads';
import { DerivedData } from './derived-data';
import type { DatabaseState } from '../../../shared/schemas/recovery';
import type { BranchProfile } from '../../../shared/schemas/branch';
import type { DataDirMoveResult } from '../../../shared/schemas/data-directory';

/**
 * The desktop app's data directory, kept by the shell (a location file in its own folder, read at start) — browser mode
 * and the command line take theirs from the command line (docs/architecture.md, "The data directory").
 */
export interface DataLocation {
  /** The system folder dialog: the folder the user chose, or null when cancelled. */
  chooseFolder(): Promise<string | null>;
  /** The directory the data was moved from, kept until its removal is confirmed (null: none). */
  previous(): string | null;
  /** Records where the data directory is from now on, and the previous one kept (null: none). */
  remember(dataDir: string, previous: string | null): void;
}

/** The database file as last checked, and what to do when SQLite says it is damaged. */
export interface DatabaseWatch {
  state: DatabaseState;
  /** Resolves once the state is no longer `checking`. */
  checked: Promise<void>;
  /** A call met SQLite's word for damage: check the file again and stop using it if it fails. */
  suspect(): void;
}

/** A database nobody doubts (tests, and a file checked at open). */
export const soundDatabase = (): DatabaseWatch => ({
  state: { state: 'ok' },
  checked: Promise.resolve(),
  suspect: () => undefined,
});

/** What every service gets: the branch database and a clock (injected so tests can fix "today"). */
export interface CoreContext {
  store: Store;
  /** Where the database key is kept (`KeyStore.where`), for 设置 · 关于; unset in tests. */
  keyWhere?: string;
  /** Whether the database file is sound: dispatch serves only recovery once it is found damaged. */
  database: DatabaseWatch;
  /** Today as `YYYY-MM-DD` in the branch's local time. */
  today(): string;
  /** Now as an ISO timestamp. */
  now(): string;
  /** Decoded data kept between calls, used while the data it was made from is current. */
  cache: DerivedData;
  /** Long work, one job at a time. */
  jobs: JobRunner;
  /** Files the user chose and the import analyses made of them. */
  uploads: Uploads;
  /** Exports waiting to be fetched. */
  downloads: Downloads;
  /**
   * First run only (no database yet): creates it — the demo branch, or an empty branch with this profile — and opens
   * it in place of the stand-in.
   */
  firstRun?: (choice: 'demo' | BranchProfile, control?: JobControl) => Promise<void>;
  /** The desktop app only: where its data directory is kept, and the folder dialog. */
  dataLocation?: DataLocation;
  /** The folder last chosen to move the data directory to, under the token the window got for it. */
  chosenFolder?: { token: string; dir: string };
  /**
   * Moves the data directory to `target` — the database closed, copied, verified, switched to, the old one kept — and
   * reopens the database there; on any failure the app stays where it was (set by `openCore`).
   */
  moveDataDirectory?: (target: string, control: JobControl) => Promise<DataDirMoveResult>;
  /** Electron only: asks the user for the files of an import with the system dialog (none when cancelled). */
  pickFiles?: () => Promise<HeldFile[]>;
  /** Electron only: asks where to save an export, suggesting `fileName` (null when cancelled). */
  chooseSaveTarget?: (fileName: string) => Promise<string | null>;
}

export function createContext(store: Store): CoreContext {
  const ctx: CoreContext = {
    store,
    database: soundDatabase(),
    today: () => localToday(),
    now: () => new Date().toISOString(),
    cache: new DerivedData(() => ctx.store.sqlite),
    jobs: new JobRunner(),
    uploads: new Uploads(),
    downloads: new Downloads(),
  };
  return ctx;
}
