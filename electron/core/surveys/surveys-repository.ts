import type { Database } from 'better-sqlite3';

/** Each customer's latest 1–5 score: the warning model's "last survey score" signal. */
export function lastSurveyScores(sqlite: Database): Map<number, number> {
  // SQLite takes the bare column (csat) from the row holding max(response_date): one pass over the customer index.
  const rows = sqlite
    .prepare(
      'SELECT customer_id, csat, max(response_date) FROM survey_responses WHERE csat IS NOT NULL GROUP BY customer_id',
    )
    .raw()
    .all() as Array<[number, number, string]>;
  return new Map(rows.map(([id, csat]) => [id, csat]));
}
