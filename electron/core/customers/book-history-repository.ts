import type { Database } from 'better-sqlite3';

export interface ManagerChangeRow {
  from_code: string | null;
  to_code: string | null;
  effective_date: string;
  reason: string;
  import_batch_id: number | null;
  handover_id: number | null;
  from_name: string | null;
  to_name: string | null;
}

/** A customer's manager changes, in the order they took effect, with the managers' names where staff has them. */
export function listManagerChanges(sqlite: Database, customerId: number): ManagerChangeRow[] {
  return sqlite
    .prepare(
      `SELECT m.from_code, m.to_code, m.effective_date, m.reason, m.import_batch_id, m.handover_id, f.name AS from_name, t.name AS to_name
       FROM manager_changes m LEFT JOIN staff f ON f.code = m.from_code LEFT JOIN staff t ON t.code = m.to_code
       WHERE m.customer_id = ? ORDER BY m.effective_date, m.id`,
    )
    .all(customerId) as ManagerChangeRow[];
}
