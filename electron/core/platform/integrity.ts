/**
 * Is the database file sound? SQLite's `quick_check` (every page and record read, without the index-against-table
 * comparison of `integrity_check`) on a read-only connection, so a damaged file is never written to by the check.
 * On a large branch it takes seconds (the encrypted 200,000-customer branch: 3–4 s), so the app runs it in a worker
 * thread while the first screens read (docs/architecture.md, "A damaged database").
 */
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
