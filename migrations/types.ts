import type { Database } from 'better-sqlite3';

export interface Migration {
  /** Ascending, gap-free; stored in `PRAGMA user_version` once applied. */
  version: number;
  name: string;
  /**
   * Rebuilds a table others refer to (SQLite's way to change a constraint): run with foreign keys off, and the
   * references checked before its transaction commits.
   */
  rebuildsTables?: boolean;
  up(db: Database): void;
}
