/**
 * Data decoded from the database and kept between calls (a month's tier snapshot, its dimensions, the warning list).
 * Each domain declares its own kinds; the core keeps them without knowing their types. A write says what it changed
 * and the kinds derived from it are dropped (docs/architecture.md, "Derived data").
 */

/** What a write changed: the branch's data (customers, assets, tiers, rules, settings), or only the service record
 * (contacts, actions, complaints, surveys) that the warning list reads. */
export type DataChange = 'branchData' | 'serviceRecord';

/** A kind of derived data: values by key (usually a month), at most `keep` of them (the least recently used go first). */
export interface DerivedKind<T> {
  readonly id: symbol;
  readonly keep: number;
  /** Also dropped when the service record changes. */
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

export class DerivedData {
  private readonly kinds = new Map<symbol, { kind: DerivedKind<unknown>; values: Map<string, unknown> }>();

  /** The value kept for `key`, or made now by `make` and kept. */
  get<T>(kind: DerivedKind<T>, key: string, make: () => T): T {
    let entry = this.kinds.get(kind.id);
    if (!entry) this.kinds.set(kind.id, (entry = { kind, values: new Map() }));
    if (entry.values.has(key)) {
      const value = entry.values.get(key) as T;
      entry.values.delete(key); // re-inserted: the Map's order is the order of use
      entry.values.set(key, value);
      return value;
    }
    const value = make();
    entry.values.set(key, value);
    for (const oldest of entry.values.keys()) {
      if (entry.values.size <= kind.keep) break;
      entry.values.delete(oldest);
    }
    return value;
  }

  /** The value kept for `key`, if any (nothing is made). */
  peek<T>(kind: DerivedKind<T>, key: string): T | undefined {
    return this.kinds.get(kind.id)?.values.get(key) as T | undefined;
  }

  /** Drops what a write made stale. */
  changed(what: DataChange): void {
    for (const [id, entry] of this.kinds)
      if (what === 'branchData' || entry.kind.readsServiceRecord) this.kinds.delete(id);
  }

  /** Drops one kind (a benchmark measuring the cold path). */
  drop(kind: DerivedKind<unknown>): void {
    this.kinds.delete(kind.id);
  }
}
