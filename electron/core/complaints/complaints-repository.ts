import type { Database } from 'better-sqlite3';

/** Open complaints (not yet 办结) per customer: the warning model's "open complaint" signal. */
export function openComplaintCounts(sqlite: Database): Map<number, number> {
  const rows = sqlite
    .prepare(
      "SELECT customer_id, count(*) AS n FROM complaints WHERE status <> 'closed' AND customer_id IS NOT NULL GROUP BY customer_id",
    )
    .raw()
    .all() as Array<[number, number]>;
  return new Map(rows);
}
