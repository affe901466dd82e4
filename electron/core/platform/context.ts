import { localToday } from '../../../shared/month';
import type { Store } from './connection';
import { JobRunner } from './jobs';
import { Downloads } from './downloads';
import { Uploads, type HeldFile } from './uploads';
import type { ImportAnalysis } from '../imports/imports';
import type { TierSnapshot } from '../tiers/tier-snapshots-repository';
import type { CustomerAttributes, MonthDimensions } from '../segments/segments';
import type { MigrationAnalysis } from '../flows/flows';
import type { MonthWarnings } from '../retention/retention';
import type { DatabaseState } from '../../../shared/schemas/recovery';

/** The database file as last checked, and what to do when SQLite says it is damaged. */
export interface DatabaseWatch {
  state: DatabaseState;
  /** Resolves once the state is no longer `checking`. */
  checked: Promise<void>;
  /** A call met SQLite's word for damage: check the file again and stop using it if it fails. */
  suspect(): void;
}

/** A database nobody doubts (tests, and a file checked at open). */
export const soundDatabase = (): DatabaseWatch => ({ state: { state: 'ok' }, checked: Promise.resolve(), suspect: () => undefined });

/** What every service gets: the branch database and a clock (injected so tests can fix "today"). */
export interface CoreContext {
  store: Store;
  /** Whether the database file is sound: dispatch serves only recovery once it is found damaged. */
  database: DatabaseWatch;
  /** Today as `YYYY-MM-DD` in the branch's local time. */
  today(): string;
  /** Now as an ISO timestamp. */
  now(): string;
  /** Decoded data kept between calls; cleared when what it was derived from changes. */
  cache: DerivedDataCache;
  /** Long work, one job at a time. */
  jobs: JobRunner;
  /** Files the user chose and the import analyses made of them. */
  uploads: Uploads<ImportAnalysis & { fileToken: string }>;
  /** Exports waiting to be fetched. */
  downloads: Downloads;
  /** Electron only: asks the user for a file with the system dialog (null when cancelled). */
  pickFile?: () => Promise<HeldFile | null>;
  /** Electron only: asks where to save an export, suggesting `fileName` (null when cancelled). */
  chooseSaveTarget?: (fileName: string) => Promise<string | null>;
}

/** What services keep decoded between calls; `forgetDerivedData` empties it after writes. */
export interface DerivedDataCache {
  tierSnapshots: Map<string, TierSnapshot | null>;
  monthDimensions: Map<string, MonthDimensions>;
  customerAttributes: CustomerAttributes | null;
  /** The last two-period analysis (its lists are paged through). */
  migration: { key: string; result: MigrationAnalysis } | null;
  /** Warning lists by month (also dropped when contacts or actions change). */
  warnings: Map<string, MonthWarnings>;
}

export function emptyCache(): DerivedDataCache {
  return { tierSnapshots: new Map(), monthDimensions: new Map(), customerAttributes: null, migration: null, warnings: new Map() };
}

/** Drops everything decoded: call after any write to what the cache was derived from. */
export function forgetDerivedData(ctx: CoreContext): void {
  Object.assign(ctx.cache, emptyCache());
}

export function createContext(store: Store): CoreContext {
  return { store, database: soundDatabase(), today: () => localToday(), now: () => new Date().toISOString(), cache: emptyCache(), jobs: new JobRunner(), uploads: new Uploads(), downloads: new Downloads() };
}
