import type { Database } from 'better-sqlite3';

/**
 * Keeps in the assessment record the assessment these customers now have, as written by an import batch (the
 * customer master or an assessment file): one row each, as the card records one (docs/domain.md, "Suitability").
 */
export function recordImportedAssessments(
  sqlite: Database,
  batch: { id: number; now: string; by: string | null },
  customerNos: string[],
): void {
  if (customerNos.length === 0) return;
  sqlite
    .prepare(
      `INSERT INTO risk_assessments (customer_id, risk_level, assessed_date, channel, professional, recorded_at, recorded_by, import_batch_id)
       SELECT c.id, c.risk_level, c.risk_assessed_date, c.risk_assessed_channel, c.professional_investor, ?, ?, ?
       FROM json_each(?) j CROSS JOIN customers c ON c.customer_no = j.value ORDER BY c.id`,
    )
    .run(batch.now, batch.by, batch.id, JSON.stringify(customerNos));
}

/** Undo: the assessments a batch recorded are taken back (the customers' columns are restored from their rows before). */
export function forgetImportedAssessments(sqlite: Database, batchId: number): void {
  sqlite.prepare('DELETE FROM risk_assessments WHERE import_batch_id = ?').run(batchId);
}
