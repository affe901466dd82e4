import type { Database } from 'better-sqlite3';

/** A use a benefit-usage batch writes (docs/domain.md, "Benefits"). */
export interface ImportedBenefitUse {
  customerId: number;
  benefitCode: string;
  usedDate: string;
  count: number;
  note: string;
}

/** Writes a batch's uses, each with the batch (undo takes them back by it). */
export function recordImportedBenefitUses(
  sqlite: Database,
  batch: { id: number; now: string; by: string | null },
  uses: readonly ImportedBenefitUse[],
): void {
  if (uses.length === 0) return;
  sqlite
    .prepare(
      `INSERT INTO benefit_uses (customer_id, benefit_code, used_date, count, note, override_reason, import_batch_id, created_at, created_by)
       SELECT json_extract(j.value, '$[0]'), json_extract(j.value, '$[1]'), json_extract(j.value, '$[2]'),
              json_extract(j.value, '$[3]'), json_extract(j.value, '$[4]'), NULL, ?, ?, ?
       FROM json_each(?) j`,
    )
    .run(
      batch.id,
      batch.now,
      batch.by,
      JSON.stringify(uses.map((u) => [u.customerId, u.benefitCode, u.usedDate, u.count, u.note])),
    );
}

/** Undo: the uses a batch wrote are taken back. */
export function forgetImportedBenefitUses(sqlite: Database, batchId: number): void {
  sqlite.prepare('DELETE FROM benefit_uses WHERE import_batch_id = ?').run(batchId);
}
