import type { Store } from '../db/connection';

/** What every service gets: the branch database and a clock (injected so tests can fix "today"). */
export interface CoreContext {
  store: Store;
  /** Today as `YYYY-MM-DD` in the branch's local time. */
  today(): string;
  /** Now as an ISO timestamp. */
  now(): string;
}

export function localToday(date = new Date()): string {
  const y = date.getFullYear();
  const m = String(date.getMonth() + 1).padStart(2, '0');
  const d = String(date.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

export function createContext(store: Store): CoreContext {
  return { store, today: () => localToday(), now: () => new Date().toISOString() };
}
