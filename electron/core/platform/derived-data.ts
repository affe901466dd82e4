/**
 * Data decoded from the database and kept between calls (a month's tier snapshot, its dimensions, the warning list).
 * Each domain declares its own kinds; the core keeps them without knowing their types. A value is kept with the data
 * versions it was made from and used only while they are current: no write has to say what it changed
 * (docs/architecture.md, "Derived data").
 */
import type { Database } from 'better-sqlite3';
import { readDataVersions } from './data-versions';

/** A kind of derived data: values by key (usually a month), at most `keep` of them (the least recently used go first). */
export interface DerivedKind<T> {
  readonly id: symbol;
  readonly keep: number;
  /** Made from the service record too (contacts, actions, complaints, surveys), not only the branch's data. */
  readonly readsServiceRecord: boolean;
  /** Never read: ties the kind to its values' type. */
  readonly type?: T;
}

export function derivedKind<T>(
  name: string,
  keep: number,
  options: { readsServiceRecord?: boolean } = {},
): DerivedKind<T> {
  return { id: Symbol(name), keep, readsServiceRecord: options.readsServiceRecord ?? false };
}

interface Kept {
  /** The connection and the data versions the values were made from. */
  sqlite: Database;
  version: string;
  values: Map<string, unknown>;
}

export class DerivedData {
  private readonly kinds = new Map<symbol, Kept>();

  /** `database()`: the connection in use now (a restore or a damaged file replaces it). */
  constructor(private readonly database: () => Database) {}

  /** The value kept for `key` if still current, or made now by `make` and kept. */
  get<T>(kind: DerivedKind<T>, key: string, make: () => T): T {
    const kept = this.current(kind);
    return kept.values.has(key) ? used<T>(kept, key) : keep(kept, kind, key, make());
  }

  /**
   * Like `get`, for a value made in steps that let other calls run between them: kept only when the data it was made
   * from is still current once it is made (a change meanwhile leaves it to the next call).
   */
  async getInSteps<T>(kind: DerivedKind<T>, key: string, make: () => Promise<T>): Promise<T> {
    const kept = this.current(kind);
    if (kept.values.has(key)) return used<T>(kept, key);
    const value = await make();
    return this.current(kind) === kept ? keep(kept, kind, key, value) : value;
  }

  /** The value kept for `key`, if any and current (nothing is made). */
  peek<T>(kind: DerivedKind<T>, key: string): T | undefined {
    return this.current(kind).values.get(key) as T | undefined;
  }

  /** Drops one kind (a benchmark measuring the cold path). */
  drop(kind: DerivedKind<unknown>): void {
    this.kinds.delete(kind.id);
  }

  /** Drops every kind (a benchmark measuring the first call after a start). */
  clear(): void {
    this.kinds.clear();
  }

  /** The kind's kept values, emptied first when the data they were made from has changed since. */
  private current(kind: DerivedKind<unknown>): Kept {
    const sqlite = this.database();
    const versions = readDataVersions(sqlite);
    const version = kind.readsServiceRecord ? `${versions.branchData}:${versions.serviceRecord}` : versions.branchData;
    let kept = this.kinds.get(kind.id);
    if (!kept || kept.sqlite !== sqlite || kept.version !== version) {
      kept = { sqlite, version, values: new Map() };
      this.kinds.set(kind.id, kept);
    }
    return kept;
  }
}

/** A kept value, moved to the end: the Map's order is the order of use. */
function used<T>(kept: Kept, key: string): T {
  const value = kept.values.get(key) as T;
  kept.values.delete(key);
  kept.values.set(key, value);
  return value;
}

/** Keeps a value made, the least recently used dropped beyond the kind's `keep`. */
function keep<T>(kept: Kept, kind: DerivedKind<T>, key: string, value: T): T {
  kept.values.set(key, value);
  for (const oldest of kept.values.keys()) {
    if (kept.values.size <= kind.keep) break;
    kept.values.delete(oldest);
  }
  return value;
}
