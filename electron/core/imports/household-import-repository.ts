import type { Database } from 'better-sqlite3';

/** A membership a households batch writes (docs/domain.md, "Households"). */
export interface ImportedMembership {
  customerId: number;
  role: string;
  joinedDate: string;
}

/**
 * Writes a batch's households: the new ones (each with its members) and the members joining households there are,
 * every row with the batch (undo takes them back by it).
 */
export function recordImportedHouseholds(
  sqlite: Database,
  batch: { id: number; now: string; by: string | null },
  created: ReadonlyArray<{ createdDate: string; members: readonly ImportedMembership[] }>,
  joining: ReadonlyArray<ImportedMembership & { householdId: number }>,
): void {
  const insertHousehold = sqlite.prepare(
    'INSERT INTO households (created_date, import_batch_id, created_at, created_by) VALUES (?, ?, ?, ?)',
  );
  const rows: Array<[number, number, string, string]> = joining.map((m) => [
    m.householdId,
    m.customerId,
    m.role,
    m.joinedDate,
  ]);
  for (const h of created) {
    const id = Number(insertHousehold.run(h.createdDate, batch.id, batch.now, batch.by).lastInsertRowid);
    for (const m of h.members) rows.push([id, m.customerId, m.role, m.joinedDate]);
  }
  if (rows.length === 0) return;
  sqlite
    .prepare(
      `INSERT INTO household_members (household_id, customer_id, role, joined_date, import_batch_id, created_at, created_by)
       SELECT json_extract(j.value, '$[0]'), json_extract(j.value, '$[1]'), json_extract(j.value, '$[2]'),
              json_extract(j.value, '$[3]'), ?, ?, ?
       FROM json_each(?) j`,
    )
    .run(batch.id, batch.now, batch.by, JSON.stringify(rows));
}

/** Undo: the memberships a batch wrote, then the households it started, are taken back. */
export function forgetImportedHouseholds(sqlite: Database, batchId: number): void {
  sqlite.prepare('DELETE FROM household_members WHERE import_batch_id = ?').run(batchId);
  sqlite.prepare('DELETE FROM households WHERE import_batch_id = ?').run(batchId);
}
