/**
 * Is the database file sound? SQLite's `quick_check` (every page and record read, without the index-against-table
 * comparison of `integrity_check`) on a read-only connection, so a damaged file is never written to by the check.
 * On a large branch it takes seconds (the encrypted 200,000-customer branch: 3–4 s), so the app runs it in a worker
 * thread while the first screens read (docs/architecture.md, "A damaged database").
 */
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import type { Database } from 'better-sqlite3';
import { openDatabaseFile } from './connection';

export type FileCheck = { ok: true } | { ok: false; problem: string };

/** SQLite's report of the first few problems (or the error that stopped it), for the log and the screen. */
const summary = (text: string) => text.slice(0, 300);

export function checkDatabaseFile(
  file: string,
  key: string | null,
  pragma: 'quick_check' | 'integrity_check' = 'quick_check',
): FileCheck {
  try {
    const db = openDatabaseFile(file, key, { readonly: true, fileMustExist: true });
    try {
      const rows = db.pragma(`${pragma}(5)`, { simple: false }) as Array<Record<string, string>>;
      const lines = rows.map((row) => Object.values(row)[0]);
      return lines.length === 1 && lines[0] === 'ok' ? { ok: true } : { ok: false, problem: summary(lines.join('; ')) };
    } finally {
      db.close();
    }
  } catch (error) {
    return {
      ok: false,
      problem: summary(
        error instanceof Error ? `${(error as { code?: string }).code ?? ''} ${error.message}`.trim() : String(error),
      ),
    };
  }
}

/** Where the file's size and time are kept when it last passed its check. */
const passedFile = (file: string) => `${file}.checked`;
const stamp = (file: string) => {
  const { size, mtimeMs } = statSync(file);
  return `${size}:${mtimeMs}`;
};

/** Records that the file passed its check as it is now (size and modification time). */
export function recordPassedCheck(file: string): void {
  writeFileSync(passedFile(file), stamp(file));
}

/**
 * Whether the file is unchanged since it last passed its check: a question that only reads may then skip the check.
 * Any change to the file (a checkpoint, or damage done behind the app's back) changes its size or time.
 */
export function passedCheckUnchanged(file: string): boolean {
  try {
    return readFileSync(passedFile(file), 'utf8') === stamp(file);
  } catch {
    return false;
  }
}

/** Every table's row count (SQLite's own tables aside), by name: a copy of a database must hold as many rows. */
export function countRowsByTable(db: Database): Record<string, number> {
  const tables = db
    .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .pluck()
    .all() as string[];
  return Object.fromEntries(
    tables.map((name) => [
      name,
      db
        .prepare(`SELECT count(*) FROM "${name.replaceAll('"', '""')}"`)
        .pluck()
        .get(),
    ]),
  ) as Record<string, number>;
}
