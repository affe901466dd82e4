import type { Database } from 'better-sqlite3';

/** A customer an import moves to another manager: id, the manager before, the manager after. */
export type ManagerMove = [customerId: number, fromCode: string | null, toCode: string | null];

/**
 * Keeps in the book history the customers an import batch moves to another manager (a customer master or a book
 * assignment file), effective the day of the import (docs/domain.md, "Book history"): one statement for the batch.
 */
export function recordImportedManagerChanges(
  sqlite: Database,
  batch: { id: number; now: string; today: string; by: string | null },
  moves: ManagerMove[],
): void {
  if (moves.length === 0) return;
  sqlite
    .prepare(
      `INSERT INTO manager_changes (customer_id, from_code, to_code, effective_date, reason, import_batch_id, recorded_at, recorded_by)
       SELECT j.value ->> 0, j.value ->> 1, j.value ->> 2, ?, 'import', ?, ?, ? FROM json_each(?) j`,
    )
    .run(batch.today, batch.id, batch.now, batch.by, JSON.stringify(moves));
}

/** Undo: the changes a batch recorded are taken back (the customers' managers are restored from their rows before). */
export function forgetImportedManagerChanges(sqlite: Database, batchId: number): void {
  sqlite.prepare('DELETE FROM manager_changes WHERE import_batch_id = ?').run(batchId);
}
